// `swerig dev` as a user runs it: a CLI process with a scripted plan on one bundled Python task. Editing
// the plan so the diff changes gives a new verdict; editing it so the diff stays the same reuses the
// cached verdict; the working copy and the container are back at their base state in every iteration;
// Ctrl-C ends the session with no container left.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { getDocker, SWERIG_LABEL } from "../../src/envs/docker-client.js";
import { readTrace } from "../../src/trace/reader.js";
import { dockerAvailable } from "../helpers/docker.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const root = await mkdtemp(join(tmpdir(), "swerig-dev-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const FILE = "pyledger/reports/balance.py";
/**
 * Prints whether an earlier iteration's file outside the working copy and its background process are still
 * there, then leaves a file, a process and a line in a new file of the working copy.
 */
const probe = {
  id: "probe",
  name: "shell",
  arguments: {
    command:
      "cat /tmp/left-behind 2>/dev/null || echo clean; grep -l '^sleep' /proc/[0-9]*/cmdline 2>/dev/null | wc -l; " +
      "echo x > /tmp/left-behind; (sleep 300 >/dev/null 2>&1 &); echo line >> notes.txt",
  },
};
const fix = [
  {
    id: "e1",
    name: "edit_file",
    arguments: { path: FILE, command: "replace", old_text: "import as_int", new_text: "import as_bool, as_int" },
  },
  {
    id: "e2",
    name: "edit_file",
    arguments: { path: FILE, command: "replace", old_text: 'get("report.show_zero")', new_text: 'get("report.show_zero", cast=as_bool)' },
  },
];
const submit = { id: "s", name: "submit", arguments: {} };
const read = { id: "r", name: "read_file", arguments: { path: FILE } };

async function waitFor(what: string, check: () => boolean, output: () => string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(dockerAvailable)("swerig dev", () => {
  it("re-runs on a plan change, grades a changed diff, reuses the verdict of an unchanged one, and ends on Ctrl-C", async () => {
    const plan = join(root, "plan.json");
    await writeFile(plan, JSON.stringify([probe, submit]));
    const args = ["dev", "--agent", "scripted", "--plan", plan, "--tasks", join(ROOT, "swe-tasks"), "--instances", "pyledger-show-zero"];
    const child = spawn(join(ROOT, "bin", "swerig"), [...args, "--traces-dir", join(root, "traces"), "--debounce-ms", "100"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const both = () => `${out}\n${err}`;
    const verdicts = () => out.split("\n").filter((l) => /^\d+\s+pyledger-show-zero/.test(l));
    const waiting = () => err.split("\n").filter((l) => l.includes("waiting for a change")).length;

    await waitFor("the first verdict", () => waiting() >= 1, both);
    await writeFile(plan, JSON.stringify([probe, ...fix, submit]));
    await waitFor("the second verdict", () => waiting() >= 2, both);
    await writeFile(plan, JSON.stringify([probe, ...fix, read, submit]));
    await waitFor("the third verdict", () => waiting() >= 3, both);
    child.kill("SIGINT");
    expect(await exit).toBe(0);

    const lines = verdicts();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1\s+pyledger-show-zero\s+unresolved\s+2\s.*first run$/);
    expect(lines[1]).toMatch(/^2\s+pyledger-show-zero\s+resolved\s+4\s.*FLIP unresolved → resolved, diff changed$/);
    expect(lines[2]).toMatch(/^3\s+pyledger-show-zero\s+resolved\s+5\s.*diff unchanged, cached$/);

    const folders = [...err.matchAll(/run folder (\S+);/g)].map((m) => m[1]!);
    expect(folders).toHaveLength(3);
    const [, second, third] = folders as [string, string, string];
    // Every iteration starts from the base state: the probe finds no file nor process left behind in the
    // container, and notes.txt has one line (the diff of the third iteration equals the second's).
    for (const folder of folders) {
      const { events } = await readTrace(join(folder, "pyledger-show-zero", "trace.jsonl"));
      const probed = events.find((e) => e.type === "tool_result" && e.data.id === "probe");
      expect([folder, probed?.type === "tool_result" && probed.data.output.split("\n").slice(0, 2)]).toEqual([folder, ["clean", "0"]]);
    }
    const diff2 = await readFile(join(second, "pyledger-show-zero", "patch.diff"), "utf8");
    expect(diff2).toContain("+line\n");
    expect(await readFile(join(third, "pyledger-show-zero", "patch.diff"), "utf8")).toBe(diff2);
    expect(await readFile(join(third, "pyledger-show-zero", "run_instance.log"), "utf8")).toMatch(/^\[cached\]/);
    const summary = JSON.parse(await readFile(join(third, "summary.json"), "utf8")) as { resolved_ids: string[] };
    expect(summary.resolved_ids).toEqual(["pyledger-show-zero"]);

    const session = /run folder \S+\/(dev-[0-9-]+)-1;/.exec(err)![1]!;
    const left = await getDocker().listContainers({ all: true, filters: { label: [`${SWERIG_LABEL}=${session}`] } });
    expect(left).toEqual([]);
    expect(err).toContain("containers removed");
  }, 300_000);
});
