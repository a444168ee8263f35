// The agent's own tests, judged (`judgeTests`): a patch whose test catches the bug (fails on the base
// code, passes on the reference fix) and one whose test passes both ways are told apart in status.json
// and the summary, each run in two fresh grading containers.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { grade } from "../../src/api/index.js";
import { renderSummary } from "../../src/report/render-table.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { AGENT_TEST_FILE, CATCHING_TEST } from "../helpers/agent-tests-fixture.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const { tasks } = await loadSweTasksDir(TASKS);
const task = tasks.find((t) => t.id === "pyledger-show-zero")!;
const root = await mkdtemp(join(tmpdir(), "swerig-agent-tests-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const TEST_FILE = AGENT_TEST_FILE;
const catching = CATCHING_TEST;
const vacuous = `

def test_checking_listed_from_agent(journal_text):
    report = build_balance(parse_journal(journal_text), depth=2)
    assert "assets:checking" in report.accounts()
`;

describe.runIf(dockerAvailable)("the agent's own tests, judged", () => {
  it("a test that fails before the fix and passes after catches the bug; one passing both ways does not", async () => {
    const withTest = async (test: string) => {
      const tests = await makePatch(task, { [TEST_FILE]: (old) => `${old}${test}` });
      return `${task.goldPatch}${tests}`;
    };
    const predictions = [
      { instanceId: task.id, model: "catches", patch: await withTest(catching), origin: "test" },
      { instanceId: task.id, model: "vacuous", patch: await withTest(vacuous), origin: "test" },
    ];
    const common = { tasks, instances: [task.id], tracesDir: root, workers: 1, judgeTests: true };
    const catches = await grade({ ...common, predictions: [predictions[0]!], runId: "t-catches" });
    const passesBoth = await grade({ ...common, predictions: [predictions[1]!], runId: "t-vacuous" });
    const status = async (runId: string) => JSON.parse(await readFile(join(root, runId, task.id, "status.json"), "utf8"));

    const good = await status("t-catches");
    expect(good.status).toBe("resolved");
    expect(good.agentTests).toMatchObject({
      testFiles: [TEST_FILE],
      testsChanged: [`${TEST_FILE}::test_show_zero_off_from_agent`],
      failBeforePassAfter: [`${TEST_FILE}::test_show_zero_off_from_agent`],
      failAfter: [],
      catchesBug: true,
    });
    expect(good.agentTests.testsRun).toBeGreaterThan(1);
    expect(good.timings.agentTestsMs).toBeGreaterThan(0);
    expect(renderSummary(catches.summary)).toContain("  agent tests: 1/1 patches with tests catch the bug");
    expect(renderSummary(passesBoth.summary)).toContain("  agent tests: 0/1 patches with tests catch the bug");
    expect(catches.summary.swerig.agent_tests).toEqual({ [task.id]: { tests_changed: 1, fail_before_pass_after: 1, catches_bug: true } });

    const weak = await status("t-vacuous");
    expect(weak.status).toBe("resolved");
    expect(weak.agentTests).toMatchObject({
      testsChanged: [`${TEST_FILE}::test_checking_listed_from_agent`],
      failBeforePassAfter: [],
      catchesBug: false,
    });
    expect(passesBoth.summary.swerig.agent_tests).toEqual({
      [task.id]: { tests_changed: 1, fail_before_pass_after: 0, catches_bug: false },
    });
  }, 240_000);
});
