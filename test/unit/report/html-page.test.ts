// The report page builder: untrusted text never becomes markup, a run still going renders what is
// there, unknown statuses pass through, and `swerig report` writes the page.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { buildReportPage } from "../../../src/report/html/build-page.js";
import { collectRunDetails } from "../../../src/report/html/collect.js";
import { escapeHtml, jsonForScript } from "../../../src/report/html/escape.js";
import { diffFiles } from "../../../src/report/html/page-data.js";
import { loadRunFolder } from "../../../src/report/run-folder.js";
import type { Task } from "../../../src/tasks/index.js";
import { writeHandRun } from "../../helpers/run-folder.js";
import { writeSyntheticRun } from "../../helpers/synthetic-run.js";
import { makeTask } from "../../helpers/task.js";

const root = await mkdtemp(join(tmpdir(), "swerig-html-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const PAYLOAD = `</script><script>alert(1)</script><img src=x onerror="alert(2)">`;
const line = (seq: number, type: string, data: unknown, taskId = "t1") =>
  JSON.stringify({ v: 1, runId: "r", taskId, sample: 0, seq, ts: `2026-01-01T00:00:0${seq}.000Z`, type, data });
const trace = [
  line(0, "run_start", {
    task: { id: "t1", repo: "o/r", language: "python", baseCommit: "abc" },
    agent: "a",
    model: null,
    settings: {},
    image: "i",
    imageDigest: null,
  }),
  line(1, "tool_call", { id: "c1", name: "shell", arguments: { command: PAYLOAD }, step: 1 }),
  line(2, "tool_result", { id: "c1", name: "shell", output: PAYLOAD, isError: true, durationMs: 2 }),
].join("\n");

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
}

describe("escaping", () => {
  it("escapes HTML text and keeps JSON from closing its script element", () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    const json = jsonForScript({ s: PAYLOAD, l: "a\u2028b" });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ s: PAYLOAD, l: "a\u2028b" });
  });

  it("puts a payload in the problem statement, tool output, status and run id in as text only", async () => {
    await writeHandRun(join(root, "evil"), [
      { id: "t1", status: "resolved", trace: `${trace}\n`, testOutput: PAYLOAD },
      { id: "t2", status: `<b onclick=x>odd`, trace: "" },
    ]);
    const folder = await loadRunFolder(join(root, "evil"), `run${PAYLOAD}`);
    const task: Task = {
      ...makeTask({ id: "t1" }),
      problemStatement: PAYLOAD,
      goldPatch: `--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n+${PAYLOAD}\n`,
    };
    const html = buildReportPage({ folder, details: await collectRunDetails(folder), tasks: new Map([["t1", task]]), generatedAt: "now" });
    // Only the page's own three script elements, and the payload nowhere as raw markup.
    expect(scriptsOf(html)).toEqual([
      '<script type="application/json" id="swerig-statuses">',
      '<script type="application/json" id="swerig-data">',
      "<script>",
    ]);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b onclick");
    expect(html).toContain("run&lt;/script&gt;");
    const data = JSON.parse(/<script type="application\/json" id="swerig-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect(data.problems.t1).toBe(PAYLOAD);
    expect(data.details[0].log).toBe(PAYLOAD);
    expect(data.details[0].steps.find((s: { t: string }) => s.t === "result")).toMatchObject({ out: PAYLOAD, err: true });
    expect(data.references.t1[0].hunks[0].lines).toEqual(["-x", `+${PAYLOAD}`]);
    expect(data.rows[1].status).toBe("<b onclick=x>odd");
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src/);
    expect(html).not.toContain("script-src 'unsafe-inline'");
    await writeFile(join(root, "evil", "manifest.json"), JSON.stringify({ agent: PAYLOAD }));
    const withManifest = await loadRunFolder(join(root, "evil"), "evil");
    const page = buildReportPage({ folder: withManifest, details: await collectRunDetails(withManifest), generatedAt: "now" });
    expect(page).toContain("<summary>run manifest</summary>");
    expect(page).toContain("&lt;/script&gt;&lt;script&gt;alert(1)");
    expect(page).not.toContain("<img src=x");
  });
});

