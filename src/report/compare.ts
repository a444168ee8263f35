// Paired comparison of two runs on the instances both graded: flips each way, the difference in
// resolved rate with a paired bootstrap interval and McNemar's exact test, per slice, and with samples
// the difference in pass@k. Instances with a flaky verdict in either run are set apart. Pure.
import { createdMs, type Task } from "../tasks/index.js";
import { cutoffLabel } from "./cutoff.js";
import { passAtK, reportedKs } from "./pass-at-k.js";
import { qualityDeltas, type QualityDeltas } from "./quality-delta.js";
import type { InstanceRun, RunFolder } from "./run-folder.js";
import { mcnemarExact, pairedBootstrapDifference, type BootstrapOptions } from "./stats/index.js";

/** Statuses that carry no verdict on the agent's work (infrastructure failure, not run, still going). */
export const NO_VERDICT_STATUSES: ReadonlySet<string> = new Set(["running", "not_run", "agent_error", "error"]);

export interface PairedStats {
  instances: number;
  resolvedA: number;
  resolvedB: number;
  /** Resolved by B only / by A only. */
  gained: string[];
  lost: string[];
  /** Rate of B minus rate of A, with its paired bootstrap interval. */
  difference: { estimate: number; low: number; high: number };
  mcnemarP: number;
}

export interface Comparison {
  runA: string;
  runB: string;
  overall: PairedStats;
  slices: Record<string, Record<string, PairedStats>>;
  passAtK: { k: number; instances: number; a: number; b: number; difference: { estimate: number; low: number; high: number } }[];
  flaky: { instanceId: string; a: string; b: string }[];
  /** With a cutoff date: the paired statistics of the tasks created before it and at or after it. */
  cutoff?: { date: string; before: PairedStats; after: PairedStats; undated: string[] };
  onlyA: string[];
  onlyB: string[];
  /** Quality signals of the paired instances side by side (absent when neither run has any). */
  quality?: QualityDeltas;
}

interface Side {
  first: InstanceRun;
  samples: InstanceRun[];
}

function graded(folder: RunFolder): Map<string, Side> {
  const out = new Map<string, Side>();
  for (const run of folder.runs) {
    if (!run.finished || NO_VERDICT_STATUSES.has(run.status)) continue;
    const side = out.get(run.taskId);
    if (side) {
      side.samples.push(run);
      if (run.sample < side.first.sample) side.first = run;
    } else out.set(run.taskId, { first: run, samples: [run] });
  }
  return out;
}

const isFlaky = (side: Side) => side.samples.some((r) => r.flaky);
const verdict = (side: Side) => (side.first.flaky ? `${side.first.status} (flaky)` : side.first.status);

function paired(ids: string[], a: Map<string, Side>, b: Map<string, Side>, options: BootstrapOptions): PairedStats {
  const va = ids.map((id): number => (a.get(id)!.first.resolved ? 1 : 0));
  const vb = ids.map((id): number => (b.get(id)!.first.resolved ? 1 : 0));
  const gained = ids.filter((_, i) => vb[i] === 1 && va[i] === 0);
  const lost = ids.filter((_, i) => va[i] === 1 && vb[i] === 0);
  return {
    instances: ids.length,
    resolvedA: va.reduce((s, x) => s + x, 0),
    resolvedB: vb.reduce((s, x) => s + x, 0),
    gained,
    lost,
    difference: pairedBootstrapDifference(vb, va, options),
    mcnemarP: mcnemarExact(gained.length, lost.length),
  };
}

function sliceKeys(side: Side, task: Task | undefined): Record<string, string> {
  return {
    repo: task?.repo ?? side.first.repo,
    language: task?.language ?? side.first.language,
    kind: task?.kind ?? "unknown",
    difficulty: task?.difficulty ?? "unknown",
    created: task?.createdAt?.slice(0, 4) ?? "unknown",
  };
}

export function compareRuns(
  a: RunFolder,
  b: RunFolder,
  tasks?: ReadonlyMap<string, Task>,
  options: BootstrapOptions = {},
  cutoffMs?: number,
): Comparison {
  const ga = graded(a);
  const gb = graded(b);
  const both = [...ga.keys()].filter((id) => gb.has(id)).sort();
  const flakyIds = both.filter((id) => isFlaky(ga.get(id)!) || isFlaky(gb.get(id)!));
  const ids = both.filter((id) => !flakyIds.includes(id));
  const slices: Comparison["slices"] = {};
  const groups = new Map<string, Map<string, string[]>>();
  for (const id of ids) {
    for (const [dim, value] of Object.entries(sliceKeys(ga.get(id)!, tasks?.get(id)))) {
      const dimGroups = groups.get(dim) ?? new Map<string, string[]>();
      groups.set(dim, dimGroups);
      const members = dimGroups.get(value) ?? [];
      members.push(id);
      dimGroups.set(value, members);
    }
  }
  for (const [dim, dimGroups] of groups) {
    if (dimGroups.size < 2) continue;
    slices[dim] = Object.fromEntries(
      [...dimGroups.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([value, members]) => [value, paired(members, ga, gb, options)]),
    );
  }
  const passAtKRows: Comparison["passAtK"] = [];
  const minSamples = Math.min(...ids.map((id) => Math.min(ga.get(id)!.samples.length, gb.get(id)!.samples.length)));
  if (ids.length > 0 && minSamples > 1) {
    for (const k of reportedKs(minSamples)) {
      const at = (side: Side) => passAtK(side.samples.length, side.samples.filter((r) => r.resolved).length, k);
      const pa = ids.map((id) => at(ga.get(id)!));
      const pb = ids.map((id) => at(gb.get(id)!));
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      passAtKRows.push({ k, instances: ids.length, a: mean(pa), b: mean(pb), difference: pairedBootstrapDifference(pb, pa, options) });
    }
  }
  const quality = qualityDeltas(ids.map((id) => ({ id, a: ga.get(id)!.first, b: gb.get(id)!.first })));
  return {
    runA: a.runId,
    runB: b.runId,
    overall: paired(ids, ga, gb, options),
    slices,
    passAtK: passAtKRows,
    flaky: flakyIds.map((id) => ({ instanceId: id, a: verdict(ga.get(id)!), b: verdict(gb.get(id)!) })),
    ...(cutoffMs !== undefined ? { cutoff: cutoffSides(ids, ga, gb, tasks, cutoffMs, options) } : {}),
    onlyA: [...ga.keys()].filter((id) => !gb.has(id)).sort(),
    onlyB: [...gb.keys()].filter((id) => !ga.has(id)).sort(),
    ...(quality ? { quality } : {}),
  };
}

/** The paired instances split at the cutoff by their task's creation date (undated ones in neither side). */
function cutoffSides(
  ids: string[],
  a: Map<string, Side>,
  b: Map<string, Side>,
  tasks: ReadonlyMap<string, Task> | undefined,
  cutoffMs: number,
  options: BootstrapOptions,
): NonNullable<Comparison["cutoff"]> {
  const when = (id: string) => {
    const task = tasks?.get(id);
    return task ? createdMs(task) : undefined;
  };
  const before = ids.filter((id) => (when(id) ?? Number.POSITIVE_INFINITY) < cutoffMs);
  const after = ids.filter((id) => (when(id) ?? Number.NEGATIVE_INFINITY) >= cutoffMs);
  return {
    date: cutoffLabel(cutoffMs),
    before: paired(before, a, b, options),
    after: paired(after, a, b, options),
    undated: ids.filter((id) => when(id) === undefined),
  };
}
