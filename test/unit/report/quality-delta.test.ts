// Quality deltas between two runs read from their folders: B resolves exactly what A resolves, yet
// introduces a security finding, adds complexity and scores lower with the judge; the comparison says so.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/report/compare.js";
import { buildComparePage, direction } from "../../../src/report/html/compare-page.js";
import { summarySection } from "../../../src/report/html/summary-section.js";
import { JUDGE_CRITERIA } from "../../../src/report/judge-rubric.js";
import { qualitySignalsOf } from "../../../src/report/quality-signals.js";
import { renderComparison } from "../../../src/report/render-compare.js";
import { renderQualityDeltas } from "../../../src/report/render-quality-delta.js";
import { loadRunFolder } from "../../../src/report/run-folder.js";
import { writeHandRun } from "../../helpers/run-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-quality-delta-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const finding = { rule: "shell-true", cwe: "CWE-78", file: "x.py", line: 3, snippet: "run(cmd, shell=True)" };
const diagnostic = { file: "x.py", line: 4, severity: "error", rule: "reportAttributeAccessIssue", message: "no attribute" };
const quality = (findings: number, complexityAdded: number, lines: number, checker: number | "absent" = 0) => ({
  size: { files: 1, hunks: 1, linesAdded: lines, linesRemoved: 0 },
  locality: { filesInReference: 1, filesOutsideReference: [], lineOverlap: 1 },
  testFilesTouched: [],
  complexity: [],
  complexityAdded,
  securityIntroduced: new Array(findings).fill(finding),
  static: [
    checker === "absent"
      ? { tool: "pyright", missing: "pyright ran longer than 60 s and was stopped" }
      : { tool: "pyright", introduced: new Array(checker).fill(diagnostic), ms: 10 },
    { tool: "go-vet", missing: "not a Go change" },
  ],
});
const usage = { inputTokens: 1, outputTokens: 1, costUsd: 0, requests: 1 };
const judged = (id: string, score: number, model = "gpt-4o") => ({
  provider: "openai",
  model,
  rubricVersion: 1,
  instanceId: id,
  sample: 0,
  usage,
  scores: Object.fromEntries(JUDGE_CRITERIA.map((c) => [c, { score, reason: "r" }])),
});

type Signals = { q: ReturnType<typeof quality>; judge?: number; judgeModel?: string; catches?: boolean };
async function run(name: string, perInstance: Record<string, Signals>) {
  const dir = join(root, name);
  await writeHandRun(dir, [
    { id: "i-1", status: "resolved" },
    { id: "i-2", status: "resolved" },
    { id: "i-3", status: "unresolved" },
  ]);
  for (const [id, v] of Object.entries(perInstance)) {
    const agentTests = v.catches === undefined ? {} : { agentTests: { catchesBug: v.catches, testsChanged: [] } };
    const status = { instanceId: id, status: id === "i-3" ? "unresolved" : "resolved", quality: v.q, ...agentTests };
    await writeFile(join(dir, id, "status.json"), JSON.stringify(status));
    if (v.judge !== undefined) await writeFile(join(dir, id, "judge.json"), JSON.stringify(judged(id, v.judge, v.judgeModel)));
  }
  return loadRunFolder(dir, name);
}

