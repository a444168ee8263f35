// A task container: started from an image with the network cut off (see offline-network.ts), memory
// and process limits, no privileges and no Docker socket, commands run through one persistent shell
// session. Optionally a host working copy is bind-mounted at the workdir.
import { PassThrough, type Duplex } from "node:stream";
import type Docker from "dockerode";
import { SwerigError, errorMessage, shellQuote } from "../core/index.js";
import { getDocker, ownerLabels } from "./docker-client.js";
import type { Environment, ExecOptions, ExecResult } from "./environment.js";
import { installDropRoute, offlineResolvConf } from "./offline-network.js";
import { ShellSession } from "./shell-session.js";

export interface DockerEnvironmentOptions {
  image: string;
  /** Repository path inside the container. Default `/testbed`. */
  workdir?: string;
  /** Host directory bind-mounted read-write at the workdir (the agent's working copy). */
  hostWorkdir?: string;
  /** Image with iproute2 for the network sidecar; required unless network is "none". */
  helperImage?: string;
  /** "offline": packets dropped, DNS fails (default). "none": loopback only, connects fail at once. */
  network?: "offline" | "none";
  memoryBytes?: number;
  pidsLimit?: number;
  /** Value of the swerig label: the run this container belongs to. */
  runId?: string;
  name?: string;
  docker?: Docker;
}

/** Socket errors that mean the daemon itself is not there (stopped, restarting, socket gone). */
const DAEMON_GONE = new Set(["ECONNREFUSED", "ENOENT", "ECONNRESET", "EPIPE", "EACCES"]);

/** A dockerode failure as a typed error: the daemon gone, the image or container missing, or else `fallback`. */
function dockerFailure(error: unknown, message: string, missing: "image_missing" | "container_gone"): SwerigError {
  if (SwerigError.isInstance(error)) return error;
  const { statusCode, code } = error as { statusCode?: number; code?: string };
  const kind = code !== undefined && DAEMON_GONE.has(code) ? "docker_unavailable" : statusCode === 404 ? missing : "internal";
  return new SwerigError(kind, `${message}: ${errorMessage(error)}`, { cause: error });
}

export const DEFAULT_MEMORY_BYTES = 4 * 1024 ** 3;
/** How long after its shell session ended a container is given to show up as stopped. */
const STOP_SETTLE_MS = 500;
const SESSION_KILLED_NOTE =
  "[swerig: the command killed the shell session it ran in (the container still runs); its output is lost; the next command gets a new " +
  "session]\n";
export const DEFAULT_PIDS_LIMIT = 1024;

/** Why a container is no longer running, as its state shows (undefined: it or its daemon is gone). */
function whyStopped(state: { oomKilled: boolean; exitCode: number } | undefined): string {
  if (!state) return "the container is gone (removed, or its Docker daemon stopped)";
  if (state.oomKilled) return `the container was killed by its memory limit (exit code ${state.exitCode})`;
  return `the container was killed from outside (exit code ${state.exitCode}), not by the command`;
}

export class DockerEnvironment implements Environment {
  readonly kind = "docker";
  readonly isolated = true;
  private session: ShellSession | undefined;
  private stream: Duplex | undefined;
  private disposed = false;

  private constructor(
    private readonly docker: Docker,
    readonly container: Docker.Container,
    readonly workdir: string,
    private readonly label: string,
  ) {}

