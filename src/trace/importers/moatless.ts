// Imports a Moatless Tools trajectory (v0.0.x: `transitions[]` of states such as SearchCode, IdentifyCode,
// PlanToCode, ClarifyCodeChange, EditCode, Finished, each with its actions) as trace events. Every action
// is a model turn; searches become search / find_definition / find_files calls, a span handed to the
// editor a read_file call, and an edit the diff Moatless recorded for it, one edit_file call per hunk.
import { z } from "zod";
import { patchHunks } from "../../core/index.js";
import type { ToolCall } from "../events.js";
import { ImportedTrace, importedTask, parseTrajectory, UNKNOWN, type ImportOptions, type ImportResult } from "./imported-trace.js";
import { moatlessSearchCalls, rankedSpansText, SearchRequestSchema } from "./moatless-search.js";

const ActionSchema = z.looseObject({
  action: z.record(z.string(), z.unknown()).nullable().optional(),
  output: z.record(z.string(), z.unknown()).nullable().optional(),
  completion_cost: z.number().nonnegative().nullable().optional(),
  retry_message: z.string().nullable().optional(),
});

const TransitionSchema = z.looseObject({
  name: z.string(),
  state: z.record(z.string(), z.unknown()).nullable().optional(),
  actions: z.array(ActionSchema).optional(),
});

export const MoatlessTrajectorySchema = z.looseObject({
  name: z.string().optional(),
  initial_message: z.string().optional(),
  transitions: z.array(TransitionSchema),
  info: z.looseObject({
    instance_id: z.string().optional(),
    evaluation_name: z.string().optional(),
    duration: z.number().optional(),
    total_cost: z.number().optional(),
    submission: z.string().nullable().optional(),
  }),
});
export type MoatlessTrajectory = z.infer<typeof MoatlessTrajectorySchema>;

/** The lines a step hands on to the editor: `{file_path, start_line, end_line}` in an action's output. */
const SpanSchema = z.looseObject({
  file_path: z.string().min(1),
  span_id: z.string().optional(),
  start_line: z.number().int().positive(),
  end_line: z.number().int().positive(),
});

const EditOutputSchema = z.looseObject({ message: z.string().optional(), diff: z.string().optional() });

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Their words for the model turn: thoughts, instructions, the edit's content; the rest as JSON. */
function turnText(action: Record<string, unknown> | null | undefined, state: Record<string, unknown>): string {
  if (!action) return "";
  const inner = action["action"] && typeof action["action"] === "object" ? (action["action"] as Record<string, unknown>) : undefined;
  const parts = [str(action["thoughts"]) ?? str(action["scratch_pad"])];
  if (inner) parts.push(str(inner["instructions"]) ?? str(inner["message"]));
  if (str(action["content"]) !== undefined) {
    const span = `${str(state["file_path"]) ?? "?"} ${str(state["span_id"]) ?? ""} lines ${state["start_line"]}-${state["end_line"]}`;
    parts.push(`instructions: ${str(state["instructions"]) ?? ""}\nspan: ${span}`, str(action["content"]));
  }
  const text = parts.filter((p): p is string => p !== undefined && p !== "").join("\n\n");
  return text !== "" ? text : JSON.stringify(action);
}

interface MappedCall {
  name: string;
  arguments: Record<string, unknown>;
  output: string;
  viewed?: string[];
  edited?: string[];
}

/** An EditCode action as edit_file calls: each hunk of the diff they recorded, its old text replaced by its new. */
function editCalls(output: Record<string, unknown>): MappedCall[] | string {
  const parsed = EditOutputSchema.safeParse(output);
  const diff = parsed.success ? parsed.data.diff : undefined;
  const message = parsed.success ? (parsed.data.message ?? "") : "";
  if (diff === undefined || diff.trim() === "") return `their edit changed nothing (${message.split("\n")[0] || "no diff recorded"})`;
  const hunks = patchHunks(diff);
  if (hunks.length === 0) return `their edit's diff has no hunk we can read: ${diff.slice(0, 80)}`;
  const observation = `${message}\n${diff}`;
  return hunks.map((h) => {
    const args =
      h.oldText === ""
        ? { path: h.path, command: "insert", line: Math.max(0, h.oldStart), new_text: h.newText }
        : { path: h.path, command: "replace", old_text: h.oldText, new_text: h.newText };
    return { name: "edit_file", arguments: args, output: observation, edited: [h.path] };
  });
}

/** The calls of one action of a transition, or the reason it has none. */
function actionCalls(transition: string, action: z.infer<typeof ActionSchema>, notes: string[]): MappedCall[] | string {
  const output = action.output ?? {};
  if (action.retry_message) return `their ${transition} action was sent back to the model (${action.retry_message.split("\n")[0]})`;
  if (transition === "SearchCode") {
    const raw = action.action?.["search_requests"];
    const requests = Array.isArray(raw) ? raw : [action.action ?? {}];
    const spans = rankedSpansText(output["ranked_spans"]);
    return requests.flatMap((request) => {
      const parsed = SearchRequestSchema.safeParse(request);
      if (!parsed.success) return [];
      const found = moatlessSearchCalls(parsed.data);
      notes.push(...found.approximations);
      return found.calls.map((c) => ({ ...c, output: spans }));
    });
  }
  if (transition === "EditCode") return editCalls(output);
  const span = SpanSchema.safeParse(output);
  if (span.success) {
    const { file_path: path, start_line, end_line } = span.data;
    const output = `(Moatless showed lines ${start_line}-${end_line} of ${path} to its editor; the trajectory does not keep the text)`;
    return [{ name: "read_file", arguments: { path, start_line, end_line: Math.max(start_line, end_line) }, output, viewed: [path] }];
  }
  return "no tool call: a decision of the model that touches no file";
}

