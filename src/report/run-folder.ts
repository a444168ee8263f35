// Reads a run folder (traces/<run-id>/) for reports and comparisons, defensively: a run still going,
// a missing or half-written file, statuses this code does not know. What cannot be read is noted.
import { open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Task } from "../tasks/index.js";
import type { TraceEvent } from "../trace/events.js";
import { parseTrace } from "../trace/reader.js";
import type { JudgeCriterion } from "./judge-rubric.js";
import { SUMMARY_FILE } from "./summary-file.js";
import { judgeScoresOf, qualitySignalsOf, type QualitySignals } from "./quality-signals.js";
import { trajectoryMetrics } from "./trajectory-metrics.js";
import { tryParseJson } from "../core/index.js";

/** One agent run (task, sample) as the folder shows it now. */
export interface InstanceRun {
  taskId: string;
  sample: number;
  dir: string;
  /** The grading status, an open string; "running" while the run has a trace but no outcome yet. */
  status: string;
  resolved: boolean;
  /** Has an outcome: false while running and for a run never started (`not_run`, an interrupted run). */
  finished: boolean;
  flaky: boolean;
  agentReason: string | null;
  failureMode: string | null;
  repo: string;
  language: string;
  steps: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  wallSeconds: number;
  testsStatus: TestsStatusLike | null;
  /** With `--reruns`: each run of the eval and the graded tests that flipped between them. */
  evalRuns: EvalRunsLike | null;
  /** From status.json's quality block (and agentTests), when graded with it. */
  quality?: QualitySignals;
  /** The judge's scores, when `swerig judge` scored this run. */
  judge?: Record<JudgeCriterion, number>;
  /** Which judge gave them (`provider/model rubric N`): scores of different judges are not compared. */
  judgeBy?: string;
}

export type EvalRunsLike = z.infer<typeof EvalRunsView>;

export interface TestsStatusLike {
  FAIL_TO_PASS?: { success: string[]; failure: string[] };
  PASS_TO_PASS?: { success: string[]; failure: string[] };
}

export interface RunFolder {
  runId: string;
  runDir: string;
  /** summary.json, when the run has written one (a run still going has not). */
  summary: Record<string, unknown> | null;
  /** manifest.json (the run's configuration), when the run wrote one. */
  manifest: Record<string, unknown> | null;
  runs: InstanceRun[];
  samples: number;
  problems: string[];
}

const TestList = z.object({ success: z.array(z.string()), failure: z.array(z.string()) }).loose();
const ReportBody = z
  .object({
    resolved: z.boolean().optional(),
    tests_status: z.object({ FAIL_TO_PASS: TestList.optional(), PASS_TO_PASS: TestList.optional() }).loose().optional(),
  })
  .loose();
const EvalRunsView = z
  .object({
    runs: z.array(z.object({ attempt: z.number(), status: z.string(), failing: z.array(z.string()) }).loose()),
    flipped: z.array(z.object({ test: z.string(), statuses: z.array(z.string().nullable()) }).loose()),
  })
  .loose();
const StatusFile = z
  .object({
    status: z.string(),
    flaky: z.boolean().optional(),
    evalRuns: EvalRunsView.optional(),
    quality: z.unknown().optional(),
    agentTests: z.unknown().optional(),
  })
  .loose();
const Metrics = z
  .object({ steps: z.number(), costUsd: z.number(), inputTokens: z.number(), outputTokens: z.number(), wallSeconds: z.number() })
  .partial()
  .loose();
const ResultFile = z
  .object({
    record: z
      .object({
        status: z.string(),
        resolved: z.boolean(),
        agentReason: z.string().nullable().optional(),
        failureMode: z.string().nullable().optional(),
        metrics: Metrics.optional(),
        durationMs: z.number().optional(),
        flaky: z.boolean().optional(),
      })
      .loose(),
    grade: z.object({ status: z.string().optional(), flaky: z.boolean().optional() }).loose().nullable().optional(),
  })
  .loose();

const SAMPLE_DIR = /^sample-(\d+)$/;
/** run_start is the first line of a trace and far shorter than this. */
const FIRST_LINE_BYTES = 64 * 1024;

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch(() => undefined);
}

