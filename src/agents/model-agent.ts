// The default agent: a model in a loop over the tool box. Each step checks the limits, asks the model,
// records request and response with tokens, cost and latency, runs the tool calls it made and feeds the
// (context-bounded) results back, until the model submits, stops calling tools, or a limit is hit.
import { ModelEndpointError, cutHeadTail } from "../core/index.js";
import type { ToolCall, TracePayload } from "../trace/events.js";
import { toolCallKey } from "../trace/same-call.js";
import type { Agent, AgentContext, AgentLimits, AgentOutcome } from "./agent.js";
import type { ChatMessage, ModelClient, ModelRequest } from "./model-client.js";
import { costUsd, lookupPrice, type ModelPrice, type PriceLookup } from "./prices.js";
import { renderSystemPrompt } from "./system-prompt.js";

export interface ModelAgentOptions {
  client: ModelClient;
  /** Agent name in traces and reports; default "default". */
  name?: string;
  /** Sampling temperature; default 0; null sends none (for models that refuse the setting). */
  temperature?: number | null;
  seed?: number;
  /** Output tokens per model turn; default DEFAULT_MAX_OUTPUT_TOKENS; null sends none. */
  maxOutputTokens?: number | null;
  /** Longest tool output kept in the conversation; the trace keeps what the tool box returned. */
  maxObservationChars?: number;
  /** Prices that replace or add to DEFAULT_PRICES, by model name or prefix. */
  prices?: Record<string, ModelPrice>;
  /** Replaces the default system prompt. */
  systemPrompt?: string;
  /** Milliseconds since some origin, for the wall-time limit and latencies; default Date.now. */
  now?: () => number;
}

export const DEFAULT_MAX_OUTPUT_TOKENS = 4_096;
export const DEFAULT_MAX_OBSERVATION_CHARS = 10_000;
/** Sent after a reply without a tool call; a second such reply in a row ends the run. */
export const NUDGE_MESSAGE = "You did not call a tool. Call a tool to continue, or call submit when you are done.";
/** How many identical calls in a row earn a warning. */
export const REPEAT_THRESHOLD = 3;

type LimitHit = TracePayload<"limit">;

/** Cuts a tool's output for the conversation, keeping head and tail around a marker. */
export function truncateObservation(text: string, maxChars: number): string {
  return cutHeadTail(text, maxChars, "left out of the conversation to save context; ask for a narrower part to see them");
}

function repeatWarning(call: ToolCall, times: number): string {
  return (
    `\n\n[warning: you called ${call.name} with the same arguments ${times} times in a row; ` +
    "the result will not change. Try something different.]"
  );
}

export class ModelAgent implements Agent {
  readonly name: string;
  readonly model: string;
  readonly settings: Record<string, unknown>;
  private readonly client: ModelClient;
  private readonly price: PriceLookup;
  private readonly now: () => number;

  constructor(private readonly options: ModelAgentOptions) {
    this.client = options.client;
    this.name = options.name ?? "default";
    this.model = options.client.model;
    this.price = lookupPrice(options.client.model, options.prices);
    this.now = options.now ?? Date.now;
    this.settings = {
      provider: options.client.provider,
      temperature: this.temperature ?? null,
      seed: options.seed ?? null,
      maxOutputTokens: this.maxOutputTokens ?? null,
      maxObservationChars: this.maxObservationChars,
      price: { ...this.price.price, known: this.price.known },
      systemPrompt: options.systemPrompt === undefined ? "default" : "custom",
    };
  }

  private get temperature(): number | undefined {
    return this.options.temperature === null ? undefined : (this.options.temperature ?? 0);
  }

  private get maxOutputTokens(): number | undefined {
    return this.options.maxOutputTokens === null ? undefined : (this.options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS);
  }

  private get maxObservationChars(): number {
    return this.options.maxObservationChars ?? DEFAULT_MAX_OBSERVATION_CHARS;
  }

  /** The first limit reached before a new step, if any. Unknown prices never reach the cost limit. */
  private limitHit(limits: AgentLimits, steps: number, cost: number, elapsedMs: number): LimitHit | undefined {
    if (steps >= limits.maxSteps) return { kind: "steps", detail: `${steps} steps reached the limit of ${limits.maxSteps}` };
    if (this.price.known && cost >= limits.maxCostUsd) {
      return { kind: "cost", detail: `cost ${cost.toFixed(4)} USD reached the limit of ${limits.maxCostUsd} USD` };
    }
    if (elapsedMs >= limits.maxWallTimeMs) {
      return { kind: "wall_time", detail: `${Math.round(elapsedMs)} ms reached the wall-time limit of ${limits.maxWallTimeMs} ms` };
    }
    return undefined;
  }

