// Grading in real containers on the bundled tasks: the reference patch resolves one task of each
// language (test/docker/run.test.ts grades all of them once, through the tools), empty patches none,
// and bad or adversarial predictions end in a clear status instead of a verdict.
import { beforeAll, describe, expect, it } from "vitest";
import { gradeInstance } from "../../src/grader/grade-instance.js";
import type { Prediction } from "../../src/grader/predictions.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";

const SWE_TASKS = new URL("../../swe-tasks/", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(SWE_TASKS);
const byId = new Map(tasks.map((t) => [t.id, t]));
const py = byId.get("pyledger-show-zero")!;

describe.runIf(dockerAvailable)("grading in containers", () => {
  let createEnvironment: (task: Task) => Promise<import("../../src/envs/environment.js").Environment>;
  const grade = (task: Task, patch: string | null, timeoutSec?: number) => {
    const prediction: Prediction = { instanceId: task.id, model: "test", patch, origin: "test" };
    return gradeInstance(task, prediction, { createEnvironment, ...(timeoutSec ? { timeoutSec } : {}) });
  };
  beforeAll(async () => {
    createEnvironment = await dockerGradingEnvironments("test-grade");
  });

  const onePerLanguage = [...new Map(tasks.map((t) => [t.language, t] as const)).values()];
  it.each(onePerLanguage.map((t) => [t.id, t] as const))(
    "the reference patch resolves %s, and an empty one is not even run",
    async (_, task) => {
      const gold = await grade(task, task.goldPatch);
      expect(gold.reason).toBeUndefined();
      expect(gold.status).toBe("resolved");
      expect(gold.report?.tests_status?.FAIL_TO_PASS.success).toEqual(task.failToPass);
      expect(gold.report?.tests_status?.PASS_TO_PASS.failure).toEqual([]);
      const empty = await grade(task, "");
      expect(empty.status).toBe("empty_patch");
      expect(empty.report).toMatchObject({ patch_exists: false, resolved: false });
    },
  );

  it("leaves a task unresolved when the patch changes nothing that matters", async () => {
    const patch = await makePatch(py, { "README.md": (old) => `${old}\nA note.\n` });
    const outcome = await grade(py, patch);
    expect(outcome.status).toBe("unresolved");
    expect(outcome.report?.tests_status?.FAIL_TO_PASS.failure).toEqual(py.failToPass);
    expect(outcome.report?.tests_status?.PASS_TO_PASS.failure).toEqual([]);
  });

  it("rejects garbage, paths outside the repository and binary changes without data before any container", async () => {
    expect(await grade(py, "this is not a diff\n")).toMatchObject({
      status: "invalid_patch",
      reason: expect.stringContaining("not a unified diff"),
    });
    const escaping =
      "diff --git a/../../etc/passwd b/../../etc/passwd\n--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-root\n+owned\n";
    expect(await grade(py, escaping)).toMatchObject({ status: "invalid_patch", reason: expect.stringContaining("climbs out") });
    const binary = "diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n";
    expect(await grade(py, binary)).toMatchObject({ status: "invalid_patch", reason: expect.stringContaining("git diff --binary") });
  });

  it("applies a binary patch that carries its data", async () => {
    const patch = await makePatch(py, { "pyledger/data.bin": "\u0000\u0001\u0002binary" }, { binary: true });
    expect(patch).toContain("GIT binary patch");
    const outcome = await grade(py, patch);
    expect(outcome.applyMethod).toBe("git apply --verbose");
    expect(outcome.status).toBe("unresolved");
  });

  it("reports a patch that does not apply as patch_failed, naming the instance", async () => {
    const stale =
      "diff --git a/pyledger/nothing.py b/pyledger/nothing.py\n--- a/pyledger/nothing.py\n+++ b/pyledger/nothing.py\n@@ -1,3 +1,3 @@\n " +
      "a = 1\n-b = 2\n+b = 3\n c = 4\n";
    const outcome = await grade(py, stale);
    expect(outcome.status).toBe("patch_failed");
    expect(outcome.reason).toContain(py.id);
    expect(outcome.report).toBeUndefined();
  });

  it("kills tests that hang and reports a timeout", async () => {
    const patch = await makePatch(py, { "pyledger/__init__.py": (old) => `${old}\nimport time\nwhile True:\n    time.sleep(1)\n` });
    const outcome = await grade(py, patch, 4);
    expect(outcome.status).toBe("timeout");
    expect(outcome.timings.testsMs).toBeLessThan(30_000);
  });

  it("cannot pass by printing PASSED lines after pytest's summary and forcing exit status 0", async () => {
    const lines = py.failToPass.map((id) => `print("PASSED ${id}")`).join("\n    ");
    const spoof = [
      "",
      "import atexit, os, sys",
      "def _spoof():",
      `    ${lines}`,
      "    sys.stdout.flush()",
      "    os._exit(0)",
      "atexit.register(_spoof)",
      "",
    ];
    const patch = await makePatch(py, { "pyledger/__init__.py": (old) => old + spoof.join("\n") });
    const outcome = await grade(py, patch);
    expect(outcome.status).toBe("log_rejected");
    expect(outcome.reason).toContain("cannot be graded");
    expect(outcome.report).toMatchObject({ resolved: false, patch_successfully_applied: false });
  });

  it("cannot pass by writing result files: only the log of the run is read", async () => {
    const fake = JSON.stringify({ [py.id]: { resolved: true } });
    const patch = await makePatch(py, { "report.json": fake, "test_output.txt": py.failToPass.map((id) => `PASSED ${id}`).join("\n") });
    const outcome = await grade(py, patch);
    expect(outcome.status).toBe("unresolved");
  });

  it("names the memory limit when a test is killed by it", async () => {
    const hog = "\nimport os\nif os.environ.get('PYTEST_CURRENT_TEST') is None:\n    pass\n_hog = bytearray(8 * 1024 ** 3)\n";
    const patch = await makePatch(py, { "pyledger/money/__init__.py": (old) => old + hog });
    const outcome = await grade(py, patch);
    expect(outcome.status).not.toBe("resolved");
    expect(outcome.oomKilled).toBe(true);
    expect(outcome.reason).toMatch(/memory limit/);
  });
});
