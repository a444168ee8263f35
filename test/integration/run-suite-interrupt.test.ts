// The suite runner over local working copies when interrupted and when narrowed, without Docker: a
// first interrupt lets the agent in flight finish, a second cancels it and disposes its environment;
// runs never reached are `not_run` (no result.json, so they run on resume), and the summary covers
// every task of the run folder.
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Agent, type AgentContext, type AgentOutcome } from "../../src/agents/agent.js";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { runSuite, type RunSuiteOptions } from "../../src/runner/run-suite.js";
import type { AgentEnvironmentFactory } from "../../src/runner/run-task.js";
import type { Task } from "../../src/tasks/index.js";
import { calcTasks } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-suite-interrupt-"));
afterAll(() => rm(root, { recursive: true, force: true }));

let tasks: Task[];
beforeAll(async () => {
  tasks = await calcTasks(root, ["stop-a", "stop-b", "stop-c"]);
});

/** Local environments that remember which of them were disposed (dispose is idempotent; it may be called twice). */
function localEnvironments(): AgentEnvironmentFactory & { disposed: Set<LocalEnvironment> } {
  const factory = {
    disposed: new Set<LocalEnvironment>(),
    async create(task: Task, dir: string) {
      const workspace = await prepareWorkingCopy(task, dir);
      const env = new LocalEnvironment(workspace.root);
      const dispose = env.dispose.bind(env);
      env.dispose = async () => {
        factory.disposed.add(env);
        await dispose();
      };
      return { env, workspace, image: "local", imageDigest: null };
    },
  };
  return factory;
}

/** An agent that changes nothing and submits when released, or ends cancelled when its signal aborts. */
class WaitingAgent implements Agent {
  readonly name = "waiting";
  readonly model = null;
  readonly settings = {};
  static started: string[] = [];
  static release: () => void = () => undefined;
  private static released = new Promise<void>((r) => (WaitingAgent.release = r));

  static reset(): void {
    WaitingAgent.started = [];
    WaitingAgent.released = new Promise<void>((r) => (WaitingAgent.release = r));
  }

  async run(ctx: AgentContext): Promise<AgentOutcome> {
    WaitingAgent.started.push(ctx.task.id);
    const aborted = new Promise<void>((r) => ctx.signal?.addEventListener("abort", () => r(), { once: true }));
    await Promise.race([WaitingAgent.released, aborted]);
    const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    if (ctx.signal?.aborted) return { reason: "error", detail: "cancelled", steps: 0, usage };
    return { reason: "submitted", detail: null, steps: 0, usage };
  }
}

function suite(runDir: string, extra: Partial<RunSuiteOptions>): RunSuiteOptions {
  return {
    runId: "r",
    runDir,
    tasks,
    makeAgent: () => new WaitingAgent(),
    samples: 1,
    workers: 1,
    limits: DEFAULT_LIMITS,
    agentEnvironments: localEnvironments(),
    createGradingEnvironment: () => Promise.reject(new Error("an empty patch needs no grading environment")),
    ...extra,
  };
}

const summarized = runSuite;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const waitFor = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe("runSuite interrupted", () => {
  it("lets the agent in flight finish after the first interrupt; the others are not_run and run on resume", async () => {
    WaitingAgent.reset();
    const runDir = join(root, "once");
    const stop = new AbortController();
    const running = summarized(suite(runDir, { signal: stop.signal }));
    await waitFor(() => WaitingAgent.started.length === 1);
    stop.abort();
    WaitingAgent.release();
    const { summary, cancelled } = await running;
    expect(cancelled).toBe(true);
    expect(summary.runs.map((r) => `${r.taskId} ${r.status}`)).toEqual(["stop-a empty_patch"]);
    expect(summary.not_run).toEqual([
      { taskId: "stop-b", sample: 0 },
      { taskId: "stop-c", sample: 0 },
    ]);
    expect(summary.swerig).toMatchObject({ complete: false, not_run_ids: ["stop-b", "stop-c"] });
    expect(summary.error_ids).toEqual([]);
    expect(await exists(join(runDir, "stop-b", "result.json"))).toBe(false);
    expect(JSON.parse(await readFile(join(runDir, "stop-b", "status.json"), "utf8"))).toMatchObject({ status: "not_run" });

    const again = await summarized(suite(runDir, {}));
    expect(WaitingAgent.started).toEqual(["stop-a", "stop-b", "stop-c"]);
    expect(again.summary.swerig.complete).toBe(true);
    expect(again.summary.not_run).toEqual([]);
    expect(again.summary.empty_patch_ids).toEqual(["stop-a", "stop-b", "stop-c"]);
  });

  it("cancels the agents in flight on abort, disposes their environments and saves no result for them", async () => {
    WaitingAgent.reset();
    const runDir = join(root, "twice");
    const stop = new AbortController();
    const abort = new AbortController();
    const environments = localEnvironments();
    const running = summarized(suite(runDir, { workers: 2, signal: stop.signal, abort: abort.signal, agentEnvironments: environments }));
    await waitFor(() => WaitingAgent.started.length === 2);
    stop.abort();
    abort.abort();
    const { summary, cancelled } = await running;
    expect(cancelled).toBe(true);
    expect(environments.disposed.size).toBe(2);
    expect(summary.runs).toEqual([]);
    expect(summary.swerig.not_run_ids).toEqual(["stop-a", "stop-b", "stop-c"]);
    for (const t of tasks) expect(await exists(join(runDir, t.id, "result.json"))).toBe(false);
  });
});

describe("runSuite narrowed", () => {
  it("covers the tasks of the run folder from earlier commands, and runs a task again with force", async () => {
    WaitingAgent.reset();
    WaitingAgent.release();
    const runDir = join(root, "narrow");
    await summarized(suite(runDir, { tasks: [tasks[0]!], allTasks: tasks }));
    const second = await summarized(suite(runDir, { tasks: [tasks[1]!], allTasks: tasks }));
    expect(second.summary.total_instances).toBe(2);
    expect(second.summary.runs.map((r) => r.taskId)).toEqual(["stop-a", "stop-b"]);
    expect(second.summary.swerig.complete).toBe(true);
    expect(WaitingAgent.started).toEqual(["stop-a", "stop-b"]);
    await summarized(suite(runDir, { tasks: [tasks[0]!], allTasks: tasks, force: true }));
    expect(WaitingAgent.started).toEqual(["stop-a", "stop-b", "stop-a"]);
    const stop = new AbortController();
    stop.abort();
    const interrupted = await summarized(suite(runDir, { tasks: [tasks[1]!], allTasks: tasks, force: true, signal: stop.signal }));
    expect(WaitingAgent.started).toHaveLength(3);
    expect(interrupted.summary.not_run).toEqual([]);
    expect(interrupted.summary.runs.map((r) => `${r.taskId} ${r.status}`)).toEqual(["stop-a empty_patch", "stop-b empty_patch"]);
  });
});
