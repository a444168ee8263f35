// The suites' units of work done through the queue: a `gradeOne` for gradeSuite and a `runTask` for
// runSuite that queue a job, wait for its result and leave the unit's folder as a local run leaves it.
// Neither throws: a job that failed on a worker becomes an `error` outcome naming the cause.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { errorMessage } from "../core/index.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Prediction } from "../grader/predictions.js";
import { taskContentHash } from "../runner/manifest.js";
import type { runTask, RunTaskOptions, TaskRunResult } from "../runner/run-task.js";
import type { Task } from "../tasks/index.js";
import type { QueueCoordinator } from "./coordinator.js";
import { gradeOutcomeOf, JOB_VERSION, type GradeJob, type RunJob } from "./job.js";

export interface RemoteContext {
  coordinator: QueueCoordinator;
  runId: string;
  /** configHash of the run's manifest. */
  config: string;
  /** The task source, resolved: workers read the tasks from the same path (or their own --tasks). */
  source: string;
  /** Aborts the waiting (the jobs stay queued). */
  signal?: AbortSignal;
  /** `--judge-tests`: the workers judge the agent's tests too. */
  judgeTests?: boolean;
}

function taskRef(ctx: RemoteContext, task: Task) {
  return { source: ctx.source, id: task.id, sha256: taskContentHash(task) };
}

const judging = (ctx: RemoteContext) => (ctx.judgeTests ? { judgeTests: true as const } : {});

export function remoteGradeOne(
  ctx: RemoteContext & { runDir: string; semantics: "v5" | "v4"; timeoutSec: number | null },
): (task: Task, prediction: Prediction) => Promise<InstanceOutcome> {
  return async (task, prediction) => {
    const started = performance.now();
    const job: GradeJob = {
      ...{ v: JOB_VERSION, kind: "grade", runId: ctx.runId, config: ctx.config, task: taskRef(ctx, task), sample: 0, ...judging(ctx) },
      prediction: { ...prediction },
      grading: { semantics: ctx.semantics, timeoutSec: ctx.timeoutSec },
    };
    try {
      const result = await ctx.coordinator.submit(job, join(ctx.runDir, task.id), ctx.signal);
      return gradeOutcomeOf(result);
    } catch (error) {
      const totalMs = performance.now() - started;
      return { instanceId: task.id, model: prediction.model, status: "error", reason: errorMessage(error), timings: { totalMs } };
    }
  };
}

export function remoteRunTask(ctx: RemoteContext & { agent: RunJob["agent"]; limits: RunJob["limits"] }): typeof runTask {
  return async (task: Task, options: RunTaskOptions): Promise<TaskRunResult> => {
    const started = performance.now();
    const job: RunJob = {
      ...{
        v: JOB_VERSION,
        kind: "run",
        runId: ctx.runId,
        config: ctx.config,
        task: taskRef(ctx, task),
        sample: options.sample,
        ...judging(ctx),
      },
      agent: ctx.agent,
      limits: ctx.limits,
    };
    const tracePath = join(options.dir, "trace.jsonl");
    try {
      const result = await ctx.coordinator.submit(job, options.dir, ctx.signal);
      return { ...(result.outcome as unknown as Omit<TaskRunResult, "tracePath">), tracePath };
    } catch (error) {
      const reason = errorMessage(error);
      await mkdir(options.dir, { recursive: true });
      await writeFile(tracePath, "", { flag: "a" });
      const model = options.agent.model ?? options.agent.name;
      const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      return {
        ...{ taskId: task.id, sample: options.sample, patch: "", tracePath, durationMs: performance.now() - started, setupMs: 0 },
        agent: { reason: "error", detail: reason, steps: 0, usage },
        grade: { instanceId: task.id, model, status: "error", reason, timings: { totalMs: 0 } },
        failure: { status: "error", code: "internal", reason, beforeFirstAnswer: true },
      };
    }
  };
}
