// The recorded tools served over MCP, so that any external agent can be evaluated: over stdio (a
// client pipes to `swerig mcp`) or over Streamable HTTP on 127.0.0.1 (an agent process is given the
// URL). Every call goes through the tool box, which validates, bounds and records it.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Readable, Writable } from "node:stream";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ToolBox } from "./tool.js";
import { SwerigError, errorMessage } from "../core/index.js";
import { McpToolDispatch } from "./mcp-tool-dispatch.js";

export type McpTransportOptions =
  | { kind: "stdio"; stdin?: Readable; stdout?: Writable }
  | {
      kind: "http";
      /** 0 or none: an ephemeral port. */
      port?: number;
      /** Stop serving when the last open session is closed by its client (DELETE), as `swerig mcp` does. */
      endWhenClientLeaves?: boolean;
      /** Stop serving after this long without a request. Default: never. */
      idleTimeoutMs?: number;
    };

export type McpServeOptions = McpTransportOptions & { name?: string; version?: string; progressIntervalMs?: number };

export interface McpToolServer {
  /** Streamable HTTP endpoint (`http://127.0.0.1:<port>/<token>/mcp`); null over stdio. */
  readonly url: string | null;
  /** Tool calls taken so far. */
  readonly steps: number;
  /** True once a submit call succeeded, before its result reaches the client. */
  readonly submitted: boolean;
  /** Resolves on the first successful submit: the agent is done. Never rejects. */
  readonly whenSubmitted: Promise<void>;
  /** Resolves with the error when the tool box threw (environment gone, a bug). Never rejects. */
  readonly whenFailed: Promise<unknown>;
  /** Resolves when the server stopped: close() was called or, over stdio, the client went away. */
  readonly whenClosed: Promise<void>;
  /** Stops serving and ends every session; idempotent, never rejects. */
  close(): Promise<void>;
}

/**
 * Serves every tool of `toolbox.specs()` as an MCP tool (input schema = the tool's JSON Schema);
 * each tools/call becomes `toolbox.call(...)` with this server's step counter, its output text
 * content and its isError flag; calls run one at a time, in arrival order. Over stdio the stream
 * carries the protocol alone: nothing else may write to it. Over HTTP the URL's random path, its
 * Host and the absence of an Origin header are checked (no other local user, no web page). Rejects
 * with SwerigError("invalid_input") when the HTTP port cannot be bound; tool failures never reject
 * it (see whenFailed).
 */
export async function serveToolBoxOverMcp(toolbox: ToolBox, options: McpServeOptions): Promise<McpToolServer> {
  const dispatch = new McpToolDispatch(toolbox, {
    name: options.name ?? "swerig",
    version: options.version ?? "0.1.0",
    ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
  });
  return options.kind === "stdio"
    ? serveStdio(dispatch, options.stdin ?? process.stdin, options.stdout ?? process.stdout)
    : serveHttp(dispatch, options);
}

function toolServer(dispatch: McpToolDispatch, url: string | null, whenClosed: Promise<void>, close: () => Promise<void>): McpToolServer {
  return {
    url,
    get steps() {
      return dispatch.steps;
    },
    get submitted() {
      return dispatch.submitted;
    },
    whenSubmitted: dispatch.whenSubmitted,
    whenFailed: dispatch.whenFailed,
    whenClosed,
    close,
  };
}

async function serveStdio(dispatch: McpToolDispatch, stdin: Readable, stdout: Writable): Promise<McpToolServer> {
  const server = dispatch.createServer();
  const transport = new StdioServerTransport(stdin, stdout);
  let closed!: () => void;
  const whenClosed = new Promise<void>((resolve) => (closed = resolve));
  server.onclose = () => closed();
  // The stdio transport does not notice the client leaving: its stdin ending is that signal.
  const ended = () => void server.close().catch(() => closed());
  stdin.once("end", ended);
  stdin.once("close", ended);
  await server.connect(transport);
  return toolServer(dispatch, null, whenClosed, async () => {
    stdin.off("end", ended);
    stdin.off("close", ended);
    await server.close().catch(() => undefined);
    closed();
  });
}

interface Session {
  server: Server;
  transport: StreamableHTTPServerTransport;
}

async function serveHttp(dispatch: McpToolDispatch, options: Extract<McpTransportOptions, { kind: "http" }>): Promise<McpToolServer> {
  const port = options.port ?? 0;
  const path = `/${randomUUID()}/mcp`;
  const sessions = new Map<string, Session>();
  let allowedHosts = new Set<string>();
  let idleTimer: NodeJS.Timeout | undefined;
  /** Set when the last session closed; the server stops once the response to that request is out. */
  let clientLeft = false;
  const touch = () => {
    if (options.idleTimeoutMs === undefined) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void close(), options.idleTimeoutMs);
    idleTimer.unref();
  };

  const respond = (res: ServerResponse, status: number, message: string) => {
    if (res.headersSent) return void res.end();
    res
      .writeHead(status, { "content-type": "application/json" })
      .end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
  };

  const openSession = async (req: IncomingMessage, res: ServerResponse) => {
    const server = dispatch.createServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { server, transport }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      if (options.endWhenClientLeaves && sessions.size === 0) clientLeft = true;
    };
    await server.connect(transport);
    await transport.handleRequest(req, res);
    // A first request that was not an initialize opened no session: nothing to keep.
    if (transport.sessionId === undefined) await server.close();
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    touch();
    if (new URL(req.url ?? "/", "http://127.0.0.1").pathname !== path) return respond(res, 404, "not found");
    // Only local clients that are not web pages: a Host of ours (no DNS rebinding) and no Origin.
    if (!allowedHosts.has(req.headers.host ?? "") || req.headers.origin !== undefined) return respond(res, 403, "forbidden");
    const id = req.headers["mcp-session-id"];
    if (typeof id === "string") {
      const session = sessions.get(id);
      if (!session) return respond(res, 404, "session not found");
      await session.transport.handleRequest(req, res);
      if (clientLeft) {
        if (res.writableFinished) void close();
        else res.once("finish", () => void close());
      }
      return;
    }
    if (req.method !== "POST") return respond(res, 400, "no session: initialize with a POST first");
    return openSession(req, res);
  };

  const http = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => respond(res, 500, `internal error: ${errorMessage(error)}`));
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", (error) =>
      reject(new SwerigError("invalid_input", `cannot serve MCP on 127.0.0.1:${port}: ${error.message}`, { cause: error })),
    );
    http.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (http.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
  touch();

  let closing: Promise<void> | undefined;
  let closed!: () => void;
  const whenClosed = new Promise<void>((resolve) => (closed = resolve));
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearTimeout(idleTimer);
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((s) => s.server.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      closed();
    })());
  return toolServer(dispatch, `http://127.0.0.1:${bound}${path}`, whenClosed, close);
}