/** States that only reason over what earlier steps found: their actions are model turns, not tool calls. */
const REASONING_STATES = new Set(["IdentifyCode", "PlanToCode", "ClarifyCodeChange", "DecideRelevance", "Review"]);

/**
 * Imports a Moatless Tools trajectory: run_start, per action a model_response (its thoughts or
 * instructions, cost as recorded, no tokens) with the tool calls it maps to, a submit call at
 * Finished, then agent_end and the patch they submitted (info.submission). An edit is replayed as
 * the diff Moatless recorded for it, hunk by hunk; an edit without a recorded diff, and a search that
 * only approximately maps, are described in problems.
 * @throws SwerigError("invalid_input") when `json` is not a Moatless trajectory, naming the bad field.
 */
export function importMoatlessTrajectory(json: unknown, options: ImportOptions): ImportResult {
  const traj = parseTrajectory(MoatlessTrajectorySchema, json, "Moatless");
  const taskId = options.taskId ?? traj.info.instance_id;
  const trace = new ImportedTrace({ runId: options.runId, taskId: taskId ?? UNKNOWN }, undefined);
  if (taskId === undefined)
    trace.problems.push(`the trajectory names no instance; give its id (swerig import --instance ID); events use "${UNKNOWN}"`);
  const model = traj.transitions.map((t) => str(t.state?.["model"])).find((m) => m !== undefined);
  trace.push("run_start", {
    task: importedTask(taskId ?? UNKNOWN, options),
    agent: "moatless",
    importedFrom: "moatless",
    model: model ?? null,
    settings: {
      source: "moatless",
      ...(traj.name !== undefined ? { loop: traj.name } : {}),
      ...(traj.info.evaluation_name !== undefined ? { evaluation_name: traj.info.evaluation_name } : {}),
      ...(traj.info.total_cost !== undefined ? { total_cost: traj.info.total_cost } : {}),
      ...(traj.info.duration !== undefined ? { duration_sec: traj.info.duration } : {}),
    },
    image: UNKNOWN,
    imageDigest: null,
  });

  let step = 0;
  let submitted = false;
  traj.transitions.forEach((transition, t) => {
    const state = transition.state ?? {};
    if (transition.name === "Finished") {
      step++;
      const call: ToolCall = { id: `moatless-${step}`, name: "submit", arguments: {} };
      const message = str(state["message"]) ?? "";
      trace.push("model_response", {
        step,
        text: message,
        toolCalls: [call],
        usage: NO_TOKENS,
        costUsd: 0,
        latencyMs: 0,
        stopReason: null,
      });
      trace.push("tool_call", { ...call, step });
      trace.push("tool_result", { id: call.id, name: call.name, output: traj.info.submission ?? "", isError: false, durationMs: 0 });
      submitted = true;
      return;
    }
    for (const action of transition.actions ?? []) {
      step++;
      const label = `transition ${t + 1} (${transition.name}), step ${step}`;
      const notes: string[] = [];
      const mapped = actionCalls(transition.name, action, notes);
      const calls = typeof mapped === "string" ? [] : mapped;
      const ids = calls.map((c, i) => ({ id: `moatless-${step}-${i + 1}`, name: c.name, arguments: c.arguments }));
      const text = turnText(action.action, state);
      const costUsd = action.completion_cost ?? 0;
      trace.push("model_response", { step, text, toolCalls: ids, usage: NO_TOKENS, costUsd, latencyMs: 0, stopReason: null });
      for (const note of notes) trace.unmappedAction(`${label}: approximated: ${note}`);
      if (typeof mapped === "string") {
        if (transition.name === "EditCode" || !(REASONING_STATES.has(transition.name) || transition.name === "SearchCode"))
          trace.unmappedAction(`${label}: not imported as a tool call: ${mapped}`);
        continue;
      }
      calls.forEach((c, i) => {
        trace.push("tool_call", { ...ids[i]!, step });
        const extra = { ...(c.viewed ? { viewed: c.viewed } : {}), ...(c.edited ? { edited: c.edited } : {}) };
        trace.push("tool_result", { id: ids[i]!.id, name: c.name, output: c.output, isError: false, durationMs: 0, ...extra });
      });
    }
  });
  const last = traj.transitions.at(-1)?.name ?? "none";
  const end = submitted
    ? { reason: "submitted" as const, detail: null }
    : { reason: last === "Rejected" ? ("finished" as const) : ("error" as const), detail: `their last state: ${last}` };
  return trace.finish(end, traj.info.submission ?? null);
}

const NO_TOKENS = { inputTokens: 0, outputTokens: 0 };
