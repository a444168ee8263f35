// The coordinator's side of the queue: queues one job per unit (deterministic ids: a restarted
// coordinator finds what it queued before), waits for its result, writes the result's files into the
// unit's folder once, and then removes the job. Workers may die mid-job: BullMQ's stalled-job check
// gives the job to another worker, and whatever finishes first is the one result the job has.
import { Job, Queue, QueueEvents } from "bullmq";
import { SwerigError, errorMessage } from "../core/index.js";
import { type QueueConnection, QUEUE_NAME } from "./connection.js";
import { jobId, QueueResultSchema, type QueueJob, type QueueResult } from "./job.js";
import { probeRedis } from "./probe-redis.js";
import { writeResultFiles } from "./result-files.js";

/** Jobs and their results stay in Redis this long at most when no coordinator collects them. */
const KEEP_SECONDS = 7 * 24 * 3600;

/** Where one job's time went, epoch milliseconds (the worker's clock for started/finished). */
export interface JobTiming {
  instanceId: string;
  sample: number;
  workerId: string;
  enqueuedAt: number;
  startedAt: number;
  finishedAt: number;
  writtenAt: number;
}

export class QueueCoordinator {
  readonly timings: JobTiming[] = [];
  private readonly written = new Set<string>();

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly force: boolean,
  ) {}

  /** Throws SwerigError("invalid_input") when Redis does not answer at the URL. */
  static async open(connection: QueueConnection, options: { force?: boolean; connectTimeoutMs?: number } = {}): Promise<QueueCoordinator> {
    await probeRedis(connection, options.connectTimeoutMs);
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    events.setMaxListeners(0);
    // A Redis that goes away mid-run: ioredis reconnects and the waiting resumes; nothing to do here.
    queue.on("error", () => undefined);
    events.on("error", () => undefined);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new QueueCoordinator(queue, events, options.force === true);
  }

  /**
   * Queues the job (or finds it queued), waits for its result and writes the result's files into
   * `dir`. Throws SwerigError("internal") when the job failed on a worker (the worker's message), or
   * when `signal` aborts first: the job stays queued, and the same command collects it later.
   */
  async submit(job: QueueJob, dir: string, signal?: AbortSignal): Promise<QueueResult> {
    const id = jobId(job);
    const enqueuedAt = Date.now();
    const queued = await this.enqueue(id, job);
    let value: unknown;
    try {
      value = await abortable(queued.waitUntilFinished(this.events), signal);
    } catch (error) {
      if (signal?.aborted) throw new SwerigError("internal", `${job.task.id}: interrupted; job ${id} stays queued`);
      throw new SwerigError("internal", `${job.task.id}: the queue job ${id} failed on a worker: ${errorMessage(error)}`);
    }
    const parsed = QueueResultSchema.safeParse(value);
    if (!parsed.success) throw new SwerigError("internal", `${job.task.id}: the queue job ${id} returned no swerig result`);
    const result = parsed.data;
    const unit = `${result.instanceId}#${result.sample}`;
    if (!this.written.has(unit)) {
      this.written.add(unit);
      await writeResultFiles(dir, result.files);
      const { id: workerId, startedAt, finishedAt } = result.worker;
      this.timings.push({
        instanceId: result.instanceId,
        sample: result.sample,
        workerId,
        enqueuedAt,
        startedAt,
        finishedAt,
        writtenAt: Date.now(),
      });
    }
    await queued.remove().catch(() => undefined);
    return result;
  }

  private async enqueue(id: string, job: QueueJob): Promise<Job> {
    const existing = await Job.fromId(this.queue, id);
    if (existing) {
      const state = await existing.getState();
      const stale = state === "failed" || (this.force && state === "completed");
      if (!stale) return existing;
      await existing.remove();
    }
    return this.queue.add(job.kind, job, {
      jobId: id,
      attempts: 1,
      removeOnComplete: { age: KEEP_SECONDS },
      removeOnFail: { age: KEEP_SECONDS },
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
