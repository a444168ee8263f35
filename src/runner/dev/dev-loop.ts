// The watch loop of `swerig dev`: one iteration at the start, then one after every debounced change of
// the agent's inputs (changes during an iteration are gathered into the next one), until `signal`
// aborts: the iteration in flight is cancelled, the watchers closed and the containers removed.
import { basename } from "node:path";
import { errorMessage } from "../../core/index.js";
import { devHeader, devLine } from "../../report/dev-table.js";
import type { DevSession, IterationConfig } from "./dev-session.js";
import { watchInputs, MAX_WATCHED_DIRS, type WatchTargets } from "./watch-inputs.js";

/** What the loop needs of a session (a DevSession; a stand-in in unit tests). */
export type DevLoopSession = Pick<DevSession, "iterate" | "iterations" | "dispose">;

export interface DevLoopOptions {
  session: DevLoopSession;
  targets: WatchTargets;
  debounceMs: number;
  /** Folders never watched (the traces folder). */
  ignore: readonly string[];
  /** Reads the agent's configuration again; a rejection (a half-saved plan) is printed and the loop waits for the next change. */
  config: () => Promise<IterationConfig>;
  signal: AbortSignal;
  /** Table lines (stdout). */
  out: (line: string) => void;
  /** Status lines (stderr). */
  err: (line: string) => void;
}

export async function devLoop(options: DevLoopOptions): Promise<void> {
  const { session, signal, out, err } = options;
  let pending: string[] | undefined = [];
  let wake: (() => void) | undefined;
  const watcher = watchInputs(
    options.targets,
    (paths) => {
      pending = [...(pending ?? []), ...paths];
      wake?.();
    },
    { debounceMs: options.debounceMs, ignore: options.ignore },
  );
  const abort = () => wake?.();
  signal.addEventListener("abort", abort, { once: true });
  const watched = [...options.targets.files, ...options.targets.dirs.map((d) => `${d}/`)];
  const folders = `${watcher.watchedDirs} folders${watcher.capped ? `, capped at ${MAX_WATCHED_DIRS}` : ""}`;
  err(
    watched.length === 0
      ? "dev: nothing to watch (no option names a file); the agent runs once; Ctrl-C ends"
      : `dev: watching ${watched.join(", ")} (${folders}); Ctrl-C ends`,
  );
  out(devHeader());
  try {
    while (!signal.aborted) {
      if (pending === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const changed = pending;
      pending = undefined;
      const why = changed.length === 0 ? "start" : `changed: ${[...new Set(changed.map((p) => basename(p)))].join(", ")}`;
      let config: IterationConfig;
      try {
        config = await options.config();
      } catch (error) {
        err(`dev: ${why}; the agent's configuration is not usable: ${errorMessage(error)}; waiting for the next change`);
        continue;
      }
      err(`dev: iteration ${session.iterations + 1} (${why})`);
      const result = await session.iterate(
        config,
        {
          onRow: (row, previous) => out(devLine(previous, row)),
          onReset: (taskId, reason) => err(`dev: ${taskId}: a new container for the next iteration (${reason})`),
        },
        signal,
      );
      if (!result.cancelled) err(`dev: run folder ${result.runDir}; waiting for a change`);
    }
  } finally {
    signal.removeEventListener("abort", abort);
    watcher.close();
    await session.dispose();
  }
}
