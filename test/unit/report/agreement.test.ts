// The agreement statistics against values worked out by hand (shown below) and against published ones:
// scipy.stats.spearmanr's documented example, and scikit-learn's cohen_kappa_score(weights="quadratic")
// formula (1 − Σ w·O / Σ w·E), evaluated with NumPy for the 12-pair case.
import { describe, expect, it } from "vitest";
import { averageRanks, confusionMatrix, quadraticWeightedKappa, spearmanRho } from "../../../src/report/stats/agreement.js";

describe("quadratic-weighted kappa", () => {
  it("is 1 for identical ratings and 0.8 for the 3-pair case worked by hand", () => {
    expect(quadraticWeightedKappa([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 1, 5)).toBe(1);
    // O = [[1,0,0],[0,0,1],[0,0,1]], rows (1,1,1), columns (1,0,2), n = 3:
    // Σ w·O = (2−3)² · 1 = 1; Σ w·E = (4·1·2 + 1·1·1 + 1·1·2 + 4·1·1) / 3 = 15/3 = 5; κ = 1 − 1/5.
    expect(quadraticWeightedKappa([1, 2, 3], [1, 3, 3], 1, 3)).toBeCloseTo(0.8, 12);
  });

  it("matches scikit-learn's formula on 12 pairs", () => {
    const human = [1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 3, 4];
    const judge = [1, 3, 3, 4, 4, 2, 2, 5, 5, 2, 3, 3];
    expect(quadraticWeightedKappa(human, judge, 1, 5)).toBeCloseTo(0.8414096916299559, 12);
    expect(confusionMatrix(human, judge, 1, 5)).toEqual([
      [1, 1, 0, 0, 0],
      [0, 1, 1, 0, 0],
      [0, 1, 2, 0, 0],
      [0, 0, 1, 1, 1],
      [0, 0, 0, 1, 1],
    ]);
  });

  it("is below 0 for ratings that disagree systematically, and null where chance agreement carries no weight", () => {
    expect(quadraticWeightedKappa([1, 2, 4, 5], [5, 4, 2, 1], 1, 5)).toBeCloseTo(-1, 12);
    expect(quadraticWeightedKappa([3, 3, 3], [3, 3, 3], 1, 5)).toBeNull();
    expect(quadraticWeightedKappa([], [], 1, 5)).toBeNull();
  });
});

describe("Spearman's rho", () => {
  it("gives tied values their average rank", () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it("matches scipy's documented example and the tied case worked by hand", () => {
    // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) → 0.8207826816681233 (scipy reference docs).
    expect(spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    // ranks (1,2,3) and (1,2.5,2.5): cov 1.5, variances 2 and 1.5 → 1.5 / √3.
    expect(spearmanRho([1, 2, 3], [1, 3, 3])).toBeCloseTo(1.5 / Math.sqrt(3), 12);
    expect(spearmanRho([1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 3, 4], [1, 3, 3, 4, 4, 2, 2, 5, 5, 2, 3, 3])).toBeCloseTo(0.8605866764071053, 12);
  });

  it("is null for a constant rater or fewer than two pairs", () => {
    expect(spearmanRho([2, 2, 2], [1, 2, 3])).toBeNull();
    expect(spearmanRho([1], [1])).toBeNull();
  });
});
