import { describe, expect, it } from "vitest";
import type { StatusMap } from "../../../../src/core/test-status.js";
import { checkWitness, type WitnessCheckInput } from "../../../../src/grader/witness/index.js";

const map = (entries: Record<string, string>): StatusMap => new Map(Object.entries(entries)) as StatusMap;

function input(log: Record<string, string>, witness: Record<string, string>, extra: Partial<WitnessCheckInput> = {}): WitnessCheckInput {
  return {
    logMap: map(log),
    witnessMap: map(witness),
    witness: { results: "", tampering: [], runnerFiles: [] },
    failToPass: ["f"],
    passToPass: ["p"],
    semantics: "v5",
    patchedFiles: [],
    ...extra,
  };
}

describe("checkWitness", () => {
  it("accepts a log that agrees with the runner", () => {
    expect(checkWitness(input({ f: "PASSED", p: "PASSED" }, { f: "PASSED", p: "PASSED" }))).toBeUndefined();
    expect(checkWitness(input({ f: "XFAIL", p: "SKIPPED" }, { f: "PASSED", p: "SKIPPED" }))).toBeUndefined();
  });

  it("rejects a log that grades a test better than the runner recorded it, naming both statuses", () => {
    expect(checkWitness(input({ f: "PASSED", p: "PASSED" }, { f: "FAILED", p: "PASSED" }))).toBe(
      "the log says f is PASSED but the test runner recorded it as FAILED",
    );
    expect(checkWitness(input({ f: "FAILED", p: "PASSED" }, { f: "FAILED" }))).toBe(
      "the log says p is PASSED but the test runner recorded it as absent",
    );
    // v5: SKIPPED succeeds for PASS_TO_PASS, so a log SKIPPED against a runner ERROR is more favourable.
    expect(checkWitness(input({ f: "FAILED", p: "SKIPPED" }, { f: "FAILED", p: "ERROR" }))).toContain("p is SKIPPED");
  });

  it("grades a log less favourable than the runner as it is (what the harness would do)", () => {
    expect(checkWitness(input({ f: "FAILED" }, { f: "PASSED", p: "PASSED" }))).toBeUndefined();
  });

  it("uses v4 semantics when asked: a SKIPPED test is dropped, which beats a failure", () => {
    const v4 = { semantics: "v4" as const };
    expect(checkWitness(input({ f: "SKIPPED", p: "PASSED" }, { f: "FAILED", p: "PASSED" }, v4))).toContain("f is SKIPPED");
    expect(checkWitness(input({ f: "SKIPPED", p: "PASSED" }, { f: "PASSED", p: "PASSED" }, v4))).toBeUndefined();
  });

  it("rejects runner code replaced during the run, whatever the statuses", () => {
    const witness = { results: "", tampering: ["replaced _pytest.python.Function.runtest"], runnerFiles: [] };
    expect(checkWitness(input({ f: "PASSED", p: "PASSED" }, { f: "PASSED", p: "PASSED" }, { witness }))).toBe(
      "the test runner's own code was changed during the run (replaced _pytest.python.Function.runtest)",
    );
  });

  it("rejects a patch that changes a file holding code run inside the runner, and only then", () => {
    const witness = { results: "", tampering: [], runnerFiles: [{ what: "a pytest_pyfunc_call hook", path: "tests/conftest.py" }] };
    const agree = [
      { f: "PASSED", p: "PASSED" },
      { f: "PASSED", p: "PASSED" },
    ] as const;
    expect(checkWitness(input(...agree, { witness, patchedFiles: ["src/x.py"] }))).toBeUndefined();
    expect(checkWitness(input(...agree, { witness, patchedFiles: ["src/x.py", "tests/conftest.py"] }))).toBe(
      "the patch changes tests/conftest.py, which holds a pytest_pyfunc_call hook running inside the test runner",
    );
  });

  it("refuses a patch to vitest's configuration on a vitest run only", () => {
    const agree = [
      { f: "PASSED", p: "PASSED" },
      { f: "PASSED", p: "PASSED" },
    ] as const;
    const patchedFiles = ["src/a.ts", "vitest.config.mts"];
    expect(checkWitness(input(...agree, { kind: "vitest", patchedFiles }))).toBe(
      "the patch changes vitest.config.mts, vitest's configuration, which runs inside the test runner before its witness",
    );
    expect(checkWitness(input(...agree, { kind: "pytest", patchedFiles }))).toBeUndefined();
    expect(checkWitness(input(...agree, { kind: "vitest", patchedFiles: ["src/vitest.config.helpers.ts"] }))).toBeUndefined();
  });

  it("grades with the dataset's eval_type: under fail_only an absent test passes, so it must not be FAILED for the runner", () => {
    const failOnly = { evalType: "fail_only" as const };
    expect(checkWitness(input({ p: "PASSED" }, { f: "FAILED", p: "PASSED" }, failOnly))).toBe(
      "the log says f is absent but the test runner recorded it as FAILED",
    );
    expect(checkWitness(input({ p: "PASSED" }, { f: "FAILED", p: "PASSED" }))).toBeUndefined();
  });

  it("gives the witness's notes on binaries it could not take with a test it recorded as absent", () => {
    const notes = ["the test binary lists-0a exited 0 before libtest started (libtest wrote no result file)"];
    const witness = { results: "", tampering: [], runnerFiles: [], notes };
    expect(checkWitness(input({ f: "PASSED", p: "PASSED" }, { p: "PASSED" }, { witness, kind: "cargo" }))).toBe(
      `the log says f is PASSED but the test runner recorded it as absent (${notes[0]})`,
    );
  });

  it("grades cargo doc-tests from the log alone (rustdoc runs them without cargo's runner), and only those", () => {
    const doc = "src/lib.rs - parse (line 12)";
    const cargo = { kind: "cargo", failToPass: [doc], passToPass: ["p"] };
    expect(checkWitness(input({ [doc]: "PASSED", p: "PASSED" }, { p: "PASSED" }, cargo))).toBeUndefined();
    expect(checkWitness(input({ [doc]: "PASSED", p: "PASSED" }, { [doc]: "FAILED", p: "PASSED" }, cargo))).toBeUndefined();
    expect(checkWitness(input({ [doc]: "PASSED", p: "PASSED" }, {}, cargo))).toBe(
      "the log says p is PASSED but the test runner recorded it as absent",
    );
    expect(checkWitness(input({ [doc]: "PASSED", p: "PASSED" }, { p: "PASSED" }, { ...cargo, kind: "go" }))).toContain(`${doc} is PASSED`);
  });
});
