// swerig import: a SWE-agent, mini-swe-agent or Moatless trajectory as a swerig trace, its actions as our tool
// calls, ready for `swerig replay` on our environments.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { z } from "zod";
import { SwerigError } from "../core/index.js";
import { loadTasks, type Task } from "../tasks/index.js";
import { importMiniSweAgentTrajectory, importMoatlessTrajectory, importSweAgentTrajectory } from "../trace/importers/index.js";
import { parseOptions, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

export const importSpec: CommandSpec<"TRAJECTORY"> = {
  name: "import",
  summary: "Convert a SWE-agent (.traj, v0 or 1.x), mini-swe-agent (.traj.json) or Moatless Tools (.json) trajectory into a swerig trace.",
  positionals: [{ name: "TRAJECTORY", description: "a SWE-agent .traj, mini-swe-agent .traj.json or Moatless .json file" }],
  options: {
    format: { type: "string", arg: "swe-agent|mini-swe-agent|moatless", description: "the trajectory's format" },
    out: { type: "string", arg: "FILE", description: "where the trace goes (trace.jsonl)" },
    tasks: {
      type: "string",
      arg: "DIR|FILE",
      description: "tasks that define the trajectory's instance (for its base commit)",
      default: "swe-tasks",
    },
    instance: { type: "string", arg: "ID", description: "the instance, when the trajectory does not name it" },
    "run-id": { type: "string", arg: "ID", description: "run id in the trace", default: "imported" },
  },
  required: ["format", "out"],
};

const IMPORTERS = {
  "swe-agent": importSweAgentTrajectory,
  "mini-swe-agent": importMiniSweAgentTrajectory,
  moatless: importMoatlessTrajectory,
};

const ImportOptions = z.object({
  format: value.oneOf(Object.keys(IMPORTERS) as (keyof typeof IMPORTERS)[]),
  out: value.text,
  tasks: value.text,
  instance: value.text.optional(),
  "run-id": value.text,
});

export async function importTrajectory(argv: string[], io: CliIo): Promise<number> {
  const { options, args } = parseOptions(importSpec, argv, ImportOptions);
  const file = args.TRAJECTORY;
  const { format, instance, "run-id": runId, tasks: tasksSource } = options;
  const convert: typeof importSweAgentTrajectory = IMPORTERS[format];
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new SwerigError("invalid_input", `${file}: ${(error as Error).message}`);
  }
  const first = convert(json, { runId, ...(instance ? { taskId: instance } : {}) });
  // SWE-agent and mini-swe-agent name their files <instance id>.traj(.json), Moatless <instance id>.json: the last resort.
  const named = format === "moatless" ? /^(.+?)\.json$/ : /^(.+?)\.traj(?:\.json)?$/;
  const taskId = instance ?? first.taskId ?? named.exec(basename(file))?.[1];
  if (taskId === undefined) throw new SwerigError("invalid_input", `${file} names no instance: give it with --instance ID`);
  const { tasks } = await loadTasks(tasksSource, [taskId]).catch(() => ({ tasks: [] as Task[] }));
  const task = tasks.find((t) => t.id === taskId);
  if (!task) {
    throw new SwerigError(
      "invalid_input",
      `instance ${taskId} is not in --tasks ${tasksSource}: give the tasks or dataset file that holds it (its base commit is needed to ` +
        `replay)`,
    );
  }
  const result = convert(json, {
    runId,
    taskId: task.id,
    task: { repo: task.repo, language: task.language, baseCommit: task.baseCommit },
  });
  await writeFile(options.out, `${result.events.map((e) => JSON.stringify(e)).join("\n")}\n`);
  for (const p of result.problems) io.err(`note: ${p}`);
  io.out(`${file}: ${result.stats.toolCalls} tool calls in ${result.stats.steps} steps (${result.stats.unmapped} not mapped)`);
  return 0;
}
