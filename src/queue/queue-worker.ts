// The worker's side of the queue: takes jobs, up to `workers` at once, and does each exactly as a local
// run does it (gradeSuite's per-instance grading, or runTask) in a scratch folder on this machine with
// its own Docker; then sends the folder's files back (bounded) with the outcome. A worker that dies
// mid-job stops renewing the job's lock; after `stallMs` another worker's stalled check takes it over.
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { type Job, Worker } from "bullmq";
import type { Agent, AgentFactory } from "../agents/agent.js";
import { describeIssues, SwerigError } from "../core/index.js";
import { DEFAULT_CREATE_RETRY } from "../runner/create-with-retry.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { gradeOneInstance } from "../runner/grade-suite.js";
import { stableJson } from "../runner/manifest.js";
import { holdPyrightServer } from "../runner/pyright-shared.js";
import type { RunResources } from "../runner/run-resources.js";
import { RunStore } from "../runner/run-store.js";
import { runTask } from "../runner/run-task.js";
import type { Task } from "../tasks/index.js";
import { type QueueConnection, QUEUE_NAME } from "./connection.js";
import { JOB_VERSION, predictionOf, QueueJobSchema, type GradeJob, type QueueJob, type QueueResult, type RunJob } from "./job.js";
import { probeRedis } from "./probe-redis.js";
import { boundFiles, readResultFiles } from "./result-files.js";
import { WorkerTasks } from "./worker-tasks.js";

export type AgentFactoryMaker = (options: RunJob["agent"]) => Promise<AgentFactory>;

export type WorkerEvent =
  | { type: "started"; job: QueueJob }
  | { type: "finished"; job: QueueJob; status: string; ms: number }
  | { type: "failed"; jobId: string; reason: string };

export interface QueueWorkerOptions {
  connection: QueueConnection;
  /** Jobs at once on this machine. */
  workers: number;
  /** Lock duration and stalled-check interval: a dead worker's job is taken over after about this long. */
  stallMs: number;
  /** This machine's copy of the task source, in place of the path each job names. */
  tasks?: string;
  /** The memory admission gate every container of this worker passes (see run-resources.ts). */
  resources?: RunResources;
  /** Makes the agent of a `run` job from the run command's options (the CLI's factory). */
  makeAgentFactory: AgentFactoryMaker;
  onEvent?: (event: WorkerEvent) => void;
}

export interface QueueWorker {
  /** Stops taking jobs; waits for those in flight to finish and be sent back. */
  close(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  await probeRedis(options.connection);
  const tasks = new WorkerTasks(options.tasks);
  const factories = new Map<string, ReturnType<AgentFactoryMaker>>();
  const id = `${hostname()}:${process.pid}`;
  const handle = async (job: Job): Promise<QueueResult> => {
    const parsed = QueueJobSchema.safeParse(job.data);
    if (!parsed.success) {
      throw new SwerigError(
        "invalid_input",
        `job ${job.id ?? "?"} is not a swerig ${JOB_VERSION} job: ${describeIssues(parsed.error.issues)}`,
      );
    }
    const data = parsed.data;
    const startedAt = Date.now();
    options.onEvent?.({ type: "started", job: data });
    const scratch = await mkdtemp(join(tmpdir(), "swerig-worker-"));
    try {
      const task = await tasks.taskFor(data);
      const dir = join(scratch, task.id);
      let outcome: Record<string, unknown>;
      let status: string;
      if (data.kind === "grade") {
        const o = await gradeJob(data, task, scratch, options.resources ?? {});
        outcome = { ...o };
        status = o.status;
      } else {
        const key = stableJson(data.agent);
        const factory = factories.get(key) ?? options.makeAgentFactory(data.agent);
        factories.set(key, factory);
        const agent = (await factory)({ taskId: task.id, sample: data.sample, dir, referencePatch: task.goldPatch });
        const r = await runJob(data, task, dir, agent, options.resources ?? {});
        const { tracePath: _tracePath, ...rest } = r;
        outcome = { ...rest };
        status = r.grade?.status ?? "error";
      }
      const files = boundFiles(await readResultFiles(dir));
      const finishedAt = Date.now();
      options.onEvent?.({ type: "finished", job: data, status, ms: finishedAt - startedAt });
      const worker = { id, startedAt, finishedAt };
      return { v: JOB_VERSION, kind: data.kind, instanceId: task.id, sample: data.sample, outcome, files, worker };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  };
  const worker = new Worker(QUEUE_NAME, handle, {
    connection: options.connection,
    concurrency: options.workers,
    lockDuration: options.stallMs,
    stalledInterval: options.stallMs,
    maxStalledCount: 2,
  });
  worker.on("failed", (job, error) => options.onEvent?.({ type: "failed", jobId: job?.id ?? "?", reason: error.message }));
  worker.on("error", () => undefined);
  await worker.waitUntilReady();
  // One warm pyright for the worker's life (quality analysis of Python patches), closed with it.
  const releasePyright = holdPyrightServer();
  return { close: () => worker.close().finally(releasePyright) };
}

async function gradeJob(job: GradeJob, task: Task, scratch: string, resources: RunResources) {
  const createEnvironment = await dockerGradingEnvironments(job.runId, DEFAULT_CREATE_RETRY, resources);
  return gradeOneInstance(task, predictionOf(job), new RunStore(scratch), {
    createEnvironment,
    semantics: job.grading.semantics,
    ...(job.grading.timeoutSec ? { timeoutSec: job.grading.timeoutSec } : {}),
    ...(job.judgeTests ? { judgeTests: true } : {}),
  });
}

async function runJob(job: RunJob, task: Task, dir: string, agent: Agent, resources: RunResources) {
  const createGradingEnvironment = await dockerGradingEnvironments(job.runId, DEFAULT_CREATE_RETRY, resources);
  return runTask(task, {
    runId: job.runId,
    dir,
    sample: job.sample,
    agent,
    limits: job.limits,
    agentEnvironments: dockerAgentEnvironments(job.runId, DEFAULT_CREATE_RETRY, resources),
    createGradingEnvironment,
    ...(job.judgeTests ? { judgeTests: true } : {}),
  });
}
