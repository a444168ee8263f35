// The data the report page carries: one compact row per task run for the list, and per run the
// detail view (trajectory, final diff beside the reference patch, F2P/P2P results, grading log).
import { omissionMarker, patchFiles, patchHunks } from "../../core/index.js";
import type { TraceEvent } from "../../trace/events.js";
import type { InstanceRun } from "../run-folder.js";
import { type QualityCounts, type QualityView, qualityCounts } from "./quality-view.js";

export interface DiffFile {
  name: string;
  hunks: { header: string; lines: string[] }[];
}

export type Step =
  | { t: "model"; step: number; at: number; text: string; calls: string[]; inTok: number; outTok: number; cost: number; ms: number }
  | { t: "call"; step: number; at: number; id: string; name: string; args: string }
  | { t: "result"; at: number; id: string; name: string; out: string; err: boolean; ms: number; cancelled: boolean }
  | { t: "note"; at: number; kind: string; text: string };

export interface RunRow extends QualityCounts {
  id: string;
  sample: number;
  status: string;
  resolved: boolean;
  flaky: boolean;
  repo: string;
  language: string;
  failureMode: string;
  steps: number;
  costUsd: number;
  tokens: number;
  seconds: number;
}

export interface RunDetailData {
  agentReason: string;
  steps: Step[];
  tornTail: boolean;
  diff: DiffFile[];
  tests: InstanceRun["testsStatus"];
  /** Each run of the eval and the tests that flipped, when `--reruns` ran it more than once. */
  reruns: {
    runs: { attempt: number; status: string; failing: string[] }[];
    flipped: { test: string; statuses: (string | null)[] }[];
  } | null;
  log: string;
  /** The quality block, the agent's tests and the judge's scores, each with the reason when absent. */
  quality: QualityView;
}

export interface PageData {
  runId: string;
  rows: RunRow[];
  details: RunDetailData[];
  /** Keyed by task id: shared by the samples of a task. */
  problems: Record<string, string>;
  references: Record<string, DiffFile[]>;
}

/** Bounds on what one run puts in the page, so a 500 x 5 run of long trajectories stays a file a browser opens. */
export const MAX_OUTPUT_CHARS = 20_000;
export const MAX_LOG_CHARS = 100_000;

/** The head of a long text (the tail for logs, where the verdict is), with a marker naming the full size. */
export function bounded(text: string, maxChars: number, keep: "head" | "tail" = "head"): string {
  if (text.length <= maxChars) return text;
  const note = omissionMarker(text.length - maxChars, "characters", `out of ${text.length}, the run folder has them all`);
  return keep === "head" ? `${text.slice(0, maxChars)}\n${note}` : `${note}\n${text.slice(-maxChars)}`;
}

/** A patch as files and hunks (with the `diff` package); text it cannot parse is kept as one raw hunk. */
/** A patch's files, each with its hunks, for the diff view: read by the same parser grading uses. */
export function diffFiles(patch: string): DiffFile[] {
  const hunks = patchHunks(patch);
  const names = [...new Set(patchFiles(patch).map((f) => f.newPath ?? f.oldPath ?? "?"))];
  return names.map((name) => ({
    name,
    hunks: hunks.filter((h) => h.path === name).map((h) => ({ header: h.header, lines: h.lines })),
  }));
}

export function rowOf(run: InstanceRun, quality: QualityView | undefined): RunRow {
  return {
    ...(quality ? qualityCounts(quality) : { findings: null, security: null }),
    id: run.taskId,
    sample: run.sample,
    status: run.status,
    resolved: run.resolved,
    flaky: run.flaky,
    repo: run.repo,
    language: run.language,
    failureMode: run.failureMode ?? "",
    steps: run.steps,
    costUsd: run.costUsd,
    tokens: run.inputTokens + run.outputTokens,
    seconds: Math.round(run.wallSeconds * 10) / 10,
  };
}

