// `swerig dev`: time from a saved change of the agent's plan to the new verdict line, on a bundled Python
// task, (a) when the diff did not change (cached verdict) and (b) when it did (a new diff, graded), against
// a cold `swerig run` of the same plan on the same task, all in this process through the CLI's main().
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { main } from "../src/cli/main.js";
import { table } from "../src/report/render-table.js";
import { median, percentile } from "./stats.js";

const FILE = "pyledger/reports/balance.py";
const FIX = [
  {
    id: "e1",
    name: "edit_file",
    arguments: { path: FILE, command: "replace", old_text: "import as_int", new_text: "import as_bool, as_int" },
  },
  {
    id: "e2",
    name: "edit_file",
    arguments: { path: FILE, command: "replace", old_text: 'get("report.show_zero")', new_text: 'get("report.show_zero", cast=as_bool)' },
  },
];
const SUBMIT = { id: "s", name: "submit", arguments: {} };
/** A plan whose diff depends on `mark` only; `reads` read calls change the plan, not the diff. */
const plan = (mark: string, reads: number) => [
  ...FIX,
  { id: "n", name: "write_file", arguments: { path: "notes.txt", content: `${mark}\n` } },
  ...Array.from({ length: reads }, (_, i) => ({ id: `r${i}`, name: "read_file", arguments: { path: FILE } })),
  SUBMIT,
];

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" },
      tasks: { type: "string", default: "swe-tasks" },
      task: { type: "string", default: "pyledger-show-zero" },
    },
  });
  const runs = Number(values.runs);
  const root = await mkdtemp(join(tmpdir(), "swerig-bench-dev-"));
  const planFile = join(root, "plan.json");
  const common = ["--agent", "scripted", "--plan", planFile, "--tasks", values.tasks!, "--instances", values.task!];
  const quiet = { out: () => undefined, err: () => undefined };
  try {
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
      await writeFile(planFile, JSON.stringify(plan(`cold ${i}`, 0)));
      const t = performance.now();
      const code = await main(["run", ...common, "--run-id", `cold-${i}`, "--traces-dir", join(root, "traces")], quiet);
      if (code !== 0) throw new Error(`swerig run exited ${code}`);
      cold.push(performance.now() - t);
    }

    const lines: string[] = [];
    const stop = new AbortController();
    await writeFile(planFile, JSON.stringify(plan("warm 0", 0)));
    const idle: number[] = [];
    const io = {
      out: (l: string) => void (/^\d+\s/.test(l) && lines.push(l)),
      err: (l: string) => void (l.includes("waiting for a change") && idle.push(performance.now())),
    };
    const session = main(["dev", ...common, "--traces-dir", join(root, "traces")], io, stop.signal);
    await untilLines(idle, 1);
    const unchanged: number[] = [];
    const changed: number[] = [];
    const ready: number[] = [];
    for (let i = 1; i <= runs; i++) {
      for (const [mark, reads, into, expect] of [
        [`warm ${i - 1}`, i, unchanged, "diff unchanged, cached"],
        [`warm ${i}`, 0, changed, "diff changed"],
      ] as const) {
        // A person saves again some time after the verdict: the loop is idle again (environments reset).
        await new Promise((r) => setTimeout(r, 500));
        const before = lines.length;
        const t = performance.now();
        await writeFile(planFile, JSON.stringify(plan(mark, reads)));
        await untilLines(lines, before + 1);
        const verdictAt = performance.now();
        into.push(verdictAt - t);
        if (!lines.at(-1)!.endsWith(expect)) throw new Error(`expected "${expect}": ${lines.at(-1)}`);
        await untilLines(idle, idle.length + 1);
        ready.push(idle.at(-1)! - verdictAt);
      }
    }
    stop.abort();
    await session;

    const s = (xs: number[]) => [(median(xs) / 1000).toFixed(2), (percentile(xs, 90) / 1000).toFixed(2)];
    const rows = [
      ["cold swerig run (baseline)", ...s(cold), "", "1.00x"],
      ["dev: diff unchanged (cached)", ...s(unchanged), "< 5 s", `${(median(cold) / median(unchanged)).toFixed(2)}x`],
      ["dev: diff changed (graded)", ...s(changed), "< 10 s", `${(median(cold) / median(changed)).toFixed(2)}x`],
      ["dev: verdict → ready for the next change (reset)", ...s(ready), "", ""],
    ];
    process.stdout.write(
      `swerig dev on ${values.task}: saved change → new verdict line, ${runs} runs each (debounce 200 ms included),\n` +
        "each change saved 0.5 s after the loop was ready again\n\n" +
        `${table(["scenario", "median s", "p90 s", "goal", "speed-up vs cold"], rows)}\n`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function untilLines(lines: unknown[], count: number, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (lines.length < count) {
    if (Date.now() > until) throw new Error(`no verdict line after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
