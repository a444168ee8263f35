// One warm pyright per process: its language server (`pyright-langserver --stdio`, shipped in the npm
// package pyright), fed one Python tree per check. A fresh `pyright` per tree spent most of its time
// starting and parsing typeshed's builtins again (4 s against 0.5 s warm, bench/quality.ts); here they
// are parsed once. Every tree is a new folder of one workspace (paths are never reused, so nothing
// cached goes stale) whose name cannot be imported; the files to check are opened and their
// diagnostics pulled (`textDocument/diagnostic`). pyright is given no Python interpreter, so what the
// host has installed never decides a finding. Checks run one at a time; a server that exits is
// replaced at the next check, and the server ends when its last holder lets go or the process exits.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { type Diagnostic, parsePyrightPulled } from "../tools/code-metrics/diagnostics.js";
import { LspConnection } from "./lsp-connection.js";
import { ownImportRoots, typeshedNames } from "./pyright-import-roots.js";

/** A server is replaced after this many checks: its caches keep an entry for every tree it saw. */
const MAX_CHECKS = 200;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

class CheckTimeout extends Error {}

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
  /** Set when a check ran out of time and the server was stopped for it. */
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
    const dir = await pyrightTreeDir("warm");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "warm.py"), "import os\nimport typing\n");
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
      const found: Diagnostic[] = [];
      for (const [i, uri] of uris.entries()) {
        found.push(...parsePyrightPulled(await this.connection.request("textDocument/diagnostic", { textDocument: { uri } }), paths[i]!));
      }
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

let workspace: Promise<string> | undefined;
let current: { server: Promise<PyrightServer> } | undefined;
let holders = 0;
let trees = 0;

/** The process's pyright workspace: one temporary folder, removed when the process exits. */
function workspaceDir(): Promise<string> {
  workspace ??= mkdtemp(join(tmpdir(), "swerig-pyright-")).then((dir) => {
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  });
  return workspace;
}

/** A new folder for one tree in the process's pyright workspace (never reused; its name is no Python identifier). */
export async function pyrightTreeDir(label: string): Promise<string> {
  return join(await workspaceDir(), `tree-${++trees}-${label}`);
}

/** The process's server: started on first use, and again after it exited, closed or did its share of checks. */
async function usableServer(script: string): Promise<PyrightServer> {
  for (;;) {
    current ??= { server: workspaceDir().then((dir) => PyrightServer.start(script, dir)) };
    const mine = current;
    const server = await mine.server.catch((error: unknown) => {
      if (current === mine) current = undefined;
      throw error;
    });
    if (server.usable) return server;
    if (current === mine) current = undefined;
    void server.close();
  }
}

/** pyright's language server script, or undefined when the package (an optional dependency) is not installed. */
export function pyrightServerScript(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("pyright/langserver.index.js");
  } catch {
    return undefined;
  }
}

/** Starts the process's server ahead of its first check, when none runs; never rejects. */
export function warmPyright(script: string): void {
  usableServer(script).catch(() => undefined);
}

/**
 * pyright's errors and warnings in `paths` of the tree `dir` (made by pyrightTreeDir), checked by the
 * process's server. Rejects when the server cannot start, fails, exits or runs out of time.
 */
export async function pyrightCheck(script: string, dir: string, paths: readonly string[], timeoutMs: number): Promise<Diagnostic[]> {
  // No await between finding a usable server and queueing the check: a close queued after it waits for it.
  const server = await usableServer(script);
  try {
    return await server.check(dir, paths, timeoutMs);
  } catch (error) {
    // A server that died by itself (before this check, unnoticed, or during it) gets one successor for this tree.
    if (server.usable || error instanceof CheckTimeout) throw error;
    return (await usableServer(script)).check(dir, paths, timeoutMs);
  }
}

/**
 * Holds the server for a run (`warm`: started now, as the run will check Python); the returned release
 * closes it when no other run holds it.
 */
export function holdPyrightServer(options: { warm?: boolean } = {}): () => Promise<void> {
  holders++;
  const script = options.warm ? pyrightServerScript() : undefined;
  if (script) warmPyright(script);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--holders === 0) await closePyrightServer();
  };
}

/** Closes the process's server, if one runs (after its queued checks). */
export async function closePyrightServer(): Promise<void> {
  const mine = current;
  current = undefined;
  await (await mine?.server.catch(() => undefined))?.close();
}
