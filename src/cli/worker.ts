// swerig worker: takes the jobs `grade|run --queue` queue, on this machine's Docker, until Ctrl-C or SIGTERM.
import { SwerigError } from "../core/index.js";
import { DEFAULT_MEMORY_BYTES } from "../envs/docker-environment.js";
import { parseQueueUrl, showQueueUrl } from "../queue/connection.js";
import type { QueueJob } from "../queue/job.js";
import { startQueueWorker, type WorkerEvent } from "../queue/queue-worker.js";
import { intOption, parseCommand, stringOption, type CommandSpec } from "./args.js";
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

export async function worker(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommand(workerSpec, argv);
  const url = stringOption(values, "queue")!;
  const connection = parseQueueUrl(url);
  const rawWorkers = stringOption(values, "workers") ?? "auto";
  if (rawWorkers !== "auto" && !/^[1-9]\d*$/.test(rawWorkers)) {
    throw new SwerigError("invalid_input", `--workers takes a positive whole number or auto, not ${JSON.stringify(rawWorkers)}`);
  }
  const sizing = sizeWorkers(rawWorkers === "auto" ? "auto" : Number(rawWorkers), await hostResources(), DEFAULT_MEMORY_BYTES);
  const { workers } = sizing;
  const stallMs = (intOption(values, "stall-seconds") ?? 30) * 1000;
  const tasks = stringOption(values, "tasks");
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
