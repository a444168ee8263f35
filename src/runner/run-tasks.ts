// One evaluation of an agent, end to end, as `swerig run` does it and as the library's runTasks offers
// it: the run manifest, the run set up (runner/run-setup.ts: folder, images, workers, environments in
// Docker, or the task runs dispatched to other processes), the suite run, summary.json written, and
// everything taken down at the end. What a person should see goes to `log`, one line at a time.
import { describeAgent, type AgentLimits } from "../agents/agent.js";
import type { SwerigError } from "../core/index.js";
import type { RunSuiteSummary } from "../report/run-summary.js";
import { writeSummaryFile } from "../report/summary-file.js";
import type { Task } from "../tasks/index.js";
import { DEFAULT_CREATE_RETRY } from "./create-with-retry.js";
import { dockerAgentEnvironments } from "./docker-agent-env.js";
import type { EarlyStop } from "./first-call-guard.js";
import { agentRunManifest, type RunManifest } from "./manifest.js";
import type { ImageSettings } from "./run-image-setup.js";
import { withRunSetup, type Dispatch } from "./run-setup.js";
import { runSuite, type RunSuiteOptions } from "./run-suite.js";

/** Task runs handed to other processes (the queue's workers): each leaves its files in its folder here. */
export interface RunDispatch extends Dispatch {
  runTask: NonNullable<RunSuiteOptions["runTask"]>;
}

export interface RunTasksOptions extends Pick<RunSuiteOptions, "makeAgent" | "signal" | "abort" | "onProgress" | "reruns" | "judgeTests"> {
  runId: string;
  /** The run's folder (traces/<run-id>). */
  runDir: string;
  /** The tasks to run now. */
  tasks: Task[];
  /** The whole task set they were selected from (the manifest and the summary cover it). */
  allTasks: Task[];
  limits: AgentLimits;
  samples: number;
  images: ImageSettings;
  /** Settings beyond the agent's own that make a configuration (see agentRunManifest). */
  manifestSettings?: Record<string, unknown>;
  /** Run again task runs that have a result; a run folder of another configuration is kept renamed. */
  force?: boolean;
  /** Lines for a person: workers, images, the run folder opened. Default: none. */
  log?: (line: string) => void;
  /** Hands every task run to other processes, opened once the manifest is known (`--queue`); default: this machine's Docker. */
  dispatch?: (manifest: RunManifest) => Promise<RunDispatch>;
}

export interface RunSuiteResult {
  summary: RunSuiteSummary;
  /** Undefined when the disk was too full to write it. */
  summaryPath: string | undefined;
  cancelled: boolean;
  stoppedEarly?: EarlyStop;
  /** Set when a write failed for lack of space: the run stopped there (the same command resumes it). */
  diskFull?: SwerigError;
}

export async function runTasks(options: RunTasksOptions): Promise<RunSuiteResult> {
  const log = options.log ?? (() => undefined);
  const { runId, runDir, tasks, samples } = options;
  const manifest = agentRunManifest({
    agent: describeAgent(options.makeAgent, runDir),
    ...(options.manifestSettings ? { settings: options.manifestSettings } : {}),
    limits: options.limits,
    samples,
    allTasks: options.allTasks,
  });
  const uses = tasks.flatMap((t) => Array<Task>(samples).fill(t));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const setup = { runId, runDir, manifest, uses, images: options.images, force: options.force === true, dispatch: options.dispatch, log };
  const result = await withRunSetup(setup, (run) =>
    runSuite({
      runId,
      runDir,
      tasks,
      allTasks: options.allTasks,
      force: options.force === true,
      reruns: options.reruns ?? 0,
      ...(options.judgeTests ? { judgeTests: true } : {}),
      flakeRecord: run.flakeRecord,
      makeAgent: options.makeAgent,
      samples,
      workers: run.workers,
      limits: options.limits,
      agentEnvironments: dockerAgentEnvironments(runId, DEFAULT_CREATE_RETRY, run.resources),
      createGradingEnvironment: run.createGradingEnvironment,
      ...(run.dispatched ? { runTask: run.dispatched.runTask } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.abort ? { abort: options.abort } : {}),
      ...(run.daemon ? { daemon: run.daemon } : {}),
      onProgress: (record, done, total, skipped) => {
        run.taskDone(byId.get(record.taskId)!);
        options.onProgress?.(record, done, total, skipped);
      },
    }),
  );
  const written = await writeSummaryFile(runDir, result.summary);
  const diskFull = result.diskFull ?? written.diskFull;
  return { ...result, summaryPath: written.summaryPath, ...(diskFull ? { diskFull } : {}) };
}
