// swerig.config.{ts,mts,js,mjs,json}: the settings a project keeps beside its code (tasks, agents,
// workers, limits, traces folder, grading rules), found in the current directory (or named with
// --config FILE). A command's flags override it: the config only fills options the command line left
// out. Agents are named there: a built-in or preset by its options, or an agent defined in code.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { Agent } from "../agents/agent.js";
import { describeIssues, errorMessage, SwerigError } from "../core/index.js";
import type { CommandSpec } from "./args.js";

export const CONFIG_FILES = ["swerig.config.ts", "swerig.config.mts", "swerig.config.js", "swerig.config.mjs", "swerig.config.json"];

const isAgent = (value: unknown): value is Agent =>
  typeof value === "object" && value !== null && typeof (value as Agent).name === "string" && typeof (value as Agent).run === "function";

/** An agent given by the options `swerig run` takes: `{ agent: "openai", model: "...", baseUrl: "..." }`. */
const AgentOptionsSchema = z
  .object({
    agent: z.string().min(1),
    model: z.string().optional(),
    baseUrl: z.string().optional(),
    apiKeyEnv: z.string().optional(),
    temperature: z.number().optional(),
    cmd: z.string().optional(),
    plan: z.string().optional(),
    sandbox: z.enum(["container", "host"]).optional(),
    agentImage: z.string().optional(),
    /** A preset's name in traces and reports, and extra flags for its CLI. */
    agentName: z.string().optional(),
    agentArgs: z.string().optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    tasks: z.string().min(1).optional(),
    tracesDir: z.string().min(1).optional(),
    workers: z.union([z.number().int().positive(), z.literal("auto")]).optional(),
    samples: z.number().int().positive().optional(),
    limits: z
      .object({ maxSteps: z.number().int().positive(), maxCostUsd: z.number().positive(), maxMinutes: z.number().int().positive() })
      .partial()
      .strict()
      .optional(),
    grading: z
      .object({ semantics: z.enum(["v5", "v4"]), timeoutSec: z.number().int().positive() })
      .partial()
      .strict()
      .optional(),
    images: z
      .object({ pull: z.enum(["missing", "always", "never"]), cache: z.enum(["none", "env", "all"]), maxDiskGiB: z.number().nonnegative() })
      .partial()
      .strict()
      .optional(),
    /** The agent `swerig run` uses when --agent is not given: a name in `agents` or a built-in. */
    agent: z.string().min(1).optional(),
    agents: z
      .record(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "an agent name: letters, digits, '.', '_', '-'"),
        z.union([AgentOptionsSchema, z.custom<Agent>(isAgent, "an agent defined in code (defineAgent) or { agent, model, ... }")]),
      )
      .optional(),
  })
  .strict();

export type SwerigConfig = z.input<typeof ConfigSchema>;
export type AgentOptions = z.infer<typeof AgentOptionsSchema>;

export interface LoadedConfig {
  file: string;
  config: z.infer<typeof ConfigSchema>;
}

/** The config file named, or the first of CONFIG_FILES in `dir`; undefined when there is none. */
export function findConfig(dir: string, named?: string): string | undefined {
  if (named !== undefined) {
    const file = resolve(dir, named);
    if (!existsSync(file)) throw new SwerigError("invalid_input", `--config ${named}: no such file`);
    return file;
  }
  return CONFIG_FILES.map((f) => resolve(dir, f)).find((f) => existsSync(f));
}

async function importModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    return await import(url);
  } catch (error) {
    // Without a TypeScript loader in this process, a .ts config goes through tsx when the project has it.
    if (!/\.m?ts$/.test(file) || !/Unknown file extension/.test(errorMessage(error))) throw error;
    const tsx = (await import("tsx/esm/api").catch(() => undefined)) as
      | { tsImport(specifier: string, parent: string): Promise<unknown> }
      | undefined;
    if (!tsx) throw new SwerigError("invalid_input", `${file}: a TypeScript config needs tsx (npm i -D tsx), or name it .mjs or .json`);
    return tsx.tsImport(url, import.meta.url);
  }
}

