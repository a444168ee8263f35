import { afterEach, describe, expect, it } from "vitest";
import { AnthropicClient, toAnthropicMessages } from "../../../src/agents/anthropic-client.js";
import type { ChatMessage, ToolSpec } from "../../../src/agents/model-client.js";
import { startFakeAnthropicServer, type FakeServer, type ServerStep } from "../../helpers/fake-anthropic-server.js";

const KEY = "ant-test-key";
const TOOLS: ToolSpec[] = [
  {
    name: "read_file",
    description: "Read a file.",
    parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
  { name: "submit", description: "Finish.", parameters: { type: "object", properties: {} } },
];
const START: ChatMessage[] = [
  { role: "system", content: "You fix bugs." },
  { role: "user", content: "add() subtracts." },
];

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: ServerStep[], retry: Record<string, number> = {}) {
  server = await startFakeAnthropicServer(script, { apiKey: KEY });
  const sleeps: number[] = [];
  const client = new AnthropicClient({
    model: "claude-sonnet-4-20250514",
    baseURL: server.url,
    apiKey: KEY,
    retry: { baseDelayMs: 100, ...retry },
    hooks: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });
  return { client, sleeps, server };
}

const bodyOf = (s: FakeServer, i: number) => s.requests[i]!.body as Record<string, unknown>;

describe("Anthropic Messages client", () => {
  it("sends the system prompt apart, tools as input_schema, and carries tool_use and tool_result blocks round trip", async () => {
    const { client, server } = await clientFor([
      {
        text: "Two things to check.",
        toolCalls: [
          { id: "toolu_1", name: "read_file", arguments: { path: "calc.py" } },
          { id: "toolu_2", name: "read_file", arguments: { path: "test_calc.py" } },
        ],
        usage: { input: 300, output: 40 },
      },
      { toolCalls: [{ id: "toolu_3", name: "submit", arguments: {} }], usage: { input: 400, output: 10 } },
    ]);
    const first = await client.doGenerate({ messages: START, tools: TOOLS, temperature: 0, seed: 3, maxOutputTokens: 512 });
    expect(first).toEqual({
      text: "Two things to check.",
      toolCalls: [
        { id: "toolu_1", name: "read_file", arguments: { path: "calc.py" } },
        { id: "toolu_2", name: "read_file", arguments: { path: "test_calc.py" } },
      ],
      usage: { inputTokens: 300, outputTokens: 40 },
      stopReason: "tool_use",
    });
    expect(bodyOf(server, 0)).toEqual({
      model: "claude-sonnet-4-20250514",
      max_tokens: 512,
      system: "You fix bugs.",
      messages: [{ role: "user", content: [{ type: "text", text: "add() subtracts." }] }],
      tools: TOOLS.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })),
      temperature: 0,
    });
    expect(server.requests[0]!.headers).toMatchObject({ "x-api-key": KEY, "anthropic-version": "2023-06-01" });

    const second = await client.doGenerate({
      messages: [
        ...START,
        { role: "assistant", content: first.text, toolCalls: first.toolCalls },
        { role: "tool", toolCallId: "toolu_1", name: "read_file", content: "def add(a, b): return a - b", isError: false },
        { role: "tool", toolCallId: "toolu_2", name: "read_file", content: "no such file", isError: true },
        { role: "user", content: "Keep going." },
      ],
      tools: TOOLS,
    });
    expect(second).toMatchObject({ toolCalls: [{ id: "toolu_3", name: "submit", arguments: {} }], stopReason: "tool_use" });
    expect(server.problems).toEqual([]);
    expect((bodyOf(server, 1)["messages"] as unknown[]).slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "text", text: "Two things to check." },
          { type: "tool_use", id: "toolu_1", name: "read_file", input: { path: "calc.py" } },
          { type: "tool_use", id: "toolu_2", name: "read_file", input: { path: "test_calc.py" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "def add(a, b): return a - b", is_error: false },
          { type: "tool_result", tool_use_id: "toolu_2", content: "no such file", is_error: true },
          { type: "text", text: "Keep going." },
        ],
      },
    ]);
  });

  it("puts a nudge after the tool results it follows and sends a placeholder for an empty assistant turn", () => {
    const { messages } = toAnthropicMessages([
      { role: "user", content: "task" },
      { role: "assistant", content: "", toolCalls: [] },
      { role: "user", content: "call a tool" },
    ]);
    expect(messages).toEqual([
      { role: "user", content: [{ type: "text", text: "task" }] },
      { role: "assistant", content: [{ type: "text", text: "(no answer)" }] },
      { role: "user", content: [{ type: "text", text: "call a tool" }] },
    ]);
  });

  it("is refused by the fake when a tool_use has no tool_result after it", async () => {
    const { client, server } = await clientFor([{ text: "never sent" }]);
    const missing = client.doGenerate({
      messages: [
        ...START,
        { role: "assistant", content: "", toolCalls: [{ id: "toolu_9", name: "read_file", arguments: { path: "x" } }] },
        { role: "user", content: "go on" },
      ],
      tools: TOOLS,
    });
    await expect(missing).rejects.toMatchObject({
      code: "model_endpoint",
      kind: "rejected",
      status: 400,
      message: expect.stringMatching(/HTTP 400: .*no tool_result for toolu_9/),
    });
    expect(server.problems).toHaveLength(1);
  });

  it("retries 429 after its retry-after and 529 overloaded with backoff, then succeeds", async () => {
    const { client, server, sleeps } = await clientFor([
      { fault: "status", status: 429, retryAfter: "1", message: "rate limited" },
      { fault: "status", status: 529, message: "Overloaded" },
      { text: "ok", usage: { input: 5, output: 2 } },
    ]);
    expect(await client.doGenerate({ messages: START, tools: TOOLS })).toMatchObject({
      text: "ok",
      usage: { inputTokens: 5, outputTokens: 2 },
    });
    expect(sleeps).toEqual([1_000, 150]);
    expect(server.requests).toHaveLength(3);
  });

  it("abandons a hung request after the timeout and retries it", async () => {
    const { client, server } = await clientFor([{ fault: "hang" }, { text: "back" }], { timeoutMs: 300 });
    expect((await client.doGenerate({ messages: START, tools: TOOLS })).text).toBe("back");
    expect(server.requests).toHaveLength(2);
  });

  it("fails at once on a 400 with the status and the provider's message, and on a malformed body", async () => {
    const bad = await clientFor([{ fault: "status", status: 400, message: "messages: text content blocks must be non-empty" }]);
    await expect(bad.client.doGenerate({ messages: START, tools: TOOLS })).rejects.toMatchObject({
      code: "model_endpoint",
      kind: "rejected",
      message: expect.stringContaining("HTTP 400: messages: text content blocks must be non-empty"),
    });
    expect(bad.server.requests).toHaveLength(1);
    await bad.server.close();
    const broken = await clientFor([{ fault: "malformed" }]);
    const malformed = broken.client.doGenerate({ messages: START, tools: TOOLS });
    await expect(malformed).rejects.toMatchObject({ kind: "malformed", message: expect.stringContaining("not JSON") });
    expect(broken.server.requests).toHaveLength(1);
  });

  it("sends a default max_tokens, since the API requires one", async () => {
    const { client, server } = await clientFor([{ text: "hi" }]);
    await client.doGenerate({ messages: START, tools: [] });
    expect(bodyOf(server, 0)).toMatchObject({ max_tokens: 8192 });
    expect(bodyOf(server, 0)).not.toHaveProperty("tools");
  });
});
