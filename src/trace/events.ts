// Trace events: one JSON object per line, versioned, each validated when read. A trace is enough to
// replay the tool calls of a run in a fresh environment and to recompute its metrics.
import { z } from "zod";

/** Written by this version. 2 added `model_retry` events, `model_response.attempts` and the `agent_error` end. */
export const TRACE_VERSION = 2;
/** Versions this reader accepts: every version 1 trace is a valid version 2 trace. */
export const READABLE_TRACE_VERSIONS = [1, 2] as const;

const Usage = z.object({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() }).strict();

export const ToolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.unknown() }).strict();
export type ToolCall = z.infer<typeof ToolCallSchema>;

const payloads = {
  run_start: z
    .object({
      task: z.object({ id: z.string(), repo: z.string(), language: z.string(), baseCommit: z.string() }).strict(),
      agent: z.string(),
      model: z.string().nullable(),
      settings: z.record(z.string(), z.unknown()),
      image: z.string(),
      imageDigest: z.string().nullable(),
      /**
       * Set by the importers: the tool whose trajectory this is. Its observations are in that tool's
       * formats, so replay re-runs its calls without comparing them, and it has no agent of ours.
       */
      importedFrom: z.string().optional(),
    })
    .strict(),
  model_request: z.object({ step: z.number().int(), messages: z.number().int() }).strict(),
  model_response: z
    .object({
      step: z.number().int(),
      text: z.string(),
      toolCalls: z.array(ToolCallSchema),
      usage: Usage,
      costUsd: z.number().nonnegative(),
      latencyMs: z.number().nonnegative(),
      stopReason: z.string().nullable(),
      /** Requests this turn took, retries included (version 2; absent means one). */
      attempts: z.number().int().positive().optional(),
    })
    .strict(),
  /** A model request that failed and is retried after waitMs (version 2). */
  model_retry: z
    .object({
      step: z.number().int(),
      attempt: z.number().int().positive(),
      status: z.number().int().nullable(),
      error: z.string(),
      durationMs: z.number().nonnegative(),
      waitMs: z.number().nonnegative(),
    })
    .strict(),
  tool_call: ToolCallSchema.extend({ step: z.number().int() }).strict(),
  tool_result: z
    .object({
      id: z.string(),
      name: z.string(),
      output: z.string(),
      isError: z.boolean(),
      /** The caller cancelled the call; whatever it ran was stopped. */
      cancelled: z.boolean().optional(),
      durationMs: z.number().nonnegative(),
      viewed: z.array(z.string()).optional(),
      edited: z.array(z.string()).optional(),
    })
    .strict(),
  limit: z.object({ kind: z.enum(["steps", "cost", "wall_time", "tokens"]), detail: z.string() }).strict(),
  agent_end: z
    .object({
      reason: z.enum(["submitted", "limit", "no_tool_call", "error", "agent_error", "finished"]),
      detail: z.string().nullable(),
      /** What an external agent reported it used (it makes no model_response events); absent for the others. */
      usage: Usage.extend({ costUsd: z.number().nonnegative() }).strict().optional(),
    })
    .strict(),
  /** The working copy changed while no recorded call ran (before call `beforeStep`, or after the last call when null). */
  unrecorded_change: z.object({ beforeStep: z.number().int().nullable(), paths: z.array(z.string()) }).strict(),
  patch: z.object({ patch: z.string(), files: z.array(z.string()) }).strict(),
  grade: z.object({ status: z.string(), resolved: z.boolean(), reason: z.string().nullable(), report: z.unknown() }).strict(),
} as const;

export type TraceEventType = keyof typeof payloads;

const envelope = {
  v: z.union(READABLE_TRACE_VERSIONS.map((v) => z.literal(v))),
  runId: z.string(),
  taskId: z.string(),
  sample: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  ts: z.string(),
};

function event<T extends TraceEventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), data: payloads[type] }).strict();
}

export const TraceEventSchema = z.discriminatedUnion("type", [
  event("run_start"),
  event("model_request"),
  event("model_response"),
  event("model_retry"),
  event("tool_call"),
  event("tool_result"),
  event("limit"),
  event("agent_end"),
  event("unrecorded_change"),
  event("patch"),
  event("grade"),
]);

export type TraceEvent = z.infer<typeof TraceEventSchema>;
export type TracePayload<T extends TraceEventType> = z.infer<(typeof payloads)[T]>;
