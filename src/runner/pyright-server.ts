// A warm pyright: its language server (`pyright-langserver --stdio`, shipped in the npm package
// pyright), fed one Python tree per check (one per process: pyright-shared.ts). A fresh `pyright` per
// tree spent most of its time starting and parsing typeshed's builtins again (4 s against 0.5 s warm,
// bench/quality.md); here they are parsed once. Every tree is a new folder of one workspace (paths
// are never reused, so nothing cached goes stale) whose name cannot be imported; the files to check
// are opened and their diagnostics pulled (`textDocument/diagnostic`). pyright is given no Python
// interpreter, so what the host has installed never decides a finding. Checks run one at a time; the
// server is killed when this process exits, and ends by itself should this process die.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import type { Socket } from "node:net";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { type Diagnostic, parsePyrightPulled } from "../tools/code-metrics/diagnostics.js";
import { LspConnection } from "./lsp-connection.js";
import { ownImportRoots, typeshedNames } from "./pyright-import-roots.js";

/**
 * A server is replaced after this many checks, or once it holds more memory: it keeps something of
 * every tree it saw (about 5 MB per small tree here, never given back).
 */
const MAX_CHECKS = 100;
const MAX_RSS_BYTES = 1024 * 1024 * 1024;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

/** A check that ran out of time (its server was stopped). */
export class CheckTimeout extends Error {}

let trees = 0;

/** A new folder for one tree in `workspace` (never reused in this process; its name is no Python identifier). */
export function treeDirIn(workspace: string, label: string): string {
  return join(workspace, `tree-${++trees}-${label}`);
}

