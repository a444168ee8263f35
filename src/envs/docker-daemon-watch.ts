// Tells a Docker daemon that restarted (or stopped) under a run from a container killed from outside.
// The watch holds one idle event stream open on the daemon; a daemon that stops closes it, so each
// close is a new epoch. A task that failed while the epoch changed failed because the daemon went away.
import type Docker from "dockerode";
import { getDocker } from "./docker-client.js";

/** How often a lost event stream is opened again. */
const RECONNECT_MS = 250;
/**
 * How long a failure is given to show up as the daemon going away. A stopping daemon stops its
 * containers first (our commands in them fail at once) and closes its API after that (about 1 s later
 * here); a container killed from outside leaves the daemon as it was.
 */
const STOP_GRACE_MS = 3_000;
const POLL_MS = 100;

export class DaemonWatch {
  /** Incremented each time the daemon's event stream closes (the daemon stopped or restarted). */
  epoch = 0;
  private readonly stop = new AbortController();
  private connected = false;
  /** Set when a wait for the daemon timed out, until it answers again: later waits do not wait again. */
  private gaveUp = false;

  private constructor(private readonly docker: Docker) {}

  /** Starts watching; never throws (a daemon that does not answer yet is watched until it does). */
  static start(docker: Docker = getDocker()): DaemonWatch {
    const watch = new DaemonWatch(docker);
    void watch.follow();
    return watch;
  }

  private async follow(): Promise<void> {
    while (!this.stop.signal.aborted) {
      try {
        // Daemon events are rare (a configuration reload): the stream stays idle until the daemon goes.
        const stream = (await this.docker.getEvents({
          filters: { type: ["daemon"] },
          abortSignal: this.stop.signal,
        })) as NodeJS.ReadableStream;
        this.connected = true;
        stream.resume();
        await new Promise<void>((resolve) => {
          stream.on("end", resolve);
          stream.on("close", resolve);
          stream.on("error", () => resolve());
        });
        this.connected = false;
        if (!this.stop.signal.aborted) this.epoch++;
      } catch {
        this.connected = false;
      }
      await sleep(RECONNECT_MS, true);
    }
  }

  /**
   * Whether the daemon stopped or restarted since `epoch`: the epoch moved or the daemon does not
   * answer, now or within `graceMs` (a failure is seen before the daemon closes its API).
   */
  async wentAwaySince(epoch: number, graceMs = STOP_GRACE_MS): Promise<boolean> {
    const until = Date.now() + graceMs;
    for (;;) {
      if (this.epoch !== epoch || !this.connected || !(await this.answers())) return true;
      if (Date.now() >= until) return false;
      await sleep(POLL_MS);
    }
  }

  /**
   * Waits until the daemon answers and the watch follows it again; false after `timeoutMs`, and at once
   * once a wait has timed out and the daemon is still away (a run does not wait again for each task).
   */
  async waitUntilBack(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.gaveUp ? this.connected : Date.now() < until) {
      if (this.connected && (await this.answers())) {
        this.gaveUp = false;
        return true;
      }
      await sleep(RECONNECT_MS);
    }
    this.gaveUp = true;
    return false;
  }

  private answers(): Promise<boolean> {
    return this.docker.ping().then(
      () => true,
      () => false,
    );
  }

  /** Closes the event stream; the process may then exit. */
  close(): void {
    this.stop.abort();
  }
}

/** `unref`: the wait alone does not keep the process alive (the watch's own reconnect loop). */
function sleep(ms: number, unref = false): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
}
