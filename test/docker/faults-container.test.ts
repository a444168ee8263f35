// Faults inside one grading container of a real `swerig grade` run, and the run going on past them:
// tests that fork without end (held by the pid limit, ended by the timeout) and a grading container
// killed from outside (`docker kill`: an `error` naming it, not retried, not the patch's verdict).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { exists, readJson, ROOT, runContainers, swerig, waitFor, whenRunning } from "../helpers/swerig-process.js";

const run = promisify(execFile);
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = (id: string): Task => tasks.find((t) => t.id === id)!;
const [bomb, killed, last] = ["kvconf-quoted-values", "py-kvconf-zero-padded-ints", "pyledger-show-zero"].map(task) as [Task, Task, Task];
const root = await mkdtemp(join(tmpdir(), "swerig-container-faults-"));
afterAll(() => rm(root, { recursive: true, force: true }));

// Forks until the pid limit refuses, then waits there: held by the limit and ended by the timeout alike, without
// every process spinning on the refused fork (which would take both cores from the tests beside it).
const FORK_BOMB = [
  "import os, time",
  "while True:",
  "    try:",
  "        os.fork()",
  "    except OSError:",
  "        time.sleep(0.5)",
].join("\n");

interface Status {
  status: string;
  reason?: string;
  retries?: unknown[];
}

describe.runIf(dockerAvailable)("faults in a grading container", () => {
  it("a fork bomb ends at the timeout, a container killed from outside is an error naming it, and the run goes on", async () => {
    const runId = `container-faults-${process.pid}`;
    const runDir = join(root, "traces", runId);
    const rows = [
      { task: bomb, patch: await makePatch(bomb, { "conftest.py": (old) => `${old}\n${FORK_BOMB}\n` }) },
      // The gold fix, with pytest held for a while so that its container can be killed mid-run.
      { task: killed, patch: await makePatch(killed, { "conftest.py": (old) => `${old}\nimport time\ntime.sleep(30)\n` }) },
      { task: last, patch: last.goldPatch },
    ].map((r) => JSON.stringify({ instance_id: r.task.id, model_name_or_path: "faults", model_patch: r.patch }));
    const file = join(root, "faults.jsonl");
    await writeFile(file, rows.join("\n"));
    const args = ["grade", "--tasks", join(ROOT, "swe-tasks"), "--predictions", file, "--run-id", runId, "--workers", "1"];
    args.push("--timeout", "5", "--instances", [bomb.id, killed.id, last.id].join(","));

    const child = swerig(args, root);
    await waitFor("the fork bomb's verdict", () => exists(join(runDir, bomb.id, "status.json")), 120_000);
    await run("docker", ["kill", await whenRunning(runId, "pytest")]);
    const code = await child.exit;
    const out = child.output();
    expect(code, out).toBe(0);

    const status = async (t: Task) => (await readJson(join(runDir, t.id, "status.json"))) as Status;
    expect(await status(bomb)).toMatchObject({ status: "timeout", reason: `${bomb.id}: the tests ran longer than 5 s and were killed` });
    const gone = await status(killed);
    expect(gone).toMatchObject({
      status: "error",
      reason: expect.stringMatching(/container_gone: .*killed from outside \(exit code 137\)/),
    });
    expect(gone.retries).toBeUndefined();
    expect(await exists(join(runDir, killed.id, "report.json"))).toBe(false);
    expect((await status(last)).status).toBe("resolved");
    expect(await runContainers(runId)).toBe(0);
  }, 300_000);
});
