// The summary of an agent run (`swerig run`): the official grading keys from the first sample of each
// task, then pass@k over the samples, failure modes, trajectory means and totals, and the task runs the
// run did not finish. Pure: the runner hands over its task runs, this computes what they add up to.
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Task } from "../tasks/index.js";
import type { FailureMode } from "./failure-mode.js";
import { passAtKTable } from "./pass-at-k.js";
import { summarize, type RunSummary } from "./summary.js";
import type { TrajectoryMetrics } from "./trajectory-metrics.js";

/** One finished task run, as result.json records it. */
export interface TaskRunRecord {
  taskId: string;
  sample: number;
  status: string;
  resolved: boolean;
  agentReason: string;
  agentDetail: string | null;
  failureMode: FailureMode | null;
  metrics: TrajectoryMetrics;
  durationMs: number;
  /** Of durationMs, the environment's setup (image, working copy, container); absent in older records. */
  setupMs?: number;
  /** Set when reruns of its eval disagreed test for test (`--reruns`); its status is the first run's. */
  flaky?: boolean;
  /** Runs given up because the Docker daemon stopped or restarted under them (runner/daemon-retry.ts). */
  retries?: { cause: string; at: string }[];
}

/** result.json of one finished task run (agent run and grade). */
export interface SavedTaskRun {
  record: TaskRunRecord;
  grade?: InstanceOutcome;
}

export interface TaskRunRef {
  taskId: string;
  sample: number;
}

/** What a run of an agent over tasks came to, before any adding up. */
export interface AgentRunOutcomes {
  runId: string;
  agent: { name: string; model: string | null };
  samples: number;
  /** Every task of the run folder: those this command ran and those an earlier command left there. */
  tasks: Task[];
  finished: SavedTaskRun[];
  /** Task runs not finished (interrupted, or not started after an early stop). */
  notRun: TaskRunRef[];
  /** Set when the run stopped after a first-call failure of the agent. */
  stoppedEarly?: { taskId: string; reason: string; notStarted: number };
  wallSeconds: number;
}

export interface RunSuiteSummary extends RunSummary {
  agent: { name: string; model: string | null; samples: number };
  pass_at_k: ReturnType<typeof passAtKTable>;
  failure_modes: Record<string, number>;
  trajectory: {
    mean_steps: number;
    total_cost_usd: number;
    total_input_tokens: number;
    total_output_tokens: number;
    tool_error_rate: number;
    ran_tests_before_submit: number;
    mean_edit_recall: number;
  };
  runs: TaskRunRecord[];
  /** Set when the run stopped after a first-call failure of the agent; the tasks not started have no record. */
  stopped_early?: { taskId: string; reason: string; not_started: number };
  /** Task runs not finished (interrupted, or not started after an early stop); the same command resumes them. */
  not_run: TaskRunRef[];
}

const NOT_RUN_REASON = "not run: the run stopped (interrupted or stopped early) before it; the same command resumes it";

/** The `not_run` outcome of an instance an interrupted run never finished (grade and run both write it). */
export function notRunOutcome(instanceId: string, model: string): InstanceOutcome {
  return { instanceId, model, status: "not_run", reason: `${instanceId}: ${NOT_RUN_REASON}`, timings: { totalMs: 0 } };
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function summarizeAgentRun(run: AgentRunOutcomes): RunSuiteSummary {
  const model = run.agent.model ?? run.agent.name;
  const first = run.finished.filter((r) => r.record.sample === 0);
  const outcomes = new Map(first.flatMap((r) => (r.grade ? [[r.record.taskId, r.grade] as const] : [])));
  const firstNotRun = run.notRun.filter((r) => r.sample === 0).map((r) => r.taskId);
  for (const id of firstNotRun) outcomes.set(id, notRunOutcome(id, model));
  const official = summarize({
    runId: run.runId,
    semantics: "v5",
    tasks: run.tasks,
    predictions: [
      ...first.map((r) => ({ instanceId: r.record.taskId, model, patch: r.grade?.status === "empty_patch" ? "" : "patch", origin: "run" })),
      ...firstNotRun.map((id) => ({ instanceId: id, model, patch: "patch", origin: "run" })),
    ],
    outcomes,
    wallSeconds: run.wallSeconds,
  });
  const records = run.finished.map((r) => r.record);
  const perTask = new Map<string, { n: number; c: number }>();
  for (const record of records) {
    const t = perTask.get(record.taskId) ?? { n: 0, c: 0 };
    perTask.set(record.taskId, { n: t.n + 1, c: t.c + (record.resolved ? 1 : 0) });
  }
  const modes: Record<string, number> = {};
  for (const record of records) if (record.failureMode) modes[record.failureMode] = (modes[record.failureMode] ?? 0) + 1;
  const m = records.map((r) => r.metrics);
  const totalCalls = m.reduce((a, x) => a + x.toolCalls, 0);
  const summary: RunSuiteSummary = {
    ...official,
    swerig: { ...official.swerig, complete: run.notRun.length === 0 },
    agent: { ...run.agent, samples: run.samples },
    pass_at_k: passAtKTable(perTask),
    failure_modes: modes,
    trajectory: {
      mean_steps: mean(m.map((x) => x.steps)),
      total_cost_usd: m.reduce((a, x) => a + x.costUsd, 0),
      total_input_tokens: m.reduce((a, x) => a + x.inputTokens, 0),
      total_output_tokens: m.reduce((a, x) => a + x.outputTokens, 0),
      tool_error_rate: totalCalls === 0 ? 0 : m.reduce((a, x) => a + x.toolErrorRate * x.toolCalls, 0) / totalCalls,
      ran_tests_before_submit: m.filter((x) => x.ranTestsBeforeSubmit).length,
      mean_edit_recall: mean(m.map((x) => x.editRecall)),
    },
    runs: records.sort(byTaskAndSample),
    not_run: [...run.notRun].sort(byTaskAndSample),
  };
  if (run.stoppedEarly) {
    const { taskId, reason, notStarted } = run.stoppedEarly;
    summary.stopped_early = { taskId, reason, not_started: notStarted };
  }
  return summary;
}

function byTaskAndSample(a: TaskRunRef, b: TaskRunRef): number {
  return a.taskId === b.taskId ? a.sample - b.sample : a.taskId < b.taskId ? -1 : 1;
}
