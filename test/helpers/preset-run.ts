// Runs `swerig run --agent <preset>` in process on one task, against a local model server, with the
// API key the server checks in the preset's variable, and reads back what the run left: its trace,
// status and summary.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { main } from "../../src/cli/main.js";
import { readTrace } from "../../src/trace/reader.js";
import type { TraceEvent } from "../../src/trace/events.js";

export interface PresetRunSummary {
  resolved_instances: number;
  runs: { status: string }[];
  trajectory: { total_input_tokens: number; total_output_tokens: number; total_cost_usd: number };
}

export interface PresetRunResult {
  code: number;
  /** What the CLI printed (stdout and stderr lines). */
  output: string;
  events: TraceEvent[];
  status: { status: string; reason?: string };
  summary: PresetRunSummary;
}

export interface PresetRunInput {
  agent: string;
  model: string;
  baseUrl: string;
  taskId: string;
  runId: string;
  tracesDir: string;
  /** The preset's API key variable and the value the server expects. */
  key: { env: string; value: string };
  agentArgs?: string;
}

export async function runPresetCli(input: PresetRunInput): Promise<PresetRunResult> {
  const lines: string[] = [];
  const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
  const previous = process.env[input.key.env];
  process.env[input.key.env] = input.key.value;
  let code: number;
  try {
    const argv = ["run", "--agent", input.agent, "--model", input.model, "--base-url", input.baseUrl, "--instances", input.taskId];
    // The = form: a value that starts with a dash would otherwise read as a flag of swerig's own.
    const extra = input.agentArgs === undefined ? [] : [`--agent-args=${input.agentArgs}`];
    code = await main([...argv, ...extra, "--run-id", input.runId, "--traces-dir", input.tracesDir, "--max-minutes", "5"], io);
  } finally {
    if (previous === undefined) delete process.env[input.key.env];
    else process.env[input.key.env] = previous;
  }
  const runDir = join(input.tracesDir, input.runId);
  const dir = join(runDir, input.taskId);
  const { events } = await readTrace(join(dir, "trace.jsonl"));
  return {
    code,
    output: lines.join("\n"),
    events,
    status: JSON.parse(await readFile(join(dir, "status.json"), "utf8")) as PresetRunResult["status"],
    summary: JSON.parse(await readFile(join(runDir, "summary.json"), "utf8")) as PresetRunSummary,
  };
}

type AgentUsage = Extract<TraceEvent, { type: "agent_end" }>["data"]["usage"];

/**
 * The checks every preset's gold run shares: run_start carries `settings`, the agent submitted, the
 * task resolved, and the summary's token and cost totals are the agent's own. Returns the agent's usage
 * for the preset's own checks of it.
 */
export function expectSubmittedRun(
  run: { events: TraceEvent[]; summary: PresetRunSummary },
  settings: Record<string, unknown>,
): AgentUsage | undefined {
  const start = run.events.find((e) => e.type === "run_start");
  expect(start?.type === "run_start" && start.data.settings).toMatchObject(settings);
  const end = run.events.find((e) => e.type === "agent_end");
  expect(end?.type === "agent_end" && end.data).toMatchObject({ reason: "submitted" });
  const usage = end?.type === "agent_end" ? end.data.usage : undefined;
  expect(run.summary.resolved_instances).toBe(1);
  expect(run.summary.trajectory).toMatchObject({
    total_input_tokens: usage?.inputTokens,
    total_output_tokens: usage?.outputTokens,
    total_cost_usd: usage?.costUsd,
  });
  return usage;
}
