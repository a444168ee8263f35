// `swerig compare --html`: the comparison as one static page (the text report, escaped, no script), and
// where both runs analysed an instance's patch, its quality side by side: B's regressions first.
import type { Comparison } from "../compare.js";
import { JUDGE_CRITERIA } from "../judge-rubric.js";
import type { InstanceQualityDelta, InstanceQualitySide } from "../quality-delta.js";
import { renderComparison } from "../render-compare.js";
import { escapeHtml as esc } from "./escape.js";

type Column = [title: string, value: (s: InstanceQualitySide) => number | boolean | undefined, lowerIsBetter: boolean];

const COLUMNS: Column[] = [
  ["resolved", (s) => s.resolved, false],
  ["security findings", (s) => s.securityIntroduced, true],
  ["checker findings", (s) => (s.checkersRan > 0 ? s.checkerIntroduced : undefined), true],
  ["complexity added", (s) => s.complexityAdded, true],
  ["lines changed", (s) => s.linesChanged, true],
  ["agent tests catch the bug", (s) => s.testsCatchBug, false],
  [`judge mean of ${JUDGE_CRITERIA.length} (same judge)`, (s) => s.judgeMean, false],
];

const show = (x: number | boolean | undefined) =>
  x === undefined ? "–" : typeof x === "boolean" ? (x ? "yes" : "no") : Number.isInteger(x) ? String(x) : x.toFixed(2);

/** How B compares with A on one signal: "worse", "better" or "" (same, or not on both sides). */
export function direction(a: number | boolean | undefined, b: number | boolean | undefined, lowerIsBetter: boolean): string {
  if (a === undefined || b === undefined || a === b) return "";
  return Number(b) < Number(a) === lowerIsBetter ? "better" : "worse";
}

const worseCount = (d: InstanceQualityDelta) =>
  COLUMNS.filter(([, value, lower]) => direction(value(d.a), value(d.b), lower) === "worse").length;

function instanceTable(instances: readonly InstanceQualityDelta[]): string {
  if (instances.length === 0) return "";
  const rows = [...instances]
    .sort((x, y) => worseCount(y) - worseCount(x) || (x.id < y.id ? -1 : 1))
    .map((d) => {
      const cells = COLUMNS.map(([, value, lower]) => {
        const [a, b] = [value(d.a), value(d.b)];
        return `<td class="${direction(a, b, lower)}">${esc(show(a))} → ${esc(show(b))}</td>`;
      });
      return `<tr><td>${esc(d.id)}</td>${cells.join("")}</tr>`;
    });
  const head = `<tr><th>instance</th>${COLUMNS.map(([title]) => `<th>${esc(title)}</th>`).join("")}</tr>`;
  return (
    `<h2>Quality per instance (A → B, ${instances.length} instance(s) analysed in both runs)</h2>` +
    `<table class="q">${head}${rows.join("")}</table>`
  );
}

export function buildComparePage(c: Comparison, generatedAt: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>swerig compare: ${esc(c.runA)} vs ${esc(c.runB)}</title>
<style>body{font:14px system-ui,sans-serif;margin:20px}
pre{font:13px/1.4 ui-monospace,monospace;background:#f9fafb;padding:10px;border:1px solid #e4e7ec}
h2{font-size:16px}table.q{border-collapse:collapse;font-size:13px}
table.q td,table.q th{padding:2px 8px;border-bottom:1px solid #e4e7ec;text-align:left;white-space:nowrap}
td.worse{color:#b42318;font-weight:600}td.better{color:#17803d}</style>
</head><body><h1>swerig compare: A = ${esc(c.runA)}, B = ${esc(c.runB)}</h1><p>built ${esc(generatedAt)}</p>
<pre>${esc(renderComparison(c))}</pre>${instanceTable(c.quality?.instances ?? [])}</body></html>
`;
}
