// Percentile bootstrap intervals: of a mean, and of a paired difference of means (resampling the
// pairs together, so what the two runs share cancels out). Seeded, hence reproducible.
import type { Interval } from "./interval.js";
import { seededRandom } from "./prng.js";

export interface BootstrapOptions {
  resamples?: number;
  level?: number;
  seed?: number;
}

export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_SEED = 20_240_601;

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The q-quantile of sorted values, interpolated linearly (type 7, as numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Percentile bootstrap interval of the mean of `values`. */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): Interval & { estimate: number } {
  return bootstrapStatistic(values.length, (i) => values[i]!, options);
}

/** Percentile bootstrap interval of mean(a) - mean(b) where a[i] and b[i] belong to the same instance. */
export function pairedBootstrapDifference(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): Interval & { estimate: number } {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} and ${b.length}`);
  return bootstrapStatistic(a.length, (i) => a[i]! - b[i]!, options);
}

function bootstrapStatistic(n: number, at: (i: number) => number, options: BootstrapOptions): Interval & { estimate: number } {
  const values = Array.from({ length: n }, (_, i) => at(i));
  const estimate = mean(values);
  if (n === 0) return { estimate: 0, low: 0, high: 0 };
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const sorted = Array.from(means);
  return { estimate, low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, 1 - (1 - level) / 2) };
}
