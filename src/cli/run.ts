// swerig run: an agent on the tasks in containers, every tool call traced, every final diff graded.
// Options in, runner/run-tasks.ts (runTasks) does the run, then the table, summary.json's path and the exit code.
import { resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_LIMITS, describeAgent } from "../agents/agent.js";
import { renderTaskRuns } from "../report/render-task-runs.js";
import { runTasks } from "../runner/run-tasks.js";
import { loadTasks, selectInstances } from "../tasks/index.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import { IMAGE_OPTIONS, parseImageOptions } from "./image-options.js";
import { reportStop } from "./interrupt.js";
import { AGENT_NAMES, makeAgentFactory } from "./make-agent.js";
import { reportProblems, type CliIo } from "./output.js";
import { taskRunProgressPrinter } from "./progress.js";
import { agentOptions, queueRunDispatch, QUEUE_OPTION } from "./queue-option.js";
import { reportRunEnd, RUN_EXIT_HELP } from "./run-exit.js";
import { parseLimits } from "./run-limits.js";
import { commandSettings } from "./run-manifests.js";
import { applyCreatedRange, EVAL_OPTIONS, parseEvalOptions } from "./selection-options.js";

export const runSpec: CommandSpec = {
  name: "run",
  summary: "Run an agent on tasks in containers, trace every tool call, grade every final diff.",
  options: {
    agent: { type: "string", arg: "NAME", description: `${AGENT_NAMES.join(" | ")} (presets: README, Presets)` },
    tasks: SHARED_OPTIONS.tasks,
    instances: SHARED_OPTIONS.instances,
    "run-id": { type: "string", arg: "ID", description: "run name; re-running it resumes" },
    samples: { type: "string", arg: "N", description: "runs per task (pass@k for k = 1, 5, 10 as N allows)", default: "1" },
    plan: { type: "string", arg: "FILE", description: "scripted agent: JSON list of tool calls" },
    model: { type: "string", arg: "NAME", description: "openai/anthropic and presets: the model" },
    "agent-name": { type: "string", arg: "NAME", description: "preset: the agent's name in traces and reports (default the preset's)" },
    "agent-args": { type: "string", arg: '"FLAGS"', description: "preset: extra flags for the agent CLI, passed through unchanged" },
    "base-url": {
      type: "string",
      arg: "URL",
      description: "openai/anthropic and presets: the model endpoint (any OpenAI-compatible server: vLLM, llama.cpp, Ollama, ...)",
    },
    "api-key-env": {
      type: "string",
      arg: "VAR",
      description: "environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)",
    },
    temperature: { type: "string", arg: "T", description: "openai/anthropic: sampling temperature (default 0)" },
    seed: { type: "string", arg: "N", description: "openai: sampling seed" },
    "max-attempts": {
      type: "string",
      arg: "N",
      description: "openai/anthropic: requests per model call, retries of 429/5xx/network errors included (default 6)",
    },
    cmd: {
      type: "string",
      arg: "COMMAND",
      description: "command agent: the command line, run in the current directory; it gets SWERIG_MCP_URL and SWERIG_TASK_FILE",
    },
    sandbox: {
      type: "string",
      arg: "KIND",
      description: "command agent: container (its own container, nothing of the host but the current directory, read-only) | host",
      default: "container",
    },
    "agent-image": {
      type: "string",
      arg: "IMAGE",
      description: "command agent and presets: image of its container (default: node, npm and python from Debian; a preset's own image)",
    },
    "max-cost": { type: "string", arg: "USD", description: "cost limit per run", default: String(DEFAULT_LIMITS.maxCostUsd) },
    "max-steps": { type: "string", arg: "N", description: "step limit per run", default: String(DEFAULT_LIMITS.maxSteps) },
    "max-minutes": {
      type: "string",
      arg: "N",
      description: "wall-time limit per run",
      default: String(DEFAULT_LIMITS.maxWallTimeMs / 60_000),
    },
    "traces-dir": SHARED_OPTIONS["traces-dir"],
    force: {
      type: "boolean",
      description:
        "run again task runs that have a result; a run id used for another configuration:" +
        " keep its folder renamed <run-id>.replaced-<time> and start afresh",
    },
    json: { type: "boolean", description: "print summary.json" },
    ...EVAL_OPTIONS,
    ...IMAGE_OPTIONS,
    ...QUEUE_OPTION,
  },
  required: ["agent", "run-id"],
  notes: RUN_EXIT_HELP,
};

/**
 * The option values, typed. The limits (run-limits), --reruns and --created-after/--cutoff
 * (selection-options), --queue (queue-option) and the agent's own options (make-agent) are read where
 * other commands read them too; the agent's numbers and choices are checked here, before anything starts.
 */
const RunOptions = z.object({
  "run-id": value.runId,
  tasks: value.text,
  instances: value.list.optional(),
  samples: value.positiveInt,
  "max-cost": value.positiveNumber,
  "max-steps": value.positiveInt,
  "max-minutes": value.positiveInt,
  "traces-dir": value.text,
  force: value.flag,
  json: value.flag,
  temperature: value.number.optional(),
  seed: value.number.optional(),
  "max-attempts": value.positiveInt.optional(),
  sandbox: value.oneOf(["container", "host"]),
});

export async function run(argv: string[], io: CliIo, signal?: AbortSignal, abort?: AbortSignal): Promise<number> {
  const { options, values } = parseOptions(runSpec, argv, RunOptions);
  const { "run-id": runId, samples, tasks: source } = options;
  const { reruns, judgeTests, createdRange } = parseEvalOptions(values);
  const images = parseImageOptions(values);
  const limits = parseLimits(values);
  const dispatch = queueRunDispatch(values, io, { runId, source, abort, agent: agentOptions(values), limits });
  const makeAgent = await makeAgentFactory(values, (line) => io.err(line));
  const all = await loadTasks(source);
  const { tasks: named, problems } = selectInstances(all, source, options.instances);
  reportProblems(io, problems);
  const tasks = applyCreatedRange(named, createdRange, io);
  const runDir = resolve(options["traces-dir"], runId);
  const result = await runTasks({
    ...{ runId, runDir, tasks, allTasks: all.tasks, makeAgent, samples, limits, images, force: options.force, reruns, judgeTests },
    manifestSettings: await commandSettings(values, describeAgent(makeAgent, runDir)),
    log: (line) => io.err(line),
    onProgress: taskRunProgressPrinter(io, samples),
    ...(dispatch ? { dispatch } : {}),
    ...(signal ? { signal } : {}),
    ...(abort ? { abort } : {}),
  });
  const s = result.summary;
  if (options.json) io.out(JSON.stringify(s, null, 2));
  else io.out(`${renderTaskRuns(s)}\nsummary: ${result.summaryPath ?? "not written (the disk is full)"}`);
  const ids = new Set(tasks.map((t) => t.id));
  const notRun = s.not_run.filter((r) => ids.has(r.taskId)).length;
  return reportStop(io, result, { runDir, notRun, total: tasks.length * samples, unit: "task runs" }) ?? reportRunEnd(s, io, result);
}
