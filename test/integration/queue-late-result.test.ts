// A worker that stops renewing its job's lock (as a killed or frozen one does) loses the job: another
// worker's stalled check takes it over, and the first worker's late result is refused by BullMQ.
// The coordinator writes the one result it receives, once. The two workers here are plain BullMQ
// workers that return a ready-made result (no Docker); test/docker/queue.test.ts does it for real.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueueCoordinator } from "../../src/queue/coordinator.js";
import { parseQueueUrl, QUEUE_NAME } from "../../src/queue/connection.js";
import type { GradeJob, QueueResult } from "../../src/queue/job.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";

const root = await mkdtemp(join(tmpdir(), "swerig-queue-late-"));

function result(job: GradeJob, by: string): QueueResult {
  return {
    ...{ v: 1, kind: "grade", instanceId: job.task.id, sample: 0, outcome: { instanceId: job.task.id, status: "resolved" } },
    files: [{ name: "test_output.txt", content: `graded by ${by}\n`, truncated: false }],
    worker: { id: by, startedAt: Date.now(), finishedAt: Date.now() },
  };
}

describe("a worker that loses its job's lock", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it("cannot deliver its late result: the job is taken over and written once, by the other worker", async () => {
    const connection = parseQueueUrl(redis.url);
    const coordinator = await QueueCoordinator.open(connection);
    const late: string[] = [];
    let frozen: Worker | undefined;
    const taken = new Promise<void>((resolve) => {
      frozen = new Worker(
        QUEUE_NAME,
        async (job) => {
          resolve();
          await new Promise((r) => setTimeout(r, 2500));
          return result(job.data as GradeJob, "frozen");
        },
        { connection, skipLockRenewal: true, skipStalledCheck: true, lockDuration: 1000 },
      );
    });
    frozen!.on("failed", (_job, error) => late.push(error.message));
    frozen!.on("error", (error) => late.push(error.message));
    const job: GradeJob = {
      ...{ v: 1, kind: "grade", runId: "late", config: "c", sample: 0 },
      task: { source: "/tasks", id: "pyledger-show-zero", sha256: "0".repeat(64) },
      prediction: { instanceId: "pyledger-show-zero", model: "gold", patch: "", origin: "gold" },
      grading: { semantics: "v5", timeoutSec: null },
    };
    const dir = join(root, "late", job.task.id);
    const submitted = coordinator.submit(job, dir);
    await taken;
    const healthy = new Worker(QUEUE_NAME, async (j) => result(j.data as GradeJob, "healthy"), {
      connection,
      stalledInterval: 500,
      lockDuration: 1000,
    });
    const got = await submitted;
    expect(got.worker.id).toBe("healthy");
    expect(await readFile(join(dir, "test_output.txt"), "utf8")).toBe("graded by healthy\n");
    await new Promise((r) => setTimeout(r, 2500));
    expect(late.join("\n")).toMatch(/Missing (key|lock) for job/);
    expect(await readFile(join(dir, "test_output.txt"), "utf8")).toBe("graded by healthy\n");
    expect(coordinator.timings).toHaveLength(1);
    await Promise.all([frozen!.close(), healthy.close(), coordinator.close()]);
  }, 30_000);
});
