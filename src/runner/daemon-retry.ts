// A Docker daemon that restarts under a run kills every container in flight. Those task runs did not
// fail: they are run again, a bounded number of times, once the daemon answers, and each retry is
// recorded (cause and time) in the outcome. A container killed from outside while the daemon kept
// running is not retried: that run is an `error` with its cause.
import type { DaemonWatch } from "../envs/docker-daemon-watch.js";

export interface DaemonRetryPolicy {
  /** Runs again after the first, at most. */
  retries: number;
  /** How long to wait for the daemon to answer again before giving up on the task run. */
  waitForDaemonMs: number;
}

export const DEFAULT_DAEMON_RETRY: DaemonRetryPolicy = { retries: 2, waitForDaemonMs: 120_000 };

/** Failures that a stopping daemon causes before it closes its API: only they wait for it to show. */
const CONTAINER_FAILURE = /\b(container_gone|docker_unavailable)\b/;

/** What the retry needs of a DaemonWatch (a fake in unit tests). */
export type DaemonWatcher = Pick<DaemonWatch, "epoch" | "wentAwaySince" | "waitUntilBack">;

/** One run given up because the Docker daemon went away under it. */
export interface DaemonRetry {
  cause: string;
  /** ISO time the daemon answered again and the run started over. */
  at: string;
}

/**
 * Runs `attempt` and, while it ends in an infrastructure error (`failure` gives its reason) and the
 * daemon went away since it started, waits for the daemon and runs it again. Returns the last result
 * and the retries made. Without a watch, runs once.
 */
export async function withDaemonRetries<T>(
  watch: DaemonWatcher | undefined,
  attempt: () => Promise<T>,
  failure: (result: T) => string | undefined,
  policy: DaemonRetryPolicy = DEFAULT_DAEMON_RETRY,
): Promise<{ result: T; retries: DaemonRetry[] }> {
  const retries: DaemonRetry[] = [];
  for (;;) {
    const epoch = watch?.epoch ?? 0;
    const result = await attempt();
    const reason = failure(result);
    if (!watch || reason === undefined || retries.length >= policy.retries) return { result, retries };
    // Any other failure is retried only when the daemon is seen gone at once (no grace to wait out).
    if (!(await watch.wentAwaySince(epoch, CONTAINER_FAILURE.test(reason) ? undefined : 0))) return { result, retries };
    if (!(await watch.waitUntilBack(policy.waitForDaemonMs))) return { result, retries };
    retries.push({ cause: `the Docker daemon stopped or restarted while it ran (${reason})`, at: new Date().toISOString() });
  }
}
