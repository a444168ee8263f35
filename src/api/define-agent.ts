// An agent written in TypeScript, as code: `defineAgent({ name, run(ctx) })`. Its run gets the task and
// the recorded tools as typed methods (`await ctx.tools.read_file({ path })`), their arguments typed
// from the same zod schemas the tools validate with; swerig records every call, the model turns the
// agent reports (tokens, cost) and the run's end.
import type { z } from "zod";
import type { Agent, AgentContext, AgentOutcome } from "../agents/agent.js";
import { AgentCrashError, errorMessage } from "../core/index.js";
import { debugTool } from "../tools/debug.js";
import { editFileTool } from "../tools/edit-file.js";
import { findDefinitionTool } from "../tools/find-definition.js";
import { findFilesTool } from "../tools/find-files.js";
import { outlineTool } from "../tools/outline.js";
import { readFileTool } from "../tools/read-file.js";
import { runTestsTool } from "../tools/run-tests.js";
import { searchTool } from "../tools/search.js";
import { shellTool } from "../tools/shell.js";
import { submitTool } from "../tools/submit.js";
import type { ToolResult } from "../tools/tool.js";
import { writeFileTool } from "../tools/write-file.js";
import { decodeToolArguments } from "../trace/tool-arguments.js";

/** The recorded tools by name; their parameter schemas type the methods of `ctx.tools`. */
export const TOOLS = {
  read_file: readFileTool,
  write_file: writeFileTool,
  edit_file: editFileTool,
  search: searchTool,
  find_files: findFilesTool,
  outline: outlineTool,
  find_definition: findDefinitionTool,
  debug: debugTool,
  shell: shellTool,
  run_tests: runTestsTool,
  submit: submitTool,
} as const;

export type ToolName = keyof typeof TOOLS;
/** What a call of tool N takes (fields with defaults may be left out). */
export type ToolArguments<N extends ToolName> = z.input<(typeof TOOLS)[N]["parameters"]>;
export type { ToolResult };

/** One method per tool; each call is recorded in the trace and counts as a step. */
export type TypedTools = { [N in ToolName]: (args: ToolArguments<N>) => Promise<ToolResult> };

export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** One model call the agent made, as the trace records it. */
export interface ModelTurn {
  /** What the model said. */
  text?: string;
  /**
   * The tool calls the model asked for (made next through ctx.callTool with the same ids). Recorded,
   * they let `replay --offline` drive the turns again without the model.
   */
  toolCalls?: { id: string; name: string; arguments: unknown }[];
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  latencyMs?: number;
  stopReason?: string | null;
}

export interface DefinedAgentContext {
  task: AgentContext["task"];
  tools: TypedTools;
  /**
   * A tool call as a model makes it: any name, arguments as an object or the model's JSON text. An
   * unknown name or bad arguments come back as an error result for the model, never as a throw; the
   * call is recorded (with `id` when given, to pair it with the model's call) and counts as a step.
   */
  callTool(call: { name: string; arguments: unknown; id?: string }): Promise<ToolResult>;
  limits: AgentContext["limits"];
  /** Aborted when the run is cancelled: stop soon. */
  signal?: AbortSignal;
  /** Records a model call in the trace (text, tokens, cost, latency): the summary's tokens and cost come from these. */
  modelTurn(turn: ModelTurn): void;
  /** Tool calls made so far. */
  readonly steps: number;
}

export interface AgentDefinition {
  name: string;
  /** The model it uses, for reports; null or absent when none. */
  model?: string | null;
  /** What makes two runs of it the same configuration (prompt version, temperature, ...). */
  settings?: Record<string, unknown>;
  /** Works on the task through ctx.tools; returning (or calling submit) ends the run. A throw is the agent crashing. */
  run(ctx: DefinedAgentContext): Promise<undefined | { detail?: string }>;
}

/**
 * An Agent from a definition. The run ends "submitted" once submit was called, "limit" when a call
 * went past the step limit (the call is refused, not run), "finished" when run returned without
 * submitting; an exception from run is an AgentCrashError (an agent_error, not graded as a verdict).
 */
export function defineAgent(definition: AgentDefinition): Agent {
  return {
    name: definition.name,
    model: definition.model ?? null,
    settings: { ...definition.settings },
    async run(ctx: AgentContext): Promise<AgentOutcome> {
      const usage: AgentUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      let steps = 0;
      let submitted = false;
      let overLimit = false;
      const call = async (name: string, args: unknown, id?: string): Promise<ToolResult> => {
        if (steps >= ctx.limits.maxSteps) {
          overLimit = true;
          return { output: `the step limit of ${ctx.limits.maxSteps} tool calls is reached; the run is over`, isError: true };
        }
        steps++;
        const result = await ctx.tools.call({ id: id ?? String(steps), name, arguments: decodeToolArguments(args) }, steps, ctx.signal);
        if (result.submitted) submitted = true;
        return result;
      };
      const tools = Object.fromEntries(Object.keys(TOOLS).map((name) => [name, (args: unknown) => call(name, args)]));
      const context: DefinedAgentContext = {
        task: ctx.task,
        tools: tools as TypedTools,
        callTool: (c) => call(c.name, c.arguments, c.id),
        limits: ctx.limits,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        modelTurn: (turn) => {
          usage.inputTokens += turn.inputTokens;
          usage.outputTokens += turn.outputTokens;
          usage.costUsd += turn.costUsd ?? 0;
          ctx.trace.record("model_response", {
            step: steps + 1,
            text: turn.text ?? "",
            toolCalls: (turn.toolCalls ?? []).map((c) => ({ ...c, arguments: decodeToolArguments(c.arguments) })),
            usage: { inputTokens: turn.inputTokens, outputTokens: turn.outputTokens },
            costUsd: turn.costUsd ?? 0,
            latencyMs: turn.latencyMs ?? 0,
            stopReason: turn.stopReason ?? null,
          });
        },
        get steps() {
          return steps;
        },
      };
      let detail: string | undefined;
      try {
        detail = (await definition.run(context))?.detail;
      } catch (error) {
        if (ctx.signal?.aborted) return { reason: "error", detail: "cancelled", steps, usage };
        const stack = error instanceof Error && error.stack ? error.stack : errorMessage(error);
        const details = { exitCode: null, signal: null, stderrTail: stack.slice(-2_000), steps };
        throw new AgentCrashError(`agent ${definition.name} threw: ${errorMessage(error)}`, details, { cause: error });
      }
      const reason = submitted ? "submitted" : overLimit ? "limit" : "finished";
      return { reason, detail: detail ?? null, steps, usage };
    },
  };
}
