import { describe, expect, it } from "vitest";
import { calibrate, parseLabels, renderCalibration } from "../../../src/report/calibration.js";
import { JUDGE_CRITERIA, parseJudgeAnswer, type JudgeAnswer, type JudgedInstance } from "../../../src/report/judge-rubric.js";

const answer = (score: number): JudgeAnswer =>
  Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, { score, reason: `${c} ${score}` }])) as JudgeAnswer;
const usage = { inputTokens: 1, outputTokens: 1, costUsd: 0, requests: 1 };

describe("parseJudgeAnswer", () => {
  it("takes the rubric's JSON, bare or in a code fence", () => {
    expect(parseJudgeAnswer(JSON.stringify(answer(4)))).toEqual({ ok: true, answer: answer(4) });
    expect(parseJudgeAnswer(`Here:\n\`\`\`json\n${JSON.stringify(answer(2))}\n\`\`\``)).toMatchObject({ ok: true });
  });

  it("names what is wrong: not JSON, a score out of range, a criterion missing", () => {
    expect(parseJudgeAnswer("looks fine to me")).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON/) });
    expect(parseJudgeAnswer(JSON.stringify({ ...answer(3), readability: { score: 7, reason: "x" } }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining("readability.score"),
    });
    const { minimality: _, ...partial } = answer(3);
    expect(parseJudgeAnswer(JSON.stringify(partial))).toMatchObject({ ok: false, problem: expect.stringContaining("minimality") });
  });
});

describe("parseLabels", () => {
  it("reads JSONL and names the file and line of a bad label", () => {
    const good = '{"instance":"a","criterion":"readability","score":4}\n\n{"instance":"b","criterion":"minimality","score":1}\n';
    expect(parseLabels(good, "labels.jsonl")).toHaveLength(2);
    expect(() => parseLabels('{"instance":"a","criterion":"speed","score":4}', "labels.jsonl")).toThrow(/^labels\.jsonl:1: criterion/);
    expect(() => parseLabels('{"instance":"a","criterion":"readability","score":4}\n{oops', "l.jsonl")).toThrow(/^l\.jsonl:2: not JSON/);
    const twice = '{"instance":"a","criterion":"readability","score":4}\n{"instance":"a","criterion":"readability","score":2}';
    expect(() => parseLabels(twice, "l.jsonl")).toThrow("l.jsonl:2: a second label for a on readability");
  });
});

describe("calibrate", () => {
  it("pairs labels with the judge's scores per criterion; a failed or missing instance is unmatched", () => {
    const judged: JudgedInstance[] = [
      { instanceId: "a", sample: 0, usage, scores: answer(1) },
      { instanceId: "b", sample: 0, usage, scores: answer(2) },
      { instanceId: "c", sample: 0, usage, scores: answer(3) },
      { instanceId: "d", sample: 0, usage, failure: "the answer was not the rubric's JSON twice" },
    ];
    const labels = parseLabels(
      ["a:1", "b:3", "c:3", "d:2", "e:5"]
        .map((s) => JSON.stringify({ instance: s[0], criterion: "readability", score: Number(s[2]) }))
        .join("\n"),
      "l.jsonl",
    );
    const result = calibrate(labels, judged);
    const readability = result.criteria.find((c) => c.criterion === "readability")!;
    expect(readability.pairs).toBe(3);
    // human (1,3,3) against judge (1,2,3): kappa is symmetric and empty categories add nothing, so this is
    // the 3-pair case worked by hand in agreement.test.ts (0.8).
    expect(readability.qwk).toBeCloseTo(0.8, 12);
    expect(readability.trusted).toBe(true);
    expect(readability.confusion[2]).toEqual([0, 1, 1, 0, 0]);
    expect(result.criteria.find((c) => c.criterion === "minimality")).toMatchObject({ pairs: 0, qwk: null, trusted: false });
    expect(result.unmatched).toEqual(["d", "e"]);
    const text = renderCalibration(result);
    expect(text).toMatch(/^readability\s+3\s+0\.800\s+0\.866\s+yes$/m);
    expect(text).toMatch(/^minimality\s+0\s+n\/a\s+n\/a\s+no$/m);
    expect(text).toContain(
      "readability: human (rows) × judge (columns), scores 1-5\n          1   2   3   4   5\n  1       1   0   0   0   0\n",
    );
    expect(text).not.toContain("minimality: human");
    expect(text).toContain("labelled but not scored by the judge: d, e");
  });
});
