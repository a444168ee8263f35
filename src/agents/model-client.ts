// The contract between the agent loop and a model provider: one request (messages and tool schemas)
// in, one assistant turn (text, tool calls, token usage) out. Adapters speak the providers' APIs.
import type { ToolCall } from "../trace/events.js";
import type { ToolEffects } from "../tools/tool.js";

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError: boolean };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  /** What a call may do to the repository (MCP serves it as the tool's annotations). */
  effects?: ToolEffects;
}

export interface ModelRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  temperature?: number;
  seed?: number;
  maxOutputTokens?: number;
}

export interface ModelResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: { inputTokens: number; outputTokens: number };
  stopReason: string | null;
}

export interface ModelClient {
  readonly provider: string;
  readonly model: string;
  /**
   * One model turn. Retries transient failures (429, 5xx, timeouts) itself; rejects with
   * EvalError("internal") when the provider keeps failing or answers with something unusable.
   */
  doGenerate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}