  /**
   * Creates and starts the container. Throws SwerigError "image_missing", "docker_unavailable" (the
   * daemon does not answer), "container_gone" (it vanished while starting) or "internal".
   */
  static async create(options: DockerEnvironmentOptions): Promise<DockerEnvironment> {
    const docker = options.docker ?? getDocker();
    const workdir = options.workdir ?? "/testbed";
    const network = options.network ?? "offline";
    if (network === "offline" && !options.helperImage) {
      throw new SwerigError("internal", "an offline docker environment needs a helper image for its network sidecar");
    }
    const binds = [`${await offlineResolvConf()}:/etc/resolv.conf:ro`];
    if (options.hostWorkdir) binds.push(`${options.hostWorkdir}:${workdir}`);
    const memory = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    let container: Docker.Container;
    try {
      container = await docker.createContainer({
        Image: options.image,
        ...(options.name ? { name: options.name } : {}),
        Cmd: ["tail", "-f", "/dev/null"],
        WorkingDir: workdir,
        User: "root",
        Tty: false,
        Labels: ownerLabels(options.runId ?? "adhoc"),
        HostConfig: {
          NetworkMode: "none",
          Init: true,
          Memory: memory,
          MemorySwap: memory,
          PidsLimit: options.pidsLimit ?? DEFAULT_PIDS_LIMIT,
          Privileged: false,
          SecurityOpt: ["no-new-privileges"],
          Binds: binds,
        },
      });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404) {
        throw new SwerigError("image_missing", `image ${options.image} is not present locally`, { cause: error });
      }
      throw dockerFailure(error, `could not create a container from ${options.image}`, "image_missing");
    }
    const env = new DockerEnvironment(docker, container, workdir, `container ${container.id.slice(0, 12)} (${options.image})`);
    try {
      await container.start();
      if (network === "offline") await installDropRoute(docker, container.id, options.helperImage!);
    } catch (error) {
      await env.dispose();
      throw dockerFailure(error, `could not start ${env.label}`, "container_gone");
    }
    return env;
  }

  private async open(): Promise<ShellSession> {
    if (this.session?.alive) return this.session;
    let stream: Duplex;
    try {
      const exec = await this.container.exec({
        Cmd: ["bash", "--noprofile", "--norc"],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
        WorkingDir: this.workdir,
        Env: ["HISTFILE=/dev/null"],
      });
      stream = (await exec.start({ hijack: true, stdin: true })) as Duplex;
    } catch (error) {
      throw new SwerigError("container_gone", `${this.label}: cannot open a shell: ${errorMessage(error)}`, { cause: error });
    }
    this.stream = stream;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    this.docker.modem.demuxStream(stream, stdout, stderr);
    stream.on("end", () => stdout.end());
    stream.on("error", (e) => stdout.destroy(e));
    this.session = new ShellSession(
      {
        stdin: stream,
        stdout,
        stderr,
        killGroup: (pgid) => this.killGroup(pgid),
      },
      this.workdir,
      this.label,
    );
    return this.session;
  }

  private async killGroup(pgid: number): Promise<void> {
    const exec = await this.container.exec({ Cmd: ["bash", "-c", `kill -KILL -- -${pgid}`], AttachStdout: false, AttachStderr: false });
    const response = (await exec.start({ Detach: true })) as { resume?: () => void } | undefined;
    // A detached start still answers with a stream: drain it, or its socket keeps this process alive.
    response?.resume?.();
  }

  /**
   * Runs a command in the session. When the session dies under it while the container keeps running
   * (the command killed its own shell), that is the command's doing: it comes back as exit 137 with a
   * note, and the next command gets a new session. A container that is gone rejects (container_gone).
   */
  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    if (this.disposed) throw new SwerigError("env_disposed", `${this.label} was disposed`);
    const session = await this.open();
    const started = performance.now();
    try {
      return await session.exec(command, options);
    } catch (error) {
      if (this.disposed) throw new SwerigError("env_disposed", `${this.label} was disposed`, { cause: error });
      if (!SwerigError.isInstance(error) || error.code !== "container_gone") throw error;
      // Give a killed container time to be reported as stopped, then tell who ended the session.
      await new Promise((resolve) => setTimeout(resolve, STOP_SETTLE_MS));
      const state = await this.state();
      if (state?.running) {
        const durationMs = performance.now() - started;
        return { exitCode: 137, output: SESSION_KILLED_NOTE, timedOut: false, truncated: false, totalBytes: 0, durationMs };
      }
      throw new SwerigError("container_gone", `${error.message}: ${whyStopped(state)}`, { cause: error });
    }
  }

  async putFile(path: string, content: string | Buffer): Promise<void> {
    const data = (typeof content === "string" ? Buffer.from(content, "utf8") : content).toString("base64");
    const target = path.startsWith("/") ? path : `${this.workdir}/${path}`;
    const result = await this.exec(
      `mkdir -p -- "$(dirname -- ${shellQuote(target)})" && base64 -d > ${shellQuote(target)} <<'__SWERIG_B64__'\n${data}\n__SWERIG_B64__`,
      { timeoutMs: 60_000 },
    );
    if (result.exitCode !== 0) {
      throw new SwerigError("internal", `${this.label}: could not write ${target}: ${result.output.slice(-300)}`);
    }
  }

  /** Container state as Docker reports it (running, OOMKilled, exit code), or undefined if it is gone. */
  async state(): Promise<{ running: boolean; oomKilled: boolean; exitCode: number } | undefined> {
    try {
      const info = await this.container.inspect();
      return { running: info.State.Running, oomKilled: info.State.OOMKilled, exitCode: info.State.ExitCode };
    } catch {
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.session?.fail(new SwerigError("env_disposed", `${this.label} was disposed`));
    // Close our end of the session stream now rather than wait for the daemon to notice the container went.
    this.stream?.destroy();
    await this.container.remove({ force: true, v: true }).catch(() => undefined);
  }
}
