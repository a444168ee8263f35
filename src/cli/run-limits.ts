// The agent's limits from the options `run` and `dev` share: --max-cost, --max-steps, --max-minutes.
import type { AgentLimits } from "../agents/agent.js";
import { DEFAULT_LIMITS } from "../agents/agent.js";
import { optionValue, value, type ParsedOptions } from "./args.js";

/** Throws SwerigError("invalid_input") naming the option that is not a positive number. */
export function parseLimits(values: ParsedOptions): AgentLimits {
  return {
    maxCostUsd: optionValue(values, "max-cost", value.positiveNumber) ?? DEFAULT_LIMITS.maxCostUsd,
    maxSteps: optionValue(values, "max-steps", value.positiveInt) ?? DEFAULT_LIMITS.maxSteps,
    maxWallTimeMs: (optionValue(values, "max-minutes", value.positiveInt) ?? DEFAULT_LIMITS.maxWallTimeMs / 60_000) * 60_000,
  };
}
