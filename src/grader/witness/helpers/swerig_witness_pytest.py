# swerig's witness for pytest (Python 3.5+, pytest 4.4+): records each test's reports as pytest
# makes them and, when the session ends, writes one `-rA` short-summary line per test into the
# result file named by the one-time secret (taken by sitecustomize at interpreter start). Nested
# sessions (pytester, inline or in a subprocess) neither load it nor write.
import os

import swerig_witness_common as common

common.drop_env_entry("PYTEST_PLUGINS", __name__, ",")
_WRITER = common.claim()
_ROOT = os.getcwd()

import pytest  # noqa: E402


def _modules(names):
    found = []
    for name in names:
        try:
            found.append(__import__(name, fromlist=["_"]))
        except ImportError:
            pass
    return found


# The code that runs a test and turns its outcome into a report, pytest's and pluggy's (whose module
# names changed across versions); replaced at the end of the run means the outcomes are not pytest's.
_SEEN = common.capture_modules(_modules((
    "_pytest.runner", "_pytest.reports", "_pytest.python", "_pytest.main", "_pytest.skipping", "_pytest.outcomes",
    "_pytest.terminal", "_pytest.unittest", "pluggy._callers", "pluggy._hooks", "pluggy._manager", "pluggy.callers",
    "pluggy.hooks", "pluggy.manager",
)))

# Hooks whose implementations decide or relabel outcomes; the grader refuses them in files the patch touches.
_OUTCOME_HOOKS = (
    "pytest_pyfunc_call", "pytest_runtest_call", "pytest_runtest_protocol", "pytest_runtest_makereport",
    "pytest_runtest_setup", "pytest_runtest_teardown", "pytest_runtest_logreport", "pytest_report_teststatus",
    "pytest_runtestloop", "pytest_collection_modifyitems", "pytest_itemcollected",
)

_phases = {}
_order = []
_collect_errors = []


def _remember(report):
    nodeid = report.nodeid
    if nodeid not in _phases:
        _phases[nodeid] = {}
        _order.append(nodeid)
    _phases[nodeid][report.when] = (report.outcome, hasattr(report, "wasxfail"))


if _WRITER is not None:

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        report = outcome.get_result()
        if report is not None:
            _remember(report)

    def pytest_collectreport(report):
        if report.failed:
            _collect_errors.append(report.nodeid)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(session, exitstatus):
        lines = ["ERROR " + nodeid for nodeid in _collect_errors if nodeid]
        for nodeid in _order:
            lines.extend(word + " " + nodeid for word in _summary_words(_phases[nodeid]))
        lines.extend(common.replaced(_SEEN))
        lines.extend(_outcome_hooks(session.config))
        _WRITER.write("pytest", [common.note_line(line) for line in lines])


def _summary_words(phases):
    """The words `pytest -rA` lists for one test, in its order (passed, skipped, xfail, xpass, error, failed)."""
    words = []
    call = phases.get("call")
    setup = phases.get("setup")
    failed = False
    if call is not None:
        outcome, wasxfail = call
        if outcome == "failed":
            failed = True
        elif wasxfail:
            words.append("XFAIL" if outcome == "skipped" else "XPASS")
        else:
            words.append("PASSED" if outcome == "passed" else "SKIPPED")
    elif setup is not None and setup[0] == "skipped":
        words.append("XFAIL" if setup[1] else "SKIPPED")
    errored = any(phases.get(when, ("passed",))[0] == "failed" for when in ("setup", "teardown"))
    if errored:
        words.append("ERROR")
    if failed:
        words.append("FAILED")
    return words


def _outcome_hooks(config):
    notes = []
    for name in _OUTCOME_HOOKS:
        caller = getattr(config.pluginmanager.hook, name, None)
        get_impls = getattr(caller, "get_hookimpls", None)
        if get_impls is None:
            continue
        for impl in get_impls():
            module = getattr(impl.function, "__module__", None) or ""
            if module == "pytest" or module.startswith("_pytest.") or module == __name__:
                continue
            code = getattr(impl.function, "__code__", None)
            relative = common.repo_file(code.co_filename if code is not None else None, _ROOT)
            if relative is not None:
                notes.append("? a " + name + " hook " + relative)
    return notes
