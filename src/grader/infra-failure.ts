// Labels a log that shows a likely environment fault, as SWE-bench 5.0.x does after the fact: a
// read-only, advisory tag that never changes whether an instance counts as resolved. The signatures
// (reason, tier, pattern, first match wins) are those of the harness's infra_failure.py.

export type InfraFailureTier = "environment" | "ambiguous";

export interface InfraFailure {
  /** The harness's name for the signature, e.g. `out_of_memory`. */
  reason: string;
  /** `environment`: a patch to the repository cannot plausibly cause it; `ambiguous`: either could. */
  tier: InfraFailureTier;
}

interface Signature extends InfraFailure {
  pattern: RegExp;
}

const SIGNATURES: readonly Signature[] = [
  { reason: "browser_launch_failed", tier: "environment", pattern: /Failed to launch|Failed to connect to the bus/m },
  { reason: "display_unavailable", tier: "environment", pattern: /cannot open display|Missing X server|unable to open X display/m },
  { reason: "out_of_memory", tier: "environment", pattern: /Cannot allocate memory|OutOfMemoryError|^Killed$/m },
  { reason: "container_unavailable", tier: "environment", pattern: /Error response from daemon|Cannot connect to the Docker daemon/m },
  { reason: "network_unreachable", tier: "environment", pattern: /Could not resolve host|Temporary failure in name resolution/m },
  { reason: "missing_module", tier: "ambiguous", pattern: /Cannot find module|MODULE_NOT_FOUND|ModuleNotFoundError/m },
  { reason: "no_tests_collected", tier: "ambiguous", pattern: /no tests ran|collected 0 items/m },
  { reason: "tests_timed_out", tier: "ambiguous", pattern: /Timeout error: \d+ seconds exceeded/m },
];

/** An errored outcome with the label its reason shows, as the harness reads the error in run_instance.log. */
export function withInfraLabel<T extends { reason?: string; infraFailure?: InfraFailure }>(outcome: T): T {
  if (outcome.infraFailure) return outcome;
  const label = classifyInfraFailure(outcome.reason ?? "");
  return label ? { ...outcome, infraFailure: label } : outcome;
}

/** The first signature the text shows, or undefined (an empty text shows none). */
export function classifyInfraFailure(text: string): InfraFailure | undefined {
  if (text === "") return undefined;
  const hit = SIGNATURES.find((s) => s.pattern.test(text));
  return hit ? { reason: hit.reason, tier: hit.tier } : undefined;
}
