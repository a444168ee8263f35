import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postJsonWithRetry, providerErrorMessage, retryAfterMs } from "../../../src/agents/retry.js";
import { startFakeOpenAIServer, type FakeServer } from "../../helpers/fake-openai-server.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("retry-after", () => {
  it("reads milliseconds, seconds and HTTP dates, and ignores what it cannot read", () => {
    const now = Date.parse("2024-05-01T12:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "1.5" }), now)).toBe(1_500);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 01 May 2024 12:00:30 GMT" }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 01 May 2024 11:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("provider error messages", () => {
  it("finds the message in OpenAI and Anthropic error bodies, and falls back to the text", () => {
    expect(providerErrorMessage('{"error":{"message":"bad model","type":"invalid_request_error"}}')).toBe("bad model");
    expect(providerErrorMessage('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe("Overloaded");
    expect(providerErrorMessage('{"error":"quota exceeded"}')).toBe("quota exceeded");
    expect(providerErrorMessage("<html>502 Bad Gateway</html>")).toBe("<html>502 Bad Gateway</html>");
    expect(providerErrorMessage("")).toBe("(empty body)");
  });
});

describe("posting with retries", () => {
  it("retries network errors with exponential backoff and gives up after the last attempt, naming the cause", async () => {
    const port = await closedPort();
    const sleeps: number[] = [];
    const failure = postJsonWithRetry(
      "test provider",
      `http://127.0.0.1:${port}/v1/chat/completions`,
      {},
      {},
      {
        policy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 },
        hooks: { sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
      },
    );
    await expect(failure).rejects.toMatchObject({
      code: "model_endpoint",
      kind: "unreachable",
      status: null,
      message: expect.stringMatching(/^test provider: gave up after 4 attempts; last: network error: ECONNREFUSED.*check --base-url/),
    });
    expect(sleeps).toEqual([100, 200, 300]);
  });

  it("caps a long retry-after at the longest wait", async () => {
    server = await startFakeOpenAIServer([{ fault: "status", status: 429, retryAfter: "3600" }, { text: "ok" }]);
    const sleeps: number[] = [];
    const body = { model: "m", messages: [{ role: "user", content: "hi" }] };
    const reply = await postJsonWithRetry("p", `${server.url}/chat/completions`, {}, body, {
      policy: { maxDelayMs: 5_000 },
      hooks: { sleep: async (ms) => void sleeps.push(ms) },
    });
    expect(reply.status).toBe(200);
    expect(sleeps).toEqual([5_000]);
  });

  it("stops waiting on a hung request as soon as the caller aborts", async () => {
    server = await startFakeOpenAIServer([{ fault: "hang" }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const body = { model: "m", messages: [{ role: "user", content: "hi" }] };
    const pending = postJsonWithRetry("p", `${server.url}/chat/completions`, {}, body, {
      policy: { timeoutMs: 60_000 },
      signal: controller.signal,
    });
    await expect(pending).rejects.toMatchObject({ code: "internal", message: "p: cancelled" });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
