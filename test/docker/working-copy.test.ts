// The agent's side of a task container: a host working copy bind-mounted at /testbed, edited inside
// the container, read back with diff() on the host, and that diff graded in a fresh container.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, describe, expect, it } from "vitest";
import { DockerEnvironment } from "../../src/envs/docker-environment.js";
import { ensureTaskImage, helperImage } from "../../src/envs/images/index.js";
import { exportImageWorkdir, prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { gradeInstance } from "../../src/grader/grade-instance.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";

const { tasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
const task = tasks.find((t) => t.id === "kvconf-quoted-values")!;
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe.runIf(dockerAvailable)("host working copy", () => {
  it("sees in diff() what a command changed inside the container, and that diff resolves the task", async () => {
    const dir = await mkdtemp(join(tmpdir(), "swerig-wc-"));
    dirs.push(dir);
    const workspace = await prepareWorkingCopy(task, join(dir, "repo"));
    expect(workspace.baseCommit).toBe(task.baseCommit);
    const image = await ensureTaskImage(task);
    const env = await DockerEnvironment.create({
      image,
      helperImage: await helperImage(),
      hostWorkdir: workspace.root,
      runId: "test-working-copy",
    });
    try {
      await env.putFile("/tmp/gold.patch", task.goldPatch);
      expect((await env.exec("git apply /tmp/gold.patch && git status --short")).exitCode).toBe(0);
    } finally {
      await env.dispose();
    }
    const diff = await workspace.diff();
    for (const file of task.goldFiles) expect(diff).toContain(`diff --git a/${file} b/${file}`);
    const outcome = await gradeInstance(
      task,
      { instanceId: task.id, model: "working-copy", patch: diff, origin: "test" },
      {
        createEnvironment: await dockerGradingEnvironments("test-working-copy"),
      },
    );
    expect(outcome.status).toBe("resolved");
  });

  it("exports the repository an image bakes in, once, with its history", async () => {
    const image = await ensureTaskImage(task);
    const first = await exportImageWorkdir(image, "/testbed");
    expect(await exportImageWorkdir(image, "/testbed")).toBe(first);
    expect((await simpleGit(first).revparse(["HEAD"])).trim()).toBe(task.baseCommit);
  });
});
