// A local OpenAI Responses API server (POST /v1/responses, streamed as server-sent events) that checks
// every request against the API's shape and conversation rules and plays a scripted conversation:
// response.created, each output item added (text deltas, function-call argument deltas) and done, then
// response.completed with the usage. Tool calls may name a namespace (Codex groups an MCP server's tools
// in one). Faults on cue come from the shared plumbing.
import { z } from "zod";
import { type FakeServer, OPENAI_DIALECT, type ServerDialect, type ServerStep, startScriptedServer } from "./fake-openai-server.js";

const FunctionTool = z.object({ type: z.literal("function"), name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/) }).loose();
const ToolSchema = z.union([
  FunctionTool,
  z.object({ type: z.literal("namespace"), name: z.string().min(1), tools: z.array(FunctionTool) }).loose(),
  z.object({ type: z.string().min(1) }).loose(),
]);
const ItemSchema = z.union([
  z.object({ type: z.literal("message"), role: z.enum(["system", "developer", "user", "assistant"]), content: z.unknown() }).loose(),
  z
    .object({
      type: z.literal("function_call"),
      name: z.string().min(1),
      namespace: z.string().optional(),
      arguments: z.string(),
      call_id: z.string().min(1),
    })
    .loose(),
  z
    .object({ type: z.literal("function_call_output"), call_id: z.string().min(1), output: z.union([z.string(), z.array(z.unknown())]) })
    .loose(),
  z.object({ type: z.literal("reasoning") }).loose(),
]);
const RequestSchema = z
  .object({
    model: z.string().min(1),
    instructions: z.string().optional(),
    input: z.array(ItemSchema).min(1),
    tools: z.array(ToolSchema).optional(),
    tool_choice: z.unknown().optional(),
    stream: z.literal(true, { error: "this server streams only: stream must be true" }),
  })
  .loose();
type Request = z.infer<typeof RequestSchema>;

/** Calls name tools the request offers; every output answers an earlier call; arguments are JSON. */
function conversationProblems(request: Request): string[] {
  const problems: string[] = [];
  const offered = new Set(
    (request.tools ?? []).flatMap((t) =>
      t.type === "namespace" && Array.isArray(t["tools"])
        ? (t["tools"] as { name: string }[]).map((f) => `${t["name"]}.${f.name}`)
        : [String(t["name"] ?? t.type)],
    ),
  );
  const called = new Set<string>();
  request.input.forEach((item, i) => {
    if (item.type === "function_call") {
      const name = item["namespace"] ? `${item["namespace"]}.${item["name"]}` : String(item["name"]);
      if (!offered.has(name)) problems.push(`input.${i}: a call of ${name}, which the request's tools do not offer`);
      try {
        JSON.parse(String(item["arguments"]));
      } catch {
        problems.push(`input.${i}: arguments of ${String(item["call_id"])} are not a JSON string`);
      }
      called.add(String(item["call_id"]));
    } else if (item.type === "function_call_output" && !called.has(String(item["call_id"]))) {
      problems.push(`input.${i}: output for ${String(item["call_id"])}, which no earlier function_call made`);
    }
  });
  return problems;
}

function sse(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

export const RESPONSES_DIALECT = (apiKey: string | undefined): ServerDialect => ({
  basePath: "/v1",
  path: "/v1/responses",
  check(headers, body) {
    const problems: string[] = [];
    if (apiKey !== undefined && headers.authorization !== `Bearer ${apiKey}`) problems.push("missing or wrong bearer token");
    const parsed = RequestSchema.safeParse(body);
    if (!parsed.success) return [...problems, ...parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)];
    return [...problems, ...conversationProblems(parsed.data)];
  },
  render: () => {
    throw new Error("the Responses fake streams only (the request was checked for stream: true)");
  },
  renderStream(reply, n, body) {
    const response = { id: `resp_${n}`, object: "response", created_at: 1_700_000_000 + n, model: (body as Request).model, output: [] };
    const events = [sse("response.created", { response: { ...response, status: "in_progress" } })];
    const output: object[] = [];
    const add = (item: object, streamed: (itemId: string, index: number) => string[]) => {
      const index = output.length;
      const id = `item_${n}_${index}`;
      const done = { id, ...item };
      events.push(sse("response.output_item.added", { output_index: index, item: { ...done, status: "in_progress" } }));
      events.push(...streamed(id, index));
      events.push(sse("response.output_item.done", { output_index: index, item: done }));
      output.push(done);
    };
    if (reply.text) {
      const text = reply.text;
      const message = {
        type: "message",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text, annotations: [] }],
      };
      add(message, (itemId, index) => [
        sse("response.output_text.delta", { item_id: itemId, output_index: index, content_index: 0, delta: text }),
      ]);
    }
    for (const call of reply.toolCalls ?? []) {
      const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
      const item = { type: "function_call", status: "completed", call_id: call.id, name: call.name, arguments: args };
      add(call.namespace ? { ...item, namespace: call.namespace } : item, (itemId, index) => [
        sse("response.function_call_arguments.delta", { item_id: itemId, output_index: index, delta: args }),
        sse("response.function_call_arguments.done", { item_id: itemId, output_index: index, arguments: args }),
      ]);
    }
    const usage = {
      input_tokens: reply.usage?.input ?? 0,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: reply.usage?.output ?? 0,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: (reply.usage?.input ?? 0) + (reply.usage?.output ?? 0),
    };
    events.push(sse("response.completed", { response: { ...response, status: "completed", output, usage } }));
    return events.join("");
  },
  errorBody: OPENAI_DIALECT(apiKey).errorBody,
});

/** A Responses API fake at `url` (ends in /v1); checks the bearer token when `apiKey` is given. */
export function startFakeResponsesServer(script: readonly ServerStep[], options: { apiKey?: string } = {}): Promise<FakeServer> {
  return startScriptedServer(RESPONSES_DIALECT(options.apiKey), script);
}
