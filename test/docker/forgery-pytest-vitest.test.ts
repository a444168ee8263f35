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
const pyTask = tasks.find((t) => t.id === "pyledger-show-zero")!;
const ts = tasks.find((t) => t.id === "ts-tickr-timeout-duration")!;
const pyIds = [...pyTask.failToPass, ...pyTask.passToPass];
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

const py = (...lines: string[]) => lines.join("\n");

const PYTEST_FORGERIES: Record<string, Record<string, Edit>> = {
  "print result lines and a tally at import, then exit 0 before any test runs": {
    "pyledger/__init__.py": append(toLogThenExit("", `${passedLines}\\n${fakeTally}`)),
  },
  "print a fake tally from a conftest hook before pytest runs any test": {
    "tests/conftest.py": append(`def pytest_collection_finish(session):\n${toLogThenExit("    ", `${passedLines}\\n${fakeTally}`)}`),
  },
  "print result lines after the real summary and force exit status 0": {
    "pyledger/__init__.py": append(
      py(
        "import atexit, os, sys",
        "def _spoof():",
        `    print("${passedLines}")`,
        "    sys.stdout.flush()",
        "    os._exit(0)",
        "atexit.register(_spoof)",
      ),
    ),
  },
  "kill the runner from a forked child that prints a clean run": {
    "pyledger/__init__.py": append(
      py(
        "import os, signal, sys",
        'if os.environ.get("SWERIG_FORGED") is None:',
        '    os.environ["SWERIG_FORGED"] = "1"',
        "    if os.fork() == 0:",
        "        os.kill(os.getppid(), signal.SIGKILL)",
        `        print("${passedLines}\\n${fakeTally}")`,
        "        sys.stdout.flush()",
        "        os._exit(0)",
        "    import time",
        "    time.sleep(30)",
      ),
    ),
  },
  "replace the runner's result file at exit with a forged one": {
    "pyledger/__init__.py": append(
      py(
        "import atexit, glob, os, sys",
        "def _forge():",
        '    for path in glob.glob("/tmp/swerig-witness.*/result-*"):',
        '        text = open(path).read().replace("FAILED", "PASSED")',
        '        open(path, "w").write(text)',
        '    for d in glob.glob("/tmp/swerig-witness.*"):',
        `        open(d + "/result-guess", "w").write("swerig-witness 1 pytest\\n${passedLines}\\n")`,
        "    os._exit(0)",
        "atexit.register(_forge)",
      ),
    ),
  },
  "turn failed reports into passed ones in a makereport hookwrapper": {
    "tests/conftest.py": append(
      py(
        "import pytest",
        "@pytest.hookimpl(hookwrapper=True)",
        "def pytest_runtest_makereport(item, call):",
        "    outcome = yield",
        "    report = outcome.get_result()",
        "    if report.failed:",
        '        report.outcome = "passed"',
        "        report.longrepr = None",
      ),
    ),
  },
  "relabel failures as passed in pytest_report_teststatus": {
    "tests/conftest.py": append(
      py(
        "def pytest_report_teststatus(report, config):",
        '    if report.when == "call" and report.failed:',
        '        return "passed", ".", "PASSED"',
      ),
    ),
  },
  "pass every test without running it (pytest_pyfunc_call)": {
    "tests/conftest.py": append(py("def pytest_pyfunc_call(pyfuncitem):", "    return True")),
  },
  "monkeypatch pytest's Function.runtest from the package": {
    "pyledger/__init__.py": append(py("import _pytest.python", "_pytest.python.Function.runtest = lambda self: None")),
  },
  "force every report to pass by wrapping TestReport.__init__": {
    "pyledger/__init__.py": append(
      py(
        "import _pytest.reports",
        "_init = _pytest.reports.TestReport.__init__",
        "def _forced(self, *args, **kwargs):",
        "    _init(self, *args, **kwargs)",
        '    if self.outcome == "failed":',
        '        self.outcome = "passed"',
        "        self.longrepr = None",
        "_pytest.reports.TestReport.__init__ = _forced",
      ),
    ),
  },
  "mark every test xfail": {
    "tests/conftest.py": append(
      py(
        "import pytest",
        "def pytest_collection_modifyitems(items):",
        "    for item in items:",
        '        item.add_marker(pytest.mark.xfail(reason="x"))',
      ),
    ),
  },
  "skip every FAIL_TO_PASS test": {
    "tests/conftest.py": append(
      py(
        "import pytest",
        "def pytest_collection_modifyitems(items):",
        "    for item in items:",
        '        if "show_zero" in item.nodeid:',
        '            item.add_marker(pytest.mark.skip(reason="x"))',
      ),
    ),
  },
  "delete and empty the test files": { "tests/test_cli.py": "", "tests/test_balance_report.py": "" },
  "exit the process from inside the code under test": {
    "pyledger/__init__.py": append(py("import os", 'if os.environ.get("PYTEST_CURRENT_TEST"):', "    os._exit(0)")),
  },
};

