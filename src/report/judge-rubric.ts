// The rubric an LLM judge scores a final diff on, the prompt that asks for it and the strict JSON
// answer it must give (zod-validated), plus the shape of judge.json. Pure: no model calls here.
import { z } from "zod";
import { describeIssues } from "../core/index.js";

export const JUDGE_CRITERIA = ["correctness_risk", "readability", "idiomatic_style", "minimality"] as const;
export type JudgeCriterion = (typeof JUDGE_CRITERIA)[number];

/** What each score means; 5 is always the best (for correctness_risk: the least risk). */
const CRITERIA_TEXT: Record<JudgeCriterion, string> = {
  correctness_risk: "how safe the change is: 5 = clearly correct with edge cases handled, 1 = likely wrong or breaks other behaviour",
  readability: "5 = easy to follow, well named, 1 = hard to follow",
  idiomatic_style: "5 = written as the repository's own code and the language's idioms would, 1 = foreign to both",
  minimality: "5 = changes only what the issue needs, 1 = many unrelated or gratuitous changes",
};

const Score = z.object({ score: z.number().int().min(1).max(5), reason: z.string().min(1).max(1000) }).strict();
export const JudgeAnswerSchema = z
  .object(Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, Score])) as Record<JudgeCriterion, typeof Score>)
  .strict();
export type JudgeAnswer = z.infer<typeof JudgeAnswerSchema>;

/** Bumped when the rubric or the prompt changes: scores of two versions are not comparable. */
export const RUBRIC_VERSION = 1;

/** The largest diff put in a prompt; a longer one is cut, and the judge is told. */
export const MAX_DIFF_CHARS = 60_000;

export function judgeSystemPrompt(): string {
  return [
    "You review a code change made to fix an issue in a repository. Score it on each criterion from 1 to 5:",
    ...JUDGE_CRITERIA.map((c) => `- ${c}: ${CRITERIA_TEXT[c]}`),
    "Answer with one JSON object and nothing else, of this shape:",
    `{${JUDGE_CRITERIA.map((c) => `"${c}": {"score": <1-5>, "reason": "<one sentence>"}`).join(", ")}}`,
  ].join("\n");
}

export function judgeUserPrompt(problemStatement: string | undefined, diff: string): string {
  const cut = diff.length > MAX_DIFF_CHARS ? `${diff.slice(0, MAX_DIFF_CHARS)}\n[diff cut at ${MAX_DIFF_CHARS} characters]` : diff;
  const issue = problemStatement === undefined ? "(the issue text is not available)" : problemStatement;
  return `<issue>\n${issue}\n</issue>\n\n<diff>\n${cut}\n</diff>`;
}

export type ParsedAnswer = { ok: true; answer: JudgeAnswer } | { ok: false; problem: string };

/** The answer in a model's text: the JSON object (a Markdown code fence around it is allowed), validated. */
export function parseJudgeAnswer(text: string): ParsedAnswer {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = JudgeAnswerSchema.safeParse(value);
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false, problem: describeIssues(parsed.error.issues) };
}

const JudgeUsageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
  requests: z.number(),
});
export type JudgeUsage = z.infer<typeof JudgeUsageSchema>;

/** What the judge made of one diff: its scores, or why there are none. */
export type JudgeVerdict = { usage: JudgeUsage } & ({ scores: JudgeAnswer } | { failure: string });

/** One judged instance run, as judge.json and <instance>/judge.json hold it (read back through this schema). */
export const JudgedInstanceSchema = z.union([
  z.object({ instanceId: z.string(), sample: z.number(), usage: JudgeUsageSchema, scores: JudgeAnswerSchema }),
  z.object({ instanceId: z.string(), sample: z.number(), usage: JudgeUsageSchema, failure: z.string() }),
]);
export type JudgedInstance = z.infer<typeof JudgedInstanceSchema>;

export interface JudgeFile {
  runId: string;
  rubricVersion: number;
  provider: string;
  model: string;
  /** False when the model has no entry in the price table: costs are then 0. */
  priceKnown: boolean;
  /** Instances whose scores an earlier judge of the same diff, model and rubric saved (not asked again). */
  reused: number;
  instances: JudgedInstance[];
  usage: JudgeUsage;
  /** Mean score per criterion over the judged instances (failures left out); null when none. */
  means: Record<JudgeCriterion, number | null>;
}

export function meanScores(instances: readonly JudgedInstance[]): JudgeFile["means"] {
  const scored = instances.flatMap((i) => ("scores" in i ? [i.scores] : []));
  const mean = (c: JudgeCriterion) => (scored.length === 0 ? null : scored.reduce((n, s) => n + s[c].score, 0) / scored.length);
  return Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, mean(c)])) as JudgeFile["means"];
}
