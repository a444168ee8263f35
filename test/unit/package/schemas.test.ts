// The JSON Schemas in schemas/ are what the code's zod schemas generate (run `npm run schemas` after
// changing one), and they say what the code checks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../../../src/api/schemas.js";

const committed = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../../schemas/${file}`, import.meta.url), "utf8"));

describe("JSON Schemas of hand-written files", () => {
  const generated = jsonSchemas();

  it.each(Object.keys(generated))("schemas/%s is up to date with the code (npm run schemas)", (file) => {
    expect(committed(file)).toEqual(JSON.parse(JSON.stringify(generated[file])));
  });

  it("task.json: the required fields, the closed set of keys, and the patterns the loader checks", () => {
    const task = generated["task.schema.json"] as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(task.required).toEqual(expect.arrayContaining(["schema", "id", "repo", "language", "FAIL_TO_PASS", "PASS_TO_PASS"]));
    expect(task.required).not.toContain("$schema");
    expect(task.additionalProperties).toBe(false);
    expect(task.properties["id"]).toMatchObject({ pattern: "^[a-z0-9][a-z0-9_.-]*$" });
  });

  it("a trace line is one of the event types, told apart by `type`", () => {
    const event = generated["trace-event.schema.json"] as { oneOf?: { properties: { type: { const: string } } }[] };
    const types = (event.oneOf ?? []).map((e) => e.properties.type.const);
    expect(types).toEqual(expect.arrayContaining(["run_start", "tool_call", "tool_result", "agent_end", "grade"]));
  });
});
