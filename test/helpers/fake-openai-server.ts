// A local OpenAI-compatible chat-completions server (127.0.0.1, a free port) that checks every request
// against the API's shape and conversation rules and plays a scripted conversation, as one JSON body or
// streamed (server-sent events) when the request asks, with faults on cue: an error status (with
// retry-after), a hang, a malformed body. The HTTP plumbing is shared with the Anthropic and Responses fakes.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

/** A scripted assistant turn, in provider-neutral terms; each fake renders it in its own wire shape. */
export interface ScriptedReply {
  text?: string;
  /** `arguments` may be a string, sent as is (to script invalid JSON); `namespace` is the Responses API's tool namespace. */
  toolCalls?: { id: string; name: string; arguments: unknown; namespace?: string }[];
  usage?: { input: number; output: number };
  stopReason?: string;
}

export type Fault = { fault: "status"; status: number; message?: string; retryAfter?: string } | { fault: "hang" } | { fault: "malformed" };

export type ServerStep = ScriptedReply | Fault;

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeServer {
  /** Base URL to give the client. */
  url: string;
  requests: ReceivedRequest[];
  /** Every way a request broke the API's rules; each was also answered with a 400. */
  problems: string[];
  close(): Promise<void>;
}

export interface ServerDialect {
  /** URL prefix the client is given, e.g. "/v1" for OpenAI, "" for Anthropic. */
  basePath: string;
  /** Path requests must use, e.g. "/v1/chat/completions". */
  path: string;
  /** What is wrong with a request, or nothing. */
  check(headers: IncomingHttpHeaders, body: unknown): string[];
  render(reply: ScriptedReply, n: number): unknown;
  /** The reply as a server-sent event stream, for a request with `stream: true`; without it such requests get `render`. */
  renderStream?(reply: ScriptedReply, n: number, body: unknown): string;
  errorBody(status: number, message: string): unknown;
}

