// McNemar's exact test for paired binary outcomes: under the null hypothesis each discordant pair
// (resolved by one run only) goes either way with probability 1/2, so the count b of one kind among
// n = b + c discordant pairs is Binomial(n, 1/2). The two-sided p doubles the smaller tail.

/** Two-sided exact p-value for b pairs that flipped one way and c the other; 1 when there are none. */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0)
    throw new RangeError(`discordant counts are whole numbers ≥ 0, not ${b} and ${c}`);
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // Sum C(n, i) / 2^n for i ≤ k in log space, so large n neither overflows nor underflows early.
  let logTerm = -n * Math.LN2;
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}
