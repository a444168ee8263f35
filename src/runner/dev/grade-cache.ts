// Verdicts of `swerig dev`, kept by what decides them: the sha256 of the final diff, the task's content
// hash (tests, eval script, image recipe), the image's content id, the grading rules and swerig's version. An iteration whose diff
// did not change reuses the verdict and its artifacts instead of grading again. Only verdicts that the
// same inputs reproduce are kept: infrastructure errors and timeouts are graded again.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sha256 } from "../../core/index.js";
import { gradeInstance, type GradeInstanceOptions } from "../../grader/grade-instance.js";
import type { InstanceOutcome } from "../../grader/instance-outcome.js";
import type { Prediction } from "../../grader/predictions.js";
import type { Task } from "../../tasks/index.js";
import { stableJson, swerigVersion, taskContentHash } from "../manifest.js";

const NOT_CACHED = new Set(["error", "timeout", "agent_error"]);

const EntrySchema = z
  .object({
    cache_version: z.literal(1),
    key: z.string(),
    task_id: z.string(),
    graded_at: z.string(),
    /** The outcome as gradeInstance returned it; written by this file only. */
    outcome: z.looseObject({ instanceId: z.string(), status: z.string(), timings: z.looseObject({ totalMs: z.number() }) }),
    artifacts: z.record(z.string(), z.string()),
  })
  .strict();

export type GradeFunction = (task: Task, prediction: Prediction, options: GradeInstanceOptions) => Promise<InstanceOutcome>;

export class GradeCache {
  /** Task ids whose last grading came from the cache. */
  readonly hits = new Set<string>();

  /**
   * @param dir folder of the entries (`<traces>/.dev-grade-cache`)
   * @param imageOf the content id of the image a task is graded in (a rebuilt image grades again), when known
   */
  constructor(
    readonly dir: string,
    private readonly grade: GradeFunction = gradeInstance,
    private readonly imageOf: (task: Task) => string | null = () => null,
  ) {}

  key(task: Task, patch: string | null, options: Pick<GradeInstanceOptions, "semantics" | "timeoutSec">): string {
    const inputs = {
      image: this.imageOf(task),
      patch: sha256(patch ?? ""),
      task: taskContentHash(task),
      semantics: options.semantics ?? "v5",
      timeout_sec: options.timeoutSec ?? null,
      swerig: swerigVersion(),
    };
    return sha256(stableJson(inputs));
  }

  /** A GradeFunction that answers from the cache when it can and fills it otherwise. */
  readonly gradeWith: GradeFunction = async (task, prediction, options) => {
    const key = this.key(task, prediction.patch, options);
    const path = join(this.dir, `${key}.json`);
    const started = performance.now();
    const entry = await readFile(path, "utf8")
      .then((text) => EntrySchema.safeParse(JSON.parse(text)))
      .catch(() => undefined);
    if (entry?.success && entry.data.key === key && entry.data.task_id === task.id) {
      this.hits.add(task.id);
      const diff = sha256(prediction.patch ?? "").slice(0, 12);
      const note = `[cached] verdict of ${entry.data.graded_at} reused: same diff (sha256 ${diff}), task, image and rules`;
      for (const [name, content] of Object.entries(entry.data.artifacts)) {
        await options.writeArtifact?.(name, name === "run_instance.log" ? `${note}\n${content}` : content);
      }
      // The entry was written from an InstanceOutcome of this task (key and task id checked above).
      const outcome = entry.data.outcome as unknown as InstanceOutcome;
      return { ...outcome, model: prediction.model, timings: { totalMs: performance.now() - started } };
    }
    this.hits.delete(task.id);
    const artifacts: Record<string, string> = {};
    const outcome = await this.grade(task, prediction, {
      ...options,
      writeArtifact: async (name, content) => {
        artifacts[name] = content;
        await options.writeArtifact?.(name, content);
      },
    });
    if (!NOT_CACHED.has(outcome.status) && !outcome.infraFailure) {
      const value = { cache_version: 1, key, task_id: task.id, graded_at: new Date().toISOString(), outcome, artifacts };
      await mkdir(this.dir, { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, `${JSON.stringify(value)}\n`);
      await rename(tmp, path);
    }
    return outcome;
  };
}
