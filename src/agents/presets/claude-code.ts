// Claude Code (`@anthropic-ai/claude-code`) as a preset: print mode with JSON output, the swerig MCP
// server as its only tools (its own built-in tools turned off and denied), permissions granted to the
// swerig tools alone without prompting, and no telemetry, auto-update or session files.
import { z } from "zod";
import { jsonLines } from "./json-lines.js";
import type { AgentPreset, PresetReport, PresetRunContext } from "./preset.js";

/** Its own tools that touch files, run commands or reach the web: none may run. */
const BUILT_IN_TOOLS = [
  "Bash",
  "BashOutput",
  "Edit",
  "Glob",
  "Grep",
  "KillShell",
  "MultiEdit",
  "NotebookEdit",
  "Read",
  "Task",
  "WebFetch",
  "WebSearch",
  "Write",
];
/** Every tool of the MCP server named "swerig" (Claude Code names them mcp__swerig__<tool>). */
const SWERIG_TOOLS = "mcp__swerig";
/** How long it waits for the MCP server to answer at start. */
const MCP_START_TIMEOUT_MS = 60_000;

const ModelUsageSchema = z
  .object({
    inputTokens: z.number().nonnegative().default(0),
    outputTokens: z.number().nonnegative().default(0),
    cacheReadInputTokens: z.number().nonnegative().default(0),
    cacheCreationInputTokens: z.number().nonnegative().default(0),
    costUSD: z.number().nonnegative().default(0),
  })
  .loose();
const ResultSchema = z
  .object({
    type: z.literal("result"),
    subtype: z.string().optional(),
    is_error: z.boolean().optional(),
    result: z.string().optional(),
    total_cost_usd: z.number().nonnegative().optional(),
    usage: z
      .object({
        input_tokens: z.number().nonnegative().default(0),
        output_tokens: z.number().nonnegative().default(0),
        cache_read_input_tokens: z.number().nonnegative().default(0),
        cache_creation_input_tokens: z.number().nonnegative().default(0),
      })
      .loose()
      .optional(),
    modelUsage: z.record(z.string(), ModelUsageSchema).optional(),
    permission_denials: z.array(z.unknown()).optional(),
    api_error_status: z.number().nullable().optional(),
    errors: z.array(z.string()).optional(),
  })
  .loose();

/** Result subtypes of a stop at a limit swerig gave it (--max-budget-usd; --max-turns when passed through). */
const LIMIT_OF_SUBTYPE = new Map<string, "cost" | "steps">([
  ["error_max_budget_usd", "cost"],
  ["error_max_turns", "steps"],
]);

const NO_REPORT: PresetReport = { inputTokens: 0, outputTokens: 0, costUsd: 0, permissionDenials: 0 };
const DETAIL_CHARS = 500;

/** The result object of `--output-format json` (the last line that is one), or undefined. */
function resultOf(stdout: string): z.infer<typeof ResultSchema> | undefined {
  return jsonLines(stdout, ResultSchema).at(-1);
}

/** Usage over every model it called (the main model and its small helper model), cache reads and writes counted as input. */
function reportOf(stdout: string): PresetReport {
  const result = resultOf(stdout);
  if (!result) return { ...NO_REPORT, detail: "no JSON result in its output" };
  const models = Object.values(result.modelUsage ?? {});
  const u = result.usage;
  const fromModels = models.length > 0;
  const inputTokens = fromModels
    ? models.reduce((a, m) => a + m.inputTokens + m.cacheReadInputTokens + m.cacheCreationInputTokens, 0)
    : (u?.input_tokens ?? 0) + (u?.cache_read_input_tokens ?? 0) + (u?.cache_creation_input_tokens ?? 0);
  const outputTokens = fromModels ? models.reduce((a, m) => a + m.outputTokens, 0) : (u?.output_tokens ?? 0);
  const costUsd = result.total_cost_usd ?? models.reduce((a, m) => a + m.costUSD, 0);
  const failed = result.is_error === true || (result.subtype !== undefined && result.subtype !== "success");
  const status = result.api_error_status;
  const what = status
    ? `the model API answered ${status}${status === 401 || status === 403 ? " (check the API key)" : ""}`
    : result.subtype;
  const text = result.result ?? result.errors?.join("; ") ?? "";
  const words = failed ? `${what ?? "error"}: ${text.slice(0, DETAIL_CHARS)}` : undefined;
  const limit = LIMIT_OF_SUBTYPE.get(result.subtype ?? "");
  return {
    inputTokens,
    outputTokens,
    costUsd,
    permissionDenials: result.permission_denials?.length ?? 0,
    ...(words ? { detail: words } : {}),
    ...(limit ? { limit } : {}),
  };
}

export const claudeCodePreset: AgentPreset = {
  name: "claude-code",
  npmPackage: "@anthropic-ai/claude-code",
  // A native binary (from an optional dependency, put in place by a postinstall script). The package asks
  // for node >= 22, but node only runs that script, which works on the image's node 18 (npm warns).
  testedVersion: "2.1.337",
  // npm 9 installs the native binaries for both libcs; the image is Debian (glibc).
  removeAfterInstall: ["@anthropic-ai/claude-code-linux-x64-musl", "@anthropic-ai/claude-code-linux-arm64-musl"],
  versionCommand: ["claude", "--version"],
  apiKeyEnv: "ANTHROPIC_API_KEY",
  files(run: PresetRunContext) {
    const mcp = { mcpServers: { swerig: { type: "http", url: run.mcpUrl } } };
    const settings = {
      permissions: { allow: [SWERIG_TOOLS], deny: BUILT_IN_TOOLS, defaultMode: "dontAsk" },
      autoUpdates: false,
      includeCoAuthoredBy: false,
    };
    return {
      "mcp.json": `${JSON.stringify(mcp, null, 2)}\n`,
      ".claude/settings.json": `${JSON.stringify(settings, null, 2)}\n`,
    };
  },
  argv(run: PresetRunContext) {
    return [
      "claude",
      "--print",
      "--output-format",
      "json",
      "--model",
      run.model,
      "--mcp-config",
      `${run.home}/mcp.json`,
      "--strict-mcp-config",
      "--tools",
      "",
      "--disallowedTools",
      BUILT_IN_TOOLS.join(","),
      "--allowedTools",
      SWERIG_TOOLS,
      "--permission-mode",
      "dontAsk",
      "--setting-sources",
      "user",
      "--no-session-persistence",
      "--disable-slash-commands",
      // It stops spending at the run's cost limit (swerig only learns the cost once it has ended).
      ...(run.limits.maxCostUsd ? ["--max-budget-usd", String(run.limits.maxCostUsd)] : []),
      ...run.extraArgs,
    ];
  },
  stdin: (run) => run.prompt,
  env(run: PresetRunContext) {
    return {
      CLAUDE_CONFIG_DIR: `${run.home}/.claude`,
      MCP_TIMEOUT: String(MCP_START_TIMEOUT_MS),
      MCP_TOOL_TIMEOUT: String(run.limits.toolTimeoutMs),
      DISABLE_AUTOUPDATER: "1",
      // The swerig tools are offered in full in every request, never deferred behind a tool search.
      ENABLE_TOOL_SEARCH: "false",
      DISABLE_TELEMETRY: "1",
      DISABLE_ERROR_REPORTING: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      ...(run.baseUrl ? { ANTHROPIC_BASE_URL: run.baseUrl } : {}),
    };
  },
  report: reportOf,
  parseVersion: (output) => /(\d+\.\d+\.\d+)/.exec(output)?.[1],
};
