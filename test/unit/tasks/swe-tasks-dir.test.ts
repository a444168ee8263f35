import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import { touchedPaths } from "../../../src/core/patch-files.js";
import { snapshotCommitId } from "../../../src/tasks/git-objects.js";
import { formatProblem } from "../../../src/core/load-problem.js";
import { loadTasks } from "../../../src/tasks/load-tasks.js";
import { loadSweTasksDir, loadTaskDir } from "../../../src/tasks/swe-tasks-dir.js";

const BUNDLED = fileURLToPath(new URL("../../../swe-tasks/", import.meta.url));
const CREATED_AT = "2024-05-06T07:08:09Z";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-tasks-dir-"));
  dirs.push(dir);
  return dir;
}

const GOLD = `diff --git a/calc/ops.py b/calc/ops.py
--- a/calc/ops.py
+++ b/calc/ops.py
@@ -1,2 +1,2 @@
 def add(a, b):
-    return a - b
+    return a + b
`;

// Modifies tests/test_ops.py, creates tests/test_more.py and a data file.
const TEST_PATCH = `diff --git a/tests/test_ops.py b/tests/test_ops.py
--- a/tests/test_ops.py
+++ b/tests/test_ops.py
@@ -1,2 +1,5 @@
 from calc.ops import add
 
+
+def test_add():
+    assert add(1, 2) == 3
diff --git a/tests/test_more.py b/tests/test_more.py
new file mode 100644
--- /dev/null
+++ b/tests/test_more.py
@@ -0,0 +1,4 @@
+from calc.ops import add
+
+def test_add_zero():
+    assert add(2, 0) == 2
diff --git a/tests/cases.json b/tests/cases.json
new file mode 100644
--- /dev/null
+++ b/tests/cases.json
@@ -0,0 +1 @@
+[[1, 2, 3]]
`;

function taskJson(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 1,
    id,
    repo: "acme/calc",
    language: "python",
    kind: "bug",
    difficulty: "easy",
    created_at: CREATED_AT,
    image: { base: "python", setup: [] },
    test_command: "pytest -rA",
    log_parser: "parse_log_pytest",
    FAIL_TO_PASS: ["tests/test_ops.py::test_add"],
    PASS_TO_PASS: ["tests/test_ops.py::test_import"],
    tags: ["arith"],
    ...overrides,
  };
}

/** Writes a complete task folder `root/<folder>`; `omit` leaves files out, `json` replaces task.json. */
async function writeTask(
  root: string,
  folder: string,
  options: { task?: Record<string, unknown>; json?: string; omit?: string[] } = {},
): Promise<string> {
  const dir = join(root, folder);
  const omit = new Set(options.omit ?? []);
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {
    "task.json": options.json ?? JSON.stringify(options.task ?? taskJson(folder), null, 2),
    "issue.md": "add() subtracts\n",
    "gold.patch": GOLD,
    "test.patch": TEST_PATCH,
  };
  for (const [name, content] of Object.entries(files)) if (!omit.has(name)) await writeFile(join(dir, name), content);
  if (!omit.has("repo")) {
    await mkdir(join(dir, "repo", "calc"), { recursive: true });
    await mkdir(join(dir, "repo", "tests"), { recursive: true });
    await writeFile(join(dir, "repo", "calc", "ops.py"), "def add(a, b):\n    return a - b\n");
    await writeFile(join(dir, "repo", "tests", "test_ops.py"), "from calc.ops import add\n\n");
  }
  return dir;
}

