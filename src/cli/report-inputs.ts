// What report and compare share: a run id (or folder) to a run folder, and the tasks when they load.
import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { SwerigError } from "../core/index.js";
import { loadRunFolder, type RunFolder } from "../report/run-folder.js";
import { loadTasks, type Task } from "../tasks/index.js";
import type { CliIo } from "./output.js";

/** A run id under `tracesDir`, or a path to a run folder. */
export async function openRun(idOrPath: string, tracesDir: string, tasks?: ReadonlyMap<string, Task>): Promise<RunFolder> {
  const asPath = resolve(idOrPath);
  const dir = idOrPath.includes("/") && existsSync(asPath) ? asPath : resolve(tracesDir, idOrPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new SwerigError("invalid_input", `no run folder ${JSON.stringify(idOrPath)} (looked for ${dir})`);
  return loadRunFolder(dir, basename(dir), tasks);
}

/** The tasks, for problem statements, reference patches and slices; a run can be reported without them. */
export async function tasksIfAny(source: string, io: CliIo): Promise<Map<string, Task> | undefined> {
  try {
    const { tasks } = await loadTasks(source);
    return new Map(tasks.map((t) => [t.id, t]));
  } catch (error) {
    io.err(`warning: tasks from ${source} not loaded (${(error as Error).message}); problem statements and reference patches left out`);
    return undefined;
  }
}