/** Tool arguments one per line; a multi-line string (code to write, text to replace) shown as it reads. */
export function formatArguments(args: unknown): string {
  if (args === null || typeof args !== "object" || Array.isArray(args)) return JSON.stringify(args, null, 2) ?? "null";
  const lines = Object.entries(args).map(([key, value]) =>
    typeof value === "string" && value.includes("\n") ? `${key}:\n${value.replace(/^/gm, "  ")}` : `${key}: ${JSON.stringify(value)}`,
  );
  return lines.length ? lines.join("\n") : "(no arguments)";
}

/** The trajectory as the page shows it; `at` is seconds since the run started. */
export function trajectorySteps(events: readonly TraceEvent[]): Step[] {
  const start = events[0] ? Date.parse(events[0].ts) : 0;
  const at = (e: TraceEvent) => Math.max(0, Math.round((Date.parse(e.ts) - start) / 100) / 10);
  const steps: Step[] = [];
  for (const e of events) {
    switch (e.type) {
      case "model_response":
        steps.push({
          t: "model",
          step: e.data.step,
          at: at(e),
          text: bounded(e.data.text, MAX_OUTPUT_CHARS),
          calls: e.data.toolCalls.map((c) => c.name),
          inTok: e.data.usage.inputTokens,
          outTok: e.data.usage.outputTokens,
          cost: e.data.costUsd,
          ms: e.data.latencyMs,
        });
        break;
      case "tool_call":
        steps.push({
          t: "call",
          step: e.data.step,
          at: at(e),
          id: e.data.id,
          name: e.data.name,
          args: bounded(formatArguments(e.data.arguments), MAX_OUTPUT_CHARS),
        });
        break;
      case "tool_result":
        steps.push({
          t: "result",
          at: at(e),
          id: e.data.id,
          name: e.data.name,
          out: bounded(e.data.output, MAX_OUTPUT_CHARS),
          err: e.data.isError,
          ms: e.data.durationMs,
          cancelled: e.data.cancelled === true,
        });
        break;
      case "run_start":
        steps.push({
          t: "note",
          at: 0,
          kind: "start",
          text:
            `${e.data.agent}${e.data.model ? ` (${e.data.model})` : ""} on ${e.data.task.repo} ` +
            `at ${e.data.task.baseCommit.slice(0, 12)}; image ${e.data.image}`,
        });
        break;
      case "limit":
        steps.push({ t: "note", at: at(e), kind: "limit", text: `limit ${e.data.kind}: ${e.data.detail}` });
        break;
      case "agent_end":
        steps.push({
          t: "note",
          at: at(e),
          kind: "end",
          text: `agent ended: ${e.data.reason}${e.data.detail ? ` (${e.data.detail})` : ""}`,
        });
        break;
      case "unrecorded_change":
        steps.push({ t: "note", at: at(e), kind: "error", text: `working copy changed outside the tools: ${e.data.paths.join(", ")}` });
        break;
      case "patch":
        steps.push({ t: "note", at: at(e), kind: "patch", text: `final diff: ${e.data.files.length} file(s) ${e.data.files.join(", ")}` });
        break;
      case "grade":
        steps.push({
          t: "note",
          at: at(e),
          kind: e.data.resolved ? "resolved" : "grade",
          text: `graded ${e.data.status}${e.data.reason ? `: ${e.data.reason}` : ""}`,
        });
        break;
      case "model_retry":
        steps.push({
          t: "note",
          at: at(e),
          kind: "error",
          text:
            `model request ${e.data.attempt} failed${e.data.status ? ` (HTTP ${e.data.status})` : ""}: ` +
            `${e.data.error}; retried after ${e.data.waitMs} ms`,
        });
        break;
      case "model_request":
        break;
      default:
        steps.push({ t: "note", at: at(e), kind: "other", text: `${(e as { type: string }).type} event` });
    }
  }
  return steps;
}
