// summary.json written once by whoever ran the suite, and read back by the report's run-folder reader.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRunFolder } from "../../../src/report/run-folder.js";
import { notRunOutcome } from "../../../src/report/run-summary.js";
import { SUMMARY_FILE, writeSummaryFile } from "../../../src/report/summary-file.js";
import { summarize } from "../../../src/report/summary.js";
import { makeTask } from "../../helpers/task.js";

const root = await mkdtemp(join(tmpdir(), "swerig-summary-file-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const tasks = [makeTask({ id: "a-1" })];
const summary = summarize({
  runId: "r1",
  semantics: "v5",
  tasks,
  predictions: [{ instanceId: "a-1", model: "m", patch: "diff", origin: "p" }],
  outcomes: new Map([["a-1", notRunOutcome("a-1", "m")]]),
  wallSeconds: 1,
});

describe("writeSummaryFile", () => {
  it("makes the run folder, writes summary.json whole and returns its path; the run-folder reader reads it back", async () => {
    const runDir = join(root, "new", "r1");
    const written = await writeSummaryFile(runDir, summary);
    expect(written).toEqual({ summaryPath: join(runDir, SUMMARY_FILE) });
    expect(JSON.parse(await readFile(join(runDir, SUMMARY_FILE), "utf8"))).toEqual(summary);
    expect(await readdir(runDir)).toEqual([SUMMARY_FILE]);
    const folder = await loadRunFolder(runDir, "r1");
    expect(folder.summary).toMatchObject({ total_instances: 1, incomplete_ids: ["a-1"] });
  });

  it("replaces an older summary.json", async () => {
    const runDir = join(root, "again");
    await writeSummaryFile(runDir, { ...summary, total_instances: 99 });
    await writeSummaryFile(runDir, summary);
    expect(JSON.parse(await readFile(join(runDir, SUMMARY_FILE), "utf8"))).toMatchObject({ total_instances: 1 });
    expect(await readdir(runDir)).toEqual([SUMMARY_FILE]);
  });

  it("throws a failure other than a full disk", async () => {
    const file = join(root, "a-file");
    await writeFile(file, "not a folder");
    await expect(writeSummaryFile(join(file, "r1"), summary)).rejects.toMatchObject({ code: "ENOTDIR" });
  });
});
