// One agent run on one task: a host working copy bind-mounted into a fresh container, the agent
// working through the recorded tool box, its final diff taken on the host and graded in another
// fresh container. Never throws for the task's sake: an infrastructure failure ends the run ungraded,
// with status `agent_error` (its model endpoint or process broke) or `error` (Docker, a bug). Throws
// when its own files cannot be written (SwerigError "disk_full" for a full disk): the run must stop.
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { agentTask, type Agent, type AgentLimits, type AgentOutcome } from "../agents/agent.js";
import { isDiskFull, touchedPaths } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { Workspace } from "../envs/workspace.js";
import type { gradeInstance } from "../grader/grade-instance.js";
import { withAgentTests } from "./agent-tests.js";
import { inspectPatch } from "./patch-inspection.js";
import { withInfraLabel } from "../grader/infra-failure.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Task } from "../tasks/index.js";
import type { UnrecordedChange } from "../tools/toolbox.js";
import { gradeWithReruns, removeRerunArtifacts } from "./grade-with-reruns.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import { scratchDir } from "./scratch-dirs.js";
import { taskToolBox } from "./task-toolbox.js";
import { TraceRecorder } from "../trace/recorder.js";
import { classifyFailure, describeFailure, progressOf, type TaskFailure } from "./task-failure.js";

export interface AgentEnvironmentFactory {
  /** Prepares the working copy under `dir` and starts the agent's container with it mounted. */
  create(task: Task, dir: string): Promise<{ env: Environment; workspace: Workspace; image: string; imageDigest: string | null }>;
}

export interface RunTaskOptions {
  runId: string;
  /** Folder of this task run: trace.jsonl, agent.json and the grading artifacts go here. */
  dir: string;
  sample: number;
  agent: Agent;
  limits: AgentLimits;
  agentEnvironments: AgentEnvironmentFactory;
  createGradingEnvironment: (task: Task) => Promise<Environment>;
  /** Reruns of the eval when the verdict rests on a failed test (see grade-with-reruns.ts); default 0. */
  reruns?: number;
  /** Judge the tests the final diff adds or changes (see agent-tests.ts); default off. */
  judgeTests?: boolean;
  /** Grade the final diff (default true). */
  grade?: boolean;
  /** Grade this patch instead of the final diff (a replayed import grades the source agent's recorded submission). */
  gradePatch?: string;
  /** Looks at the working copy and its final diff before the working copy is removed. */
  inspectFinalDiff?: (workspace: Workspace, patch: string) => Promise<void>;
  /** Grades the final diff instead of gradeInstance with reruns (`swerig dev` answers from its cache; no reruns). */
  gradeWith?: typeof gradeInstance;
  signal?: AbortSignal;
}

export interface TaskRunResult {
  taskId: string;
  sample: number;
  agent: AgentOutcome;
  patch: string;
  grade?: InstanceOutcome;
  /** Set when the run broke on infrastructure: then `grade` (if asked for) carries that status, not a verdict. */
  failure?: TaskFailure;
  tracePath: string;
  /** The whole task run, environment setup included. */
  durationMs: number;
  /** Of durationMs, the agent environment's setup: the image (found, pulled or built), working copy and container. */
  setupMs: number;
}

const NO_USAGE = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

