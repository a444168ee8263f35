import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import { loadPredictions, syntheticPredictions } from "../../../src/grader/predictions.js";
import type { Task } from "../../../src/tasks/task.js";
import { makeTask } from "../../helpers/task.js";

const PREDS_EXCERPT = fileURLToPath(new URL("../../fixtures/unit/predictions/mini-swe-agent-preds-excerpt.json", import.meta.url));

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tmpFile(name: string, content?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-preds-"));
  dirs.push(dir);
  const path = join(dir, name);
  if (content !== undefined) await writeFile(path, content);
  return path;
}

function task(id: string): Task {
  return makeTask({
    id,
    goldPatch: `diff --git a/${id}.py b/${id}.py\n--- a/${id}.py\n+++ b/${id}.py\n@@ -1 +1 @@\n-a\n+b\n`,
    image: { kind: "swebench", name: "img" },
    origin: { kind: "dataset", file: "d.jsonl", line: 1 },
  });
}

const TASKS = ["a__a-1", "a__a-2", "a__a-3"].map(task);
const pred = (id: string, patch: string | null, model = "acme/model-1") => ({
  instance_id: id,
  model_name_or_path: model,
  model_patch: patch,
});

describe("loadPredictions", () => {
  it("reads a JSON list of predictions", async () => {
    const file = await tmpFile("preds.json", JSON.stringify([pred("a__a-1", "diff 1"), pred("a__a-2", "diff 2")], null, 2));
    const { predictions, problems } = await loadPredictions(file, TASKS);
    expect(problems).toEqual([]);
    expect(predictions).toEqual([
      { instanceId: "a__a-1", model: "acme/model-1", patch: "diff 1", origin: `${file}:1` },
      { instanceId: "a__a-2", model: "acme/model-1", patch: "diff 2", origin: `${file}:2` },
    ]);
  });

  it("reads a mini-swe-agent preds.json, a dict keyed by instance id", async () => {
    const tasks = ["marshmallow-code__marshmallow-1359", "pydicom__pydicom-1256"].map(task);
    const { predictions, problems } = await loadPredictions(PREDS_EXCERPT, tasks);
    expect(problems).toEqual([]);
    expect(predictions.map((p) => [p.instanceId, p.model])).toEqual([
      ["marshmallow-code__marshmallow-1359", "deepseek/deepseek-chat"],
      ["pydicom__pydicom-1256", "deepseek/deepseek-chat"],
    ]);
    expect(predictions[0]!.patch).toMatch(/^diff --git a\/src\/marshmallow\/fields.py b\/src\/marshmallow\/fields.py\n/);
  });

  it("takes the instance id of a dict entry from its key when the entry lacks one", async () => {
    const file = await tmpFile("preds.json", JSON.stringify({ "a__a-2": { model_name_or_path: "m", model_patch: "diff" } }));
    const { predictions } = await loadPredictions(file, TASKS);
    expect(predictions).toEqual([{ instanceId: "a__a-2", model: "m", patch: "diff", origin: `${file}:1` }]);
  });

  it("reports a malformed JSONL line with its number and loads the others", async () => {
    const lines = [
      JSON.stringify(pred("a__a-1", "d1")),
      '{"instance_id": "a__a-2", "model_patch": ',
      JSON.stringify(pred("a__a-3", "d3")),
      "",
    ];
    const file = await tmpFile("preds.jsonl", lines.join("\n"));
    const { predictions, problems } = await loadPredictions(file, TASKS);
    expect(predictions.map((p) => [p.instanceId, p.origin])).toEqual([
      ["a__a-1", `${file}:1`],
      ["a__a-3", `${file}:3`],
    ]);
    expect(problems).toEqual([{ where: `${file}:2`, message: expect.stringMatching(/^malformed JSON line/) }]);
  });

  it("reports and skips a prediction for an instance that is not among the tasks", async () => {
    const file = await tmpFile("preds.jsonl", [pred("a__a-1", "d1"), pred("zz__zz-9", "d9")].map((p) => JSON.stringify(p)).join("\n"));
    const { predictions, problems } = await loadPredictions(file, TASKS);
    expect(predictions.map((p) => p.instanceId)).toEqual(["a__a-1"]);
    expect(problems).toEqual([{ where: `${file}:2`, instanceId: "zz__zz-9", message: expect.stringContaining("not among the tasks") }]);
  });

  it("grades the later of two predictions for one instance and names both places", async () => {
    const file = await tmpFile(
      "preds.jsonl",
      [pred("a__a-1", "old"), pred("a__a-2", "d2"), pred("a__a-1", "new")].map((p) => JSON.stringify(p)).join("\n"),
    );
    const { predictions, problems } = await loadPredictions(file, TASKS);
    expect(predictions.find((p) => p.instanceId === "a__a-1")).toMatchObject({ patch: "new", origin: `${file}:3` });
    expect(predictions).toHaveLength(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: `${file}:3`, instanceId: "a__a-1" });
    expect(problems[0]!.message).toContain(`${file}:1`);
  });

  it("keeps a null model_patch as null and an empty one as empty", async () => {
    const file = await tmpFile("preds.jsonl", [pred("a__a-1", null), pred("a__a-2", "")].map((p) => JSON.stringify(p)).join("\n"));
    const { predictions, problems } = await loadPredictions(file, TASKS);
    expect(problems).toEqual([]);
    expect(predictions.map((p) => [p.instanceId, p.patch])).toEqual([
      ["a__a-1", null],
      ["a__a-2", ""],
    ]);
  });

  it("reports a row without model_patch or with a non-string one, naming the field", async () => {
    const rows = [{ instance_id: "a__a-1", model_name_or_path: "m" }, { instance_id: "a__a-2", model_patch: 7 }, pred("a__a-3", "d3")];
    const file = await tmpFile("preds.jsonl", rows.map((p) => JSON.stringify(p)).join("\n"));
    const { predictions, problems } = await loadPredictions(file, TASKS);
    expect(predictions.map((p) => p.instanceId)).toEqual(["a__a-3"]);
    expect(problems.map((p) => [p.where, p.message])).toEqual([
      [`${file}:1`, expect.stringMatching(/model_patch/)],
      [`${file}:2`, expect.stringMatching(/model_patch/)],
    ]);
  });

  it("names a prediction without a model 'unknown'", async () => {
    const file = await tmpFile("preds.jsonl", JSON.stringify({ instance_id: "a__a-1", model_patch: "d" }));
    const { predictions } = await loadPredictions(file, TASKS);
    expect(predictions[0]!.model).toBe("unknown");
  });

  it("throws invalid_input naming the file when it cannot be read", async () => {
    const missing = await tmpFile("nope.jsonl");
    const error = await loadPredictions(missing, TASKS).catch((e: unknown) => e);
    expect(SwerigError.isInstance(error) && error.code).toBe("invalid_input");
    expect((error as Error).message).toContain(missing);
  });

  it("loads the same predictions from the dict and from a list of its values", async () => {
    const tasks = ["marshmallow-code__marshmallow-1359", "pydicom__pydicom-1256"].map(task);
    const dict = JSON.parse(await readFile(PREDS_EXCERPT, "utf8")) as Record<string, unknown>;
    const listFile = await tmpFile("list.json", JSON.stringify(Object.values(dict)));
    const dictFile = await tmpFile("dict.json");
    await copyFile(PREDS_EXCERPT, dictFile);
    const strip = (ps: { instanceId: string; model: string; patch: string | null }[]) =>
      ps.map(({ instanceId, model, patch }) => ({ instanceId, model, patch }));
    expect(strip((await loadPredictions(listFile, tasks)).predictions)).toEqual(
      strip((await loadPredictions(dictFile, tasks)).predictions),
    );
  });
});

describe("gold and empty predictions", () => {
  it("'gold' predicts each task's reference patch", async () => {
    const { predictions, problems } = await loadPredictions("gold", TASKS);
    expect(problems).toEqual([]);
    expect(predictions).toEqual(TASKS.map((t) => ({ instanceId: t.id, model: "gold", patch: t.goldPatch, origin: "gold" })));
  });

  it("'empty' predicts an empty patch for each task", () => {
    expect(syntheticPredictions("empty", TASKS).map((p) => [p.instanceId, p.patch, p.model])).toEqual([
      ["a__a-1", "", "empty"],
      ["a__a-2", "", "empty"],
      ["a__a-3", "", "empty"],
    ]);
  });
});
