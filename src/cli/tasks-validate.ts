// swerig tasks validate: every task's test patch applies, F2P fail and P2P pass before the fix, all
// pass with the reference patch, repeated runs agree; exits 1 when any task is invalid.
import { table } from "../report/render-table.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { validateTask, type TaskValidation } from "../runner/validate-task.js";
import { formatProblem, mapPool } from "../core/index.js";
import { loadTasks } from "../tasks/index.js";
import { intOption, listOption, parseCommand, stringOption, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

export const tasksValidateSpec: CommandSpec = {
  name: "tasks validate",
  summary: "Check every task in containers: test patch applies, F2P fail and P2P pass before the fix, all pass after it, runs agree.",
  options: {
    tasks: { type: "string", arg: "DIR|FILE", description: "swe-tasks directory or SWE-bench dataset file", default: "swe-tasks" },
    instances: { type: "string", arg: "ID,ID", description: "only these instances" },
    repeat: { type: "string", arg: "N", description: "runs of each phase, compared for flakiness", default: "1" },
    workers: { type: "string", arg: "N", description: "tasks validated at once", default: "2" },
    json: { type: "boolean", description: "print [{id, language, kind, difficulty, valid, problems}]" },
  },
};

export async function tasksValidate(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(tasksValidateSpec, argv);
  const repeat = intOption(values, "repeat") ?? 1;
  const workers = intOption(values, "workers") ?? 2;
  const { tasks, problems } = await loadTasks(stringOption(values, "tasks")!, listOption(values, "instances"));
  const createEnvironment = await dockerGradingEnvironments("tasks-validate");
  let done = 0;
  const results: TaskValidation[] = await mapPool(tasks, workers, async (task) => {
    const result = await validateTask(task, { createEnvironment, repeat });
    io.err(
      `[${++done}/${tasks.length}] ${result.valid ? "valid  " : "INVALID"} ${task.id}${result.problems[0] ? `: ${result.problems[0]}` : ""}`,
    );
    return result;
  });
  const broken = problems.map((p) => ({
    id: p.instanceId ?? p.where,
    language: "?",
    kind: null,
    difficulty: null,
    valid: false,
    problems: [formatProblem(p)],
    notes: [],
  }));
  const all = [...broken, ...results];
  if (values["json"]) {
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