export async function runTask(task: Task, options: RunTaskOptions): Promise<TaskRunResult> {
  const started = performance.now();
  let setupMs = 0;
  await mkdir(options.dir, { recursive: true });
  const tracePath = join(options.dir, "trace.jsonl");
  const trace = new TraceRecorder(tracePath, { runId: options.runId, taskId: task.id, sample: options.sample });
  const scratch = scratchDir(options.runId, task.id, options.sample);
  let outcome: AgentOutcome = { reason: "error", detail: "the agent did not start", steps: 0, usage: NO_USAGE };
  let patch = "";
  let failure: TaskFailure | undefined;
  let workspace: Workspace | undefined;
  let env: Environment | undefined;
  let unrecorded: readonly UnrecordedChange[] = [];
  try {
    await rm(scratch, { recursive: true, force: true });
    const setupStarted = performance.now();
    const prepared = await options.agentEnvironments.create(task, join(scratch, "repo"));
    setupMs = performance.now() - setupStarted;
    env = prepared.env;
    workspace = prepared.workspace;
    trace.record("run_start", {
      task: { id: task.id, repo: task.repo, language: task.language, baseCommit: task.baseCommit },
      agent: options.agent.name,
      model: options.agent.model,
      settings: { ...options.agent.settings, limits: options.limits, sample: options.sample },
      image: prepared.image,
      imageDigest: prepared.imageDigest,
    });
    const external = options.agent.external === true;
    const tools = taskToolBox(task, env, workspace, trace, {
      guardWorkspace: external,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await tools.checkWorkspace();
    try {
      outcome = await options.agent.run({
        task: agentTask(task),
        tools,
        trace,
        limits: options.limits,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      failure = classifyFailure(error, trace.events);
      outcome = { reason: failure.status, detail: failure.reason, ...progressOf(trace.events, error) };
    }
    await tools.checkWorkspace();
    unrecorded = tools.unrecordedChanges();
    trace.record("agent_end", { reason: outcome.reason, detail: outcome.detail, ...(external ? { usage: outcome.usage } : {}) });
    await env.dispose();
    env = undefined;
    patch = await workspace.diff();
    await options.inspectFinalDiff?.(workspace, patch);
  } catch (error) {
    failure ??= classifyFailure(error, trace.events);
    outcome = { ...outcome, reason: failure.status, detail: failure.reason };
    trace.record("agent_end", { reason: outcome.reason, detail: outcome.detail });
  } finally {
    await env?.dispose();
  }
  trace.record("patch", { patch, files: touchedPaths(patch) });
  const agentRecord = { taskId: task.id, sample: options.sample, agent: options.agent.name, model: options.agent.model, outcome };
  await writeFileAtomic(join(options.dir, "agent.json"), `${JSON.stringify(agentRecord, null, 2)}\n`);
  let grade: InstanceOutcome | undefined;
  const model = options.agent.model ?? options.agent.name;
  if (unrecorded.length > 0) {
    grade = unrecordedOutcome(task.id, model, unrecorded);
  } else if (options.grade !== false && failure) {
    const reason = `${task.id}: ${failure.reason}`;
    grade = withInfraLabel({ instanceId: task.id, model, status: failure.status, reason, timings: { totalMs: 0 } });
  } else if (options.grade !== false) {
    await removeRerunArtifacts(options.dir);
    const prediction = { instanceId: task.id, model, patch: options.gradePatch ?? patch, origin: tracePath };
    const gradeOptions = {
      createEnvironment: options.createGradingEnvironment,
      writeArtifact: async (name: string, content: string) => {
        await mkdir(dirname(join(options.dir, name)), { recursive: true });
        await writeFileAtomic(join(options.dir, name), content);
      },
      inspect: inspectPatch(task),
    };
    const graded = await (options.gradeWith
      ? options.gradeWith(task, prediction, gradeOptions)
      : gradeWithReruns(task, prediction, { ...gradeOptions, reruns: options.reruns ?? 0 })
    ).catch((error: unknown): InstanceOutcome => {
      if (isDiskFull(error)) throw error;
      return withInfraLabel({
        instanceId: task.id,
        model,
        status: "error",
        reason: `${task.id}: ${describeFailure(error)}`,
        timings: { totalMs: 0 },
      });
    });
    grade = options.judgeTests ? await withAgentTests(task, prediction.patch, graded, options.createGradingEnvironment) : graded;
  }
  if (grade) {
    const { status, reason, report } = grade;
    trace.record("grade", { status, resolved: status === "resolved", reason: reason ?? null, report: report ?? null });
  }
  trace.close();
  await rm(scratch, { recursive: true, force: true });
  if (trace.writeError) throw trace.writeError;
  const durationMs = performance.now() - started;
  const { sample } = options;
  const verdict = { ...(grade ? { grade } : {}), ...(failure ? { failure } : {}) };
  return { taskId: task.id, sample, agent: outcome, patch, ...verdict, tracePath, durationMs, setupMs };
}

/** A run whose working copy changed outside the recorded calls is not graded: its patch is not evidence of the agent's tool use. */
function unrecordedOutcome(taskId: string, model: string, changes: readonly UnrecordedChange[]): InstanceOutcome {
  const where = changes.map(
    (c) => `${c.beforeStep === null ? "after the last call" : `before call ${c.beforeStep}`}: ${c.paths.join(", ")}`,
  );
  return {
    instanceId: taskId,
    model,
    status: "unrecorded_changes",
    reason: `${taskId}: the working copy changed outside the recorded tool calls (${where.join("; ")}); not graded`,
    timings: { totalMs: 0 },
  };
}
