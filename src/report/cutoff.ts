// Results sliced at a date (`--cutoff`, e.g. a model's training cutoff): the resolved rate of the tasks
// created before it and of those created at or after it, each with its Wilson interval, and the change
// after - before with Newcombe's interval, so that a drop after the cutoff shows at a glance. Pure.
import { createdMs, type Task } from "../tasks/index.js";
import type { InstanceRun } from "./run-folder.js";
import { newcombeDifference, wilsonInterval, type Interval } from "./stats/index.js";

export interface CutoffSide {
  instances: number;
  resolved: number;
  interval: Interval;
}

export interface CutoffSlice {
  /** The cutoff as an ISO date (a day) or date-time. */
  cutoff: string;
  before: CutoffSide;
  after: CutoffSide;
  /** Rate after minus rate before, with Newcombe's 95% interval. */
  change: Interval & { estimate: number };
  /** Runs whose task has no creation date (or no task loaded): in neither side. */
  undated: string[];
}

/** ISO text for a cutoff in epoch ms: the day alone when it is midnight UTC. */
export function cutoffLabel(cutoffMs: number): string {
  const iso = new Date(cutoffMs).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/** Splits `runs` (one per instance: the report's first samples) by their task's creation date. */
export function cutoffSlice(
  runs: readonly Pick<InstanceRun, "taskId" | "resolved">[],
  tasks: ReadonlyMap<string, Task> | undefined,
  cutoffMs: number,
): CutoffSlice {
  const sides = { before: { instances: 0, resolved: 0 }, after: { instances: 0, resolved: 0 } };
  const undated: string[] = [];
  for (const run of runs) {
    const task = tasks?.get(run.taskId);
    const ms = task ? createdMs(task) : undefined;
    if (ms === undefined) {
      undated.push(run.taskId);
      continue;
    }
    const side = ms < cutoffMs ? sides.before : sides.after;
    side.instances++;
    if (run.resolved) side.resolved++;
  }
  const withInterval = (s: { instances: number; resolved: number }): CutoffSide => ({
    ...s,
    interval: wilsonInterval(s.resolved, s.instances),
  });
  return {
    cutoff: cutoffLabel(cutoffMs),
    before: withInterval(sides.before),
    after: withInterval(sides.after),
    change: newcombeDifference(sides.before.resolved, sides.before.instances, sides.after.resolved, sides.after.instances),
    undated: undated.sort(),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}`;

function side(name: string, s: CutoffSide): string {
  if (s.instances === 0) return `${name}: no tasks`;
  const interval = `95% CI ${pct(s.interval.low)} to ${pct(s.interval.high)}`;
  return `${name}: ${s.resolved}/${s.instances} resolved (${pct(s.resolved / s.instances)}, ${interval})`;
}

/** One line: both sides and the change, as the report's text and HTML headline show it. */
export function describeCutoff(c: CutoffSlice): string {
  const change =
    c.before.instances > 0 && c.after.instances > 0
      ? `; after - before ${pts(c.change.estimate)} points [${pts(c.change.low)}, ${pts(c.change.high)}]`
      : "";
  const undated = c.undated.length > 0 ? `; ${c.undated.length} without a creation date left out` : "";
  return `cutoff ${c.cutoff}: ${side("created before", c.before)}; ${side("at or after", c.after)}${change}${undated}`;
}
