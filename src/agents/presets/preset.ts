// An off-the-shelf coding agent CLI (Claude Code, Codex, opencode) as a preset: how to install it (an
// npm package at a tested version, in an image of its own on top of the agent-runner image), how to
// configure it so that the swerig tools over MCP are its only way to touch the repository, how to start
// it non-interactively, and how to read its usage from what it prints. One small file per CLI.

/** What a preset needs to know about one run of its CLI. */
export interface PresetRunContext {
  /** The run's MCP endpoint (Streamable HTTP). */
  mcpUrl: string;
  /** The model name given with --model. */
  model: string;
  /** The agent's own, empty home directory (HOME and the CLI's config directory live under it). */
  home: string;
  /** The problem statement, as a file the agent can read. */
  taskFile: string;
  /** The task's limits, for the CLI's own request and turn timeouts. */
  limits: { maxSteps: number; maxWallTimeMs: number; toolTimeoutMs: number; maxCostUsd?: number };
  /** Extra flags for the CLI, passed through unchanged (--agent-args). */
  extraArgs: readonly string[];
  /** The model endpoint's base URL when one is given (--base-url), e.g. a local server. */
  baseUrl?: string;
  /** What the agent is asked to do: the problem statement with the rules of the run (tools, submit). */
  prompt: string;
}

/** Usage and health read from the CLI's own output once it has ended. */
export interface PresetReport {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Tool calls the CLI reports it was refused (a setup error when > 0). */
  permissionDenials: number;
  /** The CLI's own words on why it stopped, when it says. */
  detail?: string;
  /** Set when the CLI stopped at a limit of its own that swerig gave it (e.g. its cost budget). */
  limit?: "cost" | "steps";
}

export interface AgentPreset {
  /** `--agent <name>`. */
  readonly name: string;
  /** The npm package and the version this preset was written and tested against. */
  readonly npmPackage: string;
  readonly testedVersion: string;
  /** Paths under the install's node_modules removed from the image (e.g. the native binary for another libc). */
  readonly removeAfterInstall?: readonly string[];
  /** The command that prints the installed version (run once in the image when `swerig run` starts). */
  readonly versionCommand: readonly string[];
  /**
   * The variable the CLI reads its API key from: filled from --api-key-env (default: the same name on
   * the host); with --base-url and no key, a placeholder, for local servers that take none.
   */
  readonly apiKeyEnv?: string;
  /** Files to write into the agent's home before it starts (paths relative to the home), e.g. its MCP config. */
  files(run: PresetRunContext): Record<string, string>;
  /** The command line (argv) that runs one task non-interactively. */
  argv(run: PresetRunContext): string[];
  /** Text fed to the CLI's standard input (e.g. the prompt), or undefined for none. */
  stdin?(run: PresetRunContext): string | undefined;
  /** Environment variables for the CLI (config directory, model endpoint, key variable names). */
  env(run: PresetRunContext): Record<string, string>;
  /**
   * Reads usage and denials from the CLI's stdout (its JSON output); never throws on odd output.
   * `model` (the run's --model) prices the tokens of a CLI that reports no cost.
   */
  report(stdout: string, model?: string): PresetReport;
  /** The installed version from `<cli> --version` output, or undefined when it cannot be read. */
  parseVersion(output: string): string | undefined;
}
