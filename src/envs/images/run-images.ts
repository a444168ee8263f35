// The images of one run: official images pulled by the pull policy (limited in parallelism, retried,
// with progress), swerig's own built as before; each use and pull recorded in the shared state file;
// an instance image removed after its last use when the cache level says so, and the least recently
// used recorded images evicted when they exceed the disk budget. Images swerig did not pull or build
// are never removed.
import type Docker from "dockerode";
import { SwerigError, errorMessage } from "../../core/index.js";
import type { Task } from "../../tasks/task.js";
import { assertDockerAvailable, getDocker } from "../docker-client.js";
import { evictionOrder, removeAfterLastUse, shouldPull, type ImageCacheLevel, type PullPolicy } from "./cache-policy.js";
import { ensureTaskImage } from "./ensure-images.js";
import { ImageStateFile } from "./image-state.js";
import { pullImage, type PullOptions, type PullProgress } from "./pull-image.js";
import { imageSpecForTask } from "./task-recipe.js";

export interface ReadyCounts {
  ready: number;
  total: number;
  instancesReady: number;
  instances: number;
}

export type RunImagesEvent =
  | { type: "pull-start"; image: string }
  | ({ type: "pull-progress" } & PullProgress)
  | { type: "pull-retry"; image: string; attempt: number; reason: string }
  | ({ type: "pull-done"; image: string; elapsedMs: number } & ReadyCounts)
  | ({ type: "pull-failed"; image: string; reason: string } & ReadyCounts)
  | { type: "removed"; image: string; why: "image-cache" | "max-image-disk" }
  | { type: "remove-failed"; image: string; reason: string };

export interface RunImagesOptions {
  runId: string;
  pull: PullPolicy;
  cache: ImageCacheLevel;
  /** Budget for the recorded instance images; undefined: none. */
  maxDiskBytes?: number;
  /** Pulls at once (default 2). */
  pullConcurrency?: number;
  /** Official images pulled ahead of their first use, in plan order (default 0): at most this many pulled and unused. */
  prefetch?: number;
  pullOptions?: Omit<PullOptions, "onProgress" | "onRetry">;
  state?: ImageStateFile;
  docker?: Docker;
  clock?: () => Date;
  onEvent?: (event: RunImagesEvent) => void;
}

