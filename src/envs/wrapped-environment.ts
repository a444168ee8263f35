// An environment with another dispose(): every other member goes to the one it wraps. The runner's
// abortable environments track theirs this way, and `swerig dev` lends a warm container with it.
import type { Environment, ExecOptions, ExecResult } from "./environment.js";

export class WrappedEnvironment implements Environment {
  /** `dispose` replaces the inner environment's; it may call `inner.dispose()` itself, or not. */
  constructor(
    private readonly inner: Environment,
    readonly dispose: () => Promise<void>,
  ) {}
  get kind(): string {
    return this.inner.kind;
  }
  get isolated(): boolean {
    return this.inner.isolated;
  }
  get workdir(): string {
    return this.inner.workdir;
  }
  exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    return this.inner.exec(command, options);
  }
  putFile(path: string, content: string | Buffer): Promise<void> {
    return this.inner.putFile(path, content);
  }
}
