// Runs whose infrastructure fails, end to end without Docker: the suite runner over local working
// copies with a real model adapter against a local fake endpoint (or a closed port), or a real crashing
// agent process. Such runs end `agent_error`, are never graded nor counted unresolved or empty, are
// listed with their reason, make `swerig run` exit non-zero, and a first-call failure stops the run.
import { shellQuote } from "../../src/core/index.js";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Agent } from "../../src/agents/agent.js";
import { CommandAgent } from "../../src/agents/command-agent.js";
import { ModelAgent } from "../../src/agents/model-agent.js";
import { OpenAIClient } from "../../src/agents/openai-client.js";
import { reportRunEnd, RUN_EXIT } from "../../src/cli/run-exit.js";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { runSuite } from "../../src/runner/run-suite.js";
import type { AgentEnvironmentFactory } from "../../src/runner/run-task.js";
import type { Task } from "../../src/tasks/index.js";
import { serveToolBoxOverMcp } from "../../src/tools/mcp-server.js";
import { readTrace } from "../../src/trace/reader.js";
import { closedPort } from "../helpers/closed-port.js";
import { startFakeOpenAIServer, type ServerStep } from "../helpers/fake-openai-server.js";
import { calcTasks } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-infra-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const local: AgentEnvironmentFactory = {
  async create(task, dir) {
    const workspace = await prepareWorkingCopy(task, dir);
    return { env: new LocalEnvironment(workspace.root), workspace, image: "local", imageDigest: null };
  },
};

let tasks: Task[];
beforeAll(async () => {
  tasks = await calcTasks(root, ["infra-a", "infra-b", "infra-c"]);
});

/** Runs the three tasks one at a time; grading must never be asked for. */
async function runAll(name: string, makeAgent: (dir: string) => Agent, runDir = join(root, "runs", name)) {
  let gradingAsked = 0;
  const result = await runSuite({
    runId: name,
    runDir,
    tasks,
    makeAgent: ({ dir }) => makeAgent(dir),
    samples: 1,
    workers: 1,
    limits: DEFAULT_LIMITS,
    agentEnvironments: local,
    createGradingEnvironment: () => {
      gradingAsked++;
      return Promise.reject(new Error("grading was asked for"));
    },
  });
  const { summary } = result;
  const err: string[] = [];
  const code = reportRunEnd(summary, { out: () => undefined, err: (t) => err.push(t) }, result);
  return { ...result, summary, gradingAsked, code, err: err.join("\n") };
}

const modelAgent = (url: string) => () => {
  const client = new OpenAIClient({ model: "gpt-4o", baseURL: url, apiKey: "k", retry: { maxAttempts: 2, baseDelayMs: 1 } });
  return new ModelAgent({ client, name: "openai" });
};

describe("a model endpoint that fails on the first call of the run", () => {
  const cases: { what: string; url: () => Promise<{ url: string; close?: () => Promise<void> }>; cause: RegExp }[] = [
    {
      what: "connection refused",
      url: async () => ({ url: `http://127.0.0.1:${await closedPort()}/v1` }),
      cause: /unreachable.*ECONNREFUSED/,
    },
    ...[404, 501, 401].map((status) => ({
      what: `HTTP ${status}`,
      url: async () => {
        const server = await startFakeOpenAIServer([{ fault: "status", status, message: `scripted ${status}` }]);
        return { url: server.url, close: () => server.close() };
      },
      cause: new RegExp(`HTTP ${status}: scripted ${status}`),
    })),
  ];

  it.each(cases)("$what: agent_error, listed with its cause, the other tasks not started, exit code 4", async ({ what, url, cause }) => {
    const endpoint = await url();
    try {
      const run = await runAll(`first-call-${what.replace(/\W+/g, "-")}`, modelAgent(endpoint.url));
      expect(run.gradingAsked).toBe(0);
      expect(run.stoppedEarly).toMatchObject({ taskId: "infra-a", reason: expect.stringMatching(cause) });
      expect(run.summary.runs.map((r) => [r.taskId, r.status, r.agentReason])).toEqual([["infra-a", "agent_error", "agent_error"]]);
      expect(run.summary.stopped_early).toMatchObject({ taskId: "infra-a", not_started: 2 });
      expect(run.summary).toMatchObject({ error_ids: ["infra-a"], unresolved_ids: [], empty_patch_ids: [], resolved_ids: [] });
      expect(run.summary.incomplete_ids).toEqual(["infra-b", "infra-c"]);
      expect(run.summary.swerig.errors).toEqual([{ instance_id: "infra-a", status: "agent_error", reason: expect.stringMatching(cause) }]);
      expect(run.code).toBe(RUN_EXIT.stoppedEarly);
      expect(run.err).toMatch(/stopped early: the agent failed before its first answer on infra-a, so 2 other task run\(s\) were not/);
      if (what === "HTTP 401") expect(run.err).toContain("check the API key");
    } finally {
      await endpoint.close?.();
    }
  });
});

