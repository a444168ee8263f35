// A persistent bash session over one stream pair: each command is framed with a per-session random
// nonce, runs in its own process group (job control on) with stdin closed, and its exit status comes
// back in a marker line. One `docker exec` per session instead of one per command.
import { randomBytes } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import { SwerigError, shellQuote } from "../core/index.js";
import { DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES, type ExecOptions, type ExecResult } from "./environment.js";
import { OutputBuffer } from "./output-buffer.js";

export interface SessionIo {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable;
  /** Kills every process of group `pgid` inside the environment (SIGKILL). */
  killGroup(pgid: number): Promise<void>;
}

/** How long a killed command may take to report before the session is given up. */
const KILL_GRACE_MS = 5_000;

function cancelledBeforeStart(): ExecResult {
  return { exitCode: null, output: "", timedOut: false, cancelled: true, truncated: false, totalBytes: 0, durationMs: 0 };
}

interface Pending {
  command: string;
  options: ExecOptions;
  resolve: (result: ExecResult) => void;
  reject: (error: unknown) => void;
}

export class ShellSession {
  private readonly nonce = `SWERIG${randomBytes(12).toString("hex")}`;
  private readonly queue: Pending[] = [];
  private current:
    | {
        pending: Pending;
        out: OutputBuffer;
        held: Buffer;
        pgid?: number;
        timedOut: boolean;
        cancelled: boolean;
        started: number;
        timer?: NodeJS.Timeout;
        unhook?: () => void;
      }
    | undefined;
  private deadError: SwerigError | undefined;
  private stderrText = "";

  constructor(
    private readonly io: SessionIo,
    private readonly workdir: string,
    private readonly describe: string,
    /** How long a killed command may take to report before the session gives it up. */
    private readonly killGraceMs = KILL_GRACE_MS,
  ) {
    io.stdout.on("data", (chunk: Buffer) => this.onStdout(chunk));
    io.stderr.on("data", (chunk: Buffer) => this.onStderr(chunk));
    const gone = (why: string) => () => this.fail(new SwerigError("container_gone", `${describe}: ${why}`));
    io.stdout.on("end", gone("the shell session ended"));
    io.stdout.on("error", gone("the shell session stream failed"));
    io.stdin.on("error", gone("the shell session does not take input any more"));
    // Job control gives every command its own process group, so a timeout kills it and its children.
    io.stdin.write(
      [
        "set -m +o history 2>/dev/null",
        "__swerig_run() {",
        `  ( cd -- "$2" 2>/dev/null || { echo "swerig: no such directory: $2"; exit 127; }; eval "$__swerig_cmd" ) </dev/null 2>&1 &`,
        '  local pid=$!; printf \'%s pid %s\\n\' "$1" "$pid" >&2',
        '  wait "$pid"; local rc=$?; printf \'\\n%s rc %s\\n\' "$1" "$rc"',
        "}",
        "",
      ].join("\n"),
    );
  }

