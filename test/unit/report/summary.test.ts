import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { InstanceOutcome, InstanceStatus, OfficialInstanceReport } from "../../../src/grader/instance-outcome.js";
import type { Prediction } from "../../../src/grader/predictions.js";
import { summarize, type RunSummary } from "../../../src/report/summary.js";
import type { Task } from "../../../src/tasks/task.js";
import { makeTask } from "../../helpers/task.js";

const SAMPLE = new URL("../../fixtures/unit/deepseek-lite-dev/", import.meta.url);

function task(id: string, extra: Partial<Task> = {}): Task {
  return makeTask({
    id,
    repo: `${id.split("__")[0]}/${id.split("__")[1]?.replace(/-\d+$/, "") ?? "x"}`,
    image: { kind: "swebench", name: "img" },
    origin: { kind: "dataset", file: "d.jsonl", line: 1 },
    ...extra,
  });
}

const prediction = (instanceId: string, patch: string | null, model = "acme/model-1"): Prediction => ({
  instanceId,
  model,
  patch,
  origin: `p.jsonl:${instanceId}`,
});

const report = (resolved: boolean): OfficialInstanceReport => ({
  patch_is_None: false,
  patch_exists: true,
  patch_successfully_applied: true,
  resolved,
  tests_status: {
    FAIL_TO_PASS: { success: resolved ? ["t"] : [], failure: resolved ? [] : ["t"] },
    PASS_TO_PASS: { success: [], failure: [] },
    FAIL_TO_FAIL: { success: [], failure: [] },
    PASS_TO_FAIL: { success: [], failure: [] },
  },
});

function outcome(instanceId: string, status: InstanceStatus, extra: Partial<InstanceOutcome> = {}): InstanceOutcome {
  return { instanceId, model: "acme/model-1", status, timings: { totalMs: 1000 }, ...extra };
}

/** The keys of the official run report (SWEBENCH.md §8). */
const OFFICIAL_KEYS = [
  "total_instances",
  "submitted_instances",
  "completed_instances",
  "resolved_instances",
  "unresolved_instances",
  "empty_patch_instances",
  "error_instances",
  "completed_ids",
  "incomplete_ids",
  "empty_patch_ids",
  "submitted_ids",
  "resolved_ids",
  "unresolved_ids",
  "error_ids",
  "schema_version",
] as const;

function officialPart(summary: RunSummary): Record<string, unknown> {
  return Object.fromEntries(OFFICIAL_KEYS.map((k) => [k, summary[k]]));
}

