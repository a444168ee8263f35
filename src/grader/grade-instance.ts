// Grades one prediction in a fresh environment: check the patch, apply it through the fallback chain,
// run the instance's eval script under an instrumented marker pair, parse the log with the instance's
// parser and decide with the pure resolution rules. A log that the official harness or our own checks
// refuse becomes `log_rejected`, with the report the harness writes for it (unresolved). Expected
// failures become statuses; only a bug escapes as an exception (the runner makes it status "error").
import type { StatusMap } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { Task } from "../tasks/index.js";
import { applyPatch } from "./apply-patch.js";
import { checkPatch } from "./check-patch.js";
import { harnessLogCheck } from "./harness-log-check.js";
import { classifyInfraFailure } from "./infra-failure.js";
import type { InstanceOutcome, LogRejection } from "./instance-outcome.js";
import { instrumentEvalScript, type InstrumentedScript } from "./instrument-eval-script.js";
import { LOG_PARSER_NAMES, getLogParserSpec } from "./log-parsers/index.js";
import { emptyPatchReport, gradedReport, logRejectionReason, rejectedLogReport } from "./official-report.js";
import type { Prediction } from "./predictions.js";
import { getResolutionStatus, getTestsStatus, type GradingSemantics } from "./resolution.js";
import { runEval } from "./run-eval.js";

export interface GradeInstanceOptions {
  createEnvironment: (task: Task) => Promise<Environment>;
  semantics?: GradingSemantics;
  /** Overrides the task's own timeout. */
  timeoutSec?: number;
  /**
   * Called once the patch is applied, before any test runs, with the container. It reads what it needs
   * of the working copy before it resolves; the `quality` it resolves with may go on (on copies, never
   * the working copy) while the tests run, and is awaited before the container goes. It must not change
   * the working copy, and its `quality` never rejects (a failure is `{ missing }`).
   */
  inspect?: (env: Environment, patch: string) => Promise<{ quality: Promise<InstanceOutcome["quality"]> }>;
  /** Receives each artifact as it is produced (patch.diff, eval.sh, test_output.txt, run_instance.log). */
  writeArtifact?: (name: string, content: string) => Promise<void>;
  now?: () => number;
  /** Receives the parsed status map of a log that reached a verdict (resolved or unresolved), for rerun comparisons. */
  onStatusMap?: (statusMap: StatusMap) => void;
}