describe("a run still going", () => {
  it("renders the runs that have an outcome and lists the others as running, without summary.json", async () => {
    const going = `${trace}\n${line(3, "tool_call", { id: "c2", name: "read_file", arguments: {}, step: 2 }).slice(0, 30)}`;
    await writeHandRun(join(root, "going"), [
      { id: "t1", status: "unresolved", trace: `${trace}\n` },
      { id: "t3", status: "", running: true, trace: going },
      { id: "t4", status: "not_run" },
    ]);
    const folder = await loadRunFolder(join(root, "going"), "going");
    expect(folder.summary).toBeNull();
    expect(folder.runs.map((r) => [r.taskId, r.status, r.finished])).toEqual([
      ["t1", "unresolved", true],
      ["t3", "running", false],
      ["t4", "not_run", false],
    ]);
    const details = await collectRunDetails(folder);
    expect(details[1]!.tornTail).toBe(true);
    expect(details[1]!.steps.map((s) => s.t)).toEqual(["note", "call", "result"]);
    const html = buildReportPage({ folder, details, generatedAt: "now" });
    expect(html).toContain("Run in progress or interrupted: 2 task run(s) without an outcome yet, no summary.json yet");
    expect(html).toContain("<b>0/1</b> resolved");
  });
});

describe("loadRunFolder", () => {
  it("takes a finished run's metrics from result.json and its repository from the trace's first line", async () => {
    await writeSyntheticRun(join(root, "syn"), { runId: "syn", tasks: 3, samples: 2, running: 1 });
    const folder = await loadRunFolder(join(root, "syn"), "syn");
    expect(folder.samples).toBe(2);
    expect(folder.runs.map((r) => `${r.taskId}/${r.sample}:${r.repo}:${r.finished}`)).toEqual([
      "astropy__astropy-10000/0:astropy/astropy:true",
      "astropy__astropy-10000/1:astropy/astropy:false",
      "django__django-10001/0:django/django:true",
      "django__django-10001/1:django/django:true",
      "psf__requests-10002/0:psf/requests:true",
      "psf__requests-10002/1:psf/requests:true",
    ]);
    expect(folder.runs.every((r) => r.steps >= 3 && r.inputTokens === 900 * r.steps)).toBe(true);
  });
});

describe("an interrupted run", () => {
  it("labels the task runs summary.json lists as not run, with or without a folder", async () => {
    const dir = join(root, "interrupted");
    await writeHandRun(dir, [
      { id: "t1", status: "resolved" },
      { id: "t2", status: "", running: true, trace: `${trace}\n` },
    ]);
    const notRun = [
      { taskId: "t2", sample: 0 },
      { taskId: "t3", sample: 0 },
    ];
    await writeFile(join(dir, "summary.json"), JSON.stringify({ resolved_instances: 1, total_instances: 3, not_run: notRun }));
    const folder = await loadRunFolder(dir, "interrupted");
    expect(folder.runs.map((r) => [r.taskId, r.status, r.finished])).toEqual([
      ["t1", "resolved", true],
      ["t2", "not_run", false],
      ["t3", "not_run", false],
    ]);
    const html = buildReportPage({ folder, details: await collectRunDetails(folder), generatedAt: "now" });
    expect(html).toContain("<b>1/1</b> resolved");
    expect(html).toContain("summary.json: 1/3 resolved over every instance of the run");
    expect(html).toContain("Run in progress or interrupted: 2 task run(s) without an outcome yet.");
  });
});

describe("a folder written by swerig grade", () => {
  it("reads status.json and report.json where there is no result.json or trace", async () => {
    const dir = join(root, "graded", "g1");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "status.json"), JSON.stringify({ instanceId: "g1", status: "resolved" }));
    const tests = { FAIL_TO_PASS: { success: ["a"], failure: [] }, PASS_TO_PASS: { success: [], failure: [] } };
    await writeFile(join(dir, "report.json"), JSON.stringify({ g1: { resolved: true, tests_status: tests } }));
    await writeFile(join(dir, "report.json.tmp-1"), "{");
    await mkdir(join(root, "graded", "empty-dir"));
    const folder = await loadRunFolder(join(root, "graded"), "graded");
    expect(folder.runs).toHaveLength(1);
    const expected = { taskId: "g1", status: "resolved", resolved: true, finished: true, steps: 0, testsStatus: tests };
    expect(folder.runs[0]).toMatchObject(expected);
    const html = buildReportPage({ folder, details: await collectRunDetails(folder), generatedAt: "now" });
    expect(html).toContain("<b>1/1</b> resolved");
  });
});

