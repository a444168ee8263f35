// The quality deltas of a comparison as a terminal table (see quality-delta.ts). Each row says on how
// many instances its signal was measured; a signal measured on none shows "-", never 0.
import type { MeanDelta, PerResolved, QualityDeltas } from "./quality-delta.js";
import { table } from "./render-table.js";

const num = (x: number | null, digits = 2) => (x === null ? "-" : x.toFixed(digits));
const signedNum = (x: number, digits = 2) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

function meanRow(name: string, d: MeanDelta | null, paired: number, digits = 2): string[] {
  return d === null
    ? [name, `0 of ${paired}`, "-", "-", "-"]
    : [name, `${d.instances} of ${paired}`, num(d.a, digits), num(d.b, digits), signedNum(d.delta, digits)];
}

function perResolvedRow(name: string, s: PerResolved): string[] {
  const measured = `${s.measuredA} of ${s.resolvedA} / ${s.measuredB} of ${s.resolvedB}`;
  return [name, measured, num(s.a), num(s.b), s.a === null || s.b === null ? "-" : signedNum(s.b - s.a)];
}

export function renderQualityDeltas(q: QualityDeltas): string {
  const rows = [
    perResolvedRow("security findings introduced per resolved", q.securityPerResolved),
    perResolvedRow("checker findings introduced per resolved", q.checkerPerResolved),
    meanRow("complexity added (mean)", q.complexityAdded, q.paired),
    meanRow("lines changed (mean)", q.linesChanged, q.paired, 1),
    meanRow("agent tests catching the bug (share)", q.testsCatchBug, q.paired),
    ...Object.entries(q.judge).map(([c, d]) => meanRow(`judge ${c} (1-5, higher is better)`, d, q.paired)),
  ];
  const out = [
    "quality (paired instances; lower is better for findings, complexity and lines):\n" +
      `${table(["signal", "measured", "A", "B", "B-A"], rows)}\n` +
      "measured: per resolved, A's and B's resolved instances the signal was measured on; means, the paired instances measured in both",
  ];
  if (q.judgedByDifferentJudges > 0)
    out.push(`${q.judgedByDifferentJudges} instance(s) judged in both runs by different judges (model or rubric): not compared`);
  if (q.moreFindingsInB.length > 0)
    out.push(`more security findings in B than in A:\n${q.moreFindingsInB.map((id) => `  ! ${id}`).join("\n")}`);
  return out.join("\n\n");
}
