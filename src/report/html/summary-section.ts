// The summary at the top of the report, as escaped HTML: resolved rate with its Wilson interval,
// pass@k with samples, counts by status, slices, failure modes, and distributions of cost, tokens,
// time and steps (quantiles and a small inline histogram).
import type { Task } from "../../tasks/index.js";
import { INSTANCE_STATUSES } from "../../core/index.js";
import { cutoffSlice, describeCutoff } from "../cutoff.js";
import { JUDGE_CRITERIA } from "../judge-rubric.js";
import { passAtKTable } from "../pass-at-k.js";
import type { InstanceRun, RunFolder } from "../run-folder.js";
import { quantile, wilsonInterval } from "../stats/index.js";
import { escapeHtml as esc } from "./escape.js";

/** Our statuses, plus "running" for a task run the page finds still going. */
export const KNOWN_STATUSES: readonly string[] = [...INSTANCE_STATUSES, "running"];

export const statusClass = (status: string) => (KNOWN_STATUSES.includes(status) ? `st st-${status}` : "st st-other");
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function countTable(title: string, counts: Record<string, number>, styled = false): string {
  const rows = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (rows.length === 0) return "";
  const cell = (k: string) => (styled ? `<span class="${statusClass(k)}">${esc(k)}</span>` : esc(k));
  const body = rows.map(([k, n]) => `<tr><td>${cell(k)}</td><td class="n">${n}</td></tr>`).join("");
  return `<table class="t"><caption>${esc(title)}</caption>${body}</table>`;
}

function sliceTable(title: string, runs: InstanceRun[], key: (r: InstanceRun) => string): string {
  const groups = new Map<string, { total: number; resolved: number }>();
  for (const r of runs) {
    const g = groups.get(key(r)) ?? { total: 0, resolved: 0 };
    groups.set(key(r), { total: g.total + 1, resolved: g.resolved + (r.resolved ? 1 : 0) });
  }
  if (groups.size === 0 || (groups.size === 1 && groups.has("unknown"))) return "";
  const rows = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const body = rows
    .map(
      ([k, g]) => `<tr><td>${esc(k)}</td><td class="n">${g.resolved}/${g.total}</td><td class="n">${pct(g.resolved / g.total)}</td></tr>`,
    )
    .join("");
  return `<table class="t"><caption>by ${esc(title)}</caption><tr><th></th><th>resolved</th><th>rate</th></tr>${body}</table>`;
}

/**
 * Quality signals and judge means, each over the task runs it was measured on (see quality-signals.ts) with
 * "n of N measured" beside it and "–" where none was: a run no checker ran on never counts as 0 findings.
 * Empty when no run carries a signal.
 */
function qualityTable(runs: InstanceRun[]): string {
  const q = runs.flatMap((r) => (r.quality ? [r.quality] : []));
  const judged = runs.flatMap((r) => (r.judge ? [r.judge] : []));
  if (q.length === 0 && judged.length === 0) return "";
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const total = (xs: number[]) => String(sum(xs));
  const mean = (xs: number[]) => (sum(xs) / xs.length).toFixed(2);
  const tests = q.flatMap((x) => (x.testsCatchBug === undefined ? [] : [x.testsCatchBug ? 1 : 0]));
  type Row = [name: string, measured: number[], show: (xs: number[]) => string];
  const judge: Row[] =
    judged.length === 0
      ? [["judge scores (mean 1-5)", [], mean]]
      : JUDGE_CRITERIA.map((c): Row => [`judge ${c} (mean 1-5)`, judged.map((j) => j[c]), mean]);
  const rows: Row[] = [
    ["security findings introduced", q.map((x) => x.securityIntroduced), total],
    ["checker findings introduced", q.flatMap((x) => (x.checkersRan > 0 ? [x.checkerIntroduced] : [])), total],
    ["complexity added (mean)", q.map((x) => x.complexityAdded), mean],
    ["agent tests catching the bug", tests, (xs) => `${sum(xs)}/${xs.length}`],
    ...judge,
  ];
  const body = rows.map(([name, xs, show]) => {
    const cells = [name, xs.length ? show(xs) : "–", `${xs.length} of ${runs.length} measured`];
    return `<tr><td>${cells.map(esc).join('</td><td class="n">')}</td></tr>`;
  });
  return `<table class="t"><caption>quality (${runs.length} task runs)</caption>${body.join("")}</table>`;
}

function histogram(values: number[]): string {
  if (values.length === 0) return "";
  const min = Math.min(...values);
  const max = Math.max(...values);
  const bins = new Array<number>(20).fill(0);
  for (const v of values) bins[max === min ? 0 : Math.min(19, Math.floor(((v - min) / (max - min)) * 20))]!++;
  const top = Math.max(...bins);
  const bars = bins.map((b, i) => `<rect x="${i * 6}" y="${30 - (30 * b) / top}" width="5" height="${(30 * b) / top}"/>`).join("");
  return `<svg class="hist" viewBox="0 0 120 30" width="120" height="30" role="img" aria-label="histogram">${bars}</svg>`;
}

