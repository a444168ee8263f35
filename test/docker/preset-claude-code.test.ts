// `run --agent claude-code`: the real Claude Code CLI from npm (its preset image, built on demand and
// cached), sealed in its container, driven by a scripted local Anthropic Messages server (streaming)
// through the swerig MCP tools on a bundled python task: traced, graded, tokens and cost read.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goldCalls } from "../../src/agents/gold-agent.js";
import { claudeCodePreset } from "../../src/agents/presets/claude-code.js";
import { checkPresetVersion, presetImage } from "../../src/agents/presets/index.js";
import { main } from "../../src/cli/main.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { readTrace } from "../../src/trace/reader.js";
import { dockerAvailable } from "../helpers/docker.js";
import { startScriptedStreamServer, type ScriptedTurn, type StreamServer } from "../helpers/scripted-anthropic-stream-server.js";
import { expectSubmittedRun, type PresetRunSummary } from "../helpers/preset-run.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = tasks.find((t) => t.id === "py-kvconf-zero-padded-ints")!;
const KEY = "sk-ant-local-test";
const MODEL = "claude-sonnet-4-5";
const out = await mkdtemp(join(tmpdir(), "swerig-preset-claude-"));
const lines: string[] = [];
const io = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
let server: StreamServer | undefined;
let image = "";

afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

type Summary = PresetRunSummary;

async function runPreset(runId: string, script: ScriptedTurn[]): Promise<{ code: number; dir: string; summary: Summary }> {
  server = await startScriptedStreamServer(script, { apiKey: KEY });
  const previous = process.env["ANTHROPIC_API_KEY"];
  process.env["ANTHROPIC_API_KEY"] = KEY;
  try {
    const argv = ["run", "--agent", "claude-code", "--model", MODEL, "--base-url", server.url, "--instances", task.id];
    const code = await main([...argv, "--run-id", runId, "--traces-dir", out, "--max-minutes", "5"], io);
    const summary = JSON.parse(await readFile(join(out, runId, "summary.json"), "utf8")) as Summary;
    return { code, dir: join(out, runId, task.id), summary };
  } finally {
    if (previous === undefined) delete process.env["ANTHROPIC_API_KEY"];
    else process.env["ANTHROPIC_API_KEY"] = previous;
    await server.close();
  }
}

describe.runIf(dockerAvailable)("the claude-code preset", () => {
  beforeAll(async () => {
    image = await presetImage(claudeCodePreset);
  }, 900_000);

  it("reads the installed version in the image, and warns in one line when it is not the tested one", async () => {
    expect(await checkPresetVersion(claudeCodePreset, image)).toEqual({ version: claudeCodePreset.testedVersion });
    const older = { ...claudeCodePreset, testedVersion: "2.0.0" };
    const { version, warning } = await checkPresetVersion(older, image);
    expect(version).toBe(claudeCodePreset.testedVersion);
    expect(warning).toMatch(
      new RegExp(`^warning: claude-code ${claudeCodePreset.testedVersion} in \\S+ is not the tested version 2\\.0\\.0;`),
    );
    expect(warning).not.toContain("\n");
  }, 60_000);

  it("applies the gold patch through the swerig tools: traced, graded resolved, tokens and cost in the summary", async () => {
    const edits = goldCalls(task.goldPatch)
      .filter((c) => c.name !== "submit")
      .map((c) => ({ name: `mcp__swerig__${c.name}`, input: c.arguments }));
    const script: ScriptedTurn[] = [
      { text: "Let me look.", toolCalls: [{ name: "mcp__swerig__read_file", input: { path: "src/kvconf/types.py" } }] },
      { toolCalls: edits },
      { toolCalls: [{ name: "mcp__swerig__submit", input: {} }] },
      { text: "Submitted the fix." },
    ];
    const { dir, summary } = await runPreset("gold", script);
    const requests = server!.requests;
    const { events } = await readTrace(join(dir, "trace.jsonl"));
    const calls = events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []));
    expect(calls, `${lines.join("\n")}\n${JSON.stringify(requests, null, 1)}`).toEqual([
      "read_file",
      ...edits.map(() => "edit_file"),
      "submit",
    ]);
    const mainRequests = requests.filter((r) => r.kind === "main");
    expect(mainRequests.length).toBeGreaterThanOrEqual(4);
    expect(mainRequests.every((r) => r.stream === true && r.model === MODEL)).toBe(true);
    // Its own file and shell tools are off: the swerig tools are all it is offered.
    expect(mainRequests[0]!.tools.every((t) => t.startsWith("mcp__swerig__"))).toBe(true);
    expect(mainRequests[0]!.tools).toContain("mcp__swerig__run_tests");
    expect(mainRequests.flatMap((r) => r.deferred)).toEqual([]);
    expect(requests.filter((r) => r.refused)).toEqual([]);
    // Non-essential traffic is off: no title or token-count side requests, only the conversation itself.
    expect(requests.filter((r) => r.kind !== "main")).toEqual([]);
    const usage = expectSubmittedRun(
      { events, summary },
      // Its model server and MCP endpoint are on the host's loopback: its container has no network but them.
      { preset: "claude-code", installedVersion: claudeCodePreset.testedVersion, network: "loopback ports only" },
    );
    expect(usage?.inputTokens).toBeGreaterThanOrEqual(4_000);
    expect(usage?.outputTokens).toBeGreaterThanOrEqual(160);
    expect(usage?.costUsd).toBeGreaterThan(0);
  }, 600_000);

  it("flags a run where the model only answers in text (no tool call) as an agent setup error, not a model failure", async () => {
    const { dir, summary } = await runPreset("text-only", [{ text: "I would change parse_int, but I will not call any tool." }]);
    const status = JSON.parse(await readFile(join(dir, "status.json"), "utf8")) as { status: string; reason: string };
    expect(status.status).toBe("agent_error");
    expect(status.reason).toContain("without a single tool call");
    expect(summary.runs[0]!.status).toBe("agent_error");
    const { events } = await readTrace(join(dir, "trace.jsonl"));
    const end = events.find((e) => e.type === "agent_end");
    expect(end?.type === "agent_end" && end.data.usage?.inputTokens).toBeGreaterThan(0);
  }, 600_000);
});
