// examples/openai-agent.ts on a bundled task in Docker: the official OpenAI SDK against the local fake
// OpenAI server, scripted to make the tool calls that apply the task's gold patch. runTasks grades it
// resolved; the model turns, their tokens, cost and tool calls are in the trace and the summary; the
// trace replays offline, its recorded turns driving the same calls.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { openaiAgent } from "../../examples/openai-agent.js";
import { goldCalls } from "../../src/agents/gold-agent.js";
import { loadTasks, replay, runTasks, toolSpecs } from "../../src/api/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { startFakeOpenAIServer, type ScriptedReply } from "../helpers/fake-openai-server.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const ID = "pyledger-show-zero";
const root = await mkdtemp(join(tmpdir(), "swerig-openai-example-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe.runIf(dockerAvailable)("the OpenAI SDK example agent", () => {
  it("drives the fake endpoint's tool calls through swerig, is graded resolved, and reports every model turn", async () => {
    const { tasks } = await loadTasks(TASKS, [ID]);
    const edits = goldCalls(tasks[0]!.goldPatch).filter((c) => c.name !== "submit");
    const script: ScriptedReply[] = [
      { text: "Where is the setting read?", toolCalls: [{ id: "call_search", name: "search", arguments: { pattern: "show_zero" } }] },
      { text: "Cast it to a boolean.", toolCalls: edits },
      { toolCalls: [{ id: "call_tests", name: "run_tests", arguments: {} }] },
      { text: "Done.", toolCalls: [{ id: "call_submit", name: "submit", arguments: {} }] },
    ].map((turn, i) => ({ ...turn, usage: { input: 1_000 * (i + 1), output: 50 + i } }));
    const server = await startFakeOpenAIServer(script, { apiKey: "sk-test" });
    try {
      const client = new OpenAI({ baseURL: server.url, apiKey: "sk-test", maxRetries: 0 });
      const agent = openaiAgent({ model: "fake-model", client, price: { inputUsdPerMTok: 1, outputUsdPerMTok: 4 } });
      const { summary } = await runTasks({ tasks, instances: [ID], agent, runId: "openai-example", tracesDir: root, workers: 1 });

      expect(server.problems).toEqual([]);
      expect(server.requests).toHaveLength(4);
      const first = server.requests[0]!.body as { model: string; tools: { function: { name: string; parameters: unknown } }[] };
      expect(first.model).toBe("fake-model");
      expect(first.tools.map((t) => [t.function.name, t.function.parameters])).toEqual(toolSpecs().map((s) => [s.name, s.parameters]));
      expect(summary.runs.map((r) => [r.taskId, r.status, r.agentReason])).toEqual([[ID, "resolved", "submitted"]]);
      expect(summary.trajectory.total_input_tokens).toBe(10_000);
      expect(summary.trajectory.total_output_tokens).toBe(206);
      expect(summary.trajectory.total_cost_usd).toBeCloseTo((10_000 * 1 + 206 * 4) / 1e6, 9);

      const tracePath = join(root, "openai-example", ID, "trace.jsonl");
      const events = (await readFile(tracePath, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
      const turns = events.filter((e) => e.type === "model_response").map((e) => e.data);
      expect(turns.map((t) => [t["usage"], (t["toolCalls"] as { id: string }[]).map((c) => c.id)])).toEqual(
        script.map((s) => [{ inputTokens: s.usage!.input, outputTokens: s.usage!.output }, s.toolCalls!.map((c) => c.id)]),
      );
      expect(turns.every((t) => typeof t["latencyMs"] === "number" && t["stopReason"] === "tool_calls")).toBe(true);
      const calls = events.filter((e) => e.type === "tool_call").map((e) => e.data["id"]);
      expect(events.find((e) => e.type === "tool_call")!.data["arguments"]).toEqual({ pattern: "show_zero" });
      expect(calls).toEqual(script.flatMap((s) => s.toolCalls!.map((c) => c.id)));
      const results = events.filter((e) => e.type === "tool_result").map((e) => [e.data["id"], e.data["isError"]]);
      expect(results).toEqual(calls.map((id) => [id, false]));

      const replayed = await replay(tracePath, { tasks, offline: true });
      expect(replayed.divergence).toBeUndefined();
      expect(replayed.matched).toBe(calls.length);
    } finally {
      await server.close();
    }
  }, 180_000);
});
