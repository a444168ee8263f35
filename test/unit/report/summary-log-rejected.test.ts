// A run with one instance of each outcome, written to a run folder the way grading writes it; the
// official keys of the summary must equal what SWE-bench 5.0.x's make_run_report counts from those
// report.json files (restated below from its rules), and a rejected log keeps its reason in ours.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withInfraLabel } from "../../../src/grader/infra-failure.js";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { emptyPatchReport, gradedReport, logRejectionReason, rejectedLogReport } from "../../../src/grader/official-report.js";
import type { Prediction } from "../../../src/grader/predictions.js";
import type { TestsStatus } from "../../../src/grader/resolution.js";
import { summarize } from "../../../src/report/summary.js";
import { RunStore } from "../../../src/runner/run-store.js";
import { makeTask } from "../../helpers/task.js";

const none = { success: [], failure: [] };
const tests = (pass: boolean): TestsStatus => ({
  FAIL_TO_PASS: pass ? { success: ["t"], failure: [] } : { success: [], failure: ["t"] },
  PASS_TO_PASS: none,
  FAIL_TO_FAIL: none,
  PASS_TO_FAIL: none,
});
const at = (instanceId: string, rest: Omit<InstanceOutcome, "instanceId" | "model" | "timings">): InstanceOutcome => ({
  instanceId,
  model: "acme/m",
  timings: { totalMs: 1000 },
  ...rest,
});

const INTERNAL_ERROR_LOG = "collected 19 items\nINTERNALERROR> RuntimeError: boom\n";
const OOM_LOG = "collected 19 items\nKilled\n";
const outcomes = [
  at("a-resolved", { status: "resolved", report: gradedReport(true, tests(true), "v5") }),
  at("b-unresolved", { status: "unresolved", report: gradedReport(false, tests(false), "v5") }),
  at("c-rejected", {
    status: "log_rejected",
    reason: logRejectionReason("c-rejected", { harness: "no test results", swerig: "no pytest summary line" }, "v5", false),
    logRejection: { harness: "no test results", swerig: "no pytest summary line" },
    report: rejectedLogReport(INTERNAL_ERROR_LOG, "v5"),
  }),
  at("d-forged", {
    status: "log_rejected",
    reason: logRejectionReason("d-forged", { swerig: "results after the final tally" }, "v5", false),
    logRejection: { swerig: "results after the final tally" },
    report: rejectedLogReport("PASSED t\n", "v5"),
  }),
  at("e-oom", {
    status: "log_rejected",
    reason: logRejectionReason("e-oom", { harness: "no test results" }, "v5", true),
    logRejection: { harness: "no test results" },
    report: rejectedLogReport(OOM_LOG, "v5"),
    infraFailure: { reason: "out_of_memory", tier: "environment" },
  }),
  // As grading labels an instance whose grading threw (grade-suite, run-task).
  withInfraLabel(at("f-error", { status: "error", reason: "f-error: docker_error: Error response from daemon: conflict" })),
  at("g-timeout", {
    status: "timeout",
    reason: "g-timeout: the tests ran longer than 60 s and were killed",
    infraFailure: { reason: "tests_timed_out", tier: "ambiguous" },
  }),
  at("h-empty", { status: "empty_patch", reason: "h-empty: the prediction has no patch", report: emptyPatchReport("", "v5") }),
];
const ids = outcomes.map((o) => o.instanceId);
const predictions: Prediction[] = ids.map((id) => ({
  instanceId: id,
  model: "acme/m",
  patch: id === "h-empty" ? "" : "diff",
  origin: "p",
}));

/** 5.0.x make_run_report's counting: empty patch first; then report.json present → completed, by `resolved`; else error. */
async function officialCounts(runDir: string) {
  const list = (): string[] => [];
  const ids = { completed: list(), resolved: list(), unresolved: list(), error: list(), empty: list() };
  for (const p of predictions) {
    if (p.patch === "" || p.patch === null) {
      ids.empty.push(p.instanceId);
      continue;
    }
    const text = await readFile(join(runDir, p.instanceId, "report.json"), "utf8").catch(() => undefined);
    if (text === undefined) {
      ids.error.push(p.instanceId);
      continue;
    }
    ids.completed.push(p.instanceId);
    const report = (JSON.parse(text) as Record<string, { resolved: boolean }>)[p.instanceId]!;
    (report.resolved ? ids.resolved : ids.unresolved).push(p.instanceId);
  }
  return ids;
}

