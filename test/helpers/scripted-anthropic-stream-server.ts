// A scripted Anthropic Messages server for driving a real agent CLI (Claude Code): it streams (SSE) or
// answers in one JSON body as asked, plays a script of tool calls in the conversation that carries the
// swerig MCP tools, answers the CLI's side requests (titles, token counts, probes) with something short,
// and logs every request so a test can see what arrived.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedTurn {
  text?: string;
  toolCalls?: { name: string; input: Record<string, unknown> }[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  model?: string;
  stream?: boolean;
  /** Tool names the request offered. */
  tools: string[];
  /** Of those, the ones offered only behind a tool search (defer_loading). */
  deferred: string[];
  messages: number;
  /** "main" (it offers the swerig tools), "side" (any other Messages request), "count_tokens" or "other". */
  kind: "main" | "side" | "count_tokens" | "other";
  /** Set when the request was refused (a wrong key). */
  refused?: string;
  /** For main requests: the tool results it sent back, as text. */
  toolResults: string[];
}

export interface StreamServer {
  /** Base URL (without /v1). */
  url: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

const INPUT_TOKENS_PER_TURN = 1_000;
const OUTPUT_TOKENS_PER_TURN = 40;

interface Body {
  model?: string;
  stream?: boolean;
  tools?: { name?: string; defer_loading?: boolean }[];
  messages?: { role: string; content: unknown }[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function toolResultsOf(body: Body): string[] {
  const last = body.messages?.at(-1);
  if (!last || !Array.isArray(last.content)) return [];
  return (last.content as { type?: string; content?: unknown }[])
    .filter((b) => b.type === "tool_result")
    .map((b) => (typeof b.content === "string" ? b.content : JSON.stringify(b.content)));
}

type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

function sse(res: ServerResponse, message: Record<string, unknown>, blocks: Block[], stopReason: string, usage: Record<string, number>) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send("message_start", {
    type: "message_start",
    message: { ...message, content: [], stop_reason: null, usage: { input_tokens: usage["input_tokens"], output_tokens: 1 } },
  });
  blocks.forEach((b, index) => {
    if (b.type === "text") {
      send("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } });
      send("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: b.text } });
    } else {
      send("content_block_start", { type: "content_block_start", index, content_block: { ...b, input: {} } });
      const json = JSON.stringify(b.input);
      const half = Math.floor(json.length / 2);
      for (const part of [json.slice(0, half), json.slice(half)])
        send("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: part } });
    }
    send("content_block_stop", { type: "content_block_stop", index });
  });
  send("message_delta", {
    type: "message_delta",
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage["output_tokens"] },
  });
  send("message_stop", { type: "message_stop" });
  res.end();
}

/**
 * Starts the server on 127.0.0.1. `script[i]` answers the main conversation's turn i (the number of
 * assistant messages it holds); past the script's end it answers "Done." and ends the turn.
 */
export async function startScriptedStreamServer(script: readonly ScriptedTurn[], options: { apiKey: string }): Promise<StreamServer> {
  const requests: LoggedRequest[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? "/").split("?")[0]!;
      let body: Body = {};
      try {
        body = raw ? (JSON.parse(raw) as Body) : {};
      } catch {
        // logged as it is
      }
      const tools = (body.tools ?? []).map((t) => t.name ?? "?");
      const isMessages = req.method === "POST" && path === "/v1/messages";
      const kind: LoggedRequest["kind"] = isMessages
        ? tools.some((t) => t.startsWith("mcp__swerig__"))
          ? "main"
          : "side"
        : path === "/v1/messages/count_tokens"
          ? "count_tokens"
          : "other";
      const entry: LoggedRequest = {
        method: req.method ?? "?",
        path,
        ...(body.model ? { model: body.model } : {}),
        ...(body.stream !== undefined ? { stream: body.stream } : {}),
        tools,
        deferred: (body.tools ?? []).filter((t) => t.defer_loading === true).map((t) => t.name ?? "?"),
        messages: body.messages?.length ?? 0,
        kind,
        toolResults: kind === "main" ? toolResultsOf(body) : [],
      };
      requests.push(entry);
      const key = req.headers["x-api-key"] ?? req.headers.authorization?.replace(/^Bearer /, "");
      if (kind !== "other" && key !== options.apiKey) {
        entry.refused = `wrong key ${String(key)}`;
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }));
        return;
      }
      if (kind === "count_tokens") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ input_tokens: Math.ceil(raw.length / 4) }));
        return;
      }
      if (kind === "other") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: `no ${path} here` } }));
        return;
      }
      const turnIndex = body.messages?.filter((m) => m.role === "assistant").length ?? 0;
      const turn: ScriptedTurn = kind === "main" ? (script[turnIndex] ?? { text: "Done." }) : { text: "Fixing the issue" };
      n++;
      const blocks: Block[] = [
        ...(turn.text ? [{ type: "text" as const, text: turn.text }] : []),
        ...(turn.toolCalls ?? []).map((c, i) => ({ type: "tool_use" as const, id: `toolu_${n}_${i}`, name: c.name, input: c.input })),
      ];
      const stopReason = turn.toolCalls?.length ? "tool_use" : "end_turn";
      const usage = { input_tokens: INPUT_TOKENS_PER_TURN, output_tokens: OUTPUT_TOKENS_PER_TURN };
      const message = { id: `msg_${n}`, type: "message", role: "assistant", model: body.model ?? "unknown" };
      if (body.stream) sse(res, message, blocks, stopReason, usage);
      else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ...message, content: blocks, stop_reason: stopReason, stop_sequence: null, usage }));
      }
    })().catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
