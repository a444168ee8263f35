// swerig run: an agent on the tasks in containers, every tool call traced, every final diff graded.
import { resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_LIMITS, describeAgent } from "../agents/agent.js";
import { SwerigError } from "../core/index.js";
import { removeRunContainers } from "../envs/cleanup.js";
import { DaemonWatch } from "../envs/docker-daemon-watch.js";
import { table } from "../report/render-table.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { DEFAULT_CREATE_RETRY } from "../runner/create-with-retry.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { flakeRecordTarget } from "../runner/flake-record-store.js";
import { applyRunFolderPlan, planRunFolder } from "../runner/run-folder.js";
import { runSuite } from "../runner/run-suite.js";
import { loadTasks, selectInstances } from "../tasks/index.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import { IMAGE_OPTIONS, parseImageOptions, setupRunImages } from "./image-options.js";
import { reportDiskFull, reportInterrupted } from "./interrupt.js";
import { AGENT_NAMES, makeAgentFactory } from "./make-agent.js";
import { reportProblems, type CliIo } from "./output.js";
import { agentOptions, openQueue, QUEUE_OPTION } from "./queue-option.js";
import { reportRunEnd, RUN_EXIT_HELP } from "./run-exit.js";
import { parseLimits } from "./run-limits.js";
import { runManifest } from "./run-manifests.js";
import {
  applyCreatedRange,
  CREATED_OPTIONS,
  parseCreatedRange,
  parseJudgeTests,
  parseReruns,
  JUDGE_TESTS_OPTION,
  RERUNS_OPTION,
} from "./selection-options.js";

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
    ...RERUNS_OPTION,
    ...JUDGE_TESTS_OPTION,
    ...CREATED_OPTIONS,
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
  const { "run-id": runId, samples, force, tasks: source } = options;
  const reruns = parseReruns(values);
  const judgeTests = parseJudgeTests(values);
  if (reruns > 0 && values["queue"] !== undefined)
    throw new SwerigError("invalid_input", "--reruns does not work with --queue yet: queue workers grade each instance once");
  const createdRange = parseCreatedRange(values);
  const imageSettings = parseImageOptions(values);
  const limits = parseLimits(values);
  const makeAgent = await makeAgentFactory(values, (line) => io.err(line));
  const all = await loadTasks(source);
  const { tasks: named, problems } = selectInstances(all, source, options.instances);
  reportProblems(io, problems);
  const tasks = applyCreatedRange(named, createdRange, io);
  const runDir = resolve(options["traces-dir"], runId);
  const agent = describeAgent(makeAgent, runDir);
  const manifest = await runManifest({ values, agent, limits, samples, allTasks: all.tasks });
  const plan = await planRunFolder(runDir, manifest, force);
  const queue = await openQueue(values, io, { runId, manifest, source, abort });
  const uses = tasks.flatMap((t) => Array<typeof t>(samples).fill(t));
  const images = queue?.images ?? (await setupRunImages(imageSettings, uses, runId, io));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const createGradingEnvironment = queue?.noEnvironment ?? (await dockerGradingEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources));
  const opened = await applyRunFolderPlan(runDir, manifest, plan);
  if (opened) io.err(opened);
  // Queue workers watch their own daemons; a coordinator has none to watch.
  const daemon = queue ? undefined : DaemonWatch.start();
  const started = performance.now();
  let resolved = 0;
  const result = await runSuite({
    runId,
    runDir,
    tasks,
    allTasks: all.tasks,
    force,
    reruns,
    ...(judgeTests ? { judgeTests: true } : {}),
    flakeRecord: flakeRecordTarget(runDir, manifest, runId),
    makeAgent,
    samples,
    workers: queue ? Math.max(1, uses.length) : images.workers,
    ...(queue ? { runTask: queue.runTask(agentOptions(values), limits) } : {}),
    limits,
    agentEnvironments: dockerAgentEnvironments(runId, DEFAULT_CREATE_RETRY, images.resources),
    createGradingEnvironment,
    ...(signal ? { signal } : {}),
    ...(abort ? { abort } : {}),
    ...(daemon ? { daemon } : {}),
    onProgress: (r, done, total, skipped) => {
      images.taskDone(byId.get(r.taskId)!);
      if (r.resolved) resolved++;
      const elapsed = ((performance.now() - started) / 1000).toFixed(0);
      const setup = r.setupMs ?? 0;
      const secs = `${((r.durationMs - setup) / 1000).toFixed(1)}s${setup >= 1000 ? ` + setup ${(setup / 1000).toFixed(1)}s` : ""}`;
      const what = `${skipped ? "skip " : ""}${r.status.padEnd(10)} ${r.taskId}${samples > 1 ? ` #${r.sample}` : ""}`;
      io.err(`[${done}/${total}] ${what} (${r.metrics.steps} steps, ${secs}) | resolved ${resolved}, elapsed ${elapsed}s`);
    },
  }).finally(() => {
    daemon?.close();
    return Promise.all([images.finish(), queue?.close()]);
  });
  await removeRunContainers(runId);
  const s = result.summary;
  if (options.json) io.out(JSON.stringify(s, null, 2));
  else {
    const rows = s.runs.map((r) => [
      r.taskId + (samples > 1 ? ` #${r.sample}` : ""),
      r.flaky ? `${r.status} (flaky)` : r.status,
      r.agentReason,
      String(r.metrics.steps),
      r.metrics.costUsd.toFixed(4),
      r.failureMode ?? "",
      `${((r.durationMs - (r.setupMs ?? 0)) / 1000).toFixed(1)}`,
      `${((r.setupMs ?? 0) / 1000).toFixed(1)}`,
    ]);
    io.out(table(["task", "status", "agent end", "steps", "cost $", "failure mode", "secs", "setup secs"], rows));
    const pass =
      s.not_run.length === 0
        ? Object.entries(s.pass_at_k.overall)
            .map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`)
            .join(", ")
        : `no pass@k: ${s.not_run.length} task runs not run`;
    io.out(
      `\n${s.agent.name}${s.agent.model ? ` (${s.agent.model})` : ""}: ${s.resolved_instances}/${s.total_instances} resolved; ${pass}`,
    );
    io.out(`summary: ${result.summaryPath ?? "not written (the disk is full)"}`);
  }
  const ids = new Set(tasks.map((t) => t.id));
  const notRun = s.not_run.filter((r) => ids.has(r.taskId)).length;
  if (result.diskFull) return reportDiskFull(io, result.diskFull, runDir, notRun, tasks.length * samples, "task runs");
  if (result.cancelled) reportInterrupted(io, notRun, tasks.length * samples, "task runs");
  return reportRunEnd(s, io, result);
}
