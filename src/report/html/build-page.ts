// The report as one static HTML file: summary, a filterable virtualised list of task runs, and a
// detail view per run. Pure: run data in, one string out; the page's script and styles are the files
// beside this one, inlined. No network requests: a Content-Security-Policy forbids any.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Task } from "../../tasks/index.js";
import type { RunFolder } from "../run-folder.js";
import type { FlippedTest } from "../flake-record.js";
import { escapeHtml as esc, jsonForScript } from "./escape.js";
import { flakySection } from "./flaky-section.js";
import { diffFiles, rowOf, type PageData, type RunDetailData } from "./page-data.js";
import { KNOWN_STATUSES, summarySection } from "./summary-section.js";

/** The quality view first: viewer.js calls it. */
const SCRIPT = ["./viewer-quality.js", "./viewer.js"]
  .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
  .join("\n")
  .replace(/<\/script/gi, "<\\/script");
const STYLES = readFileSync(new URL("./viewer.css", import.meta.url), "utf8");
/** Only the page's own script may run (by its hash): markup that slipped into the page could not execute. */
const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");
const CSP = `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:`;

export interface ReportPageInput {
  folder: RunFolder;
  /** One per run of `folder.runs`, same order. */
  details: RunDetailData[];
  tasks?: ReadonlyMap<string, Task>;
  generatedAt: string;
  /** Tests of the run's instances that flipped in the traces folder's record. */
  flakyTests?: readonly FlippedTest[];
  /** `--cutoff`: the summary splits the resolved rate at this date (epoch ms). */
  cutoff?: number;
  /** false renders every row (the baseline the UI bench measures against). */
  virtualise?: boolean;
}

export function pageData(input: ReportPageInput): PageData {
  const problems: Record<string, string> = {};
  const references: PageData["references"] = {};
  for (const run of input.folder.runs) {
    const task = input.tasks?.get(run.taskId);
    if (!task || problems[run.taskId] !== undefined) continue;
    problems[run.taskId] = task.problemStatement;
    references[run.taskId] = diffFiles(task.goldPatch);
  }
  return {
    runId: input.folder.runId,
    rows: input.folder.runs.map((r, i) => rowOf(r, input.details[i]?.quality)),
    details: input.details,
    problems,
    references,
  };
}

export function buildReportPage(input: ReportPageInput): string {
  const { folder } = input;
  const select = (id: string, label: string) => `<select id="${id}" aria-label="${label}"><option value="">${label}: all</option></select>`;
  const problems = folder.problems.length
    ? `<details><summary>${folder.problems.length} file(s) could not be read</summary>` +
      `<pre>${esc(folder.problems.join("\n"))}</pre></details>`
    : "";
  const flaky = flakySection(folder.runs, input.flakyTests ?? []);
  const manifest = folder.manifest
    ? `<details><summary>run manifest</summary><pre>${esc(JSON.stringify(folder.manifest, null, 2))}</pre></details>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>swerig report: ${esc(folder.runId)}</title>
<style>${STYLES}</style></head>
<body data-virtual="${input.virtualise === false ? "off" : "on"}">
<header><h1>swerig report: ${esc(folder.runId)}</h1>
<p class="muted">${folder.runs.length} task run(s) in ${esc(folder.runDir)}; page built ${esc(input.generatedAt)}</p>
${manifest}${problems}</header>
<main>
<section id="summary">${summarySection(folder, input.tasks, input.cutoff)}</section>
${flaky ? `<section id="flaky">${flaky}</section>` : ""}
<section id="list"><div class="filters">
<input id="filter-text" type="search" placeholder="filter by instance or repository" aria-label="filter">
${select("filter-status", "status")}${select("filter-repo", "repository")}
${select("filter-language", "language")}${select("filter-mode", "failure mode")}
<select id="filter-quality" aria-label="quality"><option value="">quality: all</option>
<option value="findings">with introduced findings</option><option value="security">with security findings</option></select>
<span id="row-count" class="muted"></span></div>
<div class="head" id="list-head"></div>
<div id="viewport"><div id="spacer"><div id="rows"></div></div></div></section>
<section id="detail" hidden></section>
</main>
<script type="application/json" id="swerig-statuses">${jsonForScript(KNOWN_STATUSES)}</script>
<script type="application/json" id="swerig-data">${jsonForScript(pageData(input))}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
