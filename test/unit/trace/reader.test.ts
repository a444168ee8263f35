import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRACE_VERSION } from "../../../src/trace/events.js";
import { parseTrace, readTrace } from "../../../src/trace/reader.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "swerig-trace-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** A short run written by the recorder with a fixed clock. */
async function recordRun(name: string): Promise<{ path: string; recorder: TraceRecorder }> {
  const path = join(dir, name, "trace.jsonl");
  let tick = 0;
  const recorder = new TraceRecorder(
    path,
    { runId: "run-1", taskId: "task-1", sample: 0 },
    () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)),
  );
  recorder.record("run_start", {
    task: { id: "task-1", repo: "o/r", language: "python", baseCommit: "abc" },
    agent: "scripted",
    model: null,
    settings: { limits: { maxSteps: 3 } },
    image: "img",
    imageDigest: null,
  });
  recorder.record("tool_call", { id: "c1", name: "read_file", arguments: { path: "a.py" }, step: 1 });
  recorder.record("tool_result", {
    id: "c1",
    name: "read_file",
    output: "1\tx = 'é'\n",
    isError: false,
    durationMs: 0.5,
    viewed: ["a.py"],
  });
  recorder.record("agent_end", { reason: "submitted", detail: null });
  recorder.record("patch", { patch: "", files: [] });
  recorder.close();
  return { path, recorder };
}

const line = (event: object) => `${JSON.stringify(event)}\n`;
const agentEnd = (seq: number) => ({
  v: TRACE_VERSION,
  runId: "r",
  taskId: "t",
  sample: 0,
  seq,
  ts: "2026-01-01T00:00:00.000Z",
  type: "agent_end",
  data: { reason: "finished", detail: null },
});

describe("readTrace", () => {
  it("reads back what the recorder wrote, event for event", async () => {
    const { path, recorder } = await recordRun("round-trip");
    const read = await readTrace(path);
    expect(read).toEqual({ events: recorder.events, problems: [], tornTail: false });
    expect(read.events.map((e) => [e.seq, e.ts])).toEqual([0, 1, 2, 3, 4].map((s) => [s, `2026-01-01T00:00:0${s}.000Z`]));
  });

  it("drops a torn last line (a crash mid-write) and says so, keeping every complete event", async () => {
    const { path, recorder } = await recordRun("torn");
    const text = await readFile(path, "utf8");
    await appendFile(path, line(agentEnd(5)).slice(0, 40));
    const read = await readTrace(path);
    expect(read).toEqual({ events: recorder.events, problems: [], tornTail: true });
    expect(parseTrace(text.slice(0, -1), "t.jsonl")).toEqual({ events: recorder.events, problems: [], tornTail: false });
  });

  it("reports a bad line in the middle with its file and line number and keeps the lines around it", async () => {
    const { path } = await recordRun("middle");
    const lines = (await readFile(path, "utf8")).split("\n");
    lines.splice(2, 0, '{"v":1,"runId":');
    await writeFile(path, lines.join("\n"));
    const read = await readTrace(path);
    expect(read.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(read.tornTail).toBe(false);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.where).toBe(`${path}:3`);
    expect(read.problems[0]!.message).toMatch(/^not JSON: /);
  });

  it("rejects an event of an unknown type or version, and one with a bad payload, naming the line and the field", () => {
    const text = [
      line(agentEnd(0)),
      line({ ...agentEnd(1), type: "thought", data: { text: "hmm" } }),
      line({ ...agentEnd(2), v: TRACE_VERSION + 1 }),
      line({ ...agentEnd(3), data: { reason: "bored", detail: null } }),
      line({ ...agentEnd(4), extra: true }),
      line(agentEnd(5)),
    ].join("");
    const read = parseTrace(text, "t.jsonl");
    expect(read.events.map((e) => e.seq)).toEqual([0, 5]);
    expect(read.problems.map((p) => p.where)).toEqual(["t.jsonl:2", "t.jsonl:3", "t.jsonl:4", "t.jsonl:5"]);
    expect(read.problems.every((p) => p.message.startsWith("not a trace event: "))).toBe(true);
    expect(read.problems[0]!.message).toMatch(/type/);
    expect(read.problems[1]!.message).toMatch(/\bv: /);
    expect(read.problems[2]!.message).toMatch(/data\.reason: /);
    expect(read.problems[3]!.message).toMatch(/extra/);
  });

  it("reports a complete last line that is not JSON as a problem, not as a torn tail", () => {
    const read = parseTrace(`${line(agentEnd(0))}{oops}\n`, "t.jsonl");
    expect(read).toMatchObject({ tornTail: false, problems: [{ where: "t.jsonl:2" }] });
    expect(read.events).toHaveLength(1);
  });

  it("reads an empty file as an empty trace", () => {
    expect(parseTrace("", "t.jsonl")).toEqual({ events: [], problems: [], tornTail: false });
  });
});
