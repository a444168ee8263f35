import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage, ToolSpec } from "../../../src/agents/model-client.js";
import { OpenAIClient } from "../../../src/agents/openai-client.js";
import { startFakeOpenAIServer, type FakeServer, type ServerStep } from "../../helpers/fake-openai-server.js";

const KEY = "sk-test-key";
const TOOLS: ToolSpec[] = [
  {
    name: "read_file",
    description: "Read a file.",
    parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
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
  server = await startFakeOpenAIServer(script, { apiKey: KEY });
  const sleeps: number[] = [];
  const client = new OpenAIClient({
    model: "gpt-4o",
    baseURL: server.url,
    apiKey: KEY,
    retry: { baseDelayMs: 100, ...retry },
    hooks: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });
  return { client, sleeps, server };
}

const bodyOf = (s: FakeServer, i: number) => s.requests[i]!.body as Record<string, unknown>;

describe("OpenAI-compatible client", () => {
  it("sends messages, tools and settings in the chat-completions shape and carries a tool call round trip", async () => {
    const { client, server } = await clientFor([
      {
        text: "Reading.",
        toolCalls: [{ id: "call_a", name: "read_file", arguments: { path: "calc.py" } }],
        usage: { input: 120, output: 30 },
      },
      { text: "Done.", usage: { input: 200, output: 5 } },
    ]);
    const first = await client.doGenerate({ messages: START, tools: TOOLS, temperature: 0, seed: 7, maxOutputTokens: 256 });
    expect(first).toEqual({
      text: "Reading.",
      toolCalls: [{ id: "call_a", name: "read_file", arguments: { path: "calc.py" } }],
      usage: { inputTokens: 120, outputTokens: 30 },
      stopReason: "tool_calls",
    });
    expect(bodyOf(server, 0)).toMatchObject({
      model: "gpt-4o",
      tools: [{ type: "function", function: { name: "read_file", description: "Read a file.", parameters: TOOLS[0]!.parameters } }],
      tool_choice: "auto",
      temperature: 0,
      seed: 7,
      max_tokens: 256,
    });

    const second = await client.doGenerate({
      messages: [
        ...START,
        { role: "assistant", content: first.text, toolCalls: first.toolCalls },
        { role: "tool", toolCallId: "call_a", name: "read_file", content: "no such file: calc.py", isError: true },
      ],
      tools: TOOLS,
    });
    expect(second).toMatchObject({ text: "Done.", toolCalls: [], usage: { inputTokens: 200, outputTokens: 5 }, stopReason: "stop" });
    expect(server.problems).toEqual([]);
    expect((bodyOf(server, 1)["messages"] as unknown[]).slice(2)).toEqual([
      {
        role: "assistant",
        content: "Reading.",
        tool_calls: [{ id: "call_a", type: "function", function: { name: "read_file", arguments: '{"path":"calc.py"}' } }],
      },
      { role: "tool", tool_call_id: "call_a", content: "ERROR: no such file: calc.py" },
    ]);
  });

  it("keeps arguments that are not JSON as text, and sends them back as a JSON string", async () => {
    const { client, server } = await clientFor([
      { toolCalls: [{ id: "c1", name: "read_file", arguments: '{"path": "calc.py"' }] },
      { text: "ok" },
    ]);
    const turn = await client.doGenerate({ messages: START, tools: TOOLS });
    expect(turn.toolCalls[0]!.arguments).toBe('{"path": "calc.py"');
    await client.doGenerate({
      messages: [
        ...START,
        { role: "assistant", content: "", toolCalls: turn.toolCalls },
        { role: "tool", toolCallId: "c1", name: "read_file", content: "bad JSON", isError: true },
      ],
      tools: TOOLS,
    });
    expect(server.problems).toEqual([]);
  });

  it("is refused by the fake when a tool result does not follow its call, and names the status and the message", async () => {
    const { client, server } = await clientFor([{ text: "never sent" }]);
    const orphan = client.doGenerate({
      messages: [...START, { role: "tool", toolCallId: "nope", name: "read_file", content: "x", isError: false }],
      tools: TOOLS,
    });
    await expect(orphan).rejects.toMatchObject({
      code: "model_endpoint",
      kind: "rejected",
      message: expect.stringMatching(/HTTP 400: .*tool result for nope/),
    });
    expect(server.problems).toHaveLength(1);
  });

  it("retries a 429 after its retry-after and a 500 after a jittered backoff, then succeeds", async () => {
    const { client, server, sleeps } = await clientFor([
      { fault: "status", status: 429, retryAfter: "2", message: "Rate limit reached" },
      { fault: "status", status: 500 },
      { text: "finally", usage: { input: 1, output: 1 } },
    ]);
    expect((await client.doGenerate({ messages: START, tools: TOOLS })).text).toBe("finally");
    // 100 ms base, doubled for the second retry, times the jitter factor 0.5 + 0.5/2.
    expect(sleeps).toEqual([2_000, 150]);
    expect(server.requests).toHaveLength(3);
  });

  it("abandons a request that hangs past the timeout and retries it", async () => {
    const { client, server, sleeps } = await clientFor([{ fault: "hang" }, { text: "awake" }], { timeoutMs: 300 });
    const started = performance.now();
    expect((await client.doGenerate({ messages: START, tools: TOOLS })).text).toBe("awake");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(sleeps).toEqual([75]);
    expect(server.requests).toHaveLength(2);
  });

  it("fails at once on a 400 with the status and the provider's message", async () => {
    const { client, server } = await clientFor([{ fault: "status", status: 400, message: "max_tokens is too large: 999999" }]);
    const failure = client.doGenerate({ messages: START, tools: TOOLS });
    await expect(failure).rejects.toMatchObject({
      name: "ModelEndpointError",
      code: "model_endpoint",
      kind: "rejected",
      status: 400,
      attempts: 1,
      message: expect.stringContaining("HTTP 400: max_tokens is too large: 999999"),
    });
    expect(server.requests).toHaveLength(1);
  });

  it("gives up after the last attempt, naming the last failure", async () => {
    const { client, server } = await clientFor(Array(3).fill({ fault: "status", status: 503, message: "overloaded" }), { maxAttempts: 3 });
    await expect(client.doGenerate({ messages: START, tools: TOOLS })).rejects.toMatchObject({
      kind: "exhausted",
      status: 503,
      attempts: 3,
      message: expect.stringContaining("gave up after 3 attempts; last: HTTP 503: overloaded"),
    });
    expect(server.requests).toHaveLength(3);
  });

  it("rejects a malformed body without retrying it", async () => {
    const { client, server } = await clientFor([{ fault: "malformed" }]);
    const malformed = client.doGenerate({ messages: START, tools: TOOLS });
    await expect(malformed).rejects.toMatchObject({
      code: "model_endpoint",
      kind: "malformed",
      message: expect.stringContaining("not JSON"),
    });
    expect(server.requests).toHaveLength(1);
  });
});
