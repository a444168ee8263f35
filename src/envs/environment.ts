// The Environment contract every backend honours (docker, local, fake): commands run in the task's
// workdir and come back as values; only a vanished environment makes a call reject.

export interface ExecOptions {
  /** Directory to run in; relative paths are taken from the workdir. Default: the workdir. */
  cwd?: string;
  /** Extra environment variables for this command only. */
  env?: Record<string, string>;
  /** The command's process group is killed after this long. Default DEFAULT_EXEC_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Output kept (head and tail); the middle is dropped with a marker. Default DEFAULT_MAX_OUTPUT_BYTES. */
  maxOutputBytes?: number;
  /** Aborting kills the command's process group as a timeout does; the result says `cancelled`. */
  signal?: AbortSignal;
}

export interface ExecResult {
  /** Exit status; null when the command was killed for its timeout or cancelled. */
  exitCode: number | null;
  /** stdout and stderr interleaved as the command wrote them, decoded as UTF-8. */
  output: string;
  timedOut: boolean;
  /** True when options.signal aborted the command (before or while it ran). */
  cancelled?: boolean;
  /** True when output was cut to maxOutputBytes. */
  truncated: boolean;
  /** Bytes the command wrote in all, kept or not. */
  totalBytes: number;
  durationMs: number;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

export interface Environment {
  /** Backend name: "docker", "local", "fake". */
  readonly kind: string;
  /** False for backends that run on the host without a sandbox (local). */
  readonly isolated: boolean;
  /** Absolute path of the repository inside the environment (`/testbed`). */
  readonly workdir: string;

  /**
   * Runs `command` with bash in the workdir (or options.cwd). Never rejects for a non-zero exit, a
   * timeout or a cancellation. Rejects with SwerigError("container_gone") when the environment died, and with
   * SwerigError("env_disposed") after dispose().
   */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;

  /**
   * Copies a file into the environment at an absolute path or one relative to the workdir.
   * Rejects with SwerigError("container_gone" | "env_disposed") only.
   */
  putFile(path: string, content: string | Buffer): Promise<void>;

  /** Stops and removes everything the environment holds. Idempotent; never rejects. */
  dispose(): Promise<void>;
}
