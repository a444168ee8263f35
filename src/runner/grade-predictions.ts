// One grading of predictions, end to end, as `swerig grade` does it and as the library's grade offers
// it: the run manifest and folder, the images and workers, fresh grading containers, the suite, and
// the run's containers removed at the end. What a person should see goes to `log`.
import { removeRunContainers } from "../envs/cleanup.js";
import { DaemonWatch } from "../envs/docker-daemon-watch.js";
import type { GradingSemantics } from "../grader/resolution.js";
import type { Prediction } from "../grader/predictions.js";
import type { Task } from "../tasks/index.js";
import { DEFAULT_CREATE_RETRY } from "./create-with-retry.js";
import { dockerGradingEnvironments } from "./docker-grading.js";
import { flakeRecordTarget } from "./flake-record-store.js";
import { gradeSuite, type GradeSuiteOptions } from "./grade-suite.js";
import { gradeManifest } from "./manifest.js";
import { applyRunFolderPlan, planRunFolder } from "./run-folder.js";
import { setupRunImages, type ImageSettings } from "./run-image-setup.js";
import { checkRunId } from "./run-tasks.js";

export interface GradePredictionsOptions extends Pick<GradeSuiteOptions, "signal" | "abort" | "onProgress" | "reruns" | "judgeTests"> {
  runId: string;
  runDir: string;
  /** The tasks to grade now. */
  tasks: Task[];
  /** The whole task set they were selected from. */
  allTasks: Task[];
  /** Every prediction loaded (those for tasks not selected are kept for the manifest and the summary). */
  predictions: Prediction[];
  /** Where they came from: `gold`, `empty`, or a file (only the kind enters the manifest). */
  predictionsSource: string;
  semantics?: GradingSemantics;
  timeoutSec?: number;
  images: ImageSettings;
  force?: boolean;
  log?: (line: string) => void;
}

export async function gradePredictions(options: GradePredictionsOptions) {
  checkRunId(options.runId);
  const log = options.log ?? (() => undefined);
  const { runId, runDir, tasks } = options;
  const semantics = options.semantics ?? "v5";
  const manifest = gradeManifest({
    predictionsSource: options.predictionsSource,
    allPredictions: options.predictions,
    allTasks: options.allTasks,
    semantics,
    timeoutSec: options.timeoutSec,
  });
  const plan = await planRunFolder(runDir, manifest, options.force === true);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const mine = options.predictions.filter((p) => byId.has(p.instanceId));
  const uses = mine.map((p) => byId.get(p.instanceId)!).sort((a, b) => (a.id < b.id ? -1 : 1)); // gradeSuite's order
  const images = await setupRunImages(options.images, uses, runId, log);
  const createEnvironment = await dockerGradingEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources);
  const opened = await applyRunFolderPlan(runDir, manifest, plan);
  if (opened) log(opened);
  const daemon = DaemonWatch.start();
  try {
    const result = await gradeSuite({
      runId,
      runDir,
      tasks,
      predictions: mine,
      run: { tasks: options.allTasks, predictions: options.predictions },
      createEnvironment,
      workers: images.workers,
      semantics,
      ...(options.timeoutSec ? { timeoutSec: options.timeoutSec } : {}),
      force: options.force === true,
      reruns: options.reruns ?? 0,
      ...(options.judgeTests ? { judgeTests: true } : {}),
      flakeRecord: flakeRecordTarget(runDir, manifest, runId),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.abort ? { abort: options.abort } : {}),
      daemon,
      onProgress: (e) => {
        options.onProgress?.(e);
        if (e.type !== "started") images.taskDone(byId.get(e.instanceId)!);
      },
    }).finally(() => {
      daemon.close();
      return images.finish();
    });
    return { ...result, graded: mine.length };
  } finally {
    await removeRunContainers(runId);
  }
}
