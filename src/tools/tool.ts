// The shape of a tool the agent under test can call: a name, a description written for a model, zod
// parameters (exported as JSON Schema) and an execute function whose output is bounded. The model's
// mistakes (bad arguments, a missing file) come back as error results, never as exceptions.
import { z } from "zod";
import type { StatusMap } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { Workspace } from "../envs/workspace.js";
import type { ToolCall } from "../trace/events.js";
import type { EditHistory } from "./edit-history.js";

/** What a tool may use: the task container, the host working copy, and the task's visible test setup. */
export interface ToolContext {
  env: Environment;
  workspace: Workspace;
  task: {
    id: string;
    language: string;
    /** The task's own test command, run by run_tests (the hidden tests are never in the environment). */
    testCommand: string;
    /** Per-test statuses from the test command's output: the grader's parser for this task. */
    parseTestOutput(output: string): StatusMap;
  };
  edits: EditHistory;
  signal?: AbortSignal;
}

export interface ToolResult {
  /** Text shown to the model. */
  output: string;
  isError: boolean;
  /** Repository paths the call read or changed (for localization metrics). */
  viewed?: string[];
  edited?: string[];
  /** Set by submit: the agent is done. */
  submitted?: boolean;
  /** Set by the tool box when the caller cancelled the call. */
  cancelled?: boolean;
}

/** What a call may do to the repository; served to MCP clients as the tool's annotations. */
export interface ToolEffects {
  /** Reads only: the working copy is the same after the call. */
  readOnly: boolean;
  /** May overwrite or remove what is there (meaningful when not read-only). */
  destructive: boolean;
  /** Calling again with the same arguments changes nothing more. */
  idempotent: boolean;
}

/** A tool as a model sees it: its name, description and the JSON Schema of its arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  /** What a call may do to the repository (MCP serves it as the tool's annotations). */
  effects?: ToolEffects;
}

/** What an agent calls tools through: every call and result is recorded in the trace. */
export interface ToolBox {
  specs(): ToolSpec[];
  /**
   * Runs one call and records it; bad arguments or unknown tools come back as error results. Aborting
   * `signal` stops the call (its commands are killed) and it comes back, and is recorded, as cancelled.
   */
  call(call: ToolCall, step: number, signal?: AbortSignal): Promise<ToolResult>;
}

export const READ_ONLY: ToolEffects = { readOnly: true, destructive: false, idempotent: true };

export interface Tool<P extends z.ZodType = z.ZodType> {
  name: string;
  /** Written for a model: what the tool does, when to use it, what it returns. */
  description: string;
  parameters: P;
  effects: ToolEffects;
  execute(args: z.infer<P>, ctx: ToolContext): Promise<ToolResult>;
}

export function defineTool<P extends z.ZodType>(tool: Tool<P>): Tool<P> {
  return tool;
}

/** The exec option that lets a cancelled call kill what it runs. */
export function withSignal(ctx: ToolContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}

export function toolError(output: string): ToolResult {
  return { output, isError: true };
}

/** JSON Schema of a tool's parameters, as a model sees it. */
export function toolJsonSchema(tool: Tool): Record<string, unknown> {
  // "input": a field with a default is optional for the caller, so it must not be listed as required.
  const schema = z.toJSONSchema(tool.parameters, { io: "input" }) as Record<string, unknown>;
  delete schema["$schema"];
  return schema;
}
