// Load and filter times of the report page for a synthetic 500-instance run with 5 samples (2,500
// rows) in headless Chromium, the virtualised list against a baseline measured in the same process:
// the same page rendering every row; and the virtualised page of the same run with a quality block in
// every status.json whose patch applied (what the per-run quality view costs in size and time).
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { buildReportPage } from "../src/report/html/build-page.js";
import { collectRunDetails } from "../src/report/html/collect.js";
import { table } from "../src/report/render-table.js";
import { loadRunFolder } from "../src/report/run-folder.js";
import { launchChromium } from "../test/helpers/chromium.js";
import { writeSyntheticRun } from "../test/helpers/synthetic-run.js";
import { median } from "./stats.js";

/** Runs in the page: one interaction, then a forced layout, timed. */
const TIMED = `(async (step) => {
  const $ = (id) => document.getElementById(id);
  const t = performance.now();
  if (step === "filter") { $("filter-text").value = "django"; $("filter-text").dispatchEvent(new Event("input")); }
  if (step === "clear") { $("filter-text").value = ""; $("filter-text").dispatchEvent(new Event("input")); }
  if (step === "status") { $("filter-status").value = "resolved"; $("filter-status").dispatchEvent(new Event("input")); }
  if (step === "sort") document.querySelector('#list-head button[data-sort="costUsd"]').click();
  if (step === "quality") { $("filter-quality").value = "findings"; $("filter-quality").dispatchEvent(new Event("input")); }
  if (step === "open") document.querySelector("#rows .row").click();
  void document.body.offsetHeight;
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t;
})`;

const STEPS = ["filter", "clear", "status", "sort", "open", "quality"] as const;
const STEP_NAMES = ["filter text", "clear", "filter status", "sort", "open run", "filter quality"];

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" },
      tasks: { type: "string", default: "500" },
      samples: { type: "string", default: "5" },
    },
  });
  const runs = Number(values.runs);
  const dir = await mkdtemp(join(tmpdir(), "swerig-bench-report-"));
  try {
    const files: Record<string, string> = {};
    const buildMs: string[] = [];
    let runCount = 0;
    for (const quality of [false, true]) {
      const runDir = join(dir, quality ? "run-quality" : "run");
      await writeSyntheticRun(runDir, { runId: "bench", tasks: Number(values.tasks), samples: Number(values.samples), quality });
      const t0 = performance.now();
      const folder = await loadRunFolder(runDir, "bench");
      const details = await collectRunDetails(folder);
      buildMs.push(`${(performance.now() - t0).toFixed(0)} ms${quality ? " with quality blocks" : ""}`);
      runCount = folder.runs.length;
      for (const virtualise of quality ? [true] : [true, false]) {
        const name = quality ? "virtualised, quality" : virtualise ? "virtualised" : "all rows (baseline)";
        const file = join(dir, `${name.replace(/\W+/g, "-")}.html`);
        await writeFile(file, buildReportPage({ folder, details, generatedAt: "bench", virtualise }));
        files[name] = file;
      }
    }
    const browser = await launchChromium();
    const rows: string[][] = [];
    try {
      for (const [mode, file] of Object.entries(files)) {
        const times: Record<string, number[]> = { load: [] };
        let domRows = 0;
        for (let i = 0; i < runs; i++) {
          const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
          await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
          // From navigation start to the first frame after the list is rendered (layout and paint included).
          times["load"]!.push(await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))));
          domRows = await page.locator("#rows .row").count();
          for (const step of STEPS) {
            times[step] ??= [];
            times[step].push((await page.evaluate(`${TIMED}(${JSON.stringify(step)})`)) as number);
          }
          await page.close();
        }
        const size = (await stat(file)).size;
        rows.push([
          mode,
          String(runCount),
          String(domRows),
          `${(size / 1e6).toFixed(1)} MB`,
          ...["load", ...STEPS].map((k) => median(times[k]!).toFixed(1)),
        ]);
      }
    } finally {
      await browser.close();
    }
    process.stdout.write(`report UI, ${runCount} task runs, median of ${runs} page loads (ms); folder read in ${buildMs.join(", ")}\n`);
    process.stdout.write(`${table(["list", "rows", "DOM rows", "file", "load", ...STEP_NAMES], rows)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
