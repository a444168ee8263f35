// Ctrl-C on real `swerig grade` and `swerig run` processes on bundled tasks in Docker. One SIGINT: the instance in
// flight finishes, the rest are `not_run`, exit 130, and the same command resumes. Two: the instances
// in flight are stopped too, the run's containers are gone and a summary says the run is incomplete.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { ROOT, runContainers, swerig, waitFor } from "../helpers/swerig-process.js";

const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = (id: string): Task => tasks.find((t) => t.id === id)!;
// In the order grading takes them (sorted by id): the first is the one in flight when Ctrl-C comes.
const [slow, second, third] = ["kvconf-quoted-values", "py-kvconf-zero-padded-ints", "pyledger-show-zero"].map(task) as [Task, Task, Task];
const root = await mkdtemp(join(tmpdir(), "swerig-sigint-"));
afterAll(() => rm(root, { recursive: true, force: true }));

interface Summary {
  swerig: { complete: boolean; not_run_ids: string[] };
  resolved_ids: string[];
  error_ids: string[];
}
const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"));
const statusOf = async (runDir: string, id: string) => ((await readJson(join(runDir, id, "status.json"))) as { status: string }).status;
const summaryOf = async (runDir: string) => (await readJson(join(runDir, "summary.json"))) as Summary;
const instances = () => ["--instances", [slow.id, second.id, third.id].join(",")];

/** A predictions file: `stalled` tasks with a conftest.py that sleeps (or hangs) as pytest starts, the others with their gold patch. */
async function predictions(name: string, sleep: string, stalled: Task[]): Promise<string> {
  const stall = (t: Task) => makePatch(t, { "conftest.py": (old) => `${old}\nimport time\n${sleep}\n` });
  const rows = await Promise.all(
    [slow, second, third].map(async (t) => ({
      instance_id: t.id,
      model_name_or_path: "sigint-test",
      model_patch: stalled.includes(t) ? await stall(t) : t.goldPatch,
    })),
  );
  const file = join(root, name);
  await writeFile(file, rows.map((r) => JSON.stringify(r)).join("\n"));
  return file;
}

describe.runIf(dockerAvailable)("Ctrl-C on swerig grade and run", () => {
  it("lets the instance in flight finish, marks the rest not_run, exits 130, and the same command resumes", async () => {
    const runId = `sigint-once-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const file = await predictions("once.jsonl", "time.sleep(6)", [slow]);
    const args = ["grade", "--tasks", join(ROOT, "swe-tasks"), "--predictions", file, "--run-id", runId, "--workers", "1", ...instances()];
    const child = swerig(args, root);
    await waitFor("the first container of the run", async () => (await runContainers(runId)) > 0);
    process.kill(child.pid, "SIGINT");
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(130);
    expect(out).toContain("no new instances start; those in progress finish");
    expect(out).toContain("interrupted: 2 of 3 instances not run (status not_run); run the same command again to resume");
    expect(await statusOf(runDir, slow.id)).toBe("unresolved");
    expect([await statusOf(runDir, second.id), await statusOf(runDir, third.id)]).toEqual(["not_run", "not_run"]);
    expect(await summaryOf(runDir)).toMatchObject({ swerig: { complete: false, not_run_ids: [second.id, third.id] }, error_ids: [] });
    expect(await runContainers(runId)).toBe(0);

    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    expect(again.output()).toContain(`resuming run ${runId}`);
    expect(again.output()).toContain(`skip     ${slow.id}: already graded (unresolved)`);
    const resumed = await summaryOf(runDir);
    expect(resumed).toMatchObject({ swerig: { complete: true, not_run_ids: [] }, resolved_ids: [second.id, third.id].sort() });
  }, 300_000);

  it("on a second Ctrl-C stops the instances in flight, removes the run's containers and still writes the summary", async () => {
    const runId = `sigint-twice-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const file = await predictions("twice.jsonl", "while True:\n    time.sleep(1)", [slow, second]);
    const args = ["grade", "--tasks", join(ROOT, "swe-tasks"), "--predictions", file, "--run-id", runId, "--workers", "1", ...instances()];
    args.push("--workers", "2", "--timeout", "8");
    const child = swerig(args, root);
    await waitFor("two containers of the run", async () => (await runContainers(runId)) >= 2);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(child.pid, "SIGINT");
    await new Promise((r) => setTimeout(r, 500));
    const stoppedAt = Date.now();
    process.kill(child.pid, "SIGINT");
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(130);
    expect(Date.now() - stoppedAt).toBeLessThan(12_000);
    expect(out).toContain("stopping the instances in progress, removing this run's containers, writing the summary");
    expect(out).toContain("interrupted: 3 of 3 instances not run");
    for (const t of [slow, second, third]) expect(await statusOf(runDir, t.id)).toBe("not_run");
    const partial = await summaryOf(runDir);
    expect(partial).toMatchObject({ swerig: { complete: false, not_run_ids: [slow.id, second.id, third.id].sort() }, error_ids: [] });
    expect(await runContainers(runId)).toBe(0);

    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    const summary = await summaryOf(runDir);
    expect(summary.swerig.complete).toBe(true);
    expect(summary.resolved_ids).toEqual([third.id]);
    expect(summary.error_ids).toEqual([slow.id, second.id].sort());
  }, 300_000);

  it("run: the agent in flight finishes, no pass@k is printed for the partial run, and the same command completes it", async () => {
    const runId = `sigint-run-${process.pid}`;
    const args = ["run", "--agent", "gold", "--tasks", join(ROOT, "swe-tasks"), "--run-id", runId, "--workers", "1", ...instances()];
    const child = swerig(args, root);
    await waitFor("the first container of the run", async () => (await runContainers(runId)) > 0);
    process.kill(child.pid, "SIGINT");
    expect(await child.exit, child.output()).toBe(130);
    const out = child.output();
    expect(out).toContain("interrupted: 2 of 3 task runs not run (status not_run); run the same command again to resume");
    expect(out).toContain("no pass@k: 2 task runs not run");
    expect(out).not.toContain("pass@1");
    const runDir = join(root, "traces", runId);
    const partial = await summaryOf(runDir);
    expect(partial).toMatchObject({ swerig: { complete: false, not_run_ids: [second.id, third.id] }, resolved_ids: [slow.id] });
    expect(await runContainers(runId)).toBe(0);

    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    expect(again.output()).toContain("pass@1 100.0%");
    expect(await summaryOf(runDir)).toMatchObject({ swerig: { complete: true }, resolved_ids: [slow.id, second.id, third.id] });
  }, 300_000);
});
