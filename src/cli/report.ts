// swerig report: one static HTML file for a run (summary, instance list, trajectories), from disk only.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { buildReportPage } from "../report/html/build-page.js";
import { collectRunDetails } from "../report/html/collect.js";
import { parseCommand, stringOption, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";
import { openRun, tasksIfAny } from "./report-inputs.js";

export const reportSpec: CommandSpec = {
  name: "report <run-id>",
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
    "traces-dir": { type: "string", arg: "DIR", description: "where runs are written", default: "traces" },
  },
};

export async function report(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(reportSpec, argv);
  const tasks = await tasksIfAny(stringOption(values, "tasks")!, io);
  const folder = await openRun(positionals[0]!, stringOption(values, "traces-dir")!, tasks);
  for (const p of folder.problems) io.err(`warning: ${p}`);
  const html = buildReportPage({
    folder,
    details: await collectRunDetails(folder),
    ...(tasks ? { tasks } : {}),
    generatedAt: new Date().toISOString(),
  });
  const out = resolve(stringOption(values, "html") ?? join(folder.runDir, "report.html"));
  await writeFile(out, html);
  const finished = folder.runs.filter((r) => r.finished);
  io.out(
    `report: ${out} (${folder.runs.length} task runs, ${finished.filter((r) => r.resolved).length} resolved, ` +
      `${folder.runs.length - finished.length} without an outcome yet)`,
  );
  if (values["open"]) {
    const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
    spawn(opener, [out], { detached: true, stdio: "ignore" })
      .on("error", (e) => io.err(`swerig report: could not open the page with ${opener}: ${e.message}`))
      .unref();
  }
  return 0;
}
