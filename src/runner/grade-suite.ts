// Grades many predictions: resumable (instances with a report are skipped), bounded concurrency,
// progress events, cancellation (stop starting instances; abort those in flight too). One instance's
// failure never stops the others. Interrupted, or stopped by a full disk: instances not graded are
// `not_run`; the summary covers every instance of the run folder (the caller writes it: runner/grade-predictions.ts).
import { join } from "node:path";
import { SwerigError, errorMessage, isDiskFull, mapPool } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import { withAgentTests } from "./agent-tests.js";
import { inspectPatch } from "./patch-inspection.js";
import { withInfraLabel } from "../grader/infra-failure.js";
import type { GradingSemantics } from "../grader/resolution.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { notRunOutcome } from "../report/run-summary.js";
import type { Prediction } from "../grader/predictions.js";
import { summarize, type RunSummary } from "../report/summary.js";
import type { Task } from "../tasks/index.js";
import type { DaemonWatch } from "../envs/docker-daemon-watch.js";
import { AbortableEnvironments } from "./abortable-environments.js";
import { recordFlakes, type FlakeRecordTarget } from "./flake-record-store.js";
import { gradeWithReruns, removeRerunArtifacts } from "./grade-with-reruns.js";
import { withDaemonRetries, type DaemonRetryPolicy } from "./daemon-retry.js";
import { runFolderInstanceIds } from "./run-folder.js";
import { holdPyrightServer } from "./pyright-shared.js";
import { RunStore } from "./run-store.js";
import { loadSavedOutcome } from "./saved-outcomes.js";

export type GradeProgress =
  | { type: "skipped"; instanceId: string; outcome: InstanceOutcome }
  | { type: "started"; instanceId: string }
  | { type: "finished"; instanceId: string; outcome: InstanceOutcome; done: number; total: number; resolved: number };

export interface GradeSuiteOptions {
  runId: string;
  runDir: string;
  tasks: Task[];
  predictions: Prediction[];
  createEnvironment: (task: Task) => Promise<Environment>;
  workers?: number;
  semantics?: GradingSemantics;
  timeoutSec?: number;
  /** Reruns of the eval of an instance whose verdict rests on a failed test (see grade-with-reruns.ts); default 0. */
  reruns?: number;
  /** Run the tests the patch adds or changes before and after the reference fix (see agent-tests.ts); default off. */
  judgeTests?: boolean;
  /** Where instances whose eval was rerun are recorded, test by test. */
  flakeRecord?: FlakeRecordTarget;
  /** Grade again even when a report exists. */
  force?: boolean;
  /** Stops starting instances; those in flight finish. */
  signal?: AbortSignal;
  /** Stops instances in flight too: their environments are disposed and they end `not_run`. */
  abort?: AbortSignal;
  /** Watches the Docker daemon: instances in flight when it stops or restarts are graded again. */
  daemon?: DaemonWatch;
  daemonRetry?: DaemonRetryPolicy;
  /** The run's whole configuration (before --instances narrowed it): the summary covers its instances with a folder. */
  run?: { tasks: Task[]; predictions: Prediction[] };
  onProgress?: (event: GradeProgress) => void;
  /** Grades one instance in place of the in-process grader (the queue hands it to a worker); never throws. */
  gradeOne?: (task: Task, prediction: Prediction) => Promise<InstanceOutcome>;
}

/** What a grading came to; its summary is not written yet (report/summary-file.ts). */
export interface GradeSuiteResult {
  summary: RunSummary;
  outcomes: InstanceOutcome[];
  cancelled: boolean;
  /** Set when a write failed for lack of space: the run stopped there (the same command resumes it). */
  diskFull?: SwerigError;
}

