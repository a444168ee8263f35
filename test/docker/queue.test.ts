// Grading through the queue with real processes: a private redis-server, a `swerig grade --queue`
// coordinator killed with -9 after queueing, then two `swerig worker` processes, one killed with -9 in
// the middle of its job (which goes to the other worker after the stall interval). The coordinator is
// started again once a job has finished without it: it collects that result from Redis and finds the
// other job queued, not queueing either twice. Every instance is graded once, with the verdict a local
// grading gives (gold resolves, every FAIL_TO_PASS and PASS_TO_PASS test passes).
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocker, SWERIG_LABEL } from "../../src/envs/docker-client.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { ROOT, type SwerigChild, swerig as swerigIn, waitFor } from "../helpers/swerig-process.js";

const TASKS = join(ROOT, "swe-tasks");
const IDS = ["pyledger-show-zero", "ts-tickr-timeout-duration"];
const { tasks } = await loadSweTasksDir(TASKS);
const root = await mkdtemp(join(tmpdir(), "swerig-queue-"));
const swerig = (args: string[]) => swerigIn(args, root);

/** Jobs waiting in the queue, read with redis-cli (BullMQ keeps them in the list bull:<queue>:wait). */
const waiting = (redis: TestRedis) =>
  Number(spawnSync("redis-cli", ["-p", String(redis.port), "llen", "bull:swerig:wait"], { encoding: "utf8" }).stdout.trim());

describe.runIf(dockerAvailable)("swerig grade --queue with swerig worker processes", () => {
  let redis: TestRedis;
  const children: SwerigChild[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of children) spawnSync("kill", ["-9", String(c.pid)]);
    await redis?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it("survives a killed coordinator and a killed worker, grading every instance once", async () => {
    const runId = `queue-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const grade = [
      "grade",
      "--queue",
      redis.url,
      "--tasks",
      TASKS,
      "--predictions",
      "gold",
      "--run-id",
      runId,
      "--instances",
      IDS.join(","),
    ];
    const first = swerig(grade);
    children.push(first);
    await waitFor("the coordinator to queue both jobs", () => waiting(redis) === IDS.length);
    process.kill(first.pid, "SIGKILL");
    await first.exit;

    const worker = () => swerig(["worker", "--queue", redis.url, "--workers", "1", "--stall-seconds", "3"]);
    const [a, b] = [worker(), worker()];
    children.push(a, b);
    const started = (w: SwerigChild) => /^start {4}grade/m.test(w.output());
    await waitFor("a worker to start a job", () => started(a) || started(b));
    const [victim, survivor] = started(a) ? [a, b] : [b, a];
    process.kill(victim.pid, "SIGKILL");
    await victim.exit;
    const victimJob = /^start {4}grade \S+ (\S+)/m.exec(victim.output())![1]!;
    // The survivor finishes a job while no coordinator runs: the restarted one collects it from Redis.
    await waitFor("the survivor to finish a job", () => /^done/m.test(survivor.output()));
    const coordinator = swerig(grade);
    children.push(coordinator);

    expect(await coordinator.exit).toBe(0);
    expect(coordinator.output()).toMatch(/2\/2 resolved/);
    // The survivor graded both: its own job and, after the stall interval, the victim's.
    for (const id of IDS) expect(survivor.output()).toMatch(new RegExp(`^done {5}grade ${runId} ${id}: resolved`, "m"));
    expect(victim.output()).not.toMatch(/^done/m);
    expect(IDS).toContain(victimJob);
    // Queued once each, although two coordinators queued them: one start per instance besides the victim's.
    expect(survivor.output().match(/^start/gm)).toHaveLength(IDS.length);

    expect((await readdir(runDir)).sort()).toEqual([...IDS, "manifest.json", "summary.json"].sort());
    for (const id of IDS) {
      const task = tasks.find((t) => t.id === id)!;
      const files = await readdir(join(runDir, id));
      expect(files.filter((f) => f.includes(".tmp-"))).toEqual([]);
      expect(files).toEqual(expect.arrayContaining(["eval.sh", "patch.diff", "report.json", "status.json", "test_output.txt"]));
      const report = JSON.parse(await readFile(join(runDir, id, "report.json"), "utf8"))[id];
      expect(report.resolved).toBe(true);
      expect(report.tests_status.FAIL_TO_PASS).toEqual({ success: task.failToPass, failure: [] });
      expect(report.tests_status.PASS_TO_PASS).toEqual({ success: task.passToPass, failure: [] });
    }
    const summary = JSON.parse(await readFile(join(runDir, "summary.json"), "utf8"));
    expect(summary.resolved_ids).toEqual(IDS);
    // Nothing left in Redis for the run, and no container of the killed worker left on Docker.
    const keys = spawnSync("redis-cli", ["-p", String(redis.port), "--scan", "--pattern", `bull:swerig:${runId}*`], { encoding: "utf8" });
    expect(keys.stdout.trim()).toBe("");
    expect(waiting(redis)).toBe(0);
    const left = await getDocker().listContainers({ all: true, filters: { label: [`${SWERIG_LABEL}=${runId}`] } });
    expect(left).toEqual([]);
    // The survivor stops here, so the next test's jobs go to that test's own worker.
    process.kill(survivor.pid, "SIGTERM");
    await survivor.exit;
  }, 120_000);

  it("runs an agent through the queue: each sample's trace, result and grade land in the run folder", async () => {
    const runId = `queue-run-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const worker = swerig(["worker", "--queue", redis.url, "--workers", "2"]);
    children.push(worker);
    const args = ["run", "--queue", redis.url, "--tasks", TASKS, "--agent", "gold", "--run-id", runId, "--samples", "2"];
    const coordinator = swerig([...args, "--instances", IDS[0]!]);
    expect(await coordinator.exit).toBe(0);
    expect(worker.output()).toMatch(new RegExp(`^done {5}run ${runId} ${IDS[0]} #1: resolved`, "m"));
    for (const sample of [0, 1]) {
      const dir = join(runDir, IDS[0]!, `sample-${sample}`);
      const saved = JSON.parse(await readFile(join(dir, "result.json"), "utf8"));
      expect(saved.record).toMatchObject({ taskId: IDS[0], sample, status: "resolved", agentReason: "submitted" });
      const trace = (await readFile(join(dir, "trace.jsonl"), "utf8")).trim().split("\n");
      expect(trace.map((l) => JSON.parse(l).type)).toEqual(expect.arrayContaining(["run_start", "tool_call", "patch", "grade"]));
    }
    const summary = JSON.parse(await readFile(join(runDir, "summary.json"), "utf8"));
    expect(summary.pass_at_k.overall).toMatchObject({ "pass@1": 1 });
  }, 90_000);
});
