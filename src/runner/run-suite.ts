// Runs an agent over tasks (and samples): bounded concurrency, resumable (a task run with result.json
// is not run again), per-run artifacts under traces/<run-id>/<task>[/sample-<k>]/, and a summary with
// the official grading keys (first sample), pass@k, trajectory metrics and failure modes. Task runs an
// interrupt kept from finishing are `not_run`; the summary covers every task of the run folder.
import { errorMessage, isDiskFull, mapPool, type SwerigError } from "../core/index.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Agent, AgentLimits } from "../agents/agent.js";
import type { Environment } from "../envs/environment.js";
import { failureMode, type FailureMode } from "../report/failure-mode.js";
import { passAtKTable } from "../report/pass-at-k.js";
import { summarize, type RunSummary } from "../report/summary.js";
import { trajectoryMetrics, type TrajectoryMetrics } from "../report/trajectory-metrics.js";
import type { Task } from "../tasks/index.js";
import { readTrace } from "../trace/reader.js";
import { recordFlakes, type FlakeRecordTarget } from "./flake-record-store.js";
import { FirstCallGuard, type EarlyStop } from "./first-call-guard.js";
import type { DaemonWatch } from "../envs/docker-daemon-watch.js";
import { AbortableEnvironments } from "./abortable-environments.js";
import { withDaemonRetries, type DaemonRetry, type DaemonRetryPolicy } from "./daemon-retry.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import { removeOrphanScratchDirs } from "./scratch-dirs.js";
import { RunStore, writeOutcomeFiles } from "./run-store.js";
import { loadSavedTaskRun, loadSavedTaskRuns, notRunOutcome, type SavedTaskRun } from "./saved-outcomes.js";
import { runTask, type AgentEnvironmentFactory, type RunTaskOptions, type TaskRunResult } from "./run-task.js";

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
  /** Runs given up because the Docker daemon stopped or restarted under them (see daemon-retry.ts). */
  retries?: DaemonRetry[];
}

export interface RunSuiteOptions {
  runId: string;
  runDir: string;
  tasks: Task[];
  /** One agent per task run; `dir` is the run's folder (for the agent's own logs). */
  makeAgent: (run: { taskId: string; sample: number; dir: string }) => Agent;
  samples: number;
  workers: number;
  limits: AgentLimits;
  agentEnvironments: AgentEnvironmentFactory;
  createGradingEnvironment: (task: Task) => Promise<Environment>;
  /** Stops starting task runs; those in flight finish. */
  signal?: AbortSignal;
  /** Stops task runs in flight too: agents are cancelled, environments disposed, and the runs end `not_run`. */
  abort?: AbortSignal;
  /** Reruns of the eval of a task run whose verdict rests on a failed test (see grade-with-reruns.ts); default 0. */
  reruns?: number;
  /** Where task runs whose eval was rerun are recorded, test by test. */
  flakeRecord?: FlakeRecordTarget;
  /** Run again task runs that have a saved result. */
  force?: boolean;
  /** Grades each final diff (default gradeInstance). */
  gradeWith?: RunTaskOptions["gradeWith"];
  /** The run's whole task set (before --instances narrowed it): the summary covers its tasks with a folder. */
  allTasks?: Task[];
  /** Watches the Docker daemon: task runs in flight when it stops or restarts are run again. */
  daemon?: DaemonWatch;
  daemonRetry?: DaemonRetryPolicy;
  onProgress?: (record: TaskRunRecord, done: number, total: number, skipped: boolean) => void;
  /** Runs one task run in place of runTask (the queue hands it to a worker); its files must be in `dir` when it returns. */
  runTask?: typeof runTask;
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
  stopped_early?: EarlyStop & { not_started: number };
  /** Task runs not finished (interrupted, or not started after an early stop); the same command resumes them. */
  not_run: { taskId: string; sample: number }[];
}

/** A saved task run whose agent phase broke on infrastructure: it has no result, so resuming runs it again. */
function brokeBeforeGrading(record: TaskRunRecord): boolean {
  return record.status === "agent_error" || (record.status === "error" && record.agentReason === "error");
}

