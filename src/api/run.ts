// The library's verbs: runTasks (an agent on tasks, traced and graded), grade (predictions), replay (a
// trace, online or offline) — each the same runner path the CLI takes, with options as plain values.
import { DEFAULT_LIMITS, type Agent, type AgentLimits } from "../agents/agent.js";
import { loadPredictions, type Prediction } from "../grader/predictions.js";
import type { GradingSemantics } from "../grader/resolution.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { gradePredictions } from "../runner/grade-predictions.js";
import { replayTrace, type ReplayReport } from "../runner/replay.js";
import { DEFAULT_IMAGE_SETTINGS, type ImageSettings } from "../runner/run-image-setup.js";
import { runTasks as runTasksInRunner, type RunTasksOptions } from "../runner/run-tasks.js";
import { loadTasks, selectInstances, type Task } from "../tasks/index.js";
import { resolve } from "node:path";

/** A task source (a swe-tasks folder or a SWE-bench dataset file) or tasks already loaded. */
export type TaskInput = string | Task[];

interface CommonInput {
  tasks: TaskInput;
  /** Only these instance ids (all when absent). */
  instances?: string[];
  runId: string;
  /** Where runs are written; default "traces" (relative to the current directory). */
  tracesDir?: string;
  workers?: ImageSettings["workers"];
  pull?: ImageSettings["pull"];
  imageCache?: ImageSettings["cache"];
  force?: boolean;
  /** Reruns of a failed eval, to find flaky tests (as `--reruns`); default 0. */
  reruns?: number;
  /** Run the tests each patch adds or changes before and after the reference fix (as `--judge-tests`); default off. */
  judgeTests?: boolean;
  signal?: AbortSignal;
  /** Lines for a person (workers, images, the run folder); default: none. */
  log?: (line: string) => void;
}

async function selectTasks(input: CommonInput): Promise<{ tasks: Task[]; allTasks: Task[] }> {
  if (typeof input.tasks !== "string") {
    const all = input.tasks;
    const wanted = input.instances ? new Set(input.instances) : undefined;
    return { tasks: wanted ? all.filter((t) => wanted.has(t.id)) : all, allTasks: all };
  }
  const all = await loadTasks(input.tasks);
  return { tasks: selectInstances(all, input.tasks, input.instances).tasks, allTasks: all.tasks };
}

const imageSettings = (input: CommonInput): ImageSettings => ({
  ...DEFAULT_IMAGE_SETTINGS,
  ...(input.workers !== undefined ? { workers: input.workers } : {}),
  ...(input.pull ? { pull: input.pull } : {}),
  ...(input.imageCache ? { cache: input.imageCache } : {}),
});

export interface RunTasksInput extends CommonInput {
  /** The agent (one object serves every task run) or a factory making one per task run. */
  agent: Agent | RunTasksOptions["makeAgent"];
  samples?: number;
  limits?: Partial<AgentLimits>;
  onProgress?: RunTasksOptions["onProgress"];
}

/** Runs the agent on the tasks in containers, records and grades every run; writes traces/<run-id>/. */
export async function runTasks(input: RunTasksInput) {
  const { tasks, allTasks } = await selectTasks(input);
  const agent = input.agent;
  return runTasksInRunner({
    runId: input.runId,
    runDir: resolve(input.tracesDir ?? "traces", input.runId),
    tasks,
    allTasks,
    makeAgent: typeof agent === "function" ? agent : () => agent,
    samples: input.samples ?? 1,
    limits: { ...DEFAULT_LIMITS, ...input.limits },
    images: imageSettings(input),
    ...(input.force ? { force: true } : {}),
    ...(input.reruns ? { reruns: input.reruns } : {}),
    ...(input.judgeTests ? { judgeTests: true } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.log ? { log: input.log } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
}

export interface GradeInput extends CommonInput {
  /** A predictions file, the words "gold" or "empty", or predictions already made. */
  predictions: string | Prediction[];
  semantics?: GradingSemantics;
  timeoutSec?: number;
}

/** Grades predictions against the tasks' hidden tests in fresh containers; writes traces/<run-id>/. */
export async function grade(input: GradeInput) {
  const { tasks, allTasks } = await selectTasks(input);
  const source = typeof input.predictions === "string" ? input.predictions : "library";
  const predictions =
    typeof input.predictions === "string" ? (await loadPredictions(input.predictions, allTasks)).predictions : input.predictions;
  return gradePredictions({
    runId: input.runId,
    runDir: resolve(input.tracesDir ?? "traces", input.runId),
    tasks,
    allTasks,
    predictions,
    predictionsSource: source,
    images: imageSettings(input),
    ...(input.semantics ? { semantics: input.semantics } : {}),
    ...(input.timeoutSec ? { timeoutSec: input.timeoutSec } : {}),
    ...(input.force ? { force: true } : {}),
    ...(input.reruns ? { reruns: input.reruns } : {}),
    ...(input.judgeTests ? { judgeTests: true } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.log ? { log: input.log } : {}),
  });
}

export interface ReplayInput {
  tasks: TaskInput;
  /** Feed the recorded observations to the trace's agent, without a container. */
  offline?: boolean;
  /** Grade the trace's recorded submission in a fresh container (online only). */
  grade?: boolean;
  /** Grade the replayed working copy's diff instead (online only). */
  gradeReplayed?: boolean;
}

/**
 * Replays a trace's tool calls in a fresh container (or offline) and reports the first divergence and,
 * online, how the replayed working copy differs from the recorded submission, file by file.
 */
export async function replay(tracePath: string, input: ReplayInput): Promise<ReplayReport> {
  const tasks = typeof input.tasks === "string" ? (await loadTasks(input.tasks)).tasks : input.tasks;
  return replayTrace(tracePath, {
    tasks: new Map(tasks.map((t) => [t.id, t])),
    offline: input.offline === true,
    grade: input.grade === true,
    gradeReplayed: input.gradeReplayed === true,
    ...(input.offline
      ? {}
      : { agentEnvironments: dockerAgentEnvironments("replay"), createGradingEnvironment: await dockerGradingEnvironments("replay") }),
  });
}
