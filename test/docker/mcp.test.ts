// External agents in containers: `run --agent command` hands a process the tools over MCP, and
// `swerig mcp` serves one task's tools on stdio to any MCP client. Both are traced like any agent.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { createServer } from "node:net";
import { readdir } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDir } from "../../src/core/index.js";
import { getDocker, SWERIG_PID_LABEL } from "../../src/envs/docker-client.js";
import { main } from "../../src/cli/main.js";
import { readTrace } from "../../src/trace/reader.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = tasks.find((t) => t.language === "python")!;
const out = await mkdtemp(join(tmpdir(), "swerig-mcp-"));
afterAll(() => rm(out, { recursive: true, force: true }));
const io = {
  lines: [] as string[],
  out(t: string) {
    this.lines.push(t);
  },
  err(t: string) {
    this.lines.push(t);
  },
};

describe.runIf(dockerAvailable)("external agents over MCP", () => {
  it("runs a command agent on a real task: its MCP tool calls are traced and its output kept", async () => {
    const agentScript = join(ROOT, "test/fixtures/agents/look-and-submit.mjs");
    const code = await main(
      ["run", "--agent", "command", "--cmd", `node ${agentScript}`, "--instances", task.id, "--run-id", "cmd", "--traces-dir", out],
      io,
    );
    expect(code).toBe(0);
    const dir = join(out, "cmd", task.id);
    const { events } = await readTrace(join(dir, "trace.jsonl"));
    expect(events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []))).toEqual(["read_file", "shell", "run_tests", "submit"]);
    const agentEnd = events.find((e) => e.type === "agent_end");
    expect(agentEnd?.type === "agent_end" && agentEnd.data.reason).toBe("submitted");
    const stdout = await readFile(join(dir, "agent.stdout.txt"), "utf8");
    expect(stdout).toContain("shell: 0");
    expect(stdout).toMatch(/tests: exit code \d+; \d+ PASSED/);
    const summary = JSON.parse(await readFile(join(out, "cmd", "summary.json"), "utf8")) as {
      runs: { status: string; failureMode: string }[];
    };
    expect(summary.runs[0]).toMatchObject({ status: "empty_patch", failureMode: "no_patch" });
  });

  it("seals a command agent in a container: no task set, no working copies, no Docker socket; tools work", async () => {
    const probe = join(ROOT, "test/fixtures/agents/probe-sandbox.mjs");
    const code = await main(
      [
        "run",
        "--agent",
        "command",
        "--cmd",
        `node ${probe} ${join(ROOT, "swe-tasks")}`,
        "--instances",
        task.id,
        "--run-id",
        "probe",
        "--traces-dir",
        out,
      ],
      io,
    );
    expect(code).toBe(0);
    const seen = JSON.parse((await readFile(join(out, "probe", task.id, "agent.stdout.txt"), "utf8")).trim().split("\n").at(-1)!) as Record<
      string,
      unknown
    >;
    expect(seen).toEqual({ tasks: [], worktrees: null, dockerSocket: false, readWorked: true, cwd: process.cwd() });
  });

  it("does not grade a command agent that edits the working copy behind the tools (host sandbox)", async () => {
    const agentScript = join(ROOT, "test/fixtures/agents/edit-behind-tools.mjs");
    const argv = [
      "run",
      "--agent",
      "command",
      "--sandbox",
      "host",
      "--cmd",
      `node ${agentScript}`,
      "--instances",
      task.id,
      "--run-id",
      "sneaky",
    ];
    await main([...argv, "--traces-dir", out], io);
    const dir = join(out, "sneaky", task.id);
    const { events } = await readTrace(join(dir, "trace.jsonl"));
    expect(events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []))).toEqual(["read_file", "submit"]);
    expect(events.find((e) => e.type === "unrecorded_change")?.data).toEqual({ beforeStep: 2, paths: ["README.md"] });
    const status = JSON.parse(await readFile(join(dir, "status.json"), "utf8")) as { status: string; reason: string };
    expect(status).toMatchObject({ status: "unrecorded_changes", reason: expect.stringContaining("README.md") });
    const summary = JSON.parse(await readFile(join(out, "sneaky", "summary.json"), "utf8")) as {
      resolved_instances: number;
      error_ids: string[];
    };
    expect(summary).toMatchObject({ resolved_instances: 0, error_ids: [task.id] });
  });

  it("leaves the same cheat no way in from its container: it finds no working copy and fails as an agent error", async () => {
    const agentScript = join(ROOT, "test/fixtures/agents/edit-behind-tools.mjs");
    await main(
      ["run", "--agent", "command", "--cmd", `node ${agentScript}`, "--instances", task.id, "--run-id", "sealed", "--traces-dir", out],
      io,
    );
    const status = JSON.parse(await readFile(join(out, "sealed", task.id, "status.json"), "utf8")) as { status: string; reason: string };
    expect(status).toMatchObject({ status: "agent_error", reason: expect.stringContaining("worktrees") });
  });

  it("serves a task's tools on stdio with `swerig mcp` until the client submits", async () => {
    const transport = new StdioClientTransport({
      command: join(ROOT, "bin/swerig"),
      args: ["mcp", "--instance", task.id, "--traces-dir", out],
      cwd: ROOT,
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: "test", version: "1.0.0" });
    await client.connect(transport);
    const { tools } = await client.listTools().catch((e: unknown) => {
      throw new Error(`${String(e)}; swerig mcp said: ${stderr}`);
    });
    expect(tools.map((t) => t.name)).toContain("find_definition");
    const read = await client.callTool({ name: "read_file", arguments: { path: "README.md", start_line: 1, end_line: 1 } });
    expect(read.isError ?? false).toBe(false);
    const missing = await client.callTool({ name: "read_file", arguments: { path: "no/such.py" } });
    expect(missing.isError).toBe(true);
    await client.callTool({ name: "submit", arguments: {} });
    await client.close();
  });

  it("leaves no container, working copy or trace behind when `swerig mcp --http` cannot take its port", async () => {
    const blocker = createServer();
    const port = await new Promise<number>((ok) => blocker.listen(0, "127.0.0.1", () => ok((blocker.address() as { port: number }).port)));
    const tracesDir = await mkdtemp(join(tmpdir(), "swerig-mcp-taken-"));
    const lines: string[] = [];
    const quiet = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
    const startedAt = Date.now();
    const code = await main(["mcp", "--instance", task.id, "--http", String(port), "--traces-dir", tracesDir], quiet);
    blocker.close();
    expect(code).toBe(2);
    expect(lines.join("\n")).toContain(`127.0.0.1:${port}`);
    expect(await readdir(tracesDir)).toEqual([]);
    const mine = await getDocker().listContainers({ all: true, filters: { label: [`${SWERIG_PID_LABEL}=${process.pid}`] } });
    expect(mine.map((c) => c.Names)).toEqual([]);
    const copies = await readdir(join(cacheDir(), "worktrees")).catch(() => []);
    const left = copies.filter((name) => name.startsWith(`mcp-${task.id}-`) && Number(name.slice(`mcp-${task.id}-`.length)) >= startedAt);
    expect(left).toEqual([]);
    await rm(tracesDir, { recursive: true, force: true });
  });
});
