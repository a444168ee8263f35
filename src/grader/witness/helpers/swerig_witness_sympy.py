# swerig's witness for SymPy's bin/test: an import hook wraps the reporter of sympy's runtests
# (sympy.testing.runtests, sympy.utilities.runtests in old versions) so that each test's outcome is
# recorded as `--verbose` prints it (`test_x ok|F|E`), written when the reporter finishes.
import sys

import swerig_witness_common as common

_MODULES = ("sympy.testing.runtests", "sympy.utilities.runtests")
_WORDS = {
    "test_pass": lambda args: "ok",
    "test_fail": lambda args: "F",
    "test_exception": lambda args: "E",
    "test_skip": lambda args: "s",
    "test_xfail": lambda args: "f",
    "test_xpass": lambda args: "X",
}


class _Finder(object):
    def __init__(self, on_load):
        self._on_load = on_load

    def find_spec(self, fullname, path, target=None):
        if fullname not in _MODULES:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                original = spec.loader.exec_module
                on_load = self._on_load

                def exec_module(module):
                    original(module)
                    on_load(module)

                spec.loader.exec_module = exec_module
                return spec
        return None


def install(writer):
    state = {"name": None, "lines": [], "delegated": False, "seen": [], "reporter": None}

    def wrap(module):
        reporter = module.__dict__.get("PyTestReporter")
        if reporter is None or getattr(reporter, "_swerig_witness", False):
            return
        reporter._swerig_witness = True
        original_start = reporter.start
        original_entering = reporter.entering_test
        original_finish = reporter.finish

        def start(self, *args, **kwargs):
            # Only the first reporter is the run's; tests of the runner itself may start their own.
            if state["reporter"] is None:
                state["reporter"] = self
            return original_start(self, *args, **kwargs)

        def entering_test(self, f):
            if self is state["reporter"]:
                state["name"] = getattr(f, "__name__", str(f))
            return original_entering(self, f)

        def recorder(name, original):
            def method(self, *args, **kwargs):
                if self is state["reporter"]:
                    state["lines"].append("%s %s" % (state["name"], _WORDS[name](args)))
                return original(self, *args, **kwargs)
            return method

        def finish(self):
            value = original_finish(self)
            if self is state["reporter"] and not state["delegated"]:
                lines = [common.note_line(line) for line in state["lines"]]
                writer.write("sympy", lines + common.replaced(state["seen"]))
            return value

        reporter.start = start
        reporter.entering_test = entering_test
        reporter.finish = finish
        for name in _WORDS:
            setattr(reporter, name, recorder(name, getattr(reporter, name)))
        delegate = module.__dict__.get("run_in_subprocess_with_hash_randomization")
        if delegate is not None:
            module.run_in_subprocess_with_hash_randomization = _handing_on(writer, state, delegate)
        # Every function and method of the runtests module (the reporter with our wrappers, SymPyTests).
        state["seen"].extend(common.capture_modules([module]))

    sys.meta_path.insert(0, _Finder(wrap))


def _handing_on(writer, state, delegate):
    """The tests run in a `python -R -c ...` child: the secret is handed to that child alone (not to the
    `python -RV` probe before it), and this process then writes nothing."""
    def run(*args, **kwargs):
        import subprocess

        original = subprocess.Popen

        def popen(command, *popen_args, **popen_kwargs):
            if isinstance(command, (list, tuple)) and "-c" in command and not state["delegated"]:
                common.give_secret(writer)
                state["delegated"] = True
            return original(command, *popen_args, **popen_kwargs)

        subprocess.Popen = popen
        try:
            return delegate(*args, **kwargs)
        finally:
            subprocess.Popen = original
    return run
