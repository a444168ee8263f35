// One warm agent environment per task for `swerig dev`: the container and working copy are made once
// and lent to every iteration (runTask's dispose() only gives the lease back); between iterations the
// working copy and the container are put back to their base state (working-copy-reset.ts,
// container-reset.ts). A container that cannot be reset in place is replaced, before the next change.
import { join } from "node:path";
import { errorMessage, SwerigError } from "../../core/index.js";
import { containerBaseline, resetContainer, type ContainerBaseline } from "../../envs/container-reset.js";
import { DockerEnvironment } from "../../envs/docker-environment.js";
import type { Environment } from "../../envs/environment.js";
import { WrappedEnvironment } from "../../envs/wrapped-environment.js";
import { exportImageWorkdir } from "../../envs/working-copy.js";
import { captureWorkingCopyBase, resetWorkingCopy, type WorkingCopyBase } from "../../envs/working-copy-reset.js";
import type { Workspace } from "../../envs/workspace.js";
import type { Task } from "../../tasks/index.js";
import { runTaskSetup } from "../docker-agent-env.js";
import type { AgentEnvironmentFactory } from "../run-task.js";

interface Warm {
  env: DockerEnvironment;
  workspace: Workspace;
  image: string;
  imageDigest: string | null;
  copy: WorkingCopyBase;
  container: ContainerBaseline;
}

/** What a reset did, for the console: in place, or a new container and why. */
export type ResetNote = { kind: "reset" } | { kind: "renewed"; why: string };

export class WarmEnvironments implements AgentEnvironmentFactory {
  private readonly warm = new Map<string, Promise<Warm>>();
  private readonly digests = new Map<string, string>();
  private disposed = false;

  /**
   * @param cold the factory that makes a task's environment the first time (and when one must be replaced)
   * @param root folder of the warm working copies (one per task, kept for the whole session)
   */
  constructor(
    private readonly cold: AgentEnvironmentFactory,
    private readonly root: string,
  ) {}

  /** Lends the task's warm environment (made on first use); `dir` is not used: the working copy stays where it is. */
  async create(task: Task, _dir: string) {
    if (this.disposed) throw new SwerigError("env_disposed", "the dev session's environments were disposed");
    const w = await this.get(task);
    return { env: lent(w.env), workspace: w.workspace, image: w.image, imageDigest: w.imageDigest };
  }

  /** The content id of the image the task's warm container runs, once it is made. */
  imageDigestOf(taskId: string): string | null {
    return this.digests.get(taskId) ?? null;
  }

  /** Makes the task's environment now (so that the first iteration does not wait for it later). */
  async prepare(task: Task): Promise<void> {
    await this.get(task);
  }

  /**
   * Puts the task's working copy and container back to their base state; when that cannot be done in
   * place (an image file changed, git failed), replaces them with new ones and says why. Rejects only
   * when a new environment cannot be made either.
   */
  async reset(task: Task): Promise<ResetNote> {
    const current = this.warm.get(task.id);
    if (!current) return { kind: "reset" };
    const w = await current;
    let why: string;
    try {
      await resetWorkingCopy(w.workspace, w.copy);
      const outcome = await resetContainer(w.env, w.container);
      if (outcome.kind === "reset") {
        await runTaskSetup(w.env, task);
        return { kind: "reset" };
      }
      why = outcome.why;
    } catch (error) {
      why = `the reset failed: ${errorMessage(error)}`;
    }
    await w.env.dispose();
    this.warm.delete(task.id);
    await this.get(task);
    return { kind: "renewed", why };
  }

  /** Removes every container and leaves the working copies on disk. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.warm.values()];
    this.warm.clear();
    await Promise.all(all.map((p) => p.then((w) => w.env.dispose()).catch(() => undefined)));
  }

  private get(task: Task): Promise<Warm> {
    let found = this.warm.get(task.id);
    if (!found) {
      found = this.make(task);
      this.warm.set(task.id, found);
      found.catch(() => this.warm.delete(task.id));
    }
    return found;
  }

  private async make(task: Task): Promise<Warm> {
    const made = await this.cold.create(task, join(this.root, task.id));
    const env = made.env;
    try {
      if (!(env instanceof DockerEnvironment)) throw new SwerigError("internal", `a warm environment must be a container, not ${env.kind}`);
      const restoreFrom = task.image.kind === "swe-tasks" ? undefined : await exportImageWorkdir(made.image, task.workdir);
      const copy = await captureWorkingCopyBase(made.workspace, restoreFrom);
      const container = await containerBaseline(env);
      if (this.disposed) throw new SwerigError("env_disposed", "the dev session ended while an environment was made");
      if (made.imageDigest) this.digests.set(task.id, made.imageDigest);
      return { ...made, env, copy, container };
    } catch (error) {
      await env.dispose();
      throw error;
    }
  }
}

/** The warm container as one iteration sees it: everything but dispose(), which only ends the lease. */
const lent = (env: Environment): Environment => new WrappedEnvironment(env, async () => undefined);
