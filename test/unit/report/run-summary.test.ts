// What an agent run's task runs add up to: the official keys from the first samples, pass@k over all
// samples, failure modes, trajectory means (tool error rate weighted by calls), and the runs not run.
import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import type { FailureMode } from "../../../src/report/failure-mode.js";
import { summarizeAgentRun, type SavedTaskRun } from "../../../src/report/run-summary.js";
import type { TrajectoryMetrics } from "../../../src/report/trajectory-metrics.js";
import { makeTask } from "../../helpers/task.js";

const metrics = (steps: number, toolCalls: number, toolErrorRate: number, costUsd: number): TrajectoryMetrics => ({
  ...{ steps, inputTokens: 10 * steps, outputTokens: steps, costUsd, wallSeconds: 1, toolCalls, toolCallsByName: {}, toolErrorRate },
  ...{ repeatedCalls: 0, ranTestsBeforeSubmit: steps > 2, submitted: true, filesViewed: [], filesEdited: [] },
  ...{ editPrecision: null, editRecall: steps > 2 ? 1 : 0, viewRecall: 0 },
});

function taskRun(
  taskId: string,
  sample: number,
  resolved: boolean,
  m: TrajectoryMetrics,
  failureMode: FailureMode | null = null,
): SavedTaskRun {
  const status = resolved ? "resolved" : "unresolved";
  const grade: InstanceOutcome = {
    ...{ instanceId: taskId, model: "m1", status, timings: { totalMs: 1000 } },
    report: { patch_is_None: false, patch_exists: true, patch_successfully_applied: true, resolved },
  };
  return {
    record: { taskId, sample, status, resolved, agentReason: "submitted", agentDetail: null, failureMode, metrics: m, durationMs: 1000 },
    grade,
  };
}

describe("summarizeAgentRun", () => {
  const tasks = ["a-1", "b-2", "c-3"].map((id) => makeTask({ id }));
  const finished = [
    taskRun("b-2", 1, true, metrics(4, 10, 0, 0.5)),
    taskRun("a-1", 0, true, metrics(4, 10, 0.1, 0.25)),
    taskRun("a-1", 1, false, metrics(2, 30, 0.5, 0.25), "assertion_failure"),
    taskRun("b-2", 0, false, metrics(2, 0, 0, 0), "assertion_failure"),
  ];
  const summary = summarizeAgentRun({
    ...{ runId: "r", agent: { name: "openai", model: "m1" }, samples: 2, tasks, finished },
    ...{ notRun: [{ taskId: "c-3", sample: 1 }], wallSeconds: 3 },
  });

  it("takes the official keys from the first sample of each task, and counts a first sample not run as incomplete", () => {
    expect(summary).toMatchObject({ resolved_ids: ["a-1"], unresolved_ids: ["b-2"], total_instances: 3 });
    expect(summary.agent).toEqual({ name: "openai", model: "m1", samples: 2 });
    expect(summary.swerig.complete).toBe(false);
  });

  it("computes pass@k over every sample, failure modes, and means over the runs", () => {
    expect(summary.pass_at_k.overall["pass@1"]).toBeCloseTo(0.5);
    expect(summary.pass_at_k.perTask["a-1"]).toEqual({ "pass@1": 0.5 });
    expect(summary.failure_modes).toEqual({ assertion_failure: 2 });
    expect(summary.trajectory).toMatchObject({ mean_steps: 3, total_cost_usd: 1, total_input_tokens: 120, ran_tests_before_submit: 2 });
    expect(summary.trajectory.tool_error_rate).toBeCloseTo((0.1 * 10 + 0.5 * 30) / 50);
    expect(summary.trajectory.mean_edit_recall).toBe(0.5);
  });

  it("sorts the runs and those not run by task and sample", () => {
    expect(summary.runs.map((r) => `${r.taskId}#${r.sample}`)).toEqual(["a-1#0", "a-1#1", "b-2#0", "b-2#1"]);
    expect(summary.not_run).toEqual([{ taskId: "c-3", sample: 1 }]);
    expect(summary.stopped_early).toBeUndefined();
  });

  it("says where and why a run stopped early, and how many task runs were not started", () => {
    const stopped = summarizeAgentRun({
      ...{ runId: "r", agent: { name: "openai", model: null }, samples: 1, tasks, finished: [], notRun: [], wallSeconds: 0 },
      stoppedEarly: { taskId: "a-1", reason: "HTTP 401", notStarted: 2 },
    });
    expect(stopped.stopped_early).toEqual({ taskId: "a-1", reason: "HTTP 401", not_started: 2 });
  });
});
