// A Docker daemon of the test's own (its socket, data root and exec root in a temporary folder, no
// bridge, no iptables), so a test can stop and restart a daemon without touching the machine's one.
// Needs root and dockerd; `available` says whether this host has both.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";

const dockerd = ["/usr/sbin/dockerd", "/usr/bin/dockerd"].find((p) => existsSync(p));
export const privateDaemonAvailable = dockerd !== undefined && process.getuid?.() === 0;

export class PrivateDaemon {
  readonly socket: string;
  readonly docker: Docker;
  private constructor(readonly dir: string) {
    this.socket = join(dir, "docker.sock");
    this.docker = new Docker({ socketPath: this.socket });
  }

  /** `DOCKER_HOST` for processes that should use this daemon. */
  get host(): string {
    return `unix://${this.socket}`;
  }

  static async start(): Promise<PrivateDaemon> {
    const daemon = new PrivateDaemon(await mkdtemp(join(tmpdir(), "swerig-dockerd-")));
    await writeFile(join(daemon.dir, "daemon.json"), "{}\n");
    await daemon.launch();
    return daemon;
  }

  private async launch(): Promise<void> {
    const d = this.dir;
    const args = ["--host", this.host, "--data-root", join(d, "root"), "--exec-root", join(d, "exec"), "--pidfile", join(d, "pid")];
    args.push("--config-file", join(d, "daemon.json"), "--bridge", "none", "--iptables=false", "--ip-masq=false");
    // In a network namespace of its own: a daemon started with `--bridge none` deletes the host's
    // docker0 bridge on start, which would cut the machine's own daemon's default network.
    const child = spawn("unshare", ["--net", "--", dockerd!, ...args], { stdio: "ignore", detached: true });
    child.unref();
    const until = Date.now() + 30_000;
    for (;;) {
      if (
        await this.docker.ping().then(
          () => true,
          () => false,
        )
      )
        return;
      if (Date.now() > until) throw new Error(`the private dockerd did not answer on ${this.socket} within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Copies images from the machine's daemon (`docker save | docker load`). */
  loadImages(tags: string[]): void {
    const tar = execFileSync("docker", ["save", ...tags], { maxBuffer: 4 * 1024 ** 3 });
    execFileSync("docker", ["load"], { input: tar, env: { ...process.env, DOCKER_HOST: this.host }, stdio: ["pipe", "ignore", "inherit"] });
  }

  /** SIGTERM, as `systemctl stop docker` does; resolves when the process is gone. */
  async stop(): Promise<void> {
    const pid = Number(await readFile(join(this.dir, "pid"), "utf8").catch(() => "0"));
    if (!pid) return;
    process.kill(pid, "SIGTERM");
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }

  async restart(): Promise<{ downMs: number }> {
    const started = Date.now();
    await this.stop();
    await this.launch();
    return { downMs: Date.now() - started };
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
