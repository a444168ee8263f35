// A fixed plan of tool calls, run in order; for tests and for reproducing a run by hand.
import type { ToolCall } from "../trace/events.js";
import type { Agent, AgentContext, AgentOutcome } from "./agent.js";

export class ScriptedAgent implements Agent {
  readonly name: string = "scripted";
  readonly model: string | null = null;
  readonly settings = {};

  constructor(private readonly calls: readonly ToolCall[]) {}

  async run(ctx: AgentContext): Promise<AgentOutcome> {
    let step = 0;
    for (const call of this.calls) {
      if (ctx.signal?.aborted)
        return { reason: "error", detail: "cancelled", steps: step, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
      const result = await ctx.tools.call(call, ++step);
      if (result.submitted)
        return { reason: "submitted", detail: null, steps: step, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
    }
    return { reason: "finished", detail: null, steps: step, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
  }
}