export async function imageSize(docker: Docker, tag: string): Promise<number | undefined> {
  try {
    return (await docker.getImage(tag).inspect()).Size;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

export class RunImages {
  private readonly remaining = new Map<string, number>();
  /** Task runs planned per image, for "instances ready". */
  private readonly planned = new Map<string, number>();
  /** Official images to pull, in plan order; those a task asked for; those pulled ahead. */
  private readonly toFetch = new Set<string>();
  private readonly claimed = new Set<string>();
  private readonly prefetched = new Set<string>();
  private readonly presentAtStart = new Set<string>();
  private readonly acquired = new Map<string, Promise<string>>();
  private readonly ready = new Set<string>();
  private readonly waiters: (() => void)[] = [];
  private pulling = 0;
  private readonly docker: Docker;
  private readonly state: ImageStateFile;

  private constructor(private readonly options: RunImagesOptions) {
    this.docker = options.docker ?? getDocker();
    this.state = options.state ?? new ImageStateFile();
  }

  /**
   * Plans a run of `uses` (one entry per task run; a task may repeat); notes which images are present.
   * Throws SwerigError("docker_unavailable") when the daemon does not answer.
   */
  static async open(uses: readonly Task[], options: RunImagesOptions): Promise<RunImages> {
    const run = new RunImages(options);
    await assertDockerAvailable(run.docker);
    for (const task of uses) {
      const tag = imageSpecForTask(task).tag;
      run.remaining.set(tag, (run.remaining.get(tag) ?? 0) + 1);
      run.planned.set(tag, (run.planned.get(tag) ?? 0) + 1);
    }
    for (const tag of run.remaining.keys()) {
      if ((await imageSize(run.docker, tag)) !== undefined) {
        run.presentAtStart.add(tag);
        run.ready.add(tag);
      }
    }
    for (const task of uses) {
      const spec = imageSpecForTask(task);
      if (spec.kind === "official" && (options.pull === "always" || !run.ready.has(spec.tag))) run.toFetch.add(spec.tag);
    }
    return run;
  }

  /** How many of the run's distinct images, and of its task runs' images, are ready (present or pulled). */
  get counts(): ReadyCounts {
    const instancesReady = [...this.ready].reduce((n, tag) => n + (this.planned.get(tag) ?? 0), 0);
    const instances = [...this.planned.values()].reduce((a, b) => a + b, 0);
    return { ready: this.ready.size, total: this.remaining.size, instancesReady, instances };
  }

  /**
   * The image of `task`, pulled or built when needed; its last use is recorded. Throws SwerigError("image_unavailable")
   * naming the image and the cause when it cannot be had (absent with `--pull never`, or every pull failed): final,
   * the pull was already retried. A swerig build that fails throws as ensureTaskImage does.
   */
  acquire(task: Task, again = false): Promise<string> {
    const spec = imageSpecForTask(task);
    this.claimed.add(spec.tag);
    let promise = this.acquired.get(spec.tag);
    if (!promise) {
      promise = spec.kind === "official" ? this.official(spec.tag) : this.built(task, spec.tag);
      this.acquired.set(spec.tag, promise);
    }
    const claimedPromise = promise;
    // A failed image is tried afresh by the next task that asks for it (a failed pull ahead reaches its task first).
    promise.catch(() => this.acquired.get(spec.tag) === claimedPromise && this.acquired.delete(spec.tag));
    this.prefetchNext();
    return promise.then(async (tag) => {
      if (!again && (await imageSize(this.docker, tag)) === undefined) {
        // Removed since (by another process's prune or budget): get it again, once.
        this.acquired.delete(tag);
        this.ready.delete(tag);
        return this.acquire(task, true);
      }
      await this.touch(tag);
      return tag;
    });
  }

  /**
   * Starts pulls of the next official images in plan order while fewer than `prefetch` are pulled ahead and unused.
   * It starts at the first acquire, once a resumed run has released the task runs it skips; those are never fetched.
   */
  private prefetchNext(): void {
    const ahead = this.options.prefetch ?? 0;
    if (ahead <= 0 || this.options.pull === "never") return;
    const wanted = (tag: string) => (this.remaining.get(tag) ?? 0) > 0;
    let waiting = [...this.prefetched].filter((tag) => !this.claimed.has(tag) && wanted(tag)).length;
    for (const tag of this.toFetch) {
      if (waiting >= ahead) return;
      if (this.acquired.has(tag) || this.claimed.has(tag) || this.prefetched.has(tag) || !wanted(tag)) continue;
      this.prefetched.add(tag);
      waiting++;
      const pulling = this.official(tag);
      this.acquired.set(tag, pulling);
      pulling.catch(() => undefined);
    }
  }

  /** One task run of the image of `task` is over (finished, failed or skipped): removes the image per the policy on its last. */
  release(task: Task): Promise<void> {
    return this.releaseTag(imageSpecForTask(task).tag);
  }

  private async releaseTag(tag: string): Promise<void> {
    const left = (this.remaining.get(tag) ?? 1) - 1;
    this.remaining.set(tag, left);
    this.prefetchNext();
    if (left > 0) return;
    await this.touch(tag).catch(() => undefined);
    await this.removeIfPolicy(tag);
  }

  /** The run is over (also when cancelled): applies the cache level to every image the run still holds. */
  async finish(): Promise<void> {
    for (const [tag, left] of this.remaining) {
      if (left > 0) {
        this.remaining.set(tag, 1);
        await this.releaseTag(tag);
      }
    }
  }

  private async official(tag: string): Promise<string> {
    const present = (await imageSize(this.docker, tag)) !== undefined;
    if (!shouldPull(this.options.pull, present)) {
      if (present) return tag;
      const hint = "use --pull missing, or docker load it";
      throw new SwerigError("image_unavailable", `image ${tag} is not present and --pull never forbids pulling it (${hint})`);
    }
    await this.slot();
    const started = performance.now();
    try {
      this.options.onEvent?.({ type: "pull-start", image: tag });
      await pullImage(this.docker, tag, {
        ...this.options.pullOptions,
        onProgress: (p) => this.options.onEvent?.({ type: "pull-progress", ...p }),
        onRetry: (attempt, reason) => this.options.onEvent?.({ type: "pull-retry", image: tag, attempt, reason }),
      });
      this.ready.add(tag);
      this.options.onEvent?.({ type: "pull-done", image: tag, elapsedMs: performance.now() - started, ...this.counts });
    } catch (error) {
      this.options.onEvent?.({ type: "pull-failed", image: tag, reason: errorMessage(error), ...this.counts });
      throw new SwerigError("image_unavailable", errorMessage(error), { cause: error });
    } finally {
      this.pulling--;
      this.waiters.shift()?.();
    }
    if (!present) await this.record(tag, "pulled");
    await this.enforceBudget();
    return tag;
  }

  private async built(task: Task, tag: string): Promise<string> {
    const present = this.presentAtStart.has(tag);
    await ensureTaskImage(task, { docker: this.docker });
    this.ready.add(tag);
    if (!present) {
      const record = (await this.state.read()).images[tag];
      await this.record(tag, "built", record?.addedAt);
    }
    await this.enforceBudget();
    return tag;
  }

  private async slot(): Promise<void> {
    const limit = Math.max(1, this.options.pullConcurrency ?? 2);
    while (this.pulling >= limit) await new Promise<void>((r) => this.waiters.push(r));
    this.pulling++;
  }

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }

  private async record(tag: string, origin: "pulled" | "built", addedAt?: string): Promise<void> {
    const sizeBytes = (await imageSize(this.docker, tag)) ?? null;
    const at = this.now();
    await this.state.update((s) => {
      s.images[tag] = { origin, addedAt: addedAt ?? at, lastUsedAt: at, runId: this.options.runId, sizeBytes };
    });
  }

  private async touch(tag: string): Promise<void> {
    const at = this.now();
    await this.state.update((s) => {
      const r = s.images[tag];
      if (r) r.lastUsedAt = at;
    });
  }

  private async removeIfPolicy(tag: string): Promise<void> {
    const record = (await this.state.read()).images[tag];
    const facts = { kind: "instance" as const, record, presentAtStart: this.presentAtStart.has(tag) };
    if (removeAfterLastUse(this.options.cache, facts)) await this.remove(tag, "image-cache");
  }

  /** Removes a recorded image (never a foreign one) and its record; an image a container uses stays. */
  private async remove(tag: string, why: "image-cache" | "max-image-disk"): Promise<boolean> {
    if ((await this.state.read()).images[tag] === undefined) return false;
    try {
      await this.docker.getImage(tag).remove();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) {
        this.options.onEvent?.({ type: "remove-failed", image: tag, reason: errorMessage(error) });
        return false;
      }
    }
    await this.state.update((s) => {
      delete s.images[tag];
    });
    this.ready.delete(tag);
    this.acquired.delete(tag);
    this.options.onEvent?.({ type: "removed", image: tag, why });
    return true;
  }

  /** Evicts least recently used recorded images until they fit in the budget; images this run still needs stay. */
  async enforceBudget(): Promise<void> {
    if (this.options.maxDiskBytes === undefined) return;
    const state = await this.state.read();
    const candidates = [];
    for (const [tag, r] of Object.entries(state.images)) {
      const size = await imageSize(this.docker, tag);
      if (size !== undefined) candidates.push({ tag, lastUsedAt: r.lastUsedAt, sizeBytes: size });
    }
    const needed = new Set([...this.remaining].filter(([, left]) => left > 0).map(([tag]) => tag));
    for (const tag of evictionOrder(candidates, this.options.maxDiskBytes, needed)) await this.remove(tag, "max-image-disk");
  }
}
