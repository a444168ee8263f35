// swerig tasks validate: every task's test patch applies, F2P fail and P2P pass before the fix, all
// pass with the reference patch, repeated runs agree; exits 1 when any task is invalid.
import { z } from "zod";
import { table } from "../report/render-table.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { validateSuite } from "../runner/validate-suite.js";
import { loadTasks } from "../tasks/index.js";
import { parseOptions, value, SHARED_OPTIONS, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

export const tasksValidateSpec: CommandSpec = {
  name: "tasks validate",
  summary: "Check every task in containers: test patch applies, F2P fail and P2P pass before the fix, all pass after it, runs agree.",
  options: {
    tasks: SHARED_OPTIONS.tasks,
    instances: SHARED_OPTIONS.instances,
    repeat: { type: "string", arg: "N", description: "runs of each phase, compared for flakiness", default: "1" },
    workers: { type: "string", arg: "N", description: "tasks validated at once", default: "2" },
    json: { type: "boolean", description: "print [{id, language, kind, difficulty, valid, problems}]" },
  },
};

const TasksValidateOptions = z.object({
  tasks: value.text,
  instances: value.list.optional(),
  repeat: value.positiveInt,
  workers: value.positiveInt,
  json: value.flag,
});

export async function tasksValidate(argv: string[], io: CliIo): Promise<number> {
  const { options } = parseOptions(tasksValidateSpec, argv, TasksValidateOptions);
  const { repeat, workers } = options;
  const { tasks, problems } = await loadTasks(options.tasks, options.instances);
  const createEnvironment = await dockerGradingEnvironments("tasks-validate");
  const all = await validateSuite(tasks, problems, {
    ...{ createEnvironment, repeat, workers },
    onResult: (result, done, total) => {
      const problem = result.problems[0] ? `: ${result.problems[0]}` : "";
      io.err(`[${done}/${total}] ${result.valid ? "valid  " : "INVALID"} ${result.id}${problem}`);
    },
  });
  if (options.json) {
    io.out(
      JSON.stringify(
        all.map(({ id, language, kind, difficulty, valid, problems: p }) => ({ id, language, kind, difficulty, valid, problems: p })),
        null,
        2,
      ),
    );
  } else {
    const rows = all.flatMap((r) => [
      [r.id, r.language, r.kind ?? "-", r.difficulty ?? "-", r.valid ? "valid" : "INVALID", r.problems[0] ?? ""],
      ...r.problems.slice(1).map((p) => ["", "", "", "", "", p]),
    ]);
    io.out(table(["task", "language", "kind", "difficulty", "result", "problems"], rows));
    const notes = all.flatMap((r) => r.notes.map((n) => `note: ${r.id}: ${n}`));
    if (notes.length > 0) io.out(`\n${notes.join("\n")}`);
    const valid = all.filter((r) => r.valid).length;
    io.out(`\ntasks checked ${repeat === 1 ? "once" : `${repeat} times each`}`);
    io.out(`validate: ${valid} passed, ${all.length - valid} failed`);
  }
  return all.every((r) => r.valid) ? 0 : 1;
}