  get alive(): boolean {
    return this.deadError === undefined;
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.deadError) return Promise.reject(this.deadError);
    if (options.signal?.aborted) return Promise.resolve(cancelledBeforeStart());
    return new Promise((resolve, reject) => {
      this.queue.push({ command, options, resolve, reject });
      if (!this.current) this.startNext();
    });
  }

  /** Fails every pending command with `error`; the session takes no more commands. */
  fail(error: SwerigError): void {
    if (this.deadError) return;
    this.deadError = error;
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.unhook?.();
      this.current.pending.reject(error);
      this.current = undefined;
    }
    for (const p of this.queue.splice(0)) p.reject(error);
  }

  private startNext(): void {
    let pending = this.queue.shift();
    // A command cancelled while it waited never starts.
    while (pending?.options.signal?.aborted) {
      pending.resolve(cancelledBeforeStart());
      pending = this.queue.shift();
    }
    if (!pending) return;
    const { options } = pending;
    const out = new OutputBuffer(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    this.current = { pending, out, held: Buffer.alloc(0), timedOut: false, cancelled: false, started: performance.now() };
    const signal = options.signal;
    if (signal) {
      const current = this.current;
      const onAbort = () => this.stop(current, "cancelled");
      signal.addEventListener("abort", onAbort, { once: true });
      current.unhook = () => signal.removeEventListener("abort", onAbort);
    }
    const cwd = options.cwd === undefined ? this.workdir : options.cwd.startsWith("/") ? options.cwd : `${this.workdir}/${options.cwd}`;
    const exports = Object.entries(options.env ?? {})
      .map(([k, v]) => `export ${k}=${shellQuote(v)}\n`)
      .join("");
    const terminator = `__${this.nonce}_END`;
    this.io.stdin.write(
      `read -r -d '' __swerig_cmd <<'${terminator}'\n${exports}${pending.command}\n${terminator}\n` +
        `__swerig_run ${this.nonce} ${shellQuote(cwd)}\n`,
    );
    const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const started = this.current;
    started.timer = setTimeout(() => this.stop(started, "timedOut"), timeoutMs);
  }

  /** Kills the running command's process group (now, or as soon as its pid is known). */
  private stop(cur: NonNullable<ShellSession["current"]>, why: "timedOut" | "cancelled"): void {
    if (this.current !== cur || cur.timedOut || cur.cancelled) return;
    cur[why] = true;
    clearTimeout(cur.timer);
    if (cur.pgid !== undefined) void this.io.killGroup(cur.pgid).catch(() => undefined);
    cur.timer = setTimeout(() => this.abandon(cur, why), this.killGraceMs);
  }

  /**
   * A timed-out or cancelled command that could not be killed (a fork bomb at the pid limit leaves no
   * room for the killer): it ends as timed out or cancelled with what it printed, and the session,
   * stuck in it, takes no more commands (the environment opens another one or is disposed).
   */
  private abandon(cur: NonNullable<ShellSession["current"]>, why: "timedOut" | "cancelled"): void {
    if (this.current !== cur) return;
    cur.out.push(cur.held);
    cur.out.push(Buffer.from(`\n[swerig: the ${why === "timedOut" ? "timed-out" : "cancelled"} command could not be killed]\n`));
    this.deadError = new SwerigError("container_gone", `${this.describe}: the session is stuck in a command that could not be killed`);
    this.finish(null);
    for (const p of this.queue.splice(0)) p.reject(this.deadError);
  }

  private onStderr(chunk: Buffer): void {
    this.stderrText += chunk.toString("utf8");
    for (let nl = this.stderrText.indexOf("\n"); nl >= 0; nl = this.stderrText.indexOf("\n")) {
      const line = this.stderrText.slice(0, nl);
      this.stderrText = this.stderrText.slice(nl + 1);
      const m = line.startsWith(`${this.nonce} pid `) ? /(\d+)$/.exec(line) : null;
      if (m && this.current) {
        this.current.pgid = Number(m[1]);
        if (this.current.timedOut || this.current.cancelled) void this.io.killGroup(this.current.pgid).catch(() => undefined);
      }
    }
  }

  private onStdout(chunk: Buffer): void {
    const cur = this.current;
    if (!cur) return;
    const data = cur.held.length ? Buffer.concat([cur.held, chunk]) : chunk;
    const marker = Buffer.from(`\n${this.nonce} rc `);
    const at = data.indexOf(marker);
    if (at >= 0) {
      const lineEnd = data.indexOf(0x0a, at + marker.length);
      if (lineEnd >= 0) {
        cur.out.push(data.subarray(0, at));
        const rc = Number(data.subarray(at + marker.length, lineEnd).toString("latin1"));
        this.finish(rc);
        return;
      }
      cur.out.push(data.subarray(0, at));
      cur.held = Buffer.from(data.subarray(at));
      return;
    }
    // Hold back what could be the start of a marker split across chunks.
    const keep = Math.min(data.length, marker.length + 12);
    cur.out.push(data.subarray(0, data.length - keep));
    cur.held = Buffer.from(data.subarray(data.length - keep));
  }

  private finish(rc: number | null): void {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    cur.unhook?.();
    this.current = undefined;
    cur.pending.resolve({
      exitCode: cur.timedOut || cur.cancelled ? null : rc,
      output: cur.out.text(),
      timedOut: cur.timedOut,
      ...(cur.cancelled ? { cancelled: true } : {}),
      truncated: cur.out.truncated,
      totalBytes: cur.out.total,
      durationMs: performance.now() - cur.started,
    });
    if (!this.deadError) this.startNext();
  }
}
