// What grading one prediction produced: the official per-instance report (when grading reached a
// verdict) and our own status with its reason and timings.
import type { AgentTestsBlock } from "./agent-test-verdict.js";
import type { TestFlip } from "./flakiness.js";
import type { InfraFailure } from "./infra-failure.js";
import type { TestsStatus, ResolutionStatus } from "./resolution.js";

export { INSTANCE_STATUSES, type InstanceStatus } from "../core/instance-status.js";
import type { InstanceStatus } from "../core/instance-status.js";
import type { PatchQuality } from "../tools/code-metrics/analyze.js";

/** The official report.json body for one instance (keyed by its id in the file). */
export interface OfficialInstanceReport {
  patch_is_None: boolean;
  patch_exists: boolean;
  patch_successfully_applied: boolean;
  resolved: boolean;
  /** v5 only: true when the log of an ungraded run shows an environment fault (advisory). */
  infra_failure?: boolean;
  /** v5 only: the harness's signature name, set with any classified ungraded run (also `ambiguous` ones). */
  infra_failure_reason?: string;
  tests_status?: TestsStatus;
}

/** Which checks refused the test log of a `log_rejected` outcome. */
export interface LogRejection {
  /** The official harness's rule (the version `--semantics` names) that refuses it, when one does. */
  harness?: string;
  /** Our own check that refuses it, when one does (stricter anti-forgery checks, per runner family). */
  swerig?: string;
}

/** One run of an instance's eval when `--reruns` ran it more than once (same patch, fresh container each). */
export interface EvalRunRecord {
  /** 1 is the run the verdict comes from; 2.. are the reruns. */
  attempt: number;
  status: InstanceStatus;
  /** The FAIL_TO_PASS and PASS_TO_PASS tests this run did not pass (empty when it ended without a graded log). */
  failing: string[];
  testExitCode: number | null;
  totalMs: number;
  /** Where its artifacts are, relative to the instance folder (the folder itself for attempt 1). */
  artifacts: string;
}

/** Set when the eval ran more than once: every run, and the graded tests whose status differed between them. */
export interface EvalRuns {
  /** The verdict is the first run's; reruns only decide `flaky`. */
  verdictFrom: "first";
  runs: EvalRunRecord[];
  /** The attempts that reached a graded log, in order: each flip has one status per attempt listed here. */
  compared: number[];
  flipped: (TestFlip & { list: "FAIL_TO_PASS" | "PASS_TO_PASS" })[];
}

export interface InstanceOutcome {
  instanceId: string;
  model: string;
  status: InstanceStatus;
  /** Why, in a sentence naming the instance's problem, for every status but resolved/unresolved. */
  reason?: string;
  resolution?: ResolutionStatus;
  /** Written to report.json; absent where the official harness writes none (errors, timeouts, failed applies). */
  report?: OfficialInstanceReport;
  /** For `log_rejected`: which checks refused the log. */
  logRejection?: LogRejection;
  /** A likely environment fault shown by the logs of an instance that is not resolved (advisory, as in 5.0.x). */
  infraFailure?: InfraFailure;
  applyMethod?: string;
  testExitCode?: number | null;
  oomKilled?: boolean;
  image?: string;
  /** The test runner's own evidence this grading expected (`none`, with why, where the runner is not instrumented). */
  witness?: { kind: string; why?: string };
  /** Runs given up because the Docker daemon stopped or restarted under them, each run again from scratch. */
  retries?: { cause: string; at: string }[];
  /** What the patch does to the code beyond the tests (size, locality, complexity, security); see runner/patch-inspection.ts. */
  quality?: PatchQuality | { missing: string };
  /** The tests the agent's diff adds or changes, run before and after the reference fix (grading with judgeTests). */
  agentTests?: AgentTestsBlock;
  /** True when reruns of the eval disagreed test for test (see evalRuns). */
  flaky?: boolean;
  evalRuns?: EvalRuns;
  timings: {
    containerMs?: number;
    applyMs?: number;
    /** The quality analysis before the tests (reading the change), then waiting for its rest once they are done. */
    inspectMs?: number;
    inspectWaitMs?: number;
    agentTestsMs?: number;
    testsMs?: number;
    parseMs?: number;
    teardownMs?: number;
    totalMs: number;
  };
}
