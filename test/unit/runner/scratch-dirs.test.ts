import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { removeOrphanScratchDirs, scratchDir } from "../../../src/runner/scratch-dirs.js";

const cache = await mkdtemp(join(tmpdir(), "swerig-scratch-"));
afterAll(() => rm(cache, { recursive: true, force: true }));

describe("scratch folders of task runs", () => {
  it("removes those of processes that are gone and keeps the rest", async () => {
    vi.stubEnv("SWERIG_CACHE_DIR", cache);
    const dead = spawnSync("true").pid!;
    const mine = scratchDir("r1", "task-a", 0);
    const names = [`r1-task-b-0-pid${dead}`, `r1-task-c-0-pid${process.ppid}`, "mcp-task-a-1765000000000", basename(mine)];
    for (const name of names) await mkdir(join(cache, "worktrees", name, "repo"), { recursive: true });
    expect(await removeOrphanScratchDirs()).toEqual([`r1-task-b-0-pid${dead}`]);
    expect((await readdir(join(cache, "worktrees"))).sort()).toEqual(names.slice(1).sort());
    vi.unstubAllEnvs();
  });
});
