// The sealed launch of an external agent, as `docker run` arguments: what it may see and what not.
import { describe, expect, it } from "vitest";
import { containerRunArgs, hostSandbox } from "../../../src/envs/agent-sandbox.js";

const input = {
  command: "node my-agent.mjs --fast",
  cwd: "/home/dev/agent",
  env: { SWERIG_MCP_URL: "http://127.0.0.1:4000/t/mcp", SWERIG_TASK_FILE: "/tmp/swerig-agent-1/task.md" },
  readPaths: ["/tmp/swerig-agent-1"],
  hidePaths: ["/home/dev/agent/swe-tasks", "/home/dev/agent/data/lite.jsonl", "/srv/elsewhere/traces"],
};
const hostEnv = {
  PATH: "/usr/bin",
  HOME: "/root",
  OPENAI_API_KEY: "sk-secret",
  MY_BASE_URL: "http://x",
  AWS_SECRET: "no",
  HTTPS_PROXY: "http://p",
};

describe("a container launch", () => {
  const { args, names } = containerRunArgs(
    input,
    { image: "swerig/base-agent-runner:abc", hostEnv },
    "swerig-agent-x",
    (p) => !p.endsWith(".jsonl"),
  );
  const joined = args.join(" ");

  it("mounts only the command's folder and the task file's folder, read-only, and no Docker socket", () => {
    const mounts = args.flatMap((a, i) => (args[i - 1] === "--mount" ? [a] : []));
    expect(mounts).toEqual([
      "type=bind,source=/home/dev/agent,target=/home/dev/agent,readonly",
      "type=bind,source=/tmp/swerig-agent-1,target=/tmp/swerig-agent-1,readonly",
      "type=bind,source=/dev/null,target=/home/dev/agent/data/lite.jsonl,readonly",
      "type=tmpfs,target=/home/dev/agent/swe-tasks",
    ]);
    expect(joined).not.toContain("docker.sock");
    expect(joined).not.toContain("-v ");
    expect(joined).not.toContain("/srv/elsewhere");
  });

  it("passes the run's variables and the host's model settings by name, never their values", () => {
    expect(names).toEqual(["HTTPS_PROXY", "MY_BASE_URL", "OPENAI_API_KEY", "SWERIG_MCP_URL", "SWERIG_TASK_FILE"]);
    expect(joined).not.toContain("sk-secret");
    expect(joined).not.toContain("AWS_SECRET");
    expect(joined).not.toContain("PATH");
  });

  it("runs the command in its folder, on the host network, without capabilities, with limits", () => {
    expect(args.slice(-4)).toEqual(["swerig/base-agent-runner:abc", "/bin/sh", "-c", "node my-agent.mjs --fast"]);
    expect(args.slice(args.indexOf("-w"), args.indexOf("-w") + 2)).toEqual(["-w", "/home/dev/agent"]);
    for (const flag of [
      "--rm",
      "--init",
      "--network host",
      "--cap-drop ALL",
      "--security-opt no-new-privileges",
      "--pids-limit 1024",
      "--name swerig-agent-x",
    ]) {
      expect(joined).toContain(flag);
    }
    expect(joined).toMatch(/--label dev\.swerig=agent-sandbox/);
  });
});

describe("a container launch with a home of its own", () => {
  it("mounts the home read-write (and not also read-only), sets HOME to it, and leaves the rest read-only", () => {
    const home = "/tmp/swerig-agent-1/home";
    const launch = { ...input, cwd: home, env: { ...input.env, HOME: home }, writePaths: [home] };
    const { args, names } = containerRunArgs(launch, { image: "swerig/base-agent-claude-code:abc", hostEnv }, "swerig-agent-y");
    const mounts = args.flatMap((a, i) => (args[i - 1] === "--mount" ? [a] : []));
    expect(mounts).toEqual([
      "type=bind,source=/tmp/swerig-agent-1,target=/tmp/swerig-agent-1,readonly",
      `type=bind,source=${home},target=${home}`,
    ]);
    expect(args.join(" ")).not.toContain("HOME=/tmp");
    expect(names).toContain("HOME");
  });
});

describe("a container launch with loopback ports only", () => {
  it("runs without a network, mounts the relay's folder, and starts the command through the relay", () => {
    const relay = { dir: "/tmp/swerig-relay-1", relayArgs: ["/tmp/swerig-relay-1/relay.cjs", "4000=/tmp/swerig-relay-1/4000.sock", "--"] };
    const { args } = containerRunArgs(input, { image: "img", hostEnv }, "swerig-agent-z", () => true, relay);
    expect(args.join(" ")).toContain("--network none");
    // No proxy: it would be out of reach, and the relayed ports are dialled directly.
    expect(args.join(" ")).not.toContain("HTTPS_PROXY");
    expect(args.join(" ")).toContain("-e OPENAI_API_KEY");
    expect(args.join(" ")).toContain("type=bind,source=/tmp/swerig-relay-1,target=/tmp/swerig-relay-1,readonly");
    expect(args.slice(args.indexOf("img"))).toEqual(["img", "node", ...relay.relayArgs, "/bin/sh", "-c", "node my-agent.mjs --fast"]);
  });
});

describe("a host launch", () => {
  it("runs the command with sh, and gives it the run's SWERIG_ variables only", async () => {
    process.env["SWERIG_TASK"] = "leaked from outside";
    try {
      const launch = await hostSandbox.launch({ ...input, env: { SWERIG_MCP_URL: "u" } });
      expect([launch.file, ...launch.args]).toEqual(["/bin/sh", "-c", "node my-agent.mjs --fast"]);
      expect(launch.env["SWERIG_MCP_URL"]).toBe("u");
      expect(launch.env["SWERIG_TASK"]).toBeUndefined();
      expect(launch.env["PATH"]).toBe(process.env["PATH"]);
    } finally {
      delete process.env["SWERIG_TASK"];
    }
  });
});
