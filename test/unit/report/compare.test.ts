// compare on two small hand-written run folders: pairing, flips, the statistics, slices, flaky and
// ungraded instances set apart, pass@k with samples, and the command's text output.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { compareRuns } from "../../../src/report/compare.js";
import { loadRunFolder } from "../../../src/report/run-folder.js";
import { mcnemarExact } from "../../../src/report/stats/index.js";
import { writeHandRun, type HandRun } from "../../helpers/run-folder.js";
import { makeTask } from "../../helpers/task.js";

const root = await mkdtemp(join(tmpdir(), "swerig-compare-"));
afterAll(() => rm(root, { recursive: true, force: true }));

// A resolves i0..i3; B resolves i2..i8: B gains i4..i8 (5), loses i0, i1 (2).
const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
const runA: HandRun[] = ids.map((id, i) => ({ id, status: i < 4 ? "resolved" : "unresolved" }));
const runB: HandRun[] = ids.map((id, i) => ({ id, status: i >= 2 && i <= 8 ? "resolved" : "unresolved" }));
runA.push(
  { id: "flaky1", status: "resolved", flaky: true },
  { id: "onlyA", status: "resolved" },
  { id: "infra", status: "agent_error" },
  { id: "going", status: "", running: true, trace: "" },
);
runB.push({ id: "flaky1", status: "unresolved" }, { id: "infra", status: "resolved" }, { id: "going", status: "resolved" });
await writeHandRun(join(root, "a"), runA);
await writeHandRun(join(root, "b"), runB);

describe("compareRuns", () => {
  it("pairs the instances both runs graded and counts flips each way", async () => {
    const c = compareRuns(await loadRunFolder(join(root, "a"), "a"), await loadRunFolder(join(root, "b"), "b"), undefined, {
      resamples: 2000,
    });
    expect(c.overall.instances).toBe(10);
    expect(c.overall.resolvedA).toBe(4);
    expect(c.overall.resolvedB).toBe(7);
    expect(c.overall.gained).toEqual(["i4", "i5", "i6", "i7", "i8"]);
    expect(c.overall.lost).toEqual(["i0", "i1"]);
    expect(c.overall.difference.estimate).toBeCloseTo(0.3, 12);
    expect(c.overall.difference.low).toBeLessThanOrEqual(0.3);
    expect(c.overall.difference.high).toBeGreaterThanOrEqual(0.3);
    // 2 * (C(7,0) + C(7,1) + C(7,2)) / 2^7 = 58/128
    expect(c.overall.mcnemarP).toBeCloseTo(58 / 128, 12);
    expect(c.overall.mcnemarP).toBe(mcnemarExact(5, 2));
    expect(c.flaky).toEqual([{ instanceId: "flaky1", a: "resolved (flaky)", b: "unresolved" }]);
    expect(c.onlyA).toEqual(["onlyA"]);
    // A has no verdict for these (an infrastructure failure, a run still going): graded by B only.
    expect(c.onlyB).toEqual(["going", "infra"]);
  });

  it("slices by the tasks' kind and year, each slice with its own flips and test", async () => {
    const task = (id: string, i: number) => makeTask({ id, kind: i < 5 ? "bug" : "feature", createdAt: `${2020 + (i % 2)}-01-01` });
    const tasks = new Map(ids.map((id, i) => [id, task(id, i)]));
    const [a, b] = [await loadRunFolder(join(root, "a"), "a"), await loadRunFolder(join(root, "b"), "b")];
    const c = compareRuns(a, b, tasks, { resamples: 500 });
    // bug: i0..i4, A resolves i0..i3, B resolves i2..i4: +1 (i4) -2 (i0, i1)
    expect(c.slices["kind"]!["bug"]).toMatchObject({ instances: 5, resolvedA: 4, resolvedB: 3, gained: ["i4"], lost: ["i0", "i1"] });
    expect(c.slices["kind"]!["bug"]!.mcnemarP).toBe(1);
    const feature = { instances: 5, resolvedA: 0, resolvedB: 4, gained: ["i5", "i6", "i7", "i8"], lost: [] };
    expect(c.slices["kind"]!["feature"]).toMatchObject(feature);
    // 2 * C(4,0) / 2^4
    expect(c.slices["kind"]!["feature"]!.mcnemarP).toBeCloseTo(0.125, 12);
    expect(Object.keys(c.slices["created"]!)).toEqual(["2020", "2021"]);
    expect(c.slices["difficulty"]).toBeUndefined();
  });

  it("is reproducible for a seed", async () => {
    const [a, b] = [await loadRunFolder(join(root, "a"), "a"), await loadRunFolder(join(root, "b"), "b")];
    expect(compareRuns(a, b, undefined, { seed: 3, resamples: 500 })).toEqual(compareRuns(a, b, undefined, { seed: 3, resamples: 500 }));
  });

  it("compares pass@k over samples", async () => {
    const many = (dir: string, good: number) =>
      writeHandRun(
        join(root, dir),
        ["x", "y"].flatMap((id) => Array.from({ length: 5 }, (_, s) => ({ id, sample: s, status: s < good ? "resolved" : "unresolved" }))),
        5,
      );
    await many("sa", 1);
    await many("sb", 3);
    const c = compareRuns(await loadRunFolder(join(root, "sa"), "sa"), await loadRunFolder(join(root, "sb"), "sb"));
    expect(c.passAtK.map((p) => p.k)).toEqual([1, 5]);
    // pass@1 = c/n: 1/5 against 3/5
    expect(c.passAtK[0]!.a).toBeCloseTo(0.2, 12);
    expect(c.passAtK[0]!.b).toBeCloseTo(0.6, 12);
    expect(c.passAtK[0]!.difference.estimate).toBeCloseTo(0.4, 12);
    expect(c.passAtK[1]).toMatchObject({ a: 1, b: 1 });
  });
});

describe("swerig compare", () => {
  it("prints the paired result, the flips and the flaky instances; --html writes a page", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const html = join(root, "cmp.html");
    const code = await main(["compare", join(root, "a"), join(root, "b"), "--tasks", join(root, "none"), "--html", html], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("10 instances graded in both, 1 flaky set apart");
    expect(text).toContain("B-A +30.0 points");
    expect(text).toContain("5 resolved by B only, 2 by A only; McNemar exact p = 0.453");
    expect(text).toMatch(/flaky1\s+resolved \(flaky\)\s+unresolved/);
    expect(err.join("\n")).toContain("warning: tasks from");
  });

  it("names a run folder that does not exist", async () => {
    const err: string[] = [];
    const code = await main(["compare", "nope-a", "nope-b", "--traces-dir", root], { out: () => {}, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join("\n")).toContain('no run folder "nope-a"');
  });
});
