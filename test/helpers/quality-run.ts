// A run folder whose status.json files carry quality blocks as grading writes them: the patch analysis
// from the real analyzer (tools/code-metrics), checker findings read by the real pyright parser, the
// agent's tests judged by the real verdict function, and judge.json as `swerig judge` writes it.
// For the report's unit and browser tests.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { judgeAgentTests } from "../../src/grader/agent-test-verdict.js";
import { JUDGE_CRITERIA } from "../../src/report/judge-rubric.js";
import { analyzePatch } from "../../src/tools/code-metrics/analyze.js";
import { introducedDiagnostics, parsePyrightPulled } from "../../src/tools/code-metrics/diagnostics.js";
import { writeHandRun } from "./run-folder.js";

export const RISKY = "py-risky-export";
export const CLEAN = "ts-clean-fix";
export const EMPTY = "py-empty";
export const OLD = "go-graded-before-quality";
export const NO_CHECKERS = "ts-graded-before-checkers";

const BEFORE = "def total(rows):\n    return sum(r.amount for r in rows)\n";
const EXPORT = [
  "def export(path, fmt):",
  "    import subprocess",
  '    if fmt == "pdf" or fmt == "ps":',
  '        subprocess.run("lpr " + path, shell=True)',
  "    return render_pdf(path)",
];
const AFTER = `${BEFORE}\n\n${EXPORT.join("\n")}\n`;
const PATCH = [
  "diff --git a/ledger/report.py b/ledger/report.py",
  "--- a/ledger/report.py",
  "+++ b/ledger/report.py",
  "@@ -1,2 +1,9 @@",
  " def total(rows):",
  "     return sum(r.amount for r in rows)",
  "+",
  "+",
  ...EXPORT.map((l) => `+${l}`),
  "diff --git a/tests/test_report.py b/tests/test_report.py",
  "--- a/tests/test_report.py",
  "+++ b/tests/test_report.py",
  "@@ -1 +1,4 @@",
  " from ledger.report import total",
  "+",
  "+def test_export_pdf():",
  "+    assert export('a', 'pdf')",
  "",
].join("\n");
const REFERENCE = "--- a/ledger/report.py\n+++ b/ledger/report.py\n@@ -2 +2 @@\n-    return sum(r.amount for r in rows)\n+    return 0\n";

/** pyright's language server's diagnostics of the patched file, as the checker pulls them (0-based lines). */
export const PYRIGHT_MESSAGE = '"render_pdf" is not defined';
const PYRIGHT_PULLED = {
  kind: "full",
  items: [
    {
      range: { start: { line: 8, character: 11 }, end: { line: 8, character: 21 } },
      message: PYRIGHT_MESSAGE,
      severity: 1,
      code: "reportUndefinedVariable",
      source: "Pyright",
    },
  ],
};

export const JUDGE_REASON = "the export helper calls an undefined renderer";

/**
 * Writes the run folder: a risky resolved run (security and pyright findings, agent tests, judge scores), a
 * clean unresolved one (tsc absent, the judge failed), an empty patch, and runs graded before the quality
 * block and before its checkers. `payload` is appended to the pyright finding's message.
 */
export async function writeQualityRun(runDir: string, payload = ""): Promise<void> {
  await writeHandRun(runDir, [
    { id: RISKY, status: "resolved" },
    { id: CLEAN, status: "unresolved" },
    { id: EMPTY, status: "empty_patch" },
    { id: OLD, status: "resolved" },
    { id: NO_CHECKERS, status: "resolved" },
  ]);
  const analysed = await analyzePatch(PATCH, REFERENCE, [
    { path: "ledger/report.py", before: BEFORE, after: AFTER },
    { path: "tests/test_report.py", before: "from ledger.report import total\n", after: "" },
  ]);
  const pyright = introducedDiagnostics([], parsePyrightPulled(PYRIGHT_PULLED, "ledger/report.py")).map((d) => ({
    ...d,
    message: d.message + payload,
  }));
  const quality = { ...analysed, static: [{ tool: "pyright", introduced: pyright, ms: 1800 }] };
  const before = new Map([["tests/test_report.py::test_export_pdf", "FAILED" as const]]);
  const after = new Map([["tests/test_report.py::test_export_pdf", "PASSED" as const]]);
  const agentTests = judgeAgentTests(PATCH.slice(PATCH.indexOf("diff --git a/tests")), before, after, { beforeMs: 900, afterMs: 950 });
  const status = (id: string, body: object) => writeFile(join(runDir, id, "status.json"), JSON.stringify({ instanceId: id, ...body }));
  await status(RISKY, { status: "resolved", quality, agentTests });
  const scores = Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, { score: c === "correctness_risk" ? 2 : 4, reason: JUDGE_REASON }]));
  const usage = { inputTokens: 900, outputTokens: 120, costUsd: 0.001, requests: 1 };
  const judged = {
    instanceId: RISKY,
    sample: 0,
    usage,
    scores,
    provider: "openai",
    model: "judge-model",
    rubricVersion: 1,
    diffSha256: "x",
  };
  await writeFile(join(runDir, RISKY, "judge.json"), JSON.stringify(judged));

  const tsPatch = "--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-export const a = 1;\n+export const a = 2;\n";
  const clean = await analyzePatch(tsPatch, tsPatch, [
    { path: "src/a.ts", before: "export const a = 1;\n", after: "export const a = 2;\n" },
  ]);
  const tsc = { tool: "tsc", missing: "tsc is not installed in the task image" };
  await status(CLEAN, { status: "unresolved", quality: { ...clean, static: [tsc] } });
  const failure = { instanceId: CLEAN, sample: 0, usage, failure: "the model's answer was not JSON twice" };
  await writeFile(
    join(runDir, CLEAN, "judge.json"),
    JSON.stringify({ ...failure, provider: "openai", model: "judge-model", rubricVersion: 1 }),
  );
  const { static: _, ...withoutCheckers } = clean;
  await status(NO_CHECKERS, { status: "resolved", quality: withoutCheckers });
}
