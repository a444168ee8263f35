// Evaluates an external agent: a user's command line, run in a sandbox (a container of its own, or a
// host process), in its own process group, working on the task only through the recorded tools, which
// this run serves to it over MCP. Its output is captured (bounded), its wall time limited, and its
// whole process group (and container) killed at the end.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgentCrashError, SwerigError, tailOf } from "../core/index.js";
import { hostSandbox, type CommandSandbox, type SandboxLaunch } from "../envs/agent-sandbox.js";
import { OutputBuffer } from "../envs/output-buffer.js";
import type { McpToolServer } from "../tools/mcp-server.js";
import type { Agent, AgentContext, AgentOutcome, ToolBox } from "./agent.js";
import { killGroup, trackGroup } from "./process-group.js";
import { stepLimited } from "./step-limited.js";

export const DEFAULT_COMMAND_OUTPUT_BYTES = 1024 * 1024;
/** How long a process may keep running after it submitted before its group is killed. */
export const DEFAULT_SUBMIT_GRACE_MS = 10_000;
/** Between SIGTERM and SIGKILL to the process group. */
export const DEFAULT_KILL_GRACE_MS = 2_000;
/** SWERIG_TASK carries the problem statement only below this size (an environment string is capped at 128 KiB). */
const MAX_TASK_ENV_BYTES = 100_000;
/** How much of a crashed process's stderr goes into the error. */
const STDERR_TAIL_LINES = 20;
const STDERR_TAIL_CHARS = 2_000;
/** After the process ended: how long to wait for its pipes to drain. */
const DRAIN_MS = 2_000;

/** What the process left behind, for the runner to store beside the trace. */
export interface CommandOutput {
  taskId: string;
  command: string;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CommandAgentOptions {
  /** Serves the run's tool box over MCP on Streamable HTTP (the runner passes serveToolBoxOverMcp with kind "http"). */
  serveTools(tools: ToolBox): Promise<McpToolServer>;
  /** Agent name in traces and reports. Default "command". */
  name?: string;
  /** Directory the command runs in. Default: the current directory of this process (where swerig was started). */
  cwd?: string;
  /** Extra environment variables for the process (on a host process, on top of the host's). */
  env?: Record<string, string>;
  /** Where the process runs (envs/agent-sandbox.ts). Default: a host process. */
  sandbox?: CommandSandbox;
  /** Paths a sandboxed process must not see (the task set, the traces folder). */
  hidePaths?: string[];
  /** Bytes of stdout, and of stderr, kept (head and tail). Default DEFAULT_COMMAND_OUTPUT_BYTES. */
  maxOutputBytes?: number;
  submitGraceMs?: number;
  killGraceMs?: number;
  /** Receives the captured output once the process has ended, also when the run then fails. */
  onOutput?(output: CommandOutput): void | Promise<void>;
  /** The model it uses, when known (a preset's --model). */
  model?: string;
  /** Settings recorded in the trace instead of {command, sandbox} (a preset's name, version, model). */
  settings?: Record<string, unknown>;
  /**
   * Called once the MCP endpoint is up, before the process starts: the command line, extra environment,
   * working folder and writable folders of this run (a preset writes its configuration here).
   */
  prepare?(run: CommandRun): Promise<CommandLaunch>;
  /**
   * Called once the process has ended with what it printed and how the run would end (its outcome, or
   * the error it would throw): returns the outcome to report or throws (a preset reads usage here).
   */
  review?(output: CommandOutput, ending: { outcome: AgentOutcome } | { error: unknown }, trace: AgentContext["trace"]): AgentOutcome;
}

/** What `prepare` gets: the run's endpoint, its scratch folder (removed at the end) and the task. */
export interface CommandRun {
  mcpUrl: string;
  scratch: string;
  taskFile: string;
  problemStatement: string;
  limits: AgentContext["limits"];
}

export interface CommandLaunch {
  command: string;
  env: Record<string, string>;
  cwd?: string;
  writePaths?: string[];
  /** The process needs no network but these ports of the host's loopback (see LaunchInput.loopbackOnly). */
  loopbackOnly?: number[];
}

type Stop =
  | { kind: "exit"; code: number | null; signal: string | null }
  | { kind: "spawn_error"; error: Error }
  | { kind: "wall_time" }
  | { kind: "steps" }
  | { kind: "cancelled" }
  | { kind: "failure"; error: unknown }
  | { kind: "linger" };

const NO_USAGE = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

export class CommandAgent implements Agent {
  readonly name: string;
  readonly model: string | null;
  readonly settings: Record<string, unknown>;
  readonly external = true;

