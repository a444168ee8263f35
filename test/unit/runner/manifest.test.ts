// The run manifest: which differences make another configuration, which field is named first, and
// hashes that stay put for the same content wherever it was read from.
import { describe, expect, it } from "vitest";
import type { Prediction } from "../../../src/grader/predictions.js";
import {
  manifestDifference,
  predictionsManifest,
  RunManifestSchema,
  stableJson,
  swerigVersion,
  taskContentHash,
  taskSetManifest,
  type RunManifest,
} from "../../../src/runner/manifest.js";
import { makeTask } from "../../helpers/task.js";

const tasks = [makeTask({ id: "a-1", goldPatch: "gold a" }), makeTask({ id: "b-2", goldPatch: "gold b" })];

function manifest(extra: Partial<RunManifest> = {}): RunManifest {
  return {
    manifest_version: 1,
    command: "run",
    swerig_version: "0.1.0",
    agent: {
      name: "openai",
      model: "gpt-4o",
      settings: { temperature: 0, seed: null },
      limits: { maxCostUsd: 3, maxSteps: 100, maxWallTimeMs: 1_800_000 },
      samples: 1,
    },
    grading: { semantics: "v5", timeout_sec: null },
    predictions: null,
    tasks: taskSetManifest(tasks),
    created_at: "2026-01-01T00:00:00.000Z",
    ...extra,
  };
}

describe("manifestDifference", () => {
  it("finds none between two manifests of one configuration written at different times", () => {
    const later = manifest({ created_at: "2026-02-02T00:00:00.000Z" });
    expect(manifestDifference(manifest(), later)).toBeUndefined();
    expect(RunManifestSchema.parse(JSON.parse(JSON.stringify(later)))).toEqual(later);
  });

  it("names the model with its old and new value", () => {
    const other = manifest();
    other.agent = { ...other.agent!, model: "gpt-4.1" };
    expect(manifestDifference(manifest(), other)).toEqual({ field: "agent.model", old: '"gpt-4o"', new: '"gpt-4.1"' });
  });

  it("names a sampling setting, a limit, the sample count and the swerig version", () => {
    const base = manifest();
    const hot = manifest();
    hot.agent = { ...hot.agent!, settings: { temperature: 0.7, seed: null } };
    expect(manifestDifference(base, hot)?.field).toBe("agent.settings.temperature");
    const steps = manifest();
    steps.agent = { ...steps.agent!, limits: { ...steps.agent!.limits, maxSteps: 50 } };
    expect(manifestDifference(base, steps)).toMatchObject({ field: "agent.limits.maxSteps", old: "100", new: "50" });
    const samples = manifest();
    samples.agent = { ...samples.agent!, samples: 5 };
    expect(manifestDifference(base, samples)?.field).toBe("agent.samples");
    expect(manifestDifference(base, manifest({ swerig_version: "0.2.0" }))?.field).toBe("swerig_version");
  });

  it("names the command before anything else when run and grade share a run id", () => {
    const grade = manifest({ command: "grade", agent: null, predictions: predictionsManifest("gold", []) });
    expect(manifestDifference(manifest(), grade)).toMatchObject({ field: "command", old: '"run"', new: '"grade"' });
  });

  it("names a setting present on one side only as absent", () => {
    const withUrl = manifest();
    withUrl.agent = { ...withUrl.agent!, settings: { ...withUrl.agent!.settings, base_url: "http://127.0.0.1:8000/v1" } };
    const url = '"http://127.0.0.1:8000/v1"';
    expect(manifestDifference(manifest(), withUrl)).toEqual({ field: "agent.settings.base_url", old: "(absent)", new: url });
    expect(manifestDifference(withUrl, manifest())).toMatchObject({ field: "agent.settings.base_url", new: "(absent)" });
  });

  it("names the task whose content changed, and a task added or removed", () => {
    const changed = manifest({ tasks: taskSetManifest([tasks[0]!, makeTask({ id: "b-2", goldPatch: "gold b, fixed" })]) });
    const d = manifestDifference(manifest(), changed)!;
    expect(d.field).toBe('tasks.ids["b-2"]');
    expect(d.old).toBe(JSON.stringify(taskContentHash(tasks[1]!)));
    const added = manifest({ tasks: taskSetManifest([...tasks, makeTask({ id: "c-3" })]) });
    expect(manifestDifference(manifest(), added)).toMatchObject({ field: 'tasks.ids["c-3"]', old: "(absent)" });
    const removed = manifest({ tasks: taskSetManifest([tasks[0]!]) });
    expect(manifestDifference(manifest(), removed)).toMatchObject({ field: 'tasks.ids["b-2"]', new: "(absent)" });
  });
});

describe("content hashes", () => {
  it("hash a task by what it means, not where it was read from", () => {
    const here = makeTask({ id: "a-1", origin: { kind: "swe-tasks", dir: "one" }, repoSource: { kind: "snapshot", dir: "one/repo" } });
    const there = makeTask({ id: "a-1", origin: { kind: "dataset", file: "o.jsonl", line: 7 }, repoSource: { kind: "bundle", file: "b" } });
    expect(taskContentHash(here)).toBe(taskContentHash(there));
    expect(taskContentHash(makeTask({ id: "a-1", failToPass: ["t2"] }))).not.toBe(taskContentHash(here));
    expect(taskContentHash(here)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("give the same task set hash whatever the order of the tasks", () => {
    expect(taskSetManifest([...tasks].reverse())).toEqual(taskSetManifest(tasks));
    expect(taskSetManifest(tasks).count).toBe(2);
    expect(Object.keys(taskSetManifest([...tasks].reverse()).ids)).toEqual(["a-1", "b-2"]);
  });

  it("hash predictions by id, model and patch, not by their order or origin", () => {
    const p = (id: string, patch: string | null, origin = "f.jsonl:1"): Prediction => ({ instanceId: id, model: "m", patch, origin });
    const one = predictionsManifest("file", [p("a-1", "x"), p("b-2", null)]);
    expect(predictionsManifest("file", [p("b-2", null, "g.json:9"), p("a-1", "x", "g.json:3")])).toEqual(one);
    expect(predictionsManifest("file", [p("a-1", "y"), p("b-2", null)]).sha256).not.toBe(one.sha256);
    expect(predictionsManifest("file", [p("a-1", "x"), p("b-2", "")]).sha256).not.toBe(one.sha256);
  });

  it("writes JSON with sorted keys at every depth", () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it("reads swerig's version from package.json", () => {
    expect(swerigVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
