// The manifest of a `run` or `grade` command line: what makes two command lines the same configuration.
// Options that only say how fast or how much (--workers, --instances, --json, --traces-dir) are left out.
import { readFile } from "node:fs/promises";
import type { Agent, AgentLimits } from "../agents/agent.js";
import { sha256 } from "../core/index.js";
import type { Prediction } from "../grader/predictions.js";
import { predictionsManifest, swerigVersion, taskSetManifest, type RunManifest } from "../runner/manifest.js";
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

export async function runManifest(input: RunManifestInput): Promise<RunManifest> {
  const { values, agent } = input;
  const settings: Record<string, unknown> = { ...agent.settings };
  const plan = stringOption(values, "plan");
  if (agent.name === "scripted" && plan) settings["plan_sha256"] = sha256(await readFile(plan));
  const baseUrl = stringOption(values, "base-url");
  if (baseUrl && (agent.name === "openai" || agent.name === "anthropic")) settings["base_url"] = baseUrl;
  return {
    manifest_version: 1,
    command: "run",
    swerig_version: swerigVersion(),
    agent: { name: agent.name, model: agent.model, settings, limits: { ...input.limits }, samples: input.samples },
    grading: { semantics: "v5", timeout_sec: null },
    predictions: null,
    tasks: taskSetManifest(input.allTasks),
    created_at: (input.now ?? (() => new Date()))().toISOString(),
  };
}

export interface GradeManifestInput {
  predictionsSource: string;
  /** Every prediction loaded against every task of --tasks. */
  allPredictions: readonly Prediction[];
  allTasks: readonly Task[];
  semantics: string;
  timeoutSec: number | undefined;
  now?: () => Date;
}

export function gradeManifest(input: GradeManifestInput): RunManifest {
  const kind = input.predictionsSource === "gold" || input.predictionsSource === "empty" ? input.predictionsSource : "file";
  return {
    manifest_version: 1,
    command: "grade",
    swerig_version: swerigVersion(),
    agent: null,
    grading: { semantics: input.semantics, timeout_sec: input.timeoutSec ?? null },
    predictions: predictionsManifest(kind, input.allPredictions),
    tasks: taskSetManifest(input.allTasks),
    created_at: (input.now ?? (() => new Date()))().toISOString(),
  };
}
