// swerig grade: grade predictions (a file, `gold` or `empty`) in fresh containers and print the report.
// Options in, runner/grade-predictions.ts (gradePredictions) does the grading, then the tables and the exit code.
import { resolve } from "node:path";
import { z } from "zod";
import { SwerigError } from "../core/index.js";
import type { GradingSemantics } from "../grader/resolution.js";
import { loadPredictions } from "../grader/predictions.js";
import { renderInstances, renderSummary } from "../report/render-table.js";
import { gradePredictions } from "../runner/grade-predictions.js";
import { loadTasks, selectInstances } from "../tasks/index.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import { IMAGE_OPTIONS, parseImageOptions } from "./image-options.js";
import { reportStop } from "./interrupt.js";
import { reportProblems, type CliIo } from "./output.js";
import { progressPrinter } from "./progress.js";
import { applyCreatedRange, EVAL_OPTIONS, parseEvalOptions } from "./selection-options.js";
import { queueGradeDispatch, QUEUE_OPTION } from "./queue-option.js";

export const gradeSpec: CommandSpec = {
  name: "grade",
  summary: "Grade predictions against the tasks' hidden tests in fresh containers; write traces/<run-id>/.",
  options: {
    tasks: SHARED_OPTIONS.tasks,
    predictions: { type: "string", arg: "FILE|gold|empty", description: "predictions (JSON list, JSON dict or JSONL) or gold/empty" },
    "run-id": { type: "string", arg: "ID", description: "run name; re-running it resumes" },
    instances: SHARED_OPTIONS.instances,
    timeout: { type: "string", arg: "SECONDS", description: "per-instance test timeout (default: the task's)" },
    semantics: { type: "string", arg: "v5|v4", description: "SWE-bench grading rules (v4.1: SKIPPED dropped)", default: "v5" },
    "traces-dir": SHARED_OPTIONS["traces-dir"],
    force: {
      type: "boolean",
      description:
        "grade again instances that already have a report; a run id used for another configuration:" +
        " keep its folder renamed <run-id>.replaced-<time> and start afresh",
    },
    json: { type: "boolean", description: "print summary.json instead of tables" },
    ...EVAL_OPTIONS,
    ...IMAGE_OPTIONS,
    ...QUEUE_OPTION,
  },
  required: ["predictions", "run-id"],
};

/** The option values, typed; --reruns, --created-after/--cutoff and --queue are read by their own modules. */
const GradeOptions = z.object({
  tasks: value.text,
  predictions: value.text,
  "run-id": value.runId,
  instances: value.list.optional(),
  timeout: value.positiveInt.optional(),
  semantics: value.oneOf(["v5", "v4"] as const satisfies readonly GradingSemantics[]),
  "traces-dir": value.text,
  force: value.flag,
  json: value.flag,
});

export async function grade(argv: string[], io: CliIo, signal?: AbortSignal, abort?: AbortSignal): Promise<number> {
  const { options, values } = parseOptions(gradeSpec, argv, GradeOptions);
  const { semantics, timeout: timeoutSec, "run-id": runId, predictions: predictionsSource, tasks: source } = options;
  const images = parseImageOptions(values);
  const { reruns, judgeTests, createdRange } = parseEvalOptions(values);
  const runDir = resolve(options["traces-dir"], runId);
  const dispatch = queueGradeDispatch(values, io, { runId, source, abort, runDir, semantics, timeoutSec: timeoutSec ?? null });
  const all = await loadTasks(source);
  const { tasks: named, problems } = selectInstances(all, source, options.instances);
  const tasks = applyCreatedRange(named, createdRange, io);
  const loaded = await loadPredictions(predictionsSource, all.tasks);
  reportProblems(io, [...problems, ...loaded.problems]);
  const [unreadable] = loaded.problems;
  if (loaded.predictions.length === 0 && unreadable) {
    throw new SwerigError(
      "invalid_input",
      `--predictions ${predictionsSource}: none of its predictions can be graded (${unreadable.message})`,
    );
  }
  if (loaded.predictions.length === 0) io.err(`warning: --predictions ${predictionsSource} holds no predictions: nothing is graded`);
  const result = await gradePredictions({
    ...{ runId, runDir, tasks, allTasks: all.tasks, predictions: loaded.predictions, predictionsSource, semantics, images },
    ...{ force: options.force, reruns, judgeTests, log: (line: string) => io.err(line), onProgress: progressPrinter(io) },
    ...(timeoutSec ? { timeoutSec } : {}),
    ...(dispatch ? { dispatch } : {}),
    ...(signal ? { signal } : {}),
    ...(abort ? { abort } : {}),
  });
  if (options.json) io.out(JSON.stringify(result.summary, null, 2));
  else {
    const where = result.summaryPath ?? "not written (the disk is full)";
    io.out(`\n${renderInstances(result.outcomes)}\n\n${renderSummary(result.summary)}\n\nsummary: ${where}`);
  }
  const ids = new Set(tasks.map((t) => t.id));
  const notRun = result.outcomes.filter((o) => o.status === "not_run" && ids.has(o.instanceId)).length;
  return reportStop(io, result, { runDir, notRun, total: result.graded, unit: "instances" }) ?? (result.cancelled ? 130 : 0);
}
