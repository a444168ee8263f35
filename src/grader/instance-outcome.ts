// What grading one prediction produced: the official per-instance report (when grading reached a
// verdict) and our own status with its reason and timings.
import type { TestsStatus, ResolutionStatus } from "./resolution.js";

export const INSTANCE_STATUSES = [
  "resolved",
  "unresolved",
  "empty_patch",
  "invalid_patch",
  "patch_failed",
  "timeout",
  "error",
  "unrecorded_changes",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** The official report.json body for one instance (keyed by its id in the file). */
export interface OfficialInstanceReport {
  patch_is_None: boolean;
  patch_exists: boolean;
  patch_successfully_applied: boolean;
  resolved: boolean;
  tests_status?: TestsStatus;
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
  applyMethod?: string;
  testExitCode?: number | null;
  oomKilled?: boolean;
  image?: string;
  timings: { containerMs?: number; applyMs?: number; testsMs?: number; parseMs?: number; teardownMs?: number; totalMs: number };
}

/** Statuses the run summary counts as errors, as the official harness does (no report.json). */
export function isErrorStatus(status: InstanceStatus): boolean {
  return status === "invalid_patch" || status === "patch_failed" || status === "timeout" || status === "error" || status === "unrecorded_changes";
}
