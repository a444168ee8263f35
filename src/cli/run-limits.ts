// The agent's limits from the options `run` and `dev` share: --max-cost, --max-steps, --max-minutes.
import type { AgentLimits } from "../agents/agent.js";
import { DEFAULT_LIMITS } from "../agents/agent.js";
import { SwerigError } from "../core/index.js";
import { intOption, stringOption, type ParsedOptions } from "./args.js";

/** Throws SwerigError("invalid_input") naming the option that is not a positive number. */
export function parseLimits(values: ParsedOptions): AgentLimits {
  const maxCost = Number(stringOption(values, "max-cost"));
  if (!(maxCost > 0))
    throw new SwerigError(
      "invalid_input",
      `--max-cost takes a positive number of dollars, not ${JSON.stringify(stringOption(values, "max-cost"))}`,
    );
  return {
    maxCostUsd: maxCost,
    maxSteps: intOption(values, "max-steps") ?? DEFAULT_LIMITS.maxSteps,
    maxWallTimeMs: (intOption(values, "max-minutes") ?? 30) * 60_000,
  };
}
