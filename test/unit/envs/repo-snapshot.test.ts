import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/index.js";
import { materializeSnapshot } from "../../../src/envs/repo-snapshot.js";
import { snapshotCommitId } from "../../../src/tasks/git-objects.js";
import type { Task } from "../../../src/tasks/task.js";
import { makeTask } from "../../helpers/task.js";

const CREATED_AT = "2024-03-01T12:00:00Z";
const dirs: string[] = [];

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-snapshot-test-"));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function taskWithSnapshot(files: (repo: string) => Promise<void>): Promise<Task> {
  const taskDir = await tmp();
  const repo = join(taskDir, "repo");
  await mkdir(repo);
  await files(repo);
  return makeTask({
    id: "snap-test",
    baseCommit: await snapshotCommitId(repo, "acme/widgets", CREATED_AT),
    image: { kind: "swe-tasks", base: "python", setup: [] },
    createdAt: CREATED_AT,
    origin: { kind: "swe-tasks", dir: taskDir },
  });
}

describe("materializeSnapshot", () => {
  it("reproduces the computed base commit, including modes, symlinks, ignored files and CRLF", async () => {
    const task = await taskWithSnapshot(async (repo) => {
      await writeFile(join(repo, "README.md"), "# widgets\r\n");
      await mkdir(join(repo, "src"));
      await writeFile(join(repo, "src", "run.sh"), "#!/bin/sh\necho hi\n");
      await chmod(join(repo, "src", "run.sh"), 0o755);
      await symlink("src/run.sh", join(repo, "run"));
      await writeFile(join(repo, ".gitignore"), "*.log\n");
      await writeFile(join(repo, ".gitattributes"), "* text=auto eol=lf\n");
      await writeFile(join(repo, "kept.log"), "ignored but part of the snapshot\n");
      await mkdir(join(repo, "empty"));
    });
    const dest = join(await tmp(), "work");
    await materializeSnapshot(task, dest);
    const git = simpleGit(dest);
    expect((await git.revparse(["HEAD"])).trim()).toBe(task.baseCommit);
    expect((await git.raw(["status", "--porcelain"])).trim()).toBe("");
    expect((await git.raw(["rev-parse", "--abbrev-ref", "HEAD"])).trim()).toBe("main");
  });

  it("throws git_failed when the snapshot no longer matches its computed id", async () => {
    const task = await taskWithSnapshot(async (repo) => {
      await writeFile(join(repo, "a.py"), "x = 1\n");
    });
    await writeFile(join(task.origin.kind === "swe-tasks" ? task.origin.dir : "", "repo", "a.py"), "x = 2\n");
    const error = await materializeSnapshot(task, join(await tmp(), "work")).catch((e: unknown) => e);
    expect(SwerigError.isInstance(error) && error.code).toBe("git_failed");
    expect(String((error as Error).message)).toMatch(/disagree/);
  });

  it("refuses a non-empty destination and a dataset task", async () => {
    const task = await taskWithSnapshot(async (repo) => writeFile(join(repo, "a.py"), "x = 1\n"));
    const dest = await tmp();
    await writeFile(join(dest, "junk"), "");
    await expect(materializeSnapshot(task, dest)).rejects.toMatchObject({ code: "invalid_input" });
    const dataset: Task = { ...task, origin: { kind: "dataset", file: "x.jsonl", line: 1 } };
    await expect(materializeSnapshot(dataset, await tmp())).rejects.toMatchObject({ code: "invalid_task" });
  });
});
