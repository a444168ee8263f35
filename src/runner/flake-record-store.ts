// Writes the flaky-test record (see report/flake-record.ts) after each instance whose eval was rerun:
// under a lock, re-read, merged and renamed into place, so parallel workers and concurrent runs sharing
// the traces folder never lose each other's checks. A file that is not a record is kept aside, not lost.
import { rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import { withFileLock, writeFileAtomic } from "../envs/file-lock.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { FLAKE_RECORD_FILE, mergeFlakeObservation, readFlakeRecord, taskSetId, type FlakeRecord } from "../report/flake-record.js";
import type { RunManifest } from "./manifest.js";

export interface FlakeRecordTarget {
  /** `<traces-dir>/flaky-tests.json`. */
  path: string;
  taskSet: string;
  runId: string;
}

/** Where a run's reruns are recorded: the record beside its run folder (in the traces folder), under its task set. */
export function flakeRecordTarget(runDir: string, manifest: RunManifest, runId: string): FlakeRecordTarget {
  return { path: join(dirname(runDir), FLAKE_RECORD_FILE), taskSet: taskSetId(manifest.tasks.sha256), runId };
}

/** Merges the outcome's reruns into the record file; does nothing for an outcome graded once. */
export async function recordFlakes(target: FlakeRecordTarget, outcome: InstanceOutcome, now: () => Date = () => new Date()): Promise<void> {
  const evalRuns = outcome.evalRuns;
  if (!evalRuns) return;
  await withFileLock(target.path, "flaky-test record", async () => {
    let { record, problem } = await readFlakeRecord(target.path);
    if (problem) {
      await rename(target.path, `${target.path}.invalid-${now().toISOString().replace(/[:.]/g, "-")}`);
      ({ record } = await readFlakeRecord(target.path));
    }
    mergeFlakeObservation(record, { taskSet: target.taskSet, runId: target.runId, instanceId: outcome.instanceId, evalRuns });
    await writeFileAtomic(target.path, `${JSON.stringify(sortedRecord(record), null, 2)}\n`);
  });
}

const byKey = <T>(o: Record<string, T>, map: (v: T) => T = (v) => v): Record<string, T> =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, map(o[k]!)]),
  );

function sortedRecord(record: FlakeRecord): FlakeRecord {
  return { version: 1, task_sets: byKey(record.task_sets, (set) => ({ instances: byKey(set.instances, (tests) => byKey(tests)) })) };
}
