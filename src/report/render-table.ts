// Plain-text tables for the terminal: one row per instance, then totals and slices.
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import { renderQualityLine } from "./quality-summary.js";
import type { RunSummary, SliceCounts } from "./summary.js";

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function ratio(list?: { success: string[]; failure: string[] }): string {
  if (!list) return "-";
  return `${list.success.length}/${list.success.length + list.failure.length}`;
}

export function renderInstances(outcomes: InstanceOutcome[]): string {
  const rows = [...outcomes]
    .sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1))
    .map((o) => [
      o.instanceId,
      o.flaky ? `${o.status} (flaky)` : o.status,
      ratio(o.report?.tests_status?.FAIL_TO_PASS),
      ratio(o.report?.tests_status?.PASS_TO_PASS),
      (o.timings.totalMs / 1000).toFixed(1),
      o.status === "resolved" || o.status === "unresolved" ? (o.reason ?? "") : (o.reason ?? "").replace(`${o.instanceId}: `, ""),
    ]);
  return table(["instance", "status", "F2P", "P2P", "secs", "note"], rows);
}

function renderSlice(name: string, counts: Record<string, SliceCounts>): string {
  const rows = Object.entries(counts).map(([k, c]) => [
    k,
    String(c.resolved),
    String(c.total),
    `${((100 * c.resolved) / Math.max(1, c.total)).toFixed(1)}%`,
  ]);
  return table([name, "resolved", "total", "rate"], rows);
}

/** With `--judge-tests`: how many of the patches whose tests were judged have a test that catches the bug. */
function agentTestsLine(judged: RunSummary["swerig"]["agent_tests"]): string | undefined {
  if (!judged) return undefined;
  const entries = Object.values(judged);
  const counted = entries.filter((e) => !("missing" in e));
  const catching = counted.filter((e) => "catches_bug" in e && e.catches_bug).length;
  const missing = entries.length - counted.length;
  return `  agent tests: ${catching}/${counted.length} patches with tests catch the bug${missing ? `, ${missing} not judged` : ""}`;
}

export function renderSummary(summary: RunSummary): string {
  const s = summary;
  const rejected = s.swerig.statuses["log_rejected"] ?? 0;
  const unresolved = `unresolved ${s.unresolved_instances}${rejected ? ` (${rejected} with a rejected log)` : ""}`;
  const head = [
    `run ${s.swerig.run_id}: ${s.resolved_instances}/${s.total_instances} resolved` +
      (s.swerig.complete ? "" : ` (partial: ${s.swerig.not_run_ids.length} not run, counted in "not submitted")`),
    `  submitted ${s.submitted_instances}, completed ${s.completed_instances}, ${unresolved}, empty patch ${s.empty_patch_instances}, ` +
      `error ${s.error_instances}, not submitted ${s.incomplete_ids.length}`,
    `  wall ${s.swerig.durations_s.wall}s, per instance median ${s.swerig.durations_s.instance_median}s`,
    ...(s.swerig.flaky_ids.length
      ? [`  flaky (reruns disagreed; the first run's verdict counts): ${s.swerig.flaky_ids.length}: ${s.swerig.flaky_ids.join(", ")}`]
      : []),
    ...[renderQualityLine(s.swerig.quality), agentTestsLine(s.swerig.agent_tests)].filter((l) => l !== undefined),
  ].join("\n");
  const slices = [renderSlice("language", s.swerig.by_language)];
  if (Object.keys(s.swerig.by_kind).some((k) => k !== "unknown")) slices.push(renderSlice("kind", s.swerig.by_kind));
  if (Object.keys(s.swerig.by_difficulty).some((k) => k !== "unknown")) slices.push(renderSlice("difficulty", s.swerig.by_difficulty));
  return [head, ...slices].join("\n\n");
}