describe("resuming a run that broke on infrastructure", () => {
  it("runs the agent_error task and the tasks not started again, once the endpoint works", async () => {
    const runDir = join(root, "runs", "resume");
    const first = await runAll("resume", modelAgent(`http://127.0.0.1:${await closedPort()}/v1`), runDir);
    expect(first.summary.runs.map((r) => r.status)).toEqual(["agent_error"]);
    const submit: ServerStep = { toolCalls: [{ id: "s", name: "submit", arguments: {} }] };
    const server = await startFakeOpenAIServer([submit, submit, submit]);
    try {
      const second = await runAll("resume", modelAgent(server.url), runDir);
      expect(server.requests).toHaveLength(3);
      const runs = second.summary.runs.map((r) => [r.taskId, r.status, r.agentReason]);
      expect(runs).toEqual(tasks.map((t) => [t.id, "empty_patch", "submitted"]));
      expect(second.summary.swerig.errors).toEqual([]);
      expect(second.code).toBe(RUN_EXIT.ok);
    } finally {
      await server.close();
    }
  });
});

describe("a model endpoint that fails after the run got answers", () => {
  it("runs every task, each agent_error with its steps kept, none graded, exit code 3", async () => {
    const exhausted: ServerStep[] = Array<ServerStep>(2).fill({ fault: "status", status: 503, message: "overloaded" });
    const read: ServerStep = { toolCalls: [{ id: "r1", name: "read_file", arguments: { path: "calc.py" } }] };
    const server = await startFakeOpenAIServer([read, ...exhausted, ...exhausted, ...exhausted]);
    try {
      const run = await runAll("after-answers", modelAgent(server.url));
      expect(server.problems).toEqual([]);
      expect(run.gradingAsked).toBe(0);
      expect(run.stoppedEarly).toBeUndefined();
      expect(run.summary.runs.map((r) => r.status)).toEqual(["agent_error", "agent_error", "agent_error"]);
      const agentJson = await readFile(join(root, "runs", "after-answers", "infra-a", "agent.json"), "utf8");
      const saved = JSON.parse(agentJson) as { outcome: unknown };
      expect(saved.outcome).toMatchObject({ reason: "agent_error", steps: 2 });
      expect(run.summary.error_instances).toBe(3);
      expect(run.summary.unresolved_instances + run.summary.empty_patch_instances).toBe(0);
      expect(run.summary.swerig.statuses).toEqual({ agent_error: 3 });
      expect(run.code).toBe(RUN_EXIT.infraErrors);
      expect(run.err).toContain("3 task run(s) ended in an infrastructure error and were not scored:");
      expect(run.err).toMatch(/infra-b: agent_error: the model endpoint failed \(exhausted\): .*gave up after 2 attempts; last: HTTP 503/);
      const { events } = await readTrace(join(root, "runs", "after-answers", "infra-a", "trace.jsonl"));
      expect(events.map((e) => e.type)).toEqual([
        "run_start",
        "model_request",
        "model_response",
        "tool_call",
        "tool_result",
        "model_request",
        "model_retry",
        "agent_end",
        "patch",
        "grade",
      ]);
      expect(events.at(-1)!.data).toMatchObject({ status: "agent_error", resolved: false, report: null });
    } finally {
      await server.close();
    }
  });
});

describe("a command agent that crashes", () => {
  const crash = (...args: string[]) =>
    [process.execPath, fileURLToPath(new URL("../fixtures/agents/crash.mjs", import.meta.url)), ...args].map(shellQuote).join(" ");
  const commandAgent = (command: string) => () =>
    new CommandAgent(command, { serveTools: (tools) => serveToolBoxOverMcp(tools, { kind: "http" }) });

  it("before any tool call: agent_error with the tail of its stderr, and the run stops early", async () => {
    const run = await runAll("crash-at-start", commandAgent(crash()));
    expect(run.summary.runs.map((r) => r.status)).toEqual(["agent_error"]);
    const reason = run.summary.swerig.errors[0]!.reason;
    expect(reason).toMatch(/exited with code 1 without submitting, after 0 tool call\(s\); its stderr ends with:\n/);
    expect(reason).toContain("TypeError: cannot read properties of undefined (reading 'choices')");
    expect(reason).toContain("crash log line 30");
    expect(reason).not.toContain("crash log line 5\n");
    expect(run.code).toBe(RUN_EXIT.stoppedEarly);
  });

  it("after a tool call: agent_error on every task, none graded, exit code 3", async () => {
    const run = await runAll("crash-after-call", commandAgent(crash("--after-call")));
    expect(run.gradingAsked).toBe(0);
    const runs = run.summary.runs.map((r) => [r.status, r.agentReason, r.metrics.steps]);
    expect(runs).toEqual(Array(3).fill(["agent_error", "agent_error", 1]));
    expect(run.code).toBe(RUN_EXIT.infraErrors);
  });
});
