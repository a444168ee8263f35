// The progress lines of `swerig run` on stderr: done/total, skipped runs said so, sample numbers when
// there are several, agent time and set-up time apart, and the resolved count so far.
import { describe, expect, it } from "vitest";
import { taskRunProgressPrinter } from "../../../src/cli/progress.js";
import type { TaskRunRecord } from "../../../src/report/run-summary.js";
import { trajectoryMetrics } from "../../../src/report/trajectory-metrics.js";

const record = (taskId: string, sample: number, resolved: boolean, durationMs: number, setupMs?: number): TaskRunRecord => ({
  ...{ taskId, sample, status: resolved ? "resolved" : "unresolved", resolved, agentReason: "submitted", agentDetail: null },
  ...{ failureMode: null, metrics: { ...trajectoryMetrics([], []), steps: 7 }, durationMs },
  ...(setupMs !== undefined ? { setupMs } : {}),
});

describe("taskRunProgressPrinter", () => {
  it("counts resolved runs, skipped ones included, and numbers samples", () => {
    const err: string[] = [];
    const print = taskRunProgressPrinter({ out: () => undefined, err: (t) => err.push(t) }, 2);
    print(record("a-1", 0, true, 3000), 1, 3, true);
    print(record("a-1", 1, false, 5500, 2500), 2, 3, false);
    print(record("b-2", 0, true, 1200, 200), 3, 3, false);
    expect(err[0]).toMatch(/^\[1\/3\] skip resolved {3}a-1 #0 \(7 steps, 3\.0s\) \| resolved 1, elapsed \d+s$/);
    expect(err[1]).toMatch(/^\[2\/3\] unresolved a-1 #1 \(7 steps, 3\.0s \+ setup 2\.5s\) \| resolved 1, elapsed \d+s$/);
    expect(err[2]).toMatch(/^\[3\/3\] resolved {3}b-2 #0 \(7 steps, 1\.0s\) \| resolved 2, elapsed \d+s$/);
  });

  it("leaves the sample number out for one sample", () => {
    const err: string[] = [];
    taskRunProgressPrinter({ out: () => undefined, err: (t) => err.push(t) }, 1)(record("a-1", 0, false, 1000), 1, 1, false);
    expect(err).toEqual([expect.stringMatching(/^\[1\/1\] unresolved a-1 \(7 steps, 1\.0s\) \| resolved 0, elapsed \d+s$/)]);
  });
});
