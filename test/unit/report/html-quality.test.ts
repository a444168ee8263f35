// The report's per-run quality data: read from a run folder whose status.json files carry the blocks
// grading writes, every absent signal with its reason, lists bounded, and untrusted text only as text.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/report/compare.js";
import { buildReportPage } from "../../../src/report/html/build-page.js";
import { buildComparePage } from "../../../src/report/html/compare-page.js";
import { collectRunDetails } from "../../../src/report/html/collect.js";
import { MAX_LISTED, qualityCounts, qualityViewOf } from "../../../src/report/html/quality-view.js";
import { loadRunFolder } from "../../../src/report/run-folder.js";
import { CLEAN, EMPTY, JUDGE_REASON, NO_CHECKERS, OLD, PYRIGHT_MESSAGE, RISKY, writeQualityRun } from "../../helpers/quality-run.js";

const root = await mkdtemp(join(tmpdir(), "swerig-html-quality-"));
afterAll(() => rm(root, { recursive: true, force: true }));
const PAYLOAD = `</script><img src=x onerror="alert(1)">`;
await writeQualityRun(join(root, "q"), PAYLOAD);
const folder = await loadRunFolder(join(root, "q"), "q");
const details = await collectRunDetails(folder);
const detail = (id: string) => details[folder.runs.findIndex((r) => r.taskId === id)]!.quality;

