// kill -9 of real `swerig grade` and `swerig run` processes mid-run, then the same command again: every
// instance graded exactly once in the end, no trace lost or doubled, every JSON file whole, and the
// containers the dead process left behind removed by the next run.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDir } from "../../src/core/index.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { exists, finishedLines, jsonFiles, readJson, ROOT, runContainers, swerig, waitFor } from "../helpers/swerig-process.js";

const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = (id: string): Task => tasks.find((t) => t.id === id)!;
// In the order both commands take them (sorted by id).
const [first, second, third] = ["kvconf-quoted-values", "py-kvconf-zero-padded-ints", "pyledger-show-zero"].map(task) as [Task, Task, Task];
const ids = [first.id, second.id, third.id];
const root = await mkdtemp(join(tmpdir(), "swerig-kill9-"));
afterAll(() => rm(root, { recursive: true, force: true }));

interface Summary {
  swerig: { complete: boolean };
  resolved_ids: string[];
  unresolved_ids: string[];
  error_ids: string[];
}

async function expectWholeJson(runDir: string): Promise<void> {
  for (const file of await jsonFiles(runDir)) await expect(readJson(file), file).resolves.toBeDefined();
}

describe.runIf(dockerAvailable)("kill -9 mid-run, then the same command again", () => {
  it("grade: each instance graded once, the dead run's containers removed, no verdict from a half-written file", async () => {
    const runId = `kill9-grade-${process.pid}`;
    const runDir = join(root, "traces", runId);
    // The second instance's patch holds pytest for a while: it is in flight when the process dies.
    const stall = await makePatch(second, { "conftest.py": (old) => `${old}\nimport time\ntime.sleep(4)\n` });
    const rows = [first, second, third].map((t) => ({
      instance_id: t.id,
      model_name_or_path: "kill9",
      model_patch: t === second ? stall : t.goldPatch,
    }));
    const file = join(root, "kill9.jsonl");
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join("\n"));
    const args = ["grade", "--tasks", join(ROOT, "swe-tasks"), "--predictions", file, "--run-id", runId, "--workers", "1"];
    args.push("--instances", ids.join(","));

    const child = swerig(args, root);
    await waitFor("the second instance's container", async () => {
      return (await exists(join(runDir, first.id, "report.json"))) && (await runContainers(runId)) > 0;
    });
    process.kill(child.pid, "SIGKILL");
    expect(await child.exit).toBe("SIGKILL");
    expect(await runContainers(runId), "the dead process left its container").toBeGreaterThan(0);
    expect(await exists(join(runDir, second.id, "report.json"))).toBe(false);
    expect(await exists(join(runDir, "summary.json"))).toBe(false);
    await expectWholeJson(runDir);

    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    expect(again.output()).toContain(`resuming run ${runId}`);
    expect(again.output()).toContain(`skip     ${first.id}: already graded (resolved)`);
    for (const id of ids) expect(finishedLines([child.output(), again.output()], id), id).toBe(1);
    const summary = (await readJson(join(runDir, "summary.json"))) as Summary;
    expect(summary).toMatchObject({ swerig: { complete: true }, resolved_ids: [first.id, third.id], unresolved_ids: [second.id] });
    expect(summary.error_ids).toEqual([]);
    expect(await runContainers(runId)).toBe(0);
    await expectWholeJson(runDir);
  }, 300_000);

  it("run (gold agent): finished task runs kept as they were, the one in flight run again from scratch, one trace each", async () => {
    const runId = `kill9-run-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const args = ["run", "--agent", "gold", "--tasks", join(ROOT, "swe-tasks"), "--run-id", runId, "--workers", "1"];
    args.push("--instances", ids.join(","));

    const child = swerig(args, root);
    const scratch = join(cacheDir(), "worktrees", `${runId}-${second.id}-0-pid${child.pid}`);
    await waitFor("the second task run under way", async () => {
      const copy = await readdir(scratch).catch(() => [] as string[]);
      return (await exists(join(runDir, first.id, "result.json"))) && copy.includes("repo");
    });
    process.kill(child.pid, "SIGKILL");
    expect(await child.exit).toBe("SIGKILL");
    expect(await readdir(scratch), "the dead process left its working copy").toContain("repo");
    const firstTrace = await readFile(join(runDir, first.id, "trace.jsonl"), "utf8");
    expect(await exists(join(runDir, second.id, "result.json"))).toBe(false);
    await expectWholeJson(runDir);

    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    expect(again.output()).toMatch(new RegExp(`\\[1/3\\] skip resolved +${first.id} `));
    for (const id of ids) expect(finishedLines([child.output(), again.output()], id), id).toBe(1);
    expect(await readFile(join(runDir, first.id, "trace.jsonl"), "utf8")).toBe(firstTrace);
    for (const id of ids) {
      const { events } = await readTrace(join(runDir, id, "trace.jsonl"));
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
      const count = (type: string) => events.filter((e) => e.type === type).length;
      expect([count("run_start"), count("agent_end"), count("patch"), count("grade")], id).toEqual([1, 1, 1, 1]);
    }
    const summary = (await readJson(join(runDir, "summary.json"))) as Summary;
    expect(summary).toMatchObject({ swerig: { complete: true }, resolved_ids: ids, error_ids: [] });
    expect(await runContainers(runId)).toBe(0);
    expect(await readdir(scratch).catch(() => "removed")).toBe("removed");
    await expectWholeJson(runDir);
  }, 300_000);
});
