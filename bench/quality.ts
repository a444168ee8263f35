// Quality analysis time per instance (size, locality, complexity, security rules and the checkers:
// pyright on the host, tsc / go vet / cargo check in the grading container) against the grading time
// of the same instance without it, over the bundled tasks' reference patches, which must introduce no
// finding. One grading per task. "added" is what the analysis adds to the grading's wall time (its part
// before the tests plus the wait for the rest after them); the ratio is added / (total − added). The
// checkers' own time (pyright's includes waiting for the process's warm server) runs beside the tests.
// The first instance of a language may wait for its checker to start (pyright's server, about 3 s
// here), hence the ratio without it too. `--language python` keeps one language's tasks.
import { parseArgs } from "node:util";
import { gradeInstance } from "../src/grader/grade-instance.js";
import { table } from "../src/report/render-table.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { inspectPatch } from "../src/runner/patch-inspection.js";
import { holdPyrightServer } from "../src/runner/pyright-shared.js";
import { loadTasks, type Task } from "../src/tasks/index.js";
import { median } from "./stats.js";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { tasks: { type: "string", default: "swe-tasks" }, language: { type: "string" } } });
  const tasks = (await loadTasks(values.tasks!)).tasks.filter((t) => !values.language || t.language === values.language);
  // As a run does: its pyright is started with it when it has Python tasks, and closed at its end.
  const release = holdPyrightServer({ warm: tasks.some((t) => t.language === "python") });
  await measure(tasks).finally(release);
}

async function measure(tasks: Task[]): Promise<void> {
  const createEnvironment = await dockerGradingEnvironments("bench-quality");
  const rows: string[][] = [];
  const inspect: number[] = [];
  const ratios: number[] = [];
  const byLanguage = new Map<string, { inspect: number[]; grade: number[]; checker: number[] }>();
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
    const lang = byLanguage.get(task.language ?? "?") ?? { inspect: [], grade: [], checker: [] };
    lang.inspect.push(inspectMs);
    lang.grade.push(gradeMs);
    lang.checker.push((q.static ?? []).reduce((sum, s) => sum + ("ms" in s ? s.ms : 0), 0));
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
    String(l.inspect.length),
    median(l.inspect).toFixed(0),
    Math.max(...l.inspect).toFixed(0),
    median(l.grade).toFixed(0),
    `${((100 * mean(l.inspect)) / mean(l.grade)).toFixed(1)}%`,
    l.inspect.length > 1 ? `${((100 * mean(l.inspect.slice(1))) / mean(l.grade.slice(1))).toFixed(1)}%` : "-",
    median(l.checker).toFixed(0),
    Math.max(...l.checker).toFixed(0),
  ]);
  const languageHeader = [
    "language",
    "n",
    "added median",
    "added max",
    "grading median",
    "mean added/mean grading",
    "the same after the first",
    "checker median",
    "checker max",
  ];
  process.stdout.write(
    `quality analysis of the reference patches, one grading per task (ms)\n\n` +
      table(["task", "added", "checkers' own time (ms)", "grading without it", "added/grading", "introduced"], rows) +
      `\n\n${table(languageHeader, languages)}\n\n` +
      `added per instance: median ${median(inspect).toFixed(0)} ms, max ${Math.max(...inspect).toFixed(0)} ms; ` +
      `added/grading: mean ${(100 * mean(ratios)).toFixed(1)}%, median ${(100 * median(ratios)).toFixed(1)}% ` +
      `mean added/mean grading ${((100 * mean(inspect)) / mean(grading)).toFixed(1)}% (goal: under 10%)\n` +
      `reference patches introducing a finding: ${dirty.length}/${tasks.length}${dirty.length ? `\n  ${dirty.join("\n  ")}` : ""}\n`,
  );
}