describe("loadTaskDir", () => {
  it("loads a valid task folder with its computed base commit, gold files and eval script", async () => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add");
    const result = await loadTaskDir(dir);
    if (!("task" in result)) throw new Error(formatProblem(result.problem));
    const task = result.task;
    const baseCommit = await snapshotCommitId(join(dir, "repo"), "acme/calc", CREATED_AT);
    expect(task).toMatchObject({
      id: "calc-add",
      repo: "acme/calc",
      language: "python",
      baseCommit,
      problemStatement: "add() subtracts\n",
      goldPatch: GOLD,
      testPatch: TEST_PATCH,
      failToPass: ["tests/test_ops.py::test_add"],
      passToPass: ["tests/test_ops.py::test_import"],
      workdir: "/testbed",
      image: { kind: "swe-tasks", base: "python", setup: [] },
      logParser: "parse_log_pytest",
      timeoutSec: 600,
      createdAt: CREATED_AT,
      difficulty: "easy",
      kind: "bug",
      tags: ["arith"],
      goldFiles: ["calc/ops.py"],
      origin: { kind: "swe-tasks", dir },
    });
    const lines = task.evalScript.split("\n");
    // The test command, then the test files of test.patch (data files left out).
    expect(lines[lines.indexOf(": '>>>>> Start Test Output'") + 1]).toBe("pytest -rA tests/test_ops.py tests/test_more.py");
    // Only the file that exists at the base commit is reset, before and after the run.
    expect(lines.filter((l) => l.startsWith("git checkout "))).toEqual([
      `git checkout ${baseCommit} tests/test_ops.py`,
      `git checkout ${baseCommit} tests/test_ops.py`,
    ]);
  });

  it("reports an invalid task.json naming the field and the folder", async () => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add", { task: taskJson("calc-add", { difficulty: "trivial" }) });
    const result = await loadTaskDir(dir);
    if (!("problem" in result)) throw new Error("expected a problem");
    expect(result.problem.where).toBe(join(dir, "task.json"));
    expect(result.problem.message).toMatch(/^difficulty: /);
  });

  it("reports unknown keys, an empty FAIL_TO_PASS and a bad id in one message", async () => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add", { task: taskJson("Calc Add", { FAIL_TO_PASS: [], extra: 1 }) });
    const result = await loadTaskDir(dir);
    if (!("problem" in result)) throw new Error("expected a problem");
    expect(result.problem.message).toMatch(/id: /);
    expect(result.problem.message).toMatch(/FAIL_TO_PASS: /);
    expect(result.problem.message).toMatch(/extra/);
  });

  it("reports a task.json that is not JSON", async () => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add", { json: "{ schema: 1, " });
    const result = await loadTaskDir(dir);
    expect(result).toMatchObject({ problem: { where: join(dir, "task.json"), message: expect.stringMatching(/^not valid JSON/) } });
  });

  it.each(["issue.md", "gold.patch", "test.patch", "repo/"])("names a missing %s with the folder", async (name) => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add", { omit: [name.replace("/", "")] });
    expect(await loadTaskDir(dir)).toMatchObject({
      problem: { where: dir, message: expect.stringMatching(new RegExp(`^missing ${escapeText(name)}`)) },
    });
  });

  it("refuses patches that are not unified diffs", async () => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add");
    await writeFile(join(dir, "gold.patch"), "change add() to use +\n");
    expect(await loadTaskDir(dir)).toEqual({
      problem: { where: dir, message: "gold.patch and test.patch must be unified diffs", instanceId: "calc-add" },
    });
  });

  it("reports a snapshot with no files at its repo/ folder", async () => {
    const root = await tmp();
    const dir = await writeTask(root, "calc-add", { omit: ["repo"] });
    await mkdir(join(dir, "repo", "empty"), { recursive: true });
    expect(await loadTaskDir(dir)).toMatchObject({ problem: { where: join(dir, "repo"), instanceId: "calc-add" } });
  });
});

