// What travels through the queue: a job (one instance to grade, or one (instance, sample) to run,
// with everything a worker needs to do it exactly as a local run would) and its result (the outcome
// and the unit's files, bounded in size). Both are validated with zod where they are read.
import { z } from "zod";
import { INSTANCE_STATUSES, sha256, SwerigError } from "../core/index.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Prediction } from "../grader/predictions.js";
import { stableJson, type RunManifest } from "../runner/manifest.js";

export const JOB_VERSION = 1 as const;

const TaskRefSchema = z
  .object({
    /** The task source as the coordinator resolved it; each worker must have the same one at that path (or --tasks). */
    source: z.string(),
    id: z.string(),
    /** taskContentHash of the coordinator's task: a worker with another version of the task refuses the job. */
    sha256: z.string(),
  })
  .strict();

const common = {
  v: z.literal(JOB_VERSION),
  runId: z.string(),
  /** Hash of the run manifest (created_at left out): one run id with another configuration never shares a job. */
  config: z.string(),
  task: TaskRefSchema,
  sample: z.number().int().nonnegative(),
  /** `--judge-tests`: the tests the patch adds or changes run before and after the reference fix too (absent: off). */
  judgeTests: z.literal(true).optional(),
};

export const GradeJobSchema = z
  .object({
    ...common,
    kind: z.literal("grade"),
    prediction: z.object({ instanceId: z.string(), model: z.string(), patch: z.string().nullable(), origin: z.string() }).strict(),
    grading: z.object({ semantics: z.enum(["v5", "v4"]), timeoutSec: z.number().int().positive().nullable() }).strict(),
  })
  .strict();

export const RunJobSchema = z
  .object({
    ...common,
    kind: z.literal("run"),
    /** The `run` command's options that make the agent (--agent, --model, ...); API keys stay in each worker's environment. */
    agent: z.record(z.string(), z.union([z.string(), z.boolean()])),
    limits: z.object({ maxCostUsd: z.number(), maxSteps: z.number(), maxWallTimeMs: z.number() }).strict(),
  })
  .strict();

export const QueueJobSchema = z.discriminatedUnion("kind", [GradeJobSchema, RunJobSchema]);
export type GradeJob = z.infer<typeof GradeJobSchema>;
export type RunJob = z.infer<typeof RunJobSchema>;
export type QueueJob = z.infer<typeof QueueJobSchema>;

export const ResultFileSchema = z.object({ name: z.string(), content: z.string(), truncated: z.boolean() }).strict();
export type ResultFile = z.infer<typeof ResultFileSchema>;

export const QueueResultSchema = z
  .object({
    v: z.literal(JOB_VERSION),
    kind: z.enum(["grade", "run"]),
    instanceId: z.string(),
    sample: z.number().int().nonnegative(),
    /** `grade`: the outcome; `run`: the task run's result (agent outcome, patch, grade, failure, timings). */
    outcome: z.record(z.string(), z.unknown()),
    /** The unit's folder as the worker left it: names relative to it, '/'-separated. */
    files: z.array(ResultFileSchema),
    worker: z.object({ id: z.string(), startedAt: z.number(), finishedAt: z.number() }).strict(),
  })
  .strict();
export type QueueResult = z.infer<typeof QueueResultSchema>;

/** The run's configuration hash: the manifest without the fields that say when. */
export function configHash(manifest: RunManifest): string {
  const { created_at: _createdAt, ...what } = manifest;
  return sha256(stableJson(what)).slice(0, 16);
}

/**
 * One id per unit of work and configuration, so a restarted coordinator finds the jobs it queued
 * before instead of queueing them twice ('~' cannot occur in run or instance ids).
 */
export function jobId(job: Pick<QueueJob, "runId" | "config" | "task" | "sample">): string {
  return `${job.runId}~${job.config}~${job.task.id}~${job.sample}`;
}

export function predictionOf(job: GradeJob): Prediction {
  return { ...job.prediction };
}

/**
 * The outcome of a `grade` result, as the grader returned it on the worker (swerig's own value; its
 * id and status are checked). Throws SwerigError("internal") when they are not the job's.
 */
export function gradeOutcomeOf(result: QueueResult): InstanceOutcome {
  const { instanceId, status } = result.outcome;
  if (instanceId !== result.instanceId || !(INSTANCE_STATUSES as readonly unknown[]).includes(status)) {
    throw new SwerigError("internal", `${result.instanceId}: the queue result carries no outcome of this instance`);
  }
  return result.outcome as unknown as InstanceOutcome;
}
