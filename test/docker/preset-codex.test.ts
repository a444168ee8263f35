// `run --agent codex`: OpenAI's Codex CLI from npm (its preset image, built on demand and cached),
// sealed in its container, driven by a scripted local Responses API server (streamed) through the
// swerig MCP tools on a bundled python task: traced, graded resolved, tokens read and priced.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codexPreset } from "../../src/agents/presets/codex.js";
import { presetImage } from "../../src/agents/presets/index.js";
import { lookupPrice } from "../../src/agents/prices.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import type { FakeServer } from "../helpers/fake-openai-server.js";
import { startFakeResponsesServer } from "../helpers/fake-responses-server.js";
import { goldScript } from "../helpers/gold-script.js";
import { expectSubmittedRun, runPresetCli } from "../helpers/preset-run.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = tasks.find((t) => t.id === "py-kvconf-zero-padded-ints")!;
const KEY = "sk-local-codex-test";
const MODEL = "gpt-4.1-mini";
const out = await mkdtemp(join(tmpdir(), "swerig-preset-codex-"));
let server: FakeServer | undefined;

afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

/** Codex offers an MCP server's tools to the model in one namespace. */
const asCodexTool = (name: string) => ({ name, namespace: "mcp__swerig" });

async function runCodex(runId: string, script: Parameters<typeof startFakeResponsesServer>[0], agentArgs?: string) {
  server = await startFakeResponsesServer(script, { apiKey: KEY });
  try {
    const key = { env: "OPENAI_API_KEY", value: KEY };
    return await runPresetCli({
      agent: "codex",
      model: MODEL,
      baseUrl: server.url,
      taskId: task.id,
      runId,
      tracesDir: out,
      key,
      agentArgs,
    });
  } finally {
    await server.close();
  }
}

describe.runIf(dockerAvailable)("the codex preset", () => {
  beforeAll(async () => {
    await presetImage(codexPreset);
  }, 900_000);

  it("applies the gold patch through the swerig tools: traced, graded resolved, tokens priced in the summary", async () => {
    const script = goldScript(task.goldPatch, asCodexTool);
    const run = await runCodex("gold", script);
    const requests = server!.requests;
    const calls = run.events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []));
    expect(calls, `${run.output}\n${server!.problems.join("\n")}`).toEqual(script.flatMap((s) => (s.toolCalls ?? []).map((c) => c.name)));
    expect(server!.problems).toEqual([]);
    expect(requests).toHaveLength(script.length);
    expect(requests.every((r) => (r.body as { model: string; stream: boolean }).model === MODEL)).toBe(true);
    // Its own shell, patch, image and web tools are off: what it offers beside the swerig namespace only reads MCP resources.
    const tools = (requests[0]!.body as { tools: { type: string; name?: string }[] }).tools.map((t) => t.name ?? t.type);
    expect(tools).toContain("mcp__swerig");
    expect(tools.filter((t) => /exec|shell|patch|image|web|agent/.test(t))).toEqual([]);
    const usage = expectSubmittedRun(run, { preset: "codex", installedVersion: codexPreset.testedVersion });
    // Codex reports the turn's tokens (1000 in, 50 out per request); the cost is theirs at the model's list price.
    expect(usage).toMatchObject({ inputTokens: 1000 * script.length, outputTokens: 50 * script.length });
    const { price } = lookupPrice(MODEL);
    expect(usage?.costUsd).toBeCloseTo((1000 * price.inputUsdPerMTok + 50 * price.outputUsdPerMTok) * script.length * 1e-6, 12);
  }, 600_000);

  it("flags MCP calls Codex refused (tools left to approval, through --agent-args) as an agent setup error", async () => {
    const [edit] = goldScript(task.goldPatch, asCodexTool);
    const run = await runCodex(
      "denied",
      [edit!, { text: "The tool was refused." }],
      '-c mcp_servers.swerig.default_tools_approval_mode="prompt"',
    );
    expect(run.status.status, run.output).toBe("agent_error");
    expect(run.status.reason).toContain("denied tool call");
    expect(run.summary.runs[0]!.status).toBe("agent_error");
  }, 600_000);
});
