// Host processes in a directory of the host: no isolation, but the same shell session framing as the
// docker backend, so the fast tests exercise the real protocol. Labelled `isolated: false`.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import { SwerigError } from "../core/index.js";
import type { Environment, ExecOptions, ExecResult } from "./environment.js";
import { ShellSession } from "./shell-session.js";

export class LocalEnvironment implements Environment {
  readonly kind = "local";
  readonly isolated = false;
  private session: ShellSession | undefined;
  private child: ChildProcess | undefined;
  private disposed = false;

  /** `workdir` is a host directory the commands run in; it is not removed by dispose(). */
  constructor(readonly workdir: string) {}

  private open(): ShellSession {
    if (this.session?.alive) return this.session;
    const child = spawn("bash", ["--noprofile", "--norc"], {
      cwd: this.workdir,
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PS1: "", HISTFILE: "/dev/null" },
    });
    this.child = child;
    const session = new ShellSession(
      {
        stdin: child.stdin!,
        stdout: child.stdout!,
        stderr: child.stderr!,
        killGroup: async (pgid) => {
          try {
            process.kill(-pgid, "SIGKILL");
          } catch {
            // the group is already gone
          }
        },
      },
      this.workdir,
      `local environment at ${this.workdir}`,
    );
    child.on("exit", () => session.fail(new SwerigError("container_gone", `local environment at ${this.workdir}: its shell exited`)));
    this.session = session;
    return session;
  }

  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    if (this.disposed) throw new SwerigError("env_disposed", `local environment at ${this.workdir} was disposed`);
    return this.open().exec(command, options);
  }

  async putFile(path: string, content: string | Buffer): Promise<void> {
    if (this.disposed) throw new SwerigError("env_disposed", `local environment at ${this.workdir} was disposed`);
    const target = isAbsolute(path) ? path : join(this.workdir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.session?.fail(new SwerigError("env_disposed", `local environment at ${this.workdir} was disposed`));
    this.child?.stdin?.end();
    this.child?.kill("SIGKILL");
  }
}
