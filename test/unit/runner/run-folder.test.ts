// Opening a run folder: a new one gets the manifest, the same configuration resumes, another is
// refused naming the field, and --force keeps the old folder under a new name and starts afresh.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import { taskSetManifest, type RunManifest } from "../../../src/runner/manifest.js";
import { applyRunFolderPlan, planRunFolder, runFolderInstanceIds } from "../../../src/runner/run-folder.js";
import { makeTask } from "../../helpers/task.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tracesDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-run-folder-"));
  dirs.push(dir);
  return dir;
}

const manifest = (model = "gpt-4o"): RunManifest => ({
  manifest_version: 1,
  command: "run",
  swerig_version: "0.1.0",
  agent: { name: "openai", model, settings: {}, limits: { maxCostUsd: 3, maxSteps: 100, maxWallTimeMs: 60_000 }, samples: 1 },
  grading: { semantics: "v5", timeout_sec: null },
  predictions: null,
  tasks: taskSetManifest([makeTask({ id: "a-1" })]),
  created_at: "2026-01-01T00:00:00.000Z",
});

const refusal = async (p: Promise<unknown>): Promise<SwerigError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!SwerigError.isInstance(error)) throw new Error(`expected an SwerigError, got ${String(error)}`);
  return error;
};

describe("run folders", () => {
  it("writes the manifest into a new folder, and resumes a folder of the same configuration", async () => {
    const runDir = join(await tracesDir(), "r1");
    const plan = await planRunFolder(runDir, manifest(), false);
    expect(plan).toEqual({ kind: "new" });
    expect(await applyRunFolderPlan(runDir, manifest(), plan)).toBeUndefined();
    expect(JSON.parse(await readFile(join(runDir, "manifest.json"), "utf8"))).toEqual(manifest());
    const again = { ...manifest(), created_at: "2026-03-03T00:00:00.000Z" };
    const resume = await planRunFolder(runDir, again, false);
    expect(resume).toEqual({ kind: "resume" });
    expect(await applyRunFolderPlan(runDir, again, resume)).toContain("resuming run r1");
    expect(JSON.parse(await readFile(join(runDir, "manifest.json"), "utf8")).created_at).toBe("2026-01-01T00:00:00.000Z");
  });

  it("refuses another configuration with invalid_input naming the field, both values and the way out", async () => {
    const runDir = join(await tracesDir(), "r1");
    await applyRunFolderPlan(runDir, manifest(), { kind: "new" });
    const error = await refusal(planRunFolder(runDir, manifest("gpt-4.1"), false));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain('run id "r1" already holds another configuration');
    expect(error.message).toContain('agent.model was "gpt-4o", now "gpt-4.1"');
    expect(error.message).toContain("use a new --run-id or --force");
  });

  it("refuses a folder with results but no manifest, and one whose manifest is not readable", async () => {
    const traces = await tracesDir();
    await mkdir(join(traces, "old", "a-1"), { recursive: true });
    expect((await refusal(planRunFolder(join(traces, "old"), manifest(), false))).message).toContain("manifest.json was (absent");
    await mkdir(join(traces, "bad"));
    await writeFile(join(traces, "bad", "manifest.json"), '{"manifest_version": 99}');
    const bad = await refusal(planRunFolder(join(traces, "bad"), manifest(), false));
    expect(bad.message).toMatch(/manifest\.json was \(not a manifest this swerig reads: .*manifest_version/);
  });

  it("with --force keeps the old folder renamed and starts afresh with the new manifest", async () => {
    const traces = await tracesDir();
    const runDir = join(traces, "r1");
    await applyRunFolderPlan(runDir, manifest(), { kind: "new" });
    await mkdir(join(runDir, "a-1"));
    await writeFile(join(runDir, "a-1", "result.json"), "{}");
    const plan = await planRunFolder(runDir, manifest("gpt-4.1"), true);
    expect(plan).toMatchObject({ kind: "replace", difference: { field: "agent.model" } });
    const line = await applyRunFolderPlan(runDir, manifest("gpt-4.1"), plan, () => new Date("2026-05-06T07:08:09.123Z"));
    const moved = join(traces, "r1.replaced-2026-05-06T07-08-09-123Z");
    const why = 'agent.model was "gpt-4o", now "gpt-4.1"';
    expect(line).toBe(`--force: r1 held another configuration (${why}); moved it to ${moved} and started afresh`);
    expect((await readdir(traces)).sort()).toEqual(["r1", "r1.replaced-2026-05-06T07-08-09-123Z"]);
    expect(await readdir(runDir)).toEqual(["manifest.json"]);
    expect(JSON.parse(await readFile(join(runDir, "manifest.json"), "utf8")).agent.model).toBe("gpt-4.1");
    expect(JSON.parse(await readFile(join(moved, "manifest.json"), "utf8")).agent.model).toBe("gpt-4o");
    expect(await readdir(join(moved, "a-1"))).toEqual(["result.json"]);
  });

  it("lists the known instance folders of a run folder, sorted", async () => {
    const runDir = join(await tracesDir(), "r1");
    for (const d of ["b-2", "a-1", "stray"]) await mkdir(join(runDir, d), { recursive: true });
    await writeFile(join(runDir, "c-3"), "a file, not a folder");
    expect(await runFolderInstanceIds(runDir, ["a-1", "b-2", "c-3", "d-4"])).toEqual(["a-1", "b-2"]);
    expect(await runFolderInstanceIds(join(runDir, "missing"), ["a-1"])).toEqual([]);
  });
});
