import { describe, expect, it } from "vitest";
import { TRACE_VERSION } from "../../../src/trace/events.js";
import { parseTrace } from "../../../src/trace/reader.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";

const ENVELOPE = { v: 1, runId: "r", taskId: "t", sample: 0 };
const V1_TRACE = [
  { ...ENVELOPE, seq: 0, ts: "2025-01-01T00:00:00.000Z", type: "model_request", data: { step: 1, messages: 2 } },
  {
    ...ENVELOPE,
    seq: 1,
    ts: "2025-01-01T00:00:01.000Z",
    type: "model_response",
    data: { step: 1, text: "", toolCalls: [], usage: { inputTokens: 5, outputTokens: 1 }, costUsd: 0, latencyMs: 900, stopReason: "stop" },
  },
  { ...ENVELOPE, seq: 2, ts: "2025-01-01T00:00:02.000Z", type: "agent_end", data: { reason: "error", detail: "internal: x" } },
];

describe("trace versions", () => {
  it("writes version 2 and still reads a version 1 trace as it was", () => {
    expect(TRACE_VERSION).toBe(2);
    const read = parseTrace(V1_TRACE.map((e) => `${JSON.stringify(e)}\n`).join(""), "old.jsonl");
    expect(read.problems).toEqual([]);
    expect(read.events).toEqual(V1_TRACE);
  });

  it("round-trips a retried model call and an agent_error end", () => {
    const recorder = new TraceRecorder(undefined, { runId: "r", taskId: "t", sample: 0 });
    recorder.record("model_retry", { step: 1, attempt: 1, status: 429, error: "HTTP 429: slow down", durationMs: 12, waitMs: 1000 });
    const usage = { inputTokens: 1, outputTokens: 1 };
    const turn = { step: 1, text: "", toolCalls: [], usage, costUsd: 0, latencyMs: 1015, stopReason: null };
    recorder.record("model_response", { ...turn, attempts: 2 });
    recorder.record("agent_end", { reason: "agent_error", detail: "the model endpoint failed (auth): HTTP 401" });
    const read = parseTrace(recorder.events.map((e) => `${JSON.stringify(e)}\n`).join(""), "new.jsonl");
    expect(read.problems).toEqual([]);
    expect(read.events).toEqual(recorder.events);
  });

  it("refuses a retry event without its status or wait, naming the field", () => {
    const data = { step: 1, attempt: 1, error: "x", durationMs: 1 };
    const bad = { ...ENVELOPE, v: 2, seq: 0, ts: "2025-01-01T00:00:00.000Z", type: "model_retry", data };
    const read = parseTrace(`${JSON.stringify(bad)}\n`, "bad.jsonl");
    expect(read.events).toEqual([]);
    expect(read.problems[0]!.message).toMatch(/data\.status/);
    expect(read.problems[0]!.message).toMatch(/data\.waitMs/);
  });
});
