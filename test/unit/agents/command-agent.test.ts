import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { shellQuote } from "../../../src/core/index.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentContext, AgentLimits } from "../../../src/agents/agent.js";
import { CommandAgent, type CommandAgentOptions, type CommandOutput } from "../../../src/agents/command-agent.js";
import { serveToolBoxOverMcp } from "../../../src/tools/mcp-server.js";
import { toolBoxOnRepo, type RepoToolBox } from "../../fixtures/agents/tool-box-on-repo.js";

const fixture = (name: string) =>
  `${shellQuote(process.execPath)} ${shellQuote(fileURLToPath(new URL(`../../fixtures/agents/${name}`, import.meta.url)))}`;

const TASK = "Replace hello with goodbye in greeting.txt.";
const LIMITS: AgentLimits = { maxSteps: 100, maxCostUsd: 0, maxWallTimeMs: 60_000 };

/** Alive and not a zombie waiting to be reaped. */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}

let repo: RepoToolBox;
let outputs: CommandOutput[];

beforeEach(async () => {
  repo = await toolBoxOnRepo({ "greeting.txt": "hello world\n", "README.md": "# demo\n" });
  outputs = [];
});
afterEach(async () => {
  await repo?.dispose();
});

function agent(command: string, options: Partial<CommandAgentOptions> = {}): CommandAgent {
  return new CommandAgent(command, {
    serveTools: (tools) => serveToolBoxOverMcp(tools, { kind: "http" }),
    onOutput: (output) => void outputs.push(output),
    killGraceMs: 200,
    ...options,
  });
}

function context(limits: Partial<AgentLimits> = {}, signal?: AbortSignal): AgentContext {
  return {
    task: { id: "demo__task-1", repo: "demo/demo", language: "python", problemStatement: TASK, workdir: "/testbed" },
    tools: repo.toolbox,
    trace: repo.trace,
    limits: { ...LIMITS, ...limits },
    ...(signal ? { signal } : {}),
  };
}

const toolCalls = () => repo.trace.events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []));

