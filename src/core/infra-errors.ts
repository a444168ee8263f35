// Failures of what the agent runs on rather than of the agent: a model endpoint that cannot answer, an
// agent process that crashed, a container that vanished. None of them may be scored as the agent's work.
import { SwerigError, type SwerigErrorCode } from "./errors.js";

/**
 * How a model endpoint failed: "unreachable" (DNS, refused, reset, timeouts, all attempts), "auth"
 * (401/403), "rejected" (any other status that retrying cannot fix: 400, 404, 405, 501, ...),
 * "exhausted" (429/5xx until the attempts ran out), "malformed" (an answer that is not the API's shape),
 * "context_overflow" (the conversation outgrew the model's context window: the agent's own doing).
 */
export type ModelFailureKind = "unreachable" | "auth" | "rejected" | "exhausted" | "malformed" | "context_overflow";

export interface ModelEndpointDetails {
  kind: ModelFailureKind;
  /** Last HTTP status received, or null when none came back. */
  status: number | null;
  /** Requests sent in all, the first included. */
  attempts: number;
}

const MODEL_MARKER = Symbol.for("swerig.ModelEndpointError");
const CRASH_MARKER = Symbol.for("swerig.AgentCrashError");
const SETUP_MARKER = Symbol.for("swerig.AgentSetupError");

export class ModelEndpointError extends SwerigError {
  readonly [MODEL_MARKER] = true;
  readonly kind: ModelFailureKind;
  readonly status: number | null;
  readonly attempts: number;

  constructor(message: string, details: ModelEndpointDetails, options?: { cause?: unknown }) {
    super("model_endpoint", message, options);
    this.name = "ModelEndpointError";
    this.kind = details.kind;
    this.status = details.status;
    this.attempts = details.attempts;
  }

  static override isInstance(value: unknown): value is ModelEndpointError {
    return typeof value === "object" && value !== null && MODEL_MARKER in value;
  }
}

/** An external agent process that ended badly before it submitted: a non-zero exit, a signal, or no start at all. */
export class AgentCrashError extends SwerigError {
  readonly [CRASH_MARKER] = true;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The end of what the process wrote to stderr (bounded). */
  readonly stderrTail: string;
  /** Tool calls it made before it ended. */
  readonly steps: number;
  /** What it reported it used before it ended, when it did (a preset's CLI). */
  readonly usage?: { inputTokens: number; outputTokens: number; costUsd: number };

  constructor(
    message: string,
    details: {
      exitCode: number | null;
      signal: string | null;
      stderrTail: string;
      steps: number;
      usage?: { inputTokens: number; outputTokens: number; costUsd: number };
    },
    options?: { cause?: unknown },
  ) {
    super("agent_crashed", message, options);
    this.name = "AgentCrashError";
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.stderrTail = details.stderrTail;
    this.steps = details.steps;
    if (details.usage) this.usage = details.usage;
  }

  static override isInstance(value: unknown): value is AgentCrashError {
    return typeof value === "object" && value !== null && CRASH_MARKER in value;
  }
}

/**
 * An off-the-shelf agent that ran without using the swerig tools (no call at all, or calls it reports
 * were refused): its configuration is wrong, not its model. Carries the usage it reported.
 */
export class AgentSetupError extends SwerigError {
  readonly [SETUP_MARKER] = true;
  readonly steps: number;
  readonly usage: { inputTokens: number; outputTokens: number; costUsd: number };

  constructor(message: string, details: { steps: number; usage: { inputTokens: number; outputTokens: number; costUsd: number } }) {
    super("agent_setup", message);
    this.name = "AgentSetupError";
    this.steps = details.steps;
    this.usage = details.usage;
  }

  static override isInstance(value: unknown): value is AgentSetupError {
    return typeof value === "object" && value !== null && SETUP_MARKER in value;
  }
}

/** Codes of failures where the agent's side (its model endpoint, its process) broke: status `agent_error`. */
const AGENT_INFRA_CODES: ReadonlySet<SwerigErrorCode> = new Set(["model_endpoint", "agent_crashed", "agent_setup"]);
/** Codes of Docker failures where trying again to create a container may succeed. */
const TRANSIENT_DOCKER_CODES: ReadonlySet<SwerigErrorCode> = new Set(["docker_unavailable", "container_gone", "image_missing"]);

export function isAgentInfraError(error: unknown): error is SwerigError {
  return SwerigError.isInstance(error) && AGENT_INFRA_CODES.has(error.code);
}

export function isTransientDockerError(error: unknown): error is SwerigError {
  return SwerigError.isInstance(error) && TRANSIENT_DOCKER_CODES.has(error.code);
}

/** The last `maxLines` lines of `text`, at most `maxChars` characters, marked when cut. */
export function tailOf(text: string, maxLines = 20, maxChars = 2_000): string {
  const lines = text.trimEnd().split("\n");
  let tail = lines.slice(-maxLines).join("\n");
  if (tail.length > maxChars) tail = tail.slice(tail.length - maxChars);
  return tail.length < text.trimEnd().length ? `[...]\n${tail}` : tail;
}
