// Creating a container is safe to try again (nothing ran in it yet): when the daemon was briefly gone,
// the image vanished, or the new container died before it was ready, wait and create it afresh, a
// bounded number of times. Nothing that already ran tests or an agent is ever retried.
import { SwerigError, isTransientDockerError } from "../core/index.js";

export interface CreateRetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt, doubled for each later one. */
  delayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CREATE_RETRY: CreateRetryPolicy = { attempts: 3, delayMs: 2_000 };

/**
 * Runs `create` until it succeeds, retrying only transient Docker failures (SwerigError
 * "docker_unavailable", "image_missing", "container_gone"). Rejects with the last failure's code, its
 * message naming `what` and how many attempts were made, and the failure as cause; any other error
 * is rethrown at once.
 */
export async function createWithRetry<T>(
  what: string,
  create: () => Promise<T>,
  policy: CreateRetryPolicy = DEFAULT_CREATE_RETRY,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let n = 1; ; n++) {
    try {
      return await create();
    } catch (error) {
      if (!isTransientDockerError(error)) throw error;
      if (n >= policy.attempts) {
        throw new SwerigError(error.code, `${what}: ${error.message} (gave up after ${n} attempts)`, { cause: error });
      }
      await sleep(policy.delayMs * 2 ** (n - 1));
    }
  }
}