export async function gradeInstance(task: Task, prediction: Prediction, options: GradeInstanceOptions): Promise<InstanceOutcome> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const write = options.writeArtifact ?? (async () => undefined);
  const log: string[] = [];
  const step = (line: string) => log.push(`[${((now() - started) / 1000).toFixed(3)}s] ${line}`);
  const semantics = options.semantics ?? "v5";
  const base = { instanceId: task.id, model: prediction.model };
  let testOutput = "";
  type Verdict = Omit<InstanceOutcome, "instanceId" | "model" | "timings">;
  const done = async (outcome: Verdict, timings: Partial<InstanceOutcome["timings"]> = {}) => {
    // As the harness's run report does for every instance not resolved: test_output.txt + run_instance.log.
    const infra = outcome.status === "resolved" ? undefined : classifyInfraFailure(`${testOutput}\n${log.join("\n")}`);
    step(`status ${outcome.status}${outcome.reason ? `: ${outcome.reason}` : ""}`);
    await write("run_instance.log", `${log.join("\n")}\n`);
    return { ...base, ...outcome, ...(infra ? { infraFailure: infra } : {}), timings: { ...timings, totalMs: now() - started } };
  };

  const check = checkPatch(prediction.patch);
  if (check.kind === "empty") {
    const report = emptyPatchReport(prediction.patch, semantics);
    return done({ status: "empty_patch", reason: `${task.id}: the prediction has no patch`, report });
  }
  await write("patch.diff", prediction.patch!);
  if (check.kind === "invalid") return done({ status: "invalid_patch", reason: `${task.id}: ${check.reason}` });
  if (!task.evalScript) {
    const why = "the task has no eval script (load a harness-v5 dataset, or put one beside the dataset file)";
    return done({ status: "error", reason: `${task.id}: ${why}` });
  }
  if (getLogParserSpec(task.logParser) === undefined) {
    // The harness fails on an unknown parser before grading (no report): an error, not a rejected log.
    return done({ status: "error", reason: `${task.id}: unknown log parser "${task.logParser}" (known: ${LOG_PARSER_NAMES.join(", ")})` });
  }
  const instrumented = instrumentEvalScript(task.evalScript);
  if (!instrumented) return done({ status: "error", reason: `${task.id}: the eval script lacks the start/end test output markers` });
  await write("eval.sh", instrumented.script);

  const { witness } = instrumented;
  const witnessNote = witness.kind === "none" ? { kind: "none", why: witness.why } : { kind: witness.kind };
  const timings: Partial<InstanceOutcome["timings"]> = {};
  let t = now();
  step(`creating a container for ${task.id}`);
  const env = await options.createEnvironment(task);
  timings.containerMs = now() - t;
  let outcome: Verdict;
  let quality: Promise<InstanceOutcome["quality"]> | undefined;
  try {
    outcome = { ...(await gradeInContainer(instrumented)), witness: witnessNote };
    if (quality !== undefined) {
      t = now();
      outcome = { ...outcome, quality: await quality };
      timings.inspectWaitMs = now() - t;
    }
  } finally {
    await quality;
    t = now();
    await env.dispose();
    timings.teardownMs = now() - t;
  }
  return done(outcome, timings);

  async function gradeInContainer(instrumented: InstrumentedScript): Promise<Verdict> {
    t = now();
    const applied = await applyPatch(env, prediction.patch!);
    timings.applyMs = now() - t;
    step(applied.log.trimEnd());
    if (!applied.applied) {
      const why = "the patch does not apply (git apply, --3way, --reject and patch --fuzz=5 all failed)";
      return { status: "patch_failed", reason: `${task.id}: ${why}` };
    }
    step(`applied with ${applied.method}`);
    if (options.inspect) {
      t = now();
      quality = (await options.inspect(env, prediction.patch!)).quality;
      timings.inspectMs = now() - t;
    }
    const timeoutSec = options.timeoutSec ?? task.timeoutSec;
    const run = await runEval(env, task, instrumented, timeoutSec, { semantics: options.semantics ?? "v5", patch: prediction.patch! });
    timings.testsMs = run.testsMs;
    timings.parseMs = run.parseMs;
    await write("test_output.txt", run.output);
    testOutput = run.output;
    const { testExitCode, oomKilled } = run;
    if (run.timedOut || !run.parsed) {
      // The harness writes no report for a timeout either: the instance counts as an error.
      const reason = `${task.id}: the tests ran longer than ${timeoutSec} s and were killed`;
      return { status: "timeout", reason, applyMethod: applied.method!, oomKilled };
    }
    const parsed = run.parsed;
    const { startMarker, endMarker } = instrumented;
    const checkOptions = { parser: task.logParser, startMarker, endMarker, exitCode: testExitCode, workdir: task.workdir, semantics };
    const harness = harnessLogCheck(run.output, checkOptions);
    if (parsed.kind === "rejected" || harness !== undefined) {
      const logRejection: LogRejection = {
        ...(harness !== undefined ? { harness } : {}),
        ...(parsed.kind === "rejected" ? { swerig: parsed.reason } : {}),
      };
      const reason = logRejectionReason(task.id, logRejection, semantics, oomKilled);
      const report = rejectedLogReport(run.output, semantics);
      return { status: "log_rejected", reason, report, logRejection, applyMethod: applied.method!, testExitCode, oomKilled };
    }
    options.onStatusMap?.(parsed.statusMap);
    const testsStatus = getTestsStatus(parsed.statusMap, task.failToPass, task.passToPass, semantics, task.evalType);
    const resolution = getResolutionStatus(testsStatus);
    const resolved = resolution === "RESOLVED_FULL";
    const report = gradedReport(resolved, testsStatus, semantics);
    const oomNote = oomKilled ? `${task.id}: a test process was killed by the memory limit` : undefined;
    const status = resolved ? "resolved" : "unresolved";
    return { status, ...(oomNote ? { reason: oomNote } : {}), resolution, report, applyMethod: applied.method!, testExitCode, oomKilled };
  }
}
