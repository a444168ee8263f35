// A `swerig dev` session: iterations of one agent configuration on a few tasks, each written as a normal
// run folder (<traces>/<session>-<n>/, so report, compare and replay work on it), on warm environments
// that are reset ahead of the next iteration, with verdicts of unchanged diffs taken from the cache and
// changed diffs graded in a container started ahead.
import { join } from "node:path";
import type { AgentFactory, AgentLimits } from "../../agents/agent.js";
import { errorMessage, sha256 } from "../../core/index.js";
import type { Environment } from "../../envs/environment.js";
import type { DevRow } from "../../report/dev-table.js";
import { writeSummaryFile } from "../../report/summary-file.js";
import type { Task } from "../../tasks/index.js";
import type { RunManifest } from "../manifest.js";
import { applyRunFolderPlan } from "../run-folder.js";
import { runSuite } from "../run-suite.js";
import type { AgentEnvironmentFactory } from "../run-task.js";
import { GradeCache } from "./grade-cache.js";
import { SpareGradingEnvironments } from "./spare-grading.js";
import { WarmEnvironments } from "./warm-environments.js";

export interface DevSessionOptions {
  /** Prefix of every iteration's run id, and the label of the session's containers. */
  sessionId: string;
  tracesDir: string;
  tasks: Task[];
  /** Makes a task's environment the first time (and when one must be replaced). */
  agentEnvironments: AgentEnvironmentFactory;
  createGradingEnvironment: (task: Task) => Promise<Environment>;
  /** Folder of the warm working copies. */
  worktrees: string;
  workers: number;
}

/** One iteration's agent: the factory, its limits and the manifest of its configuration (read again for every iteration). */
export interface IterationConfig {
  makeAgent: AgentFactory;
  limits: AgentLimits;
  manifest: RunManifest;
}

export interface IterationResult {
  runId: string;
  runDir: string;
  rows: DevRow[];
  cancelled: boolean;
}

export class DevSession {
  readonly warm: WarmEnvironments;
  readonly cache: GradeCache;
  private readonly grading: SpareGradingEnvironments;
  private iteration = 0;
  /** Last row per task, to say what changed. */
  readonly last = new Map<string, DevRow>();

  constructor(private readonly options: DevSessionOptions) {
    this.warm = new WarmEnvironments(options.agentEnvironments, options.worktrees);
    this.cache = new GradeCache(join(options.tracesDir, ".dev-grade-cache"), undefined, (task) => this.warm.imageDigestOf(task.id));
    this.grading = new SpareGradingEnvironments(options.createGradingEnvironment);
  }

  get iterations(): number {
    return this.iteration;
  }

  /**
   * Runs the agent on every task once and grades (or looks up) each final diff; `onRow` gets each task's
   * row as its verdict comes, with the task's previous row. Then resets the environments for the next
   * iteration (`onReset` hears of a replaced container). `signal` cancels the iteration in flight.
   */
  async iterate(
    config: IterationConfig,
    hooks: { onRow?: (row: DevRow, previous: DevRow | undefined) => void; onReset?: (taskId: string, why: string) => void },
    signal?: AbortSignal,
  ): Promise<IterationResult> {
    const n = ++this.iteration;
    const runId = `${this.options.sessionId}-${n}`;
    const runDir = join(this.options.tracesDir, runId);
    await applyRunFolderPlan(runDir, config.manifest, { kind: "new" });
    const patches = new Map<string, string>();
    const started = performance.now();
    const rows: DevRow[] = [];
    // One signal per iteration, so the suite's listeners go with it instead of piling up on the session's.
    const local = new AbortController();
    const forward = () => local.abort();
    signal?.addEventListener("abort", forward, { once: true });
    if (signal?.aborted) local.abort();
    const result = await runSuite({
      runId,
      runDir,
      tasks: this.options.tasks,
      makeAgent: config.makeAgent,
      samples: 1,
      workers: this.options.workers,
      limits: config.limits,
      agentEnvironments: this.warm,
      createGradingEnvironment: this.grading.take,
      gradeWith: (task, prediction, options) => {
        patches.set(task.id, prediction.patch ?? "");
        return this.cache.gradeWith(task, prediction, options);
      },
      signal: local.signal,
      abort: local.signal,
      onProgress: (record) => {
        const row: DevRow = {
          iteration: n,
          taskId: record.taskId,
          status: record.status,
          steps: record.metrics.steps,
          seconds: (performance.now() - started) / 1000,
          diffSha256: sha256(patches.get(record.taskId) ?? ""),
          cached: patches.has(record.taskId) && this.cache.hits.has(record.taskId),
        };
        const previous = this.last.get(record.taskId);
        this.last.set(record.taskId, row);
        rows.push(row);
        hooks.onRow?.(row, previous);
      },
    }).finally(() => signal?.removeEventListener("abort", forward));
    await writeSummaryFile(runDir, result.summary);
    if (!result.cancelled) await this.resetAll(hooks.onReset);
    return { runId, runDir, rows, cancelled: result.cancelled };
  }

  /**
   * Resets every task's environment (in parallel; a task whose reset fails is made afresh on next use)
   * and starts a spare grading container for each.
   */
  private async resetAll(onReset?: (taskId: string, why: string) => void): Promise<void> {
    await Promise.all(
      this.options.tasks.map(async (task) => {
        this.grading.refill(task);
        const note = await this.warm.reset(task).catch((error: unknown) => ({ kind: "renewed" as const, why: errorMessage(error) }));
        if (note.kind === "renewed") onReset?.(task.id, note.why);
      }),
    );
  }

  /** Removes the session's containers. Idempotent. */
  async dispose(): Promise<void> {
    await Promise.all([this.warm.dispose(), this.grading.dispose()]);
  }
}
