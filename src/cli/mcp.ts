// swerig mcp: one task's tools served over MCP (stdio, or Streamable HTTP on 127.0.0.1), backed by a
// container with the task's working copy; every call traced. Ends when the client submits or leaves.
// The session is a task run of the runner (runTask) whose agent is the MCP client; it is not graded.
import { rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_LIMITS, type Agent } from "../agents/agent.js";
import { SwerigError, similarNames } from "../core/index.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { runTask } from "../runner/run-task.js";
import { loadTasks } from "../tasks/index.js";
import { serveToolBoxOverMcp, type McpTransportOptions } from "../tools/mcp-server.js";
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
  const transport =
    port === undefined
      ? ({ kind: "stdio" } as const)
      : ({ kind: "http", endWhenClientLeaves: true, idleTimeoutMs: idleTimeoutSec * 1000, port } as const);
  const ends =
    port === undefined ? "when the client leaves" : `when the client closes its session or after ${idleTimeoutSec} s without a request`;
  const session = mcpSession(transport, (url) =>
    io.err(`swerig mcp: serving ${task.id} ${url ? `at ${url}` : "on stdio"}; the session ends at submit or ${ends}`),
  );
  // The runner's own task run: container, working copy, trace, a guard on changes behind the tools, the diff.
  const result = await runTask(task, {
    ...{ runId: sessionId, dir, sample: 0, agent: session.agent, limits: DEFAULT_LIMITS, grade: false },
    agentEnvironments: dockerAgentEnvironments(sessionId),
    createGradingEnvironment: () => Promise.reject(new SwerigError("internal", "swerig mcp does not grade")),
    ...(signal ? { signal } : {}),
  });
  if (session.notServed) {
    // Nothing was served: leave nothing behind, not even an empty trace.
    await rm(dir, { recursive: true, force: true });
    throw session.notServed;
  }
  if (result.failure) throw new SwerigError("container_gone", `the task environment failed: ${result.failure.reason}`);
  await writeFile(join(dir, "patch.diff"), result.patch);
  io.err(`swerig mcp: ${result.agent.steps} tool calls; trace ${result.tracePath}; patch ${join(dir, "patch.diff")}`);
  if (result.grade?.status !== "unrecorded_changes") return 0;
  io.err(`swerig mcp: ${result.grade.reason ?? "the working copy changed outside the recorded tool calls"}`);
  return 1;
}

/**
 * The MCP client as the task run's agent: the tool box served until the client submits (and leaves,
 * or the grace runs out), leaves, or the run is cancelled. `notServed` is the error when serving failed.
 */
function mcpSession(transport: McpTransportOptions, onServing: (url: string | null) => void) {
  const session: { agent: Agent; notServed?: unknown } = {
    agent: {
      name: "mcp-client",
      model: null,
      settings: {},
      external: true,
      async run(ctx) {
        const server = await serveToolBoxOverMcp(ctx.tools, transport).catch((error: unknown) => {
          session.notServed = error;
          throw error;
        });
        onServing(server.url);
        const aborted = new Promise<void>((done) => ctx.signal?.addEventListener("abort", () => done(), { once: true }));
        const submittedThenLeft = server.whenSubmitted.then(() =>
          Promise.race([server.whenClosed, new Promise((done) => setTimeout(done, SUBMIT_GRACE_MS))]),
        );
        const failed = server.whenFailed.then((e) => Promise.reject(e));
        await Promise.race([submittedThenLeft, server.whenClosed, aborted, failed]).finally(() => server.close());
        const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
        return { reason: server.submitted ? "submitted" : "finished", detail: null, steps: server.steps, usage };
      },
    },
  };
  return session;
}
