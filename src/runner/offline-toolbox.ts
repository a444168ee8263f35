// A tool box without an environment: it answers each call with the observation recorded for the call
// at the same position, and notes the first call that is not the same call as the recorded one
// (trace/same-call). Drives an agent's own logic through a recorded run, with no container.
import type { ToolBox } from "../tools/tool.js";
import type { ToolSpec } from "../tools/tool.js";
import type { RecordedCall } from "../agents/replay-agent.js";
import { toolSpecs } from "../tools/registry.js";
import type { ToolResult } from "../tools/tool.js";
import type { ToolCall } from "../trace/events.js";
import { sameToolCall } from "../trace/same-call.js";
import type { TraceSink } from "../trace/recorder.js";

export interface CallDivergence {
  index: number;
  expected: ToolCall | undefined;
  actual: ToolCall;
}

export class OfflineToolBox implements ToolBox {
  private next = 0;
  divergence: CallDivergence | undefined;

  constructor(
    private readonly recorded: readonly RecordedCall[],
    private readonly trace: TraceSink,
  ) {}

  get matched(): number {
    return this.divergence ? this.divergence.index - 1 : this.next;
  }

  specs(): ToolSpec[] {
    return toolSpecs();
  }

  async call(call: ToolCall, step: number): Promise<ToolResult> {
    const expected = this.recorded[this.next];
    if (!this.divergence && (!expected || !sameToolCall(expected.call, call))) {
      this.divergence = { index: this.next + 1, expected: expected?.call, actual: call };
    }
    this.trace.record("tool_call", { ...call, step });
    const result =
      expected && !this.divergence
        ? { output: expected.output, isError: expected.isError }
        : { output: "offline replay: no recorded observation for this call", isError: true };
    this.next++;
    this.trace.record("tool_result", { id: call.id, name: call.name, output: result.output, isError: result.isError, durationMs: 0 });
    return { ...result, ...(call.name === "submit" && !result.isError ? { submitted: true } : {}) };
  }
}