function distributionTable(runs: InstanceRun[]): string {
  const metrics: [string, (r: InstanceRun) => number, (x: number) => string][] = [
    ["cost (USD)", (r) => r.costUsd, (x) => x.toFixed(4)],
    ["tokens", (r) => r.inputTokens + r.outputTokens, (x) => Math.round(x).toLocaleString("en-US")],
    ["time (s)", (r) => r.wallSeconds, (x) => x.toFixed(1)],
    ["steps", (r) => r.steps, (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1))],
  ];
  const head =
    "<tr><th></th><th>total</th><th>mean</th><th>min</th><th>p25</th><th>median</th><th>p75</th><th>p90</th><th>max</th><th></th></tr>";
  const rows = metrics.map(([name, get, fmt]) => {
    const xs = runs.map(get).sort((a, b) => a - b);
    const total = xs.reduce((a, b) => a + b, 0);
    const cells = [
      total,
      xs.length ? total / xs.length : 0,
      xs[0] ?? 0,
      quantile(xs, 0.25),
      quantile(xs, 0.5),
      quantile(xs, 0.75),
      quantile(xs, 0.9),
      xs[xs.length - 1] ?? 0,
    ];
    return `<tr><td>${esc(name)}</td>${cells.map((c) => `<td class="n">${esc(fmt(c))}</td>`).join("")}<td>${histogram(xs)}</td></tr>`;
  });
  return `<table class="t dist"><caption>per task run (${runs.length} runs)</caption>${head}${rows.join("")}</table>`;
}

export function summarySection(folder: RunFolder, tasks?: ReadonlyMap<string, Task>, cutoff?: number): string {
  const firsts = folder.runs.filter((r) => r.sample === 0 && r.finished);
  const resolved = firsts.filter((r) => r.resolved).length;
  const ci = wilsonInterval(resolved, firsts.length);
  const running = folder.runs.filter((r) => !r.finished).length;
  const head = [
    `<p class="headline"><b>${resolved}/${firsts.length}</b> resolved (${firsts.length ? pct(resolved / firsts.length) : "-"}; ` +
      `95% Wilson CI ${pct(ci.low)} to ${pct(ci.high)})`,
    folder.samples > 1 ? ` on the first of ${folder.samples} samples` : "",
    "</p>",
  ];
  if (cutoff !== undefined) head.push(`<p class="cutoff"><b>${esc(describeCutoff(cutoffSlice(firsts, tasks, cutoff)))}</b></p>`);
  const official = folder.summary;
  if (official && typeof official["resolved_instances"] === "number" && typeof official["total_instances"] === "number") {
    head.push(
      `<p>summary.json: ${official["resolved_instances"]}/${official["total_instances"]} resolved ` +
        "over every instance of the run (official counting)</p>",
    );
  }
  if (running > 0 || !official)
    head.push(
      `<p class="banner">Run in progress or interrupted: ${running} task run(s) without an outcome yet` +
        `${official ? "" : ", no summary.json yet"}. This page shows what the folder holds now.</p>`,
    );
  const parts: string[] = [];
  if (folder.samples > 1) {
    const perTask = new Map<string, { n: number; c: number }>();
    for (const r of folder.runs.filter((x) => x.finished)) {
      const t = perTask.get(r.taskId) ?? { n: 0, c: 0 };
      perTask.set(r.taskId, { n: t.n + 1, c: t.c + (r.resolved ? 1 : 0) });
    }
    const { overall } = passAtKTable(perTask);
    parts.push(
      `<table class="t"><caption>pass@k (mean over tasks)</caption>${Object.entries(overall)
        .map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${pct(v)}</td></tr>`)
        .join("")}</table>`,
    );
  }
  const statuses: Record<string, number> = {};
  const modes: Record<string, number> = {};
  for (const r of folder.runs) {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.failureMode) modes[r.failureMode] = (modes[r.failureMode] ?? 0) + 1;
  }
  parts.push(countTable("task runs by status", statuses, true), countTable("failure modes", modes), qualityTable(firsts));
  const task = (r: InstanceRun) => tasks?.get(r.taskId);
  parts.push(
    sliceTable("repository", firsts, (r) => r.repo),
    sliceTable("language", firsts, (r) => r.language),
    sliceTable("kind", firsts, (r) => task(r)?.kind ?? "unknown"),
    sliceTable("difficulty", firsts, (r) => task(r)?.difficulty ?? "unknown"),
    sliceTable("creation year", firsts, (r) => task(r)?.createdAt?.slice(0, 4) ?? "unknown"),
  );
  return `<div class="headblock">${head.join("")}</div><div class="cards">${parts
    .filter((p) => p !== "")
    .map((p) => `<div class="card">${p}</div>`)
    .join("")}</div>${distributionTable(folder.runs.filter((r) => r.finished))}`;
}
