// Grading containers started ahead for `swerig dev`: while the loop waits for a change, each task has one
// fresh grading container ready, so a changed diff does not wait for a container to start. A spare is
// never used twice: grading disposes it, and the next is started after the iteration (not during it,
// where it would compete with the tests for the CPU).
import type { Environment } from "../../envs/environment.js";
import type { Task } from "../../tasks/index.js";

export class SpareGradingEnvironments {
  private readonly spares = new Map<string, Promise<Environment>>();
  private disposed = false;

  constructor(private readonly create: (task: Task) => Promise<Environment>) {}

  /** A fresh container for grading `task`: the spare when one is ready or starting, a new one otherwise. */
  readonly take = (task: Task): Promise<Environment> => {
    const spare = this.spares.get(task.id);
    this.spares.delete(task.id);
    return spare ? spare.catch(() => this.create(task)) : this.create(task);
  };

  /** Starts a spare for `task` when it has none (a failure to start only means no spare). */
  refill(task: Task): void {
    if (this.disposed || this.spares.has(task.id)) return;
    const spare = this.create(task);
    spare.catch(() => this.spares.delete(task.id));
    this.spares.set(task.id, spare);
  }

  /** Removes the spares. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.spares.values()];
    this.spares.clear();
    await Promise.all(all.map((p) => p.then((env) => env.dispose()).catch(() => undefined)));
  }
}
