// Agreement between two raters on an ordinal scale (an LLM judge and human labels): quadratic-weighted
// Cohen's kappa, Spearman's rank correlation and the confusion matrix. The definitions follow
// scikit-learn's cohen_kappa_score(weights="quadratic") and scipy.stats.spearmanr (average ranks for ties).

/** Rows: rater A's score, columns: rater B's, over the categories `min..max`. */
export function confusionMatrix(a: readonly number[], b: readonly number[], min: number, max: number): number[][] {
  const k = max - min + 1;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  a.forEach((x, i) => {
    m[x - min]![b[i]! - min]!++;
  });
  return m;
}

/**
 * Quadratic-weighted kappa: 1 − Σ w·O / Σ w·E with w_ij = (i − j)², O the observed matrix and E the
 * outer product of its marginals over n. Null when there are no pairs or E carries no weight (both
 * raters gave a single category).
 */
export function quadraticWeightedKappa(a: readonly number[], b: readonly number[], min: number, max: number): number | null {
  const n = a.length;
  if (n === 0) return null;
  const m = confusionMatrix(a, b, min, max);
  const k = m.length;
  const rows = m.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = m[0]!.map((_, j) => m.reduce((s, r) => s + r[j]!, 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2;
      observed += w * m[i]![j]!;
      expected += (w * rows[i]! * cols[j]!) / n;
    }
  }
  return expected === 0 ? null : 1 - observed / expected;
}

/** 1-based ranks, ties sharing the mean of their ranks. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let p = start; p <= end; p++) ranks[order[p]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's rho: Pearson's correlation of the average ranks. Null with fewer than 2 pairs or a constant rater. */
export function spearmanRho(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2) return null;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [ma, mb] = [mean(ra), mean(rb)];
  let cov = 0;
  let va = 0;
  let vb = 0;
  ra.forEach((x, i) => {
    cov += (x - ma) * (rb[i]! - mb);
    va += (x - ma) ** 2;
    vb += (rb[i]! - mb) ** 2;
  });
  return va === 0 || vb === 0 ? null : cov / Math.sqrt(va * vb);
}
