import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnthropicClient } from "../../../src/agents/anthropic-client.js";
import type { ModelClient } from "../../../src/agents/model-client.js";
import { ModelAgent } from "../../../src/agents/model-agent.js";
import { OpenAIClient } from "../../../src/agents/openai-client.js";
import { startFakeAnthropicServer } from "../../helpers/fake-anthropic-server.js";
import { startFakeOpenAIServer, type FakeServer, type ServerStep } from "../../helpers/fake-openai-server.js";
import { createAgentFixture, type AgentFixture } from "./agent-fixture.js";

// Each turn costs 10k input and 1k output tokens; the second one comes after a 429.
const SCRIPT: ServerStep[] = [
  {
    text: "Looking at calc.py.",
    toolCalls: [{ id: "t1", name: "read_file", arguments: { path: "calc.py" } }],
    usage: { input: 10_000, output: 1_000 },
  },
  { fault: "status", status: 429, retryAfter: "0", message: "slow down" },
  {
    toolCalls: [
      { id: "t2", name: "edit_file", arguments: { path: "calc.py", command: "replace", old_text: "a - b", new_text: "a + b" } },
      { id: "t3", name: "read_file", arguments: { path: "nope.py" } },
    ],
    usage: { input: 10_000, output: 1_000 },
  },
  { text: "Fixed.", usage: { input: 10_000, output: 1_000 } },
  { toolCalls: [{ id: "t4", name: "submit", arguments: {} }], usage: { input: 10_000, output: 1_000 } },
];

const PROVIDERS: {
  name: string;
  model: string;
  start: () => Promise<FakeServer>;
  client: (url: string) => ModelClient;
  costPerTurn: number;
}[] = [
  {
    name: "OpenAI-compatible",
    model: "gpt-4o",
    start: () => startFakeOpenAIServer(SCRIPT, { apiKey: "k" }),
    client: (url) => new OpenAIClient({ model: "gpt-4o", baseURL: url, apiKey: "k", retry: { baseDelayMs: 1 } }),
    costPerTurn: (10_000 * 2.5 + 1_000 * 10) / 1e6,
  },
  {
    name: "Anthropic",
    model: "claude-sonnet-4-20250514",
    start: () => startFakeAnthropicServer(SCRIPT, { apiKey: "k" }),
    client: (url) => new AnthropicClient({ model: "claude-sonnet-4-20250514", baseURL: url, apiKey: "k", retry: { baseDelayMs: 1 } }),
    costPerTurn: (10_000 * 3 + 1_000 * 15) / 1e6,
  },
];

let fx: AgentFixture;
let server: FakeServer | undefined;
beforeEach(async () => {
  fx = await createAgentFixture();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fx.dispose();
});

describe.each(PROVIDERS)("the model agent over the $name API", (provider) => {
  it("fixes the bug through a conversation the provider accepts, with usage and cost added up", async () => {
    server = await provider.start();
    const agent = new ModelAgent({ client: provider.client(server.url) });
    const outcome = await agent.run(fx.context());

    expect(server.problems).toEqual([]);
    expect(server.requests).toHaveLength(5);
    expect(outcome).toMatchObject({ reason: "submitted", steps: 4, usage: { inputTokens: 40_000, outputTokens: 4_000 } });
    expect(outcome.usage.costUsd).toBeCloseTo(4 * provider.costPerTurn, 10);
    expect(agent.model).toBe(provider.model);
    expect(await readFile(join(fx.root, "calc.py"), "utf8")).toContain("return a + b");
    const results = fx.trace.events.flatMap((e) => (e.type === "tool_result" ? [[e.data.name, e.data.isError]] : []));
    expect(results).toEqual([
      ["read_file", false],
      ["edit_file", false],
      ["read_file", true],
      ["submit", false],
    ]);
    const responses = fx.trace.events.flatMap((e) => (e.type === "model_response" ? [e.data] : []));
    expect(responses.map((r) => r.costUsd)).toEqual(Array(4).fill(expect.closeTo(provider.costPerTurn, 10)));
    expect(responses.map((r) => r.stopReason)).toEqual(
      provider.name === "Anthropic" ? ["tool_use", "tool_use", "end_turn", "tool_use"] : ["tool_calls", "tool_calls", "stop", "tool_calls"],
    );
  });
});

describe("the model agent and a provider that does not answer", () => {
  it("ends with an error outcome, detail 'cancelled', when the run is aborted during a model call", async () => {
    server = await startFakeOpenAIServer([{ fault: "hang" }], { apiKey: "k" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const agent = new ModelAgent({ client: new OpenAIClient({ model: "gpt-4o", baseURL: server.url, apiKey: "k" }) });
    const outcome = await agent.run(fx.context({}, controller.signal));
    expect(outcome).toEqual({ reason: "error", detail: "cancelled", steps: 1, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
    expect(fx.trace.events.map((e) => e.type)).toEqual(["model_request"]);
  });
});
