// The report.json bodies the official harness writes, per case, for the grading rules in use:
// a graded run, a run whose log it refuses to grade, and an empty patch. v5.0.x adds `infra_failure`
// (always) and `infra_failure_reason` (when a refused log shows a known fault signature); v4.1 has
// neither. A refused log is reported as not applied and not resolved, with no `tests_status`.
import { classifyInfraFailure } from "./infra-failure.js";
import type { LogRejection, OfficialInstanceReport } from "./instance-outcome.js";
import type { GradingSemantics, TestsStatus } from "./resolution.js";

export function gradedReport(resolved: boolean, testsStatus: TestsStatus, semantics: GradingSemantics): OfficialInstanceReport {
  return {
    patch_is_None: false,
    patch_exists: true,
    patch_successfully_applied: true,
    resolved,
    ...(semantics === "v5" ? { infra_failure: false } : {}),
    tests_status: testsStatus,
  };
}

/** As the harness writes it when get_logs_eval finds no gradable log; `testOutput` is test_output.txt. */
export function rejectedLogReport(testOutput: string, semantics: GradingSemantics): OfficialInstanceReport {
  const report: OfficialInstanceReport = { patch_is_None: false, patch_exists: true, patch_successfully_applied: false, resolved: false };
  if (semantics === "v4") return report;
  const infra = classifyInfraFailure(testOutput);
  return { ...report, infra_failure: infra?.tier === "environment", ...(infra ? { infra_failure_reason: infra.reason } : {}) };
}

export function emptyPatchReport(patch: string | null, semantics: GradingSemantics): OfficialInstanceReport {
  return {
    patch_is_None: patch === null,
    patch_exists: false,
    patch_successfully_applied: false,
    resolved: false,
    ...(semantics === "v5" ? { infra_failure: false } : {}),
  };
}

/** The sentence status.json and the summary carry for a rejected log, naming which checks refused it. */
export function logRejectionReason(instanceId: string, rejection: LogRejection, semantics: GradingSemantics, oomKilled: boolean): string {
  const harness = semantics === "v5" ? "SWE-bench 5.0.x" : "SWE-bench 4.1";
  const parts: string[] = [];
  if (oomKilled) parts.push("a process was killed by the memory limit");
  if (rejection.harness !== undefined) parts.push(`${harness} rejects it: ${rejection.harness}`);
  if (rejection.swerig !== undefined) parts.push(`swerig's check rejects it: ${rejection.swerig}`);
  if (rejection.harness === undefined) parts.push(`${harness} would have graded it`);
  return `${instanceId}: the test log cannot be graded, counted unresolved (${parts.join("; ")})`;
}
