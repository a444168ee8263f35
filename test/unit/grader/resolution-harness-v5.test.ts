// The SWE-bench 5.0.x grading rules for truncated parametrized ids and skipped tests, case by case
// as the harness decides them; v4 (4.1) keeps exact ids and drops skipped tests.
import { describe, expect, it } from "vitest";
import type { StatusMap, TestStatus } from "../../../src/core/test-status.js";
import { getResolutionStatus, getTestsStatus, lookupTestStatus } from "../../../src/grader/resolution.js";

const map = (entries: [string, TestStatus][]): StatusMap => new Map(entries);
const TRUNCATED = "tests/test_a.py::test_x[args1-No";

describe("5.0.x: a truncated parametrized id prefix-matches when the matches agree", () => {
  it("matches the one full id of the #290 shape, passed or failed", () => {
    const id = "astropy/units/tests/test_format.py::test_ogip_grammar_fail[log(photon";
    expect(lookupTestStatus(map([[`${id} / m**2 s)]`, "PASSED"]]), id, "v5")).toBe("PASSED");
    expect(lookupTestStatus(map([[`${id} / m**2 s)]`, "FAILED"]]), id, "v5")).toBe("FAILED");
  });

  it("accepts several matches that all pass, PASSED and XFAIL alike", () => {
    const statusMap = map([
      [`${TRUNCATED}ne]`, "PASSED"],
      [`${TRUNCATED}-value]`, "XFAIL"],
    ]);
    expect(lookupTestStatus(statusMap, TRUNCATED, "v5")).toBe("PASSED");
    expect(getTestsStatus(statusMap, [TRUNCATED], [], "v5").FAIL_TO_PASS).toEqual({ success: [TRUNCATED], failure: [] });
  });

  it("leaves the id absent (a failure) when the matches disagree on pass", () => {
    const statusMap = map([
      [`${TRUNCATED}ne]`, "PASSED"],
      [`${TRUNCATED}-value]`, "FAILED"],
    ]);
    expect(lookupTestStatus(statusMap, TRUNCATED, "v5")).toBeUndefined();
    expect(getTestsStatus(statusMap, [], [TRUNCATED], "v5").PASS_TO_PASS).toEqual({ success: [], failure: [TRUNCATED] });
  });

  it("takes the first match's own status when the non-passing matches differ (SKIPPED before FAILED)", () => {
    const skippedFirst = map([
      [`${TRUNCATED}ne]`, "SKIPPED"],
      [`${TRUNCATED}-value]`, "FAILED"],
    ]);
    expect(getTestsStatus(skippedFirst, [TRUNCATED], [TRUNCATED], "v5")).toMatchObject({
      FAIL_TO_PASS: { success: [], failure: [TRUNCATED] },
      PASS_TO_PASS: { success: [TRUNCATED], failure: [] },
    });
    const failedFirst = map([...skippedFirst].reverse());
    expect(getTestsStatus(failedFirst, [], [TRUNCATED], "v5").PASS_TO_PASS).toEqual({ success: [], failure: [TRUNCATED] });
  });

  it("treats only an id with more '[' than ']' as truncated", () => {
    expect(lookupTestStatus(map([["handles foo] gracefully and more", "PASSED"]]), "handles foo] gracefully", "v5")).toBeUndefined();
    expect(lookupTestStatus(map([["t.py::test_x[case-1-extended]", "PASSED"]]), "t.py::test_x[case-1]", "v5")).toBeUndefined();
    expect(lookupTestStatus(map([["t.py::t[a] [b c]", "PASSED"]]), "t.py::t[a] [b", "v5")).toBe("PASSED");
    expect(lookupTestStatus(map([["t.py::t[a]] [b c]", "PASSED"]]), "t.py::t[a]] [b", "v5")).toBeUndefined();
  });

  it("does not look for a truncated map id: only the expected id is taken as cut short", () => {
    expect(lookupTestStatus(map([["t.py::test_x[log(photon", "PASSED"]]), "t.py::test_x[log(photon / m**2 s)]", "v5")).toBeUndefined();
  });

  it("is off under v4", () => {
    expect(lookupTestStatus(map([[`${TRUNCATED}ne]`, "PASSED"]]), TRUNCATED, "v4")).toBeUndefined();
  });
});

describe("5.0.x: SKIPPED fails FAIL_TO_PASS and keeps PASS_TO_PASS", () => {
  it("no longer resolves an instance whose every FAIL_TO_PASS test is skipped", () => {
    const statusMap = map([
      ["t_a", "SKIPPED"],
      ["t_b", "SKIPPED"],
      ["t_c", "PASSED"],
    ]);
    const v5 = getTestsStatus(statusMap, ["t_a", "t_b"], ["t_c"], "v5");
    expect(v5.FAIL_TO_PASS).toEqual({ success: [], failure: ["t_a", "t_b"] });
    expect(getResolutionStatus(v5)).toBe("RESOLVED_NO");
    // 4.1 dropped both from the lists, and an empty ratio counts 1: resolved.
    expect(getResolutionStatus(getTestsStatus(statusMap, ["t_a", "t_b"], ["t_c"], "v4"))).toBe("RESOLVED_FULL");
  });

  it("does not let a skipped PASS_TO_PASS test block resolution", () => {
    const statusMap = map([
      ["t_a", "PASSED"],
      ["t_c", "SKIPPED"],
    ]);
    const v5 = getTestsStatus(statusMap, ["t_a"], ["t_c"], "v5");
    expect(v5.PASS_TO_PASS).toEqual({ success: ["t_c"], failure: [] });
    expect(getResolutionStatus(v5)).toBe("RESOLVED_FULL");
  });
});

describe("eval_type fail_only (runners that print failures only)", () => {
  it("fails a test only on a FAILED result under its exact id; absent, ERROR and SKIPPED succeed", () => {
    const statusMap = map([
      ["f", "FAILED"],
      ["e", "ERROR"],
      ["s", "SKIPPED"],
      [`${TRUNCATED}ne]`, "FAILED"],
    ]);
    const result = getTestsStatus(statusMap, ["f", "absent", TRUNCATED], ["e", "s"], "v5", "fail_only");
    expect(result.FAIL_TO_PASS).toEqual({ success: ["absent", TRUNCATED], failure: ["f"] });
    expect(result.PASS_TO_PASS).toEqual({ success: ["e", "s"], failure: [] });
    expect(getResolutionStatus(getTestsStatus(new Map(), ["a"], ["b"], "v5", "fail_only"))).toBe("RESOLVED_FULL");
  });

  it("is pass_and_fail when the dataset says nothing", () => {
    expect(getTestsStatus(new Map(), ["a"], [], "v5").FAIL_TO_PASS).toEqual({ success: [], failure: ["a"] });
  });
});
