// Instances an interrupted run never finished: counted as not run (incomplete), never as errors, and
// the summary says it is partial.
import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import type { Prediction } from "../../../src/grader/predictions.js";
import { summarize } from "../../../src/report/summary.js";
import { notRunOutcome } from "../../../src/report/run-summary.js";
import { makeTask } from "../../helpers/task.js";

const tasks = ["a-1", "b-2", "c-3"].map((id) => makeTask({ id }));
const predictions: Prediction[] = tasks.map((t) => ({ instanceId: t.id, model: "m", patch: "diff", origin: "p" }));
const resolved: InstanceOutcome = {
  instanceId: "a-1",
  model: "m",
  status: "resolved",
  report: { patch_is_None: false, patch_exists: true, patch_successfully_applied: true, resolved: true },
  timings: { totalMs: 4000 },
};

describe("summaries with not_run instances", () => {
  it("counts them as incomplete, not as errors, marks the summary partial and leaves them out of durations", () => {
    const outcomes = new Map([
      ["a-1", resolved],
      ["b-2", notRunOutcome("b-2", "m")],
    ]);
    const s = summarize({ runId: "r", semantics: "v5", tasks, predictions, outcomes, wallSeconds: 5 });
    expect(s.resolved_ids).toEqual(["a-1"]);
    expect(s.incomplete_ids).toEqual(["b-2"]);
    expect(s.error_ids).toEqual(["c-3"]);
    expect(s.swerig.statuses).toEqual({ resolved: 1, not_run: 1, error: 1 });
    expect(s.swerig.complete).toBe(false);
    expect(s.swerig.not_run_ids).toEqual(["b-2"]);
    expect(s.swerig.errors.map((e) => e.instance_id)).toEqual(["c-3"]);
    expect(s.swerig.durations_s.instance_median).toBe(4);
  });

  it("is complete when no instance is not_run", () => {
    const s = summarize({
      runId: "r",
      semantics: "v5",
      tasks: [tasks[0]!],
      predictions,
      outcomes: new Map([["a-1", resolved]]),
      wallSeconds: 1,
    });
    expect(s.swerig).toMatchObject({ complete: true, not_run_ids: [] });
  });
});