export async function gradeSuite(options: GradeSuiteOptions): Promise<GradeSuiteResult> {
  const started = performance.now();
  const store = new RunStore(options.runDir);
  const environments = new AbortableEnvironments(options.abort);
  const createEnvironment = environments.wrap(options.createEnvironment);
  const tasksById = new Map(options.tasks.map((t) => [t.id, t]));
  const outcomes = new Map<string, InstanceOutcome>();
  const queue: Prediction[] = [];
  for (const p of [...options.predictions].sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))) {
    const saved = options.force ? undefined : await store.loadCompleted(p.instanceId);
    if (saved) {
      outcomes.set(p.instanceId, saved);
      options.onProgress?.({ type: "skipped", instanceId: p.instanceId, outcome: saved });
    } else {
      queue.push(p);
    }
  }
  let done = 0;
  let resolved = [...outcomes.values()].filter((o) => o.status === "resolved").length;
  const total = queue.length;
  // A full disk stops the run as an interrupt does: every later write would fail too.
  let diskFull: SwerigError | undefined;
  const tolerateDiskFull = (error: unknown): void => {
    if (!isDiskFull(error)) throw error;
    diskFull ??= error;
  };
  // One warm pyright for the run (quality analysis of Python patches; queue workers have their own), closed at its end.
  const python = queue.some((p) => tasksById.get(p.instanceId)?.language === "python");
  const releasePyright = holdPyrightServer({ warm: python && !options.gradeOne });
  // Once stopped (first Ctrl-C, a full disk) or aborted (second Ctrl-C), the instances not started are left for not_run below.
  await mapPool(queue, options.workers ?? 1, async (p) => {
    if (options.signal?.aborted || environments.aborted || diskFull) return;
    const task = tasksById.get(p.instanceId)!;
    options.onProgress?.({ type: "started", instanceId: p.instanceId });
    let outcome: InstanceOutcome;
    try {
      const { result, retries } = await withDaemonRetries(
        options.daemon,
        () => (options.gradeOne ? options.gradeOne(task, p) : gradeOneInstance(task, p, store, { ...options, createEnvironment })),
        (o) => (o.status === "error" ? o.reason : undefined),
        options.daemonRetry,
      );
      outcome = retries.length > 0 ? { ...result, retries } : result;
      if (environments.aborted) return;
      await store.saveOutcome(outcome);
      if (options.flakeRecord) await recordFlakes(options.flakeRecord, outcome);
    } catch (error) {
      tolerateDiskFull(error);
      const reason = `${p.instanceId}: disk_full: ${errorMessage(error)}; not graded`;
      outcome = { instanceId: p.instanceId, model: p.model, status: "error", reason, timings: { totalMs: 0 } };
      // The failed write's temporary file is gone, so a small status.json often still fits.
      await store.saveOutcome(outcome).catch(() => undefined);
    }
    outcomes.set(p.instanceId, outcome);
    done++;
    if (outcome.status === "resolved") resolved++;
    options.onProgress?.({ type: "finished", instanceId: p.instanceId, outcome, done, total, resolved });
  }).finally(releasePyright);
  for (const p of options.predictions) {
    if (outcomes.has(p.instanceId)) continue;
    // With --force an instance not reached keeps its earlier verdict, when it has one.
    const earlier = options.force ? await store.loadCompleted(p.instanceId) : undefined;
    outcomes.set(p.instanceId, earlier ?? notRunOutcome(p.instanceId, p.model));
    if (!earlier) await store.saveOutcome(outcomes.get(p.instanceId)!).catch(tolerateDiskFull);
  }
  const covered = await coverRunFolder(options, outcomes);
  const summary = summarize({
    runId: options.runId,
    semantics: options.semantics ?? "v5",
    ...covered,
    outcomes,
    wallSeconds: (performance.now() - started) / 1000,
  });
  const cancelled = (options.signal?.aborted ?? false) || environments.aborted;
  return { summary, outcomes: [...outcomes.values()], cancelled, ...(diskFull ? { diskFull } : {}) };
}

/** This command's tasks and predictions, plus the run's others that have a saved outcome (added to `outcomes`). */
async function coverRunFolder(
  options: GradeSuiteOptions,
  outcomes: Map<string, InstanceOutcome>,
): Promise<{ tasks: Task[]; predictions: Prediction[] }> {
  if (!options.run) return { tasks: options.tasks, predictions: options.predictions };
  const mine = new Set(options.tasks.map((t) => t.id));
  const others = new Set<string>();
  for (const id of await runFolderInstanceIds(
    options.runDir,
    options.run.tasks.map((t) => t.id),
  )) {
    if (mine.has(id)) continue;
    const saved = await loadSavedOutcome(join(options.runDir, id), id);
    if (!saved) continue;
    outcomes.set(id, saved);
    others.add(id);
  }
  return {
    tasks: options.run.tasks.filter((t) => mine.has(t.id) || others.has(t.id)),
    predictions: [...options.predictions, ...options.run.predictions.filter((p) => others.has(p.instanceId))],
  };
}

/** Grades one instance in this process, its artifacts into `store`; a failure becomes an `error` outcome (throws only disk_full). */
export async function gradeOneInstance(
  task: Task,
  prediction: Prediction,
  store: RunStore,
  options: Pick<GradeSuiteOptions, "createEnvironment" | "semantics" | "timeoutSec" | "reruns" | "judgeTests">,
): Promise<InstanceOutcome> {
  const started = performance.now();
  try {
    await removeRerunArtifacts(store.instanceDir(task.id));
    const outcome = await gradeWithReruns(task, prediction, {
      reruns: options.reruns ?? 0,
      createEnvironment: options.createEnvironment,
      ...(options.semantics ? { semantics: options.semantics } : {}),
      ...(options.timeoutSec ? { timeoutSec: options.timeoutSec } : {}),
      writeArtifact: (name, content) => store.writeArtifact(task.id, name, content),
      inspect: inspectPatch(task),
    });
    return options.judgeTests ? await withAgentTests(task, prediction.patch, outcome, options.createEnvironment) : outcome;
  } catch (error) {
    if (isDiskFull(error)) throw error;
    const what = SwerigError.isInstance(error) ? `${error.code}: ${error.message}` : `unexpected: ${errorMessage(error)}`;
    const outcome: InstanceOutcome = {
      instanceId: task.id,
      model: prediction.model,
      status: "error",
      reason: `${task.id}: ${what}`,
      timings: { totalMs: performance.now() - started },
    };
    return withInfraLabel(outcome);
  }
}
