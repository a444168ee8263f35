// Grading a status map against an instance's FAIL_TO_PASS / PASS_TO_PASS lists, and the
// resolution verdict, exactly as the SWE-bench harness does (v4.1 and v5.0 semantics).

import type { StatusMap, TestStatus } from "../core/test-status.js";
import type { EvalType } from "../tasks/index.js";

/**
 * - `v4`: PASSED/XFAIL succeed; absent/FAILED/ERROR fail; SKIPPED counts as neither.
 * - `v5`: SKIPPED fails for FAIL_TO_PASS and succeeds for PASS_TO_PASS; a truncated
 *   parametrized id (`test_x[log(photon`) matches the map ids it prefixes when they agree.
 * Both: an instance whose dataset says `eval_type: fail_only` fails a test only on a FAILED result.
 */
export type GradingSemantics = "v4" | "v5";

export interface TestOutcomes {
  success: string[];
  failure: string[];
}

export interface TestsStatus {
  FAIL_TO_PASS: TestOutcomes;
  PASS_TO_PASS: TestOutcomes;
  FAIL_TO_FAIL: TestOutcomes;
  PASS_TO_FAIL: TestOutcomes;
}

export type ResolutionStatus = "RESOLVED_FULL" | "RESOLVED_PARTIAL" | "RESOLVED_NO";

const count = (text: string, char: string) => text.split(char).length - 1;
const passes = (status: TestStatus | undefined) => status === "PASSED" || status === "XFAIL";

/**
 * The status the grader sees for one id; undefined when the test is absent. An exact id wins. Under
 * v5 an id with more `[` than `]` (a parametrized id cut short, `test_x[log(photon`) takes the first
 * map id it prefixes, provided every id it prefixes agrees on pass (PASSED/XFAIL) versus not; ids
 * that disagree leave it absent. Only the expected id is taken as truncated, never the map's ids.
 */
export function lookupTestStatus(statusMap: StatusMap, testId: string, semantics: GradingSemantics): TestStatus | undefined {
  const exact = statusMap.get(testId);
  if (exact !== undefined || semantics === "v4" || count(testId, "[") <= count(testId, "]")) return exact;
  const matches = [...statusMap.keys()].filter((candidate) => candidate.startsWith(testId));
  if (matches.length === 0) return undefined;
  const outcomes = new Set(matches.map((id) => passes(statusMap.get(id))));
  return outcomes.size === 1 ? statusMap.get(matches[0]!) : undefined;
}

type Verdict = "success" | "failure" | "dropped";

function judge(status: TestStatus | undefined, list: "FAIL_TO_PASS" | "PASS_TO_PASS", semantics: GradingSemantics): Verdict {
  if (passes(status)) return "success";
  if (status === "SKIPPED") {
    if (semantics === "v4") return "dropped";
    return list === "FAIL_TO_PASS" ? "failure" : "success";
  }
  return "failure";
}

/** `fail_only` (runners that print failures only): only a FAILED result under the exact id fails. */
function judgeFailOnly(status: TestStatus | undefined): Verdict {
  return status === "FAILED" ? "failure" : "success";
}

function grade(
  statusMap: StatusMap,
  testIds: readonly string[],
  list: "FAIL_TO_PASS" | "PASS_TO_PASS",
  semantics: GradingSemantics,
  evalType: EvalType,
): TestOutcomes {
  const outcomes: TestOutcomes = { success: [], failure: [] };
  for (const testId of testIds) {
    const verdict =
      evalType === "fail_only"
        ? judgeFailOnly(statusMap.get(testId))
        : judge(lookupTestStatus(statusMap, testId, semantics), list, semantics);
    if (verdict !== "dropped") outcomes[verdict].push(testId);
  }
  return outcomes;
}

/** The harness's `tests_status` block; ids keep the order of the input lists. */
export function getTestsStatus(
  statusMap: StatusMap,
  failToPass: readonly string[],
  passToPass: readonly string[],
  semantics: GradingSemantics,
  evalType: EvalType = "pass_and_fail",
): TestsStatus {
  return {
    FAIL_TO_PASS: grade(statusMap, failToPass, "FAIL_TO_PASS", semantics, evalType),
    PASS_TO_PASS: grade(statusMap, passToPass, "PASS_TO_PASS", semantics, evalType),
    FAIL_TO_FAIL: { success: [], failure: [] },
    PASS_TO_FAIL: { success: [], failure: [] },
  };
}

/** success / (success + failure), or 1 when nothing was graded. */
export function successRatio(outcomes: TestOutcomes): number {
  const total = outcomes.success.length + outcomes.failure.length;
  return total === 0 ? 1 : outcomes.success.length / total;
}

export function getResolutionStatus(testsStatus: TestsStatus): ResolutionStatus {
  const f2p = successRatio(testsStatus.FAIL_TO_PASS);
  const p2p = successRatio(testsStatus.PASS_TO_PASS);
  if (f2p === 1 && p2p === 1) return "RESOLVED_FULL";
  if (f2p > 0 && f2p < 1 && p2p === 1) return "RESOLVED_PARTIAL";
  return "RESOLVED_NO";
}
