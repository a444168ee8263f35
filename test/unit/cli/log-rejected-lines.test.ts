// The console lines for a rejected log: the progress line says it counts unresolved and who refused
// it; the summary head counts it inside "unresolved"; the instance table shows the reason.
import { describe, expect, it } from "vitest";
import { progressPrinter } from "../../../src/cli/progress.js";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { renderInstances, renderSummary } from "../../../src/report/render-table.js";
import { summarize } from "../../../src/report/summary.js";
import { makeTask } from "../../helpers/task.js";

const rejected: InstanceOutcome = {
  instanceId: "x-1",
  model: "m",
  status: "log_rejected",
  reason: "x-1: the test log cannot be graded, counted unresolved (SWE-bench 5.0.x rejects it: no test results)",
  logRejection: { harness: "no test results", swerig: "no pytest summary line" },
  report: { patch_is_None: false, patch_exists: true, patch_successfully_applied: false, resolved: false, infra_failure: false },
  timings: { totalMs: 2500 },
};

describe("console lines for log_rejected", () => {
  it("prints a progress line that says how it counts", () => {
    const lines: string[] = [];
    const print = progressPrinter({ out: () => undefined, err: (t) => lines.push(t) });
    print({ type: "finished", instanceId: "x-1", outcome: rejected, done: 1, total: 1, resolved: 0 });
    expect(lines[0]).toMatch(/^\[1\/1\] log_rejected {2}x-1 \(2\.5s\) /);
    expect(lines[0]).toContain("[counted unresolved; refused by the harness and swerig] | resolved 0");
  });

  it("counts it among the unresolved in the summary head and shows its reason in the table", () => {
    const summary = summarize({
      runId: "r",
      semantics: "v5",
      tasks: [makeTask({ id: "x-1" })],
      predictions: [{ instanceId: "x-1", model: "m", patch: "diff", origin: "p" }],
      outcomes: new Map([["x-1", rejected]]),
      wallSeconds: 1,
    });
    expect(renderSummary(summary)).toContain("completed 1, unresolved 1 (1 with a rejected log), empty patch 0, error 0");
    expect(renderInstances([rejected])).toContain("log_rejected  -    -    2.5   the test log cannot be graded, counted unresolved");
  });
});