async function readJson<T>(path: string, schema: z.ZodType<T>, problems: string[]): Promise<T | undefined> {
  const text = await readText(path);
  if (text === undefined) return undefined;
  const value = tryParseJson(text);
  if (value === undefined) {
    problems.push(`${path}: not JSON (still being written?)`);
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) problems.push(`${path}: unexpected shape (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.success ? parsed.data : undefined;
}

async function readFirstLine(path: string): Promise<string | undefined> {
  const file = await open(path, "r").catch(() => undefined);
  if (!file) return undefined;
  try {
    const buffer = Buffer.alloc(FIRST_LINE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, FIRST_LINE_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString("utf8");
    const end = text.indexOf("\n");
    return end < 0 ? "" : text.slice(0, end + 1);
  } finally {
    await file.close();
  }
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Reads every task run under `runDir`; `tasks` adds repository, language and slices the trace cannot. */
export async function loadRunFolder(runDir: string, runId: string, tasks?: ReadonlyMap<string, Task>): Promise<RunFolder> {
  const problems: string[] = [];
  const summary = (await readJson(join(runDir, SUMMARY_FILE), z.record(z.string(), z.unknown()), problems)) ?? null;
  const manifest = (await readJson(join(runDir, "manifest.json"), z.record(z.string(), z.unknown()), problems)) ?? null;
  const runs: InstanceRun[] = [];
  let samples = 1;
  for (const taskId of await subdirs(runDir)) {
    const inner = (await subdirs(join(runDir, taskId))).filter((d) => SAMPLE_DIR.test(d));
    const dirs =
      inner.length > 0
        ? inner.map((d) => ({ dir: join(runDir, taskId, d), sample: Number(SAMPLE_DIR.exec(d)![1]) }))
        : [{ dir: join(runDir, taskId), sample: 0 }];
    if (inner.length > 0) samples = Math.max(samples, inner.length);
    for (const { dir, sample } of dirs) {
      const run = await loadInstanceRun(dir, taskId, sample, tasks?.get(taskId), problems);
      if (run) runs.push(run);
    }
  }
  markNotRun(runs, summary, runDir, samples);
  runs.sort((a, b) => (a.taskId === b.taskId ? a.sample - b.sample : a.taskId < b.taskId ? -1 : 1));
  return { runId, runDir, summary, manifest, runs, samples, problems };
}

const NotRunList = z.array(z.object({ taskId: z.string(), sample: z.number().int().nonnegative() }).loose());

/** Task runs summary.json lists as not run (interrupted, never started): labelled so, listed even without a folder. */
function markNotRun(runs: InstanceRun[], summary: Record<string, unknown> | null, runDir: string, samples: number): void {
  const listed = NotRunList.safeParse(summary?.["not_run"]);
  if (!listed.success) return;
  for (const { taskId, sample } of listed.data) {
    const run = runs.find((r) => r.taskId === taskId && r.sample === sample);
    if (run && !run.finished) run.status = "not_run";
    if (run) continue;
    const dir = samples > 1 ? join(runDir, taskId, `sample-${sample}`) : join(runDir, taskId);
    runs.push({ ...EMPTY_RUN, taskId, sample, dir });
  }
}

const EMPTY_RUN = {
  ...{ status: "not_run", resolved: false, finished: false, flaky: false, agentReason: null, failureMode: null },
  ...{
    repo: "unknown",
    language: "unknown",
    steps: 0,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
    wallSeconds: 0,
    testsStatus: null,
    evalRuns: null,
  },
} as const;

async function loadInstanceRun(
  dir: string,
  taskId: string,
  sample: number,
  task: Task | undefined,
  problems: string[],
): Promise<InstanceRun | undefined> {
  const result = await readJson(join(dir, "result.json"), ResultFile, problems);
  const status = await readJson(join(dir, "status.json"), StatusFile, problems);
  const report = await readJson(join(dir, "report.json"), z.record(z.string(), ReportBody), problems);
  // A finished run's result.json holds its metrics: its trace, possibly large, is then read only for its first line.
  const tracePath = join(dir, "trace.jsonl");
  const needWhole = !result?.record.metrics || result.record.agentReason === undefined;
  const traceText = needWhole ? await readText(tracePath) : await readFirstLine(tracePath);
  if (!result && !status && traceText === undefined) return undefined;
  const events = traceText === undefined ? [] : parseTrace(traceText, tracePath).events;
  const start = events.find((e) => e.type === "run_start");
  const fromTrace = trajectoryMetrics(events, task?.goldFiles ?? []);
  const m = result?.record.metrics;
  const body = report?.[taskId];
  const finalStatus = result?.record.status ?? status?.status ?? "running";
  const quality = qualitySignalsOf(status);
  const judge = await judgeScoresOf(dir);
  return {
    taskId,
    sample,
    dir,
    status: finalStatus,
    resolved: result?.record.resolved ?? finalStatus === "resolved",
    finished: finalStatus !== "running" && finalStatus !== "not_run",
    flaky: result?.record.flaky === true || result?.grade?.flaky === true || status?.flaky === true || finalStatus.includes("flaky"),
    agentReason: result?.record.agentReason ?? lastAgentEnd(events),
    failureMode: result?.record.failureMode ?? null,
    repo: task?.repo ?? (start?.type === "run_start" ? start.data.task.repo : "unknown"),
    language: task?.language ?? (start?.type === "run_start" ? start.data.task.language : "unknown"),
    steps: m?.steps ?? fromTrace.steps,
    costUsd: m?.costUsd ?? fromTrace.costUsd,
    inputTokens: m?.inputTokens ?? fromTrace.inputTokens,
    outputTokens: m?.outputTokens ?? fromTrace.outputTokens,
    wallSeconds: m?.wallSeconds ?? (result?.record.durationMs !== undefined ? result.record.durationMs / 1000 : fromTrace.wallSeconds),
    testsStatus: body?.tests_status ?? null,
    evalRuns: status?.evalRuns ?? null,
    ...(quality ? { quality } : {}),
    ...(judge ? { judge: judge.scores, judgeBy: judge.by } : {}),
  };
}

function lastAgentEnd(events: readonly TraceEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === "agent_end") return e.data.reason;
  }
  return null;
}

/** The files of one run a detail view needs: its trace events, final patch and grading log. */
export async function loadRunDetail(
  run: InstanceRun,
): Promise<{ events: TraceEvent[]; patch: string; testOutput: string; tornTail: boolean }> {
  const text = await readText(join(run.dir, "trace.jsonl"));
  const trace = text === undefined ? { events: [], tornTail: false } : parseTrace(text, join(run.dir, "trace.jsonl"));
  const fromTrace = [...trace.events].reverse().find((e) => e.type === "patch");
  const patch = fromTrace?.type === "patch" ? fromTrace.data.patch : ((await readText(join(run.dir, "patch.diff"))) ?? "");
  return { events: trace.events, patch, testOutput: (await readText(join(run.dir, "test_output.txt"))) ?? "", tornTail: trace.tornTail };
}
