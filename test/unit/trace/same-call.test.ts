// One rule for "the same tool call", and the three places that ask it agree: the repeated-call metric,
// the model agent's repeat warning (tested with the agent) and offline replay's call comparison.
import { describe, expect, it } from "vitest";
import { trajectoryMetrics } from "../../../src/report/trajectory-metrics.js";
import { OfflineToolBox } from "../../../src/runner/offline-toolbox.js";
import type { TraceEvent } from "../../../src/trace/events.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { sameToolCall } from "../../../src/trace/same-call.js";

const read = (args: unknown) => ({ name: "read_file", arguments: args });

describe("sameToolCall", () => {
  it("ignores key order and whether the arguments came as JSON text", () => {
    expect(sameToolCall(read({ path: "a", start_line: 1 }), read({ start_line: 1, path: "a" }))).toBe(true);
    expect(sameToolCall(read({ path: "a", start_line: 1 }), read('{"start_line":1,"path":"a"}'))).toBe(true);
    expect(sameToolCall(read({ nested: { b: 1, a: [2, { d: 1, c: 0 }] } }), read({ nested: { a: [2, { c: 0, d: 1 }], b: 1 } }))).toBe(true);
  });

  it("tells apart other tools, other values, and a string that is not JSON of the same value", () => {
    expect(sameToolCall(read({ path: "a" }), { name: "outline", arguments: { path: "a" } })).toBe(false);
    expect(sameToolCall(read({ path: "a" }), read({ path: "b" }))).toBe(false);
    expect(sameToolCall(read({ n: 1 }), read({ n: "1" }))).toBe(false);
    expect(sameToolCall(read("not json"), read("not json"))).toBe(true);
    expect(sameToolCall(read([1, 2]), read([2, 1]))).toBe(false);
  });
});

describe("the places that compare calls agree", () => {
  const first = { id: "1", ...read({ path: "a", start_line: 1 }) };
  const again = { id: "2", ...read('{"start_line":1,"path":"a"}') };

  it("counts a reordered repeat as a repeated call", () => {
    const base = { v: 2, runId: "r", taskId: "t", sample: 0, ts: "2026-01-01T00:00:00.000Z" } as const;
    const events = [first, again].map(
      (call, i): TraceEvent => ({ ...base, seq: i, type: "tool_call", data: { ...call, step: i + 1 } }) as TraceEvent,
    );
    expect(trajectoryMetrics(events, []).repeatedCalls).toBe(1);
  });

  it("takes a reordered call for the recorded one in offline replay", async () => {
    const box = new OfflineToolBox(
      [{ call: first, step: 1, output: "1\tx", isError: false }],
      new TraceRecorder(undefined, {
        runId: "r",
        taskId: "t",
        sample: 0,
      }),
    );
    expect(await box.call(again, 1)).toMatchObject({ output: "1\tx", isError: false });
    expect(box.divergence).toBeUndefined();
  });
});
