// The options `grade` and `run` share for running at scale: --workers (auto by default), --pull,
// --image-cache and --max-image-disk; and the set-up they lead to: the run's images, the memory
// admission gate, the workers line and pull progress on stderr.
import { SwerigError } from "../core/index.js";
import { DEFAULT_MEMORY_BYTES } from "../envs/docker-environment.js";
import {
  IMAGE_CACHE_HELP,
  IMAGE_CACHE_LEVELS,
  PULL_POLICIES,
  RunImages,
  type ImageCacheLevel,
  type PullPolicy,
  type ReadyCounts,
  type RunImagesEvent,
} from "../envs/images/index.js";
import { hostResources, MemoryAdmission, sizeWorkers } from "../runner/auto-workers.js";
import type { RunResources } from "../runner/run-resources.js";
import type { Task } from "../tasks/index.js";
import { stringOption, type OptionSpec, type ParsedOptions } from "./args.js";
import type { CliIo } from "./output.js";

const GIB = 1024 ** 3;
const cacheHelp = IMAGE_CACHE_LEVELS.map((level) => `${level}: ${IMAGE_CACHE_HELP[level]}`).join("; ");

export const IMAGE_OPTIONS: Record<string, OptionSpec> = {
  workers: {
    type: "string",
    arg: "N|auto",
    description: "task runs at once; auto: min(cores, free memory / 4 GiB per container)",
    default: "auto",
  },
  pull: {
    type: "string",
    arg: "missing|always|never",
    description: "pull official images when absent, every run, or never",
    default: "missing",
  },
  "image-cache": { type: "string", arg: "none|env|all", description: `after an instance image's last use: ${cacheHelp}`, default: "env" },
  "max-image-disk": { type: "string", arg: "GiB", description: "evict least recently used images swerig pulled or built beyond this size" },
};

function oneOf<T extends string>(values: ParsedOptions, name: string, allowed: readonly T[]): T {
  const raw = stringOption(values, name);
  const found = allowed.find((a) => a === raw);
  if (found === undefined) throw new SwerigError("invalid_input", `--${name} takes ${allowed.join(", ")}, not ${JSON.stringify(raw)}`);
  return found;
}

export interface ImageSettings {
  workers: number | "auto";
  pull: PullPolicy;
  cache: ImageCacheLevel;
  maxDiskBytes?: number;
}

/** Validates the shared options; throws SwerigError("invalid_input") naming the option that is wrong. */
export function parseImageOptions(values: ParsedOptions): ImageSettings {
  const rawWorkers = stringOption(values, "workers") ?? "auto";
  const count = Number(rawWorkers);
  if (rawWorkers !== "auto" && !(Number.isInteger(count) && count > 0)) {
    throw new SwerigError("invalid_input", `--workers takes a positive whole number or auto, not ${JSON.stringify(rawWorkers)}`);
  }
  const rawDisk = stringOption(values, "max-image-disk");
  const gib = Number(rawDisk);
  if (rawDisk !== undefined && !(rawDisk.trim() !== "" && gib >= 0 && Number.isFinite(gib))) {
    throw new SwerigError("invalid_input", `--max-image-disk takes a size in GiB (a number, 0 or more), not ${JSON.stringify(rawDisk)}`);
  }
  return {
    workers: rawWorkers === "auto" ? "auto" : count,
    pull: oneOf(values, "pull", PULL_POLICIES),
    cache: oneOf(values, "image-cache", IMAGE_CACHE_LEVELS),
    ...(rawDisk !== undefined ? { maxDiskBytes: Math.round(gib * GIB) } : {}),
  };
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(0)}s`;
const ready = (c: ReadyCounts) => `images ready: ${c.instancesReady}/${c.instances} instances, ${c.ready}/${c.total} images`;

export function imageEventLine(e: RunImagesEvent): string {
  switch (e.type) {
    case "pull-start":
      return `pull     ${e.image} ...`;
    case "pull-progress":
      return `pull     ${e.image} ${mb(e.doneBytes)} / ${mb(e.totalBytes)}, ${secs(e.elapsedMs)}`;
    case "pull-retry":
      return `pull     ${e.image}: try ${e.attempt} failed (${e.reason}); trying again`;
    case "pull-done":
      return `pulled   ${e.image} in ${secs(e.elapsedMs)} | ${ready(e)}`;
    case "pull-failed":
      return `pull     ${e.image} FAILED: ${e.reason} | ${ready(e)}`;
    case "removed":
      return `removed  ${e.image} (${e.why === "image-cache" ? "--image-cache: its last use in this run" : "--max-image-disk: LRU"})`;
    case "remove-failed":
      return `kept     ${e.image}: could not remove it (${e.reason})`;
  }
}

export interface RunImageSetup {
  workers: number;
  resources: RunResources;
  /** One task run is over (graded, failed or skipped). */
  taskDone(task: Task): void;
  /** The run is over: the cache level applies to what the run still holds. */
  finish(): Promise<void>;
}

/** Sizes the workers (printing the line), plans the run's images over `uses` (one entry per task run). */
export async function setupRunImages(settings: ImageSettings, uses: readonly Task[], runId: string, io: CliIo): Promise<RunImageSetup> {
  const sizing = sizeWorkers(settings.workers, await hostResources(), DEFAULT_MEMORY_BYTES);
  io.err(sizing.description);
  const images = await RunImages.open(uses, {
    runId,
    pull: settings.pull,
    cache: settings.cache,
    prefetch: 2,
    ...(settings.maxDiskBytes !== undefined ? { maxDiskBytes: settings.maxDiskBytes } : {}),
    onEvent: (e) => io.err(imageEventLine(e)),
  });
  const counts = images.counts;
  if (counts.total > counts.ready) io.err(`${ready(counts)}; the others are pulled (--pull ${settings.pull}) or built on first use`);
  const admission = new MemoryAdmission({
    perContainerBytes: DEFAULT_MEMORY_BYTES,
    onWait: (free) => io.err(`waiting for memory: ${(free / GIB).toFixed(1)} GiB free < ${DEFAULT_MEMORY_BYTES / GIB} GiB per container`),
  });
  const pending: Promise<void>[] = [];
  return {
    workers: sizing.workers,
    resources: { images, admission },
    taskDone: (task) => void pending.push(images.release(task).catch((e: unknown) => io.err(`images: ${String(e)}`))),
    finish: async () => {
      await Promise.all(pending);
      await images.finish();
    },
  };
}
