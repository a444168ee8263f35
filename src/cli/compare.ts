// swerig compare: paired comparison of two runs (flips, difference in resolved rate with a paired
// bootstrap interval, McNemar's exact test, per slice; pass@k with samples). Text on the console.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { compareRuns } from "../report/compare.js";
import { buildComparePage } from "../report/html/compare-page.js";
import { renderComparison } from "../report/render-compare.js";
import { intOption, parseCommand, stringOption, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";
import { openRun, tasksIfAny } from "./report-inputs.js";
import { CUTOFF_OPTION, cutoffNeedsTasks, parseCutoff } from "./selection-options.js";

export const compareSpec: CommandSpec = {
  name: "compare <runA> <runB>",
  summary: "Compare two runs instance by instance on the instances both graded (B against A).",
  positionals: [
    { name: "RUN_A", description: "the run to compare against (a run id under --traces-dir, or a run folder)" },
    { name: "RUN_B", description: "the run compared with it" },
  ],
  options: {
    html: { type: "string", arg: "FILE", description: "also write the comparison as a static HTML page" },
    json: { type: "boolean", description: "print the comparison as JSON" },
    seed: { type: "string", arg: "N", description: "seed of the paired bootstrap", default: "20240601" },
    resamples: { type: "string", arg: "N", description: "bootstrap resamples", default: "10000" },
    tasks: { type: "string", arg: "DIR|FILE", description: "tasks, for the kind, difficulty and date slices", default: "swe-tasks" },
    "traces-dir": { type: "string", arg: "DIR", description: "where runs are written", default: "traces" },
    ...CUTOFF_OPTION,
  },
};

export async function compare(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(compareSpec, argv);
  const cutoff = parseCutoff(values);
  const tasks = await tasksIfAny(stringOption(values, "tasks")!, io);
  if (cutoff !== undefined && !tasks) throw cutoffNeedsTasks(stringOption(values, "tasks")!);
  const tracesDir = stringOption(values, "traces-dir")!;
  const [a, b] = [await openRun(positionals[0]!, tracesDir, tasks), await openRun(positionals[1]!, tracesDir, tasks)];
  const bootstrap = { seed: intOption(values, "seed")!, resamples: intOption(values, "resamples")! };
  const comparison = compareRuns(a, b, tasks, bootstrap, cutoff);
  io.out(values["json"] ? JSON.stringify(comparison, null, 2) : renderComparison(comparison));
  const html = stringOption(values, "html");
  if (html) {
    await writeFile(resolve(html), buildComparePage(comparison, new Date().toISOString()));
    io.err(`compare: ${resolve(html)}`);
  }
  return 0;
}
