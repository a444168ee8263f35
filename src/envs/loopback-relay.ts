// A sealed agent with no network at all but a few ports of the host's loopback (its MCP endpoint, a
// local model server): the container runs with `--network none`; on the host each port is served on a
// Unix socket in a folder mounted into the container, and inside it a small node relay listens on the
// same port of the container's own loopback and forwards to that socket, then starts the agent. URLs
// such as http://127.0.0.1:PORT work unchanged, and nothing else leaves the container.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The relay run inside the container: `node relay.cjs PORT=SOCKET ... -- PROGRAM ARGS...`. */
const CONTAINER_RELAY = `"use strict";
const net = require("node:net");
const { spawn } = require("node:child_process");
const args = process.argv.slice(2);
const sep = args.indexOf("--");
const pairs = args.slice(0, sep);
const command = args.slice(sep + 1);
const pipe = (a, b) => {
  a.pipe(b);
  b.pipe(a);
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
};
let pending = pairs.length;
const start = () => {
  const child = spawn(command[0], command.slice(1), { stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code === null ? 128 : code));
};
for (const pair of pairs) {
  const at = pair.indexOf("=");
  const socket = pair.slice(at + 1);
  const server = net.createServer((client) => pipe(client, net.connect(socket)));
  server.on("error", (error) => {
    console.error("swerig relay: cannot listen on port " + pair.slice(0, at) + ": " + error.message);
    process.exit(125);
  });
  server.listen(Number(pair.slice(0, at)), "127.0.0.1", () => {
    if (--pending === 0) start();
  });
}
if (pairs.length === 0) start();
`;

export interface HostRelay {
  /** Folder holding the relay script and the sockets; mount it (read-only) at the same path. */
  dir: string;
  /** Arguments of the container relay before the command: the script, then PORT=SOCKET pairs and `--`. */
  relayArgs: string[];
  /** Stops serving and removes the folder; idempotent, never rejects. */
  close(): Promise<void>;
}

function pipe(a: Socket, b: Socket): void {
  a.pipe(b);
  b.pipe(a);
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
}

/** Serves each of `ports` of the host's loopback on a Unix socket in a fresh folder. */
export async function startHostRelay(ports: readonly number[]): Promise<HostRelay> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-relay-"));
  const script = join(dir, "relay.cjs");
  await writeFile(script, CONTAINER_RELAY);
  const servers: Server[] = [];
  const pairs: string[] = [];
  try {
    for (const port of [...new Set(ports)].sort((a, b) => a - b)) {
      const socket = join(dir, `${port}.sock`);
      const server = createServer((client) => pipe(client, connect(port, "127.0.0.1")));
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(socket, () => resolve());
      });
      servers.push(server);
      pairs.push(`${port}=${socket}`);
    }
  } catch (error) {
    for (const s of servers) s.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      await rm(dir, { recursive: true, force: true });
    })());
  return { dir, relayArgs: [script, ...pairs, "--"], close };
}

/** The port of an http(s) URL on the host's IPv4 loopback (127.0.0.0/8), or undefined for any other host. */
export function loopbackPort(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  if (parsed.port) return Number(parsed.port);
  return parsed.protocol === "https:" ? 443 : parsed.protocol === "http:" ? 80 : undefined;
}
