// Pulls one image through the daemon, retrying transient failures (a registry 5xx, a dropped or timed
// out connection) with backoff, and reporting bytes done/total summed over the image's layers at a
// bounded rate. A failure the registry states as final (unknown manifest, denied) is not retried.
import type Docker from "dockerode";
import { SwerigError, errorMessage } from "../../core/index.js";

export interface PullProgress {
  image: string;
  doneBytes: number;
  /** Sum of the sizes of the layers the daemon has announced so far. */
  totalBytes: number;
  elapsedMs: number;
}

export interface PullOptions {
  /** Tries in all (default 3). */
  attempts?: number;
  /** Wait before the second try; doubled before each later one (default 2000). */
  backoffMs?: number;
  /** One try's limit (default 30 minutes: instance images are several GB). */
  timeoutMs?: number;
  /** Least time between two progress reports (default 5000); the last one always comes. */
  progressIntervalMs?: number;
  onProgress?: (progress: PullProgress) => void;
  onRetry?: (attempt: number, reason: string) => void;
  signal?: AbortSignal;
}

interface PullEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

const FINAL = /manifest unknown|not found|does not exist|denied|unauthorized|invalid reference format/i;

/** True when `reason` names a failure that another try cannot fix. */
export function isFinalPullFailure(reason: string): boolean {
  return FINAL.test(reason);
}

/** Sums per-layer progress events into bytes done and announced. */
export class LayerProgress {
  private readonly layers = new Map<string, { done: number; total: number }>();

  add(event: PullEvent): void {
    if (!event.id || event.id === "latest" || event.status?.startsWith("Pulling from")) return;
    const layer = this.layers.get(event.id) ?? { done: 0, total: 0 };
    const detail = event.progressDetail;
    if (event.status === "Downloading" && detail?.total) {
      layer.total = detail.total;
      layer.done = detail.current ?? layer.done;
    } else if (event.status === "Download complete" || event.status === "Pull complete" || event.status === "Already exists") {
      layer.done = layer.total;
    }
    this.layers.set(event.id, layer);
  }

  get doneBytes(): number {
    return [...this.layers.values()].reduce((s, l) => s + l.done, 0);
  }

  get totalBytes(): number {
    return [...this.layers.values()].reduce((s, l) => s + l.total, 0);
  }
}

async function pullOnce(docker: Docker, image: string, options: PullOptions, started: number): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 30 * 60_000);
  const onOuterAbort = () => abort.abort();
  options.signal?.addEventListener("abort", onOuterAbort);
  const layers = new LayerProgress();
  const interval = options.progressIntervalMs ?? 5000;
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastReport < interval) return;
    lastReport = now;
    options.onProgress?.({ image, doneBytes: layers.doneBytes, totalBytes: layers.totalBytes, elapsedMs: now - started });
  };
  try {
    const stream = await docker.pull(image, { abortSignal: abort.signal });
    const failure = await new Promise<string | undefined>((resolve, reject) => {
      let reported: string | undefined;
      docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve(reported)),
        (event: PullEvent) => {
          if (event.error || event.errorDetail) reported = event.errorDetail?.message ?? event.error;
          layers.add(event);
          report(false);
        },
      );
    });
    if (failure !== undefined) throw new Error(failure);
    report(true);
  } catch (error) {
    if (abort.signal.aborted) throw new Error(options.signal?.aborted ? "the pull was cancelled" : "the pull timed out", { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

/**
 * Pulls `image`. Resolves when the daemon has it; throws SwerigError("image_missing") naming the image, the
 * tries made and the last cause when every try failed or the failure is final.
 */
export async function pullImage(docker: Docker, image: string, options: PullOptions = {}): Promise<void> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const started = performance.now();
  let backoff = options.backoffMs ?? 2000;
  for (let attempt = 1; ; attempt++) {
    try {
      await pullOnce(docker, image, options, started);
      return;
    } catch (error) {
      const reason = errorMessage(error);
      const final = isFinalPullFailure(reason) || options.signal?.aborted === true;
      if (final || attempt >= attempts) {
        const tries = attempt === 1 ? "1 try" : `${attempt} tries`;
        throw new SwerigError("image_missing", `pulling ${image} failed after ${tries}: ${reason}`, { cause: error });
      }
      options.onRetry?.(attempt, reason);
      await new Promise((r) => setTimeout(r, backoff));
      backoff *= 2;
    }
  }
}
