// One grading of predictions, end to end, as `swerig grade` does it and as the library's grade offers
// it: the run manifest, the run set up (runner/run-setup.ts: folder, images, workers, fresh grading
// containers, or the instances dispatched to other processes), the suite, everything taken down at the
// end, and summary.json written. What a person should see goes to `log`.
import type { GradingSemantics } from "../grader/resolution.js";
import type { Prediction } from "../grader/predictions.js";
import { writeSummaryFile } from "../report/summary-file.js";
import type { Task } from "../tasks/index.js";
import { gradeSuite, type GradeSuiteOptions, type GradeSuiteResult } from "./grade-suite.js";
import { gradeManifest, type RunManifest } from "./manifest.js";
import type { ImageSettings } from "./run-image-setup.js";
import { withRunSetup, type Dispatch } from "./run-setup.js";

/** Instances handed to other processes (the queue's workers): each leaves its files in its folder here. */
export interface GradeDispatch extends Dispatch {
  gradeOne: NonNullable<GradeSuiteOptions["gradeOne"]>;
}

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
  /** Hands every instance to other processes, opened once the manifest is known (`--queue`); default: this machine's Docker. */
  dispatch?: (manifest: RunManifest) => Promise<GradeDispatch>;
}

/** What a grading came to, with where its summary.json was written. */
interface GradedRun {
  summary: GradeSuiteResult["summary"];
  /** Undefined when the disk was too full to write it. */
  summaryPath: string | undefined;
  outcomes: GradeSuiteResult["outcomes"];
  cancelled: boolean;
  diskFull?: GradeSuiteResult["diskFull"];
}

export async function gradePredictions(options: GradePredictionsOptions) {
  const log = options.log ?? (() => undefined);
  const { runId, runDir, tasks, predictions } = options;
  const semantics = options.semantics ?? "v5";
  const manifest = gradeManifest({
    predictionsSource: options.predictionsSource,
    allPredictions: predictions,
    allTasks: options.allTasks,
    semantics,
    timeoutSec: options.timeoutSec,
  });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const mine = predictions.filter((p) => byId.has(p.instanceId));
  if (predictions.length > 0 && mine.length === 0) {
    log(`warning: none of the ${predictions.length} predictions is for the selected instances: nothing is graded`);
  }
  const uses = mine.map((p) => byId.get(p.instanceId)!).sort((a, b) => (a.id < b.id ? -1 : 1)); // gradeSuite's order
  const setup = { runId, runDir, manifest, uses, images: options.images, force: options.force === true, dispatch: options.dispatch, log };
  const result = await withRunSetup(setup, (run) =>
    gradeSuite({
      runId,
      runDir,
      tasks,
      predictions: mine,
      run: { tasks: options.allTasks, predictions },
      createEnvironment: run.createGradingEnvironment,
      workers: run.workers,
      ...(run.dispatched ? { gradeOne: run.dispatched.gradeOne } : {}),
      semantics,
      ...(options.timeoutSec ? { timeoutSec: options.timeoutSec } : {}),
      force: options.force === true,
      reruns: options.reruns ?? 0,
      ...(options.judgeTests ? { judgeTests: true } : {}),
      flakeRecord: run.flakeRecord,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.abort ? { abort: options.abort } : {}),
      ...(run.daemon ? { daemon: run.daemon } : {}),
      onProgress: (e) => {
        options.onProgress?.(e);
        if (e.type !== "started") run.taskDone(byId.get(e.instanceId)!);
      },
    }),
  );
  const written = await writeSummaryFile(runDir, result.summary);
  const diskFull = result.diskFull ?? written.diskFull;
  const { summary, outcomes, cancelled } = result;
  const ended: GradedRun = { summary, summaryPath: written.summaryPath, outcomes, cancelled, ...(diskFull ? { diskFull } : {}) };
  return { ...ended, graded: mine.length };
}
