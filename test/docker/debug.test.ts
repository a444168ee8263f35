// The debug tool in the real task images: a breakpoint in a Python source file hit while the task's
// own pytest tests run, and one in a TypeScript source file hit while vitest runs one test file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DockerEnvironment } from "../../src/envs/docker-environment.js";
import { ensureTaskImage, helperImage } from "../../src/envs/images/index.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { debugTool } from "../../src/tools/debug.js";
import { EditHistory } from "../../src/tools/edit-history.js";
import type { ToolContext } from "../../src/tools/tool.js";
import { dockerAvailable } from "../helpers/docker.js";

const { tasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
const root = await mkdtemp(join(tmpdir(), "swerig-debug-"));
const contexts: ToolContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.env.dispose()));
  await rm(root, { recursive: true, force: true });
});

async function openTask(id: string): Promise<ToolContext> {
  const task = tasks.find((t) => t.id === id)!;
  const workspace = await prepareWorkingCopy(task, join(root, id));
  const env = await DockerEnvironment.create({
    image: await ensureTaskImage(task),
    helperImage: await helperImage(),
    workdir: task.workdir,
    hostWorkdir: workspace.root,
    runId: "test-debug",
  });
  const ctx: ToolContext = {
    env,
    workspace,
    edits: new EditHistory(),
    task: { id, language: task.language, testCommand: task.testCommand, parseTestOutput: () => new Map() },
  };
  contexts.push(ctx);
  return ctx;
}

const debug = (ctx: ToolContext, args: Record<string, unknown>) => debugTool.execute(debugTool.parameters.parse(args), ctx);
const hitLines = (output: string) => output.split("\n").filter((l) => l.startsWith("hit "));

describe.runIf(dockerAvailable)("debug in task containers", () => {
  it("hits a breakpoint in a Python source file while the task's pytest tests run, and says the Python image has no node", async () => {
    const ctx = await openTask("py-kvconf-zero-padded-ints");
    const r = await debug(ctx, {
      command: "python3 -m pytest -x tests/test_types.py::test_int",
      breakpoints: [{ file: "src/kvconf/types.py", line: 34, condition: "what == 'an integer'" }],
      expressions: ["path", "default", "doc.get(path, None)"],
    });
    expect(r.isError).toBe(false);
    expect(hitLines(r.output).map((l) => l.replace(/pid \d+/, "pid N"))).toEqual([
      "hit 1 at src/kvconf/types.py:34 in _typed (MainThread, pid N)",
      "hit 2 at src/kvconf/types.py:34 in _typed (MainThread, pid N)",
      "hit 3 at src/kvconf/types.py:34 in _typed (MainThread, pid N)",
    ]);
    expect(r.output).toContain("  path = 't.n'\n  default = None\n  doc.get(path, None) = '42'");
    expect(r.output).toContain("  path = 't.missing'\n  default = 7\n  doc.get(path, None) = None");
    expect(r.output).toMatch(/\[exit code 0\]\noutput:\n[\s\S]*1 passed/);
    await ctx.workspace.writeFile("scratch.js", "console.log(1);\n");
    const node = await debug(ctx, { command: "node scratch.js", breakpoints: [{ file: "scratch.js", line: 1 }] });
    expect(node).toMatchObject({
      isError: true,
      output: "this environment has no node, so JavaScript or TypeScript code cannot be debugged here",
    });
  }, 300_000);

  it("hits a breakpoint in a TypeScript source file while vitest runs one test file", async () => {
    const ctx = await openTask("ts-tickr-command-table");
    const r = await debug(ctx, {
      command: "vitest run tests/time/duration.test.ts",
      breakpoints: [{ file: "src/time/duration.ts", line: 22, condition: "text.includes('h')" }],
      expressions: ["text", "text.length", "src"],
      max_hits: 3,
    });
    expect(r.isError).toBe(false);
    const hits = hitLines(r.output);
    expect(hits).toHaveLength(3);
    expect(hits[0]).toMatch(/^hit 1 at src\/time\/duration\.ts:22 in parseInterval \(main, pid \d+\)$/);
    expect(r.output).toContain("  text = '2h'\n  text.length = 2\n  src = undefined\nhit 2");
    expect(r.output).toContain("[stopped at max_hits=3; the command ran on without breakpoints]");
    expect(r.output).toMatch(/\[exit code 0\]\noutput:\n[\s\S]*passed/);
  }, 300_000);
});
