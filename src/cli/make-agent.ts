// Builds the agent a `run` command names, from its options: gold, scripted, a model through an
// OpenAI-compatible or Anthropic endpoint, an external command that gets the tools over MCP, or a preset
// (an off-the-shelf agent CLI such as Claude Code, see agents/presets).
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import type { AgentFactory } from "../agents/agent.js";
import { AnthropicClient } from "../agents/anthropic-client.js";
import { CommandAgent } from "../agents/command-agent.js";
import { GoldAgent } from "../agents/gold-agent.js";
import type { ModelClient } from "../agents/model-client.js";
import { ModelAgent } from "../agents/model-agent.js";
import { OpenAIClient } from "../agents/openai-client.js";
import { PRESETS } from "../agents/presets/index.js";
import { ScriptedAgent } from "../agents/scripted-agent.js";
import { describeIssues, SwerigError } from "../core/index.js";
import { containerSandbox, hostSandbox, type CommandSandbox } from "../envs/agent-sandbox.js";
import { agentRunnerImage } from "../envs/images/index.js";
import { taskSourceFiles } from "../tasks/index.js";
import { serveToolBoxOverMcp } from "../tools/mcp-server.js";
import { ToolCallSchema } from "../trace/events.js";
import { intOption, numberOption, optionValue, stringOption, value, type ParsedOptions } from "./args.js";
import { configAgents } from "./config.js";
import { makePresetAgentFactory } from "./make-preset-agent.js";

export const AGENT_NAMES: readonly string[] = ["gold", "scripted", "openai", "anthropic", "command", ...Object.keys(PRESETS)];

const SANDBOX_KINDS = value.oneOf(["container", "host"]);

/** Value schemas of the agent options that are numbers or choices, for a command to check them before anything starts. */
export const AGENT_VALUES = {
  temperature: value.number.optional(),
  seed: value.number.optional(),
  "max-attempts": value.positiveInt.optional(),
  sandbox: SANDBOX_KINDS,
} as const;

export function modelClient(name: "openai" | "anthropic", values: ParsedOptions): () => ModelClient {
  const model = stringOption(values, "model");
  if (!model) throw new SwerigError("invalid_input", `--agent ${name} needs --model NAME`);
  const keyEnv = stringOption(values, "api-key-env") ?? (name === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY");
  const apiKey = process.env[keyEnv];
  const baseURL = stringOption(values, "base-url");
  if (!apiKey && !baseURL)
    throw new SwerigError(
      "invalid_input",
      `--agent ${name}: no API key in $${keyEnv} (set it, name another variable with --api-key-env, or give --base-url for a local server)`,
    );
  const maxAttempts = intOption(values, "max-attempts");
  const common = {
    model,
    apiKeyEnv: keyEnv,
    ...(apiKey ? { apiKey } : {}),
    ...(baseURL ? { baseURL } : {}),
    ...(maxAttempts ? { retry: { maxAttempts } } : {}),
  };
  return name === "openai" ? () => new OpenAIClient(common) : () => new AnthropicClient(common);
}

/** `--sandbox container` (the default) seals the agent in a container of the agent-runner image or `--agent-image`. */
async function commandSandbox(values: ParsedOptions): Promise<CommandSandbox> {
  const kind = optionValue(values, "sandbox", SANDBOX_KINDS) ?? "container";
  if (kind === "host") return hostSandbox;
  return containerSandbox({ image: stringOption(values, "agent-image") ?? (await agentRunnerImage()) });
}

const saveOutput = (dir: string) => async (out: { stdout: string; stderr: string }) => {
  await writeFile(join(dir, "agent.stdout.txt"), out.stdout);
  await writeFile(join(dir, "agent.stderr.txt"), out.stderr);
};

/**
 * Returns a factory (one agent per task run). Throws SwerigError("invalid_input") naming the bad option.
 * `warn` gets one-line warnings (a preset CLI whose version is not the tested one).
 */
export async function makeAgentFactory(
  values: ParsedOptions,
  warn: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
): Promise<AgentFactory> {
  const name = stringOption(values, "agent");
  const preset = name === undefined ? undefined : PRESETS[name];
  if (preset) {
    const make = await makePresetAgentFactory(preset, values, warn);
    return (run) => make({ dir: run.dir, onOutput: saveOutput(run.dir) });
  }
  switch (name) {
    case "gold":
      return ({ referencePatch }) => new GoldAgent(referencePatch);
    case "scripted": {
      const plan = stringOption(values, "plan");
      if (!plan)
        throw new SwerigError("invalid_input", "--agent scripted needs --plan FILE (a JSON list of {id, name, arguments} tool calls)");
      let json: unknown;
      try {
        json = JSON.parse(await readFile(plan, "utf8"));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new SwerigError("invalid_input", `--plan ${plan}: not JSON: ${error.message}`);
      }
      const parsed = z.array(ToolCallSchema).safeParse(json);
      if (!parsed.success) throw new SwerigError("invalid_input", `--plan ${plan}: ${describeIssues(parsed.error.issues)}`);
      return () => new ScriptedAgent(parsed.data);
    }
    case "openai":
    case "anthropic": {
      const client = modelClient(name, values);
      const temperature = numberOption(values, "temperature");
      const seed = numberOption(values, "seed");
      return () =>
        new ModelAgent({
          client: client(),
          name,
          ...(temperature !== undefined ? { temperature } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
    }
    case "command": {
      const cmd = stringOption(values, "cmd");
      if (!cmd) throw new SwerigError("invalid_input", '--agent command needs --cmd "COMMAND LINE"');
      const sandbox = await commandSandbox(values);
      return (run) =>
        new CommandAgent(cmd, {
          sandbox,
          // The task set holds the hidden tests and reference patches; the traces hold earlier runs' patches.
          hidePaths: [
            ...taskSourceFiles(stringOption(values, "tasks") ?? "swe-tasks"),
            resolve(stringOption(values, "traces-dir") ?? "traces"),
          ],
          serveTools: (tools) => serveToolBoxOverMcp(tools, { kind: "http" }),
          onOutput: saveOutput(run.dir),
        });
    }
    default: {
      const defined = name !== undefined ? configAgents.get(name) : undefined;
      if (defined) return () => defined;
      const known = [...AGENT_NAMES, ...configAgents.keys()].join(", ");
      throw new SwerigError("invalid_input", `--agent ${JSON.stringify(name)} is not known; agents: ${known}`);
    }
  }
}
