// Model endpoints that fail, against both real adapters and local fake servers: each failure comes out
// as a ModelEndpointError of the right kind (never "the agent made no patch"), statuses that retrying
// cannot fix are sent once, and retried attempts are trace events with their status and wait.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnthropicClient } from "../../../src/agents/anthropic-client.js";
import type { ModelClient } from "../../../src/agents/model-client.js";
import { ModelAgent } from "../../../src/agents/model-agent.js";
import { OpenAIClient } from "../../../src/agents/openai-client.js";
import type { RetryPolicy } from "../../../src/agents/retry.js";
import { ModelEndpointError } from "../../../src/core/index.js";
import { closedPort } from "../../helpers/closed-port.js";
import { startFakeAnthropicServer } from "../../helpers/fake-anthropic-server.js";
import { startFakeOpenAIServer, type FakeServer, type ServerStep } from "../../helpers/fake-openai-server.js";
import { createAgentFixture, type AgentFixture } from "./agent-fixture.js";

const KEY = "k-test";
const FAST: Partial<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

const PROVIDERS = [
  {
    name: "OpenAI-compatible",
    start: (script: ServerStep[]) => startFakeOpenAIServer(script, { apiKey: KEY }),
    client: (url: string): ModelClient => new OpenAIClient({ model: "gpt-4o", baseURL: url, apiKey: KEY, retry: FAST }),
    urlFor: (port: number) => `http://127.0.0.1:${port}/v1`,
  },
  {
    name: "Anthropic",
    start: (script: ServerStep[]) => startFakeAnthropicServer(script, { apiKey: KEY }),
    client: (url: string): ModelClient =>
      new AnthropicClient({ model: "claude-sonnet-4-20250514", baseURL: url, apiKey: KEY, retry: FAST }),
    urlFor: (port: number) => `http://127.0.0.1:${port}`,
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

/** Runs the model agent against a scripted server and returns what it threw. */
async function failureOf(provider: (typeof PROVIDERS)[number], script: ServerStep[]): Promise<ModelEndpointError> {
  server = await provider.start(script);
  const agent = new ModelAgent({ client: provider.client(server.url) });
  const error: unknown = await agent.run(fx.context()).then(
    (outcome) => new Error(`the run ended ${outcome.reason} instead of failing`),
    (e: unknown) => e,
  );
  if (!ModelEndpointError.isInstance(error)) throw error;
  return error;
}

describe("an endpoint that refuses a missing key", () => {
  it("names the variable the key should have come from, which is unset", async () => {
    server = await startFakeOpenAIServer([{ fault: "status", status: 401, message: "no bearer token" }]);
    const client = new OpenAIClient({ model: "gpt-4o", baseURL: server.url, apiKeyEnv: "SWERIG_TEST_UNSET_KEY", retry: FAST });
    const error: unknown = await new ModelAgent({ client }).run(fx.context()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", status: 401, attempts: 1 });
    expect((error as Error).message).toMatch(/HTTP 401: no bearer token; no API key was sent: set \$SWERIG_TEST_UNSET_KEY/);
    expect(server.requests[0]!.headers["authorization"]).toBeUndefined();
  });
});

describe.each(PROVIDERS)("a failing $name endpoint", (provider) => {
  it("refusing connections: kind unreachable after every attempt, pointing at --base-url", async () => {
    const agent = new ModelAgent({ client: provider.client(provider.urlFor(await closedPort())) });
    const error = await agent.run(fx.context()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "model_endpoint", kind: "unreachable", status: null, attempts: 3 });
    expect((error as Error).message).toMatch(/gave up after 3 attempts; last: network error: ECONNREFUSED; check --base-url/);
    expect(fx.trace.events.filter((e) => e.type === "model_retry").map((e) => e.data.attempt)).toEqual([1, 2]);
  });

  it("whose host name does not resolve: kind unreachable, naming the DNS failure", async () => {
    const agent = new ModelAgent({ client: provider.client("http://swerig-no-such-host.invalid/v1") });
    const error = await agent.run(fx.context()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "model_endpoint", kind: "unreachable", status: null });
    expect((error as Error).message).toMatch(/network error: (ENOTFOUND|EAI_AGAIN)/);
  });

  it.each([404, 405, 501])("answering %i: kind rejected, sent once and never retried", async (status) => {
    const error = await failureOf(provider, [{ fault: "status", status, message: `scripted ${status} for gpt-x` }]);
    expect(error).toMatchObject({ kind: "rejected", status, attempts: 1 });
    expect(error.message).toContain(`HTTP ${status}: scripted ${status} for gpt-x`);
    expect(server!.requests).toHaveLength(1);
    expect(fx.trace.events.some((e) => e.type === "model_retry")).toBe(false);
  });

  it.each([401, 403])("answering %i: kind auth, saying to check the API key and its variable, sent once", async (status) => {
    const error = await failureOf(provider, [{ fault: "status", status, message: "invalid x-api-key" }]);
    expect(error).toMatchObject({ code: "model_endpoint", kind: "auth", status, attempts: 1 });
    const variable = provider.name === "Anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
    expect(error.message).toContain(`HTTP ${status}: invalid x-api-key; check the API key in $${variable}`);
    expect(server!.requests).toHaveLength(1);
    expect(fx.trace.events.some((e) => e.type === "model_retry")).toBe(false);
  });

  it("answering 500 until the attempts run out: kind exhausted, each retry in the trace", async () => {
    const error = await failureOf(provider, Array<ServerStep>(3).fill({ fault: "status", status: 500, message: "boom" }));
    expect(error).toMatchObject({ kind: "exhausted", status: 500, attempts: 3 });
    expect(server!.requests).toHaveLength(3);
    const retries = fx.trace.events.flatMap((e) => (e.type === "model_retry" ? [e.data] : []));
    expect(retries.map((r) => [r.step, r.attempt, r.status])).toEqual([
      [1, 1, 500],
      [1, 2, 500],
    ]);
    expect(retries.every((r) => r.error === "HTTP 500: boom" && r.waitMs > 0 && r.waitMs <= 5)).toBe(true);
  });

  it("answering a malformed body: kind malformed, not retried", async () => {
    const error = await failureOf(provider, [{ fault: "malformed" }]);
    expect(error).toMatchObject({ kind: "malformed", status: 200 });
    expect(server!.requests).toHaveLength(1);
  });

  it("answering 429 then a turn: the retry is a trace event with its status and wait, the turn counts two attempts", async () => {
    server = await provider.start([
      { fault: "status", status: 429, retryAfter: "0.004", message: "slow down" },
      { toolCalls: [{ id: "t1", name: "submit", arguments: {} }], usage: { input: 10, output: 2 } },
    ]);
    const outcome = await new ModelAgent({ client: provider.client(server.url) }).run(fx.context());
    expect(outcome.reason).toBe("submitted");
    const types = fx.trace.events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(["model_request", "model_retry", "model_response"]);
    const retry = fx.trace.events.find((e) => e.type === "model_retry")!;
    expect(retry.data).toMatchObject({ step: 1, attempt: 1, status: 429, error: "HTTP 429: slow down", waitMs: 4 });
    expect(fx.trace.events.find((e) => e.type === "model_response")!.data).toMatchObject({ attempts: 2 });
  });

  it("saying the prompt outgrew the context window: a token limit of the agent's own, not an endpoint failure", async () => {
    server = await provider.start([{ fault: "status", status: 400, message: "prompt is too long: 210000 tokens > 200000 maximum" }]);
    const outcome = await new ModelAgent({ client: provider.client(server.url) }).run(fx.context());
    expect(outcome).toMatchObject({ reason: "limit", steps: 1 });
    expect(outcome.detail).toContain("context window");
    expect(fx.trace.events.filter((e) => e.type === "limit").map((e) => e.data.kind)).toEqual(["tokens"]);
  });
});
