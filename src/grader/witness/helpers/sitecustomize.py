# swerig's witness entry for Python runners: takes the one-time secret at interpreter start, before
# any code of the repository can run (pytest's ini `-p` plugins, conftests), acts only in the process
# that took it, then hands over to any other sitecustomize further down sys.path.
import os
import sys


def _activate():
    import swerig_witness_common as common

    writer = common.take_secret()
    if writer is None:
        return
    if writer.kind == "pytest":
        common.keep(writer)
    elif writer.kind == "unittest":
        import swerig_witness_unittest

        swerig_witness_unittest.install(writer)
    elif writer.kind == "sympy":
        import swerig_witness_sympy

        swerig_witness_sympy.install(writer)


def _chain():
    here = os.path.dirname(os.path.abspath(__file__))
    saved = sys.path[:]
    mine = sys.modules.pop("sitecustomize", None)
    sys.path[:] = [entry for entry in saved if os.path.abspath(entry or ".") != here]
    try:
        __import__("sitecustomize")
    except ImportError:
        pass
    except Exception as error:  # as site.py does for a failing sitecustomize
        sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n%s: %s\n" % (type(error).__name__, error))
    finally:
        sys.path[:] = saved
        if mine is not None:
            sys.modules["sitecustomize"] = mine


_activate()
_chain()
