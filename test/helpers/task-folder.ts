// Writes a small swe-tasks folder (repo/ snapshot, patches, task.json) for tests that need a task of
// a chosen shape, valid or broken on purpose.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { loadTaskDir, type Task } from "../../src/tasks/index.js";

export interface TaskFolderSpec {
  id: string;
  files: Record<string, string>;
  goldPatch: string;
  testPatch: string;
  failToPass: string[];
  passToPass: string[];
}

export async function writeTaskFolder(root: string, spec: TaskFolderSpec): Promise<string> {
  const dir = join(root, spec.id);
  for (const [path, content] of Object.entries(spec.files)) {
    await mkdir(dirname(join(dir, "repo", path)), { recursive: true });
    await writeFile(join(dir, "repo", path), content);
  }
  await writeFile(join(dir, "issue.md"), `${spec.id} misbehaves\n`);
  await writeFile(join(dir, "gold.patch"), spec.goldPatch);
  await writeFile(join(dir, "test.patch"), spec.testPatch);
  await writeFile(
    join(dir, "task.json"),
    JSON.stringify({
      schema: 1,
      id: spec.id,
      repo: `tests/${spec.id}`,
      language: "python",
      kind: "bug",
      difficulty: "easy",
      created_at: "2025-02-03T04:05:06Z",
      image: { base: "python", setup: [] },
      test_command: "pytest -rA -p no:cacheprovider",
      log_parser: "parse_log_pytest",
      FAIL_TO_PASS: spec.failToPass,
      PASS_TO_PASS: spec.passToPass,
    }),
  );
  return dir;
}

/** A git-style diff that replaces one whole small file. */
export function replaceFile(path: string, before: string, after: string): string {
  const minus = before
    .split("\n")
    .filter((l, i, a) => i < a.length - 1 || l !== "")
    .map((l) => `-${l}`);
  const plus = after
    .split("\n")
    .filter((l, i, a) => i < a.length - 1 || l !== "")
    .map((l) => `+${l}`);
  const header = `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n`;
  return `${header}@@ -1,${minus.length} +1,${plus.length} @@\n${[...minus, ...plus].join("\n")}\n`;
}

export function newFile(path: string, content: string): string {
  const lines = content.split("\n").filter((l, i, a) => i < a.length - 1 || l !== "");
  const header = `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n`;
  return `${header}@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}\n`;
}

/**
 * Loaded tasks of one tiny Python project each (`calc.py`, one FAIL_TO_PASS test), for tests of the
 * runner's bookkeeping that never run the tests: written under `root`/tasks.
 */
export async function calcTasks(root: string, ids: readonly string[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const id of ids) {
    const dir = await writeTaskFolder(join(root, "tasks"), {
      id,
      files: { "calc.py": "X = 1\n", "tests/test_calc.py": "def test_x():\n    pass\n" },
      goldPatch: replaceFile("calc.py", "X = 1\n", "X = 2\n"),
      testPatch: replaceFile("tests/test_calc.py", "def test_x():\n    pass\n", "def test_y():\n    pass\n"),
      failToPass: ["tests/test_calc.py::test_y"],
      passToPass: [],
    });
    const loaded = await loadTaskDir(dir);
    if ("problem" in loaded) throw new Error(loaded.problem.message);
    tasks.push(loaded.task);
  }
  return tasks;
}
