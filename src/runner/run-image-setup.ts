// The images and workers of one `grade` or `run`: the workers sized (auto: from cores and free memory),
// the run's images planned (pulled or built on first use, removed after their last use as the cache
// level says), the memory admission gate, and the lines that tell a person what happens.
import { DEFAULT_MEMORY_BYTES } from "../envs/docker-environment.js";
import { RunImages, type ImageCacheLevel, type PullPolicy, type ReadyCounts, type RunImagesEvent } from "../envs/images/index.js";
import type { Task } from "../tasks/index.js";
import { hostResources, MemoryAdmission, sizeWorkers } from "./auto-workers.js";
import type { RunResources } from "./run-resources.js";

const GIB = 1024 ** 3;

export interface ImageSettings {
  workers: number | "auto";
  pull: PullPolicy;
  cache: ImageCacheLevel;
  maxDiskBytes?: number;
}

export const DEFAULT_IMAGE_SETTINGS: ImageSettings = { workers: "auto", pull: "missing", cache: "env" };

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

/** The memory admission gate of this process's containers, saying through `log` when it makes one wait. */
export function memoryAdmission(log: (line: string) => void): MemoryAdmission {
  return new MemoryAdmission({
    perContainerBytes: DEFAULT_MEMORY_BYTES,
    onWait: (free) => log(`waiting for memory: ${(free / GIB).toFixed(1)} GiB free < ${DEFAULT_MEMORY_BYTES / GIB} GiB per container`),
  });
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
export async function setupRunImages(
  settings: ImageSettings,
  uses: readonly Task[],
  runId: string,
  log: (line: string) => void,
): Promise<RunImageSetup> {
  const sizing = sizeWorkers(settings.workers, await hostResources(), DEFAULT_MEMORY_BYTES);
  log(sizing.description);
  const images = await RunImages.open(uses, {
    runId,
    pull: settings.pull,
    cache: settings.cache,
    prefetch: 2,
    ...(settings.maxDiskBytes !== undefined ? { maxDiskBytes: settings.maxDiskBytes } : {}),
    onEvent: (e) => log(imageEventLine(e)),
  });
  const counts = images.counts;
  if (counts.total > counts.ready) log(`${ready(counts)}; the others are pulled (--pull ${settings.pull}) or built on first use`);
  const admission = memoryAdmission(log);
  const pending: Promise<void>[] = [];
  return {
    workers: sizing.workers,
    resources: { images, admission },
    taskDone: (task) => void pending.push(images.release(task).catch((e: unknown) => log(`images: ${String(e)}`))),
    finish: async () => {
      await Promise.all(pending);
      await images.finish();
    },
  };
}