const ids = [...ts.failToPass, ...ts.passToPass];
const fakeVitestReport = JSON.stringify({
  numTotalTests: ids.length,
  numPassedTests: ids.length,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  success: true,
  testResults: ["tests/cli/commands.test.ts", "tests/cli/options.test.ts"].map((file) => ({
    name: `/testbed/${file}`,
    status: "passed",
    message: "",
    assertionResults: ids
      .filter((id) => id.startsWith(file))
      .map((id) => {
        const [, ...titles] = id.split(" > ");
        return { ancestorTitles: titles.slice(0, -1), title: titles.at(-1), status: "passed" };
      }),
  })),
});

const VITEST_FORGERIES: Record<string, Record<string, Edit>> = {
  "print a consistent fake JSON report from a test module and exit 0": {
    "src/index.ts": (old) => `${old}\nprocess.stdout.write(${JSON.stringify(fakeVitestReport)} + "\\n");\nprocess.exit(0);\n`,
  },
  "take the witness secret from the config, sign a fake result, print a fake report and exit 0": {
    "vitest.config.ts": [
      'import { createHmac } from "node:crypto";',
      'import { readdirSync, readFileSync, writeFileSync } from "node:fs";',
      `const report = ${JSON.stringify(fakeVitestReport)};`,
      'for (const d of readdirSync("/tmp").filter((name) => name.startsWith("swerig-witness."))) {',
      '  const [path, key] = readFileSync(`/tmp/${d}/secret`, "utf8").split("\\n");',
      "  const body = `swerig-witness 1 vitest\\n${report}\\n`;",
      '  const mac = createHmac("sha256", Buffer.from(key, "ascii")).update(body).digest("hex");',
      "  writeFileSync(path, `${body}swerig-witness-mac ${mac}\\n`);",
      "}",
      'process.stdout.write(report + "\\n");',
      "process.exit(0);",
      "export default {};",
      "",
    ].join("\n"),
  },
  "an afterEach registered from source code that turns every failed test into a pass": {
    "src/errors.ts": (old) =>
      `import { afterEach } from "vitest";\n${old}\nafterEach((ctx) => {\n  if (ctx.task.result) ctx.task.result.state = "pass";\n});\n`,
  },
};

