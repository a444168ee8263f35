// The relay that gives a network-less agent container a few ports of the host's loopback: the host
// side (a Unix socket per port) and the container side (its script, run here with node on the host,
// listening on another free port) carry HTTP both ways, and the agent command starts once it listens.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackPort, startHostRelay, type HostRelay } from "../../../src/envs/loopback-relay.js";

let server: Server | undefined;
let relay: HostRelay | undefined;
afterEach(async () => {
  await relay?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe("the loopback relay", () => {
  it("carries requests from the relayed port to the host's port, and starts the command once it listens", async () => {
    server = createServer((req, res) => res.end(`echo ${req.url}`));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    relay = await startHostRelay([port]);
    const inner = await freePort();
    const [script, pair, sep] = relay.relayArgs;
    expect(pair).toBe(`${port}=${relay.dir}/${port}.sock`);
    const probe = `fetch("http://127.0.0.1:${inner}/x?y=1").then((r) => r.text()).then((t) => console.log(t))`;
    const child = spawn(process.execPath, [script!, `${inner}=${pair!.split("=")[1]}`, sep!, process.execPath, "-e", probe]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: "echo /x?y=1" });
  });

  it("removes its folder on close, once", async () => {
    relay = await startHostRelay([1]);
    expect(existsSync(relay.dir)).toBe(true);
    await Promise.all([relay.close(), relay.close()]);
    expect(existsSync(relay.dir)).toBe(false);
  });

  it("takes only IPv4 loopback URLs", () => {
    expect(loopbackPort("http://127.0.0.1:8080/v1")).toBe(8080);
    expect(loopbackPort("http://127.1.2.3")).toBe(80);
    expect(loopbackPort("https://api.anthropic.com")).toBeUndefined();
    expect(loopbackPort("http://localhost:8080")).toBeUndefined();
    expect(loopbackPort("not a url")).toBeUndefined();
  });
});
