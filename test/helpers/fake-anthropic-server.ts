// A local Anthropic Messages API server (127.0.0.1, a free port) that checks every request against
// the API's shape and turn rules (alternating roles, tool_result blocks first in the user turn after
// the tool_use blocks they answer) and plays a scripted conversation, with faults on cue.
import { z } from "zod";
import { startScriptedServer, type FakeServer, type ServerDialect, type ServerStep } from "./fake-openai-server.js";

export type { FakeServer, ServerStep } from "./fake-openai-server.js";

const TextBlock = z.object({ type: z.literal("text"), text: z.string().min(1) }).strict();
const ToolUseBlock = z
  .object({ type: z.literal("tool_use"), id: z.string().min(1), name: z.string().min(1), input: z.record(z.string(), z.unknown()) })
  .strict();
const ToolResultBlock = z
  .object({
    type: z.literal("tool_result"),
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), z.array(TextBlock)]),
    is_error: z.boolean().optional(),
  })
  .strict();
const MessageSchema = z.discriminatedUnion("role", [
  z
    .object({
      role: z.literal("user"),
      content: z.union([z.string().min(1), z.array(z.discriminatedUnion("type", [TextBlock, ToolResultBlock])).min(1)]),
    })
    .strict(),
  z
    .object({
      role: z.literal("assistant"),
      content: z.union([z.string().min(1), z.array(z.discriminatedUnion("type", [TextBlock, ToolUseBlock])).min(1)]),
    })
    .strict(),
]);
const RequestSchema = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().positive(),
    system: z.string().optional(),
    messages: z.array(MessageSchema).min(1),
    tools: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
            description: z.string(),
            input_schema: z.object({ type: z.literal("object") }).loose(),
          })
          .strict(),
      )
      .optional(),
    temperature: z.number().min(0).max(1).optional(),
  })
  .strict();

type Message = z.infer<typeof MessageSchema>;
const blocksOf = (m: Message) => (typeof m.content === "string" ? [{ type: "text" as const, text: m.content }] : m.content);

/** Turn rules: user first, roles alternate, and each user turn after tool_use blocks opens with exactly their results. */
function turnProblems(messages: Message[]): string[] {
  const problems: string[] = [];
  if (messages[0]!.role !== "user") problems.push("the first message is not a user message");
  messages.forEach((m, i) => {
    const before = messages[i - 1];
    if (before && before.role === m.role) problems.push(`messages.${i}: two ${m.role} messages in a row`);
    const uses = before?.role === "assistant" ? blocksOf(before).flatMap((b) => (b.type === "tool_use" ? [b.id] : [])) : [];
    const blocks = blocksOf(m);
    if (m.role === "user") {
      const leading: string[] = [];
      for (const b of blocks) {
        if (b.type !== "tool_result") break;
        leading.push(b.tool_use_id);
      }
      const results = blocks.flatMap((b) => (b.type === "tool_result" ? [b.tool_use_id] : []));
      if (results.length !== leading.length) problems.push(`messages.${i}: tool_result blocks must come before any text`);
      const missing = uses.filter((id) => !results.includes(id));
      const stray = results.filter((id) => !uses.includes(id));
      if (missing.length > 0) problems.push(`messages.${i}: no tool_result for ${missing.join(", ")}`);
      if (stray.length > 0)
        problems.push(`messages.${i}: tool_result for ${stray.join(", ")}, which the assistant turn before did not use`);
    } else if (i === messages.length - 1) problems.push("the request ends with an assistant turn");
  });
  return problems;
}

export const ANTHROPIC_DIALECT = (apiKey: string): ServerDialect => ({
  basePath: "",
  path: "/v1/messages",
  check(headers, body) {
    const problems: string[] = [];
    if (headers["x-api-key"] !== apiKey) problems.push("missing or wrong x-api-key");
    if (headers["anthropic-version"] !== "2023-06-01")
      problems.push(`anthropic-version is ${String(headers["anthropic-version"])}, not 2023-06-01`);
    const parsed = RequestSchema.safeParse(body);
    if (!parsed.success) return [...problems, ...parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)];
    return [...problems, ...turnProblems(parsed.data.messages)];
  },
  render(reply, n) {
    const calls = reply.toolCalls ?? [];
    return {
      id: `msg_${n}`,
      type: "message",
      role: "assistant",
      model: "fake",
      content: [
        ...(reply.text ? [{ type: "text", text: reply.text }] : []),
        ...calls.map((c) => ({ type: "tool_use", id: c.id, name: c.name, input: c.arguments })),
      ],
      stop_reason: reply.stopReason ?? (calls.length > 0 ? "tool_use" : "end_turn"),
      stop_sequence: null,
      usage: { input_tokens: reply.usage?.input ?? 0, output_tokens: reply.usage?.output ?? 0 },
    };
  },
  errorBody: (status, message) => ({
    type: "error",
    error: {
      type:
        status === 429 ? "rate_limit_error" : status === 529 ? "overloaded_error" : status >= 500 ? "api_error" : "invalid_request_error",
      message,
    },
  }),
});

/** An Anthropic Messages fake at `url` (the client appends /v1/messages); requires `apiKey` as x-api-key. */
export function startFakeAnthropicServer(script: readonly ServerStep[], options: { apiKey: string }): Promise<FakeServer> {
  return startScriptedServer(ANTHROPIC_DIALECT(options.apiKey), script);
}
