// Environments of one suite, remembered while they live, so that aborting the suite (a second Ctrl-C)
// disposes every one at once: commands in flight reject, containers are removed, and nothing new starts.
import { SwerigError } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import { WrappedEnvironment } from "../envs/wrapped-environment.js";
import type { Task } from "../tasks/index.js";
import type { AgentEnvironmentFactory } from "./run-task.js";

export class AbortableEnvironments {
  private readonly live = new Set<Environment>();
  private disposing: Promise<void> | undefined;

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener("abort", () => void this.disposeAll(), { once: true });
  }

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Disposes every live environment; resolves when all are gone. */
  disposeAll(): Promise<void> {
    this.disposing ??= Promise.all([...this.live].map((env) => env.dispose())).then(() => undefined);
    return this.disposing;
  }

  /** Wraps a factory: refuses once aborted (SwerigError("env_disposed")), and disposes what it made if the abort came meanwhile. */
  wrap<A extends unknown[]>(create: (...args: A) => Promise<Environment>): (...args: A) => Promise<Environment> {
    return async (...args) => {
      this.refuseIfAborted();
      const env = await create(...args);
      return this.track(env);
    };
  }

  wrapAgent(factory: AgentEnvironmentFactory): AgentEnvironmentFactory {
    return {
      create: async (task: Task, dir: string) => {
        this.refuseIfAborted();
        const prepared = await factory.create(task, dir);
        return { ...prepared, env: await this.track(prepared.env) };
      },
    };
  }

  private refuseIfAborted(): void {
    if (this.aborted) throw new SwerigError("env_disposed", "no environment is started: the run was interrupted");
  }

  private async track(env: Environment): Promise<Environment> {
    if (this.aborted) {
      await env.dispose();
      this.refuseIfAborted();
    }
    this.live.add(env);
    return new WrappedEnvironment(env, async () => {
      this.live.delete(env);
      await env.dispose();
    });
  }
}
