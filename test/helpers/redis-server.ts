// A private Redis for a test: Debian's redis-server on a free loopback port, no persistence, its files
// in a temporary folder; nothing depends on a system service. Stopped (and its folder removed) by stop().
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closedPort } from "./closed-port.js";

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-redis-"));
  const port = await closedPort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  const child: ChildProcess = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  let failure: Error | undefined;
  child.on("error", (error) => {
    failure = new Error(`cannot start redis-server (${error.message}); scripts/setup.sh installs it (Debian's redis-server)`);
  });
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const until = Date.now() + 10_000;
  while (!log.includes("Ready to accept connections")) {
    if (failure) throw failure;
    if (child.exitCode !== null || Date.now() > until) throw new Error(`redis-server did not start on port ${port}:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
