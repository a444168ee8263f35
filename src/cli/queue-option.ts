// `--queue redis://HOST:PORT` for `grade` and `run`: the instances go to `swerig worker` processes
// (any machine with Docker and the same task source) instead of this machine's containers; results
// are written here exactly as a local run writes them.
import { resolve } from "node:path";
import { QueueCoordinator } from "../queue/coordinator.js";
import { parseQueueUrl, showQueueUrl } from "../queue/connection.js";
import { configHash, type RunJob } from "../queue/job.js";
import { remoteGradeOne, remoteRunTask, type RemoteContext } from "../queue/remote-units.js";
import type { RunManifest } from "../runner/manifest.js";
import { SwerigError } from "../core/index.js";
import { stringOption, type OptionSpec, type ParsedOptions } from "./args.js";
import type { RunImageSetup } from "./image-options.js";
import type { CliIo } from "./output.js";

export const QUEUE_OPTION: Record<string, OptionSpec> = {
  queue: {
    type: "string",
    arg: "redis://HOST:PORT",
    description: "hand each instance to `swerig worker` processes through this Redis; their results are written here",
  },
};

export interface QueueSetup {
  context: RemoteContext;
  /** In place of the run's images: the workers see to their own. */
  images: RunImageSetup;
  /** The coordinator starts no container. */
  noEnvironment: () => Promise<never>;
  gradeOne(runDir: string, semantics: "v5" | "v4", timeoutSec: number | null): ReturnType<typeof remoteGradeOne>;
  runTask(agent: RunJob["agent"], limits: RunJob["limits"]): ReturnType<typeof remoteRunTask>;
  close(): Promise<void>;
}

/** Undefined without --queue; otherwise connects (SwerigError("invalid_input") when Redis does not answer). */
export async function openQueue(
  values: ParsedOptions,
  io: CliIo,
  run: { runId: string; manifest: RunManifest; source: string; abort?: AbortSignal | undefined },
): Promise<QueueSetup | undefined> {
  const url = stringOption(values, "queue");
  if (url === undefined) return undefined;
  const coordinator = await QueueCoordinator.open(parseQueueUrl(url), { force: values["force"] === true });
  io.err(`queue: ${showQueueUrl(url)}; every instance is handed to \`swerig worker --queue ...\` processes`);
  const context: RemoteContext = {
    coordinator,
    runId: run.runId,
    config: configHash(run.manifest),
    source: resolve(run.source),
    ...(run.abort ? { signal: run.abort } : {}),
  };
  return {
    context,
    images: { workers: 1, resources: {}, taskDone: () => undefined, finish: async () => undefined },
    noEnvironment: () => Promise.reject(new SwerigError("internal", "with --queue the workers start the containers")),
    gradeOne: (runDir, semantics, timeoutSec) => remoteGradeOne({ ...context, runDir, semantics, timeoutSec }),
    runTask: (agent, limits) => remoteRunTask({ ...context, agent, limits }),
    close: () => coordinator.close(),
  };
}

/** The `run` options a worker needs to make the same agent (API keys stay in each worker's environment). */
export function agentOptions(values: ParsedOptions): RunJob["agent"] {
  const skip = new Set(["queue", "workers", "instances", "json", "force", "run-id", "pull", "image-cache", "max-image-disk"]);
  const kept = Object.entries(values).filter(
    (e): e is [string, string | boolean] => !skip.has(e[0]) && (typeof e[1] === "string" || typeof e[1] === "boolean"),
  );
  // Files the agent reads are named by absolute path: a worker's current folder is not this one.
  return Object.fromEntries(kept.map(([k, v]) => [k, typeof v === "string" && PATHS.has(k) ? resolve(v) : v]));
}

const PATHS = new Set(["plan", "tasks", "traces-dir"]);
