// The run manifest: what one run id stands for (command, agent, model, settings, grading rules, the
// predictions and the task set by content hash, swerig version). Written when a run id is first used;
// a later `run` or `grade` with the same id must describe the same configuration.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { sha256 } from "../core/index.js";
import type { Agent, AgentLimits } from "../agents/agent.js";
import type { Prediction } from "../grader/predictions.js";
import type { Task } from "../tasks/index.js";

export const MANIFEST_FILE = "manifest.json";

export const RunManifestSchema = z
  .object({
    manifest_version: z.literal(1),
    command: z.enum(["run", "grade"]),
    swerig_version: z.string(),
    /** `run` only: the agent under test and how it was set up. */
    agent: z
      .object({
        name: z.string(),
        model: z.string().nullable(),
        settings: z.record(z.string(), z.unknown()),
        limits: z.object({ maxCostUsd: z.number(), maxSteps: z.number(), maxWallTimeMs: z.number() }).strict(),
        samples: z.number().int().positive(),
      })
      .strict()
      .nullable(),
    grading: z.object({ semantics: z.string(), timeout_sec: z.number().nullable() }).strict(),
    /** `grade` only: the predictions graded, by content (not by file name). */
    predictions: z
      .object({ kind: z.enum(["file", "gold", "empty"]), count: z.number().int(), sha256: z.string() })
      .strict()
      .nullable(),
    /** The whole task set of the source, whatever `--instances` narrowed: id → content hash. */
    tasks: z.object({ ids: z.record(z.string(), z.string()), count: z.number().int(), sha256: z.string() }).strict(),
    created_at: z.string(),
  })
  .strict();
export type RunManifest = z.infer<typeof RunManifestSchema>;

/** Fields that say when, not what: never compared. */
const IGNORED = new Set(["created_at"]);

let version: string | undefined;

/** The version in swerig's package.json. */
export function swerigVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  version ??= z.object({ version: z.string() }).parse(pkg).version;
  return version;
}

/**
 * Hash of what a task means for grading: ids, commit, texts, patches, tests, image and eval script.
 * Where the task was read from (its folder or dataset line) is left out, so a moved copy hashes the same.
 */
export function taskContentHash(task: Task): string {
  const { origin: _origin, repoSource: _repoSource, ...content } = task;
  return sha256(stableJson(content));
}

export function taskSetManifest(tasks: readonly Task[]): RunManifest["tasks"] {
  const sorted = [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = Object.fromEntries(sorted.map((t) => [t.id, taskContentHash(t)]));
  return { ids, count: tasks.length, sha256: sha256(stableJson(ids)) };
}

/** Hash of the predictions by instance id, model and patch, in id order (file layout and order do not count). */
export function predictionsManifest(
  kind: "file" | "gold" | "empty",
  predictions: readonly Prediction[],
): NonNullable<RunManifest["predictions"]> {
  const rows = [...predictions].sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1)).map((p) => [p.instanceId, p.model, p.patch]);
  return { kind, count: predictions.length, sha256: sha256(stableJson(rows)) };
}

export interface ManifestDifference {
  /** Dotted path of the first field that differs, e.g. `agent.model` or `tasks.ids["a-1"]`. */
  field: string;
  old: string;
  new: string;
}

/** The first field (in manifest order) where the two differ, or undefined when they describe one configuration. */
export function manifestDifference(old: RunManifest, current: RunManifest): ManifestDifference | undefined {
  return firstDifference(old, current, "");
}

function firstDifference(a: unknown, b: unknown, path: string): ManifestDifference | undefined {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
    for (const key of keys) {
      if (path === "" && IGNORED.has(key)) continue;
      const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}${path ? "." : ""}${key}` : `${path}[${JSON.stringify(key)}]`;
      const found = firstDifference(a[key], b[key], child);
      if (found) return found;
    }
    return undefined;
  }
  if (stableJson(a) === stableJson(b)) return undefined;
  return { field: path, old: show(a), new: show(b) };
}

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

export interface GradeManifestInput {
  predictionsSource: string;
  /** Every prediction loaded against every task of the task source. */
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

export interface AgentManifestInput {
  /** One agent made by the run's factory: its name, model and settings. */
  agent: Agent;
  /** Settings beyond the agent's own that make a configuration (a plan file's hash, an endpoint). */
  settings?: Record<string, unknown>;
  limits: AgentLimits;
  samples: number;
  /** Every task of the task source, before a selection narrowed them. */
  allTasks: readonly Task[];
  now?: () => Date;
}

/** The manifest of an agent run: what makes two runs under one run id the same configuration. */
export function agentRunManifest(input: AgentManifestInput): RunManifest {
  const { agent } = input;
  return {
    manifest_version: 1,
    command: "run",
    swerig_version: swerigVersion(),
    agent: {
      name: agent.name,
      model: agent.model,
      settings: { ...agent.settings, ...input.settings },
      limits: { ...input.limits },
      samples: input.samples,
    },
    grading: { semantics: "v5", timeout_sec: null },
    predictions: null,
    tasks: taskSetManifest(input.allTasks),
    created_at: (input.now ?? (() => new Date()))().toISOString(),
  };
}