describe("trajectorySteps", () => {
  it("shows model turns with tokens and cost, and a failed model request as an error", async () => {
    const { trajectorySteps } = await import("../../../src/report/html/page-data.js");
    const { parseTrace } = await import("../../../src/trace/reader.js");
    const text = [
      line(0, "model_retry", { step: 1, attempt: 1, status: 503, error: "overloaded", durationMs: 10, waitMs: 500 }),
      line(1, "model_response", {
        step: 1,
        text: "hi",
        toolCalls: [],
        usage: { inputTokens: 10, outputTokens: 2 },
        costUsd: 0.5,
        latencyMs: 9,
        stopReason: null,
        attempts: 2,
      }),
    ].join("\n");
    const { events, problems } = parseTrace(`${text}\n`, "t");
    expect(problems).toEqual([]);
    expect(trajectorySteps(events)).toEqual([
      { t: "note", at: 0, kind: "error", text: "model request 1 failed (HTTP 503): overloaded; retried after 500 ms" },
      { t: "model", step: 1, at: 1, text: "hi", calls: [], inTok: 10, outTok: 2, cost: 0.5, ms: 9 },
    ]);
  });
});

describe("formatArguments", () => {
  it("shows multi-line strings as they read and everything else as JSON", async () => {
    const { formatArguments } = await import("../../../src/report/html/page-data.js");
    expect(formatArguments({ path: "a.py", new_text: "x = 1\ny = 2", line: 3 })).toBe('path: "a.py"\nnew_text:\n  x = 1\n  y = 2\nline: 3');
    expect(formatArguments({})).toBe("(no arguments)");
    expect(formatArguments(["a"])).toBe('[\n  "a"\n]');
  });
});

describe("diffFiles", () => {
  it("splits a patch into files and hunks with the parser grading uses", () => {
    const files = diffFiles("diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n");
    expect(files).toEqual([{ name: "x.py", hunks: [{ header: "@@ -1,2 +1,2 @@", lines: ["-a", "+b", " c"] }] }]);
    expect(diffFiles("")).toEqual([]);
    const two = diffFiles(
      "diff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n" +
        "diff --git a/old.py b/old.py\ndeleted file mode 100644\n--- a/old.py\n+++ /dev/null\n@@ -1 +0,0 @@ def f():\n-y\n" +
        "diff --git a/img.png b/img.png\nBinary files a/img.png and b/img.png differ\n",
    );
    expect(two).toEqual([
      { name: "new.py", hunks: [{ header: "@@ -0,0 +1 @@", lines: ["+x", "\\ No newline at end of file"] }] },
      { name: "old.py", hunks: [{ header: "@@ -1 +0,0 @@", lines: ["-y"] }] },
      { name: "img.png", hunks: [] },
    ]);
  });
});

describe("swerig report", () => {
  it("writes the page beside the run by default and says how many runs it shows", async () => {
    const out: string[] = [];
    const code = await main(["report", join(root, "going"), "--tasks", join(root, "none")], { out: (t) => out.push(t), err: () => {} });
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("(3 task runs, 0 resolved, 2 without an outcome yet)");
    expect(await readFile(join(root, "going", "report.html"), "utf8")).toContain("swerig report: going");
  });

  it("asks for exactly one run id", async () => {
    const err: string[] = [];
    expect(await main(["report"], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
    expect(err.join("\n")).toContain("missing RUN: it takes RUN");
  });
});

describe("bounded", () => {
  it("keeps the head of an output and the tail of a log, naming what was left out", async () => {
    const { bounded } = await import("../../../src/report/html/page-data.js");
    expect(bounded("abcdef", 10)).toBe("abcdef");
    expect(bounded("abcdef", 2)).toBe("ab\n[... 4 characters omitted; out of 6, the run folder has them all ...]");
    expect(bounded("abcdef", 2, "tail")).toBe("[... 4 characters omitted; out of 6, the run folder has them all ...]\nef");
  });
});
