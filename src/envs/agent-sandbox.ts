// Where an external agent's process runs. "host": a plain child process (it could reach the host's
// files, so only the workspace guard stands between it and the working copy). "container": a fresh
// container of its own with nothing of the host mounted but its own command folder (read-only) and
// its task file, on the host's network so that it reaches its MCP endpoint and its model endpoint (or,
// when those are ports of the host's loopback, with no network and just them relayed in): the
// repository it works on is reachable only through the recorded tools, and the task's hidden tests and
// reference patch, the traces and the Docker socket are out of its reach.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { getDocker, ownerLabels } from "./docker-client.js";
import { startHostRelay } from "./loopback-relay.js";

export type SandboxKind = "host" | "container";

export interface SandboxLaunch {
  /** Program and arguments to spawn on the host (in its own process group). */
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Removes what the launch left (the container); idempotent, never rejects. */
  dispose(): Promise<void>;
}

export interface LaunchInput {
  command: string;
  /** The folder the command runs in (mounted read-only at the same path in a container). */
  cwd: string;
  /** Variables the agent needs (SWERIG_*, its own settings); values are never put on a command line. */
  env: Record<string, string>;
  /** Files or folders the agent must read (the task file's folder), mounted read-only at the same paths. */
  readPaths: string[];
  /**
   * Files or folders the agent must not see even where they lie inside a mounted folder (the task set
   * with its hidden tests and reference patches, the traces): covered by an empty folder or file.
   */
  hidePaths?: string[];
  /** Folders the agent writes (its own home), mounted read-write at the same paths. */
  writePaths?: string[];
  /**
   * Set when the agent needs no network but these ports of the host's loopback (its MCP endpoint, a
   * local model server): a container then runs without a network, with just these ports relayed in.
   */
  loopbackOnly?: number[];
}

export interface CommandSandbox {
  readonly kind: SandboxKind;
  /** The container image, for a container sandbox. */
  readonly image?: string;
  launch(input: LaunchInput): Promise<SandboxLaunch>;
}

/** Host variables a sealed agent still gets: model endpoints, API keys and proxies, by name. */
export const PASSED_HOST_VARIABLE =
  /^(?:[A-Z0-9]+_)*(?:API_KEY|API_BASE|BASE_URL|AUTH_TOKEN)$|^(?:HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy)$/;

export interface ContainerSandboxOptions {
  image: string;
  /** Memory limit of the agent's container; default 4 GiB. */
  memoryBytes?: number;
  pidsLimit?: number;
  /** Host environment to pick passed variables from; default process.env. */
  hostEnv?: NodeJS.ProcessEnv;
}

export const hostSandbox: CommandSandbox = {
  kind: "host",
  async launch(input) {
    const env: NodeJS.ProcessEnv = { ...process.env, ...input.env };
    // SWERIG_* variables are the run's to give: none leaks in from swerig's own environment.
    for (const key of Object.keys(env)) if (key.startsWith("SWERIG_") && !(key in input.env)) delete env[key];
    return { file: "/bin/sh", args: ["-c", input.command], env, dispose: async () => undefined };
  },
};

/** The `docker run` arguments of a sealed launch (pure; exported for tests). */
export function containerRunArgs(
  input: LaunchInput,
  options: ContainerSandboxOptions,
  name: string,
  isDirectory: (path: string) => boolean | undefined = () => true,
  relay?: { dir: string; relayArgs: string[] },
): { args: string[]; names: string[] } {
  const host = options.hostEnv ?? process.env;
  // Without a network, a proxy is out of reach: the relayed ports are dialled directly.
  const passed = (k: string) => PASSED_HOST_VARIABLE.test(k) && !(relay && /proxy$/i.test(k));
  const names = [...new Set([...Object.keys(input.env), ...Object.keys(host).filter(passed)])].sort();
  const writable = [...new Set(input.writePaths ?? [])].sort();
  const mounts = [...new Set([input.cwd, ...input.readPaths, ...(relay ? [relay.dir] : [])])].filter((p) => !writable.includes(p)).sort();
  const labels = Object.entries(ownerLabels("agent-sandbox")).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const args = [
    "run",
    "--rm",
    "--init",
    "--name",
    name,
    ...labels,
    "--network",
    relay ? "none" : "host",
    "--user",
    `${uid}:${gid}`,
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
    "--memory",
    String(options.memoryBytes ?? 4 * 1024 ** 3),
    "--pids-limit",
    String(options.pidsLimit ?? 1024),
    "--tmpfs",
    "/tmp:rw,exec,mode=1777",
    // A home of the launch's own (input.env.HOME, passed by name below) replaces the scratch one.
    ...("HOME" in input.env ? [] : ["-e", "HOME=/tmp"]),
    ...mounts.flatMap((path) => ["--mount", `type=bind,source=${path},target=${path},readonly`]),
    ...writable.flatMap((path) => ["--mount", `type=bind,source=${path},target=${path}`]),
    ...hidden(input, mounts, isDirectory),
    ...names.flatMap((k) => ["-e", k]),
    "-w",
    input.cwd,
    options.image,
    ...(relay ? ["node", ...relay.relayArgs] : []),
    "/bin/sh",
    "-c",
    input.command,
  ];
  return { args, names };
}

/** Mounts that cover each hidden path lying inside a mounted one (elsewhere it is out of reach anyway). */
function hidden(input: LaunchInput, mounts: string[], isDirectory: (path: string) => boolean | undefined): string[] {
  const inside = (path: string) =>
    [...mounts, ...(input.writePaths ?? [])].some((m) => path === m || path.startsWith(m.endsWith("/") ? m : `${m}/`));
  return [...new Set(input.hidePaths ?? [])].sort().flatMap((path) => {
    if (!inside(path)) return [];
    const dir = isDirectory(path);
    if (dir === undefined) return [];
    return ["--mount", dir ? `type=tmpfs,target=${path}` : `type=bind,source=/dev/null,target=${path},readonly`];
  });
}

export function containerSandbox(options: ContainerSandboxOptions): CommandSandbox {
  return {
    kind: "container",
    image: options.image,
    async launch(input) {
      const name = `swerig-agent-${randomBytes(6).toString("hex")}`;
      const isDirectory = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory();
      const relay = input.loopbackOnly ? await startHostRelay(input.loopbackOnly) : undefined;
      const { args } = containerRunArgs(input, options, name, isDirectory, relay);
      const host = options.hostEnv ?? process.env;
      return {
        file: "docker",
        args,
        // The docker client reads the passed variables' values from its own environment (`-e NAME`).
        env: { ...host, ...input.env },
        // Killing the client does not stop the container: remove it by name.
        dispose: () =>
          getDocker()
            .getContainer(name)
            .remove({ force: true })
            .then(
              () => undefined,
              () => undefined,
            )
            .then(() => relay?.close()),
      };
    },
  };
}

/**
 * What `argv` prints (stdout and stderr together) in a throwaway, offline container of `image`, e.g. a
 * CLI's `--version`. Never rejects: a failure to run comes back as its message with ok false.
 */
export function imageCommandOutput(image: string, argv: readonly string[], timeoutMs = 60_000): Promise<{ ok: boolean; output: string }> {
  const labels = Object.entries(ownerLabels("agent-sandbox")).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  const args = ["run", "--rm", ...labels, "--network", "none", "--user", `${process.getuid?.() ?? 0}`, "-e", "HOME=/tmp", image, ...argv];
  return new Promise((resolve) => {
    execFile("docker", args, { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${String(stdout)}${String(stderr)}`.trim();
      resolve({ ok: !error, output: error && output === "" ? error.message : output });
    });
  });
}
