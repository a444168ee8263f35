// One entry point for `--tasks`: a swe-tasks directory or a SWE-bench dataset file.
import { stat } from "node:fs/promises";
import { formatProblem, SwerigError } from "../core/index.js";
import type { LoadProblem } from "../core/load-problem.js";
import { loadSweTasksDir } from "./swe-tasks-dir.js";
import { loadSwebenchDataset } from "./swebench-dataset.js";
import type { Task } from "./task.js";

export interface LoadedTasks {
  tasks: Task[];
  problems: LoadProblem[];
}

/**
 * Throws SwerigError("invalid_input") when `source` does not exist, is a dataset file of which no row
 * can be read (naming the first problem), or an `instances` id is unknown. A swe-tasks folder with
 * broken tasks loads the others and returns the broken ones as problems.
 */
export async function loadTasks(source: string, instances?: string[]): Promise<LoadedTasks> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new SwerigError("invalid_input", `--tasks ${source}: no such file or directory`);
  const loaded = info.isDirectory() ? await loadSweTasksDir(source) : await loadSwebenchDataset(source);
  const [first] = loaded.problems;
  if (!info.isDirectory() && loaded.tasks.length === 0 && first) {
    const more = loaded.problems.length > 1 ? ` (and ${loaded.problems.length - 1} more problems)` : "";
    throw new SwerigError("invalid_input", `--tasks ${source}: no task could be read: ${formatProblem(first)}${more}`);
  }
  return selectInstances(loaded, source, instances);
}

/** The tasks `instances` names, in that order (all when none). Throws SwerigError("invalid_input") naming unknown ids. */
export function selectInstances(loaded: LoadedTasks, source: string, instances?: string[]): LoadedTasks {
  if (!instances || instances.length === 0) return loaded;
  const byId = new Map(loaded.tasks.map((t) => [t.id, t]));
  const unknown = instances.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new SwerigError("invalid_input", `--instances: unknown in ${source}: ${unknown.join(", ")}`);
  }
  return { tasks: instances.map((id) => byId.get(id)!), problems: loaded.problems.filter((p) => !p.instanceId || byId.has(p.instanceId)) };
}
