// Reads, for every task run of a folder, what its detail view shows (the I/O half of the report).
import type { InstanceRun, RunFolder } from "../run-folder.js";
import { loadRunDetail } from "../run-folder.js";
import { bounded, MAX_LOG_CHARS, patchFiles, trajectorySteps, type RunDetailData } from "./page-data.js";

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
    diff: patchFiles(d.patch),
    tests: run.testsStatus,
    log: bounded(d.testOutput, MAX_LOG_CHARS, "tail"),
  };
}
