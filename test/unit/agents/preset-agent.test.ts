// The preset framework with a stand-in CLI (a real node process talking MCP to a real tool box on a
// tmp git repository): its home and files, its prompt on stdin, its usage read into the outcome, and
// the setup errors (no tool call, denied calls) that keep a broken configuration from being scored.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentContext } from "../../../src/agents/agent.js";
import { presetAgent, prepareLaunch, reviewRun } from "../../../src/agents/presets/preset-agent.js";
import { SwerigError } from "../../../src/core/index.js";
import type { AgentPreset } from "../../../src/agents/presets/preset.js";
import { hostSandbox } from "../../../src/envs/agent-sandbox.js";
import { serveToolBoxOverMcp } from "../../../src/tools/mcp-server.js";
import { toolBoxOnRepo, type RepoToolBox } from "../../fixtures/agents/tool-box-on-repo.js";

const CLI = fileURLToPath(new URL("../../fixtures/agents/preset-cli.mjs", import.meta.url));

function fakePreset(mode: "edit" | "text" | "denied" | "crash" | "budget"): AgentPreset {
  return {
    name: "fake-cli",
    npmPackage: "fake-cli",
    testedVersion: "1.0.0",
    versionCommand: ["fake-cli", "--version"],
    files: (run) => ({ "config/cli.json": JSON.stringify({ url: run.mcpUrl, mode }) }),
    argv: (run) => [process.execPath, CLI, `${run.home}/config/cli.json`, ...run.extraArgs],
    stdin: (run) => run.prompt,
    env: (run) => ({ FAKE_TIMEOUT_MS: String(run.limits.toolTimeoutMs) }),
    report(stdout) {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      const r = JSON.parse(line.startsWith("{") ? line : "{}") as Record<string, number | string | undefined>;
      const n = (k: string) => (typeof r[k] === "number" ? r[k] : 0);
      return {
        inputTokens: n("input"),
        outputTokens: n("output"),
        costUsd: n("cost"),
        permissionDenials: n("denials"),
        ...(typeof r["error"] === "string" ? { detail: r["error"] } : {}),
        ...(r["limit"] === "cost" ? { limit: "cost" as const } : {}),
      };
    },
    parseVersion: (output) => output.trim() || undefined,
  };
}

let repo: RepoToolBox;
beforeEach(async () => {
  repo = await toolBoxOnRepo({ "greeting.txt": "hello world\n" });
});
afterEach(async () => {
  await repo?.dispose();
});

function context(): AgentContext {
  return {
    task: { id: "demo__t-1", repo: "demo/demo", language: "python", problemStatement: "Replace hello with goodbye.", workdir: "/testbed" },
    tools: repo.toolbox,
    trace: repo.trace,
    limits: { maxSteps: 20, maxCostUsd: 1, maxWallTimeMs: 60_000 },
  };
}

const agent = (mode: Parameters<typeof fakePreset>[0]) =>
  presetAgent({
    preset: fakePreset(mode),
    model: "m-1",
    name: "my-cli",
    extraArgs: ["--flag"],
    sandbox: hostSandbox,
    installedVersion: "1.0.0",
    serveTools: (tools) => serveToolBoxOverMcp(tools, { kind: "http" }),
  });

