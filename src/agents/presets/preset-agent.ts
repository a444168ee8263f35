// Runs a preset as a command agent: its own empty home in the run's scratch folder (the only folder it
// may write), its configuration written there, its command line built from the preset, and, once it
// has ended, its usage read from its output. A run that never used the tools, or whose tools the CLI
// reports it refused, is an agent setup error: the configuration failed, not the model.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { AgentSetupError, AgentCrashError, SwerigError, shellWord } from "../../core/index.js";
import type { CommandSandbox } from "../../envs/agent-sandbox.js";
import { loopbackPort } from "../../envs/loopback-relay.js";
import type { McpToolServer } from "../../tools/mcp-server.js";
import type { TraceSink } from "../../trace/recorder.js";
import type { AgentOutcome, ToolBox } from "../agent.js";
import { CommandAgent, type CommandLaunch, type CommandOutput, type CommandRun } from "../command-agent.js";
import type { AgentPreset, PresetReport, PresetRunContext } from "./preset.js";
import { presetPrompt } from "./preset-prompt.js";

/** The API key given to a CLI that talks to a local server (--base-url) when the host has none. */
export const LOCAL_PLACEHOLDER_KEY = "swerig-local-no-key";

export interface PresetAgentOptions {
  preset: AgentPreset;
  model: string;
  /** Agent name in traces and reports; default the preset's name. */
  name?: string;
  extraArgs?: readonly string[];
  baseUrl?: string;
  /** The value of preset.apiKeyEnv for the CLI. */
  apiKey?: string;
  sandbox: CommandSandbox;
  /** The version `<cli> --version` printed in the image, when read. */
  installedVersion?: string;
  hidePaths?: string[];
  serveTools(tools: ToolBox): Promise<McpToolServer>;
  onOutput?(output: CommandOutput): void | Promise<void>;
}

/** Paths of a preset's files stay inside its home. */
function homePath(home: string, rel: string): string {
  const abs = resolve(home, rel);
  if (!abs.startsWith(home + sep)) throw new SwerigError("internal", `preset file ${JSON.stringify(rel)} is outside the agent's home`);
  return abs;
}

