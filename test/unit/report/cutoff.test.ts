// --cutoff: results split at a date, each side with its interval and the change with Newcombe's
// (checked against his published example); in compare (paired, per side) and in report (text and
// HTML), with the report's flaky section from the traces folder's record.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/report/compare.js";
import { cutoffSlice, describeCutoff } from "../../../src/report/cutoff.js";
import { loadRunFolder } from "../../../src/report/run-folder.js";
import { newcombeDifference } from "../../../src/report/stats/index.js";
import { recordFlakes } from "../../../src/runner/flake-record-store.js";
import { loadTasks } from "../../../src/tasks/index.js";
import { writeHandRun } from "../../helpers/run-folder.js";
import { makeTask } from "../../helpers/task.js";
import { runCli } from "../../helpers/cli.js";

const root = await mkdtemp(join(tmpdir(), "swerig-cutoff-"));
afterAll(() => rm(root, { recursive: true, force: true }));
const BUNDLED = fileURLToPath(new URL("../../../swe-tasks/", import.meta.url));

describe("newcombeDifference", () => {
  it("matches Newcombe's (1998) example: 56/70 against 48/80, 0.2 with 95% interval 0.0524 to 0.3339", () => {
    const d = newcombeDifference(48, 80, 56, 70);
    expect(d.estimate).toBeCloseTo(0.2, 12);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });
});

describe("cutoffSlice", () => {
  const tasks = new Map(
    [
      ["a", "2023-05-01T00:00:00Z"],
      ["b", "2023-12-31T23:00:00Z"],
      ["c", "2024-01-01T00:00:00Z"],
      ["d", "2024-03-01T00:00:00Z"],
      ["e", "2024-04-01T00:00:00Z"],
    ].map(([id, at]) => [id!, makeTask({ id: id!, createdAt: at! })]),
  );
  tasks.set("u", makeTask({ id: "u" }));
  const runs = ["a", "b", "c", "d", "e", "u", "no-task"].map((taskId) => ({ taskId, resolved: ["a", "b", "c"].includes(taskId) }));

  it("counts each side, the day of the cutoff after it, and leaves undated runs out", () => {
    const s = cutoffSlice(runs, tasks, Date.UTC(2024, 0, 1));
    expect(s).toMatchObject({ cutoff: "2024-01-01", before: { instances: 2, resolved: 2 }, after: { instances: 3, resolved: 1 } });
    expect(s.undated).toEqual(["no-task", "u"]);
    expect(s.change.estimate).toBeCloseTo(1 / 3 - 1, 12);
    expect(s.change).toMatchObject(newcombeDifference(2, 2, 1, 3));
    expect(describeCutoff(s)).toBe(
      "cutoff 2024-01-01: created before: 2/2 resolved (100.0%, 95% CI 34.2% to 100.0%); " +
        "at or after: 1/3 resolved (33.3%, 95% CI 6.1% to 79.2%); " +
        `after - before -66.7 points [${(100 * s.change.low).toFixed(1)}, +${(100 * s.change.high).toFixed(1)}]; ` +
        "2 without a creation date left out",
    );
  });

  it("says when a side is empty and gives no change then", () => {
    expect(describeCutoff(cutoffSlice(runs, tasks, Date.UTC(2030, 0, 1)))).toMatch(/at or after: no tasks; 2 without/);
  });
});

const run = (attempt: number, status: string, failing: string[]) => ({
  attempt,
  status,
  failing,
  testExitCode: 1,
  totalMs: 1,
  artifacts: ".",
});