/** A process's resident memory, where /proc tells it (Linux); 0 elsewhere. */
async function residentBytes(pid: number | undefined): Promise<number> {
  const status = pid ? await readFile(`/proc/${pid}/status`, "utf8").catch(() => "") : "";
  return Number(/^VmRSS:\s*(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  promise.catch(() => undefined); // its failure after the timeout is no one's to handle
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class PyrightServer {
  private readonly connection: LspConnection;
  private queue: Promise<unknown> = Promise.resolve();
  private checks = 0;
  private importRoots: string[] = [];
  private exited = false;
  private closing = false;
  /** Set when a check ran out of time (the server was stopped for it) or the server holds too much memory. */
  private stopped = false;
  private stderr = "";
  private readonly killOnExit = () => this.child.kill("SIGKILL");

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly workspace: string,
    private readonly shadowed: ReadonlySet<string>,
  ) {
    this.connection = new LspConnection(child, (method, params) => this.answer(method, params));
    child.stderr.on("data", (data: Buffer) => (this.stderr = (this.stderr + data.toString()).slice(-2000)));
    const gone = (why: string) => {
      this.exited = true;
      process.off("exit", this.killOnExit);
      this.connection.fail(new Error(`pyright's language server ${why}${this.stderr.trim() ? `: ${this.stderr.trim().slice(-300)}` : ""}`));
    };
    child.on("exit", (code, signal) => gone(`exited (${signal ?? `code ${code}`})`));
    child.on("error", (error) => gone(`could not run: ${error.message}`));
    process.on("exit", this.killOnExit);
    this.idle();
  }

  /** Starts the server on `script` (the package's langserver.index.js) with `workspace` as its only folder. */
  static async start(script: string, workspace: string): Promise<PyrightServer> {
    const shadowed = await typeshedNames(join(dirname(script), "dist", "typeshed-fallback"));
    const child = spawn(process.execPath, [script, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const server = new PyrightServer(child, workspace, shadowed);
    server.busy();
    try {
      const folder = { uri: pathToFileURL(workspace).href, name: "swerig" };
      const capabilities = { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: {} } };
      // With the client's process id the server ends by itself should this process die without closing it.
      const init = server.connection.request("initialize", {
        processId: process.pid,
        rootUri: folder.uri,
        capabilities,
        workspaceFolders: [folder],
      });
      await withTimeout(
        init,
        START_TIMEOUT_MS,
        () => new Error(`pyright's language server did not start within ${START_TIMEOUT_MS / 1000} s`),
      );
      server.connection.notify("initialized", {});
      void server.warmUp();
      return server;
    } catch (error) {
      await server.close();
      throw error;
    } finally {
      server.idle();
    }
  }

  /** Parses typeshed's builtins ahead of the first tree: a check of a small file, queued first. */
  private async warmUp(): Promise<void> {
    const dir = treeDirIn(this.workspace, "warm");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "warm.py"), "import os\nimport typing\n");
    await this.check(dir, ["warm.py"], START_TIMEOUT_MS).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }

  /** False once the server has exited, was stopped, is closing or did its share of checks: the next check goes to a new one. */
  get usable(): boolean {
    return !this.exited && !this.stopped && !this.closing && !this.connection.broken && this.checks < MAX_CHECKS;
  }

  /**
   * pyright's errors and warnings in `paths` (relative to `dir`, a folder of the workspace). Rejects when
   * the server fails or exits, or takes longer than `timeoutMs` (it is then stopped).
   */
  check(dir: string, paths: readonly string[], timeoutMs: number): Promise<Diagnostic[]> {
    this.checks++;
    const run = this.queue.then(() =>
      withTimeout(this.checkNow(dir, paths), timeoutMs, () => {
        this.stopped = true;
        this.child.kill("SIGKILL");
        return new CheckTimeout(`pyright ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped`);
      }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Asks the server to shut down (killed if it does not within 5 s), after the checks already queued. */
  async close(): Promise<void> {
    this.closing = true;
    await this.queue;
    this.busy();
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      const stop = (async () => {
        await this.connection.request("shutdown");
        this.connection.notify("exit");
        await exited;
      })();
      await withTimeout(stop, STOP_TIMEOUT_MS, () => new Error("no shutdown")).catch(() => {
        this.child.kill("SIGKILL");
        return exited;
      });
    }
    process.off("exit", this.killOnExit);
  }

  private async checkNow(dir: string, paths: readonly string[]): Promise<Diagnostic[]> {
    this.busy();
    const uris = paths.map((p) => pathToFileURL(join(dir, p)).href);
    try {
      await this.useImportRoots(await ownImportRoots(dir, this.shadowed));
      for (const [i, uri] of uris.entries()) {
        const text = await readFile(join(dir, paths[i]!), "utf8");
        this.connection.notify("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
      }
      const pulled = await Promise.all(uris.map((uri) => this.connection.request("textDocument/diagnostic", { textDocument: { uri } })));
      const found = pulled.flatMap((result, i) => parsePyrightPulled(result, paths[i]!));
      if ((await residentBytes(this.child.pid)) > MAX_RSS_BYTES) this.stopped = true;
      return found;
    } finally {
      for (const uri of uris) this.connection.notify("textDocument/didClose", { textDocument: { uri } });
      await this.useImportRoots([]);
      this.idle();
    }
  }

  /** Makes `roots` pyright's extra import roots (a settings change: pyright asks for them again and reloads). */
  private async useImportRoots(roots: string[]): Promise<void> {
    if (roots.join("\0") === this.importRoots.join("\0")) return;
    this.importRoots = roots;
    this.connection.notify("workspace/didChangeConfiguration", { settings: null });
  }

  private answer(method: string, params: unknown): unknown {
    if (method !== "workspace/configuration") return null;
    const items = z.object({ items: z.array(z.object({ section: z.string().optional() })) }).safeParse(params);
    return (items.success ? items.data.items : []).map(({ section }) =>
      // A path with no interpreter: pyright then searches no site-packages of the host.
      section === "python"
        ? { pythonPath: join(this.workspace, "no-python"), analysis: { diagnosticMode: "openFilesOnly", extraPaths: this.importRoots } }
        : {},
    );
  }

  /** While a request waits, the server's pipe keeps this process alive; idle, it does not. */
  private busy(): void {
    this.child.ref();
    for (const pipe of this.pipes()) pipe.ref();
  }

  private idle(): void {
    this.child.unref();
    for (const pipe of this.pipes()) pipe.unref();
  }

  /** A child's stdio pipes are sockets (the stream types do not say so). */
  private pipes(): Socket[] {
    return [this.child.stdin, this.child.stdout, this.child.stderr] as unknown[] as Socket[];
  }
}
