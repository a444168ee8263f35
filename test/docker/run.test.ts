// Agents in containers on the bundled tasks: the reference patch applied through the tools resolves a
// task of each language (the tool path works end to end in containers; that the tools express every
// task's reference patch is test/integration/gold-tools-all-tasks.test.ts), and a recorded run replays
// to the same observations.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/agents/agent.js";
import { GoldAgent } from "../../src/agents/gold-agent.js";
import { ScriptedAgent } from "../../src/agents/scripted-agent.js";
import type { Environment } from "../../src/envs/environment.js";
import { dockerAgentEnvironments } from "../../src/runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { replayTrace } from "../../src/runner/replay.js";
import { runSuite } from "../../src/runner/run-suite.js";
import type { RunSuiteSummary } from "../../src/report/run-summary.js";
import { runTask } from "../../src/runner/run-task.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";

const { tasks: allTasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
/** The first task of each language. */
const tasks = allTasks.filter((t, i) => allTasks.findIndex((u) => u.language === t.language) === i);
const root = await mkdtemp(join(tmpdir(), "swerig-run-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe.runIf(dockerAvailable)("agent runs in containers", () => {
  let grading: (task: Task) => Promise<Environment>;
  let gold: RunSuiteSummary;
  beforeAll(async () => {
    grading = await dockerGradingEnvironments("test-run");
    gold = (
      await runSuite({
        runId: "test-gold",
        runDir: join(root, "gold"),
        tasks,
        makeAgent: ({ referencePatch }) => new GoldAgent(referencePatch),
        samples: 1,
        workers: 2,
        limits: DEFAULT_LIMITS,
        agentEnvironments: dockerAgentEnvironments("test-run"),
        createGradingEnvironment: grading,
      })
    ).summary;
  }, 1_800_000);

  it("resolves a task of each language with the reference patch applied through edit_file and write_file", () => {
    const unresolved = gold.runs.filter((r) => !r.resolved).map((r) => `${r.taskId}: ${r.status} ${r.agentReason} ${r.agentDetail ?? ""}`);
    expect(unresolved).toEqual([]);
    expect(gold.resolved_instances).toBe(tasks.length);
    expect(gold.pass_at_k.overall["pass@1"]).toBe(1);
  });

  it("replays a recorded run in a fresh container with the same observations and grades it again", async () => {
    const task = tasks.find((t) => t.language === "python") ?? tasks[0]!;
    const report = await replayTrace(join(root, "gold", task.id, "trace.jsonl"), {
      tasks: new Map(tasks.map((t) => [t.id, t])),
      grade: true,
      agentEnvironments: dockerAgentEnvironments("test-replay"),
      createGradingEnvironment: grading,
    });
    expect(report.divergence).toBeUndefined();
    expect(report.matched).toBe(report.calls);
    expect(report.grade?.status).toBe("resolved");
  });

  it("points at the first observation that differs, with both sides", async () => {
    const task = tasks[0]!;
    const plan = [
      { id: "1", name: "shell", arguments: { command: "git status --short; ls" } },
      { id: "2", name: "run_tests", arguments: {} },
      { id: "3", name: "shell", arguments: { command: "cat /proc/sys/kernel/random/uuid" } },
      { id: "4", name: "submit", arguments: {} },
    ];
    const dir = join(root, "scripted", task.id);
    const result = await runTask(task, {
      runId: "test-scripted",
      dir,
      sample: 0,
      agent: new ScriptedAgent(plan),
      limits: DEFAULT_LIMITS,
      agentEnvironments: dockerAgentEnvironments("test-scripted"),
      createGradingEnvironment: grading,
      grade: false,
    });
    expect(result.agent.reason).toBe("submitted");
    await writeFile(join(root, "plan.json"), JSON.stringify(plan));
    const report = await replayTrace(result.tracePath, {
      tasks: new Map([[task.id, task]]),
      agentEnvironments: dockerAgentEnvironments("test-replay"),
      createGradingEnvironment: grading,
    });
    expect(report.matched).toBe(2);
    expect(report.divergence).toMatchObject({ index: 3, line: 1, call: { name: "shell" } });
    expect(report.divergence!.recorded).not.toBe(report.divergence!.replayed);
  });
});
