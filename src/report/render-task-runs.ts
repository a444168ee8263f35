// The plain-text table of an agent run (`swerig run`): one row per task run, then the resolved count
// and pass@k (or why there is none).
import { table } from "./render-table.js";
import type { RunSuiteSummary } from "./run-summary.js";

const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function renderTaskRuns(s: RunSuiteSummary): string {
  const samples = s.agent.samples;
  const rows = s.runs.map((r) => [
    r.taskId + (samples > 1 ? ` #${r.sample}` : ""),
    r.flaky ? `${r.status} (flaky)` : r.status,
    r.agentReason,
    String(r.metrics.steps),
    r.metrics.costUsd.toFixed(4),
    r.failureMode ?? "",
    seconds(r.durationMs - (r.setupMs ?? 0)),
    seconds(r.setupMs ?? 0),
  ]);
  const pass =
    s.not_run.length === 0
      ? Object.entries(s.pass_at_k.overall)
          .map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`)
          .join(", ")
      : `no pass@k: ${s.not_run.length} task runs not run`;
  const agent = `${s.agent.name}${s.agent.model ? ` (${s.agent.model})` : ""}`;
  return [
    table(["task", "status", "agent end", "steps", "cost $", "failure mode", "secs", "setup secs"], rows),
    "",
    `${agent}: ${s.resolved_instances}/${s.total_instances} resolved; ${pass}`,
  ].join("\n");
}