  /** @param command a shell command line (run with /bin/sh -c), e.g. `my-agent --flag` */
  constructor(
    readonly command: string,
    private readonly options: CommandAgentOptions,
  ) {
    this.name = options.name ?? "command";
    this.model = options.model ?? null;
    const sandbox = options.sandbox ?? hostSandbox;
    this.settings = options.settings ?? { command, sandbox: sandbox.kind, ...(sandbox.image ? { sandboxImage: sandbox.image } : {}) };
  }

  /**
   * Runs the command in options.cwd (default: the current directory) with SWERIG_TASK_FILE (the
   * problem statement, in a scratch folder), SWERIG_TASK (the same text, when small enough),
   * SWERIG_TASK_ID, SWERIG_WORKDIR and SWERIG_MCP_URL set. Ends "submitted" when it called submit
   * (killed if still running submitGraceMs later), "limit" when ctx.limits.maxWallTimeMs passed or it
   * tried a tool call past ctx.limits.maxSteps (with a `limit` trace event; the refused call is not run
   * nor recorded), "finished" when it exited 0 without submitting, and "error" when cancelled. Every
   * process of its group is killed before this returns. Rejects with an AgentCrashError (the tail of
   * its stderr in the message) when it exited non-zero or was killed by a signal without submitting,
   * or could not start at all; with the tool box's error when the tools themselves failed (the
   * environment is gone, a bug), after the process was killed.
   */
  async run(ctx: AgentContext): Promise<AgentOutcome> {
    if (ctx.signal?.aborted) return { reason: "error", detail: "cancelled", steps: 0, usage: NO_USAGE };
    const scratch = await mkdtemp(join(tmpdir(), "swerig-agent-"));
    let server: McpToolServer | undefined;
    try {
      const taskFile = join(scratch, "task.md");
      await writeFile(taskFile, ctx.task.problemStatement);
      const limited = stepLimited(ctx.tools, ctx.limits.maxSteps);
      server = await this.options.serveTools(limited.tools);
      if (!server.url) throw new SwerigError("internal", "the command agent needs its tools served over HTTP; serveTools returned no URL");
      const env: Record<string, string> = {
        ...this.options.env,
        SWERIG_TASK_FILE: taskFile,
        SWERIG_TASK_ID: ctx.task.id,
        SWERIG_WORKDIR: ctx.task.workdir,
        SWERIG_MCP_URL: server.url,
      };
      if (Buffer.byteLength(ctx.task.problemStatement) < MAX_TASK_ENV_BYTES) env["SWERIG_TASK"] = ctx.task.problemStatement;
      const { problemStatement } = ctx.task;
      const plan = await this.options.prepare?.({ mcpUrl: server.url, scratch, taskFile, problemStatement, limits: ctx.limits });
      const command = plan?.command ?? this.command;
      const cwd = plan?.cwd ?? this.options.cwd ?? process.cwd();
      const launch = await (this.options.sandbox ?? hostSandbox).launch({
        command,
        cwd,
        env: { ...env, ...plan?.env },
        readPaths: [scratch],
        hidePaths: this.options.hidePaths ?? [],
        ...(plan?.writePaths ? { writePaths: plan.writePaths } : {}),
        ...(plan?.loopbackOnly ? { loopbackOnly: plan.loopbackOnly } : {}),
      });
      const { stop, output } = await this.supervise(ctx, server, limited.whenExceeded, cwd, launch, command).finally(() =>
        launch.dispose(),
      );
      await this.options.onOutput?.(output);
      if (!this.options.review) return this.outcome(ctx, server, stop, output);
      let ending: { outcome: AgentOutcome } | { error: unknown };
      try {
        ending = { outcome: this.outcome(ctx, server, stop, output) };
      } catch (error) {
        ending = { error };
      }
      return this.options.review(output, ending, ctx.trace);
    } finally {
      await server?.close();
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Runs the process until it exits or something stops it, then kills what is left of its group. */
  private async supervise(
    ctx: AgentContext,
    server: McpToolServer,
    stepsExceeded: Promise<void>,
    cwd: string,
    launch: SandboxLaunch,
    command: string,
  ): Promise<{ stop: Stop; output: CommandOutput }> {
    const started = performance.now();
    const maxBytes = this.options.maxOutputBytes ?? DEFAULT_COMMAND_OUTPUT_BYTES;
    const stdout = new OutputBuffer(maxBytes);
    const stderr = new OutputBuffer(maxBytes);
    const timers: NodeJS.Timeout[] = [];
    const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => void timers.push(setTimeout(() => resolve(value), ms)));
    const child = spawn(launch.file, launch.args, { detached: true, cwd, env: launch.env, stdio: ["ignore", "pipe", "pipe"] });
    const untrack = trackGroup(child.pid);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    const exited = new Promise<Stop>((resolve) => {
      child.once("error", (error) => resolve({ kind: "spawn_error", error }));
      child.once("exit", (code, signal) => resolve({ kind: "exit", code, signal }));
    });
    let onAbort: (() => void) | undefined;
    const cancelled = new Promise<Stop>((resolve) => {
      onAbort = () => resolve({ kind: "cancelled" });
      ctx.signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const stop = await Promise.race([
        exited,
        cancelled,
        after<Stop>(ctx.limits.maxWallTimeMs, { kind: "wall_time" }),
        stepsExceeded.then((): Stop => ({ kind: "steps" })),
        server.whenFailed.then((error): Stop => ({ kind: "failure", error })),
        server.whenSubmitted.then(() => after<Stop>(this.options.submitGraceMs ?? DEFAULT_SUBMIT_GRACE_MS, { kind: "linger" })),
      ]);
      let end = stop;
      if (stop.kind !== "exit" && stop.kind !== "spawn_error") {
        killGroup(child.pid, "SIGTERM");
        const termed = await Promise.race([exited, after(this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS, undefined)]);
        killGroup(child.pid, "SIGKILL");
        // A process stuck in the kernel may not report even SIGKILL at once; do not wait for it forever.
        end = termed ?? (await Promise.race([exited, after(DRAIN_MS, undefined)])) ?? stop;
      }
      // Whatever it started and left running goes with it.
      killGroup(child.pid, "SIGKILL");
      await Promise.race([closed, after(DRAIN_MS, undefined)]);
      const result = end.kind === "exit" ? end : { code: null, signal: null };
      const output: CommandOutput = {
        taskId: ctx.task.id,
        command,
        exitCode: result.code,
        signal: result.signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: performance.now() - started,
      };
      return { stop, output };
    } finally {
      timers.forEach(clearTimeout);
      if (onAbort) ctx.signal?.removeEventListener("abort", onAbort);
      untrack();
    }
  }

  private outcome(ctx: AgentContext, server: McpToolServer, stop: Stop, output: CommandOutput): AgentOutcome {
    const steps = Math.min(server.steps, ctx.limits.maxSteps);
    const end = (reason: AgentOutcome["reason"], detail: string | null): AgentOutcome => ({ reason, detail, steps, usage: NO_USAGE });
    if (stop.kind === "failure") throw stop.error;
    if (server.submitted) {
      return end(
        "submitted",
        stop.kind === "exit"
          ? null
          : `the process was still running after it submitted and was killed (${stop.kind === "linger" ? "submit grace" : stop.kind})`,
      );
    }
    switch (stop.kind) {
      case "wall_time":
      case "steps": {
        const what =
          stop.kind === "steps" ? `step limit of ${ctx.limits.maxSteps} tool calls` : `wall time limit of ${ctx.limits.maxWallTimeMs} ms`;
        const detail = `${what} reached; the process group was killed`;
        ctx.trace.record("limit", { kind: stop.kind, detail });
        return end("limit", detail);
      }
      case "cancelled":
        return end("error", "cancelled");
      case "spawn_error":
        throw this.crash(`could not start ${JSON.stringify(output.command)}: ${stop.error.message}`, output, steps);
      case "linger":
        throw new SwerigError("internal", "the submit grace ran out although nothing was submitted");
      case "exit": {
        if (stop.code === 0) return end("finished", "exit code 0 without submitting");
        if ((stop.code === 126 || stop.code === 127) && steps === 0) {
          const what = `could not start ${JSON.stringify(output.command)}: the shell exited ${stop.code} (not found or not executable)`;
          throw this.crash(what, output, steps);
        }
        const how = stop.code !== null ? `exited with code ${stop.code}` : `was killed by ${stop.signal}`;
        const what = `the agent command ${JSON.stringify(output.command)} ${how} without submitting, after ${steps} tool call(s)`;
        throw this.crash(what, output, steps);
      }
    }
  }

  private crash(what: string, output: CommandOutput, steps: number): AgentCrashError {
    const stderrTail = tailOf(output.stderr, STDERR_TAIL_LINES, STDERR_TAIL_CHARS);
    const message = `${what}${stderrTail ? `; its stderr ends with:\n${stderrTail}` : "; it wrote nothing to stderr"}`;
    return new AgentCrashError(message, { exitCode: output.exitCode, signal: output.signal, stderrTail, steps });
  }
}
