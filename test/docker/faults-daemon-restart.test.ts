// The Docker daemon restarted under a run, on a daemon of the test's own (the machine's daemon is never
// touched): the instance in flight (grading, or an agent at work) is run again once the daemon answers,
// and its status.json says so (`retries`); the ones before and after it are untouched; the run finishes.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageSpecsFor } from "../../src/envs/images/index.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { PrivateDaemon, privateDaemonAvailable } from "../helpers/private-daemon.js";
import { exists, readJson, ROOT, runContainers, swerig, waitFor, whenRunning } from "../helpers/swerig-process.js";

const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = (id: string): Task => tasks.find((t) => t.id === id)!;
const [first, second, third] = ["kvconf-quoted-values", "py-kvconf-zero-padded-ints", "pyledger-show-zero"].map(task) as [Task, Task, Task];
const ids = [first.id, second.id, third.id];
const root = await mkdtemp(join(tmpdir(), "swerig-daemon-restart-"));
let daemon: PrivateDaemon;

beforeAll(async () => {
  if (!dockerAvailable || !privateDaemonAvailable) return;
  daemon = await PrivateDaemon.start();
  // The three task images, their bases, and the OS base that the network sidecar runs.
  daemon.loadImages(imageSpecsFor([first, second, third]).map((s) => s.tag));
});
afterAll(async () => {
  await daemon?.dispose();
  await rm(root, { recursive: true, force: true });
});

interface Status {
  status: string;
  retries?: { cause: string; at: string }[];
}

describe.runIf(dockerAvailable && privateDaemonAvailable)("the Docker daemon restarted mid-run", () => {
  it("grade: the instance in flight is graded again and marked retried; the others untouched; the run finishes", async () => {
    const runId = `daemon-restart-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const stall = await makePatch(second, { "conftest.py": (old) => `${old}\nimport time\ntime.sleep(4)\n` });
    const rows = [first, second, third].map((t) => ({
      instance_id: t.id,
      model_name_or_path: "restart",
      model_patch: t === second ? stall : t.goldPatch,
    }));
    const file = join(root, "restart.jsonl");
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join("\n"));
    const args = ["grade", "--tasks", join(ROOT, "swe-tasks"), "--predictions", file, "--run-id", runId, "--workers", "1"];
    args.push("--instances", ids.join(","));

    const child = swerig(args, root, { ...process.env, DOCKER_HOST: daemon.host });
    await waitFor("the first verdict", () => exists(join(runDir, first.id, "report.json")));
    await whenRunning(runId, "pytest", daemon.docker);
    const restartedAt = Date.now();
    const { downMs } = await daemon.restart();
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(0);

    const status = async (id: string) => (await readJson(join(runDir, id, "status.json"))) as Status;
    const retried = await status(second.id);
    expect(retried.status, out).toBe("unresolved");
    expect(retried.retries).toEqual([
      { cause: expect.stringMatching(/^the Docker daemon stopped or restarted while it ran \(.*container_gone/), at: expect.any(String) },
    ]);
    const waitedMs = Date.parse(retried.retries![0]!.at) - restartedAt;
    expect(waitedMs).toBeGreaterThanOrEqual(downMs - 1_000);
    for (const t of [first, third]) expect(await status(t.id)).not.toHaveProperty("retries");
    expect((await status(first.id)).status).toBe("resolved");
    expect((await status(third.id)).status).toBe("resolved");
    const summary = (await readJson(join(runDir, "summary.json"))) as { swerig: { complete: boolean }; error_ids: string[] };
    expect(summary).toMatchObject({ swerig: { complete: true }, error_ids: [] });
    expect(await runContainers(runId, daemon.docker)).toBe(0);
  }, 300_000);

  it("run: the task run whose agent was at work is run again from scratch, with one trace", async () => {
    const runId = `daemon-restart-run-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const plan = join(root, "plan.json");
    const calls = [
      { id: "1", name: "shell", arguments: { command: "sleep 3 && echo slept" } },
      { id: "2", name: "submit", arguments: {} },
    ];
    await writeFile(plan, JSON.stringify(calls));
    const args = ["run", "--agent", "scripted", "--plan", plan, "--tasks", join(ROOT, "swe-tasks"), "--run-id", runId, "--workers", "1"];
    args.push("--instances", ids.join(","));

    const child = swerig(args, root, { ...process.env, DOCKER_HOST: daemon.host });
    await waitFor("the first task run's result", () => exists(join(runDir, first.id, "result.json")));
    await whenRunning(runId, "sleep 3", daemon.docker);
    await daemon.restart();
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(0);

    const result = (id: string) =>
      readJson(join(runDir, id, "result.json")) as Promise<{ record: { status: string; retries?: unknown[] } }>;
    const retried = await result(second.id);
    expect(retried.record).toMatchObject({
      status: "empty_patch",
      retries: [{ cause: expect.stringMatching(/daemon stopped or restarted/) }],
    });
    expect(await readJson(join(runDir, second.id, "status.json"))).toMatchObject({ status: "empty_patch", retries: [expect.anything()] });
    for (const t of [first, third]) expect((await result(t.id)).record).not.toHaveProperty("retries");
    const { events } = await readTrace(join(runDir, second.id, "trace.jsonl"));
    expect(events.filter((e) => e.type === "run_start")).toHaveLength(1);
    expect(events.flatMap((e) => (e.type === "tool_result" ? [e.data.output] : []))[0]).toBe("slept\n[exit code 0]");
    expect(await runContainers(runId, daemon.docker)).toBe(0);
  }, 300_000);
});
