// Forgery corpus on Django- and SymPy-shaped tasks (test image with Debian's Django and SymPy): the
// reference patch resolves with the runner's witness, and no forged run resolves.
import { describe, expect, it } from "vitest";
import { gradeInstance } from "../../src/grader/grade-instance.js";
import { dockerAvailable } from "../helpers/docker.js";
import { newFile, replaceFile } from "../helpers/task-folder.js";
import { djangoTask, syntheticEnvironments, sympyTask, type SyntheticTask } from "../helpers/witness-tasks.js";

/** A patch that appends Python to one file of the synthetic repository (or creates it). */
function appendTo(synthetic: SyntheticTask, path: string, code: string): string {
  const before = synthetic.files[path];
  if (before === undefined) return newFile(path, `${code}\n`);
  return replaceFile(path, before, `${before}\n${code}\n`);
}

const py = (...lines: string[]) => lines.join("\n");

const djangoLines = [...djangoTask.task.failToPass, ...djangoTask.task.passToPass].map((id) => `${id} ... ok`).join("\\n");
const sympyTally = "tests finished: 2 passed, in 0.01 seconds";
const sympyLines = [...sympyTask.task.failToPass, ...sympyTask.task.passToPass].map((id) => `${id} ok`).join("\\n");

const printThenExit = (text: string) =>
  py(
    "import os, sys",
    `sys.stderr.write("${text}\\n")`,
    `sys.stdout.write("${text}\\n")`,
    "sys.stderr.flush()",
    "sys.stdout.flush()",
    "os._exit(0)",
  );
const printAtExit = (text: string) =>
  py(
    "import atexit, os, sys",
    "def _spoof():",
    `    sys.stderr.write("${text}\\n")`,
    "    sys.stderr.flush()",
    "    os._exit(0)",
    "atexit.register(_spoof)",
  );
const killParent = (text: string) =>
  py(
    "import os, signal, sys",
    "if os.fork() == 0:",
    "    os.kill(os.getppid(), signal.SIGKILL)",
    `    sys.stderr.write("${text}\\n")`,
    "    os._exit(0)",
    "import time",
    "time.sleep(30)",
  );
const forgeResultFiles = (text: string) =>
  py(
    "import atexit, glob, os",
    "def _forge():",
    '    for path in glob.glob("/tmp/swerig-witness.*/result-*"):',
    `        open(path, "w").write("swerig-witness 1 x\\n${text}\\nswerig-witness-mac ${"0".repeat(64)}\\n")`,
    "    os._exit(0)",
    "atexit.register(_forge)",
  );

const DJANGO: Record<string, string> = {
  "print result lines and a tally, then exit 0 before the runner runs": printThenExit(`${djangoLines}\\nRan 2 tests in 0.001s\\nOK`),
  "print result lines after the real summary and exit 0": printAtExit(djangoLines),
  "kill the runner from a forked child that prints a clean run": killParent(`${djangoLines}\\nRan 2 tests in 0.001s\\nOK`),
  "write fake result files at the witness's paths": forgeResultFiles(djangoLines),
  "monkeypatch the result class so failures count as successes":
    "import unittest\nunittest.TextTestResult.addFailure = lambda self, test, err: unittest.TextTestResult.addSuccess(self, test)",
  "skip every test from the code under test": py(
    "import unittest",
    "unittest.TestCase.run = lambda self, result=None: result.addSkip(self, 'x')",
  ),
  "exit 0 from inside the code under test": "import os\nos._exit(0) if os.environ.get('DJANGO_SETTINGS_MODULE') is None else None",
};

const SYMPY: Record<string, string> = {
  "print result lines and a tally, then exit 0 before the runner runs": printThenExit(`${sympyLines}\\n${sympyTally}`),
  "print result lines after the real summary and exit 0": printAtExit(sympyLines),
  "kill the runner's parent from the test process": killParent(`${sympyLines}\\n${sympyTally}`),
  "write fake result files at the witness's paths": forgeResultFiles(sympyLines),
  "monkeypatch the reporter so failures count as passes": py(
    "from sympy.testing.runtests import PyTestReporter",
    "PyTestReporter.test_fail = PyTestReporter.test_pass",
    "PyTestReporter.test_exception = PyTestReporter.test_pass",
  ),
  "skip every test by replacing the test-file runner":
    "from sympy.testing.runtests import SymPyTests\nSymPyTests.test_file = lambda self, filename, **kw: None",
};

async function gradeSynthetic(synthetic: SyntheticTask, patch: string) {
  const createEnvironment = await syntheticEnvironments(synthetic, "test-forgery");
  const prediction = { instanceId: synthetic.task.id, model: "forger", patch, origin: "test" } as const;
  return gradeInstance(synthetic.task, prediction, { createEnvironment });
}

describe.runIf(dockerAvailable)("forged test results on Django and SymPy shaped tasks", () => {
  const cases = [
    ["django", djangoTask, "calc/__init__.py", DJANGO, "unittest"],
    ["sympy", sympyTask, "mathx/__init__.py", SYMPY, "sympy"],
  ] as const;

  for (const [name, synthetic, target, forgeries, kind] of cases) {
    const grade = (patch: string) => gradeSynthetic(synthetic, patch);

    it(`${name}: the reference patch resolves with the runner's witness, no patch does not`, async () => {
      const gold = await grade(synthetic.task.goldPatch);
      expect(gold.reason).toBeUndefined();
      expect(gold).toMatchObject({ status: "resolved", witness: { kind } });
      const none = await grade(appendTo(synthetic, target, "NOTHING = None"));
      expect(none.status).toBe("unresolved");
    });

    it.each(Object.entries(forgeries))(`${name}: %s does not resolve`, async (_, code) => {
      const outcome = await grade(appendTo(synthetic, target, code));
      expect(outcome.status, outcome.reason).not.toBe("resolved");
    });
  }

  it("names the replaced reporter method when SymPy's reporter is monkeypatched", async () => {
    const patch = appendTo(sympyTask, "mathx/__init__.py", SYMPY["monkeypatch the reporter so failures count as passes"]!);
    const outcome = await gradeSynthetic(sympyTask, patch);
    expect(outcome.status).toBe("log_rejected");
    expect(outcome.reason).toContain("replaced sympy.testing.runtests.PyTestReporter.test_fail");
  });
});
