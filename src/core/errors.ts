// Typed failures of infrastructure and bugs (kind (c) in our error conventions). The model's own
// mistakes become tool results and expected domain failures become Result values or statuses.

export type SwerigErrorCode =
  | "docker_unavailable"
  | "image_missing"
  /** The run's pull policy could not provide an image (refused by --pull never, or every pull failed): final. */
  | "image_unavailable"
  | "image_build_failed"
  | "container_gone"
  | "env_disposed"
  | "invalid_task"
  | "invalid_input"
  | "path_escape"
  | "git_failed"
  | "model_endpoint"
  | "agent_crashed"
  /** An external agent ran but could not use the tools: no tool call at all, or calls it reports were refused. */
  | "agent_setup"
  /** A write of the run's artifacts failed for lack of space (ENOSPC, EDQUOT): the run stops, resumable. */
  | "disk_full"
  | "internal";

const MARKER = Symbol.for("swerig.SwerigError");

export class SwerigError extends Error {
  readonly [MARKER] = true;
  readonly code: SwerigErrorCode;

  constructor(code: SwerigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SwerigError";
    this.code = code;
  }

  static isInstance(value: unknown): value is SwerigError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** Message of any thrown value, for reports and logs. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
