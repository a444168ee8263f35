import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { failureMode } from "../../../src/report/failure-mode.js";

const rejected: InstanceOutcome = { instanceId: "t", model: "m", status: "log_rejected", timings: { totalMs: 1 } };

describe("failure mode of a rejected log", () => {
  it("is log_rejected for a runner crash or a forged log, whatever the agent's end", () => {
    expect(failureMode(rejected, "submitted", "INTERNALERROR> RuntimeError: boom")).toBe("log_rejected");
    expect(failureMode(rejected, "limit", "PASSED tests/test_a.py::test_x")).toBe("log_rejected");
  });

  it("names the patch's own syntax error or invented name when the log shows one, but never an assertion", () => {
    const syntax = 'INTERNALERROR>   File "conftest.py", line 2\nINTERNALERROR> SyntaxError: invalid syntax';
    expect(failureMode(rejected, "submitted", syntax)).toBe("syntax_error");
    const missing = "ImportError while loading conftest '/testbed/conftest.py'.";
    expect(failureMode(rejected, "submitted", missing)).toBe("import_attribute_name_error");
    expect(failureMode(rejected, "submitted", "AssertionError: forged")).toBe("log_rejected");
  });
});
