// Why a task run broke, when it did: the agent's infrastructure (its model endpoint, its process:
// status `agent_error`) or ours (Docker, the environment, a bug: status `error`). Either way the run
// gets no verdict; this names the cause and keeps what the trace says the agent had done so far.
import type { AgentOutcome } from "../agents/agent.js";
import {
  AgentCrashError,
  AgentSetupError,
  SwerigError,
  errorMessage,
  isAgentInfraError,
  ModelEndpointError,
  type SwerigErrorCode,
} from "../core/index.js";
import type { TraceEvent } from "../trace/events.js";

export interface TaskFailure {
  status: "agent_error" | "error";
  code: SwerigErrorCode | "unexpected";
  /** The cause, in a sentence (without the task id). */
  reason: string;
  /** The agent had no model answer and made no tool call before it broke. */
  beforeFirstAnswer: boolean;
}

export function describeFailure(error: unknown): string {
  if (ModelEndpointError.isInstance(error)) return `the model endpoint failed (${error.kind}): ${error.message}`;
  if (AgentCrashError.isInstance(error)) return error.message;
  if (SwerigError.isInstance(error)) return `${error.code}: ${error.message}`;
  return `unexpected: ${errorMessage(error)}`;
}

export function classifyFailure(error: unknown, events: readonly TraceEvent[]): TaskFailure {
  return {
    status: isAgentInfraError(error) ? "agent_error" : "error",
    code: SwerigError.isInstance(error) ? error.code : "unexpected",
    reason: describeFailure(error),
    beforeFirstAnswer: !events.some((e) => e.type === "model_response" || e.type === "tool_call"),
  };
}

/**
 * Steps and usage the trace holds, for an agent that threw before it could report them (or the usage
 * an AgentSetupError or AgentCrashError carries: an external agent's own report).
 */
export function progressOf(events: readonly TraceEvent[], error?: unknown): Pick<AgentOutcome, "steps" | "usage"> {
  const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let steps = 0;
  for (const e of events) {
    if (e.type === "model_request" || e.type === "tool_call") steps = Math.max(steps, e.data.step);
    if (e.type === "model_response") {
      usage.inputTokens += e.data.usage.inputTokens;
      usage.outputTokens += e.data.usage.outputTokens;
      usage.costUsd += e.data.costUsd;
    }
  }
  const reported = AgentSetupError.isInstance(error) || AgentCrashError.isInstance(error) ? error.usage : undefined;
  return { steps, usage: reported ?? usage };
}
