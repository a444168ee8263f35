// Cross-checks a log's status map with the runner's witness: the log may never grade a
// FAIL_TO_PASS or PASS_TO_PASS test more favourably than the runner itself recorded it. A less
// favourable log is graded as it is (that is what the official harness would do with it).
import type { StatusMap } from "../../core/test-status.js";
import type { EvalType } from "../../tasks/index.js";
import { getTestsStatus, lookupTestStatus, type GradingSemantics, type TestOutcomes } from "../resolution.js";
import type { WitnessContent } from "./read-witness.js";

export interface WitnessCheckInput {
  logMap: StatusMap;
  witnessMap: StatusMap;
  witness: WitnessContent;
  failToPass: readonly string[];
  passToPass: readonly string[];
  semantics: GradingSemantics;
  /** The dataset's `eval_type` (fail_only grades a test failed only on FAILED), as the grading uses it. */
  evalType?: EvalType;
  /** The runner, for its own rules (vitest: the configuration runs before the witness). */
  kind?: string;
  /** Files the graded patch adds, changes or deletes (repository-relative). */
  patchedFiles: readonly string[];
}

/** A doc-test id as cargo prints it (`src/lib.rs - item (line 12)`): rustdoc runs those without cargo's runner. */
const DOC_TEST = / - .*\(line \d+\)$/;

/** Configuration vitest loads in its main process before any reporter, hence before the witness. */
const VITEST_CONFIG = /(?:^|\/)(?:vite|vitest)\.(?:config|workspace)\.[cm]?[jt]s$|(?:^|\/)vitest\.projects?\.[cm]?[jt]s$/;

type Verdict = "success" | "dropped" | "failure";
const RANK: Record<Verdict, number> = { failure: 0, dropped: 1, success: 2 };

function verdict(outcomes: TestOutcomes, testId: string): Verdict {
  if (outcomes.success.includes(testId)) return "success";
  return outcomes.failure.includes(testId) ? "failure" : "dropped";
}

/** Why the log cannot be trusted, or undefined. */
export function checkWitness(input: WitnessCheckInput): string | undefined {
  const [tampered] = input.witness.tampering;
  if (tampered !== undefined) return `the test runner's own code was changed during the run (${tampered})`;
  const patched = new Set(input.patchedFiles);
  const touched = input.witness.runnerFiles.find((file) => patched.has(file.path));
  if (touched) return `the patch changes ${touched.path}, which holds ${touched.what} running inside the test runner`;
  const config = input.kind === "vitest" ? input.patchedFiles.find((file) => VITEST_CONFIG.test(file)) : undefined;
  if (config) return `the patch changes ${config}, vitest's configuration, which runs inside the test runner before its witness`;

  const grade = (statusMap: StatusMap) => getTestsStatus(statusMap, input.failToPass, input.passToPass, input.semantics, input.evalType);
  const fromLog = grade(input.logMap);
  const fromWitness = grade(input.witnessMap);
  for (const list of ["FAIL_TO_PASS", "PASS_TO_PASS"] as const) {
    const ids = list === "FAIL_TO_PASS" ? input.failToPass : input.passToPass;
    for (const testId of ids) {
      if (input.kind === "cargo" && DOC_TEST.test(testId)) continue;
      if (RANK[verdict(fromLog[list], testId)] <= RANK[verdict(fromWitness[list], testId)]) continue;
      const logStatus = lookupTestStatus(input.logMap, testId, input.semantics) ?? "absent";
      const runnerStatus = lookupTestStatus(input.witnessMap, testId, input.semantics) ?? "absent";
      const notes = input.witness.notes?.length ? ` (${input.witness.notes.join("; ")})` : "";
      return `the log says ${testId} is ${logStatus} but the test runner recorded it as ${runnerStatus}${notes}`;
    }
  }
  return undefined;
}
