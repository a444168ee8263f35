// Replays a recorded trace. Online: the recorded tool calls are re-issued in a fresh environment and
// every observation is compared with the recorded one; the first divergence is reported with both
// sides, and the resulting diff can be graded. Offline: no container; the agent that made the trace
// is driven by the recorded observations and must make the same calls.
import { dirname, join } from "node:path";
import { agentTask, DEFAULT_LIMITS, type Agent } from "../agents/agent.js";
import { GoldAgent } from "../agents/gold-agent.js";
import { ModelAgent } from "../agents/model-agent.js";
import { ScriptedModel } from "../agents/scripted-model.js";
import { recordedCalls, ReplayAgent, type Divergence } from "../agents/replay-agent.js";
import { SwerigError, type LoadProblem } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Task } from "../tasks/index.js";
import type { TraceEvent } from "../trace/events.js";
import { readTrace } from "../trace/reader.js";
import { TraceRecorder } from "../trace/recorder.js";
import { OfflineToolBox, type CallDivergence } from "./offline-toolbox.js";
import {
  checkAgainstSubmission,
  failedCalls,
  importNotes,
  recordedSubmission,
  submissionCheck,
  type SubmissionCheck,
} from "./replay-submission.js";
import { runTask, type AgentEnvironmentFactory } from "./run-task.js";

export interface ReplayReport {
  taskId: string;
  agent: string;
  calls: number;
  /** False for imported traces: calls were re-executed, observations not compared. */
  compared: boolean;
  matched: number;
  /** Online: an observation that differs. */
  divergence?: Divergence;
  /** Offline: a call the agent made that the trace did not. */
  callDivergence?: CallDivergence;
  grade?: InstanceOutcome;
  /** What was graded: the trace's recorded submission (the default) or the replayed working copy's diff. */
  graded?: "recorded_submission" | "replayed_diff";
  /** Online: the replayed working copy against the recorded submission, file by file. */
  submission?: SubmissionCheck;
  tornTail: boolean;
  problems: LoadProblem[];
}

export interface ReplayOptions {
  tasks: Map<string, Task>;
  offline?: boolean;
  /** Grade the trace's recorded submission (its patch event) in a fresh container. */
  grade?: boolean;
  /** Grade the replayed working copy's diff instead (implies grading). */
  gradeReplayed?: boolean;
  agentEnvironments?: AgentEnvironmentFactory;
  createGradingEnvironment?: (task: Task) => Promise<Environment>;
}

function runStart(events: TraceEvent[], path: string) {
  const start = events.find((e) => e.type === "run_start");
  if (start?.type !== "run_start") throw new SwerigError("invalid_input", `${path}: the trace has no run_start event`);
  return start.data;
}

/** Throws SwerigError("invalid_input") for a trace without run_start or whose task is unknown or changed. */
export async function replayTrace(path: string, options: ReplayOptions): Promise<ReplayReport> {
  const { events, problems, tornTail } = await readTrace(path);
  const start = runStart(events, path);
  const task = options.tasks.get(start.task.id);
  if (!task) throw new SwerigError("invalid_input", `${path}: task ${start.task.id} is not among the loaded tasks (pass --tasks)`);
  const imported = start.importedFrom !== undefined;
  if (task.baseCommit !== start.task.baseCommit && !(imported && start.task.baseCommit === "unknown")) {
    throw new SwerigError(
      "invalid_input",
      `${path}: task ${task.id} was recorded at base ${start.task.baseCommit} but is now at ${task.baseCommit}`,
    );
  }
  const calls = recordedCalls(events);
  const base = { taskId: task.id, agent: start.agent, calls: calls.length, compared: !imported, tornTail, problems };
  if (options.offline && imported) {
    throw new SwerigError(
      "invalid_input",
      `${path}: a trace imported from ${start.importedFrom} has no agent of ours to drive offline; replay it online`,
    );
  }
  if (options.offline) {
    const trace = new TraceRecorder(undefined, { runId: "offline-replay", taskId: task.id, sample: 0 });
    const tools = new OfflineToolBox(calls, trace);
    const agent = offlineAgent(start.agent, events, calls, path, start.model, task.goldPatch);
    await agent.run({
      task: agentTask(task),
      tools,
      trace,
      limits: DEFAULT_LIMITS,
    });
    if (!tools.divergence && tools.matched < calls.length) {
      return {
        ...base,
        matched: tools.matched,
        callDivergence: {
          index: tools.matched + 1,
          expected: calls[tools.matched]!.call,
          actual: { id: "-", name: "(the agent stopped)", arguments: {} },
        },
      };
    }
    return { ...base, matched: tools.matched, ...(tools.divergence ? { callDivergence: tools.divergence } : {}) };
  }
  if (!options.agentEnvironments || !options.createGradingEnvironment)
    throw new SwerigError("internal", "online replay needs environments");
  const submission = recordedSubmission(events);
  const graded = options.gradeReplayed ? "replayed_diff" : options.grade ? "recorded_submission" : undefined;
  if (graded === "recorded_submission" && submission === undefined) {
    throw new SwerigError(
      "invalid_input",
      `${path}: the trace records no submission (no patch event) to grade; grade the replayed diff with --grade-replayed`,
    );
  }
  const agent = new ReplayAgent(calls, path, !imported);
  let found: Awaited<ReturnType<typeof checkAgainstSubmission>> | undefined;
  const result = await runTask(task, {
    runId: `replay-${task.id}`,
    dir: join(dirname(path), "replay"),
    sample: 0,
    agent,
    limits: { ...DEFAULT_LIMITS, maxSteps: Math.max(DEFAULT_LIMITS.maxSteps, calls.length) },
    agentEnvironments: options.agentEnvironments,
    createGradingEnvironment: options.createGradingEnvironment,
    grade: graded !== undefined,
    ...(graded === "recorded_submission" ? { gradePatch: submission } : {}),
    ...(submission !== undefined
      ? {
          inspectFinalDiff: async (workspace, patch) => {
            found = await checkAgainstSubmission(workspace, patch, submission);
          },
        }
      : {}),
  });
  const check =
    submission === undefined
      ? undefined
      : submissionCheck(
          submission,
          found ?? { error: `the replay ended before its final diff was taken (${result.agent.detail ?? result.agent.reason})` },
          await failedCalls(result.tracePath),
          importNotes(events),
        );
  return {
    ...base,
    matched: agent.matched,
    ...(agent.divergence ? { divergence: agent.divergence } : {}),
    ...(check ? { submission: check } : {}),
    ...(graded ? { graded } : {}),
    ...(result.grade ? { grade: result.grade } : {}),
  };
}

/** The trace's agent, rebuilt for offline replay: a model agent gets the recorded model turns. */
function offlineAgent(
  name: string,
  events: readonly TraceEvent[],
  calls: ReturnType<typeof recordedCalls>,
  path: string,
  model: string | null,
  referencePatch: string,
): Agent {
  if (name === "gold") return new GoldAgent(referencePatch);
  if (name === "replay" || name === "scripted") return new ReplayAgent(calls, path);
  const turns = events.flatMap((e) =>
    e.type === "model_response"
      ? [
          {
            text: e.data.text,
            toolCalls: e.data.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })),
            usage: e.data.usage,
            stopReason: e.data.stopReason,
          },
        ]
      : [],
  );
  if (turns.length > 0) return new ModelAgent({ client: new ScriptedModel(turns, model ?? "recorded"), name });
  throw new SwerigError(
    "invalid_input",
    `${path}: offline replay of agent ${JSON.stringify(name)} needs its model turns, and the trace has none (an external command agent ` +
      `cannot be replayed offline; replay it online)`,
  );
}
