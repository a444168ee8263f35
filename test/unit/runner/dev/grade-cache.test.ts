import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../../src/grader/instance-outcome.js";
import { GradeCache, type GradeFunction } from "../../../../src/runner/dev/grade-cache.js";
import { makeTask } from "../../../helpers/task.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "swerig-grade-cache-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const task = makeTask({ id: "t-1" });

/** Grades by counting calls; the verdict is read from the patch text ("ok" resolves), or "error" for "boom". */
function counting(): { grade: GradeFunction; calls: () => number } {
  let calls = 0;
  const grade: GradeFunction = async (t, prediction, options) => {
    calls++;
    await options.writeArtifact?.("test_output.txt", `tests of ${prediction.patch}`);
    await options.writeArtifact?.("run_instance.log", "log line");
    const status = prediction.patch === "boom" ? "error" : prediction.patch?.includes("ok") ? "resolved" : "unresolved";
    return { instanceId: t.id, model: prediction.model, status, timings: { totalMs: 1234 } } satisfies InstanceOutcome;
  };
  return { grade, calls: () => calls };
}

const prediction = (patch: string, model = "m") => ({ instanceId: "t-1", model, patch, origin: "test" });

describe("GradeCache", () => {
  it("grades a diff once and answers the same diff from the cache, artifacts included", async () => {
    const { grade, calls } = counting();
    const cache = new GradeCache(dir, grade);
    const first = await cache.gradeWith(task, prediction("diff ok"), { createEnvironment: async () => Promise.reject(new Error("x")) });
    expect(first.status).toBe("resolved");
    expect(cache.hits.has("t-1")).toBe(false);
    const written: Record<string, string> = {};
    const options = {
      createEnvironment: async () => Promise.reject(new Error("x")),
      writeArtifact: async (name: string, content: string) => {
        written[name] = content;
      },
    };
    const again = await new GradeCache(dir, grade).gradeWith(task, prediction("diff ok", "other-model"), options);
    expect(calls()).toBe(1);
    expect(again).toMatchObject({ status: "resolved", model: "other-model", instanceId: "t-1" });
    expect(again.timings.totalMs).toBeLessThan(1234);
    expect(written["test_output.txt"]).toBe("tests of diff ok");
    expect(written["run_instance.log"]).toMatch(/^\[cached\] verdict of .* reused: same diff/);
  });

  it("grades again when the diff, the task, the rules or the image differ", async () => {
    const { grade, calls } = counting();
    const cache = new GradeCache(dir, grade);
    const none = { createEnvironment: async () => Promise.reject(new Error("x")) };
    await cache.gradeWith(task, prediction("diff ok"), none);
    await cache.gradeWith(task, prediction("diff ok 2"), none);
    await cache.gradeWith(makeTask({ id: "t-1", failToPass: ["other"] }), prediction("diff ok"), none);
    await cache.gradeWith(task, prediction("diff ok"), { ...none, semantics: "v4" });
    await new GradeCache(dir, grade, () => "sha256:rebuilt").gradeWith(task, prediction("diff ok"), none);
    expect(calls()).toBe(5);
    expect(cache.key(task, "a", {})).not.toBe(cache.key(task, "b", {}));
  });

  it("keeps no infrastructure error, so the next iteration grades again", async () => {
    const { grade, calls } = counting();
    const cache = new GradeCache(dir, grade);
    const none = { createEnvironment: async () => Promise.reject(new Error("x")) };
    expect((await cache.gradeWith(task, prediction("boom"), none)).status).toBe("error");
    await cache.gradeWith(task, prediction("boom"), none);
    expect(calls()).toBe(2);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});
