import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serveToolBoxOverMcp, type McpToolServer } from "../../../src/tools/mcp-server.js";
import { toolBoxOnRepo, type RepoToolBox } from "../../fixtures/agents/tool-box-on-repo.js";

/** The client end of a stdio pipe pair, in process: what a client that spawned `swerig mcp` holds. */
class PipeClientTransport implements Transport {
  private readonly buffer = new ReadBuffer();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  constructor(
    private readonly toServer: PassThrough,
    private readonly fromServer: PassThrough,
  ) {}

  async start(): Promise<void> {
    this.fromServer.on("data", (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message; message = this.buffer.readMessage()) this.onmessage?.(message);
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.toServer.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.toServer.end();
    this.onclose?.();
  }
}

const FILES = { "pkg/greet.py": "def greet():\n    return 'hello'\n", "README.md": "# demo\n" };

let repo: RepoToolBox;
let served: McpToolServer | undefined;
let client: Client | undefined;

beforeEach(async () => {
  repo = await toolBoxOnRepo(FILES);
});
afterEach(async () => {
  await client?.close();
  await served?.close();
  client = served = undefined;
  await repo?.dispose();
});

async function httpClient(): Promise<Client> {
  served = await serveToolBoxOverMcp(repo.toolbox, { kind: "http" });
  client = new Client({ name: "test-client", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(served.url!)));
  return client;
}

const text = (result: Awaited<ReturnType<Client["callTool"]>>) =>
  (result.content as { type: string; text: string }[]).map((c) => c.text).join("");

describe("tools over MCP (Streamable HTTP)", () => {
  it("lists every tool of the tool box with its description and JSON Schema", async () => {
    const c = await httpClient();
    expect(served!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}\/mcp$/);
    const { tools } = await c.listTools();
    const specs = repo.toolbox.specs().map(({ effects: _, ...spec }) => spec);
    expect(tools.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema }))).toEqual(specs);
  });

  it("annotates each tool with what it may do to the repository", async () => {
    const c = await httpClient();
    const annotations = new Map((await c.listTools()).tools.map((t) => [t.name, t.annotations]));
    expect(annotations.get("read_file")).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(annotations.get("search")?.readOnlyHint).toBe(true);
    expect(annotations.get("write_file")).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(annotations.get("shell")).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
    expect(annotations.get("run_tests")).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });

  it("runs read_file and edit_file through the tool box: text, isError and the edit on disk", async () => {
    const c = await httpClient();
    const read = await c.callTool({ name: "read_file", arguments: { path: "pkg/greet.py" } });
    expect(read.isError).toBe(false);
    expect(text(read)).toBe("1\tdef greet():\n2\t    return 'hello'");
    const edit = await c.callTool({
      name: "edit_file",
      arguments: { path: "pkg/greet.py", command: "replace", old_text: "'hello'", new_text: "'goodbye'" },
    });
    expect(edit.isError).toBe(false);
    expect(text(edit)).toContain("edited pkg/greet.py");
    expect(await readFile(join(repo.root, "pkg/greet.py"), "utf8")).toBe("def greet():\n    return 'goodbye'\n");
    const missing = await c.callTool({ name: "read_file", arguments: { path: "greet.py" } });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain("did you mean pkg/greet.py");
  });

  it("stops a call the client cancels, records it as cancelled, and takes the next call at once", async () => {
    const c = await httpClient();
    const controller = new AbortController();
    const sleep = `sleep 32.${Math.floor(Math.random() * 1e6)}`;
    const slow = c.callTool({ name: "shell", arguments: { command: `${sleep}; echo done > slept.txt` } }, undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort("changed my mind"), 400);
    await expect(slow).rejects.toThrow();
    const started = performance.now();
    const next = await c.callTool({ name: "read_file", arguments: { path: "README.md" } });
    expect(text(next)).toContain("# demo");
    expect(performance.now() - started).toBeLessThan(5_000);
    const results = repo.trace.events.flatMap((e) => (e.type === "tool_result" ? [e.data] : []));
    expect(results[0]).toMatchObject({ name: "shell", isError: true, cancelled: true });
    expect(results[1]).toMatchObject({ name: "read_file", isError: false });
    expect((await repo.env.exec(`ps -eo args | grep -c '^${sleep}$' || true`)).output.trim()).toBe("0");
  });

  it("keeps a client with a short request timeout waiting through progress notifications", async () => {
    served = await serveToolBoxOverMcp(repo.toolbox, { kind: "http", progressIntervalMs: 200 });
    client = new Client({ name: "test-client", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(served.url!)));
    const progress: string[] = [];
    const result = await client.callTool({ name: "shell", arguments: { command: "sleep 3; echo finished" } }, undefined, {
      timeout: 1_500,
      resetTimeoutOnProgress: true,
      onprogress: (p) => void progress.push(p.message ?? ""),
    });
    expect(text(result)).toContain("finished");
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress[0]).toMatch(/^shell has run for \d+ s$/);
  });

  it("ends, when asked to, as soon as its client closes the session, or after an idle time", async () => {
    served = await serveToolBoxOverMcp(repo.toolbox, { kind: "http", endWhenClientLeaves: true });
    const leaving = new StreamableHTTPClientTransport(new URL(served.url!));
    client = new Client({ name: "test-client", version: "1.0.0" });
    await client.connect(leaving);
    await client.callTool({ name: "read_file", arguments: { path: "README.md" } });
    let ended = false;
    void served.whenClosed.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(ended).toBe(false);
    await leaving.terminateSession();
    await served.whenClosed;
    await client.close();

    const idle = await serveToolBoxOverMcp(repo.toolbox, { kind: "http", idleTimeoutMs: 300 });
    const c = new Client({ name: "idle-client", version: "1.0.0" });
    await c.connect(new StreamableHTTPClientTransport(new URL(idle.url!)));
    const started = performance.now();
    await idle.whenClosed;
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await c.close();
  });

  it("answers bad arguments and unknown tools with an isError result the model can act on", async () => {
    const c = await httpClient();
    const bad = await c.callTool({ name: "read_file", arguments: { path: "README.md", start_line: "one" } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/^invalid arguments for read_file: .*start_line/);
    const extra = await c.callTool({ name: "edit_file", arguments: { path: "README.md", command: "rewrite" } });
    expect(extra.isError).toBe(true);
    const unknown = await c.callTool({ name: "delete_repo", arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain('there is no tool named "delete_repo"');
  });

  it("records each call and result in the trace, in order and numbered by one step counter, even when calls overlap", async () => {
    const c = await httpClient();
    await Promise.all([
      c.callTool({ name: "shell", arguments: { command: "sleep 0.2; echo first" } }),
      c.callTool({ name: "read_file", arguments: { path: "README.md" } }),
    ]);
    const events = repo.trace.events.filter((e) => e.type === "tool_call" || e.type === "tool_result");
    expect(events.map((e) => `${e.type}:${e.data.name}`)).toEqual([
      "tool_call:shell",
      "tool_result:shell",
      "tool_call:read_file",
      "tool_result:read_file",
    ]);
    const calls = events.flatMap((e) => (e.type === "tool_call" ? [e.data] : []));
    expect(calls.map((call) => [call.id, call.step])).toEqual([
      ["mcp-1", 1],
      ["mcp-2", 2],
    ]);
    expect(served!.steps).toBe(2);
  });

  it("reports submit to the runner before the client sees the result", async () => {
    const c = await httpClient();
    expect(served!.submitted).toBe(false);
    await c.callTool({ name: "edit_file", arguments: { path: "README.md", command: "insert", line: 1, new_text: "more\n" } });
    const result = await c.callTool({ name: "submit", arguments: {} });
    expect(text(result)).toBe("submitted a patch touching 1 file(s)");
    expect(served!.submitted).toBe(true);
    await served!.whenSubmitted;
  });

  it("turns a tool box that throws (environment gone) into a protocol error and reports the failure", async () => {
    const c = await httpClient();
    await repo.env.dispose();
    await expect(c.callTool({ name: "shell", arguments: { command: "echo hi" } })).rejects.toThrow(/env_disposed|was disposed/);
    const failure = await served!.whenFailed;
    expect(failure).toMatchObject({ code: "env_disposed" });
    await expect(c.callTool({ name: "read_file", arguments: { path: "README.md" } })).rejects.toThrow(/tools are unavailable/);
  });

  it("serves two sessions from one tool box and one step counter", async () => {
    const c = await httpClient();
    const second = new Client({ name: "second", version: "1.0.0" });
    await second.connect(new StreamableHTTPClientTransport(new URL(served!.url!)));
    await c.callTool({ name: "read_file", arguments: { path: "README.md" } });
    await second.callTool({ name: "read_file", arguments: { path: "README.md" } });
    await second.close();
    expect(repo.trace.events.filter((e) => e.type === "tool_call").map((e) => (e.type === "tool_call" ? e.data.step : 0))).toEqual([1, 2]);
  });

  it("refuses requests on another path, from a web page (Origin) or for another Host", async () => {
    served = await serveToolBoxOverMcp(repo.toolbox, { kind: "http" });
    const url = new URL(served.url!);
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    };
    const post = (path: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: url.port,
            path,
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
          },
          (res) => {
            res.destroy();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify(init));
      });
    expect(await post("/mcp")).toBe(404);
    expect(await post(url.pathname, { origin: "http://evil.example" })).toBe(403);
    expect(await post(url.pathname, { host: `evil.example:${url.port}` })).toBe(403);
    expect(await post(url.pathname)).toBe(200);
  });

  it("rejects with invalid_input when the port is taken", async () => {
    served = await serveToolBoxOverMcp(repo.toolbox, { kind: "http" });
    const port = Number(new URL(served.url!).port);
    await expect(serveToolBoxOverMcp(repo.toolbox, { kind: "http", port })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it("close() ends the server and every session", async () => {
    const c = await httpClient();
    await served!.close();
    await served!.whenClosed;
    await expect(c.callTool({ name: "read_file", arguments: { path: "README.md" } })).rejects.toThrow();
  });
});

describe("tools over MCP (stdio)", () => {
  it("lists the same tools and runs calls over a pipe pair; the client hanging up closes the server", async () => {
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    served = await serveToolBoxOverMcp(repo.toolbox, { kind: "stdio", stdin: toServer, stdout: fromServer });
    expect(served.url).toBeNull();
    client = new Client({ name: "pipe-client", version: "1.0.0" });
    await client.connect(new PipeClientTransport(toServer, fromServer));
    const { tools } = await client.listTools();
    const specs = repo.toolbox.specs().map(({ effects, ...spec }) => ({ ...spec, readOnly: effects?.readOnly }));
    expect(
      tools.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema, readOnly: t.annotations?.readOnlyHint })),
    ).toEqual(specs);
    const read = await client.callTool({ name: "read_file", arguments: { path: "pkg/greet.py", start_line: 2 } });
    expect({ isError: read.isError, text: text(read) }).toEqual({ isError: false, text: "2\t    return 'hello'" });
    const bad = await client.callTool({ name: "read_file", arguments: {} });
    expect(bad.isError).toBe(true);
    expect(repo.trace.events.map((e) => e.type)).toEqual(["tool_call", "tool_result", "tool_call", "tool_result"]);
    await client.close();
    client = undefined;
    await served.whenClosed;
  });
});
