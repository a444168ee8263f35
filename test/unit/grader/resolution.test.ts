import { describe, expect, it } from "vitest";
import type { StatusMap, TestStatus } from "../../../src/core/test-status.js";
import { getResolutionStatus, getTestsStatus, lookupTestStatus, successRatio, type TestsStatus } from "../../../src/grader/resolution.js";

const map = (entries: Record<string, TestStatus>): StatusMap => new Map(Object.entries(entries));

function status(f2p: [string[], string[]], p2p: [string[], string[]]): TestsStatus {
  return {
    FAIL_TO_PASS: { success: f2p[0], failure: f2p[1] },
    PASS_TO_PASS: { success: p2p[0], failure: p2p[1] },
    FAIL_TO_FAIL: { success: [], failure: [] },
    PASS_TO_FAIL: { success: [], failure: [] },
  };
}

describe("getTestsStatus, both semantics", () => {
  const statusMap = map({ p: "PASSED", x: "XFAIL", f: "FAILED", e: "ERROR" });
  for (const semantics of ["v4", "v5"] as const) {
    it(`${semantics}: PASSED and XFAIL succeed; FAILED, ERROR and absent fail`, () => {
      const result = getTestsStatus(statusMap, ["p", "f", "absent", "x"], ["e", "p", "x", "gone"], semantics);
      expect(result).toEqual(
        status(
          [
            ["p", "x"],
            ["f", "absent"],
          ],
          [
            ["p", "x"],
            ["e", "gone"],
          ],
        ),
      );
    });

    it(`${semantics}: keeps the input order and duplicates, and fills the *_TO_FAIL lists empty`, () => {
      const result = getTestsStatus(statusMap, ["x", "p", "x"], [], semantics);
      expect(result.FAIL_TO_PASS.success).toEqual(["x", "p", "x"]);
      expect(result.FAIL_TO_FAIL).toEqual({ success: [], failure: [] });
      expect(result.PASS_TO_FAIL).toEqual({ success: [], failure: [] });
    });
  }
});

describe("getTestsStatus: SKIPPED", () => {
  const statusMap = map({ s: "SKIPPED" });

  it("v4 drops a skipped test from both lists", () => {
    expect(getTestsStatus(statusMap, ["s"], ["s"], "v4")).toEqual(status([[], []], [[], []]));
  });

  it("v5 fails a skipped FAIL_TO_PASS test and keeps a skipped PASS_TO_PASS test", () => {
    expect(getTestsStatus(statusMap, ["s"], ["s"], "v5")).toEqual(status([[], ["s"]], [["s"], []]));
  });
});

describe("truncated parametrized ids", () => {
  const statusMap = map({
    "t.py::test_x[log(photon flux)]": "PASSED",
    "t.py::test_y[a b]": "PASSED",
    "t.py::test_y[a c]": "FAILED",
    "t.py::test_z[k": "FAILED",
    "t.py::test_z[k v]": "PASSED",
  });

  it("v5 matches a truncated id to the one map id it prefixes", () => {
    expect(lookupTestStatus(statusMap, "t.py::test_x[log(photon", "v5")).toBe("PASSED");
    expect(getTestsStatus(statusMap, ["t.py::test_x[log(photon"], [], "v5").FAIL_TO_PASS.success).toEqual(["t.py::test_x[log(photon"]);
  });

  it("v5 treats an ambiguous prefix as absent", () => {
    expect(lookupTestStatus(statusMap, "t.py::test_y[a", "v5")).toBeUndefined();
  });

  it("v5 prefers an exact match", () => {
    expect(lookupTestStatus(statusMap, "t.py::test_z[k", "v5")).toBe("FAILED");
  });

  it("v5 does not prefix-match complete ids", () => {
    expect(lookupTestStatus(map({ "t.py::test_q[a]x": "PASSED" }), "t.py::test_q[a]", "v5")).toBeUndefined();
    expect(lookupTestStatus(map({ "t.py::test_qq": "PASSED" }), "t.py::test_q", "v5")).toBeUndefined();
  });

  it("v4 never prefix-matches", () => {
    expect(lookupTestStatus(statusMap, "t.py::test_x[log(photon", "v4")).toBeUndefined();
  });
});

describe("getResolutionStatus", () => {
  it("is FULL when every graded test succeeded", () => {
    expect(getResolutionStatus(status([["a"], []], [["b"], []]))).toBe("RESOLVED_FULL");
  });

  it("is FULL when both lists are empty (a ratio with nothing graded is 1)", () => {
    expect(successRatio({ success: [], failure: [] })).toBe(1);
    expect(getResolutionStatus(status([[], []], [[], []]))).toBe("RESOLVED_FULL");
  });

  it("is PARTIAL when some but not all FAIL_TO_PASS tests pass and PASS_TO_PASS holds", () => {
    expect(getResolutionStatus(status([["a"], ["b"]], [["c"], []]))).toBe("RESOLVED_PARTIAL");
  });

  it("is NO when no FAIL_TO_PASS test passes", () => {
    expect(getResolutionStatus(status([[], ["a"]], [["c"], []]))).toBe("RESOLVED_NO");
  });

  it("is NO when any PASS_TO_PASS test broke, however many FAIL_TO_PASS pass", () => {
    expect(getResolutionStatus(status([["a"], []], [["c"], ["d"]]))).toBe("RESOLVED_NO");
    expect(getResolutionStatus(status([["a"], ["b"]], [["c"], ["d"]]))).toBe("RESOLVED_NO");
  });

  it("v4 can resolve an instance whose only FAIL_TO_PASS test was skipped; v5 cannot", () => {
    const statusMap = map({ s: "SKIPPED", p: "PASSED" });
    expect(getResolutionStatus(getTestsStatus(statusMap, ["s"], ["p"], "v4"))).toBe("RESOLVED_FULL");
    expect(getResolutionStatus(getTestsStatus(statusMap, ["s"], ["p"], "v5"))).toBe("RESOLVED_NO");
  });
});
