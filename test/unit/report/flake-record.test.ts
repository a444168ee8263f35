// The flaky-test record: merging one instance's reruns, the tests the report lists, and the file's
// update under its lock (concurrent writers lose nothing; a file that is not a record is kept aside).
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EvalRuns, InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import {
  emptyFlakeRecord,
  FlakeRecordSchema,
  flippedTests,
  mergeFlakeObservation,
  readFlakeRecord,
} from "../../../src/report/flake-record.js";
import { flakyTestRows } from "../../../src/report/html/flaky-section.js";
import { recordFlakes } from "../../../src/runner/flake-record-store.js";

const root = await mkdtemp(join(tmpdir(), "swerig-flake-record-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const run = (attempt: number, failing: string[]) => ({
  ...{ attempt, status: failing.length ? ("unresolved" as const) : ("resolved" as const), failing },
  ...{ testExitCode: failing.length ? 1 : 0, totalMs: 10, artifacts: attempt === 1 ? "." : `rerun-${attempt - 1}` },
});
/** t_flip fails then passes; t_steady fails in both runs. */
const flipping: EvalRuns = {
  verdictFrom: "first",
  runs: [run(1, ["t_flip", "t_steady"]), run(2, ["t_steady"])],
  compared: [1, 2],
  flipped: [{ test: "t_flip", list: "PASS_TO_PASS", statuses: ["FAILED", "PASSED"] }],
};
/** Three runs that agree: t_flip fails in each. */
const steady: EvalRuns = {
  verdictFrom: "first",
  runs: [run(1, ["t_flip"]), run(2, ["t_flip"]), run(3, ["t_flip"])],
  compared: [1, 2, 3],
  flipped: [],
};

describe("mergeFlakeObservation", () => {
  it("adds a check to every test that failed in some run, and a flip to those that flipped", () => {
    const record = mergeFlakeObservation(emptyFlakeRecord(), { taskSet: "s", runId: "r1", instanceId: "i", evalRuns: flipping });
    expect(record.task_sets["s"]!.instances["i"]).toEqual({
      t_flip: {
        checked: 1,
        flipped: 1,
        runs: 2,
        failed: 1,
        last_seen_run: "r1",
        last_flip_run: "r1",
        last_flip_statuses: ["FAILED", "PASSED"],
      },
      t_steady: { checked: 1, flipped: 0, runs: 2, failed: 2, last_seen_run: "r1", last_flip_run: null, last_flip_statuses: null },
    });
    mergeFlakeObservation(record, { taskSet: "s", runId: "r2", instanceId: "i", evalRuns: steady });
    expect(record.task_sets["s"]!.instances["i"]!["t_flip"]).toEqual({
      ...{ checked: 2, flipped: 1, runs: 5, failed: 4 },
      ...{ last_seen_run: "r2", last_flip_run: "r1", last_flip_statuses: ["FAILED", "PASSED"] },
    });
    expect(FlakeRecordSchema.parse(record)).toEqual(record);
  });

  it("counts only the runs that reached a graded log", () => {
    const withError: EvalRuns = { ...steady, runs: [...steady.runs.slice(0, 2), { ...run(3, []), status: "error" }], compared: [1, 2] };
    const record = mergeFlakeObservation(emptyFlakeRecord(), { taskSet: "s", runId: "r", instanceId: "i", evalRuns: withError });
    expect(record.task_sets["s"]!.instances["i"]!["t_flip"]).toMatchObject({ runs: 2, failed: 2, flipped: 0 });
  });

  it("lists the tests that flipped for a task set and a run's instances, most flips first, as the report's rows", () => {
    const record = emptyFlakeRecord();
    for (const [set, id, runs] of [
      ["s", "a", flipping],
      ["s", "b", flipping],
      ["s", "b", flipping],
      ["other", "a", flipping],
    ] as const)
      mergeFlakeObservation(record, { taskSet: set, runId: "r", instanceId: id, evalRuns: runs });
    expect(flippedTests(record, "s").map((t) => [t.instanceId, t.test, t.entry.flipped])).toEqual([
      ["b", "t_flip", 2],
      ["a", "t_flip", 1],
    ]);
    expect(flippedTests(record, "s", new Set(["a"])).map((t) => t.instanceId)).toEqual(["a"]);
    expect(flippedTests(record, "missing")).toEqual([]);
    expect(flippedTests(record, undefined, new Set(["a"]))).toHaveLength(2);
    expect(flakyTestRows(flippedTests(record, "s", new Set(["b"])))).toEqual([["b", "t_flip", "2/2", "2/4", "r", "FAILED, PASSED"]]);
  });
});

describe("the record file", () => {
  const outcome = (instanceId: string): InstanceOutcome => ({
    ...{ instanceId, model: "m", status: "unresolved", flaky: true, evalRuns: flipping },
    timings: { totalMs: 1 },
  });

  it("loses no check when many updates race, and skips outcomes graded once", async () => {
    const path = join(root, "race", "flaky-tests.json");
    const target = { path, taskSet: "s", runId: "r" };
    const ids = Array.from({ length: 12 }, (_, i) => `i${i % 4}`);
    await Promise.all(ids.map((id) => recordFlakes(target, outcome(id))));
    await recordFlakes(target, { instanceId: "once", model: "m", status: "unresolved", timings: { totalMs: 1 } });
    const { record, problem } = await readFlakeRecord(path);
    expect(problem).toBeUndefined();
    expect(Object.keys(record.task_sets["s"]!.instances)).toEqual(["i0", "i1", "i2", "i3"]);
    for (const tests of Object.values(record.task_sets["s"]!.instances)) expect(tests["t_flip"]).toMatchObject({ checked: 3, flipped: 3 });
    expect((await readdir(join(root, "race"))).sort()).toEqual(["flaky-tests.json"]);
  });

  it("keeps a file that is not a record aside and starts a new one", async () => {
    const dir = join(root, "bad");
    const path = join(dir, "flaky-tests.json");
    await recordFlakes({ path, taskSet: "s", runId: "r" }, outcome("seed"));
    await writeFile(path, '{"version": 7}');
    expect((await readFlakeRecord(path)).problem).toMatch(/flaky-tests\.json: not a flaky-test record \(version/);
    await recordFlakes({ path, taskSet: "s", runId: "r" }, outcome("a"), () => new Date("2026-01-02T03:04:05Z"));
    expect(Object.keys((await readFlakeRecord(path)).record.task_sets["s"]!.instances)).toEqual(["a"]);
    expect(await readFile(join(dir, "flaky-tests.json.invalid-2026-01-02T03-04-05-000Z"), "utf8")).toBe('{"version": 7}');
  });
});
