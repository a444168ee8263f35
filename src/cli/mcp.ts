// swerig mcp: one task's tools served over MCP (stdio, or Streamable HTTP on 127.0.0.1), backed by a
// container with the task's working copy; every call traced. Ends when the client submits or leaves.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { SwerigError, cacheDir, similarNames, touchedPaths } from "../core/index.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { loadTasks } from "../tasks/index.js";
import { serveToolBoxOverMcp } from "../tools/mcp-server.js";
import { taskToolBox } from "../runner/task-toolbox.js";
import { TraceRecorder } from "../trace/recorder.js";
import { parseOptions, value, SHARED_OPTIONS, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

/** After submit, how long the client may take to read the result and leave before the session closes. */
const SUBMIT_GRACE_MS = 5_000;

export const mcpSpec: CommandSpec = {
  name: "mcp",
  summary: "Serve one task's tools over MCP (stdio by default, or --http PORT), backed by its container.",
  options: {
    tasks: SHARED_OPTIONS.tasks,
    instance: { type: "string", arg: "ID", description: "the task to serve" },
    http: { type: "string", arg: "PORT", description: "serve Streamable HTTP on 127.0.0.1:PORT instead of stdio (0: any free port)" },
    "idle-timeout": {
      type: "string",
      arg: "SEC",
      description: "over HTTP, end the session after SEC seconds without a request",
      default: "1800",
    },
    "traces-dir": { type: "string", arg: "DIR", description: "where the session's trace is written", default: "traces" },
  },
  required: ["instance"],
};

const McpOptions = z.object({
  tasks: value.text,
  instance: value.text,
  http: value.count.optional(),
  "idle-timeout": value.positiveInt,
  "traces-dir": value.text,
});

export async function mcp(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { options } = parseOptions(mcpSpec, argv, McpOptions);
  const { instance: id, http: port, "idle-timeout": idleTimeoutSec } = options;
  const { tasks } = await loadTasks(options.tasks);
  const task = tasks.find((t) => t.id === id);
  if (!task) {
    const close = similarNames(
      id,
      tasks.map((t) => t.id),
      3,
    );
    const hint = close.length > 0 ? `; did you mean ${close.join(", ")}?` : "";
    throw new SwerigError("invalid_input", `--instance ${id}: no such task in ${options.tasks}${hint}`);
  }
  const sessionId = `mcp-${task.id}-${Date.now()}`;
  const dir = resolve(options["traces-dir"], sessionId);
  await mkdir(dir, { recursive: true });
  const scratch = join(cacheDir(), "worktrees", sessionId);
  const { env, workspace, image } = await dockerAgentEnvironments(sessionId).create(task, join(scratch, "repo"));
  const trace = new TraceRecorder(join(dir, "trace.jsonl"), { runId: sessionId, taskId: task.id, sample: 0 });
  trace.record("run_start", {
    task: { id: task.id, repo: task.repo, language: task.language, baseCommit: task.baseCommit },
    agent: "mcp-client",
    model: null,
    settings: {},
    image,
    imageDigest: null,
  });
  const tools = taskToolBox(task, env, workspace, trace, { guardWorkspace: true });
  await tools.checkWorkspace();
  const transport =
    port === undefined
      ? ({ kind: "stdio" } as const)
      : ({ kind: "http", endWhenClientLeaves: true, idleTimeoutMs: idleTimeoutSec * 1000, port } as const);
  const server = await serveToolBoxOverMcp(tools, transport).catch(async (error: unknown) => {
    // Nothing was served: leave nothing behind, neither the container nor the working copy nor an empty trace.
    trace.close();
    await env.dispose();
    await rm(scratch, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const ends = server.url ? `when the client closes its session or after ${idleTimeoutSec} s without a request` : "when the client leaves";
  io.err(`swerig mcp: serving ${task.id} ${server.url ? `at ${server.url}` : "on stdio"}; the session ends at submit or ${ends}`);
  const aborted = new Promise<void>((done) => signal?.addEventListener("abort", () => done(), { once: true }));
  const submittedThenLeft = server.whenSubmitted.then(() =>
    Promise.race([server.whenClosed, new Promise((done) => setTimeout(done, SUBMIT_GRACE_MS))]),
  );
  await Promise.race([submittedThenLeft, server.whenClosed, aborted, server.whenFailed.then((e) => Promise.reject(e))])
    .catch((error: unknown) => {
      throw new SwerigError("container_gone", `the task environment failed: ${(error as Error).message}`);
    })
    .finally(async () => {
      await server.close();
      await env.dispose();
    });
  await tools.checkWorkspace();
  const patch = await workspace.diff();
  trace.record("agent_end", { reason: server.submitted ? "submitted" : "finished", detail: null });
  trace.record("patch", { patch, files: touchedPaths(patch) });
  trace.close();
  await writeFile(join(dir, "patch.diff"), patch);
  await rm(scratch, { recursive: true, force: true });
  io.err(`swerig mcp: ${server.steps} tool calls; trace ${join(dir, "trace.jsonl")}; patch ${join(dir, "patch.diff")}`);
  const unrecorded = tools.unrecordedChanges();
  if (unrecorded.length === 0) return 0;
  const paths = [...new Set(unrecorded.flatMap((c) => c.paths))];
  io.err(
    `swerig mcp: the working copy changed outside the recorded tool calls (${paths.join(", ")}): this patch is not the agent's ` +
      `recorded work`,
  );
  return 1;
}
