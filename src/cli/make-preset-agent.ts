// `run --agent <preset>` (claude-code, ...): an off-the-shelf agent CLI sealed in a container of its
// preset image, with --model, --agent-name, --agent-args (its own extra flags) and --base-url.
import { resolve } from "node:path";
import type { Agent } from "../agents/agent.js";
import { checkPresetVersion, LOCAL_PLACEHOLDER_KEY, presetAgent, presetImage, type AgentPreset } from "../agents/presets/index.js";
import { splitShellWords, SwerigError } from "../core/index.js";
import { containerSandbox } from "../envs/agent-sandbox.js";
import { taskSourceFiles } from "../tasks/index.js";
import { serveToolBoxOverMcp } from "../tools/mcp-server.js";
import { stringOption, type ParsedOptions } from "./args.js";
import type { CommandOutput } from "../agents/command-agent.js";

export type PresetAgentFactory = (run: { dir: string; onOutput(output: CommandOutput): Promise<void> }) => Agent;

/** Throws SwerigError("invalid_input") naming the bad option; builds the preset's image when absent. */
export async function makePresetAgentFactory(
  preset: AgentPreset,
  values: ParsedOptions,
  warn: (line: string) => void,
): Promise<PresetAgentFactory> {
  const model = stringOption(values, "model");
  if (!model) throw new SwerigError("invalid_input", `--agent ${preset.name} needs --model NAME`);
  if ((stringOption(values, "sandbox") ?? "container") !== "container")
    throw new SwerigError("invalid_input", `--agent ${preset.name} runs sealed in its own container only (drop --sandbox)`);
  const rawArgs = stringOption(values, "agent-args") ?? "";
  const extraArgs = splitShellWords(rawArgs);
  if (!extraArgs) throw new SwerigError("invalid_input", `--agent-args ${JSON.stringify(rawArgs)} has a quote that is not closed`);
  const baseUrl = stringOption(values, "base-url");
  let apiKey: string | undefined;
  if (preset.apiKeyEnv) {
    const keyEnv = stringOption(values, "api-key-env") ?? preset.apiKeyEnv;
    apiKey = process.env[keyEnv] ?? (baseUrl ? LOCAL_PLACEHOLDER_KEY : undefined);
    if (!apiKey)
      throw new SwerigError(
        "invalid_input",
        `--agent ${preset.name}: no API key in $${keyEnv} (set it, name another variable with --api-key-env, or give --base-url)`,
      );
  }
  const image = stringOption(values, "agent-image") ?? (await presetImage(preset));
  const { version, warning } = await checkPresetVersion(preset, image);
  if (warning) warn(warning);
  const sandbox = containerSandbox({ image });
  const name = stringOption(values, "agent-name");
  // The task set holds the hidden tests and reference patches; the traces hold earlier runs' patches.
  const hidePaths = [
    ...taskSourceFiles(stringOption(values, "tasks") ?? "swe-tasks"),
    resolve(stringOption(values, "traces-dir") ?? "traces"),
  ];
  return (run) =>
    presetAgent({
      preset,
      model,
      ...(name ? { name } : {}),
      extraArgs,
      ...(baseUrl ? { baseUrl } : {}),
      ...(apiKey ? { apiKey } : {}),
      sandbox,
      ...(version ? { installedVersion: version } : {}),
      hidePaths,
      serveTools: (tools) => serveToolBoxOverMcp(tools, { kind: "http" }),
      onOutput: run.onOutput,
    });
}
