// The text table `swerig run` prints: one row per task run (sample numbers when there are several, a
// flaky verdict said so, agent time apart from set-up time), then the resolved count and pass@k.
import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { renderTaskRuns } from "../../../src/report/render-task-runs.js";
import { summarizeAgentRun, type SavedTaskRun } from "../../../src/report/run-summary.js";
import { trajectoryMetrics } from "../../../src/report/trajectory-metrics.js";
import { makeTask } from "../../helpers/task.js";

function taskRun(taskId: string, sample: number, resolved: boolean): SavedTaskRun {
  const status = resolved ? "resolved" : "unresolved";
  const grade: InstanceOutcome = {
    ...{ instanceId: taskId, model: "m1", status, timings: { totalMs: 1000 } },
    report: { patch_is_None: false, patch_exists: true, patch_successfully_applied: true, resolved },
  };
  const metrics = { ...trajectoryMetrics([], []), steps: 3, costUsd: 0.125 };
  return {
    record: { taskId, sample, status, resolved, agentReason: "submitted", agentDetail: null, failureMode: null, metrics, durationMs: 4500 },
    grade,
  };
}

const tasks = ["a-1", "b-2"].map((id) => makeTask({ id }));
const agent = { name: "openai", model: "m1" };

describe("renderTaskRuns", () => {
  it("numbers the samples, marks a flaky verdict, splits set-up time off, and ends with pass@k", () => {
    const flaky = taskRun("b-2", 0, false);
    flaky.record = { ...flaky.record, flaky: true, setupMs: 1500, failureMode: "assertion_failure" };
    const finished = [taskRun("a-1", 0, true), taskRun("a-1", 1, false), flaky, taskRun("b-2", 1, true)];
    const text = renderTaskRuns(summarizeAgentRun({ runId: "r", agent, samples: 2, tasks, finished, notRun: [], wallSeconds: 1 }));
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^task\s+status\s+agent end\s+steps\s+cost \$\s+failure mode\s+secs\s+setup secs$/);
    expect(lines[2]).toMatch(/^a-1 #0\s+resolved\s+submitted\s+3\s+0\.1250\s+4\.5\s+0\.0$/);
    expect(lines[4]).toMatch(/^b-2 #0\s+unresolved \(flaky\)\s+submitted\s+3\s+0\.1250\s+assertion_failure\s+3\.0\s+1\.5$/);
    expect(lines.at(-2)).toBe("");
    expect(lines.at(-1)).toBe("openai (m1): 1/2 resolved; pass@1 50.0%");
  });

  it("leaves the sample number out for one sample, and says why there is no pass@k when runs were not run", () => {
    const summary = summarizeAgentRun({
      ...{ runId: "r", agent: { name: "gold", model: null }, samples: 1, tasks, finished: [taskRun("a-1", 0, true)] },
      ...{ notRun: [{ taskId: "b-2", sample: 0 }], wallSeconds: 1 },
    });
    const lines = renderTaskRuns(summary).split("\n");
    expect(lines[2]).toMatch(/^a-1\s+resolved\s/);
    expect(lines.at(-1)).toBe("gold: 1/2 resolved; no pass@k: 1 task runs not run");
  });
});
