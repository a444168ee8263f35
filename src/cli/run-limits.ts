// The agent's limits from the options `run` and `dev` share: --max-cost, --max-steps, --max-minutes.
import type { AgentLimits } from "../agents/agent.js";
import { DEFAULT_LIMITS } from "../agents/agent.js";
import { optionValue, value, type ParsedOptions } from "./args.js";

/** The limits' value schemas, for a command's option schema (absent ones take DEFAULT_LIMITS in parseLimits). */
export const LIMIT_VALUES = {
  "max-cost": value.positiveNumber,
  "max-steps": value.positiveInt,
  "max-minutes": value.positiveInt,
} as const;

/** Throws SwerigError("invalid_input") naming the option that is not a positive number. */
export function parseLimits(values: ParsedOptions): AgentLimits {
  return {
    maxCostUsd: optionValue(values, "max-cost", LIMIT_VALUES["max-cost"]) ?? DEFAULT_LIMITS.maxCostUsd,
    maxSteps: optionValue(values, "max-steps", LIMIT_VALUES["max-steps"]) ?? DEFAULT_LIMITS.maxSteps,
    maxWallTimeMs: (optionValue(values, "max-minutes", LIMIT_VALUES["max-minutes"]) ?? DEFAULT_LIMITS.maxWallTimeMs / 60_000) * 60_000,
  };
}
