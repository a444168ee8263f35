// The quality of two runs' patches side by side, on the instances both graded: security and checker
// findings the patches introduce per resolved instance (each over the instances where it was measured:
// a checker that did not run is no checker that found nothing), complexity and lines added, the share
// of agent tests that catch the bug, and the judge's mean scores where both runs were judged. A run can
// resolve as many instances as another and still be worse; this is where that shows. Pure.
import { JUDGE_CRITERIA, type JudgeCriterion } from "./judge-rubric.js";
import type { QualitySignals } from "./quality-signals.js";
import type { InstanceRun } from "./run-folder.js";

export interface MeanDelta {
  /** Instances both runs have the signal for. */
  instances: number;
  a: number;
  b: number;
  /** b − a. */
  delta: number;
}

/** Findings introduced over a run's resolved paired instances where the signal was measured; null where it was on none. */
export interface PerResolved {
  a: number | null;
  b: number | null;
  /** Each run's resolved instances among the paired ones. */
  resolvedA: number;
  resolvedB: number;
  /** Of those, the ones the signal was measured on (the rate's denominator). */
  measuredA: number;
  measuredB: number;
}

export interface QualityDeltas {
  /** Paired instances: the means below are over those measured in both runs. */
  paired: number;
  /** Findings introduced, summed over the instances each run resolved, divided by that count. */
  securityPerResolved: PerResolved;
  /** The same for compiler and checker findings (pyright, tsc, go vet, cargo check), where at least one checker ran. */
  checkerPerResolved: PerResolved;
  complexityAdded: MeanDelta | null;
  linesChanged: MeanDelta | null;
  /** Share of the instances with judged agent tests whose tests catch the bug. */
  testsCatchBug: MeanDelta | null;
  /** Over the pairs scored by the same judge (model and rubric) in both runs. */
  judge: Partial<Record<JudgeCriterion, MeanDelta>>;
  /** Pairs judged in both runs, but by different judges: left out of `judge`. */
  judgedByDifferentJudges: number;
  /** Instances where B introduces more security findings than A. */
  moreFindingsInB: string[];
  /** Each paired instance whose patch both runs analysed, in id order. */
  instances: InstanceQualityDelta[];
}

/** One side of a paired instance: its verdict, signals and (when both runs had the same judge) mean judge score. */
export interface InstanceQualitySide extends QualitySignals {
  resolved: boolean;
  judgeMean?: number;
}

export interface InstanceQualityDelta {
  id: string;
  a: InstanceQualitySide;
  b: InstanceQualitySide;
}

type Pair = { id: string; a: InstanceRun; b: InstanceRun };

function instanceDeltas(pairs: readonly Pair[]): InstanceQualityDelta[] {
  const side = (r: InstanceRun, judged: boolean): InstanceQualitySide => ({
    ...r.quality!,
    resolved: r.resolved,
    ...(judged && r.judge ? { judgeMean: JUDGE_CRITERIA.reduce((n, c) => n + r.judge![c], 0) / JUDGE_CRITERIA.length } : {}),
  });
  return pairs
    .filter((p) => p.a.quality && p.b.quality)
    .map((p) => {
      const judged = p.a.judge !== undefined && p.b.judge !== undefined && p.a.judgeBy === p.b.judgeBy;
      return { id: p.id, a: side(p.a, judged), b: side(p.b, judged) };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function meanDelta(pairs: readonly Pair[], value: (r: InstanceRun) => number | undefined): MeanDelta | null {
  const both = pairs.flatMap((p) => {
    const [x, y] = [value(p.a), value(p.b)];
    return x === undefined || y === undefined ? [] : [[x, y] as const];
  });
  if (both.length === 0) return null;
  const a = both.reduce((s, [x]) => s + x, 0) / both.length;
  const b = both.reduce((s, [, y]) => s + y, 0) / both.length;
  return { instances: both.length, a, b, delta: b - a };
}

function perResolved(pairs: readonly Pair[], count: (q: QualitySignals) => number | undefined): PerResolved {
  const side = (runs: InstanceRun[]) => {
    const resolved = runs.filter((r) => r.resolved);
    const counts = resolved.flatMap((r) => {
      const n = r.quality && count(r.quality);
      return n === undefined ? [] : [n];
    });
    const rate = counts.length === 0 ? null : counts.reduce((s, n) => s + n, 0) / counts.length;
    return { rate, resolved: resolved.length, measured: counts.length };
  };
  const [a, b] = [side(pairs.map((p) => p.a)), side(pairs.map((p) => p.b))];
  return { a: a.rate, b: b.rate, resolvedA: a.resolved, resolvedB: b.resolved, measuredA: a.measured, measuredB: b.measured };
}

/** Undefined when neither run carries a quality signal or a judge score on the paired instances. */
export function qualityDeltas(pairs: readonly Pair[]): QualityDeltas | undefined {
  const has = (r: InstanceRun) => r.quality !== undefined || r.judge !== undefined;
  if (!pairs.some((p) => has(p.a) || has(p.b))) return undefined;
  const judge: QualityDeltas["judge"] = {};
  const sameJudge = pairs.filter((p) => p.a.judgeBy === p.b.judgeBy);
  for (const c of JUDGE_CRITERIA) {
    const d = meanDelta(sameJudge, (r) => r.judge?.[c]);
    if (d) judge[c] = d;
  }
  const catches = (r: InstanceRun) => (r.quality?.testsCatchBug === undefined ? undefined : r.quality.testsCatchBug ? 1 : 0);
  return {
    paired: pairs.length,
    securityPerResolved: perResolved(pairs, (q) => q.securityIntroduced),
    checkerPerResolved: perResolved(pairs, (q) => (q.checkersRan > 0 ? q.checkerIntroduced : undefined)),
    complexityAdded: meanDelta(pairs, (r) => r.quality?.complexityAdded),
    linesChanged: meanDelta(pairs, (r) => r.quality?.linesChanged),
    testsCatchBug: meanDelta(pairs, catches),
    judge,
    judgedByDifferentJudges: pairs.filter((p) => p.a.judge && p.b.judge && p.a.judgeBy !== p.b.judgeBy).length,
    moreFindingsInB: pairs
      .filter((p) => p.a.quality && p.b.quality && p.b.quality.securityIntroduced > p.a.quality.securityIntroduced)
      .map((p) => p.id),
    instances: instanceDeltas(pairs),
  };
}
