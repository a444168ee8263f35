import { describe, expect, it } from "vitest";
import { describeChange, devHeader, devLine, type DevRow } from "../../../src/report/dev-table.js";

const row = (fields: Partial<DevRow>): DevRow => ({
  iteration: 1,
  taskId: "pyledger-show-zero",
  status: "resolved",
  steps: 3,
  seconds: 2.34,
  diffSha256: "a",
  cached: false,
  ...fields,
});

describe("the dev table", () => {
  it("says first run, then whether the diff changed, a verdict flip and a cached verdict", () => {
    expect(describeChange(undefined, row({}))).toBe("first run");
    expect(describeChange(row({}), row({ iteration: 2, cached: true }))).toBe("diff unchanged, cached");
    expect(describeChange(row({}), row({ iteration: 2, status: "unresolved", diffSha256: "b" }))).toBe(
      "FLIP resolved → unresolved, diff changed",
    );
    expect(describeChange(row({}), row({ diffSha256: "b", note: "new container" }))).toBe("diff changed, new container");
  });

  it("lines up the columns under the header and cuts long task ids", () => {
    const line = devLine(undefined, row({ taskId: "x".repeat(60) }));
    expect(line.indexOf("resolved")).toBe(devHeader().indexOf("verdict"));
    expect(line).toContain(`${"x".repeat(33)}…`);
    expect(line).toContain("2.3s");
  });
});
