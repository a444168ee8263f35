// The gold agent expresses every bundled task's reference patch through the recorded tools: run on a
// local working copy (no container), its final diff equals the diff of the reference patch applied by
// git to another copy of the same snapshot. The container path of the same agent is covered by
// test/docker/run.test.ts on one task per language; the grading of every reference patch by the task
// validation that `npm test` runs once.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/agents/agent.js";
import { GoldAgent } from "../../src/agents/gold-agent.js";
import { mapPool } from "../../src/core/pool.js";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import { runTask, type AgentEnvironmentFactory } from "../../src/runner/run-task.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";

const exec = promisify(execFile);
const { tasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
const root = await mkdtemp(join(tmpdir(), "swerig-gold-tools-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const localEnvironments: AgentEnvironmentFactory = {
  async create(task, dir) {
    const workspace = await prepareWorkingCopy(task, dir);
    return { env: new LocalEnvironment(workspace.root), workspace, image: "local", imageDigest: null };
  },
};

describe("the reference patch of every bundled task through edit_file and write_file", () => {
  it("gives the same diff as git apply of the patch itself", { timeout: 300_000 }, async () => {
    expect(tasks.length).toBeGreaterThanOrEqual(30);
    const differences = await mapPool(tasks, 4, async (task) => {
      const result = await runTask(task, {
        runId: "gold-tools",
        dir: join(root, "runs", task.id),
        sample: 0,
        agent: new GoldAgent(task.goldPatch),
        limits: DEFAULT_LIMITS,
        agentEnvironments: localEnvironments,
        createGradingEnvironment: () => Promise.reject(new Error("not graded here")),
        grade: false,
      });
      const reference = await prepareWorkingCopy(task, join(root, "applied", task.id));
      const patchFile = join(root, `${task.id}.patch`);
      await writeFile(patchFile, task.goldPatch);
      await exec("git", ["apply", "--binary", patchFile], { cwd: reference.root });
      const expected = await reference.diff();
      if (result.agent.reason !== "submitted") return `${task.id}: the agent ended ${result.agent.reason} ${result.agent.detail ?? ""}`;
      return result.patch === expected ? null : `${task.id}: the tools' diff differs from the reference patch applied by git`;
    });
    expect(differences.filter((d) => d !== null)).toEqual([]);
  });
});
