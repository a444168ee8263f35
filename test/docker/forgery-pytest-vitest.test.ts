// Forgery corpus on the bundled pytest and vitest tasks: patches that try to get graded resolved
// without fixing anything, by printing, killing, faking result files or bending the runner. None may
// resolve; the reference patch still does, with the runner's witness checked.
import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../src/envs/environment.js";
import { gradeInstance } from "../../src/grader/grade-instance.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch, type Edit } from "../helpers/patches.js";

const { tasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
const py = tasks.find((t) => t.id === "pyledger-show-zero")!;
const ts = tasks.find((t) => t.id === "ts-tickr-timeout-duration")!;
const pyIds = [...py.failToPass, ...py.passToPass];
const passedLines = pyIds.map((id) => `PASSED ${id}`).join("\\n");
const fakeTally = `=== ${pyIds.length} passed in 0.12s ===`;
const append = (extra: string) => (old: string) => `${old}\n${extra}\n`;
/** Python that writes `text` to the first pipe the process holds (pytest's capture keeps the log's pipe on a spare fd). */
const toLogThenExit = (indent: string, text: string) =>
  [
    "import os, stat",
    `_data = "${text}\\n".encode()`,
    "for _fd in range(1, 64):",
    "    try:",
    "        if stat.S_ISFIFO(os.fstat(_fd).st_mode):",
    "            os.write(_fd, _data)",
    "            break",
    "    except OSError:",
    "        pass",
    "os._exit(0)",
  ]
    .map((line) => indent + line)
    .join("\n");

const PYTEST_FORGERIES: Record<string, Record<string, Edit>> = {
  "print result lines and a tally at import, then exit 0 before any test runs": {
    "pyledger/__init__.py": append(toLogThenExit("", `${passedLines}\\n${fakeTally}`)),
  },
  "print a fake tally from a conftest hook before pytest runs any test": {
    "tests/conftest.py": append(
      `def pytest_collection_finish(session):\n${toLogThenExit("    ", `${passedLines}\\n${fakeTally}`)}`,
    ),
  },
  "print result lines after the real summary and force exit status 0": {
    "pyledger/__init__.py": append(
      `import atexit, os, sys\ndef _spoof():\n    print("${passedLines}")\n    sys.stdout.flush()\n    os._exit(0)\natexit.register(_spoof)`,
    ),
  },
  "kill the runner from a forked child that prints a clean run": {
    "pyledger/__init__.py": append(
      `import os, signal, sys\nif os.environ.get("SWERIG_FORGED") is None:\n    os.environ["SWERIG_FORGED"] = "1"\n` +
        `    if os.fork() == 0:\n        os.kill(os.getppid(), signal.SIGKILL)\n        print("${passedLines}\\n${fakeTally}")\n` +
        `        sys.stdout.flush()\n        os._exit(0)\n    import time\n    time.sleep(30)`,
    ),
  },
  "replace the runner's result file at exit with a forged one": {
    "pyledger/__init__.py": append(
      `import atexit, glob, os, sys\ndef _forge():\n    for path in glob.glob("/tmp/swerig-witness.*/result-*"):\n` +
        `        text = open(path).read().replace("FAILED", "PASSED")\n        open(path, "w").write(text)\n` +
        `    for d in glob.glob("/tmp/swerig-witness.*"):\n        open(d + "/result-guess", "w").write("swerig-witness 1 pytest\\n${passedLines}\\n")\n` +
        `    print("${passedLines}")\n    sys.stdout.flush()\n    os._exit(0)\natexit.register(_forge)`,
    ),
  },
  "turn failed reports into passed ones in a makereport hookwrapper": {
    "tests/conftest.py": append(
      `import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n    outcome = yield\n` +
        `    report = outcome.get_result()\n    if report.failed:\n        report.outcome = "passed"\n        report.longrepr = None`,
    ),
  },
  "relabel failures as passed in pytest_report_teststatus": {
    "tests/conftest.py": append(
      `def pytest_report_teststatus(report, config):\n    if report.when == "call" and report.failed:\n        return "passed", ".", "PASSED"`,
    ),
  },
  "pass every test without running it (pytest_pyfunc_call)": {
    "tests/conftest.py": append(`def pytest_pyfunc_call(pyfuncitem):\n    return True`),
  },
  "monkeypatch pytest's Function.runtest from the package": {
    "pyledger/__init__.py": append(`import _pytest.python\n_pytest.python.Function.runtest = lambda self: None`),
  },
  "mark every test xfail": {
    "tests/conftest.py": append(
      `import pytest\ndef pytest_collection_modifyitems(items):\n    for item in items:\n        item.add_marker(pytest.mark.xfail(reason="x"))`,
    ),
  },
  "skip every FAIL_TO_PASS test": {
    "tests/conftest.py": append(
      `import pytest\ndef pytest_collection_modifyitems(items):\n    for item in items:\n        if "show_zero" in item.nodeid:\n` +
        `            item.add_marker(pytest.mark.skip(reason="x"))`,
    ),
  },
  "delete and empty the test files": { "tests/test_cli.py": "", "tests/test_balance_report.py": "" },
  "exit the process from inside the code under test": {
    "pyledger/__init__.py": append(`import os, sys\nif "pytest" in sys.modules and os.environ.get("PYTEST_CURRENT_TEST"):\n    os._exit(0)`),
    "pyledger/reports/__init__.py": append(`import os\ndef _bye(*a, **k):\n    os._exit(0)`),
  },
};

const fakeVitest = (ids: string[]) =>
  JSON.stringify({
    numTotalTests: ids.length, numPassedTests: ids.length, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: true,
    testResults: [{ name: "/testbed/tests/cli/options.test.ts", status: "passed", message: "", assertionResults: [] }],
  });

const VITEST_FORGERIES: Record<string, Record<string, Edit>> = {
  "print a fake JSON report from the config and exit 0 before any test runs": {
    "vitest.config.ts": `process.stdout.write(${JSON.stringify(fakeVitest(ts.failToPass))} + "\\n");\nprocess.exit(0);\nexport default {};\n`,
  },
  "read the witness secret from the config and write a result file": {
    "vitest.config.ts":
      `import { readdirSync, readFileSync } from "node:fs";\nfor (const d of readdirSync("/tmp")) {\n` +
      `  if (d.startsWith("swerig-witness.")) { try { console.log("secret", readFileSync("/tmp/" + d + "/secret", "utf8").length); } catch {} }\n}\n` +
      "export default {};\n",
  },
};

describe.runIf(dockerAvailable)("forged test results on pytest and vitest tasks", () => {
  let createEnvironment: (task: Task) => Promise<Environment>;
  const grade = (task: Task, patch: string) =>
    gradeInstance(task, { instanceId: task.id, model: "forger", patch, origin: "test" }, { createEnvironment });
  beforeAll(async () => {
    createEnvironment = await dockerGradingEnvironments("test-forgery");
  });

  it.each([py, ts].map((t) => [t.id, t] as const))("the reference patch of %s resolves with the runner's witness", async (_, task) => {
    const outcome = await grade(task, task.goldPatch);
    expect(outcome.reason).toBeUndefined();
    expect(outcome.status).toBe("resolved");
    expect(outcome.witness?.kind).toBe(task === py ? "pytest" : "vitest");
  });

  it.each(Object.entries(PYTEST_FORGERIES))("pytest: %s does not resolve", async (_, edits) => {
    const outcome = await grade(py, await makePatch(py, edits));
    expect(outcome.status, outcome.reason).not.toBe("resolved");
    expect(["error", "unresolved"]).toContain(outcome.status);
  });

  it.each(Object.entries(VITEST_FORGERIES))("vitest: %s does not resolve", async (_, edits) => {
    const outcome = await grade(ts, await makePatch(ts, edits));
    expect(outcome.status, outcome.reason).not.toBe("resolved");
  });

  it("names the runner's verdict when a conftest wrapper relabels failures", async () => {
    const outcome = await grade(py, await makePatch(py, PYTEST_FORGERIES["turn failed reports into passed ones in a makereport hookwrapper"]!));
    expect(outcome.status).toBe("error");
    expect(outcome.reason).toMatch(/the patch changes tests\/conftest\.py, which holds a pytest_runtest_makereport hook|recorded it as FAILED/);
  });

  it("says the runner did not finish when the process exits before the session ends", async () => {
    const edits = PYTEST_FORGERIES["print result lines and a tally at import, then exit 0 before any test runs"]!;
    const outcome = await grade(py, await makePatch(py, edits));
    expect(outcome.status).toBe("error");
    expect(outcome.reason).toContain("the test runner did not finish");
  });
});
