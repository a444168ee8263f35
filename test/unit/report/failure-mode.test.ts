import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { failureMode } from "../../../src/report/failure-mode.js";

const outcome = (status: InstanceOutcome["status"]): InstanceOutcome => ({ instanceId: "t", model: "m", status, timings: { totalMs: 1 } });

describe("failure modes", () => {
  it("has no label for a resolved run", () => {
    expect(failureMode(outcome("resolved"), "submitted", "")).toBeUndefined();
  });

  it("labels what grading says before reading the log", () => {
    expect(failureMode(outcome("empty_patch"), "submitted", "")).toBe("no_patch");
    expect(failureMode(outcome("empty_patch"), "limit", "")).toBe("limit_exceeded");
    expect(failureMode(outcome("patch_failed"), "submitted", "")).toBe("patch_did_not_apply");
    expect(failureMode(outcome("timeout"), "submitted", "")).toBe("timeout");
    expect(failureMode(outcome("error"), "submitted", "")).toBe("error");
  });

  it("reads the test log of an unresolved run: syntax, then invented names, then assertions", () => {
    const u = outcome("unresolved");
    expect(failureMode(u, "submitted", 'E     File "x.py", line 3\nE   SyntaxError: invalid syntax')).toBe("syntax_error");
    expect(failureMode(u, "submitted", "E   AttributeError: 'Settings' object has no attribute 'get_bool'\nAssertionError")).toBe(
      "import_attribute_name_error",
    );
    expect(failureMode(u, "submitted", "TypeError: parseDuration is not a function")).toBe("import_attribute_name_error");
    expect(failureMode(u, "submitted", "pkg/x_test.go:12:3: undefined: slices")).toBe("import_attribute_name_error");
    expect(failureMode(u, "submitted", "error[E0599]: no method named `is_some_and` found")).toBe("import_attribute_name_error");
    expect(failureMode(u, "submitted", "E   AssertionError: assert 3 == 4")).toBe("assertion_failure");
    expect(failureMode(u, "limit", "nothing recognisable")).toBe("limit_exceeded");
    expect(failureMode(u, "submitted", "nothing recognisable")).toBe("tests_failed");
  });
});
