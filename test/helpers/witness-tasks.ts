// Small tasks shaped like SWE-bench's Django and SymPy instances, for the witness tests: a Django
// `tests/runtests.py` (DiscoverRunner, verbosity 2) graded with parse_log_django, and a SymPy-style
// `bin/test` (sympy's own runtests reporter, --verbose, hash-seeded subprocess) with parse_log_sympy.
import type { Environment } from "../../src/envs/environment.js";
import { DockerEnvironment } from "../../src/envs/docker-environment.js";
import { helperImage } from "../../src/envs/images/index.js";
import { buildEvalScript } from "../../src/tasks/eval-script.js";
import type { Task } from "../../src/tasks/index.js";
import { makeTask } from "./task.js";
import { newFile, replaceFile } from "./task-folder.js";
import { ensureWitnessTestImage } from "./witness-image.js";

export interface SyntheticTask {
  task: Task;
  files: Record<string, string>;
  executables: string[];
}

const DJANGO_RUNTESTS = `#!/usr/bin/env python3
import argparse
import os
import sys

import django
from django.conf import settings

here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [here, os.path.dirname(here)]
parser = argparse.ArgumentParser()
parser.add_argument("labels", nargs="*")
parser.add_argument("--verbosity", type=int, default=1)
parser.add_argument("--settings")
parser.add_argument("--parallel", type=int, default=0)
args = parser.parse_args()
settings.configure(DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}, SECRET_KEY="x")
django.setup()
from django.test.runner import DiscoverRunner

failures = DiscoverRunner(verbosity=args.verbosity, parallel=args.parallel).run_tests(args.labels)
sys.exit(bool(failures))
`;

const DJANGO_TESTS = (extra: string) => `from django.test import SimpleTestCase

from calc import add


class AddTests(SimpleTestCase):
    def test_zero(self):
        """Adding zeros gives zero."""
        self.assertEqual(add(0, 0), 0)
${extra}`;

const DJANGO_BEFORE = DJANGO_TESTS("");
const DJANGO_AFTER = DJANGO_TESTS("\n    def test_positive(self):\n        self.assertEqual(add(2, 3), 5)\n");

export const djangoTask: SyntheticTask = {
  files: {
    "calc/__init__.py": "def add(a, b):\n    return a - b\n",
    "tests/runtests.py": DJANGO_RUNTESTS,
    "tests/calc_tests/__init__.py": "",
    "tests/calc_tests/test_add.py": DJANGO_BEFORE,
  },
  executables: ["tests/runtests.py"],
  task: makeTask({
    id: "witness-django-add",
    baseCommit: "HEAD",
    logParser: "parse_log_django",
    goldPatch: replaceFile("calc/__init__.py", "def add(a, b):\n    return a - b\n", "def add(a, b):\n    return a + b\n"),
    testPatch: replaceFile("tests/calc_tests/test_add.py", DJANGO_BEFORE, DJANGO_AFTER),
    failToPass: ["test_positive (calc_tests.test_add.AddTests.test_positive)"],
    // A test with a docstring is listed under its docstring's first line, as SWE-bench lists them.
    passToPass: ["Adding zeros gives zero."],
    testCommand: "./tests/runtests.py --verbosity 2 --settings=test_sqlite --parallel 1 calc_tests.test_add",
  }),
};

const SYMPY_BIN_TEST = `#!/usr/bin/env python3
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, root)
os.environ["PYTHONPATH"] = os.environ.get("PYTHONPATH", "") + os.pathsep + root
from sympy.testing.runtests import run_in_subprocess_with_hash_randomization

paths = [os.path.abspath(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
code = run_in_subprocess_with_hash_randomization("run", function_args=paths, module="local_runtests")
if code is False:
    import local_runtests

    code = local_runtests.run(*paths)
sys.exit(code)
`;

const SYMPY_RUNNER = `from sympy.testing.runtests import PyTestReporter, SymPyTests


def run(*paths):
    reporter = PyTestReporter(verbose=True, tb="short", colors=False)
    tests = SymPyTests(reporter, kw="", seed=1)
    tests._testfiles.extend(paths)
    return 0 if tests.test(sort=True) else 1
`;

// The reporter ends a file's last line with its "[OK]" mark, so the last test is one no list names.
const SYMPY_TESTS = (extra: string) =>
  `from mathx import double\n\n\ndef test_zero():\n    assert double(0) * 0 == 0\n${extra}\n\ndef test_last():\n    assert True\n`;
