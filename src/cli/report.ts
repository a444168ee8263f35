// swerig report: one static HTML file for a run (summary, instance list, trajectories), from disk only.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { buildReportPage } from "../report/html/build-page.js";
import { cutoffSlice, describeCutoff } from "../report/cutoff.js";
import { collectFlakes, collectRunDetails } from "../report/html/collect.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";
import { openRun, tasksIfAny } from "./report-inputs.js";
import { CUTOFF_OPTION, cutoffNeedsTasks, parseCutoff } from "./selection-options.js";

export const reportSpec: CommandSpec<"RUN"> = {
  name: "report",
  summary: "Write one static HTML page for a run: summary, filterable instance list, trajectories, diffs, test results.",
  positionals: [{ name: "RUN", description: "a run id under --traces-dir, or a run folder" }],
  options: {
    html: { type: "string", arg: "FILE", description: "where to write the page (default: <run folder>/report.html)" },
    open: { type: "boolean", description: "open the page in the desktop's browser" },
    tasks: {
      type: "string",
      arg: "DIR|FILE",
      description: "tasks, for problem statements, reference patches and slices",
      default: "swe-tasks",
    },
    "traces-dir": SHARED_OPTIONS["traces-dir"],
    ...CUTOFF_OPTION,
  },
};

const ReportOptions = z.object({ html: value.text.optional(), open: value.flag, tasks: value.text, "traces-dir": value.text });

export async function report(argv: string[], io: CliIo): Promise<number> {
  const { options, values, args } = parseOptions(reportSpec, argv, ReportOptions);
  const cutoff = parseCutoff(values);
  const tasks = await tasksIfAny(options.tasks, io);
  if (cutoff !== undefined && !tasks) throw cutoffNeedsTasks(options.tasks);
  const folder = await openRun(args.RUN, options["traces-dir"], tasks);
  const flaky = await collectFlakes(folder);
  for (const p of [...folder.problems, ...(flaky.problem ? [flaky.problem] : [])]) io.err(`warning: ${p}`);
  const html = buildReportPage({
    folder,
    details: await collectRunDetails(folder),
    ...(tasks ? { tasks } : {}),
    flakyTests: flaky.tests,
    ...(cutoff !== undefined ? { cutoff } : {}),
    generatedAt: new Date().toISOString(),
  });
  const out = resolve(options.html ?? join(folder.runDir, "report.html"));
  await writeFile(out, html);
  const finished = folder.runs.filter((r) => r.finished);
  io.out(
    `report: ${out} (${folder.runs.length} task runs, ${finished.filter((r) => r.resolved).length} resolved, ` +
      `${folder.runs.length - finished.length} without an outcome yet)`,
  );
  const firsts = finished.filter((r) => r.sample === 0);
  if (cutoff !== undefined) io.out(describeCutoff(cutoffSlice(firsts, tasks, cutoff)));
  const flakyRuns = finished.filter((r) => r.flaky).length;
  if (flakyRuns > 0 || flaky.tests.length > 0)
    io.out(`flaky: ${flakyRuns} task run(s) whose reruns disagreed; ${flaky.tests.length} test(s) of its instances flipped in the record`);
  if (options.open) {
    const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
    spawn(opener, [out], { detached: true, stdio: "ignore" })
      .on("error", (e) => io.err(`swerig report: could not open the page with ${opener}: ${e.message}`))
      .unref();
  }
  return 0;
}
