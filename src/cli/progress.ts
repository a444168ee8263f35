// Progress lines on stderr while a suite is graded: done/total, resolved so far, elapsed.
import type { GradeProgress } from "../runner/grade-suite.js";
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
