import { describe, expect, it } from "vitest";
import { passAtK, passAtKTable, reportedKs } from "../../../src/report/pass-at-k.js";

/** The definition: 1 - C(n-c, k) / C(n, k), with exact binomials for small n. */
function reference(n: number, c: number, k: number): number {
  const choose = (a: number, b: number): number => (b < 0 || b > a ? 0 : b === 0 ? 1 : (choose(a - 1, b - 1) * a) / b);
  return 1 - choose(n - c, k) / choose(n, k);
}

describe("pass@k", () => {
  it("equals the combinatorial definition for every n ≤ 12, c, k", () => {
    for (let n = 1; n <= 12; n++)
      for (let c = 0; c <= n; c++) for (let k = 1; k <= n; k++) expect(passAtK(n, c, k)).toBeCloseTo(reference(n, c, k), 12);
  });

  it("is c/n for k = 1 and 1 once fewer than k samples fail", () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
    expect(passAtK(10, 6, 5)).toBe(1);
    expect(passAtK(5, 0, 5)).toBe(0);
  });

  it("refuses k above n", () => {
    expect(() => passAtK(3, 1, 5)).toThrow(RangeError);
  });

  it("reports k = 1, 5 and 10 as the sample count allows, per task and as a mean over tasks", () => {
    expect(reportedKs(1)).toEqual([1]);
    expect(reportedKs(7)).toEqual([1, 5]);
    expect(reportedKs(10)).toEqual([1, 5, 10]);
    const table = passAtKTable(
      new Map([
        ["b", { n: 5, c: 0 }],
        ["a", { n: 5, c: 5 }],
      ]),
    );
    expect(Object.keys(table.perTask)).toEqual(["a", "b"]);
    expect(table.overall).toEqual({ "pass@1": 0.5, "pass@5": 0.5 });
  });
});
