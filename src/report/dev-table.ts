// The live table of `swerig dev`: one line per task and iteration (verdict, steps, time) and what
// changed since the task's previous iteration: a verdict flip, the diff changed or not, a cached verdict.

export interface DevRow {
  iteration: number;
  taskId: string;
  /** The instance status (resolved, unresolved, patch_failed, ...). */
  status: string;
  steps: number;
  /** From the start of the iteration to this task's verdict. */
  seconds: number;
  /** sha256 of the final diff. */
  diffSha256: string;
  /** The verdict came from the grade cache. */
  cached: boolean;
  /** Something the console should say about the environment (a container replaced, and why). */
  note?: string;
}

/** What changed since `previous` (the same task's last row), in words. */
export function describeChange(previous: DevRow | undefined, row: DevRow): string {
  const parts: string[] = [];
  if (!previous) parts.push("first run");
  else {
    if (previous.status !== row.status) parts.push(`FLIP ${previous.status} → ${row.status}`);
    parts.push(previous.diffSha256 === row.diffSha256 ? "diff unchanged" : "diff changed");
  }
  if (row.cached) parts.push("cached");
  if (row.note) parts.push(row.note);
  return parts.join(", ");
}

const WIDTHS = { iteration: 4, task: 34, verdict: 13, steps: 5, time: 7 };

export function devHeader(): string {
  const cells = [
    "#".padEnd(WIDTHS.iteration),
    "task".padEnd(WIDTHS.task),
    "verdict".padEnd(WIDTHS.verdict),
    "steps".padStart(WIDTHS.steps),
    "time".padStart(WIDTHS.time),
    "since last",
  ];
  return cells.join("  ");
}

/** One line of the table; task ids longer than the column are cut with an ellipsis. */
export function devLine(previous: DevRow | undefined, row: DevRow): string {
  const task = row.taskId.length > WIDTHS.task ? `${row.taskId.slice(0, WIDTHS.task - 1)}…` : row.taskId;
  const cells = [
    String(row.iteration).padEnd(WIDTHS.iteration),
    task.padEnd(WIDTHS.task),
    row.status.padEnd(WIDTHS.verdict),
    String(row.steps).padStart(WIDTHS.steps),
    `${row.seconds.toFixed(1)}s`.padStart(WIDTHS.time),
    describeChange(previous, row),
  ];
  return cells.join("  ");
}