/** Loads and validates a config file; throws SwerigError("invalid_input") naming the file and the key that is wrong. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    if (file.endsWith(".json")) {
      const { readFile } = await import("node:fs/promises");
      raw = JSON.parse(await readFile(file, "utf8"));
    } else {
      const module = (await importModule(file)) as { default?: unknown };
      raw = module.default;
      if (raw === undefined) throw new SwerigError("invalid_input", `${file}: no default export (export default defineConfig({ ... }))`);
    }
  } catch (error) {
    if (SwerigError.isInstance(error)) throw error;
    throw new SwerigError("invalid_input", `${file}: cannot be loaded: ${errorMessage(error)}`, { cause: error });
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new SwerigError("invalid_input", `${file}: ${describeIssues(parsed.error.issues)}`);
  return { file, config: parsed.data };
}

/** The command-line options a config gives, by option name, as the command line would spell them. */
function configOptions(config: LoadedConfig["config"]): [string, string][] {
  const options: [string, string | number | undefined][] = [
    ["tasks", config.tasks],
    ["traces-dir", config.tracesDir],
    ["workers", config.workers],
    ["samples", config.samples],
    ["max-steps", config.limits?.maxSteps],
    ["max-cost", config.limits?.maxCostUsd],
    ["max-minutes", config.limits?.maxMinutes],
    ["semantics", config.grading?.semantics],
    ["timeout", config.grading?.timeoutSec],
    ["pull", config.images?.pull],
    ["image-cache", config.images?.cache],
    ["max-image-disk", config.images?.maxDiskGiB],
    ["agent", config.agent],
  ];
  return options.flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]]));
}

const OPTION_OF_AGENT_KEY: Record<keyof AgentOptions, string> = {
  agent: "agent",
  model: "model",
  baseUrl: "base-url",
  apiKeyEnv: "api-key-env",
  temperature: "temperature",
  cmd: "cmd",
  plan: "plan",
  sandbox: "sandbox",
  agentImage: "agent-image",
  agentName: "agent-name",
  agentArgs: "agent-args",
};

const given = (argv: readonly string[], name: string) => argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));

/**
 * argv with the config's settings added for the options `spec` declares and argv leaves out; an agent
 * named in `agents` by its options is spelled out as those options (unless argv gives them).
 */
export function applyConfig(argv: readonly string[], spec: CommandSpec, loaded: LoadedConfig): string[] {
  const agentFlag = argv.indexOf("--agent");
  const agentName = agentFlag >= 0 ? argv[agentFlag + 1] : loaded.config.agent;
  const named = agentName !== undefined ? loaded.config.agents?.[agentName] : undefined;
  const spelledOut = named !== undefined && !isAgent(named);
  // An agent named by its options stands for those options: its name leaves the command line.
  const base = spelledOut && agentFlag >= 0 ? [...argv.slice(0, agentFlag), ...argv.slice(agentFlag + 2)] : [...argv];
  const added: string[] = [];
  const add = (name: string, value: string) => {
    if (spec.options[name] && !given(base, name) && !given(added, name))
      // A value that starts with a dash (extra flags) is only read as a value in the --name=value form.
      added.push(...(value.startsWith("-") ? [`--${name}=${value}`] : [`--${name}`, value]));
  };
  if (spelledOut) {
    for (const [key, value] of Object.entries(named))
      if (value !== undefined) add(OPTION_OF_AGENT_KEY[key as keyof AgentOptions], String(value));
  }
  for (const [name, value] of configOptions(loaded.config)) if (!(spelledOut && name === "agent")) add(name, value);
  return [...base, ...added];
}

/** Agents defined in code in the config, by name (make-agent.ts looks `--agent NAME` up here). */
export const configAgents = new Map<string, Agent>();

export function registerConfigAgents(loaded: LoadedConfig | undefined): void {
  configAgents.clear();
  for (const [name, agent] of Object.entries(loaded?.config.agents ?? {})) if (isAgent(agent)) configAgents.set(name, agent);
}
