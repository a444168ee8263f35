// validateSuite: the tasks that did not load come first as invalid rows, then every loaded task in its
// order, each reported as it ends. Tasks without test output markers are judged without a container.
import { describe, expect, it } from "vitest";
import { validateSuite } from "../../../src/runner/validate-suite.js";
import { makeTask } from "../../helpers/task.js";

describe("validateSuite", () => {
  it("lists load problems first, then each task's validation in order, telling each as it ends", async () => {
    const tasks = ["b-2", "a-1", "c-3"].map((id) => makeTask({ id, evalScript: "pytest" }));
    const told: string[] = [];
    const results = await validateSuite(tasks, [{ where: "swe-tasks/broken/task.json", message: "not JSON", instanceId: "broken" }], {
      createEnvironment: () => Promise.reject(new Error("no container is needed for a script without markers")),
      workers: 2,
      onResult: (r, done, total) => told.push(`${done}/${total} ${r.id}`),
    });
    expect(results.map((r) => [r.id, r.valid])).toEqual([
      ["broken", false],
      ["b-2", false],
      ["a-1", false],
      ["c-3", false],
    ]);
    expect(results[0]!.problems).toEqual(["swe-tasks/broken/task.json: broken: not JSON"]);
    expect(results[1]!.problems).toContain("the eval script lacks the start/end test output markers");
    expect(told.sort()).toEqual(["1/3 b-2", "2/3 a-1", "3/3 c-3"].sort());
  });
});
