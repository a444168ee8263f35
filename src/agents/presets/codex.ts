// OpenAI's Codex CLI (`codex exec`) as a preset. Its config.toml names one model provider (the
// Responses API at --base-url, else OpenAI's), the swerig MCP server (Streamable HTTP, required, its
// tools approved up front), and turns off its own shell, image, web-search, goal and sub-agent tools; the
// sandbox is read-only and approvals never asked. It prints JSONL events: token usage per turn, each
// MCP call with its status. It reports no cost: tokens are priced from the price table.
import { z } from "zod";
import { costUsd, lookupPrice } from "../prices.js";
import { jsonLines } from "./json-lines.js";
import type { AgentPreset, PresetReport, PresetRunContext } from "./preset.js";

export const CODEX_TESTED_VERSION = "0.171.0";
const OPENAI_BASE_URL = "https://api.openai.com/v1";
/** The MCP server's name in the config; Codex shows its tools to the model in the namespace mcp__swerig. */
const SERVER = "swerig";
const MCP_STARTUP_TIMEOUT_SEC = 60;
/** Codex's own tools, off: the swerig tools are the agent's only way to the repository. */
const OWN_TOOLS_OFF = ["goals", "image_generation", "shell_tool", "unified_exec", "view_image"];
/** How Codex words an MCP call it refused to make (approval required, or rejected). */
const DENIAL = /approval|rejected|denied|not permitted/i;

/** A TOML basic string (JSON's escapes are TOML's, but for DEL, which TOML wants escaped). */
function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\x7f/g, "\\u007f");
}

export function codexConfig(run: PresetRunContext): string {
  const toolTimeoutSec = Math.max(1, Math.ceil(run.limits.toolTimeoutMs / 1000));
  return [
    `model = ${tomlString(run.model)}`,
    `model_provider = "${SERVER}"`,
    'approval_policy = "never"',
    'sandbox_mode = "read-only"',
    'web_search = "disabled"',
    "check_for_update_on_startup = false",
    "",
    "[features]",
    ...OWN_TOOLS_OFF.map((feature) => `${feature} = false`),
    "",
    "[agents]",
    "enabled = false",
    "",
    "[history]",
    'persistence = "none"',
    "",
    "[analytics]",
    "enabled = false",
    "",
    `[model_providers.${SERVER}]`,
    `name = "${SERVER}"`,
    `base_url = ${tomlString(run.baseUrl ?? OPENAI_BASE_URL)}`,
    'env_key = "OPENAI_API_KEY"',
    'wire_api = "responses"',
    "",
    `[mcp_servers.${SERVER}]`,
    `url = ${tomlString(run.mcpUrl)}`,
    `startup_timeout_sec = ${MCP_STARTUP_TIMEOUT_SEC}`,
    `tool_timeout_sec = ${toolTimeoutSec}`,
    'default_tools_approval_mode = "approve"',
    // Without its tools a run is pointless: Codex stops at once when the server cannot be reached.
    "required = true",
    "",
  ].join("\n");
}

const UsageSchema = z.object({
  input_tokens: z.number().nonnegative().default(0),
  output_tokens: z.number().nonnegative().default(0),
});
const EventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("turn.completed"), usage: UsageSchema }),
  z.object({ type: z.literal("turn.failed"), error: z.object({ message: z.string() }) }),
  z.object({ type: z.literal("error"), message: z.string() }),
  z.object({
    type: z.literal("item.completed"),
    item: z.object({
      type: z.string(),
      status: z.string().optional(),
      error: z.object({ message: z.string() }).nullish(),
    }),
  }),
]);

/**
 * Usage summed over the turns, MCP calls Codex refused for want of approval, and the last error it
 * gave. `model` prices the tokens (cost 0 for a model the price table does not know).
 */
export function codexReport(stdout: string, model?: string): PresetReport {
  let inputTokens = 0;
  let outputTokens = 0;
  let permissionDenials = 0;
  let detail: string | undefined;
  for (const event of jsonLines(stdout, EventSchema)) {
    if (event.type === "turn.completed") {
      inputTokens += event.usage.input_tokens;
      outputTokens += event.usage.output_tokens;
    } else if (event.type === "turn.failed") detail = event.error.message;
    else if (event.type === "error") detail = event.message;
    else if (event.item.type === "mcp_tool_call" && event.item.status === "failed" && DENIAL.test(event.item.error?.message ?? "")) {
      permissionDenials++;
      detail = event.item.error?.message;
    }
  }
  const price = model === undefined ? undefined : lookupPrice(model).price;
  return {
    inputTokens,
    outputTokens,
    costUsd: price ? costUsd(price, { inputTokens, outputTokens }) : 0,
    permissionDenials,
    ...(detail !== undefined ? { detail } : {}),
  };
}

export const codexPreset: AgentPreset = {
  name: "codex",
  npmPackage: "@openai/codex",
  testedVersion: CODEX_TESTED_VERSION,
  versionCommand: ["codex", "--version"],
  apiKeyEnv: "OPENAI_API_KEY",
  files: (run) => ({ ".codex/config.toml": codexConfig(run) }),
  // `-` reads the prompt from standard input: no size limit of a command-line argument.
  argv: (run) => [
    "codex",
    "exec",
    "--json",
    "--skip-git-repo-check",
    "--ephemeral",
    "--ignore-rules",
    "--color",
    "never",
    "--model",
    run.model,
    ...run.extraArgs,
    "-",
  ],
  stdin: (run) => run.prompt,
  env: (run) => ({ CODEX_HOME: `${run.home}/.codex`, NO_COLOR: "1" }),
  report: codexReport,
  parseVersion: (output) => /codex-cli\s+(\d+\.\d+\.\d+[\w.-]*)/.exec(output)?.[1],
};