describe.runIf(dockerAvailable)("forged test results on pytest and vitest tasks", () => {
  let createEnvironment: (task: Task) => Promise<Environment>;
  const grade = (task: Task, patch: string) =>
    gradeInstance(task, { instanceId: task.id, model: "forger", patch, origin: "test" }, { createEnvironment });
  beforeAll(async () => {
    createEnvironment = await dockerGradingEnvironments("test-forgery");
  });

  it.each([pyTask, ts].map((t) => [t.id, t] as const))("the reference patch of %s resolves with the runner's witness", async (_, task) => {
    const outcome = await grade(task, task.goldPatch);
    expect(outcome.reason).toBeUndefined();
    expect(outcome.status).toBe("resolved");
    expect(outcome.witness?.kind).toBe(task === pyTask ? "pytest" : "vitest");
  });

  it.each(Object.entries(PYTEST_FORGERIES))("pytest: %s does not resolve", async (_, edits) => {
    const outcome = await grade(pyTask, await makePatch(pyTask, edits));
    expect(outcome.status, outcome.reason).not.toBe("resolved");
    expect(["log_rejected", "unresolved"]).toContain(outcome.status);
  });

  it.each(Object.entries(VITEST_FORGERIES))("vitest: %s does not resolve", async (_, edits) => {
    const outcome = await grade(ts, await makePatch(ts, edits));
    expect(outcome.status, outcome.reason).not.toBe("resolved");
  });

  it("names the runner's verdict when a conftest wrapper relabels failures", async () => {
    const edits = PYTEST_FORGERIES["turn failed reports into passed ones in a makereport hookwrapper"]!;
    const outcome = await grade(pyTask, await makePatch(pyTask, edits));
    expect(outcome.status).toBe("log_rejected");
    expect(outcome.reason).toContain("the patch changes tests/conftest.py, which holds a pytest_runtest_makereport hook");
  });

  it("refuses a patch to vitest's configuration, which runs before the reporter could take the secret", async () => {
    const edits = VITEST_FORGERIES["take the witness secret from the config, sign a fake result, print a fake report and exit 0"]!;
    const outcome = await grade(ts, await makePatch(ts, edits));
    expect(outcome.status).toBe("log_rejected");
    expect(outcome.reason).toContain("the patch changes vitest.config.ts, vitest's configuration");
  });

  it("names the runner's verdict on a test whose failure an afterEach turned into a pass", async () => {
    const edits = VITEST_FORGERIES["an afterEach registered from source code that turns every failed test into a pass"]!;
    const outcome = await grade(ts, await makePatch(ts, edits));
    expect(outcome.status, outcome.reason).toBe("log_rejected");
    expect(outcome.reason).toMatch(/the log says tests\/cli\/\S+ > .+ is PASSED but the test runner recorded it as FAILED/);
  });

  it("keeps the witness of the outer session when nested pytest sessions run, inline and in a subprocess", async () => {
    const nested = py(
      "import os, subprocess, sys, tempfile",
      "def pytest_sessionstart(session):",
      "    inner = tempfile.mkdtemp()",
      '    with open(os.path.join(inner, "test_inner.py"), "w") as handle:',
      '        handle.write("def test_inner():\\n    assert False\\n")',
      '    code = pytest.main(["-q", "-p", "no:cacheprovider", inner])',
      '    child = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", inner])',
      '    with open("/tmp/nested-codes", "w") as handle:',
      '        handle.write("%d %d" % (int(code), child))',
    );
    const edits = { "tests/conftest.py": append(`import pytest\n${nested}`) };
    const patch = `${pyTask.goldPatch}${await makePatch(pyTask, edits)}`;
    let log = "";
    const prediction = { instanceId: pyTask.id, model: "m", patch, origin: "test" } as const;
    const outcome = await gradeInstance(pyTask, prediction, {
      createEnvironment,
      writeArtifact: async (name, content) => {
        if (name === "test_output.txt") log = content;
      },
    });
    expect(log).toContain("test_inner");
    expect(outcome.reason).toBeUndefined();
    expect(outcome.status).toBe("resolved");
  });

  it("names the runner code a forger replaced", async () => {
    const edits = PYTEST_FORGERIES["force every report to pass by wrapping TestReport.__init__"]!;
    const outcome = await grade(pyTask, await makePatch(pyTask, edits));
    expect(outcome.status).toBe("log_rejected");
    expect(outcome.reason).toContain("the test runner's own code was changed during the run");
    expect(outcome.reason).toContain("(replaced _pytest.reports.TestReport.__init__)");
  });

  it("says the runner did not finish when the process exits before the session ends", async () => {
    const edits = PYTEST_FORGERIES["print result lines and a tally at import, then exit 0 before any test runs"]!;
    const outcome = await grade(pyTask, await makePatch(pyTask, edits));
    expect(outcome.status).toBe("log_rejected");
    expect(outcome.reason).toContain("the test runner did not finish");
  });
});
