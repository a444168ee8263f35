// The one notion of a flaky test (tasks validate --repeat and grading --reruns): runs compared test for
// test, absent counting as a status; and which outcomes trigger a rerun.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StatusMap, TestStatus } from "../../../src/core/index.js";
import { describeFlip, testFlips } from "../../../src/grader/flakiness.js";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { failedGradedTests, removeRerunArtifacts } from "../../../src/runner/grade-with-reruns.js";

const run = (entries: Record<string, TestStatus>): StatusMap => new Map(Object.entries(entries));

describe("testFlips", () => {
  it("finds no flip in runs that agree, nor in a single run", () => {
    const a = run({ t1: "PASSED", t2: "FAILED" });
    expect(testFlips([a, run({ t2: "FAILED", t1: "PASSED" }), a])).toEqual([]);
    expect(testFlips([a])).toEqual([]);
    expect(testFlips([])).toEqual([]);
  });

  it("lists each test whose status differs in any run, sorted, with its status per run", () => {
    const runs = [
      run({ b: "FAILED", a: "PASSED", c: "PASSED" }),
      run({ b: "PASSED", a: "PASSED", c: "PASSED" }),
      run({ b: "FAILED", a: "ERROR" }),
    ];
    expect(testFlips(runs)).toEqual([
      { test: "a", statuses: ["PASSED", "PASSED", "ERROR"] },
      { test: "b", statuses: ["FAILED", "PASSED", "FAILED"] },
      { test: "c", statuses: ["PASSED", "PASSED", null] },
    ]);
    // A flip between the second and third run only counts too (not only against the first).
    expect(testFlips([run({ x: "PASSED" }), run({ x: "PASSED" }), run({ x: "FAILED" })])).toHaveLength(1);
  });

  it("compares only the tests asked for, absent ones included", () => {
    const runs = [run({ graded: "FAILED", other: "PASSED" }), run({ graded: "FAILED", other: "FAILED" })];
    expect(testFlips(runs, ["graded"])).toEqual([]);
    expect(testFlips([run({}), run({ missing: "PASSED" })], ["missing", "never"])).toEqual([
      { test: "missing", statuses: [null, "PASSED"] },
    ]);
  });

  it("names a flip with its statuses in run order", () => {
    expect(describeFlip({ test: "tests/t.py::test_a", statuses: ["FAILED", null, "PASSED"] })).toBe(
      "tests/t.py::test_a (FAILED, absent, PASSED)",
    );
  });
});

describe("failedGradedTests (what makes grading rerun an eval)", () => {
  const outcome = (status: InstanceOutcome["status"], f2pFail: string[], p2pFail: string[]): InstanceOutcome => ({
    instanceId: "i",
    model: "m",
    status,
    timings: { totalMs: 1 },
    report: {
      ...{ patch_is_None: false, patch_exists: true, patch_successfully_applied: true, resolved: status === "resolved" },
      tests_status: {
        FAIL_TO_PASS: { success: [], failure: f2pFail },
        PASS_TO_PASS: { success: [], failure: p2pFail },
        FAIL_TO_FAIL: { success: [], failure: [] },
        PASS_TO_FAIL: { success: [], failure: [] },
      },
    },
  });

  it("is the failed FAIL_TO_PASS and PASS_TO_PASS tests of an unresolved verdict", () => {
    expect(failedGradedTests(outcome("unresolved", ["f"], ["p"]))).toEqual(["f", "p"]);
  });

  it("is empty for a verdict that rests on no failed test: resolved, a rejected log, an error", () => {
    expect(failedGradedTests(outcome("resolved", [], []))).toEqual([]);
    expect(failedGradedTests(outcome("log_rejected", ["f"], []))).toEqual([]);
    expect(failedGradedTests({ instanceId: "i", model: "m", status: "timeout", timings: { totalMs: 1 } })).toEqual([]);
  });
});

describe("removeRerunArtifacts (before an instance is graded again)", () => {
  it("removes the rerun-<k> folders an earlier grading left and nothing else", async () => {
    const dir = await mkdtemp(join(tmpdir(), "swerig-reruns-"));
    try {
      for (const d of ["rerun-1", "rerun-12", "rerun-x", "sample-0"]) await mkdir(join(dir, d));
      await writeFile(join(dir, "rerun-1", "test_output.txt"), "old");
      await writeFile(join(dir, "status.json"), "{}");
      await removeRerunArtifacts(dir);
      expect((await readdir(dir)).sort()).toEqual(["rerun-x", "sample-0", "status.json"]);
      await removeRerunArtifacts(join(dir, "missing"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
