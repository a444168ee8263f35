// The statuses a graded (or not graded) task run can end in: shared by the grader, the runner and
// the reports, so it lives with the rest of the vocabulary.

export const INSTANCE_STATUSES = [
  "resolved",
  "unresolved",
  "empty_patch",
  "invalid_patch",
  "patch_failed",
  "timeout",
  "error",
  "unrecorded_changes",
  "log_rejected",
  "agent_error",
  "not_run",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