/** Starts a server that checks requests with `dialect` and answers them with `script`, one step per request. */
export async function startScriptedServer(dialect: ServerDialect, script: readonly ServerStep[]): Promise<FakeServer> {
  const requests: ReceivedRequest[] = [];
  const problems: string[] = [];
  const hanging: ServerResponse[] = [];
  let next = 0;
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = undefined;
      }
      requests.push({ path, headers: req.headers, body });
      const found = [
        ...(req.method !== "POST" ? [`method ${req.method}, not POST`] : []),
        ...(path !== dialect.path ? [`path ${path}, not ${dialect.path}`] : []),
        ...(req.headers["content-type"]?.startsWith("application/json") ? [] : ["content-type is not application/json"]),
        ...(body === undefined ? ["the body is not JSON"] : dialect.check(req.headers, body)),
      ];
      const step = script[next];
      if (step === undefined) found.push(`request ${requests.length} came after the script's ${script.length} steps`);
      if (found.length > 0) {
        problems.push(...found.map((p) => `request ${requests.length}: ${p}`));
        send(res, 400, dialect.errorBody(400, found.join("; ")));
        return;
      }
      next++;
      const streamed = dialect.renderStream && (body as { stream?: unknown }).stream === true;
      if (!("fault" in step!) && streamed) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.end(dialect.renderStream!(step!, next, body));
      } else if (!("fault" in step!)) send(res, 200, dialect.render(step!, next));
      else if (step.fault === "hang") hanging.push(res);
      else if (step.fault === "malformed") send(res, 200, '{"id": "broken", "choices": [{"message": ');
      else
        send(
          res,
          step.status,
          dialect.errorBody(step.status, step.message ?? `scripted ${step.status}`),
          step.retryAfter !== undefined ? { "retry-after": step.retryAfter } : {},
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${dialect.basePath}`,
    requests,
    problems,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ToolCallSchema = z
  .object({ id: z.string().min(1), type: z.literal("function"), function: z.object({ name: z.string(), arguments: z.string() }).strict() })
  .strict();
const MessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string() }).strict(),
  z.object({ role: z.literal("user"), content: z.string() }).strict(),
  z
    .object({ role: z.literal("assistant"), content: z.string().nullable(), tool_calls: z.array(ToolCallSchema).min(1).optional() })
    .strict(),
  z.object({ role: z.literal("tool"), tool_call_id: z.string().min(1), content: z.string() }).strict(),
]);
const RequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(MessageSchema).min(1),
    tools: z
      .array(
        z
          .object({
            type: z.literal("function"),
            function: z
              .object({
                name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
                description: z.string(),
                parameters: z.record(z.string(), z.unknown()),
              })
              .strict(),
          })
          .strict(),
      )
      .optional(),
    tool_choice: z.literal("auto").optional(),
    temperature: z.number().min(0).max(2).optional(),
    seed: z.number().int().optional(),
    max_tokens: z.number().int().positive().optional(),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean() }).strict().optional(),
  })
  .strict();

/** Conversation rules: tool messages answer, in a block right after it, each call of the assistant turn before them. */
function conversationProblems(messages: z.infer<typeof MessageSchema>[]): string[] {
  const problems: string[] = [];
  if (messages[0]!.role !== "system" && messages[0]!.role !== "user") problems.push("the first message is neither system nor user");
  let pending = new Set<string>();
  messages.forEach((m, i) => {
    if (m.role === "tool") {
      if (!pending.delete(m.tool_call_id))
        problems.push(`messages.${i}: tool result for ${m.tool_call_id}, which the assistant turn before it did not call`);
      return;
    }
    if (pending.size > 0) problems.push(`messages.${i}: ${m.role} message before the results of ${[...pending].join(", ")}`);
    pending = new Set(m.role === "assistant" ? (m.tool_calls ?? []).map((c) => c.id) : []);
    if (m.role === "assistant") {
      if (m.content === null && m.tool_calls === undefined)
        problems.push(`messages.${i}: assistant message with neither content nor tool_calls`);
      for (const c of m.tool_calls ?? []) {
        try {
          JSON.parse(c.function.arguments);
        } catch {
          problems.push(`messages.${i}: arguments of ${c.id} are not a JSON string`);
        }
      }
    }
  });
  if (pending.size > 0) problems.push(`the request ends before the results of ${[...pending].join(", ")}`);
  return problems;
}

export const OPENAI_DIALECT = (apiKey: string | undefined): ServerDialect => ({
  basePath: "/v1",
  path: "/v1/chat/completions",
  check(headers, body) {
    const problems: string[] = [];
    if (apiKey !== undefined && headers.authorization !== `Bearer ${apiKey}`) problems.push("missing or wrong bearer token");
    const parsed = RequestSchema.safeParse(body);
    if (!parsed.success) return [...problems, ...parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)];
    if (parsed.data.tool_choice !== undefined && parsed.data.tools === undefined) problems.push("tool_choice without tools");
    return [...problems, ...conversationProblems(parsed.data.messages)];
  },
  render(reply, n) {
    const calls = reply.toolCalls ?? [];
    return {
      id: `chatcmpl-${n}`,
      object: "chat.completion",
      created: 1_700_000_000 + n,
      model: "fake",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: reply.text ?? null,
            ...(calls.length > 0
              ? {
                  tool_calls: calls.map((c) => ({
                    id: c.id,
                    type: "function",
                    function: { name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) },
                  })),
                }
              : {}),
          },
          finish_reason: reply.stopReason ?? (calls.length > 0 ? "tool_calls" : "stop"),
        },
      ],
      usage: {
        prompt_tokens: reply.usage?.input ?? 0,
        completion_tokens: reply.usage?.output ?? 0,
        total_tokens: (reply.usage?.input ?? 0) + (reply.usage?.output ?? 0),
      },
    };
  },
  renderStream(reply, n, body) {
    const model = (body as { model?: string }).model ?? "fake";
    const head = { id: `chatcmpl-${n}`, object: "chat.completion.chunk", created: 1_700_000_000 + n, model };
    const chunk = (choices: unknown[], extra: object = {}) => `data: ${JSON.stringify({ ...head, choices, ...extra })}\n\n`;
    const delta = (d: object, finish: string | null = null) => chunk([{ index: 0, delta: d, finish_reason: finish }]);
    const calls = reply.toolCalls ?? [];
    const events = [delta({ role: "assistant", content: "" }), ...(reply.text ? [delta({ content: reply.text })] : [])];
    calls.forEach((c, index) => {
      const args = typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments);
      // The name first, the arguments in two pieces: clients must join the deltas of one call by index.
      events.push(delta({ tool_calls: [{ index, id: c.id, type: "function", function: { name: c.name, arguments: "" } }] }));
      const half = Math.floor(args.length / 2);
      for (const piece of [args.slice(0, half), args.slice(half)])
        events.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
    events.push(delta({}, reply.stopReason ?? (calls.length > 0 ? "tool_calls" : "stop")));
    const usage = { prompt_tokens: reply.usage?.input ?? 0, completion_tokens: reply.usage?.output ?? 0 };
    events.push(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }), "data: [DONE]\n\n");
    return events.join("");
  },
  errorBody: (status, message) => ({
    error: {
      message,
      type: status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error",
      param: null,
      code: null,
    },
  }),
});

/** An OpenAI-compatible fake at `url` (ends in /v1); checks the bearer token when `apiKey` is given. */
export function startFakeOpenAIServer(script: readonly ServerStep[], options: { apiKey?: string } = {}): Promise<FakeServer> {
  return startScriptedServer(OPENAI_DIALECT(options.apiKey), script);
}
