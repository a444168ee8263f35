// `grade --queue --judge-tests` with a real `swerig worker` process on a private redis-server: the
// option travels in the job, the worker judges the agent's own test (fails on the base code, passes on
// the reference fix) and the coordinator's status.json and summary say so, as a local run's would.
// The worker's warm pyright (the quality analysis of the Python patch) is gone once the worker stops.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { alive, pyrightServers } from "../helpers/pyright-processes.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { ROOT, type SwerigChild, swerig, waitFor } from "../helpers/swerig-process.js";
import { AGENT_TEST_FILE, CATCHING_TEST } from "../helpers/agent-tests-fixture.js";

const TASKS = join(ROOT, "swe-tasks");
const { tasks } = await loadSweTasksDir(TASKS);
const task = tasks.find((t) => t.id === "pyledger-show-zero")!;
const root = await mkdtemp(join(tmpdir(), "swerig-queue-judge-"));
const TEST_FILE = AGENT_TEST_FILE;
const catching = CATCHING_TEST;

describe.runIf(dockerAvailable)("grade --queue --judge-tests", () => {
  let redis: TestRedis;
  let worker: SwerigChild | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    if (worker) spawn("kill", ["-9", String(worker.pid)]);
    await redis?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it("the worker judges the agent's tests; its pyright ends with it", async () => {
    const tests = await makePatch(task, { [TEST_FILE]: (old) => `${old}${catching}` });
    const predictions = join(root, "predictions.json");
    await writeFile(
      predictions,
      JSON.stringify([{ instance_id: task.id, model_name_or_path: "catches", model_patch: `${task.goldPatch}${tests}` }]),
    );
    worker = swerig(["worker", "--queue", redis.url, "--workers", "1"], root);
    const runId = `queue-judge-${process.pid}`;
    const args = ["grade", "--queue", redis.url, "--tasks", TASKS, "--predictions", predictions, "--run-id", runId, "--judge-tests"];
    const coordinator = swerig(args, root);
    expect(await coordinator.exit, coordinator.output()).toBe(0);

    const status = JSON.parse(await readFile(join(root, "traces", runId, task.id, "status.json"), "utf8"));
    expect(status.status).toBe("resolved");
    expect(status.agentTests).toMatchObject({
      testFiles: [TEST_FILE],
      failBeforePassAfter: [`${TEST_FILE}::test_show_zero_off_from_agent`],
      catchesBug: true,
    });
    expect(status.quality.static).toMatchObject([{ tool: "pyright", introduced: [] }]);
    const summary = JSON.parse(await readFile(join(root, "traces", runId, "summary.json"), "utf8"));
    expect(summary.swerig.agent_tests).toEqual({ [task.id]: { tests_changed: 1, fail_before_pass_after: 1, catches_bug: true } });

    // The worker keeps its pyright warm between jobs, and stops it when it stops.
    const servers = pyrightServers(worker.pid);
    expect(servers).toHaveLength(1);
    process.kill(worker.pid, "SIGTERM");
    expect(await worker.exit).toBe(0);
    await waitFor("the worker's pyright to end", async () => !alive(servers[0]!), 10_000);
  }, 240_000);
});
