// One task run's quality as the report page shows it: status.json's `quality` block (size, locality,
// complexity, security findings, the checkers' introduced findings), its `agentTests` block and the
// judge's scores with reasons, read defensively. A signal that is absent carries the reason instead,
// so the page never shows a blank. Pure: parsed file bodies in, page data out.
import { z } from "zod";
import { JUDGE_CRITERIA, type JudgeCriterion, type JudgedInstance } from "../judge-rubric.js";
import { bounded } from "./page-data.js";

export type Absent = { missing: string };

/** At most this many entries of one list reach the page; `total` keeps the full count. */
export const MAX_LISTED = 100;
const MAX_MESSAGE_CHARS = 1000;

export interface Listed<T> {
  items: T[];
  total: number;
}

// Plain objects (unknown keys dropped): only what the page shows reaches it.
const Finding = z.object({ file: z.string(), line: z.number(), severity: z.string().optional(), rule: z.string(), message: z.string() });
const Security = z.object({
  rule: z.string(),
  cwe: z.string(),
  title: z.string(),
  file: z.string(),
  line: z.number(),
  snippet: z.string(),
});
const Checker = z.union([
  z.object({ tool: z.string(), introduced: z.array(Finding), ms: z.number().optional() }),
  z.object({ tool: z.string(), missing: z.string() }),
]);
const Complexity = z.object({ function: z.string(), file: z.string(), before: z.number().nullable(), after: z.number().nullable() });
const QualityBlock = z
  .object({
    size: z.object({ files: z.number(), hunks: z.number(), linesAdded: z.number(), linesRemoved: z.number() }).loose(),
    locality: z
      .object({ filesInReference: z.number(), filesOutsideReference: z.array(z.string()), lineOverlap: z.number().nullable() })
      .loose(),
    testFilesTouched: z.array(z.string()),
    complexity: z.array(Complexity),
    complexityAdded: z.number(),
    securityIntroduced: z.array(Security),
    static: z.array(Checker).optional(),
  })
  .loose();
const MissingBlock = z.object({ missing: z.string() }).loose();
const AgentTests = z
  .object({
    testFiles: z.array(z.string()),
    testsRun: z.number(),
    failBeforePassAfter: z.array(z.string()),
    failAfter: z.array(z.string()),
    catchesBug: z.boolean(),
  })
  .loose();

export type FindingView = z.infer<typeof Finding>;
export type SecurityView = z.infer<typeof Security>;
export type CheckerView = { tool: string; findings: Listed<FindingView> } | { tool: string; missing: string };

export interface PatchQualityView {
  size: { files: number; hunks: number; linesAdded: number; linesRemoved: number };
  locality: { filesInReference: number; filesOutsideReference: string[]; lineOverlap: number | null };
  testFilesTouched: string[];
  complexityAdded: number;
  complexity: Listed<z.infer<typeof Complexity>>;
  security: Listed<SecurityView>;
  /** One entry per checker that applied to the changed files, or why none did. */
  checkers: CheckerView[] | Absent;
}

export interface AgentTestsView {
  catchesBug: boolean;
  testFiles: string[];
  testsRun: number;
  failBeforePassAfter: Listed<string>;
  failAfter: Listed<string>;
}

export interface JudgeView {
  by: string;
  scores: { criterion: JudgeCriterion; score: number; reason: string }[];
}

export interface QualityView {
  patch: PatchQualityView | Absent;
  agentTests: AgentTestsView | Absent;
  judge: JudgeView | Absent;
}

/** The counts the list of runs shows: checker findings (null when no checker ran) and security findings (null: not analysed). */
export interface QualityCounts {
  findings: number | null;
  security: number | null;
}

const listed = <T>(items: readonly T[]): Listed<T> => ({ items: items.slice(0, MAX_LISTED), total: items.length });
const text = (s: string) => bounded(s, MAX_MESSAGE_CHARS);

/** Statuses whose run has no applied patch: no signal of it can exist, for this reason. */
const NO_PATCH: Record<string, string> = {
  running: "not graded yet",
  not_run: "not graded yet",
  empty_patch: "the patch is empty: nothing to analyse",
  patch_failed: "the patch did not apply: nothing to analyse",
  invalid_patch: "the patch did not apply: nothing to analyse",
};

