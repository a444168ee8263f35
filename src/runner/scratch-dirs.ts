// Where a task run keeps its host working copy while it runs (removed when it ends), and the removal of
// those a killed swerig process left behind: each name ends with `-pid<its process id>`.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { cacheDir } from "../core/index.js";
import { processAlive } from "../envs/cleanup.js";

function scratchRoot(): string {
  return join(cacheDir(), "worktrees");
}

/** The scratch folder of one task run of this process. */
export function scratchDir(runId: string, taskId: string, sample: number): string {
  return join(scratchRoot(), `${runId}-${taskId}-${sample}-pid${process.pid}`);
}

/** Removes the scratch folders of processes that no longer run; returns their names. Never throws. */
export async function removeOrphanScratchDirs(): Promise<string[]> {
  const names = await readdir(scratchRoot()).catch(() => [] as string[]);
  const orphans = names.filter((name) => {
    const pid = Number(/-pid(\d+)$/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
  });
  await Promise.all(orphans.map((name) => rm(join(scratchRoot(), name), { recursive: true, force: true }).catch(() => undefined)));
  return orphans.sort();
}
