// A swerig trace as OpenTelemetry spans in OTLP/JSON: one trace per task run, the agent run as the root
// span (invoke_agent), a child span per model turn (chat) and per tool call (execute_tool), and one for
// grading. Attribute names follow the OpenTelemetry semantic conventions for generative AI, v1.41.0
// (docs/gen-ai/gen-ai-spans.md and gen-ai-agent-spans.md, status Development): gen_ai.provider.name,
// which replaced gen_ai.system in v1.37.0, is written, and gen_ai.system too for backends that read the
// older name. Ids are derived from the run, task and sample, so exporting twice gives the same ids.
import { createHash } from "node:crypto";
import { cutHeadTail } from "../../core/index.js";
import type { TraceEvent } from "../../trace/events.js";

export const SEMCONV_VERSION = "1.41.0";
const SCHEMA_URL = `https://opentelemetry.io/schemas/${SEMCONV_VERSION}`;
/** Tool arguments and results kept on a span (gen_ai.tool.call.arguments / .result), in characters. */
export const MAX_ATTRIBUTE_CHARS = 4000;

export type AnyValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: AnyValue[] } };
export interface KeyValue {
  key: string;
  value: AnyValue;
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 INTERNAL, 3 CLIENT. */
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  /** 0 UNSET, 2 ERROR. */
  status: { code: number; message?: string };
}
export interface OtlpDocument {
  resourceSpans: {
    resource: { attributes: KeyValue[] };
    scopeSpans: { scope: { name: string; version: string }; schemaUrl: string; spans: OtlpSpan[] }[];
    schemaUrl: string;
  }[];
}

type Attr = string | number | boolean | string[] | null | undefined;

function value(v: Exclude<Attr, null | undefined>): AnyValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

/** Typed AnyValues; null and undefined attributes are left out, as OpenTelemetry has no null. */
export function attributes(record: Record<string, Attr>): KeyValue[] {
  return Object.entries(record).flatMap(([key, v]) => (v === null || v === undefined ? [] : [{ key, value: value(v) }]));
}

const hex = (text: string, chars: number) => createHash("sha256").update(text).digest("hex").slice(0, chars);

/** Unix nanoseconds as a decimal string, from an ISO time plus an offset in (fractional) milliseconds. */
export function unixNanos(iso: string, plusMs = 0): string {
  const micros = BigInt(Math.round((Date.parse(iso) + plusMs) * 1000));
  return (micros * 1000n).toString();
}

const text = (v: unknown) => cutHeadTail(typeof v === "string" ? v : JSON.stringify(v), MAX_ATTRIBUTE_CHARS, "cut for the span");

