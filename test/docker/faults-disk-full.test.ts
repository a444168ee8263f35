// A disk that fills under a real `swerig grade`: the traces folder is a 2 MiB tmpfs, filled but for a
// little room. The instance whose artifact does not fit gets a status with the cause and no verdict, no
// file is left half-written, the run stops with a message naming the folder and exit code 5, and the
// same command completes the run once space is freed.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { exists, jsonFiles, readJson, ROOT, swerig } from "../helpers/swerig-process.js";

const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = (id: string): Task => tasks.find((t) => t.id === id)!;
const [first, big, last] = ["kvconf-quoted-values", "py-kvconf-zero-padded-ints", "pyledger-show-zero"].map(task) as [Task, Task, Task];
const root = await mkdtemp(join(tmpdir(), "swerig-disk-full-"));
const traces = join(root, "traces");
let mounted = false;
try {
  execFileSync("mkdir", ["-p", traces]);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", traces], { stdio: "ignore" });
  mounted = true;
} catch {
  // Not root, or no tmpfs: the test is skipped.
}
afterAll(async () => {
  if (mounted) execFileSync("umount", [traces]);
  await rm(root, { recursive: true, force: true });
});

interface Status {
  status: string;
  reason?: string;
}

describe.runIf(dockerAvailable && mounted)("a disk that fills while a run writes its artifacts", () => {
  it("stops cleanly with the cause, corrupts nothing, and resumes once space is freed", async () => {
    const runId = "disk-full";
    const runDir = join(traces, runId);
    // The second instance's patch (the reference fix plus a 256 KiB file) does not fit in what is left.
    const large = await makePatch(big, { "notes/big.txt": `${"x".repeat(127)}\n`.repeat(2048) });
    const withFix = `${big.goldPatch.trimEnd()}\n${large}`;
    const rows = [first, big, last].map((t) => ({
      instance_id: t.id,
      model_name_or_path: "disk",
      model_patch: t === big ? withFix : t.goldPatch,
    }));
    const file = join(root, "preds.jsonl");
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join("\n"));
    const filler = join(traces, "filler");
    const { bavail, bsize } = await statfs(traces);
    await writeFile(filler, Buffer.alloc(bavail * bsize - 128 * 1024));
    const args = ["grade", "--tasks", join(ROOT, "swe-tasks"), "--predictions", file, "--run-id", runId, "--workers", "1"];
    args.push("--traces-dir", traces, "--instances", [first.id, big.id, last.id].join(","));

    const child = swerig(args, root);
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(5);
    const patchPath = join(runDir, big.id, "patch.diff");
    expect(out).toContain(
      `stopped: the disk holding ${runDir} is full (no space left on the device (ENOSPC) while writing ${patchPath}); ` +
        "1 of 3 instances not run. Free space there and run the same command again to resume (exit code 5).",
    );
    const status = async (t: Task) => (await readJson(join(runDir, t.id, "status.json"))) as Status;
    expect(await status(first)).toMatchObject({ status: "resolved" });
    expect(await status(big)).toMatchObject({
      status: "error",
      reason: `${big.id}: disk_full: no space left on the device (ENOSPC) while writing ${patchPath}; not graded`,
    });
    expect(await exists(join(runDir, big.id, "report.json"))).toBe(false);
    expect(await status(last)).toMatchObject({ status: "not_run" });
    for (const json of await jsonFiles(runDir)) await expect(readJson(json), json).resolves.toBeDefined();
    expect((await readdir(runDir, { recursive: true })).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    await rm(filler);
    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    expect(again.output()).toContain(`skip     ${first.id}: already graded (resolved)`);
    const summary = (await readJson(join(runDir, "summary.json"))) as { swerig: { complete: boolean }; resolved_ids: string[] };
    expect(summary).toMatchObject({ swerig: { complete: true }, resolved_ids: [first.id, big.id, last.id] });
    await rm(runDir, { recursive: true });
  }, 300_000);

  it("run (gold agent): stops where the trace or an artifact no longer fits, and the same command completes it", async () => {
    const runId = "disk-full-run";
    const runDir = join(traces, runId);
    const filler = join(traces, "filler");
    const { bavail, bsize } = await statfs(traces);
    await writeFile(filler, Buffer.alloc(bavail * bsize - 96 * 1024));
    const args = ["run", "--agent", "gold", "--tasks", join(ROOT, "swe-tasks"), "--run-id", runId, "--workers", "1"];
    args.push("--traces-dir", traces, "--instances", [first.id, big.id, last.id].join(","));

    const child = swerig(args, root);
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(5);
    expect(out).toMatch(
      new RegExp(`stopped: the disk holding ${runDir} is full \\(no space left on the device \\(ENOSPC\\) while writing ${runDir}/`),
    );
    expect(out).toContain("Free space there and run the same command again to resume (exit code 5).");
    const finished = await Promise.all([first, big, last].map((t) => exists(join(runDir, t.id, "result.json"))));
    expect(finished).toContain(false);
    for (const json of await jsonFiles(runDir)) await expect(readJson(json), json).resolves.toBeDefined();
    expect((await readdir(runDir, { recursive: true })).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    await rm(filler);
    const again = swerig(args, root);
    expect(await again.exit, again.output()).toBe(0);
    const summary = (await readJson(join(runDir, "summary.json"))) as { swerig: { complete: boolean }; resolved_ids: string[] };
    expect(summary).toMatchObject({ swerig: { complete: true }, resolved_ids: [first.id, big.id, last.id] });
    for (const t of [first, big, last]) {
      const { events } = await readTrace(join(runDir, t.id, "trace.jsonl"));
      expect(events.filter((e) => e.type === "run_start" || e.type === "grade").map((e) => e.type)).toEqual(["run_start", "grade"]);
    }
  }, 300_000);
});