describe("quality deltas in a comparison", () => {
  it("show a regression the resolved rate does not", async () => {
    const a = await run("a", {
      "i-1": { q: quality(0, 1, 4), judge: 4, catches: true },
      "i-2": { q: quality(0, 0, 2), judge: 5 },
      "i-3": { q: quality(1, 2, 6), judge: 2 },
    });
    const b = await run("b", {
      "i-1": { q: quality(1, 5, 20, 3), judge: 2, catches: false },
      "i-2": { q: quality(1, 3, 10), judge: 3 },
      "i-3": { q: quality(1, 2, 6) },
    });
    const c = compareRuns(a, b, undefined, { resamples: 100 });
    expect(c.overall.difference.estimate).toBe(0);
    const measured = { resolvedA: 2, resolvedB: 2, measuredA: 2, measuredB: 2 };
    expect(c.quality!.securityPerResolved).toEqual({ a: 0, b: 1, ...measured });
    expect(c.quality!.checkerPerResolved).toEqual({ a: 0, b: 1.5, ...measured });
    expect(c.quality!.complexityAdded).toEqual({ instances: 3, a: 1, b: 10 / 3, delta: 10 / 3 - 1 });
    expect(c.quality!.linesChanged).toMatchObject({ a: 4, b: 12 });
    expect(c.quality!.testsCatchBug).toEqual({ instances: 1, a: 1, b: 0, delta: -1 });
    // i-3 has no judge score in B: the judge means are over the two instances judged in both.
    expect(c.quality!.judge.readability).toEqual({ instances: 2, a: 4.5, b: 2.5, delta: -2 });
    expect(c.quality!.moreFindingsInB).toEqual(["i-1", "i-2"]);

    const text = renderComparison(c);
    expect(text).toMatch(/security findings introduced per resolved\s+2 of 2 \/ 2 of 2\s+0\.00\s+1\.00\s+\+1\.00/);
    expect(text).toMatch(/checker findings introduced per resolved\s+2 of 2 \/ 2 of 2\s+0\.00\s+1\.50\s+\+1\.50/);
    expect(text).toMatch(/agent tests catching the bug \(share\)\s+1 of 3\s+1\.00\s+0\.00\s+-1\.00/);
    expect(text).toMatch(/judge readability \(1-5, higher is better\)\s+2 of 3\s+4\.50\s+2\.50\s+-2\.00/);
    expect(text).toContain("more security findings in B than in A:\n  ! i-1\n  ! i-2");
  });

  it("are listed per instance, and the compare page shows them side by side with B's regressions first", async () => {
    const c = compareRuns(await loadRunFolder(join(root, "a"), "a"), await loadRunFolder(join(root, "b"), "b"), undefined, {
      resamples: 10,
    });
    expect(c.quality!.instances.map((d) => d.id)).toEqual(["i-1", "i-2", "i-3"]);
    expect(c.quality!.instances[0]).toEqual({
      id: "i-1",
      a: {
        resolved: true,
        securityIntroduced: 0,
        checkerIntroduced: 0,
        checkersRan: 1,
        complexityAdded: 1,
        linesChanged: 4,
        testsCatchBug: true,
        judgeMean: 4,
      },
      b: {
        resolved: true,
        securityIntroduced: 1,
        checkerIntroduced: 3,
        checkersRan: 1,
        complexityAdded: 5,
        linesChanged: 20,
        testsCatchBug: false,
        judgeMean: 2,
      },
    });
    // B was not judged on i-3: no judge mean on either side.
    expect(c.quality!.instances[2]!.a.judgeMean).toBeUndefined();
    const html = buildComparePage({ ...c, runB: "<b>evil</b>" }, "now");
    expect(html).toContain("A = a, B = &lt;b&gt;evil&lt;/b&gt;");
    const rows = [...html.matchAll(/<tr><td>([^<]*)<\/td>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows.map(([id]) => id)).toEqual(["i-1", "i-2", "i-3"]);
    expect(rows[0]![1]).toBe(
      '<td class="">yes → yes</td><td class="worse">0 → 1</td><td class="worse">0 → 3</td><td class="worse">1 → 5</td>' +
        '<td class="worse">4 → 20</td><td class="worse">yes → no</td><td class="worse">4 → 2</td>',
    );
    expect(rows[2]![1]).toContain('<td class="">1 → 1</td>');
    expect(direction(3, 1, true)).toBe("better");
    expect(direction(3, 1, false)).toBe("worse");
    expect(direction(undefined, 1, true)).toBe("");
  });

  it("compare judge scores only where both runs were scored by the same judge", async () => {
    const a = await run("ja", { "i-1": { q: quality(0, 0, 1), judge: 4 }, "i-2": { q: quality(0, 0, 1), judge: 4 } });
    const b = await run("jb", { "i-1": { q: quality(0, 0, 1), judge: 2 }, "i-2": { q: quality(0, 0, 1), judge: 1, judgeModel: "o3" } });
    const q = compareRuns(a, b, undefined, { resamples: 10 }).quality!;
    expect(q.judge.minimality).toEqual({ instances: 1, a: 4, b: 2, delta: -2 });
    expect(q.judgedByDifferentJudges).toBe(1);
    expect(renderQualityDeltas(q)).toContain("1 instance(s) judged in both runs by different judges (model or rubric): not compared");
  });

  it("are summed in the report's quality card with how many runs each was measured on", async () => {
    const html = summarySection(await loadRunFolder(join(root, "b"), "b"));
    expect(html).toContain("<caption>quality (3 task runs)</caption>");
    const row = (name: string, value: string, measured: number) =>
      `<tr><td>${name}</td><td class="n">${value}</td><td class="n">${measured} of 3 measured</td></tr>`;
    expect(html).toContain(row("security findings introduced", "3", 3));
    expect(html).toContain(row("checker findings introduced", "3", 3));
    expect(html).toContain(row("agent tests catching the bug", "0/1", 1));
    expect(html).toContain(row("judge minimality (mean 1-5)", "2.50", 2));
    await writeHandRun(join(root, "p0"), [{ id: "i-1", status: "resolved" }]);
    expect(summarySection(await loadRunFolder(join(root, "p0"), "p0"))).not.toContain("quality (");
  });

  it("count checker findings only where a checker ran: never 0 for a run none ran on", async () => {
    const a = await run("ca", {
      "i-1": { q: quality(0, 0, 1, "absent") },
      "i-2": { q: quality(0, 0, 1, 2) },
      "i-3": { q: quality(0, 0, 1, 1) },
    });
    const b = await run("cb", {
      "i-1": { q: quality(0, 0, 1, "absent") },
      "i-2": { q: quality(0, 0, 1, "absent") },
      "i-3": { q: quality(0, 0, 1, "absent") },
    });
    const c = compareRuns(a, b, undefined, { resamples: 10 });
    expect(c.quality!.checkerPerResolved).toEqual({ a: 2, b: null, resolvedA: 2, resolvedB: 2, measuredA: 1, measuredB: 0 });
    expect(JSON.parse(JSON.stringify(c)).quality.checkerPerResolved).toMatchObject({ a: 2, b: null, measuredA: 1, measuredB: 0 });
    expect(c.quality!.securityPerResolved).toMatchObject({ a: 0, b: 0, measuredA: 2, measuredB: 2 });
    expect(renderQualityDeltas(c.quality!)).toMatch(/checker findings introduced per resolved\s+1 of 2 \/ 0 of 2\s+2\.00\s+-\s+-\n/);
    expect(renderQualityDeltas(c.quality!)).toMatch(/agent tests catching the bug \(share\)\s+0 of 3\s+-\s+-\s+-\n/);

    const row = (name: string, value: string, measured: number) =>
      `<tr><td>${name}</td><td class="n">${value}</td><td class="n">${measured} of 3 measured</td></tr>`;
    const cardA = summarySection(a);
    expect(cardA).toContain(row("checker findings introduced", "3", 2));
    expect(cardA).toContain(row("agent tests catching the bug", "–", 0));
    expect(cardA).toContain(row("judge scores (mean 1-5)", "–", 0));
    const cardB = summarySection(b);
    expect(cardB).toContain(row("checker findings introduced", "–", 0));
    expect(cardB).toContain(row("security findings introduced", "0", 3));
  });

  it("are left out when neither run has a quality block or judge score", async () => {
    await writeHandRun(join(root, "p1"), [{ id: "i-1", status: "resolved" }]);
    await writeHandRun(join(root, "p2"), [{ id: "i-1", status: "unresolved" }]);
    const c = compareRuns(await loadRunFolder(join(root, "p1"), "p1"), await loadRunFolder(join(root, "p2"), "p2"), undefined, {
      resamples: 10,
    });
    expect(c.quality).toBeUndefined();
    expect(renderComparison(c)).not.toContain("quality");
  });

  it("reads no signals from a quality block that says why it is missing", () => {
    expect(qualitySignalsOf({ quality: { missing: "the patch could not be analysed" } })).toBeUndefined();
    expect(qualitySignalsOf({ quality: quality(2, 3, 5), agentTests: { missing: "timeout" } })).toEqual({
      securityIntroduced: 2,
      checkerIntroduced: 0,
      checkersRan: 1,
      complexityAdded: 3,
      linesChanged: 5,
    });
  });
});