const root = await mkdtemp(join(tmpdir(), "swerig-summary-rejected-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("a run with resolved, unresolved, rejected, error, timeout and empty instances", async () => {
  const store = new RunStore(join(root, "run-1"));
  for (const o of outcomes) await store.saveOutcome(o);
  const summary = summarize({
    runId: "run-1",
    semantics: "v5",
    tasks: ids.map((id) => makeTask({ id })),
    predictions,
    outcomes: new Map(outcomes.map((o) => [o.instanceId, o])),
    wallSeconds: 1,
  });

  it("counts rejected logs as completed and unresolved, as 5.0.x counts the report.json files", async () => {
    const official = await officialCounts(store.runDir);
    expect(summary).toMatchObject({
      completed_ids: official.completed,
      resolved_ids: official.resolved,
      unresolved_ids: official.unresolved,
      error_ids: official.error,
      empty_patch_ids: official.empty,
      completed_instances: 5,
      resolved_instances: 1,
      unresolved_instances: 4,
      error_instances: 2,
      empty_patch_instances: 1,
    });
    expect(summary.unresolved_ids).toEqual(["b-unresolved", "c-rejected", "d-forged", "e-oom"]);
  });

  it("keeps swerig's status and reason for each rejected log, and which checks refused it", () => {
    expect(summary.swerig.statuses).toMatchObject({ log_rejected: 3, unresolved: 1, resolved: 1, error: 1, timeout: 1, empty_patch: 1 });
    expect(summary.swerig.rejected_logs.map((r) => [r.instance_id, r.rejected_by])).toEqual([
      ["c-rejected", "both"],
      ["d-forged", "swerig"],
      ["e-oom", "harness"],
    ]);
    expect(summary.swerig.rejected_logs[1]!.reason).toContain("SWE-bench 5.0.x would have graded it");
    expect(summary.swerig.errors.map((e) => e.instance_id)).toEqual(["f-error", "g-timeout"]);
  });

  it("labels likely environment faults among the instances not resolved, in the keys and order of 5.0.x", () => {
    expect(summary).toMatchObject({
      infra_failure_instances: 2,
      ambiguous_failure_instances: 1,
      infra_failure_ids: ["e-oom", "f-error"],
      ambiguous_failure_ids: ["g-timeout"],
      failure_reasons: { "e-oom": "out_of_memory", "f-error": "container_unavailable", "g-timeout": "tests_timed_out" },
    });
    expect(Object.keys(summary).slice(0, 20)).toEqual([
      "total_instances",
      "submitted_instances",
      "completed_instances",
      "resolved_instances",
      "unresolved_instances",
      "infra_failure_instances",
      "ambiguous_failure_instances",
      "empty_patch_instances",
      "error_instances",
      "completed_ids",
      "incomplete_ids",
      "empty_patch_ids",
      "submitted_ids",
      "resolved_ids",
      "unresolved_ids",
      "infra_failure_ids",
      "ambiguous_failure_ids",
      "failure_reasons",
      "error_ids",
      "schema_version",
    ]);
  });

  it("has no label keys under v4 (4.1 had none)", () => {
    const tasks = [makeTask({ id: "e-oom" })];
    const v4 = summarize({ runId: "r", semantics: "v4", tasks, predictions, outcomes: new Map(), wallSeconds: 0 });
    expect(v4).not.toHaveProperty("failure_reasons");
    expect(v4).not.toHaveProperty("infra_failure_instances");
  });

  it("writes report.json for a rejected log as 5.0.x does, and resumes it as done", async () => {
    expect(JSON.parse(await readFile(join(store.runDir, "e-oom", "report.json"), "utf8"))).toEqual({
      "e-oom": {
        patch_is_None: false,
        patch_exists: true,
        patch_successfully_applied: false,
        resolved: false,
        infra_failure: true,
        infra_failure_reason: "out_of_memory",
      },
    });
    expect(await store.loadCompleted("c-rejected")).toEqual(outcomes[2]);
    expect(await store.loadCompleted("f-error")).toBeUndefined();
  });
});
