// Tokens and cost of an external agent (a preset) come from its agent_end event: it makes no model_response events.
import { describe, expect, it } from "vitest";
import { trajectoryMetrics } from "../../../src/report/trajectory-metrics.js";
import { TraceEventSchema, type TraceEvent } from "../../../src/trace/events.js";

const envelope = (seq: number) => ({ v: 2, runId: "r", taskId: "t", sample: 0, seq, ts: `2026-01-01T00:00:0${seq}.000Z` });

describe("trajectory usage", () => {
  it("adds the usage an agent_end event carries, and reads such an event back through the schema", () => {
    const events: TraceEvent[] = [
      { ...envelope(0), type: "tool_call", data: { id: "1", name: "submit", arguments: {}, step: 1 } },
      {
        ...envelope(1),
        type: "agent_end",
        data: { reason: "submitted", detail: null, usage: { inputTokens: 4000, outputTokens: 160, costUsd: 0.0144 } },
      },
    ].map((e) => TraceEventSchema.parse(e));
    expect(trajectoryMetrics(events, [])).toMatchObject({ inputTokens: 4000, outputTokens: 160, costUsd: 0.0144, toolCalls: 1 });
    const withoutUsage = events.map((e) => (e.type === "agent_end" ? { ...e, data: { reason: e.data.reason, detail: null } } : e));
    expect(trajectoryMetrics(withoutUsage, [])).toMatchObject({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
  });
});
