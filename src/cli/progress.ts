// Progress lines on stderr while a suite is graded or run: done/total, resolved so far, elapsed.
import type { GradeProgress } from "../runner/grade-suite.js";
import type { RunSuiteOptions } from "../runner/run-suite.js";
import type { CliIo } from "./output.js";

export function progressPrinter(io: CliIo): (event: GradeProgress) => void {
  const started = performance.now();
  let skipped = 0;
  return (event) => {
    const elapsed = ((performance.now() - started) / 1000).toFixed(0);
    if (event.type === "skipped") {
      skipped++;
      io.err(`skip     ${event.instanceId}: already graded (${event.outcome.status})`);
    } else if (event.type === "finished") {
      const o = event.outcome;
      // A rejected log counts unresolved in the official keys; say so, and who refused it.
      const by = o.logRejection;
      const who = by ? [by.harness && "the harness", by.swerig && "swerig"].filter(Boolean).join(" and ") : "";
      const rejected = by ? ` [counted unresolved; refused by ${who}]` : "";
      io.err(
        `[${event.done}/${event.total}] ${o.status.padEnd(13)} ${o.instanceId} (${(o.timings.totalMs / 1000).toFixed(1)}s)${rejected}` +
          ` | resolved ${event.resolved}${skipped ? ` incl. ${skipped} skipped` : ""}, elapsed ${elapsed}s`,
      );
    }
  };
}

/** Progress lines on stderr while an agent runs on tasks: one per task run done or skipped. */
export function taskRunProgressPrinter(io: CliIo, samples: number): NonNullable<RunSuiteOptions["onProgress"]> {
  const started = performance.now();
  let resolved = 0;
  return (r, done, total, skipped) => {
    if (r.resolved) resolved++;
    const elapsed = ((performance.now() - started) / 1000).toFixed(0);
    const setup = r.setupMs ?? 0;
    const secs = `${((r.durationMs - setup) / 1000).toFixed(1)}s${setup >= 1000 ? ` + setup ${(setup / 1000).toFixed(1)}s` : ""}`;
    const what = `${skipped ? "skip " : ""}${r.status.padEnd(10)} ${r.taskId}${samples > 1 ? ` #${r.sample}` : ""}`;
    io.err(`[${done}/${total}] ${what} (${r.metrics.steps} steps, ${secs}) | resolved ${resolved}, elapsed ${elapsed}s`);
  };
}
