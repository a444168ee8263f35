// A ModelClient for any OpenAI-compatible chat-completions endpoint with tool calling (OpenAI, vLLM,
// llama.cpp, LiteLLM, OpenRouter, ...): our messages and tool specs to its wire shape and back.
import { z } from "zod";
import type { ToolCall } from "../trace/events.js";
import { decodeToolArguments } from "../trace/tool-arguments.js";
import type { ChatMessage, GenerateOptions, ModelClient, ModelRequest, ModelResponse } from "./model-client.js";
import { apiKeyHint, postForJson, requestOptions, type RetryHooks, type RetryPolicy } from "./retry.js";

export interface OpenAIClientOptions {
  model: string;
  /** Up to and including the version segment; default `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Sent as a bearer token; default the OPENAI_API_KEY variable; none is sent when neither is set. */
  apiKey?: string;
  /** The variable the key is read from (and that an authentication error names); default OPENAI_API_KEY. */
  apiKeyEnv?: string;
  /** Extra headers (organization, project, a gateway's own). */
  headers?: Record<string, string>;
  retry?: Partial<RetryPolicy>;
  hooks?: RetryHooks;
}

const ResponseSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().nullish(),
                function: z.object({ name: z.string(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish() }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullish(),
});

/** Arguments as the wire wants them, a JSON text; raw text the model sent that is not JSON goes back as a JSON string. */
function encodeArguments(args: unknown): string {
  if (typeof args !== "string") return JSON.stringify(args ?? {});
  try {
    JSON.parse(args);
    return args;
  } catch {
    return JSON.stringify(args);
  }
}

function toWire(message: ChatMessage): Record<string, unknown> {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "assistant":
      return {
        role: "assistant",
        content: message.content === "" && message.toolCalls.length > 0 ? null : message.content,
        ...(message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((c) => ({
                id: c.id,
                type: "function",
                function: { name: c.name, arguments: encodeArguments(c.arguments) },
              })),
            }
          : {}),
      };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.isError ? `ERROR: ${message.content}` : message.content };
  }
}

export class OpenAIClient implements ModelClient {
  readonly provider = "openai";
  readonly model: string;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly authHint: string;
  private calls = 0;

  constructor(private readonly options: OpenAIClientOptions) {
    this.model = options.model;
    this.url = `${(options.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "")}/chat/completions`;
    const keyVariable = options.apiKeyEnv ?? "OPENAI_API_KEY";
    const apiKey = options.apiKey ?? process.env[keyVariable];
    this.headers = { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...options.headers };
    this.authHint = apiKeyHint(this.headers["authorization"] !== undefined, keyVariable);
  }

  /**
   * One chat-completions request. Retries 429, 5xx, network errors and timeouts; rejects with a
   * ModelEndpointError for other statuses (naming status and message), when retries run out, or when
   * the body is not a chat completion.
   */
  async doGenerate(request: ModelRequest, options: GenerateOptions = {}): Promise<ModelResponse> {
    const body = {
      model: this.model,
      messages: request.messages.map(toWire),
      ...(request.tools.length > 0
        ? {
            tools: request.tools.map((t) => ({
              type: "function",
              function: { name: t.name, description: t.description, parameters: t.parameters },
            })),
            tool_choice: "auto",
          }
        : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.maxOutputTokens !== undefined ? { max_tokens: request.maxOutputTokens } : {}),
    };
    const label = `${this.url} (model ${this.model})`;
    const expected = { schema: ResponseSchema, what: "a chat completion" };
    const retry = { ...requestOptions(this.options, options), authHint: this.authHint };
    const data = await postForJson(label, this.url, this.headers, body, expected, retry);
    const choice = data.choices[0]!;
    const call = ++this.calls;
    const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).map((c, i) => ({
      id: c.id ?? `call_${call}_${i + 1}`,
      name: c.function.name,
      arguments: decodeToolArguments(c.function.arguments),
    }));
    return {
      text: choice.message.content ?? "",
      toolCalls,
      usage: { inputTokens: data.usage?.prompt_tokens ?? 0, outputTokens: data.usage?.completion_tokens ?? 0 },
      stopReason: choice.finish_reason ?? null,
    };
  }
}
