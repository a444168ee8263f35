// The quality signals of one graded task run as a report reads them back: from status.json's
// `quality` block (runner/patch-inspection.ts) and `agentTests`, and from the run's judge.json
// (swerig judge). Read defensively: a block that is missing or of another shape is left out.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type JudgeCriterion, type JudgedInstance, JudgedInstanceSchema } from "./judge-rubric.js";
import { tryParseJson } from "../core/index.js";

export interface QualitySignals {
  securityIntroduced: number;
  /** Compiler and checker findings introduced (pyright, tsc, go vet, cargo check), over the checkers that ran. */
  checkerIntroduced: number;
  /** Checkers that ran on the patch (the others are in status.json with the reason they did not). */
  checkersRan: number;
  complexityAdded: number;
  linesChanged: number;
  /** With `--judge-tests`, where the patch touched tests: whether one fails before the fix and passes after. */
  testsCatchBug?: boolean;
}

const QualityView = z
  .object({
    size: z.object({ linesAdded: z.number(), linesRemoved: z.number() }).loose(),
    complexityAdded: z.number(),
    securityIntroduced: z.array(z.unknown()),
    static: z.array(z.object({ introduced: z.array(z.unknown()).optional() }).loose()).optional(),
  })
  .loose();
const AgentTestsView = z.object({ catchesBug: z.boolean() }).loose();

/** The signals of a status.json body, or undefined when it has no readable quality block. */
export function qualitySignalsOf(status: { quality?: unknown; agentTests?: unknown } | undefined): QualitySignals | undefined {
  const quality = QualityView.safeParse(status?.quality);
  if (!quality.success) return undefined;
  const tests = AgentTestsView.safeParse(status?.agentTests);
  return {
    securityIntroduced: quality.data.securityIntroduced.length,
    checkerIntroduced: (quality.data.static ?? []).reduce((n, s) => n + (s.introduced?.length ?? 0), 0),
    checkersRan: (quality.data.static ?? []).filter((s) => s.introduced !== undefined).length,
    complexityAdded: quality.data.complexityAdded,
    linesChanged: quality.data.size.linesAdded + quality.data.size.linesRemoved,
    ...(tests.success ? { testsCatchBug: tests.data.catchesBug } : {}),
  };
}

const JudgeKey = z.object({ provider: z.string(), model: z.string(), rubricVersion: z.number() });

/**
 * A task run's <dir>/judge.json as `swerig judge` wrote it (scores with reasons, or the judge's failure)
 * and which judge it was (`provider/model rubric N`); undefined when the run was not judged or the file
 * is not one.
 */
export async function readJudged(dir: string): Promise<{ judged: JudgedInstance; by: string } | undefined> {
  const value = tryParseJson((await readFile(join(dir, "judge.json"), "utf8").catch(() => undefined)) ?? "");
  const parsed = JudgedInstanceSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const key = JudgeKey.safeParse(value);
  return {
    judged: parsed.data,
    by: key.success ? `${key.data.provider}/${key.data.model} rubric ${key.data.rubricVersion}` : "unknown judge",
  };
}

/** The judge's scores of a task run and which judge gave them, or undefined when it was not judged or the judge failed. */
export async function judgeScoresOf(dir: string): Promise<{ scores: Record<JudgeCriterion, number>; by: string } | undefined> {
  const read = await readJudged(dir);
  if (!read || !("scores" in read.judged)) return undefined;
  const s = read.judged.scores;
  const scores = {
    correctness_risk: s.correctness_risk.score,
    readability: s.readability.score,
    idiomatic_style: s.idiomatic_style.score,
    minimality: s.minimality.score,
  };
  return { scores, by: read.by };
}
