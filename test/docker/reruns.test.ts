// --reruns in real containers: a PASS_TO_PASS test that fails on every odd attempt (a counter file
// outside the work tree, written into each fresh grading container) makes the instance flaky after one
// rerun, with both runs and the flipped test recorded in status.json and in the traces folder's
// flake record; a test that fails every time is rerun to the limit and stays not flaky. The same through
// `run` (an agent's diff graded with reruns).
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/agents/agent.js";
import { GoldAgent } from "../../src/agents/gold-agent.js";
import { removeRunContainers } from "../../src/envs/cleanup.js";
import { FLAKE_RECORD_FILE, FlakeRecordSchema } from "../../src/report/flake-record.js";
import { dockerAgentEnvironments } from "../../src/runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { gradeSuite } from "../../src/runner/grade-suite.js";
import { runSuite } from "../../src/runner/run-suite.js";
import { loadTaskDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { newFile, replaceFile, writeTaskFolder } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-reruns-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const BUGGY = "def double(x):\n    return x + x + 1\n";
const FIXED = "def double(x):\n    return x + x\n";
const VISIBLE = "from calc import double\n\n\ndef test_type():\n    assert isinstance(double(1), int)\n";
const STEADY = `${VISIBLE}\n\ndef test_double():\n    assert double(2) == 4\n`;
const ODD_ATTEMPTS_FAIL = `${STEADY}\n\ndef test_odd_attempts_fail():\n    assert int(open('/tmp/swerig-attempt').read()) % 2 == 0\n`;
const files = { "calc.py": BUGGY, "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["."]\n', "tests/test_calc.py": VISIBLE };
const F2P = "tests/test_calc.py::test_double";
const FLAKY = "tests/test_calc.py::test_odd_attempts_fail";

async function task(id: string, hidden: string, passToPass: string[]): Promise<Task> {
  const dir = await writeTaskFolder(root, {
    id,
    files,
    goldPatch: replaceFile("calc.py", BUGGY, FIXED),
    testPatch: replaceFile("tests/test_calc.py", VISIBLE, hidden),
    failToPass: [F2P],
    passToPass,
  });
  const r = await loadTaskDir(dir);
  if ("problem" in r) throw new Error(r.problem.message);
  return r.task;
}

/** Grading containers that each get the number of their attempt (per task) in /tmp/swerig-attempt. */
async function countingEnvironments(runId: string) {
  const base = await dockerGradingEnvironments(runId);
  const attempts = new Map<string, number>();
  const create = async (t: Task) => {
    const env = await base(t);
    const n = (attempts.get(t.id) ?? 0) + 1;
    attempts.set(t.id, n);
    await env.putFile("/tmp/swerig-attempt", String(n));
    return env;
  };
  return { create, attempts };
}

describe.runIf(dockerAvailable)("grading with --reruns", () => {
  const traces = join(root, "traces");
  const recordPath = join(traces, FLAKE_RECORD_FILE);
  let flaky: Task;
  let broken: Task;
  beforeAll(async () => {
    flaky = await task("flaky-p2p", ODD_ATTEMPTS_FAIL, ["tests/test_calc.py::test_type", FLAKY]);
    broken = await task("always-fails", STEADY, ["tests/test_calc.py::test_type"]);
  });

  it("grade: flaky when a rerun disagrees, the first verdict kept, the flipped test recorded", async () => {
    const runId = "test-reruns";
    const { create: createEnvironment, attempts } = await countingEnvironments(runId);
    const runDir = join(traces, runId);
    const flakeRecord = { path: recordPath, taskSet: "set-1", runId };
    try {
      const result = await gradeSuite({
        ...{ runId, runDir, tasks: [flaky, broken], createEnvironment, reruns: 2, flakeRecord },
        predictions: [
          { instanceId: flaky.id, model: "m", patch: flaky.goldPatch, origin: "test" },
          { instanceId: broken.id, model: "m", patch: newFile("NOTES.md", "not a fix\n"), origin: "test" },
        ],
      });
      const byId = new Map(result.outcomes.map((o) => [o.instanceId, o]));
      // Attempt 1 fails the odd-attempt test, attempt 2 passes it: flaky after one rerun, verdict unresolved.
      expect(attempts.get(flaky.id)).toBe(2);
      const status = JSON.parse(await readFile(join(runDir, flaky.id, "status.json"), "utf8"));
      const reason = `${flaky.id}: flaky: reruns of the eval disagree on ${FLAKY} (FAILED, PASSED)`;
      expect(status).toMatchObject({ status: "unresolved", flaky: true, reason });
      expect(status.evalRuns).toMatchObject({
        verdictFrom: "first",
        compared: [1, 2],
        runs: [
          { attempt: 1, status: "unresolved", failing: [FLAKY], artifacts: "." },
          { attempt: 2, status: "resolved", failing: [], artifacts: "rerun-1" },
        ],
        flipped: [{ test: FLAKY, list: "PASS_TO_PASS", statuses: ["FAILED", "PASSED"] }],
      });
      expect((await stat(join(runDir, flaky.id, "rerun-1", "test_output.txt"))).size).toBeGreaterThan(0);
      // No fix: test_double fails in every run, so both reruns happen and agree: not flaky.
      expect(attempts.get(broken.id)).toBe(3);
      expect(byId.get(broken.id)).toMatchObject({ status: "unresolved", flaky: false, evalRuns: { compared: [1, 2, 3], flipped: [] } });
      expect(result.summary.swerig.flaky_ids).toEqual([flaky.id]);
      const record = FlakeRecordSchema.parse(JSON.parse(await readFile(recordPath, "utf8")));
      const tests = record.task_sets["set-1"]!.instances;
      expect(tests[flaky.id]![FLAKY]).toMatchObject({ checked: 1, flipped: 1, runs: 2, failed: 1, last_flip_run: runId });
      expect(tests[broken.id]![F2P]).toMatchObject({ checked: 1, flipped: 0, runs: 3, failed: 3, last_flip_run: null });
      expect(Object.keys(tests[broken.id]!)).toEqual([F2P]);
    } finally {
      await removeRunContainers(runId);
    }
  });

  it("run: the agent's diff graded with reruns, result.json flaky, the record's count grows", async () => {
    const runId = "test-reruns-run";
    const { create: createGradingEnvironment } = await countingEnvironments(runId);
    const runDir = join(traces, runId);
    try {
      const { summary } = await runSuite({
        ...{
          runId,
          runDir,
          tasks: [flaky],
          makeAgent: ({ referencePatch }) => new GoldAgent(referencePatch),
          samples: 1,
          workers: 1,
          limits: DEFAULT_LIMITS,
        },
        ...{ agentEnvironments: dockerAgentEnvironments(runId), createGradingEnvironment, reruns: 1 },
        flakeRecord: { path: recordPath, taskSet: "set-1", runId },
      });
      expect(summary.runs).toMatchObject([{ taskId: flaky.id, status: "unresolved", flaky: true }]);
      const saved = JSON.parse(await readFile(join(runDir, flaky.id, "status.json"), "utf8"));
      expect(saved).toMatchObject({ flaky: true, evalRuns: { flipped: [{ test: FLAKY }] } });
      const record = FlakeRecordSchema.parse(JSON.parse(await readFile(recordPath, "utf8")));
      expect(record.task_sets["set-1"]!.instances[flaky.id]![FLAKY]).toMatchObject({ checked: 2, flipped: 2, last_flip_run: runId });
    } finally {
      await removeRunContainers(runId);
    }
  });
});
