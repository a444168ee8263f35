// What every `run` and `grade` (CLI and library alike: runner/run-tasks.ts, runner/grade-predictions.ts)
// sets up around its suite and takes down after it: the run folder (new, resumed, or replaced with
// force), the images and workers, the grading environments, the Docker daemon watch, the flake record,
// and the run's containers removed at the end. Work dispatched to other processes (the queue's workers)
// needs none of the local machinery: those processes see to their own images, containers and daemons.
import { SwerigError } from "../core/index.js";
import { removeRunContainers } from "../envs/cleanup.js";
import { DaemonWatch } from "../envs/docker-daemon-watch.js";
import type { Environment } from "../envs/environment.js";
import type { Task } from "../tasks/index.js";
import { DEFAULT_CREATE_RETRY } from "./create-with-retry.js";
import { dockerGradingEnvironments } from "./docker-grading.js";
import { flakeRecordTarget, type FlakeRecordTarget } from "./flake-record-store.js";
import type { RunManifest } from "./manifest.js";
import { applyRunFolderPlan, planRunFolder } from "./run-folder.js";
import { setupRunImages, type ImageSettings } from "./run-image-setup.js";
import type { RunResources } from "./run-resources.js";

/** A run id names a folder: letters, digits, '.', '_' and '-', not starting with a punctuation mark. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function checkRunId(runId: string, where = "the run id"): void {
  if (!RUN_ID_PATTERN.test(runId))
    throw new SwerigError("invalid_input", `${where} ${JSON.stringify(runId)} cannot name a folder (letters, digits, '.', '_', '-')`);
}

/** Units of work handed to other processes (e.g. the queue, cli/queue-option.ts); closed when the run ends. */
export interface Dispatch {
  close(): Promise<void>;
}

export interface RunSetupInput<D extends Dispatch> {
  runId: string;
  runDir: string;
  manifest: RunManifest;
  /** One entry per unit of work (task run or instance), in the suite's order: the images are planned over them. */
  uses: readonly Task[];
  images: ImageSettings;
  force?: boolean;
  /** Opens the dispatch once the manifest is known; without it the work runs in this process's containers. */
  dispatch?: ((manifest: RunManifest) => Promise<D>) | undefined;
  log: (line: string) => void;
}

/** What the suite runs with. */
export interface RunSetup<D extends Dispatch> {
  workers: number;
  resources: RunResources;
  createGradingEnvironment: (task: Task) => Promise<Environment>;
  daemon?: DaemonWatch;
  flakeRecord: FlakeRecordTarget;
  /** One unit of work is over (done, failed or skipped): its images may go. */
  taskDone(task: Task): void;
  dispatched: D | undefined;
}

const noEnvironment = () => Promise.reject(new SwerigError("internal", "dispatched work: the workers start the containers"));

/**
 * Sets the run up, calls `body`, and takes everything down again, whatever `body` does. The run folder
 * is touched only once the images and grading environments are ready, so a run that cannot start
 * (Docker unavailable, a queue that does not answer) leaves no folder behind.
 */
export async function withRunSetup<D extends Dispatch, T>(input: RunSetupInput<D>, body: (setup: RunSetup<D>) => Promise<T>): Promise<T> {
  checkRunId(input.runId);
  const { runId, runDir, manifest } = input;
  const plan = await planRunFolder(runDir, manifest, input.force === true);
  const dispatched = input.dispatch ? await input.dispatch(manifest) : undefined;
  try {
    const images = dispatched ? undefined : await setupRunImages(input.images, input.uses, runId, input.log);
    const createGradingEnvironment = images
      ? await dockerGradingEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources)
      : noEnvironment;
    const opened = await applyRunFolderPlan(runDir, manifest, plan);
    if (opened) input.log(opened);
    // Dispatched work is watched where it runs; there is no daemon of this run here to watch.
    const daemon = dispatched ? undefined : DaemonWatch.start();
    try {
      return await body({
        workers: images?.workers ?? Math.max(1, input.uses.length),
        resources: images?.resources ?? {},
        createGradingEnvironment,
        ...(daemon ? { daemon } : {}),
        flakeRecord: flakeRecordTarget(runDir, manifest, runId),
        taskDone: (task) => images?.taskDone(task),
        dispatched,
      });
    } finally {
      daemon?.close();
      await images?.finish();
      await removeRunContainers(runId);
    }
  } finally {
    await dispatched?.close();
  }
}
