// Reads, for every task run of a folder, what its detail view shows, and the flaky tests the traces
// folder's record holds for the run's instances (the I/O half of the report).
import { dirname, join } from "node:path";
import { FLAKE_RECORD_FILE, flippedTests, readFlakeRecord, taskSetId, type FlippedTest } from "../flake-record.js";
import type { InstanceRun, RunFolder } from "../run-folder.js";
import { loadRunDetail } from "../run-folder.js";
import { bounded, MAX_LOG_CHARS, diffFiles, trajectorySteps, type RunDetailData } from "./page-data.js";

export async function collectRunDetails(folder: RunFolder): Promise<RunDetailData[]> {
  const out: RunDetailData[] = [];
  for (const run of folder.runs) out.push(await detailOf(run));
  return out;
}

async function detailOf(run: InstanceRun): Promise<RunDetailData> {
  const d = await loadRunDetail(run);
  return {
    agentReason: run.agentReason ?? "",
    steps: trajectorySteps(d.events),
    tornTail: d.tornTail,
    diff: diffFiles(d.patch),
    tests: run.testsStatus,
    reruns: run.evalRuns
      ? {
          runs: run.evalRuns.runs.map(({ attempt, status, failing }) => ({ attempt, status, failing })),
          flipped: run.evalRuns.flipped.map(({ test, statuses }) => ({ test, statuses })),
        }
      : null,
    log: bounded(d.testOutput, MAX_LOG_CHARS, "tail"),
  };
}

/** The tests that flipped, from the record beside the run folder, for the run's task set and instances. */
export async function collectFlakes(folder: RunFolder): Promise<{ tests: FlippedTest[]; problem?: string }> {
  const { record, problem } = await readFlakeRecord(join(dirname(folder.runDir), FLAKE_RECORD_FILE));
  const tasks = folder.manifest?.["tasks"];
  const sha = typeof tasks === "object" && tasks !== null && "sha256" in tasks ? tasks.sha256 : undefined;
  const set = typeof sha === "string" ? taskSetId(sha) : undefined;
  const tests = flippedTests(record, set, new Set(folder.runs.map((r) => r.taskId)));
  return { tests, ...(problem ? { problem } : {}) };
}