/** Writes the preset's files into a fresh home under the run's scratch folder and builds its command line. */
export async function prepareLaunch(options: PresetAgentOptions, run: CommandRun): Promise<CommandLaunch> {
  const { preset } = options;
  const home = join(run.scratch, "home");
  await mkdir(home, { recursive: true });
  const ctx: PresetRunContext = {
    mcpUrl: run.mcpUrl,
    model: options.model,
    home,
    taskFile: run.taskFile,
    // No single tool call may outlast the run itself.
    limits: {
      maxSteps: run.limits.maxSteps,
      maxWallTimeMs: run.limits.maxWallTimeMs,
      toolTimeoutMs: run.limits.maxWallTimeMs,
      maxCostUsd: run.limits.maxCostUsd,
    },
    extraArgs: options.extraArgs ?? [],
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    prompt: presetPrompt(run.problemStatement),
  };
  for (const [rel, text] of Object.entries(preset.files(ctx))) {
    const abs = homePath(home, rel);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
  let command = preset.argv(ctx).map(shellWord).join(" ");
  const stdin = preset.stdin?.(ctx);
  if (stdin !== undefined) {
    const stdinFile = join(run.scratch, "stdin.txt");
    await writeFile(stdinFile, stdin);
    command += ` < ${shellWord(stdinFile)}`;
  }
  const key = preset.apiKeyEnv && options.apiKey ? { [preset.apiKeyEnv]: options.apiKey } : {};
  // Offline but for its two endpoints when both are on the host's loopback (a local model server).
  const mcpPort = loopbackPort(run.mcpUrl);
  const modelPort = options.baseUrl ? loopbackPort(options.baseUrl) : undefined;
  const loopbackOnly = mcpPort !== undefined && modelPort !== undefined ? { loopbackOnly: [mcpPort, modelPort] } : {};
  return { command, env: { HOME: home, ...preset.env(ctx), ...key }, cwd: home, writePaths: [home], ...loopbackOnly };
}

/**
 * The run's outcome with the usage the CLI reported. Throws AgentSetupError when it reported denied
 * tool calls, or ended without error and without a single tool call. A stop at a limit swerig gave it
 * (its cost budget) ends the run at that limit (recorded in the trace), also when it exited non-zero.
 * A crash keeps its error, with the CLI's usage and its own words on why added.
 */
export function reviewRun(
  preset: AgentPreset,
  output: CommandOutput,
  ending: { outcome: AgentOutcome } | { error: unknown },
  trace?: TraceSink,
  model?: string,
): AgentOutcome {
  // A failure of the run's own tools (the environment vanished) or a cancellation is not the CLI's to explain.
  if ("error" in ending && !AgentCrashError.isInstance(ending.error)) throw ending.error;
  const report: PresetReport = preset.report(output.stdout, model);
  const usage = { inputTokens: report.inputTokens, outputTokens: report.outputTokens, costUsd: report.costUsd };
  const steps = "outcome" in ending ? ending.outcome.steps : AgentCrashError.isInstance(ending.error) ? ending.error.steps : 0;
  const said = report.detail ? ` It said: ${report.detail}` : "";
  if (report.permissionDenials > 0) {
    const what = `${preset.name} reported ${report.permissionDenials} denied tool call(s): the swerig tools were not allowed to it`;
    throw new AgentSetupError(`${what} (check --agent-args and the preset's permissions).${said}`, { steps, usage });
  }
  const submitted = "outcome" in ending && ending.outcome.reason === "submitted";
  if (report.limit && !submitted) {
    const detail = `${preset.name} stopped at its ${report.limit} limit${report.detail ? ` (${report.detail})` : ""}`;
    trace?.record("limit", { kind: report.limit, detail });
    return { reason: "limit", detail, steps, usage };
  }
  if ("error" in ending) {
    const e = ending.error;
    if (!AgentCrashError.isInstance(e)) throw e;
    const details = { exitCode: e.exitCode, signal: e.signal, stderrTail: e.stderrTail, steps: e.steps, usage };
    throw new AgentCrashError(`${e.message}${report.detail ? `\n${preset.name} said: ${report.detail}` : ""}`, details, { cause: e });
  }
  if (ending.outcome.steps === 0 && (ending.outcome.reason === "finished" || ending.outcome.reason === "submitted")) {
    const what = `${preset.name} ended without a single tool call: it did not get the swerig tools over MCP, or could not use them`;
    throw new AgentSetupError(`${what} (see agent.stdout.txt and agent.stderr.txt).${said}`, { steps, usage });
  }
  return { ...ending.outcome, usage };
}

/** The command agent that runs `options.preset` for one task. */
export function presetAgent(options: PresetAgentOptions): CommandAgent {
  const { preset } = options;
  const settings = {
    preset: preset.name,
    npmPackage: preset.npmPackage,
    testedVersion: preset.testedVersion,
    installedVersion: options.installedVersion ?? null,
    extraArgs: options.extraArgs ?? [],
    baseUrl: options.baseUrl ?? null,
    sandbox: options.sandbox.kind,
    network: options.baseUrl && loopbackPort(options.baseUrl) !== undefined ? "loopback ports only" : "host",
    ...(options.sandbox.image ? { sandboxImage: options.sandbox.image } : {}),
  };
  return new CommandAgent(preset.name, {
    name: options.name ?? preset.name,
    model: options.model,
    settings,
    sandbox: options.sandbox,
    ...(options.hidePaths ? { hidePaths: options.hidePaths } : {}),
    serveTools: options.serveTools,
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    prepare: (run) => prepareLaunch(options, run),
    review: (output, ending, trace) => reviewRun(preset, output, ending, trace, options.model),
  });
}
