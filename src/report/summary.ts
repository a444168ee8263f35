// The run summary: the official run-report keys, computed exactly as the harness does from which
// instances have a report (a `log_rejected` instance has one: completed, unresolved), plus our
// breakdowns by repository, language, kind and difficulty, and why logs were rejected. Under v5 it
// also carries 5.0.x's advisory fault labels (infra/ambiguous ids, failure_reasons), never in the score.
import type { InfraFailure } from "../grader/infra-failure.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Prediction } from "../grader/predictions.js";
import type { Task } from "../tasks/index.js";
import { type QualitySummary, summarizeQuality } from "./quality-summary.js";

export interface SliceCounts {
  total: number;
  resolved: number;
}

export interface RunSummary {
  total_instances: number;
  submitted_instances: number;
  completed_instances: number;
  resolved_instances: number;
  unresolved_instances: number;
  /** v5 (5.0.x) only, as are the other infra/ambiguous keys and failure_reasons: advisory labels. */
  infra_failure_instances?: number;
  ambiguous_failure_instances?: number;
  empty_patch_instances: number;
  error_instances: number;
  completed_ids: string[];
  incomplete_ids: string[];
  empty_patch_ids: string[];
  submitted_ids: string[];
  resolved_ids: string[];
  unresolved_ids: string[];
  infra_failure_ids?: string[];
  ambiguous_failure_ids?: string[];
  /** Instance id → the harness's signature name, for instances not resolved whose logs show one. */
  failure_reasons?: Record<string, string>;
  error_ids: string[];
  schema_version: 2;
  swerig: {
    run_id: string;
    models: string[];
    semantics: string;
    statuses: Record<string, number>;
    by_repo: Record<string, SliceCounts>;
    by_language: Record<string, SliceCounts>;
    by_kind: Record<string, SliceCounts>;
    by_difficulty: Record<string, SliceCounts>;
    errors: { instance_id: string; status: string; reason: string }[];
    /** Logs refused by the harness's rules, our own checks, or both; each counted unresolved. */
    rejected_logs: { instance_id: string; rejected_by: "harness" | "swerig" | "both"; reason: string }[];
    /** Instances whose eval reruns (`--reruns`) disagreed test for test; each counted by its first run's verdict. */
    flaky_ids: string[];
    /** False when some instance is `not_run` (an interrupted run): the numbers are partial. */
    complete: boolean;
    not_run_ids: string[];
    durations_s: { wall: number; instance_median: number; instance_max: number };
    /** The quality signals of the graded patches (report/quality-summary.ts). */
    quality: QualitySummary;
    /** With `--judge-tests`: per instance whose patch touches tests, what its tests showed (absent: none judged). */
    agent_tests?: Record<string, { tests_changed: number; fail_before_pass_after: number; catches_bug: boolean } | { missing: string }>;
  };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

function slice(tasks: Task[], key: (t: Task) => string | undefined, resolved: Set<string>): Record<string, SliceCounts> {
  const out: Record<string, SliceCounts> = {};
  for (const t of tasks) {
    const k = key(t) ?? "unknown";
    out[k] ??= { total: 0, resolved: 0 };
    const c = out[k];
    c.total++;
    if (resolved.has(t.id)) c.resolved++;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface SummaryInput {
  runId: string;
  semantics: string;
  tasks: Task[];
  predictions: Prediction[];
  /** Outcome per graded instance id (this run or an earlier one with the same run id). */
  outcomes: Map<string, InstanceOutcome>;
  wallSeconds: number;
}

export function summarize(input: SummaryInput): RunSummary {
  const predicted = new Map(input.predictions.map((p) => [p.instanceId, p]));
  const ids = {
    completed: new Set<string>(),
    incomplete: new Set<string>(),
    empty: new Set<string>(),
    resolved: new Set<string>(),
    unresolved: new Set<string>(),
    error: new Set<string>(),
  };
  const statuses: Record<string, number> = {};
  const errors: RunSummary["swerig"]["errors"] = [];
  const rejectedLogs: RunSummary["swerig"]["rejected_logs"] = [];
  const infra = new Map<string, InfraFailure>();
  const notRun = new Set<string>();
  for (const task of input.tasks) {
    const prediction = predicted.get(task.id);
    if (!prediction) {
      ids.incomplete.add(task.id);
      continue;
    }
    if (prediction.patch === null || prediction.patch === "") {
      ids.empty.add(task.id);
      statuses["empty_patch"] = (statuses["empty_patch"] ?? 0) + 1;
      continue;
    }
    const outcome = input.outcomes.get(task.id);
    if (outcome?.status === "not_run") {
      notRun.add(task.id);
      ids.incomplete.add(task.id);
      statuses["not_run"] = (statuses["not_run"] ?? 0) + 1;
      continue;
    }
    const status = outcome?.status ?? "error";
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (outcome?.report) {
      ids.completed.add(task.id);
      (outcome.report.resolved ? ids.resolved : ids.unresolved).add(task.id);
    } else {
      ids.error.add(task.id);
      errors.push({ instance_id: task.id, status, reason: outcome?.reason ?? "not graded" });
    }
    if (outcome?.status === "log_rejected") {
      const by = outcome.logRejection;
      const rejectedBy = by?.harness !== undefined ? (by.swerig !== undefined ? "both" : "harness") : "swerig";
      rejectedLogs.push({ instance_id: task.id, rejected_by: rejectedBy, reason: outcome.reason ?? "" });
    }
    // As 5.0.x's run report: every unresolved or errored instance, from its logs (labelled when graded).
    const label = outcome?.report?.resolved ? undefined : outcome?.infraFailure;
    if (label) infra.set(task.id, label);
  }
  const totals = [...input.outcomes.values()].filter((o) => o.status !== "not_run").map((o) => o.timings.totalMs / 1000);
  const labels = input.semantics === "v5" ? infraLabels(infra) : undefined;
  return {
    total_instances: input.tasks.length,
    submitted_instances: predicted.size,
    completed_instances: ids.completed.size,
    resolved_instances: ids.resolved.size,
    unresolved_instances: ids.unresolved.size,
    ...(labels ? { infra_failure_instances: labels.infraIds.length } : {}),
    ...(labels ? { ambiguous_failure_instances: labels.ambiguousIds.length } : {}),
    empty_patch_instances: ids.empty.size,
    error_instances: ids.error.size,
    completed_ids: sorted(ids.completed),
    incomplete_ids: sorted(ids.incomplete),
    empty_patch_ids: sorted(ids.empty),
    submitted_ids: sorted(predicted.keys()),
    resolved_ids: sorted(ids.resolved),
    unresolved_ids: sorted(ids.unresolved),
    ...(labels ? { infra_failure_ids: labels.infraIds, ambiguous_failure_ids: labels.ambiguousIds } : {}),
    ...(labels ? { failure_reasons: labels.reasons } : {}),
    error_ids: sorted(ids.error),
    schema_version: 2,
    swerig: {
      run_id: input.runId,
      models: sorted(new Set(input.predictions.map((p) => p.model))),
      semantics: input.semantics,
      statuses,
      by_repo: slice(input.tasks, (t) => t.repo, ids.resolved),
      by_language: slice(input.tasks, (t) => t.language, ids.resolved),
      by_kind: slice(input.tasks, (t) => t.kind, ids.resolved),
      by_difficulty: slice(input.tasks, (t) => t.difficulty, ids.resolved),
      errors: errors.sort(byId),
      rejected_logs: rejectedLogs.sort(byId),
      flaky_ids: sorted(input.tasks.filter((t) => input.outcomes.get(t.id)?.flaky === true).map((t) => t.id)),
      complete: notRun.size === 0,
      not_run_ids: sorted(notRun),
      durations_s: { wall: round(input.wallSeconds), instance_median: round(median(totals)), instance_max: round(Math.max(0, ...totals)) },
      quality: summarizeQuality(input.outcomes.values()),
      ...agentTestsSummary(input),
    },
  };
}

function agentTestsSummary(input: SummaryInput): Pick<RunSummary["swerig"], "agent_tests"> {
  type Entry = NonNullable<RunSummary["swerig"]["agent_tests"]>[string];
  const entries = input.tasks.flatMap((t): [string, Entry][] => {
    const judged = input.outcomes.get(t.id)?.agentTests;
    if (judged === undefined) return [];
    if ("missing" in judged) return [[t.id, { missing: judged.missing }]];
    const counts = {
      tests_changed: judged.testsChanged.length,
      fail_before_pass_after: judged.failBeforePassAfter.length,
      catches_bug: judged.catchesBug,
    };
    return [[t.id, counts]];
  });
  return entries.length === 0 ? {} : { agent_tests: Object.fromEntries(entries) };
}

const round = (x: number) => Math.round(x * 100) / 100;
function infraLabels(labels: Map<string, InfraFailure>) {
  const ids = sorted(labels.keys());
  return {
    infraIds: ids.filter((id) => labels.get(id)!.tier === "environment"),
    ambiguousIds: ids.filter((id) => labels.get(id)!.tier === "ambiguous"),
    reasons: Object.fromEntries(ids.map((id) => [id, labels.get(id)!.reason])),
  };
}

const byId = (a: { instance_id: string }, b: { instance_id: string }) => (a.instance_id < b.instance_id ? -1 : 1);
