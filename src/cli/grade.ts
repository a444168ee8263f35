// swerig grade: grade predictions (a file, `gold` or `empty`) in fresh containers and print the report.
import { resolve } from "node:path";
import { z } from "zod";
import { SwerigError } from "../core/index.js";
import { removeRunContainers } from "../envs/cleanup.js";
import { DaemonWatch } from "../envs/docker-daemon-watch.js";
import type { GradingSemantics } from "../grader/resolution.js";
import { loadPredictions } from "../grader/predictions.js";
import { renderInstances, renderSummary } from "../report/render-table.js";
import { DEFAULT_CREATE_RETRY } from "../runner/create-with-retry.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { flakeRecordTarget } from "../runner/flake-record-store.js";
import { gradeSuite } from "../runner/grade-suite.js";
import { applyRunFolderPlan, planRunFolder } from "../runner/run-folder.js";
import { loadTasks, selectInstances } from "../tasks/index.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import { IMAGE_OPTIONS, parseImageOptions, setupRunImages } from "./image-options.js";
import { reportDiskFull, reportInterrupted } from "./interrupt.js";
import { reportProblems, type CliIo } from "./output.js";
import { gradeManifest } from "./run-manifests.js";
import { progressPrinter } from "./progress.js";
import {
  applyCreatedRange,
  CREATED_OPTIONS,
  parseCreatedRange,
  parseJudgeTests,
  parseReruns,
  JUDGE_TESTS_OPTION,
  RERUNS_OPTION,
} from "./selection-options.js";
import { openQueue, QUEUE_OPTION } from "./queue-option.js";

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
    ...RERUNS_OPTION,
    ...JUDGE_TESTS_OPTION,
    ...CREATED_OPTIONS,
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
  const { semantics, timeout: timeoutSec, "run-id": runId, predictions: predictionsSource, force, tasks: source } = options;
  const imageSettings = parseImageOptions(values);
  const reruns = parseReruns(values);
  const judgeTests = parseJudgeTests(values);
  if (reruns > 0 && values["queue"] !== undefined)
    throw new SwerigError("invalid_input", "--reruns does not work with --queue yet: queue workers grade each instance once");
  const createdRange = parseCreatedRange(values);
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
  const runDir = resolve(options["traces-dir"], runId);
  const manifest = gradeManifest({ predictionsSource, allPredictions: loaded.predictions, allTasks: all.tasks, semantics, timeoutSec });
  const plan = await planRunFolder(runDir, manifest, force);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const ids = new Set(byId.keys());
  const mine = loaded.predictions.filter((p) => ids.has(p.instanceId));
  if (loaded.predictions.length > 0 && mine.length === 0) {
    io.err(`warning: none of the ${loaded.predictions.length} predictions is for the selected instances: nothing is graded`);
  }
  const uses = mine.map((p) => byId.get(p.instanceId)!).sort((a, b) => (a.id < b.id ? -1 : 1)); // gradeSuite's order
  const queue = await openQueue(values, io, { runId, manifest, source, abort });
  const images = queue?.images ?? (await setupRunImages(imageSettings, uses, runId, io));
  const createEnvironment = queue?.noEnvironment ?? (await dockerGradingEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources));
  const opened = await applyRunFolderPlan(runDir, manifest, plan);
  if (opened) io.err(opened);
  // Queue workers watch their own daemons; a coordinator has none to watch.
  const daemon = queue ? undefined : DaemonWatch.start();
  const progress = progressPrinter(io);
  const result = await gradeSuite({
    runId,
    runDir,
    tasks,
    predictions: mine,
    run: { tasks: all.tasks, predictions: loaded.predictions },
    createEnvironment,
    workers: queue ? Math.max(1, mine.length) : images.workers,
    ...(queue ? { gradeOne: queue.gradeOne(runDir, semantics, timeoutSec ?? null) } : {}),
    semantics,
    reruns,
    ...(judgeTests ? { judgeTests: true } : {}),
    flakeRecord: flakeRecordTarget(runDir, manifest, runId),
    ...(timeoutSec ? { timeoutSec } : {}),
    force,
    ...(signal ? { signal } : {}),
    ...(abort ? { abort } : {}),
    ...(daemon ? { daemon } : {}),
    onProgress: (e) => {
      progress(e);
      if (e.type !== "started") images.taskDone(byId.get(e.instanceId)!);
    },
  }).finally(() => {
    daemon?.close();
    return Promise.all([images.finish(), queue?.close()]);
  });
  await removeRunContainers(runId);
  if (options.json) io.out(JSON.stringify(result.summary, null, 2));
  else {
    const where = result.summaryPath ?? "not written (the disk is full)";
    io.out(`\n${renderInstances(result.outcomes)}\n\n${renderSummary(result.summary)}\n\nsummary: ${where}`);
  }
  const notRun = result.outcomes.filter((o) => o.status === "not_run" && ids.has(o.instanceId)).length;
  if (result.diskFull) return reportDiskFull(io, result.diskFull, runDir, notRun, mine.length, "instances");
  if (result.cancelled) reportInterrupted(io, notRun, mine.length, "instances");
  return result.cancelled ? 130 : 0;
}
