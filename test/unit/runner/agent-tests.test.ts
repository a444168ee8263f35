import { describe, expect, it } from "vitest";
import { applyErrorBefore } from "../../../src/runner/agent-tests.js";

describe("applyErrorBefore", () => {
  it("finds git apply's error before the tests start, not an error the tests print", () => {
    const log =
      "+ git apply -v -\nChecking patch tests/t.py...\nerror: patch failed: tests/t.py:3\n+ : '>>>>> Start Test Output n'\nerror: x\n";
    expect(applyErrorBefore(log, ">>>>> Start Test Output n")).toBe("error: patch failed: tests/t.py:3");
    const clean = "Applied patch tests/t.py cleanly.\n+ : '>>>>> Start Test Output n'\nerror: from a test\n";
    expect(applyErrorBefore(clean, ">>>>> Start Test Output n")).toBeUndefined();
  });
});
