// The statistics behind compare and the report, against values worked out by hand (or as scipy's
// binomtest and statsmodels' proportion_confint give them).
import { describe, expect, it } from "vitest";
import {
  bootstrapMean,
  mcnemarExact,
  pairedBootstrapDifference,
  quantile,
  seededRandom,
  wilsonInterval,
  zForLevel,
} from "../../../src/report/stats/index.js";

describe("McNemar's exact test", () => {
  it("gives the two-sided binomial p for small discordant counts", () => {
    // b=0, c=5: 2 * C(5,0)/2^5
    expect(mcnemarExact(0, 5)).toBeCloseTo(2 / 32, 12);
    // b=1, c=9: 2 * (C(10,0) + C(10,1)) / 2^10
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 12);
    // b=8, c=2: symmetric in b and c; 2 * (1 + 10 + 45) / 1024
    expect(mcnemarExact(8, 2)).toBeCloseTo(0.109375, 12);
    expect(mcnemarExact(2, 8)).toBe(mcnemarExact(8, 2));
  });

  it("is 1 with no discordant pairs or a balanced split, and stays finite for large counts", () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(3, 3)).toBe(1);
    const p = mcnemarExact(400, 600);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-9);
  });

  it("refuses counts that are not whole numbers", () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(/whole numbers/);
    expect(() => mcnemarExact(1.5, 2)).toThrow(/whole numbers/);
  });
});

describe("Wilson interval", () => {
  it("matches the closed form at 50/100 and at 0/10", () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959964, 5);
    const mid = wilsonInterval(50, 100);
    expect(mid.low).toBeCloseTo(0.403832, 5);
    expect(mid.high).toBeCloseTo(0.596168, 5);
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    // z² / (n + z²)
    expect(none.high).toBeCloseTo(3.841459 / 13.841459, 5);
  });

  it("is [0, 1] with no observations and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(11, 10)).toThrow(/0\.\.10/);
  });
});

describe("bootstrap", () => {
  const values = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : 0));

  it("covers the point estimate, is as wide as the normal theory says, and repeats with its seed", () => {
    const a = bootstrapMean(values, { seed: 1, resamples: 4000 });
    expect(a.estimate).toBe(0.5);
    expect(a.low).toBeLessThan(0.5);
    expect(a.high).toBeGreaterThan(0.5);
    // 1.96 * sqrt(0.25 / 400) = 0.049
    expect(a.high - a.low).toBeGreaterThan(0.08);
    expect(a.high - a.low).toBeLessThan(0.116);
    expect(bootstrapMean(values, { seed: 1, resamples: 4000 })).toEqual(a);
    expect(bootstrapMean(values, { seed: 2, resamples: 4000 })).not.toEqual(a);
  });

  it("pairs the samples: a constant difference has a zero-width interval", () => {
    const b = values.map((v) => v);
    const c = values.map(() => 1);
    expect(pairedBootstrapDifference(b, b)).toEqual({ estimate: 0, low: 0, high: 0 });
    const d = pairedBootstrapDifference(
      c,
      values.map(() => 0),
    );
    expect(d).toEqual({ estimate: 1, low: 1, high: 1 });
    expect(() => pairedBootstrapDifference([1], [1, 0])).toThrow(/differ in length/);
  });

  it("interpolates quantiles as numpy does by default, and the generator repeats", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    const r1 = seededRandom(42);
    const r2 = seededRandom(42);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
