// `--reruns N`: an instance whose verdict rests on a graded test that failed has its eval run again (same
// patch, a fresh container each time, artifacts under rerun-<k>/) up to N times, stopping at the first
// rerun that disagrees. Runs that disagree test for test make the instance flaky. The verdict stays the
// first run's: reruns happen only after a failure, so letting them change it would favour resolved.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { errorMessage, type StatusMap } from "../core/index.js";
import { describeFlip, testFlips } from "../grader/flakiness.js";
import { gradeInstance, type GradeInstanceOptions } from "../grader/grade-instance.js";
import type { EvalRunRecord, EvalRuns, InstanceOutcome } from "../grader/instance-outcome.js";
import type { Prediction } from "../grader/predictions.js";
import { lookupTestStatus } from "../grader/resolution.js";
import type { Task } from "../tasks/index.js";

export interface RerunOptions extends GradeInstanceOptions {
  /** Reruns at most (0: grade once). */
  reruns: number;
}

/** The graded tests the outcome failed, when its verdict rests on them (unresolved with a graded log). */
export function failedGradedTests(outcome: InstanceOutcome): string[] {
  const status = outcome.report?.tests_status;
  if (outcome.status !== "unresolved" || !status) return [];
  return [...status.FAIL_TO_PASS.failure, ...status.PASS_TO_PASS.failure];
}

/** Grades once, then reruns as `reruns` allows; throws only where gradeInstance does (on the first run). */
export async function gradeWithReruns(task: Task, prediction: Prediction, options: RerunOptions): Promise<InstanceOutcome> {
  const maps: { attempt: number; map: StatusMap }[] = [];
  const once = async (attempt: number): Promise<InstanceOutcome> => {
    let map: StatusMap | undefined;
    const write = options.writeArtifact;
    const { inspect, ...rest } = options;
    const outcome = await gradeInstance(task, prediction, {
      ...rest,
      // The patch is the same on every attempt: its quality is read once.
      ...(inspect && attempt === 1 ? { inspect } : {}),
      onStatusMap: (m) => {
        map = m;
      },
      ...(write && attempt > 1 ? { writeArtifact: (name: string, content: string) => write(`${rerunDir(attempt)}/${name}`, content) } : {}),
    });
    if (map) maps.push({ attempt, map });
    return outcome;
  };
  const first = await once(1);
  if (options.reruns <= 0 || failedGradedTests(first).length === 0) return first;
  const graded = [...task.failToPass, ...task.passToPass];
  const semantics = options.semantics ?? "v5";
  const view = (map: StatusMap) => {
    const out: StatusMap = new Map();
    for (const id of graded) {
      const s = lookupTestStatus(map, id, semantics);
      if (s !== undefined) out.set(id, s);
    }
    return out;
  };
  const outcomes = [first];
  let flips: ReturnType<typeof testFlips> = [];
  for (let attempt = 2; attempt <= options.reruns + 1; attempt++) {
    outcomes.push(await once(attempt).catch((error: unknown) => errorOutcome(first, error)));
    flips = testFlips(
      maps.map((m) => view(m.map)),
      graded,
    );
    if (flips.length > 0) break;
  }
  const failToPass = new Set(task.failToPass);
  const evalRuns: EvalRuns = {
    verdictFrom: "first",
    runs: outcomes.map((o, i) => runRecord(o, i + 1)),
    compared: maps.map((m) => m.attempt),
    flipped: flips.map((f) => ({ ...f, list: failToPass.has(f.test) ? "FAIL_TO_PASS" : "PASS_TO_PASS" })),
  };
  if (flips.length === 0) return { ...first, flaky: false, evalRuns };
  const why = `${task.id}: flaky: reruns of the eval disagree on ${flips.map(describeFlip).join("; ")}`;
  return { ...first, reason: first.reason ? `${first.reason}; ${why}` : why, flaky: true, evalRuns };
}

const rerunDir = (attempt: number) => `rerun-${attempt - 1}`;

/** Removes the rerun folders an earlier grading left in `dir` (before grading it again, with --force). */
export async function removeRerunArtifacts(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const name of entries.filter((e) => /^rerun-\d+$/.test(e))) await rm(join(dir, name), { recursive: true, force: true });
}

function runRecord(outcome: InstanceOutcome, attempt: number): EvalRunRecord {
  const status = outcome.report?.tests_status;
  return {
    attempt,
    status: outcome.status,
    failing: status ? [...status.FAIL_TO_PASS.failure, ...status.PASS_TO_PASS.failure] : [],
    testExitCode: outcome.testExitCode ?? null,
    totalMs: Math.round(outcome.timings.totalMs),
    artifacts: attempt === 1 ? "." : rerunDir(attempt),
  };
}

/** A rerun that broke (Docker, a bug) counts as a run without a graded log; the first run's verdict stands. */
function errorOutcome(first: InstanceOutcome, error: unknown): InstanceOutcome {
  const reason = `${first.instanceId}: rerun failed: ${errorMessage(error)}`;
  return { instanceId: first.instanceId, model: first.model, status: "error", reason, timings: { totalMs: 0 } };
}
