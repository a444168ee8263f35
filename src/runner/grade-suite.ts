// Grades many predictions: resumable (instances with a report are skipped), bounded concurrency,
// progress events, cancellation between instances. One instance's failure never stops the others.
import { EvalError, errorMessage } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import { gradeInstance } from "../grader/grade-instance.js";
import { withInfraLabel } from "../grader/infra-failure.js";
import type { GradingSemantics } from "../grader/resolution.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Prediction } from "../grader/predictions.js";
import { summarize, type RunSummary } from "../report/summary.js";
import type { Task } from "../tasks/index.js";
import { RunStore } from "./run-store.js";

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
  /** Grade again even when a report exists. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: GradeProgress) => void;
}

export interface GradeSuiteResult {
  summary: RunSummary;
  summaryPath: string;
  outcomes: InstanceOutcome[];
  cancelled: boolean;
}

export async function gradeSuite(options: GradeSuiteOptions): Promise<GradeSuiteResult> {
  const started = performance.now();
  const store = new RunStore(options.runDir);
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
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      if (options.signal?.aborted) return;
      const task = tasksById.get(p.instanceId)!;
      options.onProgress?.({ type: "started", instanceId: p.instanceId });
      const outcome = await gradeOne(task, p, store, options);
      outcomes.set(p.instanceId, outcome);
      await store.saveOutcome(outcome);
      done++;
      if (outcome.status === "resolved") resolved++;
      options.onProgress?.({ type: "finished", instanceId: p.instanceId, outcome, done, total, resolved });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers ?? 1, total || 1)) }, worker));
  const summary = summarize({
    runId: options.runId,
    semantics: options.semantics ?? "v5",
    tasks: options.tasks,
    predictions: options.predictions,
    outcomes,
    wallSeconds: (performance.now() - started) / 1000,
  });
  const summaryPath = await store.writeJson("summary.json", summary);
  return { summary, summaryPath, outcomes: [...outcomes.values()], cancelled: options.signal?.aborted ?? false };
}

async function gradeOne(task: Task, prediction: Prediction, store: RunStore, options: GradeSuiteOptions): Promise<InstanceOutcome> {
  const started = performance.now();
  try {
    return await gradeInstance(task, prediction, {
      createEnvironment: options.createEnvironment,
      ...(options.semantics ? { semantics: options.semantics } : {}),
      ...(options.timeoutSec ? { timeoutSec: options.timeoutSec } : {}),
      writeArtifact: (name, content) => store.writeArtifact(task.id, name, content),
    });
  } catch (error) {
    const what = EvalError.isInstance(error) ? `${error.code}: ${error.message}` : `unexpected: ${errorMessage(error)}`;
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
