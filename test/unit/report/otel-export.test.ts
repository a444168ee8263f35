// The OTLP/JSON export: its shape checked by a zod schema written from the OTLP/JSON encoding rules
// (hex ids of 32 and 16 characters, times as decimal strings of Unix nanoseconds, typed AnyValues with
// int64 as strings), and what the spans say checked on a model agent's trace.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { main } from "../../../src/cli/main.js";
import { otlpDocument, traceSpans, unixNanos, type OtlpSpan } from "../../../src/report/otel/otlp-trace.js";
import { type TraceEvent, TraceEventSchema } from "../../../src/trace/events.js";

const AnyValue: z.ZodType = z.lazy(() =>
  z.union([
    z.object({ stringValue: z.string() }).strict(),
    z.object({ intValue: z.string().regex(/^-?\d+$/) }).strict(),
    z.object({ doubleValue: z.number() }).strict(),
    z.object({ boolValue: z.boolean() }).strict(),
    z.object({ arrayValue: z.object({ values: z.array(AnyValue) }).strict() }).strict(),
  ]),
);
const KeyValue = z.object({ key: z.string().min(1), value: AnyValue }).strict();
const Nanos = z.string().regex(/^\d{19}$/);
const Span = z
  .object({
    traceId: z.string().regex(/^[0-9a-f]{32}$/),
    spanId: z.string().regex(/^[0-9a-f]{16}$/),
    parentSpanId: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional(),
    name: z.string().min(1),
    kind: z.number().int().min(0).max(5),
    startTimeUnixNano: Nanos,
    endTimeUnixNano: Nanos,
    attributes: z.array(KeyValue),
    status: z.object({ code: z.number().int().min(0).max(2), message: z.string().optional() }).strict(),
  })
  .strict();
