// HTTP for model providers: one JSON POST retried with exponential backoff and jitter on rate limits,
// server errors, network errors and timeouts (honouring retry-after), with a per-attempt timeout and a
// bounded number of attempts. What cannot succeed by retrying becomes a ModelEndpointError saying how
// it failed; each retried attempt is reported to the caller (for the trace).
import type { z } from "zod";
import { SwerigError, ModelEndpointError, describeIssues, type ModelFailureKind } from "../core/index.js";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubled for each later one, then jittered. */
  baseDelayMs: number;
  /** Cap on any wait, retry-after included. */
  maxDelayMs: number;
  /** One attempt (response headers and body) is abandoned after this long and retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000, timeoutMs: 300_000 };

/** Injection points for tests: how to wait and where randomness comes from. */
export interface RetryHooks {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** One failed attempt that is about to be retried. */
export interface RetryAttempt {
  /** 1 for the first request. */
  attempt: number;
  /** HTTP status of the failed attempt, or null for a network error or timeout. */
  status: number | null;
  error: string;
  /** How long the attempt took. */
  durationMs: number;
  /** How long we wait before the next one. */
  waitMs: number;
}

export type RetryObserver = (attempt: RetryAttempt) => void;

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /** Requests it took, the first included. */
  attempts: number;
}

/** 5xx statuses that say the request can never work there (not implemented, unsupported, misconfigured). */
const PERMANENT_5XX = new Set([501, 505, 506, 507, 508, 510, 511]);
export const isRetryableStatus = (status: number) =>
  status === 408 || status === 409 || status === 429 || (status >= 500 && !PERMANENT_5XX.has(status));

/** Provider wordings of "the prompt is longer than the model's context window". */
const CONTEXT_OVERFLOW = /context[_ ]length[_ ]exceeded|maximum context length|context window|prompt is too long|too many tokens/i;

function kindOfStatus(status: number, message: string): ModelFailureKind {
  if (status === 401 || status === 403) return "auth";
  if ((status === 400 || status === 413) && CONTEXT_OVERFLOW.test(message)) return "context_overflow";
  return "rejected";
}

const HINTS: Partial<Record<ModelFailureKind, string>> = {
  auth: "; check the API key (and --api-key-env) for this endpoint",
  unreachable: "; check --base-url and that the server is up",
};

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Milliseconds a `retry-after-ms` or `retry-after` header (seconds or an HTTP date) asks to wait. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get("retry-after");
  if (raw === null || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The provider's own error message from an error body (`{error:{message}}`, `{message}`), else the text. */
export function providerErrorMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === "object" && body !== null) {
      const error = (body as Record<string, unknown>)["error"];
      if (typeof error === "string") return error;
      if (typeof error === "object" && error !== null && typeof (error as Record<string, unknown>)["message"] === "string") {
        return (error as Record<string, string>)["message"]!;
      }
      if (typeof (body as Record<string, unknown>)["message"] === "string") return (body as Record<string, string>)["message"]!;
    }
  } catch {
    // not JSON: the text itself is the message
  }
  const trimmed = text.trim();
  return trimmed === "" ? "(empty body)" : trimmed.slice(0, 500);
}

export interface PostOptions {
  policy?: Partial<RetryPolicy>;
  hooks?: RetryHooks;
  signal?: AbortSignal;
  onRetry?: RetryObserver;
  /** Ends the message of a 401/403 (apiKeyHint: which variable to check); a generic hint otherwise. */
  authHint?: string;
}

type Attempt = { kind: "reply"; reply: HttpReply } | { kind: "failed"; why: string };

/**
 * What an authentication failure says to do, naming the variable the key comes from: check it when a
 * key was sent, set it when none was.
 */
export function apiKeyHint(keySent: boolean, variable: string): string {
  return keySent
    ? `; check the API key in $${variable} (or the variable --api-key-env names) for this endpoint`
    : `; no API key was sent: set $${variable} (or name another variable with --api-key-env)`;
}

function endpointError(
  label: string,
  what: string,
  kind: ModelFailureKind,
  status: number | null,
  attempts: number,
  authHint?: string,
): ModelEndpointError {
  const hint = kind === "auth" && authHint !== undefined ? authHint : (HINTS[kind] ?? "");
  return new ModelEndpointError(`${label}: ${what}${hint}`, { kind, status, attempts });
}

