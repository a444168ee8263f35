// swerig worker: takes the jobs `grade|run --queue` queue, on this machine's Docker, until Ctrl-C or SIGTERM.
import { z } from "zod";
import { DEFAULT_MEMORY_BYTES } from "../envs/docker-environment.js";
import { parseQueueUrl, showQueueUrl } from "../queue/connection.js";
import type { QueueJob } from "../queue/job.js";
import { startQueueWorker, type WorkerEvent } from "../queue/queue-worker.js";
import { parseOptions, value, type CommandSpec } from "./args.js";
import { hostResources, sizeWorkers } from "../runner/auto-workers.js";
import { memoryAdmission } from "../runner/run-image-setup.js";
import { makeAgentFactory } from "./make-agent.js";
import type { CliIo } from "./output.js";

export const workerSpec: CommandSpec = {
  name: "worker",
  summary: "Take the instances `swerig grade|run --queue` hands out and do them on this machine's Docker.",
  options: {
    queue: { type: "string", arg: "redis://HOST:PORT", description: "the Redis the coordinator queues to" },
    workers: {
      type: "string",
      arg: "N|auto",
      description: "jobs at once on this machine; auto: min(cores, free memory / 4 GiB per container)",
      default: "auto",
    },
    tasks: {
      type: "string",
      arg: "DIR|FILE",
      description: "this machine's copy of the task source (default: the coordinator's path, which must exist here)",
    },
    "stall-seconds": {
      type: "string",
      arg: "S",
      description: "a job whose worker stops answering this long goes to another worker",
      default: "30",
    },
  },
  required: ["queue"],
};

const WorkerOptions = z.object({
  queue: value.text,
  workers: value.workers,
  tasks: value.text.optional(),
  "stall-seconds": value.positiveInt,
});

export async function worker(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { options } = parseOptions(workerSpec, argv, WorkerOptions);
  const { queue: url, tasks } = options;
  const connection = parseQueueUrl(url);
  const sizing = sizeWorkers(options.workers, await hostResources(), DEFAULT_MEMORY_BYTES);
  const { workers } = sizing;
  const stallMs = options["stall-seconds"] * 1000;
  const running = await startQueueWorker({
    connection,
    workers,
    stallMs,
    resources: { admission: memoryAdmission((line) => io.err(line)) },
    ...(tasks ? { tasks } : {}),
    makeAgentFactory: (options) => makeAgentFactory(options),
    onEvent: (e) => io.err(eventLine(e)),
  });
  io.err(sizing.description);
  io.err(`worker: ${workers} at once, taking jobs from ${showQueueUrl(url)} (Ctrl-C or SIGTERM stops after the jobs in flight)`);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGTERM", () => resolve());
  });
  io.err("worker: stopping; the jobs in flight finish first");
  await running.close();
  return 0;
}

function eventLine(e: WorkerEvent): string {
  const unit = (job: QueueJob) => `${job.kind} ${job.runId} ${job.task.id}${job.sample > 0 ? ` #${job.sample}` : ""}`;
  switch (e.type) {
    case "started":
      return `start    ${unit(e.job)}`;
    case "finished":
      return `done     ${unit(e.job)}: ${e.status} (${(e.ms / 1000).toFixed(1)}s)`;
    case "failed":
      return `FAILED   job ${e.jobId}: ${e.reason}`;
  }
}
