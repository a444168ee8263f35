// The quality signals of a run in one block of summary.json (and a line of the text summary): findings
// the patches introduced per resolved instance (checkers and security rules), complexity added, the
// share of patches touching tests, and why a checker's signal is missing where it is.
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { PatchQuality } from "../tools/code-metrics/analyze.js";

export interface QualitySummary {
  /** Instances whose patch was analysed (a quality block that is not `missing`). */
  analysed: number;
  resolved_analysed: number;
  /** Checker findings (tsc, pyright, go vet, cargo check) plus security findings introduced, over resolved instances. */
  introduced_findings: { total: number; per_resolved: number | null; by_tool: Record<string, number> };
  complexity_added: { total: number; per_resolved: number | null };
  /** Share of analysed patches that touch a test file. */
  touching_tests_share: number | null;
  /** Tool → instances where its signal is absent, with the first reason seen. */
  static_missing: Record<string, { instances: number; reason: string }>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function summarizeQuality(outcomes: Iterable<InstanceOutcome>): QualitySummary {
  const analysed: { outcome: InstanceOutcome; quality: PatchQuality }[] = [];
  for (const o of outcomes) if (o.quality && !("missing" in o.quality)) analysed.push({ outcome: o, quality: o.quality });
  const resolved = analysed.filter((a) => a.outcome.status === "resolved");
  const byTool: Record<string, number> = {};
  const missing: QualitySummary["static_missing"] = {};
  let findings = 0;
  let complexity = 0;
  for (const { quality } of resolved) {
    findings += quality.securityIntroduced.length;
    if (quality.securityIntroduced.length) byTool["security"] = (byTool["security"] ?? 0) + quality.securityIntroduced.length;
    for (const signal of quality.static ?? []) {
      if (!("introduced" in signal)) continue;
      findings += signal.introduced.length;
      byTool[signal.tool] = (byTool[signal.tool] ?? 0) + signal.introduced.length;
    }
    complexity += quality.complexityAdded;
  }
  for (const { quality } of analysed)
    for (const signal of quality.static ?? [])
      if ("missing" in signal) {
        missing[signal.tool] ??= { instances: 0, reason: signal.missing };
        missing[signal.tool]!.instances++;
      }
  const per = (x: number) => (resolved.length === 0 ? null : round(x / resolved.length));
  return {
    analysed: analysed.length,
    resolved_analysed: resolved.length,
    introduced_findings: { total: findings, per_resolved: per(findings), by_tool: byTool },
    complexity_added: { total: complexity, per_resolved: per(complexity) },
    touching_tests_share:
      analysed.length === 0 ? null : round(analysed.filter((a) => a.quality.testFilesTouched.length > 0).length / analysed.length),
    static_missing: missing,
  };
}

/** One line for the text summary, or undefined when no patch was analysed. */
export function renderQualityLine(q: QualitySummary | undefined): string | undefined {
  if (!q || q.analysed === 0) return undefined;
  const per = (x: number | null) => (x === null ? "-" : x.toFixed(2));
  const tools = Object.entries(q.introduced_findings.by_tool)
    .map(([tool, n]) => `${tool} ${n}`)
    .join(", ");
  const missing = Object.entries(q.static_missing).map(([tool, m]) => `${tool} absent on ${m.instances} (${m.reason})`);
  return (
    `  quality (${q.analysed} analysed): introduced findings per resolved ${per(q.introduced_findings.per_resolved)}` +
    `${tools ? ` (${tools})` : ""}, complexity added per resolved ${per(q.complexity_added.per_resolved)}, ` +
    `touching tests ${q.touching_tests_share === null ? "-" : `${Math.round(q.touching_tests_share * 100)}%`}` +
    (missing.length ? `; ${missing.join("; ")}` : "")
  );
}
