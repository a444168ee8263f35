// The manifest of a `run` or `grade` command line: what makes two command lines the same configuration.
// Options that only say how fast or how much (--workers, --instances, --json, --traces-dir) are left out.
import { readFile } from "node:fs/promises";
import type { Agent, AgentLimits } from "../agents/agent.js";
import { sha256 } from "../core/index.js";
import type { RunManifest } from "../runner/manifest.js";
import { agentRunManifest } from "../runner/run-tasks.js";
import type { Task } from "../tasks/index.js";
import { stringOption, type ParsedOptions } from "./args.js";

export interface RunManifestInput {
  values: ParsedOptions;
  /** One agent made by the command's factory: its name, model and settings. */
  agent: Agent;
  limits: AgentLimits;
  samples: number;
  /** Every task of --tasks, before --instances narrows them. */
  allTasks: readonly Task[];
  now?: () => Date;
}

/** What a command line adds to the agent's own settings: the plan file's content, the model endpoint. */
export async function commandSettings(values: ParsedOptions, agent: Agent): Promise<Record<string, unknown>> {
  const settings: Record<string, unknown> = {};
  const plan = stringOption(values, "plan");
  if (agent.name === "scripted" && plan) settings["plan_sha256"] = sha256(await readFile(plan));
  const baseUrl = stringOption(values, "base-url");
  if (baseUrl && (agent.name === "openai" || agent.name === "anthropic")) settings["base_url"] = baseUrl;
  return settings;
}

export async function runManifest(input: RunManifestInput): Promise<RunManifest> {
  const { agent, limits, samples, allTasks } = input;
  const settings = await commandSettings(input.values, agent);
  return agentRunManifest({ agent, settings, limits, samples, allTasks, ...(input.now ? { now: input.now } : {}) });
}

export { gradeManifest, type GradeManifestInput } from "../runner/manifest.js";
