// One artifact folder per instance under traces/<run-id>/<instance-id>/: the official files
// (patch.diff, eval.sh, test_output.txt, report.json) and our status.json. For `grade` a folder with
// report.json is done; re-running the run id skips it, as the official harness does. A `log_rejected` instance
// has one (unresolved, as the harness writes it), so it is done too; errors and timeouts have none.
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { FOLDER_NAME, SwerigError } from "../core/index.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import { loadSavedOutcome } from "./saved-outcomes.js";

export class RunStore {
  constructor(readonly runDir: string) {}

  instanceDir(instanceId: string): string {
    if (!FOLDER_NAME.test(instanceId))
      throw new SwerigError("invalid_input", `instance id ${JSON.stringify(instanceId)} cannot name a folder`);
    return join(this.runDir, instanceId);
  }

  /** `name` may name a subfolder (`rerun-1/test_output.txt`). */
  async writeArtifact(instanceId: string, name: string, content: string): Promise<void> {
    const path = join(this.instanceDir(instanceId), name);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, content);
  }

  /** Writes status.json, and report.json when the outcome has an official report. */
  async saveOutcome(outcome: InstanceOutcome): Promise<void> {
    await writeOutcomeFiles(this.instanceDir(outcome.instanceId), outcome);
  }

  /** The saved outcome of an instance whose grading reached a verdict (it has a report.json), or undefined. */
  async loadCompleted(instanceId: string): Promise<InstanceOutcome | undefined> {
    const saved = await loadSavedOutcome(this.instanceDir(instanceId), instanceId);
    return saved?.report ? saved : undefined;
  }
}

/**
 * status.json, and report.json in the official shape when there is a report (a stale one is removed).
 * In that order, each file whole or absent: a process killed between them leaves a status without a
 * report, which is no verdict (the instance is graded again), never a new status beside an old report.
 */
export async function writeOutcomeFiles(dir: string, outcome: InstanceOutcome): Promise<void> {
  const { report, ...status } = outcome;
  await mkdir(dir, { recursive: true });
  await rm(join(dir, "report.json"), { force: true });
  await writeFileAtomic(join(dir, "status.json"), `${JSON.stringify(status, null, 2)}\n`);
  if (report) await writeFileAtomic(join(dir, "report.json"), `${JSON.stringify({ [outcome.instanceId]: report }, null, 4)}\n`);
}
