// swerig compare: paired comparison of two runs (flips, difference in resolved rate with a paired
// bootstrap interval, McNemar's exact test, per slice; pass@k with samples). Text on the console.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { compareRuns } from "../report/compare.js";
import { buildComparePage } from "../report/html/compare-page.js";
import { renderComparison } from "../report/render-compare.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";
import { openRun, tasksIfAny } from "./report-inputs.js";
import { CUTOFF_OPTION, cutoffNeedsTasks, parseCutoff } from "./selection-options.js";

export const compareSpec: CommandSpec<"RUN_A" | "RUN_B"> = {
  name: "compare",
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
    "traces-dir": SHARED_OPTIONS["traces-dir"],
    ...CUTOFF_OPTION,
  },
};

const CompareOptions = z.object({
  html: value.text.optional(),
  json: value.flag,
  seed: value.positiveInt,
  resamples: value.positiveInt,
  tasks: value.text,
  "traces-dir": value.text,
});

export async function compare(argv: string[], io: CliIo): Promise<number> {
  const { options, values, args } = parseOptions(compareSpec, argv, CompareOptions);
  const cutoff = parseCutoff(values);
  const tasks = await tasksIfAny(options.tasks, io);
  if (cutoff !== undefined && !tasks) throw cutoffNeedsTasks(options.tasks);
  const tracesDir = options["traces-dir"];
  const [a, b] = [await openRun(args.RUN_A, tracesDir, tasks), await openRun(args.RUN_B, tracesDir, tasks)];
  const bootstrap = { seed: options.seed, resamples: options.resamples };
  const comparison = compareRuns(a, b, tasks, bootstrap, cutoff);
  io.out(options.json ? JSON.stringify(comparison, null, 2) : renderComparison(comparison));
  const { html } = options;
  if (html) {
    await writeFile(resolve(html), buildComparePage(comparison, new Date().toISOString()));
    io.err(`compare: ${resolve(html)}`);
  }
  return 0;
}
