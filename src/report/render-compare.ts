// The comparison of two runs as terminal text: the paired overall result, flips each way, slices,
// pass@k and the flaky instances set apart.
import type { Comparison, PairedStats } from "./compare.js";
import { renderQualityDeltas } from "./render-quality-delta.js";
import { table } from "./render-table.js";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}`;
const ci = (d: { low: number; high: number }) => `[${signed(d.low)}, ${signed(d.high)}]`;
const pValue = (p: number) => (p < 0.001 ? p.toExponential(2) : p.toFixed(3));

function row(name: string, s: PairedStats): string[] {
  const rate = (r: number) => (s.instances === 0 ? "-" : pct(r / s.instances));
  return [
    name,
    String(s.instances),
    rate(s.resolvedA),
    rate(s.resolvedB),
    signed(s.difference.estimate),
    ci(s.difference),
    `+${s.gained.length}/-${s.lost.length}`,
    pValue(s.mcnemarP),
  ];
}

const HEAD = ["slice", "n", "A", "B", "B-A pts", "95% CI", "flips", "McNemar p"];

export function renderComparison(c: Comparison): string {
  const o = c.overall;
  const lines = [
    `compare A=${c.runA} with B=${c.runB}: ${o.instances} instances graded in both` +
      `${c.flaky.length ? `, ${c.flaky.length} flaky set apart` : ""}`,
    `  resolved: A ${o.resolvedA}/${o.instances}, B ${o.resolvedB}/${o.instances}; ` +
      `B-A ${signed(o.difference.estimate)} points, 95% paired bootstrap CI ${ci(o.difference)}`,
    `  flips: ${o.gained.length} resolved by B only, ${o.lost.length} by A only; McNemar exact p = ${pValue(o.mcnemarP)}`,
  ];
  if (c.cutoff) {
    const k = c.cutoff;
    const undated = k.undated.length ? ` (${k.undated.length} without a creation date in neither)` : "";
    lines.push(
      `  cutoff ${k.date}${undated}:`,
      table(HEAD, [row(`created before ${k.date}`, k.before), row("at or after", k.after)])
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n"),
    );
  }
  if (c.onlyA.length || c.onlyB.length) lines.push(`  not paired: ${c.onlyA.length} graded in A only, ${c.onlyB.length} in B only`);
  const out = [lines.join("\n")];
  if (o.gained.length) out.push(`resolved by B only:\n${o.gained.map((id) => `  + ${id}`).join("\n")}`);
  if (o.lost.length) out.push(`resolved by A only:\n${o.lost.map((id) => `  - ${id}`).join("\n")}`);
  for (const [dim, values] of Object.entries(c.slices))
    out.push(
      table(
        [dim, ...HEAD.slice(1)],
        Object.entries(values).map(([v, s]) => row(v, s)),
      ),
    );
  if (c.passAtK.length) {
    out.push(
      table(
        ["pass@k", "n", "A", "B", "B-A pts", "95% CI"],
        c.passAtK.map((p) => [`pass@${p.k}`, String(p.instances), pct(p.a), pct(p.b), signed(p.difference.estimate), ci(p.difference)]),
      ),
    );
  }
  if (c.quality) out.push(renderQualityDeltas(c.quality));
  if (c.flaky.length)
    out.push(
      `flaky verdicts (not in the statistics):\n${table(
        ["instance", "A", "B"],
        c.flaky.map((f) => [f.instanceId, f.a, f.b]),
      )}`,
    );
  return out.join("\n\n");
}
