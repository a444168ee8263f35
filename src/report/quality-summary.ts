// The quality signals of a run in one block of summary.json (and a line of the text summary): findings
// the patches introduced per resolved instance (security rules; checkers over the instances where one
// ran), complexity added, the share of patches touching tests, and why a checker's signal is missing
// where it is. An instance where no checker ran never counts as one without checker findings.
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { PatchQuality } from "../tools/code-metrics/analyze.js";

/** A count over the resolved instances where its signal was measured. */
export interface PerResolvedCount {
  total: number;
  /** `total / measured`; null when it was measured on none. */
  per_resolved: number | null;
  /** Resolved analysed instances the signal was measured on (of `resolved_analysed`). */
  measured: number;
}

export interface QualitySummary {
  /** Instances whose patch was analysed (a quality block that is not `missing`). */
  analysed: number;
  resolved_analysed: number;
  /** Security findings introduced: the scan runs on every analysed patch. */
  security_introduced: PerResolvedCount;
  /** Checker findings introduced (tsc, pyright, go vet, cargo check) where at least one checker ran; per tool where it ran. */
  checker_introduced: PerResolvedCount & { by_tool: Record<string, PerResolvedCount> };
  complexity_added: PerResolvedCount;
  /** Share of analysed patches that touch a test file. */
  touching_tests_share: number | null;
  /** Tool → instances where its signal is absent, with the first reason seen. */
  static_missing: Record<string, { instances: number; reason: string }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Sums `value` over the instances where it is defined. */
function perResolved<T>(items: readonly T[], value: (item: T) => number | undefined): PerResolvedCount {
  const xs = items.flatMap((item) => {
    const x = value(item);
    return x === undefined ? [] : [x];
  });
  const total = xs.reduce((a, b) => a + b, 0);
  return { total, per_resolved: xs.length === 0 ? null : round(total / xs.length), measured: xs.length };
}

const ran = (q: PatchQuality) => (q.static ?? []).flatMap((s) => ("introduced" in s ? [s] : []));

export function summarizeQuality(outcomes: Iterable<InstanceOutcome>): QualitySummary {
  const analysed: { outcome: InstanceOutcome; quality: PatchQuality }[] = [];
  for (const o of outcomes) if (o.quality && !("missing" in o.quality)) analysed.push({ outcome: o, quality: o.quality });
  const resolved = analysed.filter((a) => a.outcome.status === "resolved").map((a) => a.quality);
  const byTool: Record<string, PerResolvedCount> = {};
  for (const tool of new Set(resolved.flatMap((q) => ran(q).map((s) => s.tool))))
    byTool[tool] = perResolved(resolved, (q) => ran(q).find((s) => s.tool === tool)?.introduced.length);
  const missing: QualitySummary["static_missing"] = {};
  for (const { quality } of analysed)
    for (const signal of quality.static ?? [])
      if ("missing" in signal) {
        missing[signal.tool] ??= { instances: 0, reason: signal.missing };
        missing[signal.tool]!.instances++;
      }
  const checkers = (q: PatchQuality) => (ran(q).length === 0 ? undefined : ran(q).reduce((n, s) => n + s.introduced.length, 0));
  return {
    analysed: analysed.length,
    resolved_analysed: resolved.length,
    security_introduced: perResolved(resolved, (q) => q.securityIntroduced.length),
    checker_introduced: { ...perResolved(resolved, checkers), by_tool: byTool },
    complexity_added: perResolved(resolved, (q) => q.complexityAdded),
    touching_tests_share:
      analysed.length === 0 ? null : round(analysed.filter((a) => a.quality.testFilesTouched.length > 0).length / analysed.length),
    static_missing: missing,
  };
}

/** One line for the text summary, or undefined when no patch was analysed. */
export function renderQualityLine(q: QualitySummary | undefined): string | undefined {
  if (!q || q.analysed === 0) return undefined;
  const per = (x: number | null) => (x === null ? "-" : x.toFixed(2));
  const checker = q.checker_introduced;
  const tools = Object.entries(checker.by_tool).map(([tool, c]) => `${tool} ${c.total} on ${c.measured}`);
  const missing = Object.entries(q.static_missing).map(([tool, m]) => `${tool} absent on ${m.instances} (${m.reason})`);
  return (
    `  quality (${q.analysed} analysed, ${q.resolved_analysed} resolved): per resolved, security findings introduced ` +
    `${per(q.security_introduced.per_resolved)}, checker findings introduced ${per(checker.per_resolved)} ` +
    `(${checker.measured} of ${q.resolved_analysed} measured${tools.length ? `: ${tools.join(", ")}` : ""}), ` +
    `complexity added ${per(q.complexity_added.per_resolved)}; ` +
    `touching tests ${q.touching_tests_share === null ? "-" : `${Math.round(q.touching_tests_share * 100)}%`}` +
    (missing.length ? `; ${missing.join("; ")}` : "")
  );
}