const SYMPY_BEFORE = SYMPY_TESTS("");
const SYMPY_AFTER = SYMPY_TESTS("\n\ndef test_double_two():\n    assert double(2) == 4\n");

export const sympyTask: SyntheticTask = {
  files: {
    "mathx/__init__.py": "def double(x):\n    return x + x + 1\n",
    "mathx/tests/__init__.py": "",
    "mathx/tests/test_double.py": SYMPY_BEFORE,
    "bin/test": SYMPY_BIN_TEST,
    "local_runtests.py": SYMPY_RUNNER,
  },
  executables: ["bin/test"],
  task: makeTask({
    id: "witness-sympy-double",
    baseCommit: "HEAD",
    logParser: "parse_log_sympy",
    goldPatch: replaceFile("mathx/__init__.py", "def double(x):\n    return x + x + 1\n", "def double(x):\n    return x + x\n"),
    testPatch: replaceFile("mathx/tests/test_double.py", SYMPY_BEFORE, SYMPY_AFTER),
    failToPass: ["test_double_two"],
    passToPass: ["test_zero"],
    testCommand: "PYTHONWARNINGS='ignore::UserWarning,ignore::SyntaxWarning' bin/test -C --verbose",
  }),
};

for (const synthetic of [djangoTask, sympyTask]) {
  const { task } = synthetic;
  const passTestFiles = task.logParser !== "parse_log_django";
  const { testPatch, testCommand } = task;
  task.evalScript = buildEvalScript({ workdir: "/testbed", baseCommit: "HEAD", testPatch, testCommand, passTestFiles });
}

/** Environments from the test image with the synthetic task's repository committed at /testbed. */
export async function syntheticEnvironments(synthetic: SyntheticTask, runId: string): Promise<(task: Task) => Promise<Environment>> {
  const [image, helper] = await Promise.all([ensureWitnessTestImage(), helperImage()]);
  return async () => {
    const env = await DockerEnvironment.create({ image, helperImage: helper, workdir: "/testbed", runId });
    await env.exec("mkdir -p /testbed", { cwd: "/" });
    for (const [path, content] of Object.entries(synthetic.files)) await env.putFile(path, content);
    const setup = [
      ...synthetic.executables.map((file) => `chmod +x ${file}`),
      "git init -q && git add -A",
      "git -c user.name=t -c user.email=t@example.com commit -qm base",
    ].join(" && ");
    const result = await env.exec(setup);
    if (result.exitCode !== 0) throw new Error(`could not set up ${synthetic.task.id}: ${result.output}`);
    return env;
  };
}

const OUTCOMES_TESTS = `import pytest


@pytest.fixture
def broken_setup():
    raise RuntimeError("setup")


@pytest.fixture
def broken_teardown():
    yield
    raise RuntimeError("teardown")


def test_pass():
    pass


def test_fail():
    assert False


def test_setup_error(broken_setup):
    pass


def test_teardown_error(broken_teardown):
    pass


def test_fail_and_teardown_error(broken_teardown):
    assert False


@pytest.mark.skip(reason="no")
def test_skip():
    pass


@pytest.mark.xfail(reason="known")
def test_xfail():
    assert False


@pytest.mark.xfail(reason="known")
def test_xpass():
    pass


@pytest.mark.xfail(reason="known", strict=True)
def test_xpass_strict():
    pass


@pytest.mark.parametrize("text", ["a b", "c"])
def test_params(text):
    assert text != "c"
`;

/** Every outcome `pytest -rA` reports, for comparing the witness's lines with pytest's own. */
export const pytestOutcomesTask: SyntheticTask = {
  files: { "pkg/__init__.py": "", "tests/__init__.py": "", "tests/test_placeholder.py": "def test_placeholder():\n    pass\n" },
  executables: [],
  task: makeTask({
    id: "witness-pytest-outcomes",
    baseCommit: "HEAD",
    testPatch: newFile("tests/test_outcomes.py", OUTCOMES_TESTS),
    failToPass: ["tests/test_outcomes.py::test_pass"],
    passToPass: [],
    testCommand: "pytest -rA -p no:cacheprovider",
  }),
};
pytestOutcomesTask.task.evalScript = buildEvalScript({
  workdir: "/testbed",
  baseCommit: "HEAD",
  testPatch: pytestOutcomesTask.task.testPatch,
  testCommand: pytestOutcomesTask.task.testCommand,
});
