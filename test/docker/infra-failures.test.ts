// Docker failing under a run: a container killed from outside while the agent works in it, and while
// the hidden tests run in the grading container. Neither may end in a verdict: the task run is `error`
// with the cause, and grading is never asked for (agent) or gives no report (grading).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/agents/agent.js";
import { GoldAgent } from "../../src/agents/gold-agent.js";
import { ScriptedAgent } from "../../src/agents/scripted-agent.js";
import { SWERIG_LABEL } from "../../src/envs/docker-client.js";
import type { Environment } from "../../src/envs/environment.js";
import { dockerAgentEnvironments } from "../../src/runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { runTask } from "../../src/runner/run-task.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { dockerAvailable } from "../helpers/docker.js";

const run = promisify(execFile);
const { tasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
const task = tasks.find((t) => t.id === "py-pyledger-sale-total-price")!;
const root = await mkdtemp(join(tmpdir(), "swerig-infra-docker-"));
afterAll(() => rm(root, { recursive: true, force: true }));

/** Ids of the running containers of a run, as `docker ps` lists them. */
async function containersOf(runId: string): Promise<string[]> {
  const { stdout } = await run("docker", ["ps", "-q", "--filter", `label=${SWERIG_LABEL}=${runId}`]);
  return stdout.split("\n").filter((l) => l !== "");
}

/** Waits until a process whose command line contains `needle` runs in a container of `runId`, then kills that container. */
async function killWhenRunning(runId: string, needle: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    for (const id of await containersOf(runId)) {
      const top = await run("docker", ["top", id, "-eo", "pid,args"]).catch(() => ({ stdout: "" }));
      if (top.stdout.includes(needle)) {
        await run("docker", ["kill", id]);
        return id;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no container of ${runId} ran ${needle}`);
}

describe.runIf(dockerAvailable)("a container killed from outside", () => {
  let grading: (task: Task) => Promise<Environment>;
  beforeAll(async () => {
    grading = await dockerGradingEnvironments("test-infra-grading");
  });

  it("while the agent works in it: status error naming the vanished container, no grading, no verdict", async () => {
    const runId = "test-infra-agent-kill";
    let gradingAsked = 0;
    const killed = killWhenRunning(runId, "sleep 47");
    const result = await runTask(task, {
      runId,
      dir: join(root, "agent-kill"),
      sample: 0,
      agent: new ScriptedAgent([
        { id: "1", name: "shell", arguments: { command: "sleep 47" } },
        { id: "2", name: "submit", arguments: {} },
      ]),
      limits: DEFAULT_LIMITS,
      agentEnvironments: dockerAgentEnvironments(runId),
      createGradingEnvironment: (t) => {
        gradingAsked++;
        return grading(t);
      },
    });
    await killed;
    expect(gradingAsked).toBe(0);
    expect(result.agent.reason).toBe("error");
    expect(result.grade).toMatchObject({
      status: "error",
      reason: expect.stringMatching(
        new RegExp(
          /^py-pyledger-sale-total-price: container_gone: container \w+ .*: /.source +
            /the shell session ended: the container was killed from outside \(exit code 137\)/.source,
        ),
      ),
    });
    expect(result.grade!.report).toBeUndefined();
    expect(result.failure).toMatchObject({ status: "error", code: "container_gone", beforeFirstAnswer: false });
    const { events } = await readTrace(result.tracePath);
    expect(events.filter((e) => e.type === "tool_result")).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: "grade", data: { status: "error", resolved: false, report: null } });
    expect(await containersOf(runId)).toEqual([]);
  }, 300_000);

  it("while the hidden tests run in the grading container: status error with the cause, no report", async () => {
    const runId = "test-infra-grading-kill";
    let killed: Promise<string> | undefined;
    const result = await runTask(task, {
      runId,
      dir: join(root, "grading-kill"),
      sample: 0,
      agent: new GoldAgent(task.goldPatch),
      limits: DEFAULT_LIMITS,
      agentEnvironments: dockerAgentEnvironments(runId),
      createGradingEnvironment: async (t) => {
        const env = await grading(t);
        return {
          kind: env.kind,
          isolated: env.isolated,
          workdir: env.workdir,
          putFile: (path, content) => env.putFile(path, content),
          dispose: () => env.dispose(),
          exec: (command, options) => {
            if (command.includes("__SWERIG_EVAL_")) killed ??= killWhenRunning("test-infra-grading", "pytest");
            return env.exec(command, options);
          },
        };
      },
    });
    expect(killed).toBeDefined();
    await killed;
    expect(result.agent.reason).toBe("submitted");
    expect(result.grade).toMatchObject({
      status: "error",
      reason: expect.stringMatching(
        /^py-pyledger-sale-total-price: container_gone: .*: the container was killed from outside \(exit code 137\)/,
      ),
    });
    expect(result.grade!.report).toBeUndefined();
    expect(result.failure).toBeUndefined();
  }, 300_000);

  it("is told apart from a command that kills its own shell: that is a tool result, and the run goes on to a verdict", async () => {
    const runId = "test-infra-self-kill";
    const result = await runTask(task, {
      runId,
      dir: join(root, "self-kill"),
      sample: 0,
      agent: new ScriptedAgent([
        { id: "1", name: "shell", arguments: { command: "echo before; kill -9 $$" } },
        { id: "2", name: "shell", arguments: { command: "echo still here" } },
        { id: "3", name: "submit", arguments: {} },
      ]),
      limits: DEFAULT_LIMITS,
      agentEnvironments: dockerAgentEnvironments(runId),
      createGradingEnvironment: grading,
    });
    expect(result.failure).toBeUndefined();
    expect(result.agent.reason).toBe("submitted");
    const { events } = await readTrace(result.tracePath);
    const outputs = events.flatMap((e) => (e.type === "tool_result" ? [e.data.output] : []));
    expect(outputs[0]).toMatch(/killed the shell session it ran in .*\n\[exit code 137\]$/s);
    expect(outputs[1]).toBe("still here\n[exit code 0]");
    expect(result.grade?.status).toBe("empty_patch");
  }, 300_000);
});
