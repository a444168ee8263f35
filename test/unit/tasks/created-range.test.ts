// Tasks by creation date: reading a date the user gave, the range's bounds (after inclusive, before
// exclusive), tasks without a date; and the options on the command line (tasks list, grade, run).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createdMs, parseDateArgument, selectCreated } from "../../../src/tasks/index.js";
import { makeTask } from "../../helpers/task.js";
import { runCli } from "../../helpers/cli.js";

const BUNDLED = fileURLToPath(new URL("../../../swe-tasks/", import.meta.url));

describe("parseDateArgument", () => {
  it("reads a day as its start in UTC, and a date-time with its zone", () => {
    expect(parseDateArgument("2024-06-01", "--x")).toBe(Date.UTC(2024, 5, 1));
    expect(parseDateArgument("2024-06-01T12:30:00Z", "--x")).toBe(Date.UTC(2024, 5, 1, 12, 30));
    expect(parseDateArgument("2024-06-01T12:30+02:00", "--x")).toBe(Date.UTC(2024, 5, 1, 10, 30));
  });

  it("refuses anything else, naming the option and the value", () => {
    for (const bad of ["2024-02-30", "2024-13-01", "yesterday", "2024", "06/01/2024", "2024-06-01T12:00", ""]) {
      expect(() => parseDateArgument(bad, "--created-after"), bad).toThrow(
        `--created-after takes a date as YYYY-MM-DD or an ISO date-time with its zone (2024-06-01T12:00:00Z), not ${JSON.stringify(bad)}`,
      );
    }
  });
});

describe("selectCreated", () => {
  const tasks = [
    makeTask({ id: "old", createdAt: "2023-12-31T23:59:59Z" }),
    makeTask({ id: "edge", createdAt: "2024-01-01T00:00:00Z" }),
    makeTask({ id: "new", createdAt: "2024-07-01T10:00:00Z" }),
    makeTask({ id: "undated" }),
    makeTask({ id: "garbled", createdAt: "sometime" }),
  ];
  const cut = Date.UTC(2024, 0, 1);
  const ids = (range: Parameters<typeof selectCreated>[1]) => selectCreated(tasks, range).tasks.map((t) => t.id);

  it("splits a task set in two at one date: after includes it, before excludes it", () => {
    expect(ids({ after: cut })).toEqual(["edge", "new"]);
    expect(ids({ before: cut })).toEqual(["old"]);
    expect(ids({ after: cut, before: Date.UTC(2024, 6, 1) })).toEqual(["edge"]);
  });

  it("leaves out and names the tasks without a readable date, and keeps every task without a range", () => {
    expect(selectCreated(tasks, { after: 0 }).undated).toEqual(["undated", "garbled"]);
    expect(selectCreated(tasks, {})).toEqual({ tasks, undated: [] });
    expect(createdMs(tasks[3]!)).toBeUndefined();
  });
});

describe("the date options on the command line", () => {
  const bundled = readdirSync(BUNDLED).filter((d) => existsSync(join(BUNDLED, d, "task.json")));
  const created = new Map(
    bundled.map((d) => [
      d,
      z.object({ created_at: z.string() }).parse(JSON.parse(readFileSync(join(BUNDLED, d, "task.json"), "utf8"))).created_at,
    ]),
  );

  it("every bundled task carries a creation date", () => {
    expect(bundled.length).toBeGreaterThan(20);
    for (const [id, at] of created) expect(Number.isNaN(Date.parse(at)), id).toBe(false);
  });

  it("tasks list keeps the tasks of the range and shows their date", async () => {
    const after = await runCli("tasks", "list", "--tasks", BUNDLED, "--created-after", "2025-01-01", "--json");
    const before = await runCli("tasks", "list", "--tasks", BUNDLED, "--created-before", "2025-01-01", "--json");
    const rows = (text: string) => z.array(z.object({ instance_id: z.string(), created_at: z.string() })).parse(JSON.parse(text));
    const expected = [...created].filter(([, at]) => at >= "2025-01-01").map(([id]) => id);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      rows(after.out)
        .map((r) => r.instance_id)
        .sort(),
    ).toEqual(expected.sort());
    expect(rows(after.out).every((r) => r.created_at >= "2025-01-01")).toBe(true);
    expect(rows(after.out).length + rows(before.out).length).toBe(created.size);
  });

  it("reads a SWE-bench row's created_at", async () => {
    const dir = await mkdtemp(join(tmpdir(), "swerig-created-"));
    const row = (id: string, createdAt: string) => ({
      ...{ repo: "psf/requests", instance_id: id, base_commit: "0".repeat(40), problem_statement: "p", hints_text: "", version: "2.4" },
      ...{ patch: "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-a\n+b\n", test_patch: "", created_at: createdAt },
      ...{ FAIL_TO_PASS: '["t::a"]', PASS_TO_PASS: "[]" },
    });
    const file = join(dir, "d.jsonl");
    const rows = [row("psf__requests-1", "2014-11-01T02:20:16Z"), row("psf__requests-2", "2019-01-01T00:00:00Z")];
    await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    try {
      const { code, out } = await runCli("tasks", "list", "--tasks", file, "--created-before", "2015-01-01", "--json");
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual([expect.objectContaining({ instance_id: "psf__requests-1", created_at: "2014-11-01T02:20:16Z" })]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 naming the option for a bad date or an empty range, before any container", async () => {
    for (const [cmd, flag] of [
      ["tasks list", "--created-after"],
      ["grade", "--created-before"],
      ["run", "--created-after"],
    ] as const) {
      const extra =
        cmd === "grade" ? ["--predictions", "gold", "--run-id", "x"] : cmd === "run" ? ["--agent", "gold", "--run-id", "x"] : [];
      const { code, err } = await runCli(...cmd.split(" "), "--tasks", BUNDLED, flag, "2024-02-30", ...extra);
      expect(code, cmd).toBe(2);
      expect(err, cmd).toContain(`${flag} takes a date as YYYY-MM-DD`);
    }
    const empty = await runCli("tasks", "list", "--tasks", BUNDLED, "--created-after", "2025-01-01", "--created-before", "2024-01-01");
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("--created-after 2025-01-01 is not earlier than --created-before 2024-01-01");
  });

  it("grade and run refuse a --reruns that is not 0 or a positive whole number", async () => {
    for (const bad of ["-1", "1.5", "many"]) {
      const { code, err } = await runCli("grade", "--tasks", BUNDLED, "--predictions", "gold", "--run-id", "x", `--reruns=${bad}`);
      expect(code).toBe(2);
      expect(err).toContain(`--reruns takes 0 or a positive whole number, not ${JSON.stringify(bad)}`);
    }
    const run = await runCli("run", "--agent", "gold", "--run-id", "x", "--reruns", "two");
    expect(run.err).toContain('--reruns takes 0 or a positive whole number, not "two"');
  });
});