describe("--cutoff in compare and report", () => {
  it("compare pairs each side of the cutoff", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
    await writeHandRun(
      join(root, "a"),
      ids.map((id, i) => ({ id, status: i < 4 ? "resolved" : "unresolved" })),
    );
    await writeHandRun(
      join(root, "b"),
      ids.map((id, i) => ({ id, status: i >= 2 && i <= 8 ? "resolved" : "unresolved" })),
    );
    const tasks = new Map(ids.map((id, i) => [id, makeTask({ id, createdAt: i < 5 ? "2020-06-01T00:00:00Z" : "2022-06-01T00:00:00Z" })]));
    const [a, b] = [await loadRunFolder(join(root, "a"), "a"), await loadRunFolder(join(root, "b"), "b")];
    const c = compareRuns(a, b, tasks, { resamples: 500 }, Date.UTC(2021, 0, 1));
    expect(c.cutoff).toMatchObject({ date: "2021-01-01", undated: [] });
    expect(c.cutoff!.before).toMatchObject({ instances: 5, resolvedA: 4, resolvedB: 3, gained: ["i4"], lost: ["i0", "i1"] });
    expect(c.cutoff!.after).toMatchObject({ instances: 5, resolvedA: 0, resolvedB: 4, gained: ["i5", "i6", "i7", "i8"], lost: [] });
  });

  it("report prints the slice and the flaky tests, and the page shows both; compare prints the sides", async () => {
    const { tasks } = await loadTasks(BUNDLED);
    const [early, late] = [
      tasks.filter((t) => t.createdAt! < "2025-01-01").slice(0, 2),
      tasks.filter((t) => t.createdAt! >= "2025-01-01").slice(0, 2),
    ];
    const runDir = join(root, "traces", "r1");
    await writeHandRun(runDir, [
      { id: early[0]!.id, status: "resolved" },
      { id: early[1]!.id, status: "resolved" },
      { id: late[0]!.id, status: "unresolved", flaky: true },
      { id: late[1]!.id, status: "unresolved" },
    ]);
    const flip = { test: "tests/t.py::test_x", list: "PASS_TO_PASS" as const, statuses: ["FAILED" as const, "PASSED" as const] };
    const evalRuns = { verdictFrom: "first" as const, runs: [], compared: [1, 2], flipped: [flip] };
    const outcome = { instanceId: late[0]!.id, model: "m", status: "unresolved" as const, evalRuns, timings: { totalMs: 1 } };
    await recordFlakes({ path: join(root, "traces", "flaky-tests.json"), taskSet: "set", runId: "r0" }, outcome);
    const runs = [run(1, "unresolved", ["tests/t.py::test_x"]), run(2, "resolved", [])];
    const status = { instanceId: late[0]!.id, status: "unresolved", flaky: true, evalRuns: { ...evalRuns, runs } };
    await writeFile(join(runDir, late[0]!.id, "status.json"), JSON.stringify(status));
    const html = join(root, "r1.html");
    const report = await runCli("report", runDir, "--tasks", BUNDLED, "--cutoff", "2025-01-01", "--html", html);
    expect(report.code).toBe(0);
    expect(report.out).toContain("cutoff 2025-01-01: created before: 2/2 resolved (100.0%");
    expect(report.out).toContain("at or after: 0/2 resolved (0.0%");
    expect(report.out).toContain("flaky: 1 task run(s) whose reruns disagreed; 1 test(s) of its instances flipped in the record");
    const page = await readFile(html, "utf8");
    expect(page).toContain('<p class="cutoff"><b>cutoff 2025-01-01: created before: 2/2 resolved');
    expect(page).toContain(`<td>${late[0]!.id}</td><td>tests/t.py::test_x</td><td class="n">1/1</td>`);
    expect(page).toContain(
      `1 task run(s) of this run flaky (reruns of the eval disagreed; the first run's verdict counts): ${late[0]!.id} (unresolved)`,
    );

    const compare = await runCli("compare", runDir, runDir, "--tasks", BUNDLED, "--cutoff", "2025-01-01", "--resamples", "200");
    expect(compare.code).toBe(0);
    expect(compare.out).toMatch(/cutoff 2025-01-01:\n\s+slice\s+n\s+A\s+B/);
    expect(compare.out).toMatch(/created before 2025-01-01\s+2\s+100\.0%\s+100\.0%/);
  });

  it("exits 2 naming --cutoff for a bad date", async () => {
    for (const cmd of [
      ["report", "r1"],
      ["compare", "r1", "r1"],
    ]) {
      const { code, err } = await runCli(...cmd, "--cutoff", "June", "--traces-dir", join(root, "traces"));
      expect(code).toBe(2);
      expect(err).toContain('--cutoff takes a date as YYYY-MM-DD or an ISO date-time with its zone (2024-06-01T12:00:00Z), not "June"');
    }
  });
});
