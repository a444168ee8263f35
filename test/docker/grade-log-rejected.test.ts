// A patch that changes no tested code but makes pytest stop with an INTERNALERROR (exit 3, no test
// FAILED or ERROR) on the bundled Python task: SWE-bench 5.0.x refuses such a log and counts the
// instance completed and unresolved; swerig does the same in report.json and the summary's official
// keys, and keeps `log_rejected` with the reason in status.json and the summary's own block. And a
// forgery that only our checks catch: the harness's rules alone would count it resolved.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../src/envs/environment.js";
import { extractTestSection } from "../../src/grader/eval-log.js";
import { gradeInstance } from "../../src/grader/grade-instance.js";
import { getLogParserSpec } from "../../src/grader/log-parsers/index.js";
import { getResolutionStatus, getTestsStatus } from "../../src/grader/resolution.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { gradeSuite } from "../../src/runner/grade-suite.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";

const SWE_TASKS = new URL("../../swe-tasks/", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(SWE_TASKS);
const py = tasks.find((t) => t.id === "pyledger-show-zero")!;
const CONFTEST = "def pytest_collection_finish(session):\n    raise RuntimeError('collection hook failed')\n";

describe.runIf(dockerAvailable)("rejected logs on the bundled Python task", () => {
  let createEnvironment: (task: Task) => Promise<Environment>;
  let root: string;
  beforeAll(async () => {
    createEnvironment = await dockerGradingEnvironments("test-log-rejected");
    root = await mkdtemp(join(tmpdir(), "swerig-log-rejected-"));
  });
  afterAll(async () => {
    if (root && !process.env["KEEP_LOG_REJECTED"]) await rm(root, { recursive: true, force: true });
  });

  it("an INTERNALERROR run is log_rejected, with report.json as 5.0.x writes it, counted completed and unresolved", async () => {
    const patch = await makePatch(py, { "conftest.py": CONFTEST });
    const runDir = join(root, "run-1");
    const predictions = [{ instanceId: py.id, model: "m", patch, origin: "t" }];
    const run = () => gradeSuite({ runId: "run-1", runDir, tasks: [py], predictions, createEnvironment });
    const { summary, outcomes } = await run();
    const [outcome] = outcomes;

    expect(outcome).toMatchObject({ status: "log_rejected", testExitCode: 3 });
    expect(outcome!.reason).toContain("SWE-bench 5.0.x rejects it: no test results");
    expect(outcome!.logRejection?.harness).toMatch(/^no test results/);
    const testOutput = await readFile(join(runDir, py.id, "test_output.txt"), "utf8");
    expect(testOutput).toContain("INTERNALERROR> RuntimeError: collection hook failed");

    const report = JSON.parse(await readFile(join(runDir, py.id, "report.json"), "utf8")) as Record<string, unknown>;
    // pytest's "no tests ran" matches 5.0.x's ambiguous signature: named, but infra_failure stays false.
    expect(report).toEqual({
      [py.id]: {
        patch_is_None: false,
        patch_exists: true,
        patch_successfully_applied: false,
        resolved: false,
        infra_failure: false,
        infra_failure_reason: "no_tests_collected",
      },
    });
    const status = JSON.parse(await readFile(join(runDir, py.id, "status.json"), "utf8")) as Record<string, unknown>;
    expect(status).toMatchObject({ status: "log_rejected", reason: outcome!.reason, logRejection: outcome!.logRejection });

    expect(summary).toMatchObject({ completed_ids: [py.id], unresolved_ids: [py.id], resolved_ids: [], error_ids: [] });
    expect(summary.swerig.statuses).toEqual({ log_rejected: 1 });
    expect(summary.swerig.rejected_logs).toEqual([{ instance_id: py.id, rejected_by: "both", reason: outcome!.reason }]);
    expect(summary).toMatchObject({ ambiguous_failure_ids: [py.id], infra_failure_ids: [] });
    expect(summary.failure_reasons).toEqual({ [py.id]: "no_tests_collected" });

    // It has a report, so a second run of the same run id takes it as done, as the harness does.
    const again = await run();
    expect(again.outcomes[0]).toEqual(outcome);
  });

  it("is log_rejected by swerig alone for a forgery the harness's rules would score resolved", async () => {
    // An atexit hook prints PASSED lines for the FAIL_TO_PASS tests after pytest's tally, then exits 0.
    const prints = py.failToPass.map((id) => `print("PASSED ${id}")`).join("\n    ");
    const hook = ["def _spoof():", `    ${prints}`, "    sys.stdout.flush()", "    os._exit(0)", "atexit.register(_spoof)"];
    const spoof = ["", "import atexit, os, sys", ...hook, ""];
    const patch = await makePatch(py, { "pyledger/__init__.py": (old) => old + spoof.join("\n") });
    let log = "";
    const outcome = await gradeInstance(
      py,
      { instanceId: py.id, model: "m", patch, origin: "t" },
      {
        createEnvironment,
        writeArtifact: async (name, content) => {
          if (name === "test_output.txt") log = content;
        },
      },
    );
    expect(outcome).toMatchObject({ status: "log_rejected", testExitCode: 0, report: { resolved: false } });
    expect(outcome.logRejection).toEqual({ swerig: expect.any(String) });
    expect(outcome.reason).toContain("SWE-bench 5.0.x would have graded it");

    // What the harness alone makes of this log: the section parsed as is, and the verdict is resolved.
    const nonce = /Start Test Output (\w+)/.exec(log)![1]!;
    const section = extractTestSection(log, `>>>>> Start Test Output ${nonce}`, `>>>>> End Test Output ${nonce}`);
    expect(typeof section).toBe("string");
    const statusMap = getLogParserSpec(py.logParser)!.parse(section as string, {});
    expect(getResolutionStatus(getTestsStatus(statusMap, py.failToPass, py.passToPass, "v5"))).toBe("RESOLVED_FULL");
  });
});
