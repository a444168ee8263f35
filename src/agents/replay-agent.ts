// Re-issues the tool calls of a recorded trace in order and compares each live observation with the
// recorded one (normalizing only timings); it stops at the first divergence and keeps both sides.
import { firstDifference } from "../trace/normalize.js";
import type { ToolCall, TraceEvent } from "../trace/events.js";
import type { Agent, AgentContext, AgentOutcome } from "./agent.js";

export interface RecordedCall {
  call: ToolCall;
  step: number;
  output: string;
  isError: boolean;
}

export interface Divergence {
  /** 1-based position of the call in the trace. */
  index: number;
  call: ToolCall;
  line: number;
  recorded: string;
  replayed: string;
}

/** The (call, result) pairs of a trace, in order. */
export function recordedCalls(events: readonly TraceEvent[]): RecordedCall[] {
  const results = new Map<string, { output: string; isError: boolean }>();
  for (const e of events) if (e.type === "tool_result") results.set(e.data.id, { output: e.data.output, isError: e.data.isError });
  return events.flatMap((e) => {
    if (e.type !== "tool_call") return [];
    const r = results.get(e.data.id);
    return r ? [{ call: { id: e.data.id, name: e.data.name, arguments: e.data.arguments }, step: e.data.step, ...r }] : [];
  });
}

export class ReplayAgent implements Agent {
  readonly name = "replay";
  readonly model = null;
  readonly settings: Record<string, unknown>;
  divergence: Divergence | undefined;
  matched = 0;

  /**
   * @param compare false for traces imported from other tools: their observations are in those tools'
   *   formats, so the calls are re-executed and the result graded, without comparing observations.
   */
  constructor(
    private readonly calls: readonly RecordedCall[],
    source: string,
    private readonly compare = true,
  ) {
    this.settings = { source, compare };
  }

  async run(ctx: AgentContext): Promise<AgentOutcome> {
    const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    for (const [i, recorded] of this.calls.entries()) {
      const live = await ctx.tools.call(recorded.call, recorded.step);
      const diff = !this.compare
        ? undefined
        : live.isError !== recorded.isError
          ? { line: 0, recorded: `isError ${recorded.isError}`, replayed: `isError ${live.isError}` }
          : firstDifference(recorded.output, live.output);
      if (diff) {
        this.divergence = { index: i + 1, call: recorded.call, ...diff };
        return { reason: "error", detail: `diverged at call ${i + 1} (${recorded.call.name})`, steps: i + 1, usage };
      }
      this.matched++;
      if (live.submitted) return { reason: "submitted", detail: null, steps: i + 1, usage };
    }
    return { reason: "finished", detail: null, steps: this.calls.length, usage };
  }
}
