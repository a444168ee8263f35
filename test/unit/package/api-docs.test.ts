// docs/api.md is what the library entry's types and doc comments generate (`npm run docs`).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiReference } from "../../../scripts/api-reference.js";

describe("the API reference", () => {
  it("docs/api.md is up to date with src/api/index.ts (npm run docs)", () => {
    const generated = apiReference();
    expect(generated).toContain("### defineAgent (function)");
    expect(generated).toContain("### runTasks (function)");
    expect(readFileSync(new URL("../../../docs/api.md", import.meta.url), "utf8")).toBe(generated);
  }, 60_000);
});
