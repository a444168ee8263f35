import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { RunStore } from "../../../src/runner/run-store.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function store(): Promise<RunStore> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-run-store-"));
  dirs.push(dir);
  return new RunStore(join(dir, "run-1"));
}

const REPORT = {
  patch_is_None: false,
  patch_exists: true,
  patch_successfully_applied: true,
  resolved: true,
  tests_status: {
    FAIL_TO_PASS: { success: ["tests/test_x.py::test_a"], failure: [] },
    PASS_TO_PASS: { success: ["tests/test_x.py::test_b"], failure: [] },
    FAIL_TO_FAIL: { success: [], failure: [] },
    PASS_TO_FAIL: { success: [], failure: [] },
  },
};

const resolved: InstanceOutcome = {
  instanceId: "psf__requests-2317",
  model: "acme/model-1",
  status: "resolved",
  resolution: "RESOLVED_FULL",
  report: REPORT,
  applyMethod: "git apply --verbose",
  testExitCode: 0,
  oomKilled: false,
  timings: { containerMs: 100, applyMs: 20, testsMs: 3000, parseMs: 1, teardownMs: 50, totalMs: 3200 },
};

const errored: InstanceOutcome = {
  instanceId: "psf__requests-2148",
  model: "acme/model-1",
  status: "patch_failed",
  reason: "psf__requests-2148: the patch does not apply",
  timings: { totalMs: 900 },
};

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"));

describe("RunStore", () => {
  it("writes report.json in the official shape {<id>: report} beside status.json", async () => {
    const s = await store();
    await s.saveOutcome(resolved);
    const dir = s.instanceDir(resolved.instanceId);
    expect((await readdir(dir)).sort()).toEqual(["report.json", "status.json"]);
    expect(await readJson(join(dir, "report.json"))).toEqual({ "psf__requests-2317": REPORT });
    // Indented by four spaces, as the harness's json.dumps(indent=4).
    expect(await readFile(join(dir, "report.json"), "utf8")).toMatch(/^\{\n {4}"psf__requests-2317": \{\n {8}"patch_is_None": false,/);
    const { report: _omitted, ...status } = resolved;
    expect(await readJson(join(dir, "status.json"))).toEqual(status);
  });

  it("writes only status.json for an outcome without a report", async () => {
    const s = await store();
    await s.saveOutcome(errored);
    const dir = s.instanceDir(errored.instanceId);
    expect(await readdir(dir)).toEqual(["status.json"]);
    expect(await readJson(join(dir, "status.json"))).toEqual(errored);
  });

  it("gives back a saved outcome that has a report, and undefined for one without", async () => {
    const s = await store();
    await s.saveOutcome(resolved);
    await s.saveOutcome(errored);
    expect(await s.loadCompleted(resolved.instanceId)).toEqual(resolved);
    expect(await s.loadCompleted(errored.instanceId)).toBeUndefined();
    expect(await s.loadCompleted("never__graded-1")).toBeUndefined();
  });

  it("treats an unreadable report.json as not done", async () => {
    const s = await store();
    await s.saveOutcome(resolved);
    await writeFile(join(s.instanceDir(resolved.instanceId), "report.json"), '{"psf__requests-2317": ');
    expect(await s.loadCompleted(resolved.instanceId)).toBeUndefined();
  });

  it("treats a status.json of another instance, or with a status it does not know, as not done", async () => {
    const s = await store();
    await s.saveOutcome(resolved);
    const status = join(s.instanceDir(resolved.instanceId), "status.json");
    const saved = JSON.parse(await readFile(status, "utf8")) as Record<string, unknown>;
    await writeFile(status, JSON.stringify({ ...saved, instanceId: "other__repo-1" }));
    expect(await s.loadCompleted(resolved.instanceId)).toBeUndefined();
    await writeFile(status, JSON.stringify({ ...saved, status: "resolved-ish" }));
    expect(await s.loadCompleted(resolved.instanceId)).toBeUndefined();
  });

  it("replaces an earlier outcome when an instance is graded again", async () => {
    const s = await store();
    await s.saveOutcome({ ...resolved, status: "unresolved", report: { ...REPORT, resolved: false } });
    await s.saveOutcome(resolved);
    expect(await s.loadCompleted(resolved.instanceId)).toEqual(resolved);
    expect((await readdir(s.instanceDir(resolved.instanceId))).sort()).toEqual(["report.json", "status.json"]);
  });

  it("leaves no report.json of an earlier grading when a re-grade ends without a report", async () => {
    const s = await store();
    await s.saveOutcome(resolved);
    await s.saveOutcome({ ...errored, instanceId: resolved.instanceId });
    expect(await readdir(s.instanceDir(resolved.instanceId))).toEqual(["status.json"]);
    expect(await s.loadCompleted(resolved.instanceId)).toBeUndefined();
  });

  it.each(["../x", "a/b", "", ".hidden", "a\\b", "/abs"])("refuses the id %j, which cannot name a folder", async (id) => {
    const s = await store();
    const attempts: (() => unknown)[] = [() => s.instanceDir(id), () => s.writeArtifact(id, "patch.diff", "x"), () => s.loadCompleted(id)];
    for (const attempt of attempts) {
      const error = await (async () => attempt())().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(SwerigError.isInstance(error) && error.code).toBe("invalid_input");
    }
    await expect(s.saveOutcome({ ...errored, instanceId: id })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
