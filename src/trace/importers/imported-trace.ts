// What the trajectory importers share: their result type, input validation that names the bad field,
// and a builder that numbers events from 0 and dates them from the source's own timestamps or, where
// it has none, from a fixed epoch-based sequence, so the same input always gives the same events.
import type { z } from "zod";
import { SwerigError } from "../../core/errors.js";
import { describeIssues } from "../../core/load-problem.js";
import { touchedPaths } from "../../core/patch-files.js";
import { TRACE_VERSION, type TraceEvent, type TraceEventType, type TracePayload } from "../events.js";

export interface ImportOptions {
  runId: string;
  /** Task id of the events; defaults to the id the trajectory names, if any. */
  taskId?: string;
  /** What the trajectory does not say about the task (repository, language, base commit). */
  task?: { repo?: string; language?: string; baseCommit?: string };
}

export interface ImportResult {
  /** The instance of the events: the one given, else the one the trajectory names; undefined if neither. */
  taskId: string | undefined;
  events: TraceEvent[];
  /** Actions imported approximately or not at all, and parts of the input that were ignored. */
  problems: string[];
  /** Their final diff, unchanged, or null when they submitted none. */
  submission: string | null;
  /** steps: model turns; toolCalls: tool_call events; unmapped: actions not imported or imported approximately. */
  stats: { steps: number; toolCalls: number; unmapped: number };
}

export type EndReason = TracePayload<"agent_end">["reason"];
export type LimitKind = TracePayload<"limit">["kind"];

/** Placeholder for run_start fields a trajectory does not record. */
export const UNKNOWN = "unknown";

/**
 * Parses `json` with `schema`.
 * @throws SwerigError("invalid_input") naming the format and every bad or missing field.
 */
export function parseTrajectory<S extends z.ZodType>(schema: S, json: unknown, format: string): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SwerigError("invalid_input", `not a ${format} trajectory: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** `owner/name` of a SWE-bench instance id (`owner__name-123`), or undefined for other ids. */
export function repoOfInstanceId(id: string): string | undefined {
  const m = /^(.+?)__(.+)-\d+$/.exec(id);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The run_start task of an import: the caller's facts first, then what the id tells. */
export function importedTask(taskId: string, options: ImportOptions): TracePayload<"run_start">["task"] {
  return {
    id: taskId,
    repo: options.task?.repo ?? repoOfInstanceId(taskId) ?? UNKNOWN,
    language: options.task?.language ?? UNKNOWN,
    baseCommit: options.task?.baseCommit ?? UNKNOWN,
  };
}

const EPOCH_STEP_MS = 1000;

function isoOrUndefined(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Collects the events of one imported run. */
export class ImportedTrace {
  readonly events: TraceEvent[] = [];
  readonly problems: string[] = [];
  unmapped = 0;
  private lastMs: number | undefined;

  /**
   * @param startSec The earliest timestamp of the source (Unix seconds), or undefined when it has none:
   * then event n is dated n seconds after the Unix epoch.
   */
  constructor(
    private readonly ids: { runId: string; taskId: string },
    private readonly startSec: number | undefined,
  ) {}

  /** Appends an event dated `timeSec` (Unix seconds), else as the event before it. */
  push<T extends TraceEventType>(type: T, data: TracePayload<T>, timeSec?: number): void {
    const seq = this.events.length;
    if (timeSec !== undefined) this.lastMs = timeSec * 1000;
    else if (this.lastMs === undefined && this.startSec !== undefined) this.lastMs = this.startSec * 1000;
    const ts = (this.lastMs !== undefined ? isoOrUndefined(this.lastMs) : undefined) ?? new Date(seq * EPOCH_STEP_MS).toISOString();
    this.events.push({ v: TRACE_VERSION, ...this.ids, sample: 0, seq, ts, type, data } as TraceEvent);
  }

  /** Records an action that was imported approximately or not at all. */
  unmappedAction(problem: string): void {
    this.unmapped++;
    this.problems.push(problem);
  }

  /**
   * The closing events: a limit (when one ended the run), agent_end, and the patch they submitted (the
   * recorded submission a replay is compared with and, by default, graded on); the problems are kept
   * in run_start's settings as `import_notes`.
   */
  finish(
    end: { reason: EndReason; detail: string | null; limit?: { kind: LimitKind; detail: string } },
    submission: string | null,
    timeSec?: number,
  ): ImportResult {
    if (end.limit) this.push("limit", end.limit, timeSec);
    this.push("agent_end", { reason: end.reason, detail: end.detail }, timeSec);
    const patch = submission ?? "";
    this.push("patch", { patch, files: touchedPaths(patch) }, timeSec);
    // The notes travel with the trace, so that a replay can explain a difference from the submission.
    const start = this.events[0];
    if (start?.type === "run_start" && this.problems.length > 0) start.data.settings["import_notes"] = [...this.problems];
    const steps = this.events.filter((e) => e.type === "model_response").length;
    const toolCalls = this.events.filter((e) => e.type === "tool_call").length;
    const taskId = this.ids.taskId === UNKNOWN ? undefined : this.ids.taskId;
    return { taskId, events: this.events, problems: this.problems, submission, stats: { steps, toolCalls, unmapped: this.unmapped } };
  }
}
