import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { taskSetupScript } from "../../../src/envs/images/index.js";
import { materializeSnapshot } from "../../../src/envs/repo-snapshot.js";
import { snapshotCommitId } from "../../../src/tasks/git-objects.js";
import type { Task } from "../../../src/tasks/task.js";
import { makeTask } from "../../helpers/task.js";

const CREATED_AT = "2024-03-01T12:00:00Z";
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A task whose workdir is a materialized snapshot on the host, so the setup script can run here. */
async function hostTask(setup: string[]): Promise<Task> {
  const root = await mkdtemp(join(tmpdir(), "swerig-setup-test-"));
  dirs.push(root);
  await mkdir(join(root, "task", "repo"), { recursive: true });
  await writeFile(join(root, "task", "repo", ".gitignore"), "build/\n");
  await writeFile(join(root, "task", "repo", "main.py"), "print('hi')\n");
  const task: Task = makeTask({
    id: "setup-test",
    baseCommit: await snapshotCommitId(join(root, "task", "repo"), "acme/widgets", CREATED_AT),
    workdir: join(root, "testbed"),
    image: { kind: "swe-tasks", base: "python", setup },
    createdAt: CREATED_AT,
    origin: { kind: "swe-tasks", dir: join(root, "task") },
  });
  await materializeSnapshot(task, task.workdir);
  return task;
}

function runScript(script: string): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile("bash", ["-c", script], { env: { PATH: process.env["PATH"] ?? "" } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("task setup script", () => {
  it("runs each command in the workdir, echoing it, and accepts git-ignored output", async () => {
    const setup = ['mkdir -p build && echo "it\'s" > build/out', "cd build && test -f out"];
    const task = await hostTask(setup);
    const result = await runScript(taskSetupScript(task, setup));
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`+ mkdir -p build && echo "it's" > build/out`);
  });

  it("fails when setup leaves tracked changes or untracked files, listing them", async () => {
    const setup = ["echo x >> main.py", "touch new.txt"];
    const task = await hostTask(setup);
    const result = await runScript(taskSetupScript(task, setup));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/left .* unclean/);
    expect(result.stderr).toContain(" M main.py");
    expect(result.stderr).toContain("?? new.txt");
  });

  it("stops at the first failing command", async () => {
    const setup = ["false", "touch build-never"];
    const task = await hostTask(setup);
    const result = await runScript(taskSetupScript(task, setup));
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("build-never");
  });
});
