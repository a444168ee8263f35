// What a run folder holds, read one way for every command: an instance's outcome is its status.json
// (with report.json's body when grading reached a verdict); a `run` task run adds result.json, the
// record of its agent run. `grade` and `run` resume from these, and cover the instances of the folder
// a narrower re-run (--instances) does not touch, so that summary.json always covers all of them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { INSTANCE_STATUSES } from "../grader/instance-outcome.js";
import type { Task } from "../tasks/index.js";
import { runFolderInstanceIds } from "./run-folder.js";
import type { SavedTaskRun } from "../report/run-summary.js";
import { tryParseJson } from "../core/index.js";

/**
 * The outcome saved in an instance folder: status.json, with report.json's body when there is one.
 * Undefined when the folder has no readable status.json, or one for another instance, or a status
 * this swerig does not know.
 */
export async function loadSavedOutcome(dir: string, instanceId: string): Promise<InstanceOutcome | undefined> {
  const status = await readJson(join(dir, "status.json"));
  if (!isRecord(status) || status["instanceId"] !== instanceId || !isKnownStatus(status["status"])) return undefined;
  const report = await readJson(join(dir, "report.json"));
  const body = isRecord(report) ? report[instanceId] : undefined;
  return { ...(status as unknown as InstanceOutcome), ...(isRecord(body) ? { report: body as unknown as InstanceOutcome["report"] } : {}) };
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  return text === undefined ? undefined : tryParseJson(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isKnownStatus(value: unknown): boolean {
  return typeof value === "string" && (INSTANCE_STATUSES as readonly string[]).includes(value);
}

/**
 * Saved task runs of the run's tasks that have a folder but are not in `exclude` (this command's
 * tasks): each sample with a result.json is finished, each without one is not run.
 */
export async function loadSavedTaskRuns(
  runDir: string,
  tasks: readonly Task[],
  exclude: ReadonlySet<string>,
  samples: number,
  dirOf: (runDir: string, taskId: string, sample: number, samples: number) => string,
): Promise<{ finished: SavedTaskRun[]; notRun: { taskId: string; sample: number }[]; taskIds: Set<string> }> {
  const finished: SavedTaskRun[] = [];
  const notRun: { taskId: string; sample: number }[] = [];
  const taskIds = new Set<string>();
  for (const taskId of await runFolderInstanceIds(
    runDir,
    tasks.map((t) => t.id),
  )) {
    if (exclude.has(taskId)) continue;
    taskIds.add(taskId);
    for (let sample = 0; sample < samples; sample++) {
      const saved = await loadSavedTaskRun(dirOf(runDir, taskId, sample, samples), taskId);
      if (saved) finished.push(saved);
      else notRun.push({ taskId, sample });
    }
  }
  return { finished, notRun, taskIds };
}

/**
 * A finished task run of `run`: the record in its result.json, and its outcome from status.json and
 * report.json (earlier versions also copied the outcome into result.json; that copy is not read).
 */
export async function loadSavedTaskRun(dir: string, taskId: string): Promise<SavedTaskRun | undefined> {
  const saved = await readJson(join(dir, "result.json"));
  if (!isRecord(saved) || !isRecord(saved["record"]) || saved["record"]["taskId"] !== taskId) return undefined;
  const grade = await loadSavedOutcome(dir, taskId);
  return { record: saved["record"] as unknown as SavedTaskRun["record"], ...(grade ? { grade } : {}) };
}