describe("command agent", () => {
  it("runs an external agent that edits over MCP and submits: the edit lands in the working copy, every call is traced", async () => {
    const outcome = await agent(fixture("edit-and-submit.mjs")).run(context());
    expect(outcome).toEqual({ reason: "submitted", detail: null, steps: 3, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
    expect(await readFile(join(repo.root, "greeting.txt"), "utf8")).toBe("goodbye world\n");
    expect(await repo.workspace.diff()).toContain("+goodbye world");
    expect(toolCalls()).toEqual(["read_file", "edit_file", "submit"]);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ taskId: "demo__task-1", exitCode: 0, signal: null, stdout: "task demo__task-1 in /testbed\n" });
    expect(outputs[0]!.stderr).toContain("submitted a patch touching 1 file(s)");
  });

  it("rejects with an AgentCrashError when the process exits non-zero without submitting", async () => {
    const crash = agent(fixture("no-submit.mjs")).run(context());
    await expect(crash).rejects.toMatchObject({ name: "AgentCrashError", code: "agent_crashed", exitCode: 3, signal: null, steps: 1 });
    await expect(crash).rejects.toThrow(/exited with code 3 without submitting, after 1 tool call\(s\); it wrote nothing to stderr/);
    expect(outputs[0]!.stdout).toContain("greeting.txt");
    expect(repo.trace.events.filter((e) => e.type === "tool_result")).toHaveLength(1);
  });

  it("kills the whole process group at the wall-time limit, ends 'limit' and records it in the trace", async () => {
    const started = performance.now();
    const outcome = await agent(fixture("hang.mjs")).run(context({ maxWallTimeMs: 3_000 }));
    const elapsedMs = performance.now() - started;
    expect(outcome).toMatchObject({ reason: "limit", steps: 1 });
    expect(outcome.detail).toContain("wall time limit of 3000 ms");
    expect(repo.trace.events.filter((e) => e.type === "limit").map((e) => e.data)).toEqual([{ kind: "wall_time", detail: outcome.detail }]);
    expect(elapsedMs).toBeLessThan(3_000 + 2_000);
    const pids = /pids (\d+) (\d+)/.exec(outputs[0]!.stdout);
    expect(pids, outputs[0]!.stdout + outputs[0]!.stderr).not.toBeNull();
    for (const pid of pids!.slice(1).map(Number)) await expect.poll(() => alive(pid)).toBe(false);
  });

  it("stops a process that goes past the step limit: 'limit', the extra call neither run nor recorded", async () => {
    const outcome = await agent(fixture("read-forever.mjs")).run(context({ maxSteps: 5 }));
    expect(outcome).toMatchObject({
      reason: "limit",
      detail: "step limit of 5 tool calls reached; the process group was killed",
      steps: 5,
    });
    expect(toolCalls()).toEqual(Array(5).fill("read_file"));
    expect(repo.trace.events.filter((e) => e.type === "limit").map((e) => e.data)).toEqual([{ kind: "steps", detail: outcome.detail }]);
  });

  it("ends 'submitted' and kills the process when it keeps running after submit", async () => {
    const outcome = await agent(`${fixture("edit-and-submit.mjs")} --linger`, { submitGraceMs: 300 }).run(context());
    expect(outcome.reason).toBe("submitted");
    expect(outcome.detail).toContain("still running after it submitted");
    expect(await readFile(join(repo.root, "greeting.txt"), "utf8")).toBe("goodbye world\n");
    expect(outputs[0]!.signal).not.toBeNull();
  });

  it("rejects with an AgentCrashError naming the command and the shell's complaint when the command cannot start", async () => {
    const crash = agent("/nonexistent/swerig-agent --flag").run(context());
    await expect(crash).rejects.toMatchObject({ code: "agent_crashed", exitCode: 127, steps: 0 });
    await expect(crash).rejects.toThrow(/^could not start "\/nonexistent\/swerig-agent --flag": the shell exited 127 /);
    await expect(crash).rejects.toThrow(/; its stderr ends with:\n/);
    await expect(crash).rejects.toThrow(/not found/);
  });

  it("ends 'error' (cancelled) and kills the process when the run is aborted", async () => {
    const abort = new AbortController();
    const ready = setInterval(() => repo.trace.events.some((e) => e.type === "tool_result") && abort.abort(), 20);
    const outcome = await agent(fixture("hang.mjs"))
      .run(context({}, abort.signal))
      .finally(() => clearInterval(ready));
    expect(outcome).toMatchObject({ reason: "error", detail: "cancelled", steps: 1 });
    const pids = /pids (\d+) (\d+)/.exec(outputs[0]!.stdout);
    expect(pids).not.toBeNull();
    for (const pid of pids!.slice(1).map(Number)) await expect.poll(() => alive(pid)).toBe(false);
  });

  it("runs the command in the current directory by default", async () => {
    const outcome = await agent(`${shellQuote(process.execPath)} -e "console.log(process.cwd())"`).run(context());
    expect(outcome).toMatchObject({ reason: "finished", detail: "exit code 0 without submitting" });
    expect(outputs[0]!.stdout.trim()).toBe(process.cwd());
  });

  it("finds a script named relative to its directory: node my-agent.mjs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "swerig-my-agent-"));
    try {
      const connect = new URL("../../fixtures/agents/connect.mjs", import.meta.url).href;
      const script = [
        `import { connect } from ${JSON.stringify(connect)};`,
        'const c = await connect("mine");',
        'await c.callTool({ name: "submit", arguments: {} });',
        "await c.close();",
        "",
      ];
      await writeFile(join(dir, "my-agent.mjs"), script.join("\n"));
      const outcome = await agent(`${shellQuote(process.execPath)} my-agent.mjs`, { cwd: dir }).run(context());
      expect(outcome).toMatchObject({ reason: "submitted", steps: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps only the tail of a crashed process's stderr in the error", async () => {
    const crash = agent(`${fixture("crash.mjs")} --after-call`).run(context());
    const error = (await crash.catch((e: unknown) => e)) as { stderrTail: string; steps: number; message: string };
    expect(error).toMatchObject({ code: "agent_crashed", exitCode: 1, steps: 1 });
    expect(error.stderrTail.split("\n")).toHaveLength(21);
    expect(error.stderrTail).toMatch(/^\[\.\.\.\]\ncrash log line 12\n/);
    expect(error.stderrTail).toMatch(/crash log line 30\nTypeError: cannot read properties of undefined \(reading 'choices'\)$/);
    expect(error.message).toContain(error.stderrTail);
  });
});
