// The tests an agent wrote, judged: the test files its final diff adds or changes are run in two fresh
// grading containers, on the base code (the agent's other changes left out) and on the reference
// solution, each with only the agent's test changes applied, through the task's own test command and
// log parser. A good test fails before and passes after; `catchesBug` says whether one does.
// Never fails a grading: when the tests cannot be judged, the block says why.
import { splitTestChanges, type StatusMap } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import { judgeAgentTests, type AgentTestsBlock } from "../grader/agent-test-verdict.js";
import { applyPatch } from "../grader/apply-patch.js";
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { instrumentEvalScript } from "../grader/instrument-eval-script.js";
import { runEval } from "../grader/run-eval.js";
import { buildEvalScript, djangoTestLabel, START_TEST_OUTPUT, testDirectives, type Task } from "../tasks/index.js";

/** The test line of the task's eval script carries test files when the task's command takes them. */
function passesTestFiles(task: Task): boolean {
  const lines = task.evalScript.split("\n");
  const start = lines.indexOf(`: '${START_TEST_OUTPUT}'`);
  return start >= 0 && (lines[start + 1] ?? "").trim() !== task.testCommand.trim();
}

/** The eval script that applies the agent's test changes and runs those files with the task's command. */
function agentTestScript(task: Task, testPatch: string): string {
  const files = passesTestFiles(task) ? testDirectives(testPatch) : [];
  const targets = task.logParser === "parse_log_django" ? files.map(djangoTestLabel) : files;
  const script = buildEvalScript({
    workdir: task.workdir,
    baseCommit: task.baseCommit,
    testPatch,
    testCommand: [task.testCommand, ...targets].join(" "),
    passTestFiles: false,
  });
  return script;
}

/** git apply's first error line before the tests start (the eval script goes on without `set -e`), if any. */
export function applyErrorBefore(log: string, startMarker: string): string | undefined {
  const start = log.indexOf(startMarker);
  return /^error: .*$/m.exec(start < 0 ? log : log.slice(0, start))?.[0];
}

async function runSide(
  task: Task,
  testPatch: string,
  createEnvironment: (task: Task) => Promise<Environment>,
  solution: string | undefined,
): Promise<{ map: StatusMap; ms: number } | { missing: string }> {
  const started = performance.now();
  const env = await createEnvironment(task);
  try {
    if (solution !== undefined) {
      const applied = await applyPatch(env, solution);
      if (!applied.applied) return { missing: "the reference patch does not apply" };
    }
    const instrumented = instrumentEvalScript(agentTestScript(task, testPatch), undefined, { witness: false });
    if (!instrumented) return { missing: "the test script lacks its markers" };
    const run = await runEval(env, task, instrumented, task.timeoutSec);
    const side = solution === undefined ? "the base code" : "the reference solution";
    const refused = applyErrorBefore(run.output, instrumented.startMarker);
    if (refused !== undefined) return { missing: `the agent's test changes do not apply with git apply on ${side}: ${refused}` };
    if (run.timedOut) return { missing: `the agent's tests ran longer than ${task.timeoutSec} s on ${side}` };
    if (run.parsed?.kind !== "parsed") return { missing: `the log of the agent's tests on ${side} was not read: ${run.parsed?.reason}` };
    return { map: run.parsed.statusMap, ms: performance.now() - started };
  } finally {
    await env.dispose();
  }
}

/** Judges the agent's own tests in `patch`; undefined when the patch touches no test file. */
export async function agentTestsOf(
  task: Task,
  patch: string,
  createEnvironment: (task: Task) => Promise<Environment>,
): Promise<AgentTestsBlock | undefined> {
  const { tests } = splitTestChanges(patch);
  if (tests === "") return undefined;
  try {
    const before = await runSide(task, tests, createEnvironment, undefined);
    if ("missing" in before) return before;
    const after = await runSide(task, tests, createEnvironment, task.goldPatch);
    if ("missing" in after) return after;
    return judgeAgentTests(tests, before.map, after.map, { beforeMs: before.ms, afterMs: after.ms });
  } catch (error) {
    return { missing: `the agent's tests could not be run: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The outcome with its `agentTests` block when the patch was applied and touches test files. */
export async function withAgentTests(
  task: Task,
  patch: string | null | undefined,
  outcome: InstanceOutcome,
  createEnvironment: (task: Task) => Promise<Environment>,
): Promise<InstanceOutcome> {
  if (!patch || outcome.applyMethod === undefined) return outcome;
  const started = performance.now();
  const agentTests = await agentTestsOf(task, patch, createEnvironment);
  if (agentTests === undefined) return outcome;
  return { ...outcome, agentTests, timings: { ...outcome.timings, agentTestsMs: performance.now() - started } };
}
