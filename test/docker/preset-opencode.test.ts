// `run --agent opencode`: opencode from npm (its preset image, built on demand and cached), sealed in
// its container, driven by a scripted local chat-completions server (streamed) through the swerig MCP
// tools on a bundled python task: traced, graded resolved, tokens and opencode's own cost read.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetImage } from "../../src/agents/presets/index.js";
import { opencodePreset } from "../../src/agents/presets/opencode.js";
import { lookupPrice } from "../../src/agents/prices.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { type FakeServer, startFakeOpenAIServer } from "../helpers/fake-openai-server.js";
import { goldScript } from "../helpers/gold-script.js";
import { expectSubmittedRun, runPresetCli } from "../helpers/preset-run.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = tasks.find((t) => t.id === "py-kvconf-zero-padded-ints")!;
const KEY = "sk-local-opencode-test";
const MODEL = "gpt-4.1-mini";
const out = await mkdtemp(join(tmpdir(), "swerig-preset-opencode-"));
let server: FakeServer | undefined;

afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

describe.runIf(dockerAvailable)("the opencode preset", () => {
  beforeAll(async () => {
    await presetImage(opencodePreset);
  }, 900_000);

  it("applies the gold patch through the swerig tools: traced, graded resolved, tokens and cost in the summary", async () => {
    // opencode names an MCP server's tools <server>_<tool>.
    const script = goldScript(task.goldPatch, (name) => ({ name: `swerig_${name}` }));
    server = await startFakeOpenAIServer(script, { apiKey: KEY });
    const key = { env: "OPENAI_API_KEY", value: KEY };
    const run = await runPresetCli({
      agent: "opencode",
      model: MODEL,
      baseUrl: server.url,
      taskId: task.id,
      runId: "gold",
      tracesDir: out,
      key,
    });
    const requests = server.requests;
    const calls = run.events.flatMap((e) => (e.type === "tool_call" ? [e.data.name] : []));
    expect(calls, `${run.output}\n${server.problems.join("\n")}`).toEqual(
      script.flatMap((s) => (s.toolCalls ?? []).map((c) => c.name.replace(/^swerig_/, ""))),
    );
    expect(server.problems).toEqual([]);
    // One request per turn (no session-title request), each streamed, for the model asked.
    expect(requests).toHaveLength(script.length);
    const bodies = requests.map((r) => r.body as { model: string; stream: boolean; tools?: { function: { name: string } }[] });
    expect(bodies.every((b) => b.model === MODEL && b.stream)).toBe(true);
    // Every tool but the swerig ones is denied, so none of its own is offered.
    const offered = bodies[0]!.tools!.map((t) => t.function.name);
    expect(offered).toContain("swerig_submit");
    expect(offered.filter((name) => !name.startsWith("swerig_"))).toEqual([]);
    const usage = expectSubmittedRun(run, { preset: "opencode", installedVersion: opencodePreset.testedVersion });
    expect(usage).toMatchObject({ inputTokens: 1000 * script.length, outputTokens: 50 * script.length });
    // opencode computes the cost itself, from the price its configuration gives the model.
    const { price } = lookupPrice(MODEL);
    expect(usage?.costUsd).toBeCloseTo((1000 * price.inputUsdPerMTok + 50 * price.outputUsdPerMTok) * script.length * 1e-6, 12);
  }, 600_000);
});