/** The spans of one task run's trace; an empty list for a trace without run_start. */
export function traceSpans(events: readonly TraceEvent[]): OtlpSpan[] {
  const start = events.find((e) => e.type === "run_start");
  if (start?.type !== "run_start") return [];
  const traceId = hex(`${start.runId}\0${start.taskId}\0${start.sample}`, 32);
  const rootId = hex(`${traceId}/root`, 16);
  const last = events.at(-1)!;
  const run = start.data;
  const provider = typeof run.settings["provider"] === "string" ? run.settings["provider"] : run.agent;
  const model = run.model ?? undefined;
  const spans: OtlpSpan[] = [];
  const child = (key: string, fields: Omit<OtlpSpan, "traceId" | "spanId" | "parentSpanId">) =>
    spans.push({ traceId, spanId: hex(`${traceId}/${key}`, 16), parentSpanId: rootId, ...fields });
  let input = 0;
  let output = 0;
  const requested = new Map<number, string>();
  const calls = new Map<string, Extract<TraceEvent, { type: "tool_call" }>>();
  for (const e of events) {
    if (e.type === "model_request") requested.set(e.data.step, e.ts);
    else if (e.type === "model_response") {
      const d = e.data;
      input += d.usage.inputTokens;
      output += d.usage.outputTokens;
      child(`chat/${e.seq}`, {
        name: `chat ${model ?? provider}`,
        kind: 3,
        startTimeUnixNano: requested.has(d.step) ? unixNanos(requested.get(d.step)!) : unixNanos(e.ts, -d.latencyMs),
        endTimeUnixNano: unixNanos(e.ts),
        attributes: attributes({
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": provider,
          "gen_ai.system": provider,
          "gen_ai.request.model": model,
          "gen_ai.usage.input_tokens": d.usage.inputTokens,
          "gen_ai.usage.output_tokens": d.usage.outputTokens,
          "gen_ai.response.finish_reasons": d.stopReason ? [d.stopReason] : undefined,
          "swerig.step": d.step,
          "swerig.cost_usd": d.costUsd,
          "swerig.attempts": d.attempts ?? 1,
          "swerig.tool_calls": d.toolCalls.length,
        }),
        status: { code: 0 },
      });
    } else if (e.type === "tool_call") calls.set(e.data.id, e);
    else if (e.type === "tool_result") {
      const call = calls.get(e.data.id);
      const d = e.data;
      const firstLine = d.output.split("\n")[0]?.slice(0, 200) ?? "";
      child(`tool/${e.seq}`, {
        name: `execute_tool ${d.name}`,
        kind: 1,
        startTimeUnixNano: call ? unixNanos(call.ts) : unixNanos(e.ts, -d.durationMs),
        endTimeUnixNano: unixNanos(e.ts),
        attributes: attributes({
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": d.name,
          "gen_ai.tool.call.id": d.id,
          "gen_ai.tool.type": "function",
          "gen_ai.tool.call.arguments": call ? text(call.data.arguments) : undefined,
          "gen_ai.tool.call.result": text(d.output),
          "error.type": d.isError ? (d.cancelled ? "cancelled" : "tool_error") : undefined,
          "swerig.step": call?.data.step,
        }),
        status: d.isError ? { code: 2, message: firstLine } : { code: 0 },
      });
    } else if (e.type === "grade") {
      const patch = events.find((p) => p.type === "patch");
      child("grade", {
        name: `grade ${start.taskId}`,
        kind: 1,
        startTimeUnixNano: unixNanos(patch?.ts ?? e.ts),
        endTimeUnixNano: unixNanos(e.ts),
        attributes: attributes({
          "swerig.grade.status": e.data.status,
          "swerig.grade.resolved": e.data.resolved,
          "swerig.grade.reason": e.data.reason,
        }),
        status: e.data.status === "error" ? { code: 2, message: e.data.reason ?? "error" } : { code: 0 },
      });
    }
  }
  const end = events.find((e) => e.type === "agent_end");
  const reason = end?.type === "agent_end" ? end.data.reason : undefined;
  const root: OtlpSpan = {
    traceId,
    spanId: rootId,
    name: `invoke_agent ${run.agent}`,
    kind: 1,
    startTimeUnixNano: unixNanos(start.ts),
    endTimeUnixNano: unixNanos(last.ts),
    attributes: attributes({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": run.agent,
      "gen_ai.provider.name": provider,
      "gen_ai.request.model": model,
      "gen_ai.conversation.id": `${start.runId}/${start.taskId}/${start.sample}`,
      "gen_ai.usage.input_tokens": input,
      "gen_ai.usage.output_tokens": output,
      "swerig.run.id": start.runId,
      "swerig.task.id": start.taskId,
      "swerig.task.repo": run.task.repo,
      "swerig.sample": start.sample,
      "swerig.image": run.image,
      "swerig.agent.end_reason": reason,
    }),
    status: reason === "error" || reason === "agent_error" ? { code: 2, message: reason } : { code: 0 },
  };
  return [root, ...spans];
}

/** One OTLP/JSON document for the spans of many task runs (one resource, one scope). */
export function otlpDocument(spans: readonly OtlpSpan[], swerigVersion: string): OtlpDocument {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes({ "service.name": "swerig", "service.version": swerigVersion }) },
        scopeSpans: [{ scope: { name: "swerig", version: swerigVersion }, schemaUrl: SCHEMA_URL, spans: [...spans] }],
        schemaUrl: SCHEMA_URL,
      },
    ],
  };
}
