// JSON-RPC 2.0 over a child process's stdio with the Language Server Protocol's framing
// (`Content-Length: N` header, blank line, N bytes of JSON): requests that wait for their answer,
// notifications, and answers to the server's own requests. When the process is gone every request
// still waiting is rejected with the reason, and later ones at once.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { z } from "zod";

const MessageSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  method: z.string().optional(),
  params: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
});

/** What the client answers to a request of the server (`workspace/configuration`, `client/registerCapability`, ...). */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

export class LspConnection {
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly answer: ServerRequestHandler,
  ) {
    child.stdout.on("data", (data: Buffer) => this.receive(data));
    // A write after the process died fails with EPIPE; the exit itself is what reports the failure.
    child.stdin.on("error", () => undefined);
  }

  /** True once the connection failed (the process exited, or sent what is not a message). */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Rejects with the server's error, or with the reason the connection failed. */
  request(method: string, params?: unknown): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
    });
  }

  notify(method: string, params?: unknown): void {
    if (!this.failure) this.send({ jsonrpc: "2.0", method, ...(params === undefined ? {} : { params }) });
  }

  /** Ends the connection: every waiting request is rejected with `error`, and so is every later one. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }

  private send(message: object): void {
    const body = JSON.stringify(message);
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = /content-length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"))?.[1];
      if (length === undefined) {
        this.fail(new Error("the language server sent a message without Content-Length"));
        return;
      }
      const end = headerEnd + 4 + Number(length);
      if (this.buffer.length < end) return;
      const body = this.buffer.subarray(headerEnd + 4, end).toString("utf8");
      this.buffer = this.buffer.subarray(end);
      this.dispatch(body);
    }
  }

  private dispatch(body: string): void {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      this.fail(new Error(`the language server sent a message that is not JSON: ${body.slice(0, 200)}`));
      return;
    }
    const parsed = MessageSchema.safeParse(json);
    if (!parsed.success) {
      this.fail(new Error(`the language server sent an unexpected message: ${body.slice(0, 200)}`));
      return;
    }
    const message = parsed.data;
    if (message.id !== undefined && message.method !== undefined) {
      this.send({ jsonrpc: "2.0", id: message.id, result: this.answer(message.method, message.params) ?? null });
    } else if (typeof message.id === "number") {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`the language server answered ${message.error.code}: ${message.error.message}`));
      else waiting?.resolve(message.result);
    }
    // Notifications (logs, progress, pushed diagnostics) are not needed.
  }
}
