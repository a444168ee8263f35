// `swerig judge calibrate`: how well an LLM judge's scores agree with human labels, per criterion
// (quadratic-weighted kappa, Spearman's rho, confusion matrix), over the instances both scored.
// Labels come as JSONL, one {instance, criterion, score} per line, validated line by line.
import { z } from "zod";
import { describeIssues, SwerigError } from "../core/index.js";
import { table } from "./render-table.js";
import { JUDGE_CRITERIA, type JudgeCriterion, type JudgedInstance } from "./judge-rubric.js";
import { confusionMatrix, quadraticWeightedKappa, spearmanRho } from "./stats/agreement.js";

/** The agreement above which the README says a judge may be trusted on a criterion. */
export const TRUSTED_QWK = 0.6;

export const LabelSchema = z
  .object({ instance: z.string().min(1), criterion: z.enum(JUDGE_CRITERIA), score: z.number().int().min(1).max(5) })
  .strict();
export type Label = z.infer<typeof LabelSchema>;

/** Throws SwerigError("invalid_input") naming the file, the line and what is wrong. */
export function parseLabels(text: string, file: string): Label[] {
  const labels: Label[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new SwerigError("invalid_input", `${where}: not JSON (${(error as Error).message})`);
    }
    const parsed = LabelSchema.safeParse(value);
    if (!parsed.success) throw new SwerigError("invalid_input", `${where}: ${describeIssues(parsed.error.issues)}`);
    const key = `${parsed.data.instance}\0${parsed.data.criterion}`;
    if (seen.has(key))
      throw new SwerigError("invalid_input", `${where}: a second label for ${parsed.data.instance} on ${parsed.data.criterion}`);
    seen.add(key);
    labels.push(parsed.data);
  });
  return labels;
}

export interface CriterionAgreement {
  criterion: JudgeCriterion;
  /** Instances both the judge and a human scored on this criterion. */
  pairs: number;
  qwk: number | null;
  spearman: number | null;
  /** Rows: the human's score 1..5, columns: the judge's. */
  confusion: number[][];
  trusted: boolean;
}

export interface Calibration {
  criteria: CriterionAgreement[];
  /** Labelled instances the judge has no scores for (not judged, or its answer failed). */
  unmatched: string[];
}

export function calibrate(labels: readonly Label[], judged: readonly JudgedInstance[]): Calibration {
  const scores = new Map<string, JudgedInstance>();
  for (const j of [...judged].sort((x, y) => x.sample - y.sample))
    if (!scores.has(j.instanceId) && "scores" in j) scores.set(j.instanceId, j);
  const unmatched = new Set<string>();
  const criteria = JUDGE_CRITERIA.map((criterion): CriterionAgreement => {
    const human: number[] = [];
    const judge: number[] = [];
    for (const label of labels.filter((l) => l.criterion === criterion)) {
      const j = scores.get(label.instance);
      if (j === undefined || !("scores" in j)) {
        unmatched.add(label.instance);
        continue;
      }
      human.push(label.score);
      judge.push(j.scores[criterion].score);
    }
    const qwk = quadraticWeightedKappa(human, judge, 1, 5);
    return {
      criterion,
      pairs: human.length,
      qwk,
      spearman: spearmanRho(human, judge),
      confusion: confusionMatrix(human, judge, 1, 5),
      trusted: qwk !== null && qwk >= TRUSTED_QWK,
    };
  });
  return { criteria, unmatched: [...unmatched].sort() };
}

const fmt = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));

export function renderCalibration(c: Calibration): string {
  const rows = c.criteria.map((a) => [a.criterion, String(a.pairs), fmt(a.qwk), fmt(a.spearman), a.trusted ? "yes" : "no"]);
  const lines = [table(["criterion", "pairs", "QWK", "rho", `trusted (QWK >= ${TRUSTED_QWK})`], rows)];
  for (const a of c.criteria.filter((x) => x.pairs > 0)) {
    lines.push("", `${a.criterion}: human (rows) × judge (columns), scores 1-5`);
    lines.push(`       ${[1, 2, 3, 4, 5].map((s) => String(s).padStart(4)).join("")}`);
    for (const [i, row] of a.confusion.entries()) lines.push(`  ${i + 1}    ${row.map((n) => String(n).padStart(4)).join("")}`);
  }
  if (c.unmatched.length > 0) lines.push("", `labelled but not scored by the judge: ${c.unmatched.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
