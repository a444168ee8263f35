// A run id stands for one configuration: `grade` with another one is refused (exit 2) before Docker is
// touched, naming the field; the same configuration, narrowed or not, passes on (here to a Docker
// daemon that does not answer, exit 1, which shows it was not refused).
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { gradeManifest } from "../../../src/runner/manifest.js";
import { runCli } from "../../helpers/cli.js";
import { syntheticPredictions } from "../../../src/grader/predictions.js";
import { applyRunFolderPlan } from "../../../src/runner/run-folder.js";
import { loadTasks } from "../../../src/tasks/index.js";

const cli = runCli;

const row = (id: string, fix = "b") => ({
  repo: "psf/requests",
  instance_id: id,
  base_commit: "091991be0da19de9108dbe5e3752917fea3d7fdc",
  patch: `diff --git a/requests/api.py b/requests/api.py\n--- a/requests/api.py\n+++ b/requests/api.py\n@@ -1 +1 @@\n-a\n+${fix}\n`,
  test_patch: "diff --git a/test_requests.py b/test_requests.py\n--- a/test_requests.py\n+++ b/test_requests.py\n@@ -1 +1 @@\n-a\n+b\n",
  problem_statement: "p",
  hints_text: "",
  created_at: "2014-11-01T02:20:16Z",
  version: "2.4",
  FAIL_TO_PASS: '["test_requests.py::test_a"]',
  PASS_TO_PASS: '["test_requests.py::test_b"]',
});

let dir: string;
let dataset: string;
beforeEach(async () => {
  vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/swerig-run-id-test.sock");
  dir = await mkdtemp(join(tmpdir(), "swerig-run-id-"));
  dataset = join(dir, "two.jsonl");
  await writeFile(dataset, `${JSON.stringify(row("psf__requests-2317"))}\n${JSON.stringify(row("psf__requests-1963"))}\n`);
  const { tasks } = await loadTasks(dataset);
  const allPredictions = syntheticPredictions("empty", tasks);
  const manifest = gradeManifest({ predictionsSource: "empty", allPredictions, allTasks: tasks, semantics: "v5", timeoutSec: undefined });
  await applyRunFolderPlan(join(dir, "traces", "r1"), manifest, { kind: "new" });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const grade = (...extra: string[]) => cli("grade", "--tasks", dataset, "--run-id", "r1", "--traces-dir", join(dir, "traces"), ...extra);

describe("swerig grade with a used run id", () => {
  it("exits 2 naming the predictions when they differ, before touching Docker", async () => {
    const { code, err } = await grade("--predictions", "gold");
    expect(err).toContain('run id "r1" already holds another configuration');
    expect(err).toContain('predictions.kind was "empty", now "gold"');
    expect(err).toContain("use a new --run-id or --force");
    expect(code).toBe(2);
  });

  it("exits 2 naming the grading rules or the timeout when they differ", async () => {
    expect((await grade("--predictions", "empty", "--semantics", "v4")).err).toContain('grading.semantics was "v5", now "v4"');
    const timeout = await grade("--predictions", "empty", "--timeout", "60");
    expect(timeout.code).toBe(2);
    expect(timeout.err).toContain("grading.timeout_sec was null, now 60");
  });

  it("exits 2 naming the task whose content changed in the dataset", async () => {
    await writeFile(dataset, `${JSON.stringify(row("psf__requests-2317", "c"))}\n${JSON.stringify(row("psf__requests-1963"))}\n`);
    const { code, err } = await grade("--predictions", "empty");
    expect(err).toContain('tasks.ids["psf__requests-2317"] was "');
    expect(code).toBe(2);
  });

  it("passes the same configuration on, narrowed by --instances or not", async () => {
    for (const extra of [[], ["--instances", "psf__requests-1963"], ["--workers", "3"]]) {
      const { code, err } = await grade("--predictions", "empty", ...extra);
      expect(err).not.toContain("another configuration");
      expect(err).toContain("the Docker daemon does not answer");
      expect(code).toBe(1);
    }
    expect(await readdir(join(dir, "traces"))).toEqual(["r1"]);
  });
});
