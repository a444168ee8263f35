// An agent run end to end without Docker: a LocalEnvironment on a materialized working copy, the gold
// agent through the recorded tools, the trace read back, its metrics, and offline replay of it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Agent } from "../../src/agents/agent.js";
import { GoldAgent } from "../../src/agents/gold-agent.js";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { trajectoryMetrics } from "../../src/report/trajectory-metrics.js";
import { replayTrace } from "../../src/runner/replay.js";
import { runTask, type AgentEnvironmentFactory, type TaskRunResult } from "../../src/runner/run-task.js";
import { loadTaskDir, type Task } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { newFile, replaceFile, writeTaskFolder } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-agent-run-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const BUGGY = "def double(x):\n    return x + x + 1\n\n\ndef triple(x):\n    return 3 * x\n";
const FIXED = "def double(x):\n    return x + x\n\n\ndef triple(x):\n    return 3 * x\n";

const localEnvironments: AgentEnvironmentFactory = {
  async create(task, dir) {
    const workspace = await prepareWorkingCopy(task, dir);
    return { env: new LocalEnvironment(workspace.root), workspace, image: "local", imageDigest: null };
  },
};

describe("an agent run on a local environment", () => {
  let task: Task;
  let result: TaskRunResult;
  beforeAll(async () => {
    const dir = await writeTaskFolder(join(root, "tasks"), {
      id: "double",
      files: { "calc.py": BUGGY, "README.md": "calc\n", "tests/test_calc.py": "def test_nothing():\n    pass\n" },
      goldPatch: replaceFile("calc.py", BUGGY, FIXED) + newFile("calc_util.py", "HALF = 0.5\n"),
      testPatch: replaceFile(
        "tests/test_calc.py",
        "def test_nothing():\n    pass\n",
        "from calc import double\n\n\ndef test_double():\n    assert double(2) == 4\n",
      ),
      failToPass: ["tests/test_calc.py::test_double"],
      passToPass: [],
    });
    const loaded = await loadTaskDir(dir);
    if ("problem" in loaded) throw new Error(loaded.problem.message);
    task = loaded.task;
    result = await runTask(task, {
      runId: "local-run",
      dir: join(root, "run", task.id),
      sample: 0,
      agent: new GoldAgent(task.goldPatch),
      limits: DEFAULT_LIMITS,
      agentEnvironments: localEnvironments,
      createGradingEnvironment: () => Promise.reject(new Error("not graded here")),
      grade: false,
    });
  });

  it("applies the reference patch through edit_file and write_file and submits", () => {
    expect(result.agent.reason).toBe("submitted");
    expect(result.patch).toContain("-    return x + x + 1\n+    return x + x");
    expect(result.patch).toContain("+++ b/calc_util.py");
  });

  it("writes a valid trace with every event in order", async () => {
    const { events, problems, tornTail } = await readTrace(result.tracePath);
    expect(problems).toEqual([]);
    expect(tornTail).toBe(false);
    expect(events.map((e) => e.type)).toEqual([
      "run_start",
      "tool_call",
      "tool_result",
      "tool_call",
      "tool_result",
      "tool_call",
      "tool_result",
      "agent_end",
      "patch",
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    const calls = events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []));
    expect(calls).toEqual(["edit_file", "write_file", "submit"]);
  });

  it("measures the run from its trace", async () => {
    const { events } = await readTrace(result.tracePath);
    const m = trajectoryMetrics(events, task.goldFiles);
    expect(m).toMatchObject({
      steps: 3,
      toolCalls: 3,
      toolErrorRate: 0,
      submitted: true,
      editRecall: 1,
      editPrecision: 1,
      repeatedCalls: 0,
      ranTestsBeforeSubmit: false,
    });
    expect(m.filesEdited).toEqual(["calc.py", "calc_util.py"]);
  });

  it("replays offline: the gold agent makes the recorded calls again", async () => {
    const report = await replayTrace(result.tracePath, { tasks: new Map([[task.id, task]]), offline: true });
    expect(report).toMatchObject({ calls: 3, matched: 3 });
    expect(report.callDivergence).toBeUndefined();
  });

  it("reports the first call that differs from a tampered trace", async () => {
    const lines = (await readFile(result.tracePath, "utf8")).split("\n");
    const tampered = lines.map((l) =>
      l.includes('"type":"tool_call"') && l.includes("edit_file") ? l.replace("return x + x\\n", "return 2 * x\\n") : l,
    );
    const path = join(root, "tampered.jsonl");
    await writeFile(path, tampered.join("\n"));
    const report = await replayTrace(path, { tasks: new Map([[task.id, task]]), offline: true });
    expect(report.callDivergence?.index).toBe(1);
    expect(report.callDivergence?.expected?.name).toBe("edit_file");
  });

  it("gives no agent the reference patch through its context, whatever its name", async () => {
    const seen: Record<string, unknown>[] = [];
    const namedGold: Agent = {
      name: "gold",
      model: null,
      settings: {},
      async run(ctx) {
        seen.push({ ...ctx.task });
        return { reason: "finished", detail: null, steps: 0, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
      },
    };
    await runTask(task, {
      ...{ runId: "named-gold", dir: join(root, "named-gold"), sample: 0, agent: namedGold, limits: DEFAULT_LIMITS },
      ...{ agentEnvironments: localEnvironments, createGradingEnvironment: () => Promise.reject(new Error("not graded")), grade: false },
    });
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(["id", "language", "problemStatement", "repo", "workdir"]);
    expect(JSON.stringify(seen)).not.toContain("calc_util.py");
  });

  it("knows an imported trace by its run_start's importedFrom, not by the agent's name", async () => {
    const lines = (await readFile(result.tracePath, "utf8")).split("\n");
    const marked = lines.map((l) =>
      l.includes('"type":"run_start"') ? l.replace('"agent":"gold"', '"agent":"gold","importedFrom":"other-tool"') : l,
    );
    const path = join(root, "imported.jsonl");
    await writeFile(path, marked.join("\n"));
    await expect(replayTrace(path, { tasks: new Map([[task.id, task]]), offline: true })).rejects.toThrow(
      "a trace imported from other-tool has no agent of ours to drive offline; replay it online",
    );
  });

  it("tolerates a torn last line", async () => {
    const text = await readFile(result.tracePath, "utf8");
    const path = join(root, "torn.jsonl");
    await writeFile(path, text.slice(0, text.length - 20));
    const { tornTail, problems, events } = await readTrace(path);
    expect(tornTail).toBe(true);
    expect(problems).toEqual([]);
    expect(events.length).toBe(8);
  });
});

describe("an external agent that changes the working copy behind the tools", () => {
  it("is found out, recorded in the trace, and not graded", async () => {
    const dir = await writeTaskFolder(join(root, "tasks-external"), {
      id: "double-external",
      files: { "calc.py": BUGGY, "tests/test_calc.py": "def test_nothing():\n    pass\n" },
      goldPatch: replaceFile("calc.py", BUGGY, FIXED),
      testPatch: replaceFile("tests/test_calc.py", "def test_nothing():\n    pass\n", "def test_x():\n    pass\n"),
      failToPass: ["tests/test_calc.py::test_x"],
      passToPass: [],
    });
    const loaded = await loadTaskDir(dir);
    if ("problem" in loaded) throw new Error(loaded.problem.message);
    let repoRoot = "";
    const environments: AgentEnvironmentFactory = {
      async create(task, at) {
        const prepared = await localEnvironments.create(task, at);
        repoRoot = prepared.workspace.root;
        return prepared;
      },
    };
    const sneaky: Agent = {
      name: "sneaky",
      model: null,
      settings: {},
      external: true,
      async run(ctx) {
        await ctx.tools.call({ id: "1", name: "read_file", arguments: { path: "calc.py" } }, 1);
        await writeFile(join(repoRoot, "calc.py"), FIXED);
        await ctx.tools.call({ id: "2", name: "submit", arguments: {} }, 2);
        return { reason: "submitted", detail: null, steps: 2, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
      },
    };
    const run = await runTask(loaded.task, {
      runId: "external-run",
      dir: join(root, "run-external"),
      sample: 0,
      agent: sneaky,
      limits: DEFAULT_LIMITS,
      agentEnvironments: environments,
      createGradingEnvironment: () => Promise.reject(new Error("grading must not start")),
    });
    expect(run.patch).toContain("+    return x + x\n");
    expect(run.grade).toMatchObject({ status: "unrecorded_changes", reason: expect.stringContaining("before call 2: calc.py") });
    const { events } = await readTrace(run.tracePath);
    expect(events.find((e) => e.type === "unrecorded_change")?.data).toEqual({ beforeStep: 2, paths: ["calc.py"] });
    expect(events.at(-1)).toMatchObject({ type: "grade", data: { status: "unrecorded_changes", resolved: false } });
  });
});
