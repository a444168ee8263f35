// `--queue redis://HOST:PORT` for `grade` and `run`: the instances go to `swerig worker` processes
// (any machine with Docker and the same task source) instead of this machine's containers; results
// are written here exactly as a local run writes them. The runner opens the dispatch made here once the
// run's manifest is known (runner/run-setup.ts) and starts no image, container or daemon watch for it.
import { resolve } from "node:path";
import { QueueCoordinator } from "../queue/coordinator.js";
import { parseQueueUrl, showQueueUrl } from "../queue/connection.js";
import { configHash, type RunJob } from "../queue/job.js";
import { remoteGradeOne, remoteRunTask, type RemoteContext } from "../queue/remote-units.js";
import type { GradeDispatch } from "../runner/grade-predictions.js";
import type { RunManifest } from "../runner/manifest.js";
import type { RunDispatch } from "../runner/run-tasks.js";
import { stringOption, type OptionSpec, type ParsedOptions } from "./args.js";
import type { CliIo } from "./output.js";

export const QUEUE_OPTION: Record<string, OptionSpec> = {
  queue: {
    type: "string",
    arg: "redis://HOST:PORT",
    description: "hand each instance to `swerig worker` processes through this Redis; their results are written here",
  },
};

interface QueueRun {
  runId: string;
  /** The task source (--tasks): workers read the tasks from the same path. */
  source: string;
  abort?: AbortSignal | undefined;
}

type Opener<D> = ((manifest: RunManifest) => Promise<D>) | undefined;

/**
 * Undefined without --queue; otherwise checks the URL now (SwerigError("invalid_input")) and returns what
 * connects, when the runner opens it (SwerigError("invalid_input") when Redis does not answer).
 */
function queueOpener<D>(values: ParsedOptions, io: CliIo, run: QueueRun, make: (context: RemoteContext) => D): Opener<D> {
  const url = stringOption(values, "queue");
  if (url === undefined) return undefined;
  const connection = parseQueueUrl(url);
  return async (manifest) => {
    const coordinator = await QueueCoordinator.open(connection, { force: values["force"] === true });
    io.err(`queue: ${showQueueUrl(url)}; every instance is handed to \`swerig worker --queue ...\` processes`);
    const context: RemoteContext = {
      coordinator,
      runId: run.runId,
      config: configHash(manifest),
      source: resolve(run.source),
      ...(run.abort ? { signal: run.abort } : {}),
      ...(values["judge-tests"] === true ? { judgeTests: true } : {}),
    };
    return make(context);
  };
}

/** `run --queue`: every task run is a job; a worker makes the same agent from `agent` (see agentOptions). */
export function queueRunDispatch(
  values: ParsedOptions,
  io: CliIo,
  run: QueueRun & { agent: RunJob["agent"]; limits: RunJob["limits"] },
): Opener<RunDispatch> {
  return queueOpener(values, io, run, (context) => ({
    runTask: remoteRunTask({ ...context, agent: run.agent, limits: run.limits }),
    close: () => context.coordinator.close(),
  }));
}

/** `grade --queue`: every instance is a job, graded by a worker with these rules. */
export function queueGradeDispatch(
  values: ParsedOptions,
  io: CliIo,
  run: QueueRun & { runDir: string; semantics: "v5" | "v4"; timeoutSec: number | null },
): Opener<GradeDispatch> {
  return queueOpener(values, io, run, (context) => ({
    gradeOne: remoteGradeOne({ ...context, runDir: run.runDir, semantics: run.semantics, timeoutSec: run.timeoutSec }),
    close: () => context.coordinator.close(),
  }));
}

/** The `run` options a worker needs to make the same agent (API keys stay in each worker's environment). */
export function agentOptions(values: ParsedOptions): RunJob["agent"] {
  const skip = new Set([
    "queue",
    "workers",
    "instances",
    "json",
    "force",
    "run-id",
    "pull",
    "image-cache",
    "max-image-disk",
    "judge-tests",
  ]);
  const kept = Object.entries(values).filter(
    (e): e is [string, string | boolean] => !skip.has(e[0]) && (typeof e[1] === "string" || typeof e[1] === "boolean"),
  );
  // Files the agent reads are named by absolute path: a worker's current folder is not this one.
  return Object.fromEntries(kept.map(([k, v]) => [k, typeof v === "string" && PATHS.has(k) ? resolve(v) : v]));
}

const PATHS = new Set(["plan", "tasks", "traces-dir"]);
