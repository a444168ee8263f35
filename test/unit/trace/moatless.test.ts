import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import { compareWithSubmission } from "../../../src/grader/submission-diff.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import { importMoatlessTrajectory, moatlessSearchCalls } from "../../../src/trace/importers/index.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { baseFromPatch } from "../../helpers/patch-base.js";
import { makeToolContext } from "../../helpers/tool-context.js";
import { calls, expectValidArguments, expectWellFormed, ofType } from "./imported-fixture.js";

const DIR = new URL("../../fixtures/trajectories/moatless__20240617_moatless_gpt4o/", import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: another tool's trajectory, read field by field in the assertions
const MOATLESS = (id: string): any => JSON.parse(readFileSync(new URL(`${id}.json`, DIR), "utf8"));

const cases = [
  {
    id: "psf__requests-3362",
    names: ["search", "read_file", "edit_file", "read_file", "edit_file", "read_file", "edit_file", "submit"],
    steps: 10,
  },
  {
    id: "pytest-dev__pytest-7373",
    names: ["find_definition", "find_definition", "search", "read_file", "edit_file", "read_file", "edit_file", "submit"],
    steps: 12,
  },
  { id: "sympy__sympy-24152", names: ["find_definition", "read_file", "edit_file", "submit"], steps: 6 },
];

describe("importMoatlessTrajectory on Moatless Tools' trajectories", () => {
  it.each(cases)("$id: a model turn per action; searches, spans, edits per hunk and Finished as our calls", ({ id, names, steps }) => {
    const json = MOATLESS(id);
    const r = importMoatlessTrajectory(json, { runId: "imported" });
    expectWellFormed(r);
    expectValidArguments(r);
    expect(r.taskId).toBe(id);
    expect(calls(r).map((c) => c.name)).toEqual(names);
    expect(r.stats.steps).toBe(steps);
    expect(r.submission).toBe(json.info.submission);
    expect(ofType(r, "patch")[0]!.data.patch).toBe(json.info.submission);
    expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "submitted", detail: null });
    const costs = ofType(r, "model_response").reduce((sum, e) => sum + e.data.costUsd, 0);
    const recorded = json.transitions.flatMap((t: { actions?: { completion_cost: number }[] }) => t.actions ?? []);
    expect(costs).toBeCloseTo(
      recorded.reduce((sum: number, a: { completion_cost: number }) => sum + a.completion_cost, 0),
      10,
    );
    // Every approximation is a read-only search; every edit maps exactly.
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(p).toMatch(/\(SearchCode\).*approximated/);
    expect(ofType(r, "run_start")[0]!.data).toMatchObject({ agent: "moatless", model: "gpt-4o-2024-05-13" });
    expect(ofType(r, "run_start")[0]!.data.settings["import_notes"]).toEqual(r.problems);
  });

  it("carries the edit's instructions and span into the model turn, and its recorded diff as the observation", () => {
    const r = importMoatlessTrajectory(MOATLESS("sympy__sympy-24152"), { runId: "r" });
    const edit = ofType(r, "model_response").find((e) => e.data.toolCalls.some((c) => c.name === "edit_file"))!;
    expect(edit.data.text).toMatch(/^instructions: .+\nspan: sympy\/physics\/quantum\/tensorproduct\.py .+ lines 241-257\n\n<replace>/s);
    const result = ofType(r, "tool_result").find((e) => e.data.name === "edit_file")!;
    expect(result.data.output).toMatch(/^Applied the change to sympy\/physics\/quantum\/tensorproduct\.py\.\n--- sympy/);
    expect(result.data.edited).toEqual(["sympy/physics/quantum/tensorproduct.py"]);
  });

  it("maps search requests: names to find_definition, snippets literally, a semantic query by its words", () => {
    expect(
      moatlessSearchCalls({ class_name: "A", function_name: "run", code_snippet: "x = f(1)\ny = 2", file_pattern: "src/a.py" }),
    ).toEqual({
      calls: [
        { name: "find_definition", arguments: { symbol: "A.run" } },
        { name: "search", arguments: { pattern: "x = f\\(1\\)", glob: "**/src/a.py" } },
      ],
      approximations: [
        "find_definition A.run: their file pattern src/a.py dropped (it takes no glob)",
        "a multi-line code snippet searched for by its first line (search matches one line at a time)",
      ],
    });
    expect(moatlessSearchCalls({ file_pattern: "**/*.py" }).calls).toEqual([{ name: "find_files", arguments: { pattern: "**/*.py" } }]);
  });

  it("records an edit without a diff, and a rejected run, without inventing calls", () => {
    const r = importMoatlessTrajectory(
      {
        transitions: [
          { name: "EditCode", state: {}, actions: [{ action: { content: "<reject>\nno" }, output: { message: "Rejected" } }] },
          { name: "Rejected", state: { message: "gave up" } },
        ],
        info: { instance_id: "o__r-1" },
      },
      { runId: "r" },
    );
    expectWellFormed(r);
    expect(calls(r)).toEqual([]);
    expect(r.problems).toEqual(["transition 1 (EditCode), step 1: not imported as a tool call: their edit changed nothing (Rejected)"]);
    expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "finished", detail: "their last state: Rejected" });
    expect(r.submission).toBeNull();
  });

  it("names the bad field of something that is not a Moatless trajectory", () => {
    expect(() => importMoatlessTrajectory({ transitions: [{}], info: {} }, { runId: "r" })).toThrow(SwerigError);
    expect(() => importMoatlessTrajectory({ transitions: [{}], info: {} }, { runId: "r" })).toThrow(/transitions\.0\.name/);
  });
});

describe("Moatless edits replayed through our tools reproduce the recorded submission", () => {
  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

  // Sound where the submission shows the file: the base is the submission's old side at its own line
  // numbers (fillers elsewhere). Not checked: that no unseen part of the real file repeats an edit's old text.
  it.each(cases.map((c) => c.id))(
    "%s: every edit_file call applies, and the final diff equals info.submission file by file",
    async (id) => {
      const r = importMoatlessTrajectory(MOATLESS(id), { runId: "imported" });
      const submission = r.submission!;
      const ctx = await makeToolContext(Object.fromEntries(baseFromPatch(submission)));
      roots.push(ctx.root);
      const box = new RecordingToolBox(BUILTIN_TOOLS, ctx, new TraceRecorder(undefined, { runId: "replay", taskId: id, sample: 0 }));
      for (const e of ofType(r, "tool_call").filter((c) => c.data.name === "edit_file")) {
        const result = await box.call(e.data, e.data.step);
        expect(result.isError, result.output).toBe(false);
      }
      const read = async (path: string) => readFileSync(join(ctx.root, path), "utf8");
      const comparison = await compareWithSubmission(await ctx.workspace.diff(), submission, read);
      expect(comparison).toMatchObject({ equal: true, onlyReplayed: [], onlySubmission: [], differing: [] });
      expect(comparison.same.length).toBeGreaterThan(0);
    },
  );
});
