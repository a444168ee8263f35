// Quality analysis time per instance (size, locality, complexity, security rules and the checkers:
// pyright on the host, tsc / go vet / cargo check in the grading container) against the grading time
// of the same instance without it, over the bundled tasks' reference patches, which must introduce no
// finding. One grading per task. "added" is what the analysis adds to the grading's wall time (its part
// before the tests plus the wait for the rest after them); the ratio is added / (total − added).
import { parseArgs } from "node:util";
import { gradeInstance } from "../src/grader/grade-instance.js";
import { table } from "../src/report/render-table.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { inspectPatch } from "../src/runner/patch-inspection.js";
import { loadTasks } from "../src/tasks/index.js";
import { median } from "./stats.js";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { tasks: { type: "string", default: "swe-tasks" } } });
  const { tasks } = await loadTasks(values.tasks!);
  const createEnvironment = await dockerGradingEnvironments("bench-quality");
  const rows: string[][] = [];
  const inspect: number[] = [];
  const ratios: number[] = [];
  const byLanguage = new Map<string, { inspect: number[]; grade: number[] }>();
  const grading: number[] = [];
  const dirty: string[] = [];
  for (const task of tasks) {
    const prediction = { instanceId: task.id, model: "gold", patch: task.goldPatch, origin: "gold" };
    const o = await gradeInstance(task, prediction, { createEnvironment, inspect: inspectPatch(task) });
    if (o.status !== "resolved") throw new Error(`${task.id}: gold did not resolve (${o.status}: ${o.reason})`);
    const q = o.quality;
    if (!q || "missing" in q) throw new Error(`${task.id}: no quality block (${q?.missing ?? "none"})`);
    // What the analysis adds to the grading's wall time: its part before the tests, and waiting for the rest after them.
    const inspectMs = (o.timings.inspectMs ?? 0) + (o.timings.inspectWaitMs ?? 0);
    const gradeMs = o.timings.totalMs - inspectMs;
    inspect.push(inspectMs);
    grading.push(gradeMs);
    ratios.push(inspectMs / gradeMs);
    const lang = byLanguage.get(task.language ?? "?") ?? { inspect: [], grade: [] };
    lang.inspect.push(inspectMs);
    lang.grade.push(gradeMs);
    byLanguage.set(task.language ?? "?", lang);
    const found = [...q.securityIntroduced.map((f) => `${f.rule} ${f.file}:${f.line}`)];
    const signals = (q.static ?? []).map((s) => {
      if ("missing" in s) return `${s.tool}: absent (${s.missing})`;
      found.push(...s.introduced.map((d) => `${s.tool} ${d.rule} ${d.file}:${d.line}`));
      return `${s.tool} ${s.ms}`;
    });
    if (found.length) dirty.push(`${task.id}: ${found.join("; ")}`);
    rows.push([
      task.id,
      inspectMs.toFixed(0),
      signals.join(", ") || "-",
      gradeMs.toFixed(0),
      `${((100 * inspectMs) / gradeMs).toFixed(1)}%`,
      String(found.length),
    ]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const languages = [...byLanguage].map(([language, l]) => [
    language,
    median(l.inspect).toFixed(0),
    median(l.grade).toFixed(0),
    `${((100 * mean(l.inspect)) / mean(l.grade)).toFixed(1)}%`,
  ]);
  process.stdout.write(
    `quality analysis of the reference patches, one grading per task (ms)\n\n` +
      table(["task", "added", "checkers' own time (ms)", "grading without it", "added/grading", "introduced"], rows) +
      `\n\n${table(["language", "added median", "grading median", "mean added/mean grading"], languages)}\n\n` +
      `added per instance: median ${median(inspect).toFixed(0)} ms, max ${Math.max(...inspect).toFixed(0)} ms; ` +
      `added/grading: mean ${(100 * mean(ratios)).toFixed(1)}%, median ${(100 * median(ratios)).toFixed(1)}% ` +
      `mean added/mean grading ${((100 * mean(inspect)) / mean(grading)).toFixed(1)}% (goal: under 10%)\n` +
      `reference patches introducing a finding: ${dirty.length}/${tasks.length}${dirty.length ? `\n  ${dirty.join("\n  ")}` : ""}\n`,
  );
}
