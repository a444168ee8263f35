// The contract between the agent loop and a model provider: one request (messages and tool schemas)
// in, one assistant turn (text, tool calls, token usage) out. Adapters speak the providers' APIs.
import type { ToolCall } from "../trace/events.js";
import type { ToolSpec } from "../tools/tool.js";
import type { RetryObserver } from "./retry.js";

export type { ToolSpec } from "../tools/tool.js";

export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError: boolean };

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

export interface GenerateOptions {
  signal?: AbortSignal;
  /** Told of each failed attempt before it is retried (the agent records it in the trace). */
  onRetry?: RetryObserver;
}

export interface ModelClient {
  readonly provider: string;
  readonly model: string;
  /**
   * One model turn. Retries transient failures (429, 5xx, timeouts) itself, telling options.onRetry;
   * rejects with a ModelEndpointError (infrastructure: unreachable, auth, rejected, exhausted,
   * malformed; or context_overflow) when the provider cannot give a usable answer, and with
   * SwerigError("internal") when options.signal aborts.
   */
  doGenerate(request: ModelRequest, options?: GenerateOptions): Promise<ModelResponse>;
}