describe("summarize", () => {
  // One instance of every kind, ids out of order on purpose.
  const tasks = [
    task("z__resolved-1", { kind: "bug", difficulty: "easy", language: "python" }),
    task("a__unresolved-2", { kind: "bug", difficulty: "hard", language: "typescript" }),
    task("m__error-3", { kind: "feature", difficulty: "hard", language: "typescript" }),
    task("b__empty-4", { kind: "feature", language: "python" }),
    task("c__null-5", { kind: "bug", difficulty: "easy", language: "go" }),
    task("d__unpredicted-6", { difficulty: "medium", language: "go" }),
    task("e__timeout-7", { kind: "bug", difficulty: "medium", language: "python" }),
    task("f__resolved-8", { kind: "refactor", difficulty: "medium", language: "python" }),
    task("g__not-graded-9", { kind: "bug", difficulty: "easy", language: "python" }),
  ];
  const predictions = [
    prediction("z__resolved-1", "diff z"),
    prediction("a__unresolved-2", "diff a", "acme/model-2"),
    prediction("m__error-3", "diff m"),
    prediction("b__empty-4", ""),
    prediction("c__null-5", null),
    prediction("e__timeout-7", "diff e"),
    prediction("f__resolved-8", "diff f"),
    prediction("g__not-graded-9", "diff g"),
  ];
  const outcomes = new Map<string, InstanceOutcome>(
    [
      outcome("z__resolved-1", "resolved", { report: report(true), timings: { totalMs: 4000 } }),
      outcome("a__unresolved-2", "unresolved", { report: report(false), timings: { totalMs: 2000 } }),
      outcome("m__error-3", "error", { reason: "m__error-3: the test log cannot be graded", timings: { totalMs: 1000 } }),
      outcome("e__timeout-7", "timeout", { reason: "e__timeout-7: the tests ran longer than 60 s", timings: { totalMs: 61000 } }),
      outcome("f__resolved-8", "resolved", { report: report(true), timings: { totalMs: 3000 } }),
    ].map((o) => [o.instanceId, o]),
  );
  const summary = summarize({ runId: "run-1", semantics: "v5", tasks, predictions, outcomes, wallSeconds: 12.345 });

  it("computes the official counts and sorted id lists as the harness does", () => {
    expect(officialPart(summary)).toEqual({
      total_instances: 9,
      submitted_instances: 8,
      completed_instances: 3,
      resolved_instances: 2,
      unresolved_instances: 1,
      empty_patch_instances: 2,
      error_instances: 3,
      completed_ids: ["a__unresolved-2", "f__resolved-8", "z__resolved-1"],
      incomplete_ids: ["d__unpredicted-6"],
      empty_patch_ids: ["b__empty-4", "c__null-5"],
      submitted_ids: [
        "a__unresolved-2",
        "b__empty-4",
        "c__null-5",
        "e__timeout-7",
        "f__resolved-8",
        "g__not-graded-9",
        "m__error-3",
        "z__resolved-1",
      ],
      resolved_ids: ["f__resolved-8", "z__resolved-1"],
      unresolved_ids: ["a__unresolved-2"],
      error_ids: ["e__timeout-7", "g__not-graded-9", "m__error-3"],
      schema_version: 2,
    });
  });

  it("lists each error with its status and reason, an instance without an outcome as not graded", () => {
    expect(summary.swerig.errors).toEqual([
      { instance_id: "e__timeout-7", status: "timeout", reason: "e__timeout-7: the tests ran longer than 60 s" },
      { instance_id: "g__not-graded-9", status: "error", reason: "not graded" },
      { instance_id: "m__error-3", status: "error", reason: "m__error-3: the test log cannot be graded" },
    ]);
    expect(summary.swerig.statuses).toEqual({ resolved: 2, unresolved: 1, error: 2, timeout: 1, empty_patch: 2 });
  });

  it("slices totals and resolved counts by language, kind and difficulty, with sorted keys", () => {
    expect(summary.swerig.by_language).toEqual({
      go: { total: 2, resolved: 0 },
      python: { total: 5, resolved: 2 },
      typescript: { total: 2, resolved: 0 },
    });
    expect(Object.keys(summary.swerig.by_language)).toEqual(["go", "python", "typescript"]);
    expect(summary.swerig.by_kind).toEqual({
      bug: { total: 5, resolved: 1 },
      feature: { total: 2, resolved: 0 },
      refactor: { total: 1, resolved: 1 },
      unknown: { total: 1, resolved: 0 },
    });
    expect(summary.swerig.by_difficulty).toEqual({
      easy: { total: 3, resolved: 1 },
      hard: { total: 2, resolved: 0 },
      medium: { total: 3, resolved: 1 },
      unknown: { total: 1, resolved: 0 },
    });
    expect(Object.keys(summary.swerig.by_difficulty)).toEqual(["easy", "hard", "medium", "unknown"]);
  });

  it("records the run, its models and its durations", () => {
    expect(summary.swerig).toMatchObject({
      run_id: "run-1",
      semantics: "v5",
      models: ["acme/model-1", "acme/model-2"],
      durations_s: { wall: 12.35, instance_median: 3, instance_max: 61 },
    });
  });

  it("counts a task without a prediction as incomplete even when an outcome exists for it", () => {
    const s = summarize({
      runId: "r",
      semantics: "v5",
      tasks: [task("a__a-1"), task("a__a-2")],
      predictions: [prediction("a__a-1", "diff")],
      outcomes: new Map([["a__a-2", outcome("a__a-2", "resolved", { report: report(true) })]]),
      wallSeconds: 0,
    });
    expect(officialPart(s)).toMatchObject({ incomplete_ids: ["a__a-2"], resolved_ids: [], error_ids: ["a__a-1"], submitted_instances: 1 });
  });
});

const Outcomes = z.object({ success: z.array(z.string()), failure: z.array(z.string()) });
const ReportFileSchema = z.record(
  z.string(),
  z.object({
    patch_is_None: z.boolean(),
    patch_exists: z.boolean(),
    patch_successfully_applied: z.boolean(),
    resolved: z.boolean(),
    tests_status: z.object({ FAIL_TO_PASS: Outcomes, PASS_TO_PASS: Outcomes, FAIL_TO_FAIL: Outcomes, PASS_TO_FAIL: Outcomes }).optional(),
  }),
);

describe("summarize against the official run report of mini-swe-agent + deepseek-chat on Lite dev", () => {
  it("reproduces every count and id list of the official summary from its 23 report.json files", () => {
    const ids = readdirSync(SAMPLE, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(ids).toHaveLength(23);
    const outcomes = new Map<string, InstanceOutcome>();
    for (const id of ids) {
      const reports = ReportFileSchema.parse(JSON.parse(readFileSync(new URL(`${id}/report.json`, SAMPLE), "utf8")));
      const official: OfficialInstanceReport = reports[id]!;
      outcomes.set(id, outcome(id, official.resolved ? "resolved" : "unresolved", { model: "deepseek/deepseek-chat", report: official }));
    }
    const summary = summarize({
      runId: "deepseek_chat_dev",
      semantics: "v4",
      tasks: ids.map((id) => task(id)),
      predictions: ids.map((id) => prediction(id, `diff --git a/${id} b/${id}\n`, "deepseek/deepseek-chat")),
      outcomes,
      wallSeconds: 0,
    });
    const expected = JSON.parse(readFileSync(new URL("deepseek__deepseek-chat.deepseek_chat_dev.json", SAMPLE), "utf8")) as Record<
      string,
      unknown
    >;
    expect(Object.keys(expected).sort()).toEqual([...OFFICIAL_KEYS].sort());
    expect(officialPart(summary)).toEqual(expected);
  });
});
