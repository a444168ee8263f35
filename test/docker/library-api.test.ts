// The library API on a bundled task in Docker: the example agent written with defineAgent run by
// runTasks (traced, graded resolved, usage in the summary), the same task graded by grade() from
// predictions made in code, the agent's trace replayed by replay() in a fresh container; and the same
// agent named in a swerig.config.ts and run by the CLI.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { minimalAgent } from "../../examples/minimal-agent.js";
import { grade, loadTasks, replay, runTasks } from "../../src/api/index.js";
import { dockerAvailable } from "../helpers/docker.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const ID = "pyledger-show-zero";
const root = await mkdtemp(join(tmpdir(), "swerig-library-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe.runIf(dockerAvailable)("the library API", () => {
  it("runTasks runs a defineAgent agent: its typed calls traced, graded resolved, usage summed; replay re-executes it", async () => {
    const lines: string[] = [];
    const { summary } = await runTasks({
      tasks: TASKS,
      instances: [ID],
      agent: minimalAgent,
      runId: "lib-run",
      tracesDir: root,
      workers: 1,
      log: (line) => lines.push(line),
    });
    expect(summary.resolved_instances).toBe(1);
    expect(summary.runs.map((r) => [r.taskId, r.status, r.agentReason])).toEqual([[ID, "resolved", "submitted"]]);
    expect(summary.trajectory.total_input_tokens).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith("workers: 1"))).toBe(true);
    const tracePath = join(root, "lib-run", ID, "trace.jsonl");
    const calls = (await readFile(tracePath, "utf8"))
      .split("\n")
      .filter((l) => l.includes('"type":"tool_call"'))
      .map((l) => (JSON.parse(l) as { data: { name: string } }).data.name);
    expect(calls).toEqual(["search", "read_file", "edit_file", "edit_file", "run_tests", "submit"]);

    const replayed = await replay(tracePath, { tasks: TASKS });
    expect(replayed.divergence).toBeUndefined();
    expect(replayed.matched).toBe(replayed.calls);
  }, 180_000);

  it("grade grades predictions made in code", async () => {
    const { tasks } = await loadTasks(TASKS);
    const task = tasks.find((t) => t.id === ID)!;
    const result = await grade({
      tasks,
      instances: [ID],
      predictions: [{ instanceId: ID, model: "mine", patch: task.goldPatch, origin: "test" }],
      runId: "lib-grade",
      tracesDir: root,
      workers: 1,
    });
    expect(result.summary.resolved_ids).toEqual([ID]);
    expect(result.graded).toBe(1);
  }, 120_000);

  it("swerig run takes an agent defined in code from swerig.config.ts, and the config's settings", async () => {
    const project = join(root, "project");
    await mkdir(project);
    const ROOT = fileURLToPath(new URL("../../", import.meta.url));
    const config = [
      `import { defineConfig } from "${ROOT}src/api/index.ts";`,
      `import { minimalAgent } from "${ROOT}examples/minimal-agent.ts";`,
      `export default defineConfig({ tasks: "${TASKS}", tracesDir: "runs", workers: 1, agents: { mine: minimalAgent } });`,
    ].join("\n");
    await writeFile(join(project, "swerig.config.ts"), config);
    await writeFile(join(project, "package.json"), JSON.stringify({ type: "module" }));
    const swerig = (args: string[]) => promisify(execFile)(join(ROOT, "bin", "swerig"), args, { cwd: project });
    const printed = JSON.parse((await swerig(["config", "--print"])).stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({ tasks: TASKS, workers: 1, agents: { mine: { defined: "in code", name: "minimal-example" } } });
    await swerig(["run", "--agent", "mine", "--run-id", "cfg", "--instances", ID]);
    const summary = JSON.parse(await readFile(join(project, "runs", "cfg", "summary.json"), "utf8")) as { resolved_instances: number };
    expect(summary.resolved_instances).toBe(1);
  }, 180_000);
});
