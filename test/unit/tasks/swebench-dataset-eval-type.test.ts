// The dataset's eval_type reaches the task (fail_only grades differently); an unknown value is a
// problem naming the line and the field, not a silently different grading.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSwebenchDataset } from "../../../src/tasks/swebench-dataset.js";

const root = await mkdtemp(join(tmpdir(), "swerig-eval-type-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const row = (id: string, evalType?: string) => ({
  repo: "chartjs/Chart.js",
  instance_id: id,
  base_commit: "0".repeat(40),
  patch: "",
  test_patch: "",
  problem_statement: "issue",
  FAIL_TO_PASS: "[]",
  PASS_TO_PASS: "[]",
  ...(evalType !== undefined ? { eval_type: evalType } : {}),
});

describe("eval_type", () => {
  it("is carried to the task when the dataset gives it, and absent otherwise", async () => {
    const file = join(root, "a.jsonl");
    const rows = [row("c__c-1", "fail_only"), row("c__c-2", "pass_and_fail"), row("c__c-3")];
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join("\n"));
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(problems).toEqual([]);
    expect(tasks.map((t) => t.evalType)).toEqual(["fail_only", "pass_and_fail", undefined]);
  });

  it("refuses a value it does not know, naming the line and the field", async () => {
    const file = join(root, "b.jsonl");
    await writeFile(file, JSON.stringify(row("c__c-4", "fail_fast")));
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(tasks).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: `${file}:1`, instanceId: "c__c-4" });
    expect(problems[0]!.message).toMatch(/^eval_type: /);
  });
});
