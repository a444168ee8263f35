// `swerig compare --html`: the comparison as one static page (the text report, escaped, no script).
import type { Comparison } from "../compare.js";
import { renderComparison } from "../render-compare.js";
import { escapeHtml as esc } from "./escape.js";

export function buildComparePage(c: Comparison, generatedAt: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>swerig compare: ${esc(c.runA)} vs ${esc(c.runB)}</title>
<style>body{font:14px system-ui,sans-serif;margin:20px}
pre{font:13px/1.4 ui-monospace,monospace;background:#f9fafb;padding:10px;border:1px solid #e4e7ec}</style>
</head><body><h1>swerig compare: A = ${esc(c.runA)}, B = ${esc(c.runB)}</h1><p>built ${esc(generatedAt)}</p>
<pre>${esc(renderComparison(c))}</pre></body></html>
`;
}
