// Writes a synthetic run folder as `swerig run` leaves it (result.json, status.json, report.json,
// trace.jsonl, test_output.txt per task run), for report tests and the report UI bench. Deterministic.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { seededRandom } from "../../src/report/stats/prng.js";

export interface SyntheticRunOptions {
  runId: string;
  tasks: number;
  samples: number;
  seed?: number;
  /** Share of runs resolved (each task has its own difficulty around it). */
  resolveRate?: number;
  /** Task ids that get their last sample without an outcome (a run still going). */
  running?: number;
  /** Text put in every problem-free tool output (an injection payload, say). */
  payload?: string;
  /** Give every run whose patch applied a quality block as grading writes it (some with findings). */
  quality?: boolean;
}

/** A quality block for src/core.py, its findings a function of the run's place (not of the seeded draws). */
function syntheticQuality(n: number): Record<string, unknown> {
  const diagnostic = { file: "src/core.py", line: 2, severity: "error", rule: "reportAttributeAccessIssue", message: "no attribute" };
  const security = { rule: "shell-true", cwe: "CWE-78", title: "a subprocess started through the shell (shell=True)" };
  return {
    size: { files: 1, hunks: 1, linesAdded: 1, linesRemoved: 1 },
    locality: { filesInReference: 1, filesOutsideReference: [], lineOverlap: 1 },
    testFilesTouched: [],
    complexity: n % 3 === 0 ? [] : [{ function: "parse", file: "src/core.py", before: 3, after: 3 + (n % 3) }],
    complexityAdded: n % 3,
    securityIntroduced: n % 11 === 0 ? [{ ...security, file: "src/core.py", line: 2, snippet: "shell=True" }] : [],
    static: [{ tool: "pyright", introduced: new Array(n % 7 === 0 ? 2 : 0).fill(diagnostic), ms: 1500 }],
  };
}

const REPOS = ["astropy/astropy", "django/django", "psf/requests", "sympy/sympy", "pytest-dev/pytest", "scikit-learn/scikit-learn"];
const STATUSES = ["unresolved", "unresolved", "unresolved", "empty_patch", "patch_failed", "timeout", "log_rejected"];

export function syntheticTaskId(i: number): string {
  return `${REPOS[i % REPOS.length]!.replace("/", "__")}-${10000 + i}`;
}

export async function writeSyntheticRun(runDir: string, options: SyntheticRunOptions): Promise<void> {
  const random = seededRandom(options.seed ?? 7);
  const ts = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  for (let t = 0; t < options.tasks; t++) {
    const taskId = syntheticTaskId(t);
    const repo = REPOS[t % REPOS.length]!;
    const ease = Math.min(0.95, Math.max(0.02, (options.resolveRate ?? 0.4) + (random() - 0.5)));
    for (let sample = 0; sample < options.samples; sample++) {
      const dir = options.samples > 1 ? join(runDir, taskId, `sample-${sample}`) : join(runDir, taskId);
      await mkdir(dir, { recursive: true });
      const still = t < (options.running ?? 0) && sample === options.samples - 1;
      const resolved = random() < ease;
      const status = resolved ? "resolved" : STATUSES[Math.floor(random() * STATUSES.length)]!;
      const steps = 3 + Math.floor(random() * 40);
      const costUsd = Math.round(steps * (0.002 + random() * 0.01) * 10000) / 10000;
      const env = { v: 1, runId: options.runId, taskId, sample };
      const output = `tests/test_core.py ... ${options.payload ?? ""}\n${"line of output\n".repeat(Math.floor(random() * 60))}`;
      const events: Record<string, unknown>[] = [
        {
          type: "run_start",
          data: {
            task: { id: taskId, repo, language: "python", baseCommit: "0123456789abcdef0123" },
            agent: "synthetic",
            model: "m-1",
            settings: {},
            image: "img",
            imageDigest: null,
          },
        },
        {
          type: "model_response",
          data: {
            step: 1,
            text: "Let me look at the code.",
            toolCalls: [{ id: "c1", name: "search", arguments: { pattern: "def parse" } }],
            usage: { inputTokens: 900 * steps, outputTokens: 40 * steps },
            costUsd,
            latencyMs: 800,
            stopReason: "tool_use",
          },
        },
        { type: "tool_call", data: { id: "c1", name: "search", arguments: { pattern: "def parse" }, step: 1 } },
        { type: "tool_result", data: { id: "c1", name: "search", output, isError: false, durationMs: 3 } },
        { type: "tool_call", data: { id: "c2", name: "edit_file", arguments: { path: "src/core.py", old: "a", new: "b" }, step: 2 } },
        { type: "tool_result", data: { id: "c2", name: "edit_file", output: "no unique match", isError: random() < 0.3, durationMs: 1 } },
        { type: "tool_call", data: { id: "c3", name: "submit", arguments: {}, step: steps } },
      ].map((e, seq) => ({ ...env, seq, ts: ts(seq * 7), ...e }));
      const patch =
        status === "empty_patch"
          ? ""
          : `diff --git a/src/core.py b/src/core.py\n--- a/src/core.py\n+++ b/src/core.py\n@@ -1,2 +1,2 @@\n-a = 1\n+a = 2\n b = 3\n`;
      if (!still)
        events.push({ ...env, seq: events.length, ts: ts(60), type: "patch", data: { patch, files: patch ? ["src/core.py"] : [] } });
      await writeFile(join(dir, "trace.jsonl"), `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);
      if (still) continue;
      const tests = {
        FAIL_TO_PASS: {
          success: resolved ? ["tests/test_core.py::test_fix"] : [],
          failure: resolved ? [] : ["tests/test_core.py::test_fix"],
        },
        PASS_TO_PASS: { success: ["tests/test_core.py::test_old"], failure: [] },
      };
      const hasReport = status === "resolved" || status === "unresolved";
      const metrics = { steps, inputTokens: 900 * steps, outputTokens: 40 * steps, costUsd, wallSeconds: 5 + steps * 2.5, toolCalls: 3 };
      const failureMode = resolved
        ? null
        : status === "empty_patch"
          ? "no_patch"
          : status === "patch_failed"
            ? "patch_did_not_apply"
            : status === "timeout"
              ? "timeout"
              : "assertion_failure";
      const record = {
        taskId,
        sample,
        status,
        resolved,
        agentReason: "submitted",
        agentDetail: null,
        failureMode,
        metrics,
        durationMs: metrics.wallSeconds * 1000,
      };
      await writeFile(join(dir, "result.json"), JSON.stringify({ record, grade: { instanceId: taskId, status } }));
      const applied = status !== "empty_patch" && status !== "patch_failed";
      const quality = options.quality && applied ? { quality: syntheticQuality(t * options.samples + sample) } : {};
      const statusBody = { instanceId: taskId, model: "m-1", status, ...quality, timings: { totalMs: 1000 } };
      await writeFile(join(dir, "status.json"), JSON.stringify(statusBody));
      if (hasReport)
        await writeFile(
          join(dir, "report.json"),
          JSON.stringify({
            [taskId]: { patch_is_None: false, patch_exists: true, patch_successfully_applied: true, resolved, tests_status: tests },
          }),
        );
      await writeFile(
        join(dir, "test_output.txt"),
        `+ pytest tests/test_core.py\n${resolved ? "PASSED" : "FAILED"} tests/test_core.py::test_fix\n`,
      );
    }
  }
}
