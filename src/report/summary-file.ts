// summary.json of a run folder: what a run's outcomes add up to (report/summary.ts, report/run-summary.ts),
// written once by the function that ran the suite (runner/run-tasks, runner/grade-predictions, dev sessions)
// and read back by report/run-folder.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { isDiskFull, type SwerigError } from "../core/index.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import type { RunSummary } from "./summary.js";

export const SUMMARY_FILE = "summary.json";

export interface WrittenSummary {
  /** Undefined when the disk was too full to write it. */
  summaryPath: string | undefined;
  /** Set when the disk was too full to write it. */
  diskFull?: SwerigError;
}

/** Writes `runDir`/summary.json whole (or leaves the old one); a full disk is returned, any other failure throws. */
export async function writeSummaryFile(runDir: string, summary: RunSummary): Promise<WrittenSummary> {
  const path = join(runDir, SUMMARY_FILE);
  try {
    await mkdir(runDir, { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(summary, null, 2)}\n`);
    return { summaryPath: path };
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    return { summaryPath: undefined, diskFull: error };
  }
}
