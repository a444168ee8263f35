// Ctrl-C during a long command. The first stops starting instances and lets those in flight finish:
// their work is mostly done and their result is as valid as any other. The second aborts those too,
// removes this run's containers and still writes the summary. A third quits at once. A full disk stops
// a run the same way (see reportDiskFull).
import type { CliIo } from "./output.js";

export interface InterruptSignals {
  /** Aborted by the first Ctrl-C: start nothing new. */
  stop: AbortSignal;
  /** Aborted by the second Ctrl-C: stop what is in flight. */
  abort: AbortSignal;
}

/**
 * Installs the SIGINT handler of the swerig process; returns the two signals commands listen to.
 * `stoppable`: the command stops its work in flight on `abort` (run, grade); for the others a second
 * Ctrl-C quits at once. `firstPress`: what the first Ctrl-C prints, for a command it ends (dev).
 */
export function handleSigint(
  stoppable: boolean,
  write: (text: string) => void = (t) => process.stderr.write(t),
  firstPress?: string,
): InterruptSignals {
  const stop = new AbortController();
  const abort = new AbortController();
  let presses = 0;
  process.on("SIGINT", () => {
    presses++;
    if (presses === 1) {
      const next = stoppable ? "stop them now" : "quit now";
      write(firstPress ?? `\nswerig: interrupted: no new instances start; those in progress finish (Ctrl-C again to ${next})\n`);
      stop.abort();
    } else if (presses === 2 && stoppable) {
      write(
        "\nswerig: stopping the instances in progress, removing this run's containers, writing the summary" +
          " (Ctrl-C again to quit at once)\n",
      );
      abort.abort();
    } else {
      process.exit(130);
    }
  });
  return { stop: stop.signal, abort: abort.signal };
}

/** The console lines after an interrupted run: how many were not run, and how to resume. */
export function reportInterrupted(io: CliIo, notRun: number, total: number, unit: string): void {
  io.err(`\ninterrupted: ${notRun} of ${total} ${unit} not run (status not_run); run the same command again to resume`);
}

/** Exit code of `run` and `grade` when a write failed for lack of space and the run stopped there. */
export const DISK_FULL_EXIT = 5;

/** The console lines after a run stopped by a full disk: what failed, where, and how to resume. */
export function reportDiskFull(io: CliIo, error: Error, runDir: string, notRun: number, total: number, unit: string): number {
  io.err(
    `\nstopped: the disk holding ${runDir} is full (${error.message}); ${notRun} of ${total} ${unit} not run. ` +
      `Free space there and run the same command again to resume (exit code ${DISK_FULL_EXIT}).`,
  );
  return DISK_FULL_EXIT;
}

/** After `run` or `grade`: the lines of a full disk or an interrupt; the exit code of a full disk, or undefined. */
export function reportStop(
  io: CliIo,
  end: { diskFull?: Error | undefined; cancelled: boolean },
  where: { runDir: string; notRun: number; total: number; unit: string },
): number | undefined {
  if (end.diskFull) return reportDiskFull(io, end.diskFull, where.runDir, where.notRun, where.total, where.unit);
  if (end.cancelled) reportInterrupted(io, where.notRun, where.total, where.unit);
  return undefined;
}