  /**
   * Runs the loop to its end: "submitted", "limit" (after a `limit` trace event; also when the
   * provider says the conversation outgrew the context window), "no_tool_call" (two replies in a row
   * without one), or "error" with detail "cancelled" when ctx.signal aborts (between steps or during a
   * model call). Retried model requests are `model_retry` trace events. Other model-client rejections
   * (a ModelEndpointError: infrastructure, not the model's doing) and tool-box rejections (the
   * environment is gone) propagate.
   */
  async run(ctx: AgentContext): Promise<AgentOutcome> {
    const started = this.now();
    const specs = ctx.tools.specs();
    const messages: ChatMessage[] = [
      { role: "system", content: this.options.systemPrompt ?? renderSystemPrompt(specs.map((s) => s.name)) },
      { role: "user", content: ctx.task.problemStatement },
    ];
    const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    let step = 0;
    let idleTurns = 0;
    let lastCall: string | undefined;
    let sameInARow = 0;
    const end = (reason: AgentOutcome["reason"], detail: string | null): AgentOutcome => ({
      reason,
      detail,
      steps: step,
      usage: { ...usage },
    });

    for (;;) {
      if (ctx.signal?.aborted) return end("error", "cancelled");
      const hit = this.limitHit(ctx.limits, step, usage.costUsd, this.now() - started);
      if (hit) {
        ctx.trace.record("limit", hit);
        return end("limit", hit.detail);
      }
      step++;
      ctx.trace.record("model_request", { step, messages: messages.length });
      const request: ModelRequest = { messages, tools: specs };
      if (this.temperature !== undefined) request.temperature = this.temperature;
      if (this.options.seed !== undefined) request.seed = this.options.seed;
      if (this.maxOutputTokens !== undefined) request.maxOutputTokens = this.maxOutputTokens;
      const sent = this.now();
      let attempts = 1;
      const onRetry = (r: { attempt: number; status: number | null; error: string; durationMs: number; waitMs: number }) => {
        attempts = r.attempt + 1;
        ctx.trace.record("model_retry", { step, ...r });
      };
      const generate = { ...(ctx.signal ? { signal: ctx.signal } : {}), onRetry };
      const response = await this.client.doGenerate(request, generate).catch((error: unknown) => {
        if (ctx.signal?.aborted) return undefined;
        if (ModelEndpointError.isInstance(error) && error.kind === "context_overflow") return error;
        throw error;
      });
      if (response === undefined) return end("error", "cancelled");
      if (response instanceof Error) {
        const detail = `the conversation outgrew the model's context window: ${response.message}`;
        ctx.trace.record("limit", { kind: "tokens", detail });
        return end("limit", detail);
      }
      const latencyMs = Math.max(0, this.now() - sent);
      const cost = costUsd(this.price.price, response.usage);
      usage.inputTokens += response.usage.inputTokens;
      usage.outputTokens += response.usage.outputTokens;
      usage.costUsd += cost;
      ctx.trace.record("model_response", {
        step,
        text: response.text,
        toolCalls: response.toolCalls,
        usage: response.usage,
        costUsd: cost,
        latencyMs,
        stopReason: response.stopReason,
        ...(attempts > 1 ? { attempts } : {}),
      });
      messages.push({ role: "assistant", content: response.text, toolCalls: response.toolCalls });

      if (response.toolCalls.length === 0) {
        idleTurns++;
        if (idleTurns >= 2) return end("no_tool_call", "two replies in a row without a tool call");
        messages.push({ role: "user", content: NUDGE_MESSAGE });
        continue;
      }
      idleTurns = 0;
      for (const call of response.toolCalls) {
        const result = await ctx.tools.call(call, step);
        const key = toolCallKey(call);
        sameInARow = key === lastCall ? sameInARow + 1 : 1;
        lastCall = key;
        let content = truncateObservation(result.output, this.maxObservationChars);
        if (sameInARow >= REPEAT_THRESHOLD) content += repeatWarning(call, sameInARow);
        messages.push({ role: "tool", toolCallId: call.id, name: call.name, content, isError: result.isError });
        if (result.submitted) return end("submitted", null);
      }
    }
  }
}