describe("the quality of each task run in the report", () => {
  it("shows a risky patch's counts and findings: security with CWE, pyright with file:line, complexity, agent tests, judge", () => {
    const q = detail(RISKY);
    expect(q.patch).toMatchObject({
      size: { files: 2, hunks: 2, linesAdded: 10, linesRemoved: 0 },
      locality: { filesInReference: 1, filesOutsideReference: ["tests/test_report.py"] },
      testFilesTouched: ["tests/test_report.py"],
      complexityAdded: 3,
      complexity: { items: [{ function: "export", file: "ledger/report.py", before: null, after: 3 }], total: 1 },
      security: { items: [{ rule: "shell-true", cwe: "CWE-78", file: "ledger/report.py", line: 8 }], total: 1 },
      checkers: [
        {
          tool: "pyright",
          findings: {
            items: [{ file: "ledger/report.py", line: 9, rule: "reportUndefinedVariable", message: PYRIGHT_MESSAGE + PAYLOAD }],
            total: 1,
          },
        },
      ],
    });
    expect(q.agentTests).toMatchObject({ catchesBug: true, testsRun: 1, failBeforePassAfter: { total: 1 }, failAfter: { total: 0 } });
    expect(q.judge).toMatchObject({ by: "openai/judge-model rubric 1" });
    expect("scores" in q.judge && q.judge.scores).toEqual([
      { criterion: "correctness_risk", score: 2, reason: JUDGE_REASON },
      { criterion: "readability", score: 4, reason: JUDGE_REASON },
      { criterion: "idiomatic_style", score: 4, reason: JUDGE_REASON },
      { criterion: "minimality", score: 4, reason: JUDGE_REASON },
    ]);
  });

  it("gives every absent signal its reason", () => {
    expect(detail(CLEAN)).toMatchObject({
      patch: { checkers: [{ tool: "tsc", missing: "tsc is not installed in the task image" }], security: { total: 0 } },
      agentTests: { missing: "the patch adds or changes no test file" },
      judge: { missing: "the judge (openai/judge-model rubric 1) failed: the model's answer was not JSON twice" },
    });
    expect(detail(EMPTY)).toEqual({
      patch: { missing: "the patch is empty: nothing to analyse" },
      agentTests: { missing: "the patch is empty: nothing to analyse" },
      judge: { missing: "the patch is empty: nothing to judge" },
    });
    expect(detail(OLD)).toEqual({
      patch: { missing: expect.stringMatching(/^no quality block in status.json \(status resolved\): /) },
      agentTests: { missing: "not judged (grade with --judge-tests)" },
      judge: { missing: "not judged (swerig judge)" },
    });
    expect(detail(NO_CHECKERS).patch).toMatchObject({ checkers: { missing: expect.stringContaining("graded before checkers") } });
    const why = (quality: unknown, status = "resolved") => qualityViewOf({ status, statusFile: { quality } }).patch;
    expect(why({ missing: "the patch could not be analysed: boom" })).toEqual({ missing: "the patch could not be analysed: boom" });
    expect(why({ size: "big" })).toEqual({ missing: "status.json has a quality block of a shape this report does not read" });
    expect(why(undefined, "patch_failed")).toEqual({ missing: "the patch did not apply: nothing to analyse" });
    expect(qualityViewOf({ status: "running" }).patch).toEqual({ missing: "not graded yet" });
    const agent = qualityViewOf({
      status: "resolved",
      statusFile: { agentTests: { missing: "the reference patch does not apply" } },
    });
    expect(agent.agentTests).toEqual({ missing: "the reference patch does not apply" });
  });

  it("puts the counts on each row of the list: null where nothing was analysed, none where no checker ran", () => {
    const html = buildReportPage({ folder, details, generatedAt: "now" });
    const data = JSON.parse(/<script type="application\/json" id="swerig-data">(.*?)<\/script>/s.exec(html)![1]!);
    const counts = Object.fromEntries(
      data.rows.map((r: { id: string; findings: unknown; security: unknown }) => [r.id, [r.findings, r.security]]),
    );
    expect(counts).toEqual({
      [RISKY]: [1, 1],
      [CLEAN]: [null, 0],
      [EMPTY]: [null, null],
      [OLD]: [null, null],
      [NO_CHECKERS]: [null, 0],
    });
    expect(html).toContain('<select id="filter-quality"');
    expect(html).not.toContain("<img src=x");
    expect([...html.matchAll(/<script\b[^>]*>/g)].length).toBe(3);
  });

  it("compare --html: a checker count only where a checker ran", () => {
    const html = buildComparePage(compareRuns(folder, folder, undefined, { resamples: 10 }), "now");
    expect(html).toContain(`<tr><td>${CLEAN}</td><td class="">no → no</td><td class="">0 → 0</td><td class="">– → –</td>`);
    expect(html).toContain(`<tr><td>${RISKY}</td><td class="">yes → yes</td><td class="">1 → 1</td><td class="">1 → 1</td>`);
  });

  it("bounds long lists and long messages: the page keeps the count, the run folder the rest", () => {
    const finding = (i: number) => ({ file: "a.py", line: i, severity: "error", rule: "r", message: "m".repeat(i === 0 ? 5000 : 5) });
    const size = { files: 1, hunks: 1, linesAdded: 1, linesRemoved: 0 };
    const locality = { filesInReference: 1, filesOutsideReference: [], lineOverlap: null };
    const block = { size, locality, testFilesTouched: [], complexity: [], complexityAdded: 0, securityIntroduced: [] };
    const introduced = Array.from({ length: 150 }, (_, i) => finding(i));
    const view = qualityViewOf({
      status: "resolved",
      statusFile: { quality: { ...block, static: [{ tool: "tsc", introduced, ms: 1 }] } },
    });
    const checkers = "size" in view.patch ? view.patch.checkers : undefined;
    const tsc = Array.isArray(checkers) ? checkers[0] : undefined;
    expect(tsc && "findings" in tsc && tsc.findings.items.length).toBe(MAX_LISTED);
    expect(tsc && "findings" in tsc && tsc.findings.total).toBe(150);
    expect(tsc && "findings" in tsc && tsc.findings.items[0]!.message).toMatch(/^m{1000}\n\[\.\.\. 4000 characters omitted/);
    expect(qualityCounts(view)).toEqual({ findings: 150, security: 0 });
  });
});
