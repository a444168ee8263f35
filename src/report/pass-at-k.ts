// pass@k with the unbiased estimator of Chen et al. (2021): 1 - C(n-c, k) / C(n, k) for n samples of
// which c passed, computed as a product to stay exact for large n.

/** Probability that at least one of k samples drawn from n (c correct) is correct; k must be ≤ n. */
export function passAtK(n: number, c: number, k: number): number {
  if (k > n || k <= 0) throw new RangeError(`pass@${k} needs 1 ≤ k ≤ n (n = ${n})`);
  if (n - c < k) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - k / i;
  return 1 - fail;
}

/** The k reported for n samples: 1, and each of 5 and 10 that n allows. */
export function reportedKs(n: number): number[] {
  return [1, 5, 10].filter((k) => k <= n);
}

/** Per task and overall (mean over tasks) pass@k for the reported ks. */
export function passAtKTable(results: Map<string, { n: number; c: number }>): {
  perTask: Record<string, Record<string, number>>;
  overall: Record<string, number>;
} {
  const perTask: Record<string, Record<string, number>> = {};
  const sums = new Map<number, { total: number; count: number }>();
  for (const [task, { n, c }] of [...results.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    perTask[task] = {};
    for (const k of reportedKs(n)) {
      const v = passAtK(n, c, k);
      perTask[task]![`pass@${k}`] = v;
      const s = sums.get(k) ?? { total: 0, count: 0 };
      sums.set(k, { total: s.total + v, count: s.count + 1 });
    }
  }
  const overall = Object.fromEntries([...sums.entries()].sort(([a], [b]) => a - b).map(([k, s]) => [`pass@${k}`, s.total / s.count]));
  return { perTask, overall };
}
