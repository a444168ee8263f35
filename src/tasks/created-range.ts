// Selecting tasks by creation date (`--created-after`, `--created-before`) and reading a date the user
// gave. A day means its start in UTC; `after` includes its instant and `before` excludes it, so the same
// DATE given to both splits a task set in two with nothing left over or counted twice.
import { SwerigError } from "../core/index.js";
import type { Task } from "./task.js";

export interface CreatedRange {
  /** Epoch ms: tasks created at or after it. */
  after?: number;
  /** Epoch ms: tasks created before it. */
  before?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * `2024-06-01` (00:00 UTC that day) or an ISO date-time with its zone (`2024-06-01T12:00:00Z`,
 * `...+02:00`), as epoch ms. Throws SwerigError("invalid_input") naming `flag` for anything else.
 */
export function parseDateArgument(text: string, flag: string): number {
  const m = DATE.exec(text.trim());
  const ms = m ? Date.parse(text.trim()) : Number.NaN;
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  const realDay = day !== undefined && day.getUTCFullYear() === Number(m![1]) && day.getUTCMonth() === Number(m![2]) - 1;
  if (!m || Number.isNaN(ms) || !realDay || day.getUTCDate() !== Number(m[3])) {
    throw new SwerigError(
      "invalid_input",
      `${flag} takes a date as YYYY-MM-DD or an ISO date-time with its zone (2024-06-01T12:00:00Z), not ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

/** The task's creation time in epoch ms, or undefined when it has none (or one no date parser reads). */
export function createdMs(task: Pick<Task, "createdAt">): number | undefined {
  if (task.createdAt === undefined) return undefined;
  const ms = Date.parse(task.createdAt);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The tasks created inside `range`, in their order; `undated` names those without a creation date (left out). */
export function selectCreated(tasks: readonly Task[], range: CreatedRange): { tasks: Task[]; undated: string[] } {
  if (range.after === undefined && range.before === undefined) return { tasks: [...tasks], undated: [] };
  const undated: string[] = [];
  const kept = tasks.filter((t) => {
    const ms = createdMs(t);
    if (ms === undefined) undated.push(t.id);
    return ms !== undefined && (range.after === undefined || ms >= range.after) && (range.before === undefined || ms < range.before);
  });
  return { tasks: kept, undated };
}
