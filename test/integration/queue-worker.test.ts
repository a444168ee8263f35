// The queue without Docker, on a private redis-server: a worker refuses a job whose task it does not
// have or has in another version, and the coordinator turns that into an `error` outcome naming the
// cause; a job that failed is queued afresh by the next command instead of its failure being reused.
// A Redis that does not answer is a clear error at start.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueueCoordinator } from "../../src/queue/coordinator.js";
import { parseQueueUrl } from "../../src/queue/connection.js";
import { remoteGradeOne, remoteRunTask } from "../../src/queue/remote-units.js";
import { startQueueWorker, type QueueWorker, type WorkerEvent } from "../../src/queue/queue-worker.js";
import { taskContentHash } from "../../src/runner/manifest.js";
import { DEFAULT_LIMITS } from "../../src/agents/agent.js";
import { GoldAgent } from "../../src/agents/gold-agent.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { closedPort } from "../helpers/closed-port.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const { tasks } = await loadSweTasksDir(TASKS);
const task = tasks.find((t) => t.id === "pyledger-show-zero")!;
const root = await mkdtemp(join(tmpdir(), "swerig-queue-int-"));
/** The coordinator starts no container: these are never called. */
const unused = { create: (): Promise<never> => Promise.reject(new Error("no container on the coordinator")) };

describe("queue coordinator and worker (no Docker)", () => {
  let redis: TestRedis;
  let worker: QueueWorker;
  let coordinator: QueueCoordinator;
  const events: WorkerEvent[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    const connection = parseQueueUrl(redis.url);
    worker = await startQueueWorker({
      connection,
      workers: 1,
      stallMs: 2000,
      makeAgentFactory: () => Promise.reject(new Error("no agent in this test")),
      onEvent: (e) => events.push(e),
    });
    coordinator = await QueueCoordinator.open(connection);
  });
  afterAll(async () => {
    await coordinator?.close();
    await worker?.close();
    await redis?.stop();
    await rm(root, { recursive: true, force: true });
  });

  const gradeOne = (source: string, runId: string) =>
    remoteGradeOne({ coordinator, runId, config: "c0ffee", source, runDir: join(root, runId), semantics: "v5", timeoutSec: null });
  const prediction = { instanceId: task.id, model: "gold", patch: task.goldPatch, origin: "gold" };

  it("refuses a task whose content differs from the coordinator's, naming both hashes", async () => {
    const changed = { ...task, failToPass: [...task.failToPass, "tests/test_extra.py::test_more"] };
    const outcome = await gradeOne(TASKS, "mismatch")(changed, prediction);
    expect(outcome.status).toBe("error");
    expect(outcome.reason).toContain(`${task.id}: the queue job`);
    expect(outcome.reason).toContain("holds another version of this task");
    expect(outcome.reason).toContain(taskContentHash(changed).slice(0, 12));
    await expect.poll(() => events.filter((e) => e.type === "failed").length).toBe(1);
  });

  it("queues a failed job afresh on the next command, and refuses a task source this machine lacks", async () => {
    const before = events.filter((e) => e.type === "started").length;
    const outcome = await gradeOne(join(root, "nowhere"), "mismatch")(task, prediction);
    expect(events.filter((e) => e.type === "started").length).toBe(before + 1);
    expect(outcome.status).toBe("error");
    expect(outcome.reason).toMatch(/cannot read the task source .*nowhere/);
  });

  it("ends a run job the worker refuses as an ungraded `error`, with an empty trace for the suite to read", async () => {
    const runTask = remoteRunTask({
      ...{ coordinator, runId: "run-refused", config: "c0ffee", source: join(root, "nowhere") },
      agent: { agent: "gold" },
      limits: { maxCostUsd: 1, maxSteps: 5, maxWallTimeMs: 60_000 },
    });
    const dir = join(root, "run-refused", task.id);
    const options = { runId: "run-refused", dir, sample: 0, agent: new GoldAgent(task.goldPatch), limits: DEFAULT_LIMITS };
    const result = await runTask(task, { ...options, agentEnvironments: unused, createGradingEnvironment: () => unused.create() });
    expect(result.grade).toMatchObject({
      instanceId: task.id,
      status: "error",
      reason: expect.stringContaining("cannot read the task source"),
    });
    expect(result.failure?.status).toBe("error");
    expect((await readTrace(result.tracePath)).events).toEqual([]);
  });

  it("says which Redis does not answer", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    await expect(QueueCoordinator.open(parseQueueUrl(url), { connectTimeoutMs: 1500 })).rejects.toThrow(
      new RegExp(`--queue ${url}/?: cannot reach Redis`),
    );
  });
});