/** Why a run has no quality block, from its status (the block is written once the patch is applied). */
function whyNoQuality(status: string, block: unknown): string {
  const parsed = MissingBlock.safeParse(block);
  if (parsed.success) return parsed.data.missing;
  if (NO_PATCH[status]) return NO_PATCH[status];
  if (block !== undefined) return "status.json has a quality block of a shape this report does not read";
  return `no quality block in status.json (status ${status}): graded without the analysis`;
}

function checkersOf(signals: z.infer<typeof Checker>[] | undefined): CheckerView[] | Absent {
  if (signals === undefined) return { missing: "no checker results in status.json (graded before checkers ran on patches)" };
  if (signals.length === 0) return { missing: "no checker applies to the languages of the changed files" };
  return signals.map((s) =>
    "missing" in s
      ? { tool: s.tool, missing: s.missing }
      : { tool: s.tool, findings: listed(s.introduced.map((f) => ({ ...f, message: text(f.message) }))) },
  );
}

function patchQualityOf(status: string, block: unknown): PatchQualityView | Absent {
  const parsed = QualityBlock.safeParse(block);
  if (!parsed.success) return { missing: whyNoQuality(status, block) };
  const q = parsed.data;
  return {
    size: { files: q.size.files, hunks: q.size.hunks, linesAdded: q.size.linesAdded, linesRemoved: q.size.linesRemoved },
    locality: {
      filesInReference: q.locality.filesInReference,
      filesOutsideReference: q.locality.filesOutsideReference.slice(0, MAX_LISTED),
      lineOverlap: q.locality.lineOverlap,
    },
    testFilesTouched: q.testFilesTouched.slice(0, MAX_LISTED),
    complexityAdded: q.complexityAdded,
    complexity: listed(q.complexity),
    security: listed(q.securityIntroduced.map((f) => ({ ...f, title: text(f.title), snippet: text(f.snippet) }))),
    checkers: checkersOf(q.static),
  };
}

function agentTestsOf(block: unknown, patch: PatchQualityView | Absent, status: string): AgentTestsView | Absent {
  const judged = AgentTests.safeParse(block);
  if (judged.success) {
    const t = judged.data;
    const [failBeforePassAfter, failAfter] = [listed(t.failBeforePassAfter), listed(t.failAfter)];
    return { catchesBug: t.catchesBug, testFiles: t.testFiles.slice(0, MAX_LISTED), testsRun: t.testsRun, failBeforePassAfter, failAfter };
  }
  const missing = MissingBlock.safeParse(block);
  if (missing.success) return { missing: missing.data.missing };
  if (NO_PATCH[status]) return { missing: NO_PATCH[status] };
  if ("size" in patch && patch.testFilesTouched.length === 0) return { missing: "the patch adds or changes no test file" };
  return { missing: "not judged (grade with --judge-tests)" };
}

/** Runs the judge leaves out (it scores every finished run with a patch, applied or not). */
const NOT_JUDGED: Record<string, string> = {
  running: NO_PATCH["running"]!,
  not_run: NO_PATCH["not_run"]!,
  empty_patch: "the patch is empty: nothing to judge",
};

function judgeOf(read: { judged: JudgedInstance; by: string } | undefined, status: string): JudgeView | Absent {
  if (!read) return { missing: NOT_JUDGED[status] ?? "not judged (swerig judge)" };
  const { judged, by } = read;
  if (!("scores" in judged)) return { missing: `the judge (${by}) failed: ${text(judged.failure)}` };
  const scores = judged.scores;
  return {
    by,
    scores: JUDGE_CRITERIA.map((criterion) => ({ criterion, score: scores[criterion].score, reason: scores[criterion].reason })),
  };
}

export interface QualityInput {
  /** The run's final status (result.json's, else status.json's). */
  status: string;
  /** status.json's body, when the file was read. */
  statusFile?: { quality?: unknown; agentTests?: unknown };
  judged?: { judged: JudgedInstance; by: string };
}

export function qualityViewOf(input: QualityInput): QualityView {
  const patch = patchQualityOf(input.status, input.statusFile?.quality);
  const { status } = input;
  return {
    patch,
    agentTests: agentTestsOf(input.statusFile?.agentTests, patch, status),
    judge: judgeOf(input.judged, status),
  };
}

export function qualityCounts(view: QualityView): QualityCounts {
  if (!("size" in view.patch)) return { findings: null, security: null };
  const ran = (Array.isArray(view.patch.checkers) ? view.patch.checkers : []).flatMap((c) => ("findings" in c ? [c.findings.total] : []));
  return { findings: ran.length === 0 ? null : ran.reduce((n, x) => n + x, 0), security: view.patch.security.total };
}