async function attempt(
  label: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  try {
    const response = await fetch(url, { ...init, signal: combined });
    const text = await response.text();
    return { kind: "reply", reply: { status: response.status, headers: response.headers, text, attempts: 1 } };
  } catch (error) {
    if (signal?.aborted) throw new SwerigError("internal", `${label}: cancelled`, { cause: error });
    if (timeout.signal.aborted) return { kind: "failed", why: `no complete answer within ${timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "failed", why: `network error: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * POSTs `body` as JSON to `url` and returns the first 2xx reply. 408, 409, 429, 5xx (but 501, 505 and
 * the like), network errors and timeouts are retried up to `policy.maxAttempts` in all, each retry
 * reported to `onRetry` before the wait. Rejects with a ModelEndpointError naming `label`, the HTTP
 * status and the provider's message: kind "auth" for 401/403, "context_overflow" for a 400 about the
 * context window, "rejected" for any other status that is not retried, "exhausted" or "unreachable"
 * when the attempts run out; with SwerigError("internal") when `signal` aborts.
 */
export async function postJsonWithRetry(
  label: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  options: PostOptions = {},
): Promise<HttpReply> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const sleep = options.hooks?.sleep ?? defaultSleep;
  const random = options.hooks?.random ?? Math.random;
  const init: RequestInit = { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
  let last = "";
  let lastStatus: number | null = null;
  for (let n = 1; n <= policy.maxAttempts; n++) {
    const started = performance.now();
    const result = await attempt(label, url, init, policy.timeoutMs, options.signal);
    let waitMs: number | undefined;
    if (result.kind === "reply") {
      const { status, text } = result.reply;
      if (status >= 200 && status < 300) return { ...result.reply, attempts: n };
      const message = providerErrorMessage(text);
      last = `HTTP ${status}: ${message}`;
      lastStatus = status;
      if (!isRetryableStatus(status)) throw endpointError(label, last, kindOfStatus(status, message), status, n, options.authHint);
      waitMs = retryAfterMs(result.reply.headers);
    } else {
      last = result.why;
      lastStatus = null;
    }
    if (n === policy.maxAttempts) break;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    const delay = Math.min(policy.maxDelayMs, waitMs ?? backoff * (0.5 + random() / 2));
    options.onRetry?.({ attempt: n, status: lastStatus, error: last, durationMs: performance.now() - started, waitMs: delay });
    await sleep(delay, options.signal);
    if (options.signal?.aborted) throw new SwerigError("internal", `${label}: cancelled while waiting to retry (${last})`);
  }
  const kind = lastStatus === null ? "unreachable" : "exhausted";
  throw endpointError(label, `gave up after ${policy.maxAttempts} attempts; last: ${last}`, kind, lastStatus, policy.maxAttempts);
}

/**
 * postJsonWithRetry, then the answer parsed as JSON and validated with `schema`. Throws a
 * ModelEndpointError of kind "malformed" naming the endpoint when the answer is not JSON or not `what`
 * it should be.
 */
/** The options of one request: the client's retry policy and hooks, the call's signal and retry observer. */
export function requestOptions(
  client: { retry?: Partial<RetryPolicy>; hooks?: RetryHooks },
  call: { signal?: AbortSignal; onRetry?: RetryObserver },
): { policy?: Partial<RetryPolicy>; hooks?: RetryHooks; signal?: AbortSignal; onRetry?: RetryObserver } {
  return {
    ...(client.retry ? { policy: client.retry } : {}),
    ...(client.hooks ? { hooks: client.hooks } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.onRetry ? { onRetry: call.onRetry } : {}),
  };
}

export async function postForJson<S extends z.ZodType>(
  label: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  expected: { schema: S; what: string },
  options: PostOptions = {},
): Promise<z.infer<S>> {
  const reply = await postJsonWithRetry(label, url, headers, body, options);
  let json: unknown;
  try {
    json = JSON.parse(reply.text);
  } catch {
    throw endpointError(label, `the answer is not JSON: ${reply.text.slice(0, 200)}`, "malformed", reply.status, reply.attempts);
  }
  const parsed = expected.schema.safeParse(json);
  if (!parsed.success) {
    const what = `the answer is not ${expected.what}: ${describeIssues(parsed.error.issues)}`;
    throw endpointError(label, what, "malformed", reply.status, reply.attempts);
  }
  return parsed.data;
}
