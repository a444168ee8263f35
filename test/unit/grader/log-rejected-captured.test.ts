// A real log: pytest on the bundled pyledger task stopped by an INTERNALERROR that a patch's conftest.py
// raised (captured from a grading container, nonce replaced). 5.0.x refuses it (no result, no sign the
// suite ran) and so does our exit-code check; the report names the ambiguous "no tests ran" signature.
import { describe, expect, it } from "vitest";
import { parseEvalLog } from "../../../src/grader/eval-log.js";
import { harnessLogCheck } from "../../../src/grader/harness-log-check.js";
import { readTestExitCode } from "../../../src/grader/instrument-eval-script.js";
import { rejectedLogReport } from "../../../src/grader/official-report.js";
import { readLogFixture } from "./fixture-files.js";

const log = readLogFixture("pytest-captured/internalerror-exit-3.txt");
const exitCode = readTestExitCode(log, "capture0nonce");
const options = {
  parser: "parse_log_pytest",
  startMarker: ">>>>> Start Test Output capture0nonce",
  endMarker: ">>>>> End Test Output capture0nonce",
  exitCode,
};

describe("captured pytest INTERNALERROR log", () => {
  it("exits 3 and is refused by both the 5.0.x rules and ours; 4.1 would have graded it", () => {
    expect(exitCode).toBe(3);
    expect(harnessLogCheck(log, { ...options, semantics: "v5" })).toMatch(/^no test results/);
    expect(harnessLogCheck(log, { ...options, semantics: "v4" })).toBeUndefined();
    expect(parseEvalLog(log, options)).toEqual({ kind: "rejected", reason: "the test command exited 3 but no test is FAILED or ERROR" });
  });

  it("gets the report 5.0.x writes for it", () => {
    expect(rejectedLogReport(log, "v5")).toEqual({
      patch_is_None: false,
      patch_exists: true,
      patch_successfully_applied: false,
      resolved: false,
      infra_failure: false,
      infra_failure_reason: "no_tests_collected",
    });
  });
});
