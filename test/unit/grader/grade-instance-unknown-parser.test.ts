import { describe, expect, it } from "vitest";
import { gradeInstance } from "../../../src/grader/grade-instance.js";
import { makeTask } from "../../helpers/task.js";

const PATCH = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a = 1\n+a = 2\n";

describe("gradeInstance with a log parser it does not know", () => {
  it("is an error before any container (the harness has no report for it either), not a rejected log", async () => {
    const evalScript = ": '>>>>> Start Test Output'\nmake test\n: '>>>>> End Test Output'\n";
    const task = makeTask({ id: "x-1", logParser: "parse_log_cobol", evalScript });
    const outcome = await gradeInstance(
      task,
      { instanceId: "x-1", model: "m", patch: PATCH, origin: "t" },
      {
        createEnvironment: () => Promise.reject(new Error("no container should be created")),
      },
    );
    expect(outcome).toMatchObject({ status: "error", reason: expect.stringContaining('unknown log parser "parse_log_cobol"') });
    expect(outcome.report).toBeUndefined();
  });
});
