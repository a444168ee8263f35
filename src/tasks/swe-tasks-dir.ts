// Reads a swe-tasks directory: one folder per task with task.json, issue.md, gold.patch, test.patch
// and repo/. A broken task is reported with its folder and the reason; the others still load.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { touchedPaths } from "../core/index.js";
import { buildEvalScript } from "./eval-script.js";
import { snapshotCommitId } from "./git-objects.js";
import { describeIssues, type LoadProblem } from "../core/load-problem.js";
import type { Task } from "./task.js";
import { TaskFileSchema } from "./task-file.js";

export const TASK_WORKDIR = "/testbed";
const REQUIRED_FILES = ["task.json", "issue.md", "gold.patch", "test.patch"] as const;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Loads one task folder; returns a problem instead of throwing for anything wrong with it. */
export async function loadTaskDir(dir: string): Promise<{ task: Task } | { problem: LoadProblem }> {
  const where = dir;
  for (const name of REQUIRED_FILES) {
    if (!(await exists(join(dir, name)))) return { problem: { where, message: `missing ${name}` } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, "task.json"), "utf8"));
  } catch (error) {
    return { problem: { where: join(dir, "task.json"), message: `not valid JSON: ${(error as Error).message}` } };
  }
  const parsed = TaskFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { problem: { where: join(dir, "task.json"), message: describeIssues(parsed.error.issues) } };
  }
  const file = parsed.data;
  const [problemStatement, goldPatch, testPatch] = await Promise.all(
    ["issue.md", "gold.patch", "test.patch"].map((n) => readFile(join(dir, n), "utf8")),
  );
  if (!goldPatch!.includes("\n+++ ") || !testPatch!.includes("\n+++ ")) {
    return { problem: { where, message: "gold.patch and test.patch must be unified diffs", instanceId: file.id } };
  }
  let baseCommit: string;
  let repoSource: NonNullable<Task["repoSource"]>;
  if (file.source) {
    const bundle = resolve(dir, file.source.bundle);
    if (!(await exists(bundle))) {
      return {
        problem: { where: join(dir, "task.json"), message: `source.bundle ${file.source.bundle} does not exist`, instanceId: file.id },
      };
    }
    baseCommit = file.source.base_commit;
    repoSource = { kind: "bundle", file: bundle };
  } else {
    if (!(await exists(join(dir, "repo")))) {
      return {
        problem: { where, message: "missing repo/ (the repository snapshot) and no source.bundle in task.json", instanceId: file.id },
      };
    }
    try {
      baseCommit = await snapshotCommitId(join(dir, "repo"), file.repo, file.created_at);
    } catch (error) {
      return { problem: { where: join(dir, "repo"), message: (error as Error).message, instanceId: file.id } };
    }
    repoSource = { kind: "snapshot", dir: resolve(dir, "repo") };
  }
  const task: Task = {
    id: file.id,
    repo: file.repo,
    language: file.language,
    baseCommit,
    problemStatement: problemStatement!,
    hintsText: "",
    goldPatch: goldPatch!,
    testPatch: testPatch!,
    failToPass: file.FAIL_TO_PASS,
    passToPass: file.PASS_TO_PASS,
    workdir: TASK_WORKDIR,
    image: { kind: "swe-tasks", base: file.image.base, setup: file.image.setup },
    evalScript: buildEvalScript({
      workdir: TASK_WORKDIR,
      baseCommit,
      testPatch: testPatch!,
      testCommand: file.test_command,
      passTestFiles: file.pass_test_files,
    }),
    testCommand: file.test_command,
    logParser: file.log_parser,
    timeoutSec: file.timeout_sec,
    createdAt: file.created_at,
    difficulty: file.difficulty,
    kind: file.kind,
    tags: file.tags,
    goldFiles: touchedPaths(goldPatch!),
    repoSource,
    origin: { kind: "swe-tasks", dir: resolve(dir) },
  };
  return { task };
}

/** Loads every task folder below `root` (folders without task.json are skipped), sorted by id. */
export async function loadSweTasksDir(root: string): Promise<{ tasks: Task[]; problems: LoadProblem[] }> {
  const tasks: Task[] = [];
  const problems: LoadProblem[] = [];
  const entries = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const loaded = await Promise.all(
    entries.map(async (name) => ((await exists(join(root, name, "task.json"))) ? loadTaskDir(join(root, name)) : undefined)),
  );
  const seen = new Map<string, string>();
  for (const [i, result] of loaded.entries()) {
    if (!result) continue;
    if ("problem" in result) {
      problems.push(result.problem);
      continue;
    }
    const other = seen.get(result.task.id);
    if (other) {
      problems.push({ where: join(root, entries[i]!), message: `duplicate task id (also in ${other})`, instanceId: result.task.id });
      continue;
    }
    seen.set(result.task.id, join(root, entries[i]!));
    tasks.push(result.task);
  }
  tasks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { tasks, problems };
}
