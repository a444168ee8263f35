// Validates many tasks with the runner's worker pool, and turns tasks that did not even load into
// invalid rows, so a caller gets one list with every task it was given, loaded or not.
import { formatProblem, mapPool, type LoadProblem } from "../core/index.js";
import type { Task } from "../tasks/index.js";
import { validateTask, type TaskValidation, type ValidateOptions } from "./validate-task.js";

export interface ValidateSuiteOptions extends ValidateOptions {
  workers: number;
  /** Told of each task as its validation ends, in the order they end. */
  onResult?: (result: TaskValidation, done: number, total: number) => void;
}

/** Tasks that did not load first (each invalid with its problem), then the loaded tasks in their order. */
export async function validateSuite(
  tasks: readonly Task[],
  problems: readonly LoadProblem[],
  options: ValidateSuiteOptions,
): Promise<TaskValidation[]> {
  let done = 0;
  const results = await mapPool(tasks, options.workers, async (task) => {
    const result = await validateTask(task, options);
    options.onResult?.(result, ++done, tasks.length);
    return result;
  });
  const broken = problems.map((p) => ({
    ...{ id: p.instanceId ?? p.where, language: "?", kind: null, difficulty: null },
    ...{ valid: false, problems: [formatProblem(p)], notes: [] },
  }));
  return [...broken, ...results];
}
