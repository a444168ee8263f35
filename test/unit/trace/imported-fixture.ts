// What every importer's output must be, checked the same way for each format: valid events numbered
// from 0, each call followed by its result, readable back from JSONL, and arguments our tools accept.
import { expect } from "vitest";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { TraceEventSchema, type TraceEvent } from "../../../src/trace/events.js";
import type { ImportResult } from "../../../src/trace/importers/index.js";
import { parseTrace } from "../../../src/trace/reader.js";

export const ofType = <T extends TraceEvent["type"]>(r: ImportResult, type: T) =>
  r.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
export const calls = (r: ImportResult) => ofType(r, "tool_call").map((e) => ({ name: e.data.name, arguments: e.data.arguments }));

/** Every event valid, numbered from 0, each tool_call followed by its result, and readable back from JSONL. */
export function expectWellFormed(r: ImportResult): void {
  r.events.forEach((e, i) => {
    expect(TraceEventSchema.safeParse(e).success, `event ${i} (${e.type})`).toBe(true);
    expect(e.seq).toBe(i);
  });
  expect(r.events[0]!.type).toBe("run_start");
  expect(r.events.slice(-2).map((e) => e.type)).toEqual(["agent_end", "patch"]);
  for (const [i, e] of r.events.entries()) {
    if (e.type === "tool_call") expect(r.events[i + 1]).toMatchObject({ type: "tool_result", data: { id: e.data.id, name: e.data.name } });
  }
  const read = parseTrace(r.events.map((e) => `${JSON.stringify(e)}\n`).join(""), "imported.jsonl");
  expect(read.problems).toEqual([]);
  expect(read.events).toEqual(r.events);
}

/** Arguments our tools accept (search and find_files are checked when the registry has them). */
export function expectValidArguments(r: ImportResult): void {
  for (const call of calls(r)) {
    const tool = BUILTIN_TOOLS.find((t) => t.name === call.name);
    if (tool) expect(tool.parameters.safeParse(call.arguments).success, JSON.stringify(call)).toBe(true);
    else expect(["search", "find_files"]).toContain(call.name);
  }
}