describe("a preset agent", () => {
  it("runs the CLI with its files in its own home and the prompt on stdin; the usage it reports becomes the run's", async () => {
    const a = agent("edit");
    expect(a).toMatchObject({ name: "my-cli", model: "m-1", external: true });
    expect(a.settings).toMatchObject({ preset: "fake-cli", testedVersion: "1.0.0", installedVersion: "1.0.0", extraArgs: ["--flag"] });
    const outcome = await a.run(context());
    expect(outcome).toEqual({ reason: "submitted", detail: null, steps: 3, usage: { inputTokens: 1200, outputTokens: 80, costUsd: 0.25 } });
    expect(await readFile(join(repo.root, "greeting.txt"), "utf8")).toBe("goodbye world\n");
  });

  it("flags a run without a single tool call as a setup error, keeping the usage it reported", async () => {
    const run = agent("text").run(context());
    await expect(run).rejects.toMatchObject({
      name: "AgentSetupError",
      code: "agent_setup",
      steps: 0,
      usage: { inputTokens: 1200, outputTokens: 80, costUsd: 0.25 },
    });
    await expect(run).rejects.toThrow(/without a single tool call/);
  });

  it("flags a run whose CLI reports denied tool calls as a setup error, even though it submitted", async () => {
    await expect(agent("denied").run(context())).rejects.toMatchObject({ code: "agent_setup", message: expect.stringMatching(/1 denied/) });
  });

  it("keeps a crash a crash, with the CLI's own words on why and what it spent", async () => {
    await expect(agent("crash").run(context())).rejects.toMatchObject({
      code: "agent_crashed",
      exitCode: 3,
      message: expect.stringContaining("fake-cli said: the model API answered 500"),
      usage: { inputTokens: 1200, outputTokens: 80, costUsd: 0.25 },
    });
  });

  it("ends at the limit, recorded in the trace, when the CLI stopped at the budget it was given (though it exited 1)", async () => {
    const outcome = await agent("budget").run(context());
    const detail = "fake-cli stopped at its cost limit (Reached maximum budget)";
    expect(outcome).toEqual({ reason: "limit", detail, steps: 1, usage: { inputTokens: 1200, outputTokens: 80, costUsd: 0.25 } });
    expect(repo.trace.events.filter((e) => e.type === "limit").map((e) => e.data)).toEqual([{ kind: "cost", detail }]);
  });

  it("builds a quoted command line with stdin from a file, HOME and writable folder at its home", async () => {
    const scratch = repo.root;
    const launch = await prepareLaunch(
      { preset: fakePreset("edit"), model: "m", extraArgs: ["it's"], sandbox: hostSandbox, serveTools: () => Promise.reject(new Error()) },
      { mcpUrl: "http://x/mcp", scratch, taskFile: "t.md", problemStatement: "Replace hello with goodbye.", limits: context().limits },
    );
    const home = join(scratch, "home");
    expect(launch).toMatchObject({ cwd: home, writePaths: [home], env: { HOME: home, FAKE_TIMEOUT_MS: "60000" } });
    expect(launch.command).toContain(`${home}/config/cli.json 'it'\\''s' < ${scratch}/stdin.txt`);
    expect(await readFile(join(scratch, "stdin.txt"), "utf8")).toContain("<issue>\nReplace hello with goodbye.\n</issue>");
  });

  it("asks for no network but the two endpoints when the model server is on the host's loopback too", async () => {
    const options = { preset: fakePreset("edit"), model: "m", sandbox: hostSandbox, serveTools: () => Promise.reject(new Error()) };
    const run = {
      mcpUrl: "http://127.0.0.1:4100/t/mcp",
      scratch: repo.root,
      taskFile: "t.md",
      problemStatement: "p",
      limits: context().limits,
    };
    expect(await prepareLaunch({ ...options, baseUrl: "http://127.0.0.1:8080" }, run)).toMatchObject({ loopbackOnly: [4100, 8080] });
    expect(await prepareLaunch({ ...options, baseUrl: "https://api.example.com" }, run)).not.toHaveProperty("loopbackOnly");
    expect(await prepareLaunch(options, run)).not.toHaveProperty("loopbackOnly");
  });

  it("lets a failure of the run's own tools through, whatever the CLI reported (denials, a limit)", () => {
    const gone = new SwerigError("container_gone", "the agent's container vanished");
    const output = { taskId: "t", command: "c", exitCode: 1, signal: null, stderr: "", durationMs: 1 };
    for (const line of ['{"denials": 2}', '{"limit": "cost"}']) {
      expect(() => reviewRun(fakePreset("edit"), { ...output, stdout: line }, { error: gone })).toThrow(gone);
    }
  });

  it("refuses a preset file that would land outside the home", async () => {
    const preset = { ...fakePreset("edit"), files: () => ({ "../escape.txt": "x" }) };
    const run = { mcpUrl: "http://x/mcp", scratch: repo.root, taskFile: "t.md", problemStatement: "p", limits: context().limits };
    await expect(
      prepareLaunch({ preset, model: "m", sandbox: hostSandbox, serveTools: () => Promise.reject(new Error()) }, run),
    ).rejects.toThrow(/outside the agent's home/);
  });
});
