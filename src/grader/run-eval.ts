// Runs a task's instrumented eval script in an environment and reads the result: the log, the test
// command's exit status, whether the memory limit killed something, and the parsed status map.
// Shared by grading (after a model patch) and task validation (before and after the reference patch).
// Where the run has a witness (the runner's own result file), a log that contradicts it is rejected.
import { patchFiles } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { Task } from "../tasks/index.js";
import { parseEvalLog, type EvalLogResult } from "./eval-log.js";
import { evalScriptCommand, readTestExitCode, type InstrumentedScript } from "./instrument-eval-script.js";
import type { GradingSemantics } from "./resolution.js";
import { judgeWitness } from "./witness/index.js";

const MAX_LOG_BYTES = 128 * 1024 * 1024;
/** Reads the memory cgroup's OOM-kill counter (cgroup v1, then v2). */
const OOM_PROBE =
  "cat /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events 2>/dev/null | sed -n 's/^oom_kill //p' | head -n1";

const PROBE_AFTER_TIMEOUT_MS = 2_000;
const sleep = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

export interface EvalRun {
  /** The log as test_output.txt holds it (with the harness's timeout line when killed). */
  output: string;
  timedOut: boolean;
  testExitCode: number | null;
  oomKilled: boolean;
  /** Undefined when the run timed out. */
  parsed?: EvalLogResult;
  testsMs: number;
  parseMs: number;
}

export interface EvalCheckOptions {
  /** Grading rules the witness cross-check uses (default v5). */
  semantics?: GradingSemantics;
  /** The patch applied before the run; the files it touches may not hold code running inside the runner. */
  patch?: string;
}

export async function runEval(
  env: Environment,
  task: Task,
  instrumented: InstrumentedScript,
  timeoutSec: number,
  check: EvalCheckOptions = {},
): Promise<EvalRun> {
  let t = performance.now();
  const run = await env.exec(evalScriptCommand(instrumented), { timeoutMs: timeoutSec * 1000, maxOutputBytes: MAX_LOG_BYTES });
  const testsMs = performance.now() - t;
  const output = run.timedOut ? `${run.output}\n\nTimeout error: ${timeoutSec} seconds exceeded.\n` : run.output;
  // After a timeout the tests may still hold every process slot (a fork bomb at the pid limit, which
  // nothing in the container can kill): the probe gets a short while, and the timeout is the verdict.
  const probe = env.exec(OOM_PROBE, { timeoutMs: 10_000 }).then((r) => Number(r.output.trim() || "0") > 0);
  const oomKilled = run.timedOut ? await Promise.race([probe.catch(() => false), sleep(PROBE_AFTER_TIMEOUT_MS, false)]) : await probe;
  const testExitCode = readTestExitCode(run.output, instrumented.nonce);
  if (run.timedOut) return { output, timedOut: true, testExitCode, oomKilled, testsMs, parseMs: 0 };
  t = performance.now();
  let parsed = parseEvalLog(run.output, {
    parser: task.logParser,
    startMarker: instrumented.startMarker,
    endMarker: instrumented.endMarker,
    exitCode: testExitCode,
    workdir: task.workdir,
  });
  const { witness } = instrumented;
  if (parsed.kind === "parsed" && witness.kind !== "none") {
    const reason = judgeWitness({
      log: run.output,
      nonce: instrumented.nonce,
      secret: witness,
      parser: task.logParser,
      workdir: task.workdir,
      logMap: parsed.statusMap,
      failToPass: task.failToPass,
      passToPass: task.passToPass,
      semantics: check.semantics ?? "v5",
      ...(task.evalType ? { evalType: task.evalType } : {}),
      patchedFiles: check.patch ? patchFiles(check.patch).flatMap((f) => [f.oldPath, f.newPath].filter((p) => p !== undefined)) : [],
    });
    if (reason !== undefined) parsed = { kind: "rejected", reason };
  }
  return { output, timedOut: false, testExitCode, oomKilled, parsed, testsMs, parseMs: performance.now() - t };
}