export interface RunSuiteResult {
  summary: RunSuiteSummary;
  /** Undefined when the disk was too full to write it. */
  summaryPath: string | undefined;
  cancelled: boolean;
  stoppedEarly?: EarlyStop;
  /** Set when a write failed for lack of space: the run stopped there (the same command resumes it). */
  diskFull?: SwerigError;
}

export function taskRunDir(runDir: string, taskId: string, sample: number, samples: number): string {
  return samples > 1 ? join(runDir, taskId, `sample-${sample}`) : join(runDir, taskId);
}

export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteResult> {
  const started = performance.now();
  await removeOrphanScratchDirs();
  const jobs = options.tasks.flatMap((task) => Array.from({ length: options.samples }, (_, sample) => ({ task, sample })));
  let done = 0;
  const guard = new FirstCallGuard();
  let notStarted = 0;
  const environments = new AbortableEnvironments(options.abort);
  const agentEnvironments = environments.wrapAgent(options.agentEnvironments);
  const createGradingEnvironment = environments.wrap(options.createGradingEnvironment);
  const agent = options.makeAgent({ taskId: "", sample: 0, dir: options.runDir });
  const model = agent.model ?? agent.name;
  // A full disk stops the run as a first Ctrl-C does: every later write would fail too.
  let diskFull: SwerigError | undefined;
  const tolerateDiskFull = (error: unknown): void => {
    if (!isDiskFull(error)) throw error;
    diskFull ??= error;
  };
  const records = await mapPool(jobs, options.workers, async ({ task, sample }): Promise<SavedTaskRun | undefined> => {
    const dir = taskRunDir(options.runDir, task.id, sample, options.samples);
    const saved = options.force
      ? undefined
      : await readFile(join(dir, "result.json"), "utf8").then(
          (t) => JSON.parse(t) as SavedTaskRun,
          () => undefined,
        );
    if (saved && !brokeBeforeGrading(saved.record)) {
      options.onProgress?.(saved.record, ++done, jobs.length, true);
      return saved;
    }
    if (options.signal?.aborted || diskFull) return undefined;
    if (guard.stopped) return void notStarted++;
    try {
      const attempt = () =>
        (options.runTask ?? runTask)(task, {
          ...{ runId: options.runId, dir, sample, limits: options.limits, agentEnvironments, createGradingEnvironment },
          agent: options.makeAgent({ taskId: task.id, sample, dir }),
          reruns: options.reruns ?? 0,
          ...(options.abort ? { signal: options.abort } : {}),
          ...(options.gradeWith ? { gradeWith: options.gradeWith } : {}),
        });
      const failure = (r: TaskRunResult) => (r.grade?.status === "error" ? r.grade.reason : undefined);
      const { result: run, retries } = await withDaemonRetries(options.daemon, attempt, failure, options.daemonRetry);
      const result = retries.length > 0 && run.grade ? { ...run, grade: { ...run.grade, retries } } : run;
      if (environments.aborted) return undefined;
      guard.observe(result);
      const { events } = await readTrace(result.tracePath);
      const testOutput = await readFile(join(dir, "test_output.txt"), "utf8").catch(() => "");
      const record: TaskRunRecord = {
        taskId: task.id,
        sample,
        status: result.grade?.status ?? "error",
        resolved: result.grade?.status === "resolved",
        agentReason: result.agent.reason,
        agentDetail: result.agent.detail,
        failureMode: failureMode(result.grade, result.agent.reason, testOutput) ?? null,
        metrics: trajectoryMetrics(events, task.goldFiles),
        durationMs: result.durationMs,
        setupMs: result.setupMs,
        ...(result.grade?.flaky ? { flaky: true } : {}),
        ...(retries.length > 0 ? { retries } : {}),
      };
      if (result.grade) await writeOutcomeFiles(dir, result.grade);
      if (result.grade && options.flakeRecord) await recordFlakes(options.flakeRecord, result.grade);
      await writeFileAtomic(join(dir, "result.json"), `${JSON.stringify({ record, grade: result.grade }, null, 2)}\n`);
      options.onProgress?.(record, ++done, jobs.length, false);
      return { record, grade: result.grade };
    } catch (error) {
      tolerateDiskFull(error);
      const reason = `${task.id}: disk_full: ${errorMessage(error)}; not graded`;
      const grade: InstanceOutcome = { instanceId: task.id, model, status: "error", reason, timings: { totalMs: 0 } };
      // No result.json: the same command runs it again. A small status.json often still fits.
      await writeOutcomeFiles(dir, grade).catch(() => undefined);
      const metrics = trajectoryMetrics([], task.goldFiles);
      const record: TaskRunRecord = {
        ...{ taskId: task.id, sample, status: "error", resolved: false, agentReason: "error" },
        agentDetail: reason,
        failureMode: null,
        metrics,
        durationMs: 0,
      };
      options.onProgress?.(record, ++done, jobs.length, false);
      return { record, grade };
    }
  });
  // With --force a run not reached keeps its earlier result, when it has one.
  for (const [i, { task, sample }] of jobs.entries()) {
    if (!options.force || records[i] !== undefined) continue;
    records[i] = await loadSavedTaskRun(taskRunDir(options.runDir, task.id, sample, options.samples));
  }
  const notRun = jobs.filter((_, i) => records[i] === undefined).map(({ task, sample }) => ({ taskId: task.id, sample }));
  for (const r of notRun) {
    const dir = taskRunDir(options.runDir, r.taskId, r.sample, options.samples);
    await writeOutcomeFiles(dir, notRunOutcome(r.taskId, model)).catch(tolerateDiskFull);
  }
  const mine = new Set(options.tasks.map((t) => t.id));
  const others = await loadSavedTaskRuns(options.runDir, options.allTasks ?? [], mine, options.samples, taskRunDir);
  const finished = [...records.filter((r): r is SavedTaskRun => r !== undefined), ...others.finished];
  notRun.push(...others.notRun);
  const first = finished.filter((r) => r.record.sample === 0);
  const outcomes = new Map(first.filter((r) => r.grade).map((r) => [r.record.taskId, r.grade!]));
  const firstNotRun = notRun.filter((r) => r.sample === 0).map((r) => r.taskId);
  for (const id of firstNotRun) outcomes.set(id, notRunOutcome(id, model));
  const official = summarize({
    runId: options.runId,
    semantics: "v5",
    tasks: [...options.tasks, ...(options.allTasks ?? []).filter((t) => others.taskIds.has(t.id))],
    predictions: [
      ...first.map((r) => ({ instanceId: r.record.taskId, model, patch: r.grade?.status === "empty_patch" ? "" : "patch", origin: "run" })),
      ...firstNotRun.map((id) => ({ instanceId: id, model, patch: "patch", origin: "run" })),
    ],
    outcomes,
    wallSeconds: (performance.now() - started) / 1000,
  });
  const perTask = new Map<string, { n: number; c: number }>();
  for (const { record } of finished) {
    const t = perTask.get(record.taskId) ?? { n: 0, c: 0 };
    perTask.set(record.taskId, { n: t.n + 1, c: t.c + (record.resolved ? 1 : 0) });
  }
  const modes: Record<string, number> = {};
  for (const { record } of finished) if (record.failureMode) modes[record.failureMode] = (modes[record.failureMode] ?? 0) + 1;
  const m = finished.map((r) => r.record.metrics);
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const totalCalls = m.reduce((a, x) => a + x.toolCalls, 0);
  const summary: RunSuiteSummary = {
    ...official,
    swerig: { ...official.swerig, complete: notRun.length === 0 },
    agent: { name: agent.name, model: agent.model, samples: options.samples },
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
    runs: finished.map((r) => r.record).sort(byTaskAndSample),
    not_run: notRun.sort(byTaskAndSample),
  };
  if (guard.stopped) summary.stopped_early = { ...guard.stopped, not_started: notStarted };
  const summaryPath = await new RunStore(options.runDir)
    .writeJson("summary.json", summary)
    .catch((error: unknown) => void tolerateDiskFull(error));
  const cancelled = (options.signal?.aborted ?? false) || environments.aborted;
  const stops = { ...(guard.stopped ? { stoppedEarly: guard.stopped } : {}), ...(diskFull ? { diskFull } : {}) };
  return { summary, summaryPath, cancelled, ...stops };
}

function byTaskAndSample(a: { taskId: string; sample: number }, b: { taskId: string; sample: number }): number {
  return a.taskId === b.taskId ? a.sample - b.sample : a.taskId < b.taskId ? -1 : 1;
}