const OtlpJson = z
  .object({
    resourceSpans: z.array(
      z
        .object({
          resource: z.object({ attributes: z.array(KeyValue) }).strict(),
          scopeSpans: z.array(
            z
              .object({ scope: z.object({ name: z.string(), version: z.string() }).strict(), schemaUrl: z.string(), spans: z.array(Span) })
              .strict(),
          ),
          schemaUrl: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0, ms)).toISOString();
const base = { v: 2, runId: "r1", taskId: "demo-1", sample: 0 };
const raw = [
  {
    type: "run_start",
    ts: at(0),
    data: { task: { id: "demo-1", repo: "acme/demo", language: "python", baseCommit: "abc" }, agent: "openai" },
  },
  { type: "model_request", ts: at(10), data: { step: 1, messages: 2 } },
  {
    type: "model_response",
    ts: at(510),
    data: {
      step: 1,
      text: "",
      toolCalls: [{ id: "c1", name: "read_file", arguments: { path: "a.py" } }],
      usage: { inputTokens: 1200, outputTokens: 40 },
      costUsd: 0.0031,
      latencyMs: 500,
      stopReason: "tool_use",
    },
  },
  { type: "tool_call", ts: at(520), data: { id: "c1", name: "read_file", arguments: { path: "a.py" }, step: 1 } },
  {
    type: "tool_result",
    ts: at(523),
    data: { id: "c1", name: "read_file", output: "no such file: a.py\nhint", isError: true, durationMs: 3 },
  },
  {
    type: "model_response",
    ts: at(900),
    data: {
      step: 2,
      text: "done",
      toolCalls: [],
      usage: { inputTokens: 1300, outputTokens: 5 },
      costUsd: 0.003,
      latencyMs: 300,
      stopReason: null,
    },
  },
  { type: "agent_end", ts: at(905), data: { reason: "no_tool_call", detail: null } },
  { type: "patch", ts: at(910), data: { patch: "", files: [] } },
  { type: "grade", ts: at(2910), data: { status: "empty_patch", resolved: false, reason: "no patch", report: null } },
];
const events: TraceEvent[] = raw.map((e, seq) => {
  const data =
    e.type === "run_start" ? { ...e.data, model: "gpt-x", settings: { provider: "openai" }, image: "img", imageDigest: null } : e.data;
  return TraceEventSchema.parse({ ...base, seq, ...e, data });
});

const attr = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;
const root = await mkdtemp(join(tmpdir(), "swerig-otel-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("OpenTelemetry export", () => {
  it("writes OTLP/JSON: one trace, a root agent span, chat and tool spans under it, and grading", () => {
    const spans = traceSpans(events);
    const doc = OtlpJson.parse(otlpDocument(spans, "0.1.0"));
    expect(doc.resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(5);
    const [agent, chat1, tool, chat2, grade] = spans as [OtlpSpan, OtlpSpan, OtlpSpan, OtlpSpan, OtlpSpan];
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(agent.parentSpanId).toBeUndefined();
    for (const s of [chat1, tool, chat2, grade]) expect(s.parentSpanId).toBe(agent.spanId);
    expect(spans.map((s) => s.name)).toEqual(["invoke_agent openai", "chat gpt-x", "execute_tool read_file", "chat gpt-x", "grade demo-1"]);
    expect(attr(agent, "gen_ai.usage.input_tokens")).toEqual({ intValue: "2500" });
    expect(attr(chat1, "gen_ai.operation.name")).toEqual({ stringValue: "chat" });
    expect(attr(chat1, "gen_ai.provider.name")).toEqual({ stringValue: "openai" });
    expect(attr(chat1, "gen_ai.request.model")).toEqual({ stringValue: "gpt-x" });
    expect(attr(chat1, "gen_ai.usage.output_tokens")).toEqual({ intValue: "40" });
    expect(attr(chat1, "gen_ai.response.finish_reasons")).toEqual({ arrayValue: { values: [{ stringValue: "tool_use" }] } });
    expect(attr(chat1, "swerig.cost_usd")).toEqual({ doubleValue: 0.0031 });
    expect(chat1.kind).toBe(3);
    expect(chat1.startTimeUnixNano).toBe(unixNanos(at(10)));
    expect(chat2.startTimeUnixNano).toBe(unixNanos(at(600)));
    expect(attr(tool, "gen_ai.operation.name")).toEqual({ stringValue: "execute_tool" });
    expect(attr(tool, "gen_ai.tool.call.id")).toEqual({ stringValue: "c1" });
    expect(tool.status).toEqual({ code: 2, message: "no such file: a.py" });
    expect(BigInt(tool.endTimeUnixNano) - BigInt(tool.startTimeUnixNano)).toBe(3_000_000n);
    expect(attr(grade, "swerig.grade.status")).toEqual({ stringValue: "empty_patch" });
    expect(agent.endTimeUnixNano).toBe(grade.endTimeUnixNano);
    for (const s of spans) expect(BigInt(s.endTimeUnixNano) >= BigInt(s.startTimeUnixNano)).toBe(true);
  });

  it("gives the same ids on a second export and none for a trace without a start", () => {
    expect(traceSpans(events).map((s) => s.spanId)).toEqual(traceSpans(events).map((s) => s.spanId));
    expect(traceSpans(events.slice(1))).toEqual([]);
    expect(unixNanos("2026-01-01T00:00:00.000Z", 1.5)).toBe("1767225600001500000");
  });

  it("exports a run folder from the command line", async () => {
    const runDir = join(root, "traces", "r1");
    await mkdir(join(runDir, "demo-1"), { recursive: true });
    await writeFile(join(runDir, "demo-1", "trace.jsonl"), `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);
    const lines: string[] = [];
    const io = { out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) };
    const out = join(root, "spans.json");
    expect(await main(["export", "otel", "r1", "--traces-dir", join(root, "traces"), "--out", out], io)).toBe(0);
    expect(lines.join("\n")).toContain("1 traces, 5 spans");
    const doc = OtlpJson.parse(JSON.parse(await readFile(out, "utf8")));
    expect(doc.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.name).toBe("invoke_agent openai");
    expect(await main(["export", "otel", "nope", "--traces-dir", join(root, "traces")], io)).toBe(2);
  });
});
