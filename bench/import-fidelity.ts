// How faithfully the importers carry the real trajectories in test/fixtures/trajectories: per file, the
// tool calls, the actions not mapped exactly, whether a recorded submission came along, and whether the
// imported calls reproduce it. The edit calls (edit_file, write_file, imported line-range edits) run
// through our real tools on the files as the submission shows them (fillers elsewhere). The claim
// "reproduces" is made only where it is sound: no other shell command that might write files; else
// the table says what the edit calls alone give, and that other commands were not run.
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { compareWithSubmission } from "../src/grader/submission-diff.js";
import { table } from "../src/report/render-table.js";
import { BUILTIN_TOOLS } from "../src/tools/registry.js";
import { RecordingToolBox } from "../src/tools/toolbox.js";
import {
  type ImportResult,
  importMiniSweAgentTrajectory,
  importMoatlessTrajectory,
  importSweAgentTrajectory,
  isLineRangeEditCommand,
} from "../src/trace/importers/index.js";
import { TraceRecorder } from "../src/trace/recorder.js";
import { baseFromPatch } from "../test/helpers/patch-base.js";
import { makeToolContext } from "../test/helpers/tool-context.js";

const DIR = new URL("../test/fixtures/trajectories/", import.meta.url).pathname;
const IMPORTERS: Record<string, typeof importSweAgentTrajectory> = {
  "swe-agent-traj": importSweAgentTrajectory,
  "mini-swe-agent": importMiniSweAgentTrajectory,
  moatless: importMoatlessTrajectory,
};

const isEdit = (c: { name: string; arguments: unknown }) =>
  c.name === "edit_file" ||
  c.name === "write_file" ||
  (c.name === "shell" && isLineRangeEditCommand(String((c.arguments as { command?: unknown }).command)));

/** [the check, or why it is not made; what the edit calls alone give on the submission's own files]. */
async function reproduces(r: ImportResult): Promise<[string, string]> {
  if (!r.submission) return ["no submission", "-"];
  const calls = r.events.flatMap((e) => (e.type === "tool_call" ? [e.data] : []));
  const ctx = await makeToolContext(Object.fromEntries(baseFromPatch(r.submission)));
  try {
    const box = new RecordingToolBox(BUILTIN_TOOLS, ctx, new TraceRecorder(undefined, { runId: "fidelity", taskId: "t", sample: 0 }));
    if (!calls.some(isEdit)) return ["not checkable offline (its changes are made by shell commands)", "- (no edit calls)"];
    let failed = 0;
    for (const c of calls.filter(isEdit)) if ((await box.call(c, c.step)).isError) failed++;
    const read = async (path: string) => readFileSync(join(ctx.root, path), "utf8");
    const comparison = await compareWithSubmission(await ctx.workspace.diff(), r.submission, read);
    const wrong = comparison.onlySubmission.length + comparison.differing.length;
    const extra = comparison.onlyReplayed.map((d) => d.path);
    const alone =
      wrong === 0
        ? `same (${comparison.same.length} file(s))${extra.length > 0 ? `; also ${extra.join(", ")}` : ""}`
        : `${wrong} file(s) differ, ${failed} failed call(s)`;
    const others = calls.filter((c) => c.name === "shell" && !isEdit(c)).length;
    if (others > 0) return [`not checkable offline (${others} other shell calls may write files)`, alone];
    return [comparison.equal ? `yes (${comparison.same.length} file(s))` : "no", alone];
  } finally {
    await ctx.env.dispose();
    await rm(ctx.root, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  for (const folder of readdirSync(DIR)
    .filter((f) => f.includes("__"))
    .sort()) {
    const format = Object.keys(IMPORTERS).find((k) => folder.startsWith(k))!;
    for (const file of readdirSync(join(DIR, folder)).sort()) {
      const r = IMPORTERS[format]!(JSON.parse(readFileSync(join(DIR, folder, file), "utf8")), { runId: "fidelity" });
      const edits = r.events.filter((e) => e.type === "tool_call" && isEdit(e.data)).length;
      const submission = r.submission ? `${r.submission.match(/^diff --git /gm)?.length ?? 0} file(s)` : "none";
      rows.push([format, file, String(r.stats.toolCalls), String(edits), String(r.stats.unmapped), submission, ...(await reproduces(r))]);
    }
  }
  process.stdout.write(
    `${table(["format", "trajectory", "calls", "edits", "not exact", "submission", "calls reproduce it", "edits alone give"], rows)}\n`,
  );
}
