// Stops a run whose agent cannot work at all: when the very first attempts of the run fail on the
// agent's infrastructure before any model answer or tool call (connection refused, 404 model not
// found, a bad API key, a command that cannot start), every later task would fail the same way.
import type { TaskRunResult } from "./run-task.js";

export interface EarlyStop {
  /** The task run whose failure stopped the run. */
  taskId: string;
  reason: string;
}

export class FirstCallGuard {
  private worked = false;
  private stop: EarlyStop | undefined;

  /** Why the run stops, once a first-call failure was seen; undefined while it goes on. */
  get stopped(): EarlyStop | undefined {
    return this.stop;
  }

  /** Takes one finished task run into account. */
  observe(result: Pick<TaskRunResult, "taskId" | "failure">): void {
    const failure = result.failure;
    if (!failure?.beforeFirstAnswer) this.worked = true;
    else if (failure.status === "agent_error" && !this.worked) this.stop ??= { taskId: result.taskId, reason: failure.reason };
  }
}
