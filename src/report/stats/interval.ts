// Confidence intervals for a proportion: Wilson's score interval, which stays inside [0, 1] and behaves
// at 0 and n successes where the normal approximation does not.

export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided level (0.95 → 1.959964), by inverting the normal CDF (Acklam's rational approximation). */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`a confidence level lies between 0 and 1, not ${level}`);
  return normalQuantile(1 - (1 - level) / 2);
}

export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Wilson score interval for `successes` of `n`; [0, 1] when n is 0. */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  if (successes < 0 || successes > n) throw new RangeError(`successes must lie in 0..${n}, not ${successes}`);
  const z = zForLevel(level);
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (his method 10, built from the two Wilson intervals) for the
 * difference p2 - p1 of two independent proportions; with an empty side, the difference is unknown.
 */
export function newcombeDifference(s1: number, n1: number, s2: number, n2: number, level = 0.95): Interval & { estimate: number } {
  if (n1 === 0 || n2 === 0) return { estimate: 0, low: -1, high: 1 };
  const [p1, p2] = [s1 / n1, s2 / n2];
  const [w1, w2] = [wilsonInterval(s1, n1, level), wilsonInterval(s2, n2, level)];
  const estimate = p2 - p1;
  return {
    estimate,
    low: estimate - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2),
    high: estimate + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2),
  };
}
