// opencode (`opencode run --format json`) as a preset. Its opencode.json names one OpenAI-compatible
// provider (chat completions at --base-url, else OpenAI's) with the model priced from our price table,
// so that opencode reports cost; the swerig MCP server (remote, Streamable HTTP) with its request
// timeout raised to the task's; and a permission table that denies every tool but the swerig ones
// (denied tools are not even offered to the model). It prints JSON events: each step's tokens and
// cost, each tool call with its state.
import { z } from "zod";
import { lookupPrice } from "../prices.js";
import { jsonLines } from "./json-lines.js";
import type { AgentPreset, PresetReport, PresetRunContext } from "./preset.js";

export const OPENCODE_TESTED_VERSION = "1.18.33";
const OPENAI_BASE_URL = "https://api.openai.com/v1";
/** Provider and MCP server name in the config; opencode names the MCP tools swerig_<tool>. */
const NAME = "swerig";
const CONFIG_PATH = ".config/opencode/opencode.json";
/** How opencode words a tool call whose permission it refused (`run` rejects every "ask"). */
const DENIAL = /rejected permission|permission denied|not allowed/i;

export function opencodeConfig(run: PresetRunContext): string {
  const { price, known } = lookupPrice(run.model);
  const config = {
    $schema: "https://opencode.ai/config.json",
    model: `${NAME}/${run.model}`,
    small_model: `${NAME}/${run.model}`,
    autoupdate: false,
    share: "disabled",
    snapshot: false,
    provider: {
      [NAME]: {
        npm: "@ai-sdk/openai-compatible",
        name: NAME,
        options: { baseURL: run.baseUrl ?? OPENAI_BASE_URL, apiKey: "{env:OPENAI_API_KEY}" },
        models: {
          [run.model]: {
            name: run.model,
            ...(known ? { cost: { input: price.inputUsdPerMTok, output: price.outputUsdPerMTok } } : {}),
          },
        },
      },
    },
    mcp: { [NAME]: { type: "remote", url: run.mcpUrl, enabled: true, timeout: run.limits.toolTimeoutMs } },
    permission: { "*": "deny", [`${NAME}_*`]: "allow" },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

const StepFinishSchema = z.object({
  type: z.literal("step_finish"),
  part: z.object({
    tokens: z.object({
      input: z.number().nonnegative().default(0),
      output: z.number().nonnegative().default(0),
      reasoning: z.number().nonnegative().default(0),
      cache: z.object({ read: z.number().nonnegative().default(0), write: z.number().nonnegative().default(0) }).optional(),
    }),
    cost: z.number().nonnegative().default(0),
  }),
});
const ToolUseSchema = z.object({
  type: z.literal("tool_use"),
  part: z.object({ state: z.object({ status: z.string(), error: z.string().optional() }) }),
});
const ErrorSchema = z.object({
  type: z.literal("error"),
  error: z.object({
    name: z.string().optional(),
    message: z.string().optional(),
    data: z.object({ message: z.string(), statusCode: z.number().optional() }).optional(),
  }),
});
const EventSchema = z.discriminatedUnion("type", [StepFinishSchema, ToolUseSchema, ErrorSchema]);

/** Tokens and cost summed over the steps (cached input counted as input), refused tool calls, the last error. */
export function opencodeReport(stdout: string): PresetReport {
  const report: PresetReport = { inputTokens: 0, outputTokens: 0, costUsd: 0, permissionDenials: 0 };
  for (const event of jsonLines(stdout, EventSchema)) {
    if (event.type === "step_finish") {
      const { tokens, cost } = event.part;
      report.inputTokens += tokens.input + (tokens.cache?.read ?? 0) + (tokens.cache?.write ?? 0);
      report.outputTokens += tokens.output + tokens.reasoning;
      report.costUsd += cost;
    } else if (event.type === "tool_use") {
      const { status, error } = event.part.state;
      if (status === "error" && DENIAL.test(error ?? "")) {
        report.permissionDenials++;
        report.detail = error;
      }
    } else {
      const { error } = event;
      const status = error.data?.statusCode === undefined ? "" : `HTTP ${error.data.statusCode}: `;
      report.detail = `${status}${error.data?.message ?? error.message ?? error.name ?? "error"}`;
    }
  }
  return report;
}

export const opencodePreset: AgentPreset = {
  name: "opencode",
  npmPackage: "opencode-ai",
  testedVersion: OPENCODE_TESTED_VERSION,
  versionCommand: ["opencode", "--version"],
  apiKeyEnv: "OPENAI_API_KEY",
  // The platform packages: `opencode-ai/bin/opencode.exe` is a hard link to (or a copy of) the one its
  // postinstall picked (it copies from the npm packages, never downloads), so both can go.
  removeAfterInstall: ["opencode-linux-x64", "opencode-linux-x64-baseline"],
  files: (run) => ({ [CONFIG_PATH]: opencodeConfig(run) }),
  // The prompt comes on standard input; --title skips the extra model call that would name the session.
  argv: (run) => ["opencode", "run", "--format", "json", "--pure", "--title", NAME, "--model", `${NAME}/${run.model}`, ...run.extraArgs],
  stdin: (run) => run.prompt,
  env: (run) => ({
    OPENCODE_CONFIG: `${run.home}/${CONFIG_PATH}`,
    XDG_CONFIG_HOME: `${run.home}/.config`,
    XDG_DATA_HOME: `${run.home}/.local/share`,
    XDG_CACHE_HOME: `${run.home}/.cache`,
    XDG_STATE_HOME: `${run.home}/.local/state`,
    OPENCODE_DISABLE_AUTOUPDATE: "1",
    OPENCODE_DISABLE_MODELS_FETCH: "1",
    OPENCODE_DISABLE_DEFAULT_PLUGINS: "1",
    OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
    OPENCODE_DISABLE_CLAUDE_CODE: "1",
    OPENCODE_DISABLE_SHARE: "1",
  }),
  report: opencodeReport,
  parseVersion: (output) => /^(\d+\.\d+\.\d+[\w.-]*)\s*$/m.exec(output)?.[1],
};
