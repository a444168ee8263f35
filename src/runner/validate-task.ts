// Checks that a task is honest: the reference patch leaves test files alone, the test patch applies,
// before the fix every FAIL_TO_PASS test fails and every PASS_TO_PASS test passes, after the
// reference patch all pass, and repeated runs agree test for test (a flaky test is reported).
import type { StatusMap } from "../core/index.js";
import { touchedPaths } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import { applyPatch } from "../grader/apply-patch.js";
import { describeFlip, testFlips } from "../grader/flakiness.js";
import { instrumentEvalScript, type InstrumentedScript } from "../grader/instrument-eval-script.js";
import { runEval } from "../grader/run-eval.js";
import type { Task } from "../tasks/index.js";
import { isTestPath } from "../core/test-paths.js";

export interface TaskValidation {
  id: string;
  language: string;
  kind: string | null;
  difficulty: string | null;
  valid: boolean;
  problems: string[];
  /** Facts worth knowing that do not invalidate the task (tests the run reports but no list names). */
  notes: string[];
}

export interface ValidateOptions {
  createEnvironment: (task: Task) => Promise<Environment>;
  /** Runs of each phase; results must be identical across them. Default 1. */
  repeat?: number;
}

const passed = (s: string | undefined) => s === "PASSED" || s === "XFAIL";

function staticProblems(task: Task): string[] {
  const problems: string[] = [];
  const testFiles = new Set(touchedPaths(task.testPatch));
  for (const file of task.goldFiles) {
    if (testFiles.has(file) || isTestPath(file)) problems.push(`the reference patch touches test file ${file}`);
  }
  if (task.failToPass.length === 0) problems.push("FAIL_TO_PASS is empty");
  const both = task.failToPass.filter((id) => task.passToPass.includes(id));
  if (both.length > 0) problems.push(`listed in FAIL_TO_PASS and PASS_TO_PASS: ${both.join(", ")}`);
  return problems;
}

async function phase(
  task: Task,
  options: ValidateOptions,
  instrumented: InstrumentedScript,
  withGold: boolean,
  problems: Set<string>,
): Promise<StatusMap | undefined> {
  const env = await options.createEnvironment(task);
  try {
    await env.putFile("/tmp/swerig-test.patch", task.testPatch);
    const check = await env.exec("git apply --check /tmp/swerig-test.patch", { timeoutMs: 60_000 });
    if (check.exitCode !== 0) {
      problems.add(`test.patch does not apply at the base commit: ${check.output.trim().split("\n").slice(-2).join(" ")}`);
      return undefined;
    }
    if (withGold) {
      const applied = await applyPatch(env, task.goldPatch);
      if (!applied.applied) {
        problems.add("the reference patch does not apply at the base commit");
        return undefined;
      }
      if (applied.method !== "git apply --verbose") problems.add(`the reference patch needs '${applied.method}' to apply`);
    }
    const run = await runEval(env, task, instrumented, task.timeoutSec, withGold ? { patch: task.goldPatch } : {});
    const when = withGold ? "with the reference patch" : "before the fix";
    if (!run.parsed) {
      problems.add(`the tests time out ${when} (${task.timeoutSec} s)`);
      return undefined;
    }
    if (run.parsed.kind === "rejected") {
      problems.add(`the test log ${when} cannot be graded: ${run.parsed.reason}`);
      return undefined;
    }
    return run.parsed.statusMap;
  } finally {
    await env.dispose();
  }
}

export async function validateTask(task: Task, options: ValidateOptions): Promise<TaskValidation> {
  const problems = new Set(staticProblems(task));
  const notes = new Set<string>();
  const instrumented = instrumentEvalScript(task.evalScript);
  if (!instrumented) problems.add("the eval script lacks the start/end test output markers");
  const runs: { before?: StatusMap; after?: StatusMap }[] = [];
  for (let r = 0; instrumented && r < (options.repeat ?? 1); r++) {
    const before = await phase(task, options, instrumented, false, problems);
    const after = await phase(task, options, instrumented, true, problems);
    runs.push({ ...(before ? { before } : {}), ...(after ? { after } : {}) });
    if (before) {
      for (const id of task.failToPass) if (passed(before.get(id))) problems.add(`FAIL_TO_PASS ${id} already passes before the fix`);
      for (const id of task.passToPass)
        if (!passed(before.get(id))) problems.add(`PASS_TO_PASS ${id} does not pass before the fix (${before.get(id) ?? "absent"})`);
    }
    if (after) {
      for (const id of [...task.failToPass, ...task.passToPass]) {
        if (!passed(after.get(id)))
          problems.add(
            `${task.failToPass.includes(id) ? "FAIL_TO_PASS" : "PASS_TO_PASS"} ${id} does not pass with the reference patch ` +
              `(${after.get(id) ?? "absent"})`,
          );
      }
      const listed = new Set([...task.failToPass, ...task.passToPass]);
      const unlisted = [...after.keys()].filter((id) => !listed.has(id));
      if (unlisted.length > 0)
        notes.add(
          `${unlisted.length} reported tests are in neither list: ${unlisted.slice(0, 5).join(", ")}${unlisted.length > 5 ? ", ..." : ""}`,
        );
    }
  }
  for (const key of ["before", "after"] as const) {
    const maps = runs.flatMap((run) => (run[key] ? [run[key]] : []));
    const flips = testFlips(maps);
    if (flips.length > 0)
      problems.add(
        `flaky ${key === "before" ? "before the fix" : "with the reference patch"}: over ${maps.length} runs, ` +
          `${flips.map(describeFlip).join("; ")}`,
      );
  }
  return {
    id: task.id,
    language: task.language,
    kind: task.kind ?? null,
    difficulty: task.difficulty ?? null,
    valid: problems.size === 0,
    problems: [...problems],
    notes: [...notes],
  };
}
