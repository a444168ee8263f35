// swerig tasks list: what a task source holds, as a table or JSON.
import { z } from "zod";
import { loadTasks } from "../tasks/index.js";
import { table } from "../report/render-table.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import { reportProblems, type CliIo } from "./output.js";
import { applyCreatedRange, CREATED_OPTIONS, parseCreatedRange } from "./selection-options.js";

export const tasksListSpec: CommandSpec = {
  name: "tasks list",
  summary: "List the tasks of a swe-tasks directory or a SWE-bench dataset file (JSON or JSONL).",
  options: {
    tasks: SHARED_OPTIONS.tasks,
    instances: SHARED_OPTIONS.instances,
    json: { type: "boolean", description: "print JSON instead of a table" },
    ...CREATED_OPTIONS,
  },
};

const TasksListOptions = z.object({ tasks: value.text, instances: value.list.optional(), json: value.flag });

export async function tasksList(argv: string[], io: CliIo): Promise<number> {
  const { options, values } = parseOptions(tasksListSpec, argv, TasksListOptions);
  const range = parseCreatedRange(values);
  const loaded = await loadTasks(options.tasks, options.instances);
  const { problems } = loaded;
  reportProblems(io, problems);
  const tasks = applyCreatedRange(loaded.tasks, range, io);
  if (options.json) {
    const rows = tasks.map((t) => ({
      instance_id: t.id,
      repo: t.repo,
      language: t.language,
      kind: t.kind ?? null,
      difficulty: t.difficulty ?? null,
      created_at: t.createdAt ?? null,
      base_commit: t.baseCommit,
      image: t.image.kind === "swebench" ? t.image.name : `swe-tasks:${t.image.base}`,
      log_parser: t.logParser,
      FAIL_TO_PASS: t.failToPass.length,
      PASS_TO_PASS: t.passToPass.length,
      gold_files: t.goldFiles,
    }));
    io.out(JSON.stringify(rows, null, 2));
  } else {
    const rows = tasks.map((t) => [
      t.id,
      t.language,
      t.kind ?? "-",
      t.difficulty ?? "-",
      t.createdAt?.slice(0, 10) ?? "-",
      String(t.failToPass.length),
      String(t.passToPass.length),
      t.goldFiles.length > 1 ? `${t.goldFiles.length} files` : (t.goldFiles[0] ?? "-"),
    ]);
    io.out(table(["instance", "language", "kind", "difficulty", "created", "F2P", "P2P", "gold patch touches"], rows));
    io.out(`\n${tasks.length} tasks${problems.length ? `, ${problems.length} problems (see warnings)` : ""}`);
  }
  return problems.length > 0 && tasks.length === 0 ? 1 : 0;
}
