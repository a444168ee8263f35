// Reads SWE-bench predictions: a JSON list, a JSON object keyed by instance id (SWE-agent and
// mini-swe-agent preds.json) or JSONL, or the words `gold` and `empty`. Problems (a malformed line,
// a missing field, an unknown instance, a duplicate) are reported with their place; the rest load.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { describeIssues, SwerigError, type LoadProblem, similarNames } from "../core/index.js";
import { parseRecords, type Task } from "../tasks/index.js";

export interface Prediction {
  instanceId: string;
  model: string;
  /** null when the prediction carries no patch (counted as an empty patch). */
  patch: string | null;
  /** `file:line` it came from, or `gold` / `empty`. */
  origin: string;
}

export const PredictionSchema = z.object({
  instance_id: z.string().min(1),
  model_name_or_path: z.string().nullish(),
  model_patch: z.string().nullable(),
});

export function syntheticPredictions(kind: "gold" | "empty", tasks: Task[]): Prediction[] {
  return tasks.map((t) => ({ instanceId: t.id, model: kind, patch: kind === "gold" ? t.goldPatch : "", origin: kind }));
}

export interface LoadedPredictions {
  predictions: Prediction[];
  problems: LoadProblem[];
}

/**
 * Parses predictions against the tasks. A later prediction for the same instance replaces an earlier
 * one, as the official harness does, and the duplicate is reported. Throws SwerigError("invalid_input")
 * only when the file cannot be read.
 */
export async function loadPredictions(source: string, tasks: Task[]): Promise<LoadedPredictions> {
  if (source === "gold" || source === "empty") return { predictions: syntheticPredictions(source, tasks), problems: [] };
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    const close = similarNames(source, ["gold", "empty"], 1);
    const hint = close.length > 0 ? `; did you mean ${close[0]}?` : "";
    throw new SwerigError("invalid_input", `--predictions ${source}: ${(error as Error).message}${hint}`, { cause: error });
  }
  const trimmed = text.trimStart();
  let records: { value: unknown; line: number }[];
  const problems: LoadProblem[] = [];
  if (trimmed.startsWith("{") && !source.endsWith(".jsonl") && isSingleJsonObject(text)) {
    const dict = JSON.parse(text) as Record<string, unknown>;
    records = Object.entries(dict).map(([key, value], i) => ({
      value: typeof value === "object" && value !== null && !("instance_id" in value) ? { ...value, instance_id: key } : value,
      line: i + 1,
    }));
  } else {
    const parsed = parseRecords(text, source);
    records = parsed.rows;
    problems.push(...parsed.problems);
  }
  const known = new Set(tasks.map((t) => t.id));
  const byId = new Map<string, Prediction>();
  for (const { value, line } of records) {
    const where = `${source}:${line}`;
    const parsed = PredictionSchema.safeParse(value);
    if (!parsed.success) {
      problems.push({ where, message: `not a prediction: ${describeIssues(parsed.error.issues)}` });
      continue;
    }
    const { instance_id: id } = parsed.data;
    if (!known.has(id)) {
      problems.push({ where, instanceId: id, message: "prediction for an instance that is not among the tasks; skipped" });
      continue;
    }
    const earlier = byId.get(id);
    if (earlier) {
      problems.push({ where, instanceId: id, message: `duplicate prediction (also at ${earlier.origin}); the later one is graded` });
    }
    byId.set(id, { instanceId: id, model: parsed.data.model_name_or_path ?? "unknown", patch: parsed.data.model_patch, origin: where });
  }
  return { predictions: [...byId.values()], problems };
}

function isSingleJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) && !("instance_id" in v);
  } catch {
    return false;
  }
}
