// Imports a SWE-agent 1.x trajectory written with function calling: `history[]` holds the assistant
// messages with their `tool_calls` and the tool messages answering them (`tool_call_ids`); `trajectory[]`
// holds per step the state after it (working directory) and the execution time. Each call becomes one
// of our tools (swe-agent-editor.ts); a tool of another bundle falls back on the v0 command mapping.
import { z } from "zod";
import type { ToolCall } from "../events.js";
import { mapBashCall, mapEditorCall } from "./swe-agent-editor.js";
import { mapSweAgentAction, type MappedAction } from "./swe-agent-commands.js";
import type { ImportedTrace } from "./imported-trace.js";
import { tryParseJson } from "../../core/index.js";

const ContentSchema = z.union([z.string(), z.null(), z.array(z.looseObject({ text: z.string().optional() }))]).optional();

export const HistoryItemSchema = z.looseObject({
  role: z.string(),
  content: ContentSchema,
  thought: z.string().optional(),
  action: z.string().nullable().optional(),
  is_demo: z.boolean().optional(),
  tool_calls: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        function: z.looseObject({ name: z.string(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).optional() }),
      }),
    )
    .nullable()
    .optional(),
  tool_call_ids: z.array(z.string()).nullable().optional(),
});
type HistoryItem = z.infer<typeof HistoryItemSchema>;

export interface V1Step {
  execution_time?: number | undefined;
  workingDir: string | undefined;
}

/** Their next-step template's wrapping of a tool's output. */
const OBSERVATION_PREFIX = /^OBSERVATION:\n/;

const textOf = (content: HistoryItem["content"]) =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((p) => p.text ?? "").join("") : "";

function parseArguments(raw: string | Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return {};
  if (typeof raw !== "string") return raw;
  const value = tryParseJson(raw);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Whether a history uses function calling: an assistant message outside the demonstrations has tool_calls. */
export function hasToolCalls(history: readonly HistoryItem[] | undefined): boolean {
  return (history ?? []).some((h) => h.role === "assistant" && !h.is_demo && (h.tool_calls?.length ?? 0) > 0);
}

/**
 * Appends, per assistant message of `history` (demonstrations skipped), a model_response and for each
 * of its tool calls a tool_call and a tool_result with the tool message that answered it. `steps[k]`
 * is the k-th step of their trajectory (its state after the step, its execution time); `root` is the
 * repository's path in their container. A submit that their review answered is not the final one.
 */
export function pushToolCallSteps(
  trace: ImportedTrace,
  history: readonly HistoryItem[],
  steps: readonly V1Step[],
  options: { root: string; costPerTurn: number; submitted: boolean },
): void {
  const items = history.filter((h) => !h.is_demo);
  const answers = new Map<string, string>();
  for (const h of items)
    if (h.role === "tool") for (const id of h.tool_call_ids ?? []) answers.set(id, textOf(h.content).replace(OBSERVATION_PREFIX, ""));
  const turns = items.filter((h) => h.role === "assistant" && (h.tool_calls?.length ?? 0) > 0);
  const lastSubmit = turns.map((t) => t.tool_calls!.some((c) => c.function.name === "submit")).lastIndexOf(true);
  let cwd = options.root;
  turns.forEach((turn, k) => {
    const step = k + 1;
    const calls: { call: ToolCall; mapped: MappedAction; observation: string }[] = [];
    const label = `step ${step}`;
    turn.tool_calls!.forEach((c, i) => {
      const id = c.id ?? `swe-agent-${step}-${i + 1}`;
      const observation = answers.get(id) ?? "";
      const args = parseArguments(c.function.arguments);
      const context = { root: options.root, cwd };
      let mapped: MappedAction;
      if (args === undefined) mapped = { kind: "unmapped", reason: `${c.function.name}: arguments are not a JSON object` };
      else if (c.function.name === "str_replace_editor") mapped = mapEditorCall(args, observation, context);
      else if (c.function.name === "bash") mapped = mapBashCall(args, context);
      else if (c.function.name === "submit") {
        mapped =
          k === lastSubmit && options.submitted
            ? { kind: "call", name: "submit", arguments: {} }
            : { kind: "unmapped", reason: "submit: their review step answered it (the run went on); it changed nothing" };
      } else {
        const state = { openFile: undefined, workingDir: cwd };
        mapped = mapSweAgentAction(turn.action ?? c.function.name, observation, state, { root: options.root, autosubmitted: false });
      }
      const call =
        mapped.kind === "call" ? { id, name: mapped.name, arguments: mapped.arguments } : { id, name: c.function.name, arguments: {} };
      calls.push({ call, mapped, observation });
    });
    const toolCalls = calls.filter((c) => c.mapped.kind === "call").map((c) => c.call);
    trace.push("model_response", {
      step,
      text: turn.thought ?? textOf(turn.content),
      toolCalls,
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: options.costPerTurn,
      latencyMs: 0,
      stopReason: null,
    });
    for (const { call, mapped, observation } of calls) {
      const what = `${label} (${JSON.stringify((turn.action ?? call.name).split("\n")[0]!.slice(0, 60))})`;
      if (mapped.kind === "unmapped") {
        trace.unmappedAction(`${what}: not imported as a tool call: ${mapped.reason}`);
        continue;
      }
      if (mapped.approximation) trace.unmappedAction(`${what}: approximated: ${mapped.approximation}`);
      trace.push("tool_call", { ...call, step });
      trace.push("tool_result", {
        id: call.id,
        name: call.name,
        output: observation,
        isError: false,
        durationMs: (steps[k]?.execution_time ?? 0) * 1000,
        ...(mapped.viewed ? { viewed: mapped.viewed } : {}),
        ...(mapped.edited ? { edited: mapped.edited } : {}),
      });
    }
    cwd = steps[k]?.workingDir ?? cwd;
  });
}
