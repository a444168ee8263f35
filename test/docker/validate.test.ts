// `tasks validate` in containers: a sound task passes; a task whose FAIL_TO_PASS already passes, whose
// reference patch edits a test file, or whose test is flaky is reported with the reason.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../src/envs/environment.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { validateTask } from "../../src/runner/validate-task.js";
import { loadTaskDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { newFile, replaceFile, writeTaskFolder } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-validate-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const BUGGY = "def double(x):\n    return x + x + 1\n";
const FIXED = "def double(x):\n    return x + x\n";
const base = {
  "calc.py": BUGGY,
  "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["."]\n',
  "tests/test_calc.py": "from calc import double\n\n\ndef test_type():\n    assert isinstance(double(1), int)\n",
};
const hidden =
  "from calc import double\n\n\ndef test_double():\n    assert double(2) == 4\n\n\ndef test_type():\n    assert isinstance(double(1), " +
  "int)\n";

async function load(dir: string): Promise<Task> {
  const r = await loadTaskDir(dir);
  if ("problem" in r) throw new Error(r.problem.message);
  return r.task;
}

describe.runIf(dockerAvailable)("task validation", () => {
  let createEnvironment: (task: Task) => Promise<Environment>;
  beforeAll(async () => {
    createEnvironment = await dockerGradingEnvironments("test-validate");
  });

  it("accepts a sound task", async () => {
    const task = await load(
      await writeTaskFolder(root, {
        id: "sound",
        files: base,
        goldPatch: replaceFile("calc.py", BUGGY, FIXED),
        testPatch: replaceFile("tests/test_calc.py", base["tests/test_calc.py"], hidden),
        failToPass: ["tests/test_calc.py::test_double"],
        passToPass: ["tests/test_calc.py::test_type"],
      }),
    );
    expect(await validateTask(task, { createEnvironment, repeat: 2 })).toMatchObject({ valid: true, problems: [] });
  });

  it("reports a FAIL_TO_PASS test that passes before the fix and a reference patch that edits tests", async () => {
    const task = await load(
      await writeTaskFolder(root, {
        id: "broken",
        files: base,
        goldPatch: replaceFile("calc.py", BUGGY, FIXED) + newFile("tests/test_extra.py", "def test_extra():\n    pass\n"),
        testPatch: replaceFile("tests/test_calc.py", base["tests/test_calc.py"], hidden),
        failToPass: ["tests/test_calc.py::test_type"],
        passToPass: ["tests/test_calc.py::test_double"],
      }),
    );
    const result = await validateTask(task, { createEnvironment });
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        "the reference patch touches test file tests/test_extra.py",
        "FAIL_TO_PASS tests/test_calc.py::test_type already passes before the fix",
        "PASS_TO_PASS tests/test_calc.py::test_double does not pass before the fix (FAILED)",
      ]),
    );
  });

  it("reports a flaky test with the runs that disagree", async () => {
    const flaky = `${hidden}\n\ndef test_coin():\n    import os\n    assert os.urandom(1)[0] % 2 == 0\n`;
    const task = await load(
      await writeTaskFolder(root, {
        id: "flaky",
        files: base,
        goldPatch: replaceFile("calc.py", BUGGY, FIXED),
        testPatch: replaceFile("tests/test_calc.py", base["tests/test_calc.py"], flaky),
        failToPass: ["tests/test_calc.py::test_double"],
        passToPass: ["tests/test_calc.py::test_type", "tests/test_calc.py::test_coin"],
      }),
    );
    // Eight runs of each phase: a fair coin agrees with itself in both phases with probability 2^-14.
    const result = await validateTask(task, { createEnvironment, repeat: 8 });
    expect(result.valid).toBe(false);
    const coin = new RegExp(
      /^flaky (before the fix|with the reference patch): over 8 runs, /.source +
        /tests\/test_calc\.py::test_coin \((PASSED|FAILED)(, (PASSED|FAILED)){7}\)$/.source,
    );
    expect(result.problems.some((p) => coin.test(p))).toBe(true);
    // Sixteen gradings: about a minute, twice that on a loaded machine.
  }, 300_000);
});
