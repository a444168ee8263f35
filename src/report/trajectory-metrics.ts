// Metrics of one agent run, computed from its trace alone: effort (steps, tokens, cost, time), tool
// use (calls by name, error rate, repeated identical calls, tests run before submitting) and
// localization (files viewed and edited against the files the reference patch touches).
import type { TraceEvent } from "../trace/events.js";
import { toolCallKey } from "../trace/same-call.js";

export interface TrajectoryMetrics {
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  wallSeconds: number;
  toolCalls: number;
  toolCallsByName: Record<string, number>;
  toolErrorRate: number;
  /** Calls that are the same call (trace/same-call) as the call right before them. */
  repeatedCalls: number;
  ranTestsBeforeSubmit: boolean;
  submitted: boolean;
  filesViewed: string[];
  filesEdited: string[];
  /** Of the files the agent edited, the share the reference patch touches too (null when none edited). */
  editPrecision: number | null;
  /** Of the files the reference patch touches, the share the agent edited. */
  editRecall: number;
  /** Of the reference patch's files, the share the agent looked at or edited. */
  viewRecall: number;
}

const TEST_COMMAND =
  /\b(pytest|py\.test|unittest|vitest|jest|mocha|go test|cargo test|npm (run )?test|node --test|runtests\.py|bin\/test|tox)\b/;

export function trajectoryMetrics(events: readonly TraceEvent[], goldFiles: readonly string[]): TrajectoryMetrics {
  const byName: Record<string, number> = {};
  const viewed = new Set<string>();
  const edited = new Set<string>();
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  let steps = 0;
  let calls = 0;
  let errors = 0;
  let repeated = 0;
  let lastCall = "";
  let testsRun = false;
  let ranTestsBeforeSubmit = false;
  let submitted = false;
  for (const e of events) {
    if (e.type === "model_response") {
      inputTokens += e.data.usage.inputTokens;
      outputTokens += e.data.usage.outputTokens;
      costUsd += e.data.costUsd;
    } else if (e.type === "tool_call") {
      calls++;
      steps = Math.max(steps, e.data.step);
      byName[e.data.name] = (byName[e.data.name] ?? 0) + 1;
      const key = toolCallKey(e.data);
      if (key === lastCall) repeated++;
      lastCall = key;
      const command = (e.data.arguments as { command?: unknown } | null)?.command;
      if (e.data.name === "run_tests" || (e.data.name === "shell" && typeof command === "string" && TEST_COMMAND.test(command)))
        testsRun = true;
      if (e.data.name === "submit") {
        submitted = true;
        ranTestsBeforeSubmit = testsRun;
      }
    } else if (e.type === "tool_result") {
      if (e.data.isError) errors++;
      for (const f of e.data.viewed ?? []) viewed.add(f);
      for (const f of e.data.edited ?? []) edited.add(f);
    } else if (e.type === "agent_end" && e.data.usage) {
      inputTokens += e.data.usage.inputTokens;
      outputTokens += e.data.usage.outputTokens;
      costUsd += e.data.usage.costUsd;
    } else if (e.type === "patch") {
      for (const f of e.data.files) edited.add(f);
    }
  }
  const start = events.find((e) => e.type === "run_start");
  const end = [...events].reverse().find((e) => e.type === "agent_end");
  const gold = new Set(goldFiles);
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  const editedGold = [...edited].filter((f) => gold.has(f)).length;
  const seenGold = [...gold].filter((f) => viewed.has(f) || edited.has(f)).length;
  return {
    steps,
    inputTokens,
    outputTokens,
    costUsd,
    wallSeconds: start && end ? (Date.parse(end.ts) - Date.parse(start.ts)) / 1000 : 0,
    toolCalls: calls,
    toolCallsByName: Object.fromEntries(Object.entries(byName).sort(([a], [b]) => (a < b ? -1 : 1))),
    toolErrorRate: calls === 0 ? 0 : errors / calls,
    repeatedCalls: repeated,
    ranTestsBeforeSubmit: submitted ? ranTestsBeforeSubmit : testsRun,
    submitted,
    filesViewed: [...viewed].sort(),
    filesEdited: [...edited].sort(),
    editPrecision: edited.size === 0 ? null : editedGold / edited.size,
    editRecall: share(editedGold, gold.size),
    viewRecall: share(seenGold, gold.size),
  };
}
