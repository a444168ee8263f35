// One evaluation of an agent, end to end, as `swerig run` does it and as the library's runTasks offers
// it: the run manifest and the run folder (new, resumed, or replaced with force), the images and
// workers, the agent and grading environments in Docker, the suite run, and the run's containers
// removed at the end. What a person should see goes to `log`, one line at a time.
import { describeAgent, type Agent, type AgentLimits } from "../agents/agent.js";
import { SwerigError } from "../core/index.js";
import { removeRunContainers } from "../envs/cleanup.js";
import { DaemonWatch } from "../envs/docker-daemon-watch.js";
import type { Task } from "../tasks/index.js";
import { DEFAULT_CREATE_RETRY } from "./create-with-retry.js";
import { dockerAgentEnvironments } from "./docker-agent-env.js";
import { dockerGradingEnvironments } from "./docker-grading.js";
import { flakeRecordTarget } from "./flake-record-store.js";
import { swerigVersion, taskSetManifest, type RunManifest } from "./manifest.js";
import { applyRunFolderPlan, planRunFolder } from "./run-folder.js";
import { setupRunImages, type ImageSettings } from "./run-image-setup.js";
import { runSuite, type RunSuiteOptions } from "./run-suite.js";

/** A run id names a folder: letters, digits, '.', '_' and '-', not starting with a punctuation mark. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function checkRunId(runId: string, where = "the run id"): void {
  if (!RUN_ID_PATTERN.test(runId))
    throw new SwerigError("invalid_input", `${where} ${JSON.stringify(runId)} cannot name a folder (letters, digits, '.', '_', '-')`);
}

export interface AgentManifestInput {
  /** One agent made by the run's factory: its name, model and settings. */
  agent: Agent;
  /** Settings beyond the agent's own that make a configuration (a plan file's hash, an endpoint). */
  settings?: Record<string, unknown>;
  limits: AgentLimits;
  samples: number;
  /** Every task of the task source, before a selection narrowed them. */
  allTasks: readonly Task[];
  now?: () => Date;
}

/** The manifest of an agent run: what makes two runs under one run id the same configuration. */
export function agentRunManifest(input: AgentManifestInput): RunManifest {
  const { agent } = input;
  return {
    manifest_version: 1,
    command: "run",
    swerig_version: swerigVersion(),
    agent: {
      name: agent.name,
      model: agent.model,
      settings: { ...agent.settings, ...input.settings },
      limits: { ...input.limits },
      samples: input.samples,
    },
    grading: { semantics: "v5", timeout_sec: null },
    predictions: null,
    tasks: taskSetManifest(input.allTasks),
    created_at: (input.now ?? (() => new Date()))().toISOString(),
  };
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
}

export async function runTasks(options: RunTasksOptions) {
  checkRunId(options.runId);
  const log = options.log ?? (() => undefined);
  const { runId, runDir, tasks, samples } = options;
  const agent = describeAgent(options.makeAgent, runDir);
  const manifest = agentRunManifest({
    agent,
    ...(options.manifestSettings ? { settings: options.manifestSettings } : {}),
    limits: options.limits,
    samples,
    allTasks: options.allTasks,
  });
  const plan = await planRunFolder(runDir, manifest, options.force === true);
  const uses = tasks.flatMap((t) => Array<Task>(samples).fill(t));
  const images = await setupRunImages(options.images, uses, runId, log);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const createGradingEnvironment = await dockerGradingEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources);
  const opened = await applyRunFolderPlan(runDir, manifest, plan);
  if (opened) log(opened);
  const daemon = DaemonWatch.start();
  try {
    return await runSuite({
      runId,
      runDir,
      tasks,
      allTasks: options.allTasks,
      force: options.force === true,
      reruns: options.reruns ?? 0,
      ...(options.judgeTests ? { judgeTests: true } : {}),
      flakeRecord: flakeRecordTarget(runDir, manifest, runId),
      makeAgent: options.makeAgent,
      samples,
      workers: images.workers,
      limits: options.limits,
      agentEnvironments: dockerAgentEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources),
      createGradingEnvironment,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.abort ? { abort: options.abort } : {}),
      daemon,
      onProgress: (record, done, total, skipped) => {
        images.taskDone(byId.get(record.taskId)!);
        options.onProgress?.(record, done, total, skipped);
      },
    }).finally(() => {
      daemon.close();
      return images.finish();
    });
  } finally {
    await removeRunContainers(runId);
  }
}
