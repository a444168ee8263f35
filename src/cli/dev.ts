// swerig dev: a fast local loop. The agent runs on a few tasks in warm containers, again whenever its
// inputs change (plan, prompt, the command's files, swerig.config.*); each iteration is a run folder of its own.
import { describeAgent } from "../agents/agent.js";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { cacheDir, SwerigError } from "../core/index.js";
import { removeRunContainers } from "../envs/cleanup.js";
import { devLoop } from "../runner/dev/dev-loop.js";
import { DevSession } from "../runner/dev/dev-session.js";
import { watchTargets } from "../runner/dev/watch-inputs.js";
import { DEFAULT_CREATE_RETRY } from "../runner/create-with-retry.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { loadTasks, selectInstances } from "../tasks/index.js";
import { configFor, configInput } from "./config-command.js";
import { parseOptions, stringOption, value, type CommandSpec, type OptionSpec } from "./args.js";
import { AGENT_VALUES, makeAgentFactory } from "./make-agent.js";
import { reportProblems, type CliIo } from "./output.js";
import { LIMIT_VALUES, parseLimits } from "./run-limits.js";
import { runManifest } from "./run-manifests.js";
import { runSpec } from "./run.js";

/**
 * `run` options that are not about the agent or the tasks: a dev session has one sample, its own ids, one
 * grading per diff, the named instances only, and this machine's containers.
 */
const NOT_FOR_DEV = new Set([
  ...["run-id", "samples", "force", "json", "workers", "pull", "image-cache", "max-image-disk"],
  ...["reruns", "judge-tests", "created-after", "created-before", "queue"],
]);
/** Options that name no input of the agent, so no file of theirs is watched. */
const NOT_WATCHED = ["agent", "tasks", "instances", "traces-dir", "sandbox", "agent-image", "model", "base-url", "api-key-env"];

export const devSpec: CommandSpec = {
  name: "dev",
  summary: "Re-run an agent on a few tasks whenever its plan, prompt, config or command files change (warm containers).",
  options: {
    ...Object.fromEntries(Object.entries(runSpec.options).filter(([name]) => !NOT_FOR_DEV.has(name))),
    instances: { type: "string", arg: "ID,ID", description: "the tasks to iterate on (a few)" },
    "debounce-ms": { type: "string", arg: "MS", description: "quiet time after a change before the agent runs again", default: "200" },
  } satisfies Record<string, OptionSpec>,
  required: ["agent", "instances"],
  notes: [
    "Each iteration is a run folder <traces-dir>/dev-<time>-<n> (report, compare and replay work on it).",
    "A diff seen before is not graded again: its verdict comes from <traces-dir>/.dev-grade-cache.",
    "Ctrl-C ends the session: the iteration in flight is cancelled and the containers are removed (exit 0).",
  ],
};

/** The option values, typed; the agent's own options are read by make-agent, the limits by run-limits. */
const DevOptions = z.object({
  agent: value.text,
  tasks: value.text,
  instances: value.list,
  "traces-dir": value.text,
  "debounce-ms": value.positiveInt,
  ...AGENT_VALUES,
  ...LIMIT_VALUES,
});

export async function dev(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const typed = { ...configInput };
  const { options: given, values } = parseOptions(devSpec, argv, DevOptions);
  await makeAgentFactory(values);
  const source = given.tasks;
  const all = await loadTasks(source);
  const { tasks, problems } = selectInstances(all, source, given.instances);
  reportProblems(io, problems);
  if (tasks.length === 0) throw new SwerigError("invalid_input", `--instances: none of the named tasks is in ${source}`);
  const tracesDir = resolve(given["traces-dir"]);
  const stamp = `dev-${new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`;
  // Two sessions started in the same second in one traces folder get distinct ids (dev-<time>a-<n>, ...).
  const free = [...Array(27).keys()].map((i) => (i === 0 ? stamp : `${stamp}${String.fromCharCode(96 + i)}`));
  const sessionId = free.find((id) => !existsSync(join(tracesDir, `${id}-1`))) ?? `${stamp}-${process.pid}`;
  const worktrees = resolve(cacheDir(), "dev-worktrees", `${sessionId}-${process.pid}`);
  const session = new DevSession({
    sessionId,
    tracesDir,
    tasks,
    agentEnvironments: dockerAgentEnvironments(sessionId, DEFAULT_CREATE_RETRY),
    createGradingEnvironment: await dockerGradingEnvironments(sessionId, DEFAULT_CREATE_RETRY),
    worktrees,
    workers: Math.max(1, Math.min(tasks.length, availableParallelism())),
  });
  const options = Object.fromEntries(Object.keys(devSpec.options).map((name) => [name, stringOption(values, name)]));
  const targets = watchTargets(options, NOT_WATCHED, process.cwd());
  // A JSON config is read again for every iteration; a module one stays as this process imported it.
  const jsonConfig = typed.file?.endsWith(".json") ? typed.file : undefined;
  if (jsonConfig && !targets.files.includes(jsonConfig)) targets.files.push(jsonConfig);
  if (typed.file && !jsonConfig) io.err(`dev: ${typed.file} is read once (a module); restart swerig dev after changing it`);
  const stop = signal ?? new AbortController().signal;
  try {
    await devLoop({
      session,
      targets,
      debounceMs: given["debounce-ms"],
      ignore: [tracesDir, cacheDir()],
      config: async () => {
        // The config file is read again: it may be the input that changed.
        const config = jsonConfig ? await configFor(typed.argv) : undefined;
        const current = config ? parseOptions(devSpec, config.argv(devSpec), DevOptions).values : values;
        const limits = parseLimits(current);
        const makeAgent = await makeAgentFactory(current);
        const agent = describeAgent(makeAgent, tracesDir);
        const manifest = await runManifest({ values: current, agent, limits, samples: 1, allTasks: all.tasks });
        return { makeAgent, manifest, limits };
      },
      signal: stop,
      out: io.out,
      err: io.err,
    });
  } finally {
    await session.dispose();
    await removeRunContainers(sessionId);
    await rm(worktrees, { recursive: true, force: true });
  }
  io.err(`dev: ended after ${session.iterations} iteration${session.iterations === 1 ? "" : "s"}; containers removed`);
  return 0;
}
