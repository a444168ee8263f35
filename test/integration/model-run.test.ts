// A model agent run end to end without Docker: the real OpenAI-compatible adapter against a local
// server playing a conversation, the recorded tool box on a local working copy, the trace's model
// events, and an offline replay that feeds the recorded turns back to the same agent loop.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/agents/agent.js";
import { ModelAgent } from "../../src/agents/model-agent.js";
import { OpenAIClient } from "../../src/agents/openai-client.js";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { trajectoryMetrics } from "../../src/report/trajectory-metrics.js";
import { replayTrace } from "../../src/runner/replay.js";
import { runTask, type AgentEnvironmentFactory } from "../../src/runner/run-task.js";
import { loadTaskDir } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { startFakeOpenAIServer } from "../helpers/fake-openai-server.js";
import { replaceFile, writeTaskFolder } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-model-run-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const BUGGY = "def double(x):\n    return x + x + 1\n";
const FIXED = "def double(x):\n    return x + x\n";
const local: AgentEnvironmentFactory = {
  async create(task, dir) {
    const workspace = await prepareWorkingCopy(task, dir);
    return { env: new LocalEnvironment(workspace.root), workspace, image: "local", imageDigest: null };
  },
};

describe("a model agent run", () => {
  it("records the conversation and the tool calls, and replays offline to the same calls", async () => {
    const dir = await writeTaskFolder(join(root, "tasks"), {
      id: "double-model",
      files: { "calc.py": BUGGY, "tests/test_calc.py": "def test_nothing():\n    pass\n" },
      goldPatch: replaceFile("calc.py", BUGGY, FIXED),
      testPatch: replaceFile("tests/test_calc.py", "def test_nothing():\n    pass\n", "def test_more():\n    pass\n"),
      failToPass: ["tests/test_calc.py::test_more"],
      passToPass: [],
    });
    const loaded = await loadTaskDir(dir);
    if ("problem" in loaded) throw new Error(loaded.problem.message);
    const task = loaded.task;
    const server = await startFakeOpenAIServer([
      {
        text: "Let me look.",
        toolCalls: [{ id: "a", name: "read_file", arguments: '{"path":"calc.py"}' }],
        usage: { input: 900, output: 20 },
      },
      {
        toolCalls: [
          {
            id: "b",
            name: "edit_file",
            arguments: JSON.stringify({ path: "calc.py", command: "replace", old_text: "x + x + 1", new_text: "x + x" }),
          },
        ],
        usage: { input: 1000, output: 40 },
      },
      { toolCalls: [{ id: "c", name: "submit", arguments: "{}" }], usage: { input: 1100, output: 5 } },
    ]);
    try {
      const agent = new ModelAgent({
        client: new OpenAIClient({ model: "gpt-4o-mini", baseURL: server.url, apiKey: "test" }),
        name: "openai",
      });
      const result = await runTask(task, {
        runId: "model-run",
        dir: join(root, "run"),
        sample: 0,
        agent,
        limits: DEFAULT_LIMITS,
        agentEnvironments: local,
        createGradingEnvironment: () => Promise.reject(new Error("no grading")),
        grade: false,
      });
      expect(server.problems).toEqual([]);
      expect(result.agent.reason).toBe("submitted");
      expect(result.patch).toContain("+    return x + x\n");
      const { events } = await readTrace(result.tracePath);
      expect(events.filter((e) => e.type === "model_response")).toHaveLength(3);
      const m = trajectoryMetrics(events, task.goldFiles);
      expect(m).toMatchObject({ inputTokens: 3000, outputTokens: 65, steps: 3, editRecall: 1 });
      expect(m.costUsd).toBeGreaterThan(0);
      const report = await replayTrace(result.tracePath, { tasks: new Map([[task.id, task]]), offline: true });
      expect(report).toMatchObject({ agent: "openai", calls: 3, matched: 3 });
      expect(report.callDivergence).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
