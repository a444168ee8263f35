// The process's one warm pyright (pyright-server.ts): started on first use or with a grading run that
// has Python instances, replaced at the next check after it exited, was stopped or did its share, and
// closed once no run has held it for a while (or killed when the process exits). Its workspace is one
// temporary folder for the process's life, where each tree gets a folder of its own.
import { rmSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive } from "../envs/cleanup.js";
import type { Diagnostic } from "../tools/code-metrics/diagnostics.js";
import { CheckTimeout, PyrightServer, treeDirIn } from "./pyright-server.js";

let workspace: Promise<string> | undefined;
let current: { server: Promise<PyrightServer> } | undefined;
let holders = 0;
let idleClose: NodeJS.Timeout | undefined;
/**
 * How long the server stays up once no run holds it, so that a run soon after finds it warm (the dev
 * loop's next iteration, a program grading in turns). Idle, it keeps no process from exiting.
 */
let idleCloseMs = 30_000;

/** Sets how long the server outlives its last holder (0: closed as the last holder releases it); returns the setting before. */
export function setPyrightIdleClose(ms: number): number {
  const before = idleCloseMs;
  idleCloseMs = ms;
  return before;
}

/** Removes the pyright workspaces of processes that no longer run (killed before they could); never throws. */
export async function removeOrphanPyrightWorkspaces(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(/^swerig-pyright-pid(\d+)-/.exec(name)?.[1]);
    if (pid > 0 && pid !== process.pid && !processAlive(pid))
      await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The process's pyright workspace: one temporary folder named after the process, removed when it exits. */
function workspaceDir(): Promise<string> {
  workspace ??= (async () => {
    await removeOrphanPyrightWorkspaces();
    const dir = await mkdtemp(join(tmpdir(), `swerig-pyright-pid${process.pid}-`));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();
  return workspace;
}

/** A new folder for one tree in the process's pyright workspace (never reused; its name is no Python identifier). */
export async function pyrightTreeDir(label: string): Promise<string> {
  return treeDirIn(await workspaceDir(), label);
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
  const server = await usableServer(script);
  try {
    return await server.check(dir, paths, timeoutMs);
  } catch (error) {
    // A server that died by itself (before this check, unnoticed, or during it) or was closed meanwhile
    // gets one successor for this tree.
    if (server.usable || error instanceof CheckTimeout) throw error;
    return (await usableServer(script)).check(dir, paths, timeoutMs);
  }
}

/**
 * Holds the server for a run (`warm`: started now, as the run will check Python); the returned release
 * closes it when no other run has held it for the idle time (setPyrightIdleClose).
 */
export function holdPyrightServer(options: { warm?: boolean } = {}): () => Promise<void> {
  holders++;
  clearTimeout(idleClose);
  idleClose = undefined;
  const script = options.warm ? pyrightServerScript() : undefined;
  if (script) warmPyright(script);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--holders > 0) return;
    if (idleCloseMs <= 0) return closePyrightServer();
    // A new holder clears this timer, so when it fires no run holds the server.
    idleClose = setTimeout(() => void closePyrightServer(), idleCloseMs);
    idleClose.unref();
  };
}

/** Closes the process's server, if one runs (after its queued checks). */
export async function closePyrightServer(): Promise<void> {
  clearTimeout(idleClose);
  idleClose = undefined;
  const mine = current;
  current = undefined;
  await (await mine?.server.catch(() => undefined))?.close();
}
