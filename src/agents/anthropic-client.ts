// A ModelClient for Anthropic's Messages API: the system prompt apart, content blocks for text and
// tool use, tool results as tool_result blocks in the user turn that follows, roles alternating.
import { z } from "zod";
import { ModelEndpointError } from "../core/index.js";
import type { ChatMessage, GenerateOptions, ModelClient, ModelRequest, ModelResponse } from "./model-client.js";
import { apiKeyHint, postForJson, requestOptions, type RetryHooks, type RetryPolicy } from "./retry.js";

export interface AnthropicClientOptions {
  model: string;
  /** Without the `/v1` segment; default `https://api.anthropic.com`. */
  baseURL?: string;
  /** Sent as x-api-key; default the ANTHROPIC_API_KEY variable; none is sent when neither is set. */
  apiKey?: string;
  /** The variable the key is read from (and that an authentication error names); default ANTHROPIC_API_KEY. */
  apiKeyEnv?: string;
  headers?: Record<string, string>;
  /** Used when a request sets no maxOutputTokens (the API requires max_tokens). */
  defaultMaxTokens?: number;
  retry?: Partial<RetryPolicy>;
  hooks?: RetryHooks;
}

export const ANTHROPIC_VERSION = "2023-06-01";
const DEFAULT_MAX_TOKENS = 8_192;

const ResponseSchema = z.object({
  content: z.array(
    z.object({
      type: z.string(),
      text: z.string().optional(),
      id: z.string().optional(),
      name: z.string().optional(),
      input: z.unknown().optional(),
    }),
  ),
  stop_reason: z.string().nullish(),
  usage: z.object({ input_tokens: z.number().int().nonnegative(), output_tokens: z.number().int().nonnegative() }),
});

type Block = Record<string, unknown>;
type WireMessage = { role: "user" | "assistant"; content: Block[] };

function inputOf(args: unknown): unknown {
  if (typeof args !== "string") return args ?? {};
  try {
    const parsed: unknown = JSON.parse(args);
    return typeof parsed === "object" && parsed !== null ? parsed : { value: parsed };
  } catch {
    return { raw: args };
  }
}

/** System text, and the turns with consecutive same-role messages merged (tool results into one user turn). */
export function toAnthropicMessages(messages: readonly ChatMessage[]): { system: string; messages: WireMessage[] } {
  const system: string[] = [];
  const out: WireMessage[] = [];
  const push = (role: WireMessage["role"], blocks: Block[]) => {
    const last = out.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const m of messages) {
    if (m.role === "system") system.push(m.content);
    else if (m.role === "user") push("user", [{ type: "text", text: m.content }]);
    else if (m.role === "tool") push("user", [{ type: "tool_result", tool_use_id: m.toolCallId, content: m.content, is_error: m.isError }]);
    else {
      const blocks: Block[] = m.content.trim() !== "" ? [{ type: "text", text: m.content }] : [];
      for (const c of m.toolCalls) blocks.push({ type: "tool_use", id: c.id, name: c.name, input: inputOf(c.arguments) });
      push("assistant", blocks.length > 0 ? blocks : [{ type: "text", text: "(no answer)" }]);
    }
  }
  // A user turn holding tool results must start with them; text that came first (a nudge) moves behind.
  for (const m of out) {
    if (m.role === "user") m.content.sort((a, b) => Number(b["type"] === "tool_result") - Number(a["type"] === "tool_result"));
  }
  return { system: system.join("\n\n"), messages: out };
}

export class AnthropicClient implements ModelClient {
  readonly provider = "anthropic";
  readonly model: string;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly authHint: string;

  constructor(private readonly options: AnthropicClientOptions) {
    this.model = options.model;
    this.url = `${(options.baseURL ?? "https://api.anthropic.com").replace(/\/+$/, "")}/v1/messages`;
    const keyVariable = options.apiKeyEnv ?? "ANTHROPIC_API_KEY";
    const apiKey = options.apiKey ?? process.env[keyVariable];
    this.headers = { "anthropic-version": ANTHROPIC_VERSION, ...(apiKey ? { "x-api-key": apiKey } : {}), ...options.headers };
    this.authHint = apiKeyHint(this.headers["x-api-key"] !== undefined, keyVariable);
  }

  /**
   * One Messages API request. Retries 429, 5xx (529 overloaded included), network errors and
   * timeouts; rejects with a ModelEndpointError for other statuses (naming status and message), when
   * retries run out, or when the body is not a message. `seed` is not part of this API and is dropped.
   */
  async doGenerate(request: ModelRequest, options: GenerateOptions = {}): Promise<ModelResponse> {
    const { system, messages } = toAnthropicMessages(request.messages);
    const body = {
      model: this.model,
      max_tokens: request.maxOutputTokens ?? this.options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
      ...(system !== "" ? { system } : {}),
      messages,
      ...(request.tools.length > 0
        ? { tools: request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })) }
        : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    };
    const label = `${this.url} (model ${this.model})`;
    const expected = { schema: ResponseSchema, what: "a message" };
    const retry = { ...requestOptions(this.options, options), authHint: this.authHint };
    const data = await postForJson(label, this.url, this.headers, body, expected, retry);
    const text: string[] = [];
    const toolCalls: ModelResponse["toolCalls"] = [];
    for (const block of data.content) {
      if (block.type === "text" && block.text !== undefined) text.push(block.text);
      else if (block.type === "tool_use") {
        if (block.id === undefined || block.name === undefined) {
          throw new ModelEndpointError(`${label}: a tool_use block lacks its id or name`, { kind: "malformed", status: 200, attempts: 1 });
        }
        toolCalls.push({ id: block.id, name: block.name, arguments: block.input ?? {} });
      }
    }
    return {
      text: text.join("\n"),
      toolCalls,
      usage: { inputTokens: data.usage.input_tokens, outputTokens: data.usage.output_tokens },
      stopReason: data.stop_reason ?? null,
    };
  }
}
