// Reads, for every task run of a folder, what its detail view shows, and the flaky tests the traces
// folder's record holds for the run's instances (the I/O half of the report).
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { parseJsonWith } from "../../core/index.js";
import { FLAKE_RECORD_FILE, flippedTests, readFlakeRecord, taskSetId, type FlippedTest } from "../flake-record.js";
import type { InstanceRun, RunFolder } from "../run-folder.js";
import { loadRunDetail } from "../run-folder.js";
import { readJudged } from "../quality-signals.js";
import { bounded, MAX_LOG_CHARS, diffFiles, trajectorySteps, type RunDetailData } from "./page-data.js";
import { qualityViewOf } from "./quality-view.js";

export async function collectRunDetails(folder: RunFolder): Promise<RunDetailData[]> {
  const out: RunDetailData[] = [];
  for (const run of folder.runs) out.push(await detailOf(run));
  return out;
}

/** status.json's body, or undefined when there is none or it is not a JSON object (the list already names such a file). */
async function readStatusFile(dir: string): Promise<Record<string, unknown> | undefined> {
  const text = await readFile(join(dir, "status.json"), "utf8").catch(() => undefined);
  return parseJsonWith(z.record(z.string(), z.unknown()), text);
}

async function detailOf(run: InstanceRun): Promise<RunDetailData> {
  const d = await loadRunDetail(run);
  const statusFile = await readStatusFile(run.dir);
  const judged = await readJudged(run.dir);
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
    quality: qualityViewOf({ status: run.status, ...(statusFile ? { statusFile } : {}), ...(judged ? { judged } : {}) }),
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
