// A sealed agent whose endpoints are all on the host's loopback runs with no network at all: the
// relayed port answers at its usual URL, and an outside address is unreachable at once.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { containerSandbox } from "../../src/envs/agent-sandbox.js";
import { agentRunnerImage } from "../../src/envs/images/index.js";
import { dockerAvailable } from "../helpers/docker.js";

const dir = await mkdtemp(join(tmpdir(), "swerig-loopback-"));
const server = createServer((req, res) => res.end(`host says ${req.url}`));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const PROBE = `
const net = require("node:net");
const outside = (host, port) => new Promise((resolve) => {
  const s = net.connect(port, host);
  s.on("connect", () => { s.destroy(); resolve("connected"); });
  s.on("error", (e) => resolve(e.code));
  setTimeout(() => { s.destroy(); resolve("timeout"); }, 5000);
});
(async () => {
  const text = await fetch(process.env.ENDPOINT + "/ping").then((r) => r.text());
  console.log(JSON.stringify({ text, outside: await outside("1.1.1.1", 443) }));
})();
`;

describe.runIf(dockerAvailable)("a sealed agent with loopback ports only", () => {
  it("reaches its relayed endpoint at 127.0.0.1:PORT and nothing outside", async () => {
    await writeFile(join(dir, "probe.cjs"), PROBE);
    const sandbox = containerSandbox({ image: await agentRunnerImage(), hostEnv: {} });
    const launch = await sandbox.launch({
      command: `node ${join(dir, "probe.cjs")}`,
      cwd: dir,
      env: { ENDPOINT: `http://127.0.0.1:${port}` },
      readPaths: [],
      loopbackOnly: [port],
    });
    expect(launch.args.slice(launch.args.indexOf("--network"), launch.args.indexOf("--network") + 2)).toEqual(["--network", "none"]);
    try {
      const child = spawn(launch.file, launch.args, { env: launch.env });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect({ code, err }).toEqual({ code: 0, err: "" });
      expect(JSON.parse(out.trim())).toEqual({ text: "host says /ping", outside: "ENETUNREACH" });
    } finally {
      await launch.dispose();
    }
  }, 120_000);
});
