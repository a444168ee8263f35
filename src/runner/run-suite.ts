// Runs an agent over tasks (and samples): bounded concurrency, resumable (a task run with result.json
// is not run again, unless its agent phase broke on infrastructure), per-run artifacts under
// traces/<run-id>/<task>[/sample-<k>]/, and the summary they add up to (report/run-summary,
// summarizeAgentRun), which the caller writes (runner/run-tasks.ts). Task runs an interrupt kept from
// finishing are `not_run`; the summary covers every task of the run folder.
import { errorMessage, isDiskFull, mapPool, type SwerigError } from "../core/index.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describeAgent, type AgentFactory, type AgentLimits } from "../agents/agent.js";
import type { Environment } from "../envs/environment.js";
import { failureMode } from "../report/failure-mode.js";
import { notRunOutcome, summarizeAgentRun, type RunSuiteSummary, type SavedTaskRun, type TaskRunRecord } from "../report/run-summary.js";
import { trajectoryMetrics } from "../report/trajectory-metrics.js";
import type { Task } from "../tasks/index.js";
import { readTrace } from "../trace/reader.js";
import { recordFlakes, type FlakeRecordTarget } from "./flake-record-store.js";
import { FirstCallGuard, type EarlyStop } from "./first-call-guard.js";
import type { DaemonWatch } from "../envs/docker-daemon-watch.js";
import { AbortableEnvironments } from "./abortable-environments.js";
import { withDaemonRetries, type DaemonRetryPolicy } from "./daemon-retry.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import { holdPyrightServer } from "./pyright-shared.js";
import { removeOrphanScratchDirs } from "./scratch-dirs.js";
import { writeOutcomeFiles } from "./run-store.js";
import { loadSavedTaskRun, loadSavedTaskRuns } from "./saved-outcomes.js";
import { runTask, type AgentEnvironmentFactory, type RunTaskOptions, type TaskRunResult } from "./run-task.js";

export interface RunSuiteOptions {
  runId: string;
  runDir: string;
  tasks: Task[];
  makeAgent: AgentFactory;
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
  /** Judge the tests each final diff adds or changes (see agent-tests.ts); default off. */
  judgeTests?: boolean;
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

/** A saved task run whose agent phase broke on infrastructure: it has no result, so resuming runs it again. */
function brokeBeforeGrading(record: TaskRunRecord): boolean {
  return record.status === "agent_error" || (record.status === "error" && record.agentReason === "error");
}

/** What a suite run came to; its summary is not written yet (report/summary-file.ts). */
export interface SuiteResult {
  summary: RunSuiteSummary;
  cancelled: boolean;
  stoppedEarly?: EarlyStop;
  /** Set when a write failed for lack of space: the run stopped there (the same command resumes it). */
  diskFull?: SwerigError;
}

export function taskRunDir(runDir: string, taskId: string, sample: number, samples: number): string {
  return samples > 1 ? join(runDir, taskId, `sample-${sample}`) : join(runDir, taskId);
}

export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  await removeOrphanScratchDirs();
  const jobs = options.tasks.flatMap((task) => Array.from({ length: options.samples }, (_, sample) => ({ task, sample })));
  let done = 0;
  const guard = new FirstCallGuard();
  let notStarted = 0;
  const environments = new AbortableEnvironments(options.abort);
  const agentEnvironments = environments.wrapAgent(options.agentEnvironments);
  const createGradingEnvironment = environments.wrap(options.createGradingEnvironment);
  const agent = describeAgent(options.makeAgent, options.runDir);
  const model = agent.model ?? agent.name;
  // A full disk stops the run as a first Ctrl-C does: every later write would fail too.
  let diskFull: SwerigError | undefined;
  const tolerateDiskFull = (error: unknown): void => {
    if (!isDiskFull(error)) throw error;
    diskFull ??= error;
  };
  // One warm pyright for the run (started by the first Python patch graded), closed at its end.
  const releasePyright = holdPyrightServer();
  const records = await mapPool(jobs, options.workers, async ({ task, sample }): Promise<SavedTaskRun | undefined> => {
    const dir = taskRunDir(options.runDir, task.id, sample, options.samples);
    const saved = options.force ? undefined : await loadSavedTaskRun(dir, task.id);
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
          agent: options.makeAgent({ taskId: task.id, sample, dir, referencePatch: task.goldPatch }),
          reruns: options.reruns ?? 0,
          ...(options.judgeTests ? { judgeTests: true } : {}),
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
      await writeFileAtomic(join(dir, "result.json"), `${JSON.stringify({ record }, null, 2)}\n`);
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
  }).finally(releasePyright);
  // With --force a run not reached keeps its earlier result, when it has one.
  for (const [i, { task, sample }] of jobs.entries()) {
    if (!options.force || records[i] !== undefined) continue;
    records[i] = await loadSavedTaskRun(taskRunDir(options.runDir, task.id, sample, options.samples), task.id);
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
  // Adding the task runs up (the official keys, pass@k, means, failure modes) is the report's.
  const summary = summarizeAgentRun({
    runId: options.runId,
    agent: { name: agent.name, model: agent.model },
    samples: options.samples,
    tasks: [...options.tasks, ...(options.allTasks ?? []).filter((t) => others.taskIds.has(t.id))],
    finished,
    notRun,
    ...(guard.stopped ? { stoppedEarly: { ...guard.stopped, notStarted } } : {}),
    wallSeconds: (performance.now() - started) / 1000,
  });
  const cancelled = (options.signal?.aborted ?? false) || environments.aborted;
  const stops = { ...(guard.stopped ? { stoppedEarly: guard.stopped } : {}), ...(diskFull ? { diskFull } : {}) };
  return { summary, cancelled, ...stops };
}
