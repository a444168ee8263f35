// What an agent gets and gives back. An agent works on the task only through the tool box, which
// records every call and result in the trace; what it leaves in the working copy is its patch.
import type { Task } from "../tasks/index.js";
import type { ToolBox } from "../tools/tool.js";
import type { TraceSink } from "../trace/recorder.js";

export type { ToolBox } from "../tools/tool.js";

export interface AgentLimits {
  maxSteps: number;
  maxCostUsd: number;
  maxWallTimeMs: number;
}

export const DEFAULT_LIMITS: AgentLimits = { maxSteps: 100, maxCostUsd: 5, maxWallTimeMs: 30 * 60_000 };

/** What an agent knows of its task: never the hidden tests or the reference patch. */
export interface AgentTask {
  id: string;
  repo: string;
  language: string;
  problemStatement: string;
  workdir: string;
}

/** The agent's view of a task. */
export function agentTask(task: Task): AgentTask {
  return { id: task.id, repo: task.repo, language: task.language, problemStatement: task.problemStatement, workdir: task.workdir };
}

export interface AgentContext {
  task: AgentTask;
  tools: ToolBox;
  trace: TraceSink;
  limits: AgentLimits;
  signal?: AbortSignal;
}

/**
 * "error": the run broke on our side (cancelled, the environment vanished); "agent_error": the agent's
 * infrastructure broke (its model endpoint failed, its process crashed). Neither is graded.
 */
export type AgentEndReason = "submitted" | "limit" | "no_tool_call" | "error" | "agent_error" | "finished";

/**
 * What an agent factory is told of one task run. The reference patch is there for the gold agent,
 * which replays it; any other agent ignores it (and never sees it: it is not in AgentContext).
 */
export interface AgentRun {
  taskId: string;
  sample: number;
  /** The task run's folder (for the agent's own logs). */
  dir: string;
  referencePatch: string;
}

/** One agent per task run. */
export type AgentFactory = (run: AgentRun) => Agent;

/** The agent a factory makes, for its name, model and settings only (it is never run). */
export function describeAgent(factory: AgentFactory, dir: string): Agent {
  return factory({ taskId: "", sample: 0, dir, referencePatch: "" });
}

export interface AgentOutcome {
  reason: AgentEndReason;
  detail: string | null;
  steps: number;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
}

export interface Agent {
  readonly name: string;
  /** Model name, or null for agents without one (gold, scripted, replay). */
  readonly model: string | null;
  readonly settings: Record<string, unknown>;
  /**
   * True for an agent that runs as a process of its own: it could reach the working copy other than
   * through the tools, so the run checks around every call that only recorded calls changed it.
   */
  readonly external?: boolean;
  run(ctx: AgentContext): Promise<AgentOutcome>;
}
