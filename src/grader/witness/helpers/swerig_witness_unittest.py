# swerig's witness for unittest runners (Django's runtests.py): records, through the outermost
# TextTestRunner's own result object, each test as verbosity 2 prints it (`<description> ... ok`)
# and writes the result file when that run ends.
import unittest
import unittest.case
import unittest.result
import unittest.runner
import unittest.suite

import swerig_witness_common as common

_WORDS = {
    "addSuccess": lambda args: "ok",
    "addError": lambda args: "ERROR",
    "addFailure": lambda args: "FAIL",
    "addSkip": lambda args: "skipped " + repr(args[0] if args else ""),
    "addExpectedFailure": lambda args: "expected failure",
    "addUnexpectedSuccess": lambda args: "unexpected success",
}


def install(writer):
    state = {"depth": 0, "result": None, "lines": []}
    result_class = unittest.runner.TextTestResult
    runner_class = unittest.runner.TextTestRunner

    def recorder(name, original):
        def method(self, test, *args):
            if self is state["result"]:
                state["lines"].append(self.getDescription(test) + " ... " + _WORDS[name](args))
            return original(self, test, *args)
        return method

    for name in _WORDS:
        setattr(result_class, name, recorder(name, result_class.__dict__.get(name) or getattr(result_class, name)))

    original_sub_test = getattr(result_class, "addSubTest", None)
    if original_sub_test is not None:
        def add_sub_test(self, test, subtest, err):
            if self is state["result"] and err is not None:
                failed = issubclass(err[0], test.failureException)
                state["lines"].append(self.getDescription(test) + " ... " + ("FAIL" if failed else "ERROR"))
            return original_sub_test(self, test, subtest, err)
        result_class.addSubTest = add_sub_test

    original_make = runner_class._makeResult
    original_run = runner_class.run

    def make_result(self):
        result = original_make(self)
        if state["depth"] == 1 and state["result"] is None:
            state["result"] = result
        return result

    def run(self, test):
        state["depth"] += 1
        try:
            return original_run(self, test)
        finally:
            state["depth"] -= 1
            if state["depth"] == 0 and state["result"] is not None and not writer.written:
                # Descriptions keep their newline (`test_x (m.C)` then the docstring's first line), as printed.
                writer.write("unittest", [line.replace("\r", " ") for line in state["lines"]] + common.replaced(seen))

    runner_class._makeResult = make_result
    runner_class.run = run
    # Every function and method of unittest's case, result, runner and suite modules (ours included).
    seen = common.capture_modules([unittest.case, unittest.result, unittest.runner, unittest.suite])