describe("loadSweTasksDir", () => {
  it("loads the valid tasks sorted by id and reports the broken ones with their folders", async () => {
    const root = await tmp();
    await writeTask(root, "b-task");
    await writeTask(root, "a-task");
    await writeTask(root, "c-broken", { task: taskJson("c-broken", { language: "cobol" }) });
    await writeTask(root, "d-no-issue", { omit: ["issue.md"] });
    await mkdir(join(root, "notes"));
    await writeFile(join(root, "README.md"), "not a task\n");
    const { tasks, problems } = await loadSweTasksDir(root);
    expect(tasks.map((t) => t.id)).toEqual(["a-task", "b-task"]);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^${escapeText(join(root, "c-broken", "task.json"))}: language: `)),
      `${join(root, "d-no-issue")}: missing issue.md`,
    ]);
  });

  it("keeps the first folder of a duplicated id and names both folders", async () => {
    const root = await tmp();
    await writeTask(root, "one", { task: taskJson("same-id") });
    await writeTask(root, "two", { task: taskJson("same-id") });
    const { tasks, problems } = await loadSweTasksDir(root);
    expect(tasks.map((t) => t.origin)).toEqual([{ kind: "swe-tasks", dir: join(root, "one") }]);
    expect(problems).toEqual([
      { where: join(root, "two"), message: `duplicate task id (also in ${join(root, "one")})`, instanceId: "same-id" },
    ]);
  });
});

describe("loadTasks", () => {
  it("keeps only the --instances asked for, in the order asked", async () => {
    const root = await tmp();
    for (const id of ["a-task", "b-task", "c-task"]) await writeTask(root, id);
    const { tasks } = await loadTasks(root, ["c-task", "a-task"]);
    expect(tasks.map((t) => t.id)).toEqual(["c-task", "a-task"]);
  });

  it("throws invalid_input naming --instances ids the source does not hold", async () => {
    const root = await tmp();
    await writeTask(root, "a-task");
    const error = await loadTasks(root, ["a-task", "nope", "zilch"]).catch((e: unknown) => e);
    expect(SwerigError.isInstance(error) && error.code).toBe("invalid_input");
    expect((error as Error).message).toContain("nope, zilch");
  });

  it("throws invalid_input for a source that does not exist", async () => {
    const root = await tmp();
    const error = await loadTasks(join(root, "missing")).catch((e: unknown) => e);
    expect(SwerigError.isInstance(error) && error.code).toBe("invalid_input");
    expect((error as Error).message).toContain(join(root, "missing"));
  });

  it("reads a dataset file when the source is a file", async () => {
    const root = await tmp();
    const file = join(root, "one.jsonl");
    const row = {
      instance_id: "psf__requests-1",
      repo: "psf/requests",
      base_commit: "abc",
      patch: GOLD,
      test_patch: TEST_PATCH,
      problem_statement: "p",
      FAIL_TO_PASS: "[]",
      PASS_TO_PASS: "[]",
    };
    await writeFile(file, `${JSON.stringify(row)}\n`);
    const { tasks } = await loadTasks(file);
    expect(tasks.map((t) => [t.id, t.origin.kind])).toEqual([["psf__requests-1", "dataset"]]);
  });
});

describe("the bundled swe-tasks suite", () => {
  it("loads every task without problems, each from the folder of its id", async () => {
    const { tasks, problems } = await loadSweTasksDir(BUNDLED);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(task.origin.kind === "swe-tasks" && basename(task.origin.dir)).toBe(task.id);
  });

  it("has hidden tests that fail before the fix, kept apart from the gold patch", async () => {
    const { tasks } = await loadSweTasksDir(BUNDLED);
    for (const task of tasks) {
      const testFiles = touchedPaths(task.testPatch);
      expect(task.failToPass.length, task.id).toBeGreaterThanOrEqual(1);
      expect(task.goldFiles.filter(isTestFile), `${task.id}: gold patch touches tests`).toEqual([]);
      expect(
        testFiles.filter((p) => !isTestFile(p)),
        `${task.id}: test.patch touches non-test files`,
      ).toEqual([]);
      // Every FAIL_TO_PASS test named by file (pytest and vitest ids) lives in a file the test patch brings.
      const f2pFiles = new Set(task.failToPass.filter((id) => /::| > /.test(id)).map((id) => id.split(/::| > /)[0]!));
      expect(
        [...f2pFiles].filter((f) => !testFiles.includes(f)),
        task.id,
      ).toEqual([]);
    }
  });
});

/** A test file by folder (tests/, test/, testing/, __tests__/) or by name (test_x.py, x_test.go, x.test.ts). */
function isTestFile(path: string): boolean {
  return /(^|\/)(tests?|testing|__tests__)\//.test(path) || /(^|\/)test_[^/]*\.py$|_test\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
}

function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
