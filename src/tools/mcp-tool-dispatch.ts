// The MCP face of a tool box: an MCP Server answering tools/list with the tool box's specs and
// tools/call through the tool box, one call at a time, numbered by one step counter however many
// MCP sessions the calls arrive on. It also notices submit, and a tool box that throws. A call the
// client cancels is stopped (a queued one never starts), and a call that runs long sends progress
// notifications when the client asked for them, so clients with short request timeouts keep waiting.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolRequest,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
  type Tool as McpTool,
} from "@modelcontextprotocol/sdk/types.js";
import type { ToolBox } from "./tool.js";
import type { ToolSpec } from "./tool.js";
import { SwerigError, errorMessage } from "../core/index.js";

/** How often a running call reports progress to a client that gave a progress token. */
export const PROGRESS_INTERVAL_MS = 10_000;

type CallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface McpServerInfo {
  name: string;
  version: string;
  /** Default PROGRESS_INTERVAL_MS. */
  progressIntervalMs?: number;
}

/** An MCP tool for a tool spec; the spec's JSON Schema is the input schema as it is. */
function mcpTool(spec: ToolSpec): McpTool {
  if (spec.parameters["type"] !== "object") {
    throw new SwerigError(
      "internal",
      `tool ${spec.name}: MCP needs an object schema for its arguments, not ${JSON.stringify(spec.parameters["type"])}`,
    );
  }
  const effects = spec.effects;
  return {
    name: spec.name,
    description: spec.description,
    inputSchema: spec.parameters as McpTool["inputSchema"],
    ...(effects
      ? {
          annotations: {
            readOnlyHint: effects.readOnly,
            destructiveHint: effects.destructive,
            idempotentHint: effects.idempotent,
            // Every tool acts on the task's repository and container, never on the outside world.
            openWorldHint: false,
          },
        }
      : {}),
  };
}

export class McpToolDispatch {
  private stepCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private submittedFlag = false;
  private failure: { error: unknown } | undefined;
  private resolveSubmitted!: () => void;
  private resolveFailed!: (error: unknown) => void;
  /** Resolves on the first submit call that succeeded; never rejects. */
  readonly whenSubmitted = new Promise<void>((resolve) => (this.resolveSubmitted = resolve));
  /** Resolves with the first error the tool box threw (a vanished environment, a bug); never rejects. */
  readonly whenFailed = new Promise<unknown>((resolve) => (this.resolveFailed = resolve));

  constructor(
    private readonly toolbox: ToolBox,
    private readonly info: McpServerInfo,
  ) {}

  /** Tool calls taken so far; the step number of the last one. */
  get steps(): number {
    return this.stepCount;
  }

  /** True once a submit call succeeded. Set before its result is sent to the client. */
  get submitted(): boolean {
    return this.submittedFlag;
  }

  /** A new MCP Server (one per session or stdio connection) over this dispatch's tool box. */
  createServer(): Server {
    const server = new Server({ name: this.info.name, version: this.info.version }, { capabilities: { tools: {} } });
    const tools = this.toolbox.specs().map(mcpTool);
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
    server.setRequestHandler(CallToolRequestSchema, (request, extra) => this.enqueue(request, extra));
    return server;
  }

  /**
   * Runs one call after every earlier one finished, so the trace holds call/result pairs in order.
   * The model's mistakes come back as isError results; when the tool box throws, the client gets a
   * JSON-RPC internal error and whenFailed resolves with the error.
   */
  private enqueue(request: CallToolRequest, extra: CallExtra): Promise<CallToolResult> {
    const run = this.queue.then(() => this.call(request, extra));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async call(request: CallToolRequest, extra: CallExtra): Promise<CallToolResult> {
    if (this.failure) throw new McpError(ErrorCode.InternalError, `the tools are unavailable: ${errorMessage(this.failure.error)}`);
    const { name, arguments: args = {} } = request.params;
    const step = ++this.stepCount;
    const stopProgress = reportProgress(request, extra, name, this.info.progressIntervalMs ?? PROGRESS_INTERVAL_MS);
    try {
      const result = await this.toolbox.call({ id: `mcp-${step}`, name, arguments: args }, step, extra.signal);
      if (result.submitted && !result.isError && !this.submittedFlag) {
        this.submittedFlag = true;
        this.resolveSubmitted();
      }
      return { content: [{ type: "text", text: result.output }], isError: result.isError };
    } catch (error) {
      this.failure = { error };
      this.resolveFailed(error);
      throw new McpError(ErrorCode.InternalError, `tool ${name} failed inside swerig: ${errorMessage(error)}`);
    } finally {
      stopProgress();
    }
  }
}

/** Sends `notifications/progress` every PROGRESS_INTERVAL_MS while a call runs, if the client gave a token. */
function reportProgress(request: CallToolRequest, extra: CallExtra, name: string, intervalMs: number): () => void {
  const token = request.params._meta?.progressToken;
  if (token === undefined) return () => undefined;
  const started = performance.now();
  const timer = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000);
    const params = { progressToken: token, progress: seconds, message: `${name} has run for ${seconds} s` };
    extra.sendNotification({ method: "notifications/progress", params }).catch(() => undefined);
  }, intervalMs);
  return () => clearInterval(timer);
}
