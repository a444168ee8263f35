// Runs tool calls for an agent and records each call and result in the trace: arguments validated
// against the tool's schema, misses and bad arguments returned as error results the model can act
// on, output bounded centrally. Only a vanished environment or a bug escapes as an exception.
// Once submit succeeded the task is over: later calls are refused (and recorded), so nothing changes
// the submitted patch. With `guardWorkspace`, for agents that run as processes of their own, the
// working copy must not move between calls: a change no recorded call made is recorded as an
// `unrecorded_change` event and reported by unrecordedChanges().
import type { ToolBox } from "./tool.js";
import type { ToolSpec } from "./tool.js";
import { SwerigError } from "../core/index.js";
import type { ToolCall } from "../trace/events.js";
import type { TraceSink } from "../trace/recorder.js";
import { fingerprintChanges, type WorkspaceFingerprint } from "../envs/workspace.js";
import { describeIssues } from "../core/load-problem.js";
import { truncateOutput } from "./limits.js";
import { toolSpecs } from "./registry.js";
import { toolError, type Tool, type ToolContext, type ToolResult } from "./tool.js";

const CANCELLED: ToolResult = { output: "the call was cancelled by the caller; what it ran was stopped", isError: true, cancelled: true };

export interface RecordingToolBoxOptions {
  /** Check around every call that only recorded calls change the working copy (external agents). */
  guardWorkspace?: boolean;
}

export interface UnrecordedChange {
  /** The step of the call before which the change was found; null when found after the last call. */
  beforeStep: number | null;
  paths: string[];
}

export class RecordingToolBox implements ToolBox {
  private readonly byName: Map<string, Tool>;
  private submittedAtStep: number | undefined;
  private settled: WorkspaceFingerprint | undefined;
  private readonly changes: UnrecordedChange[] = [];

  constructor(
    private readonly tools: readonly Tool[],
    private readonly ctx: ToolContext,
    private readonly trace: TraceSink,
    private readonly options: RecordingToolBoxOptions = {},
  ) {
    this.byName = new Map(tools.map((t) => [t.name, t]));
  }

  /** Changes to the working copy that no recorded call explains (always empty without guardWorkspace). */
  unrecordedChanges(): readonly UnrecordedChange[] {
    return this.changes;
  }

  /**
   * Takes the working copy's state as the one the recorded calls left (call once before the agent
   * starts), and, on later calls, compares: a difference is recorded. Call it once more when the agent
   * has finished. A no-op without guardWorkspace.
   */
  async checkWorkspace(beforeStep: number | null = null): Promise<void> {
    if (!this.options.guardWorkspace) return;
    const now = await this.ctx.workspace.fingerprint();
    const paths = this.settled ? fingerprintChanges(this.settled, now) : [];
    if (paths.length > 0) {
      const change = { beforeStep, paths };
      this.changes.push(change);
      this.trace.record("unrecorded_change", change);
    }
    this.settled = now;
  }

  specs(): ToolSpec[] {
    return toolSpecs(this.tools);
  }

  async call(call: ToolCall, step: number, signal?: AbortSignal): Promise<ToolResult> {
    if (this.options.guardWorkspace) await this.checkWorkspace(step);
    this.trace.record("tool_call", { ...call, step });
    const started = performance.now();
    let result: ToolResult;
    if (this.submittedAtStep !== undefined) {
      result = toolError(
        `the task was submitted at step ${this.submittedAtStep}; no further calls are taken and the submitted patch stands`,
      );
    } else if (signal?.aborted) {
      result = CANCELLED;
    } else {
      const ctx = signal ? { ...this.ctx, signal: this.ctx.signal ? AbortSignal.any([this.ctx.signal, signal]) : signal } : this.ctx;
      result = await this.execute(call, ctx);
      if (signal?.aborted) result = { ...CANCELLED, output: `${CANCELLED.output}\n${result.output}` };
    }
    if (result.submitted && !result.isError) this.submittedAtStep = step;
    // After a read-only call the state it started from stays the reference, so a change made meanwhile is still found.
    if (this.options.guardWorkspace && !this.byName.get(call.name)?.effects.readOnly) this.settled = await this.ctx.workspace.fingerprint();
    const bounded = { ...result, output: truncateOutput(result.output, "ask for a smaller part").text };
    this.trace.record("tool_result", {
      id: call.id,
      name: call.name,
      output: bounded.output,
      isError: bounded.isError,
      ...(bounded.cancelled ? { cancelled: true } : {}),
      durationMs: performance.now() - started,
      ...(bounded.viewed ? { viewed: bounded.viewed } : {}),
      ...(bounded.edited ? { edited: bounded.edited } : {}),
    });
    return bounded;
  }

  private async execute(call: ToolCall, ctx: ToolContext): Promise<ToolResult> {
    const tool = this.byName.get(call.name);
    if (!tool)
      return toolError(`there is no tool named ${JSON.stringify(call.name)}; the tools are: ${[...this.byName.keys()].join(", ")}`);
    let raw = call.arguments;
    if (typeof raw === "string") {
      try {
        raw = raw.trim() === "" ? {} : JSON.parse(raw);
      } catch (error) {
        return toolError(`the arguments of ${call.name} are not valid JSON (${(error as Error).message}); send a JSON object`);
      }
    }
    const parsed = tool.parameters.safeParse(raw ?? {});
    if (!parsed.success) {
      return toolError(`invalid arguments for ${call.name}: ${describeIssues(parsed.error.issues)}. Fix them and call ${call.name} again.`);
    }
    try {
      return await tool.execute(parsed.data, ctx);
    } catch (error) {
      if (SwerigError.isInstance(error) && error.code === "path_escape") return toolError(error.message);
      throw error;
    }
  }
}
