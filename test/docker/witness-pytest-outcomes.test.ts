// The pytest witness against pytest itself: for every outcome `-rA` reports (pass, fail, setup and
// teardown errors, skip, xfail, xpass, strict xpass, parametrized ids with spaces), the witness's
// lines parse to the status pytest's own lines give, so a genuine log is never rejected.
import { describe, expect, it } from "vitest";
import { instrumentEvalScript } from "../../src/grader/instrument-eval-script.js";
import { parsePytest } from "../../src/grader/log-parsers/index.js";
import { runEval } from "../../src/grader/run-eval.js";
import { readWitness } from "../../src/grader/witness/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { pytestOutcomesTask, syntheticEnvironments } from "../helpers/witness-tasks.js";

describe.runIf(dockerAvailable)("the pytest witness and pytest's own -rA lines", () => {
  it("give every test the same status", async () => {
    const { task } = pytestOutcomesTask;
    const env = await (await syntheticEnvironments(pytestOutcomesTask, "test-witness"))(task);
    try {
      const instrumented = instrumentEvalScript(task.evalScript)!;
      const run = await runEval(env, task, instrumented, 120);
      if (instrumented.witness.kind === "none") throw new Error("expected a pytest witness");
      expect(run.parsed).toMatchObject({ kind: "parsed" });
      const read = readWitness(run.output, instrumented.nonce, instrumented.witness);
      if (read.kind === "bad") throw new Error(read.reason);
      expect(read.content.tampering).toEqual([]);
      const fromWitness = parsePytest(read.content.results);
      const fromLog = run.parsed?.kind === "parsed" ? run.parsed.statusMap : new Map();
      const ids = [...fromLog.keys()].filter((id) => id.includes("::"));
      expect(ids.length).toBeGreaterThanOrEqual(9);
      for (const id of ids) expect([id, fromWitness.get(id)]).toEqual([id, fromLog.get(id)]);
      // pytest lists a skipped test as `SKIPPED [1] file:line: reason`; the witness names it.
      expect(fromWitness.get("tests/test_outcomes.py::test_skip")).toBe("SKIPPED");
      expect(fromLog.get("tests/test_outcomes.py::test_teardown_error")).toBe("ERROR");
      expect(fromLog.get("tests/test_outcomes.py::test_params[a")).toBe("PASSED");
    } finally {
      await env.dispose();
    }
  });
});
