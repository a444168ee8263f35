// A worker reads the tasks itself, from the same task source the coordinator named (the same path on
// every machine, or the worker's --tasks), and runs a job only on a task whose content hash matches.
import { SwerigError } from "../core/index.js";
import { taskContentHash } from "../runner/manifest.js";
import { loadTasks, type Task } from "../tasks/index.js";
import type { QueueJob } from "./job.js";

export class WorkerTasks {
  private readonly loaded = new Map<string, Promise<Map<string, Task>>>();

  /** `override`: this machine's copy of the task source, used whatever path the job names. */
  constructor(private readonly override?: string) {}

  /**
   * The job's task. Throws SwerigError("invalid_task") when this machine has no such source or task,
   * or has another version of it (its content hash differs from the coordinator's).
   */
  async taskFor(job: QueueJob): Promise<Task> {
    const source = this.override ?? job.task.source;
    let task = (await this.load(source)).get(job.task.id);
    if (!task || taskContentHash(task) !== job.task.sha256) {
      // The source may have changed on disk since this worker read it: read it once more.
      this.loaded.delete(source);
      task = (await this.load(source)).get(job.task.id);
    }
    const where = this.override ? `--tasks ${source} on this worker` : `${source} (the coordinator's path) on this worker`;
    if (!task) throw new SwerigError("invalid_task", `${job.task.id}: not in ${where}; every worker needs the coordinator's tasks`);
    const hash = taskContentHash(task);
    if (hash !== job.task.sha256) {
      throw new SwerigError(
        "invalid_task",
        `${job.task.id}: ${where} holds another version of this task (content hash ${hash.slice(0, 12)}, ` +
          `the coordinator's ${job.task.sha256.slice(0, 12)}); give every machine the same task source`,
      );
    }
    return task;
  }

  private load(source: string): Promise<Map<string, Task>> {
    let found = this.loaded.get(source);
    if (!found) {
      found = loadTasks(source).then(
        ({ tasks }) => new Map(tasks.map((t) => [t.id, t])),
        (error: unknown) => {
          this.loaded.delete(source);
          const why = error instanceof Error ? error.message : String(error);
          throw new SwerigError("invalid_task", `this worker cannot read the task source ${source}: ${why}`);
        },
      );
      this.loaded.set(source, found);
    }
    return found;
  }
}
