# Shared part of swerig's witnesses for Python runners (Python 3.5+, no f-strings): takes the one-time
# secret the eval script leaves beside this file, and writes the result file with an HMAC over it.
import hashlib
import hmac
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_SECRET = os.path.join(_HERE, "secret")


def take_secret():
    """Reads and deletes the secret file; returns a Writer, or None when there is none (a nested run).
    The file holds the result path, the HMAC key and the runner kind, one per line."""
    try:
        with open(_SECRET) as handle:
            lines = handle.read().split("\n")
        os.unlink(_SECRET)
    except (IOError, OSError):
        return None
    if len(lines) < 2 or not lines[0] or not lines[1]:
        return None
    return Writer(lines[0], lines[1].encode("ascii"), lines[2] if len(lines) > 2 else "")


def give_secret(writer):
    """Hands the secret on to a child process that runs the tests (SymPy's hash-seeded subprocess)."""
    fd = os.open(_SECRET, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(writer.path + "\n" + writer.key.decode("ascii") + "\n" + writer.kind + "\n")


_TAKEN = {}


def keep(writer):
    """Holds the secret taken at interpreter start until the runner's plugin claims it."""
    _TAKEN["writer"] = writer


def claim():
    """The secret kept by `keep`, handed out once."""
    return _TAKEN.pop("writer", None)


def drop_env_entry(name, entry, separator):
    """Removes `entry` from os.environ[name] so nested runs do not load the witness again."""
    value = os.environ.get(name)
    if value is None:
        return
    kept = [part for part in value.split(separator) if part.strip() != entry]
    if kept:
        os.environ[name] = separator.join(kept)
    else:
        del os.environ[name]


class Writer(object):
    def __init__(self, path, key, kind):
        self.path = path
        self.key = key
        self.kind = kind
        self.written = False

    def write(self, kind, lines):
        if self.written:
            return
        self.written = True
        body = "swerig-witness 1 " + kind + "\n" + "".join(line + "\n" for line in lines)
        data = body.encode("utf-8", "backslashreplace")
        mac = hmac.new(self.key, data, hashlib.sha256).hexdigest()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.write(("swerig-witness-mac " + mac + "\n").encode("ascii"))
        self.key = b""


def capture(targets):
    """Identity of each (label, owner, attribute) that exists, to compare at the end of the run."""
    seen = []
    for label, owner, name in targets:
        if owner is not None and name in getattr(owner, "__dict__", {}):
            seen.append((label, owner, name, owner.__dict__[name]))
    return seen


def _is_code(value):
    return callable(value) or isinstance(value, (property, staticmethod, classmethod))


def capture_modules(modules):
    """Identity of every function, class and method a runner's modules define (dunders aside)."""
    targets = []
    for module in modules:
        if module is None:
            continue
        for name, value in list(module.__dict__.items()):
            if name.startswith("__") or not _is_code(value):
                continue
            targets.append((module.__name__ + "." + name, module, name))
            if isinstance(value, type) and value.__module__ == module.__name__:
                for member, code in list(value.__dict__.items()):
                    if _is_code(code) and not (member.startswith("__") and member not in ("__init__", "__call__", "__new__")):
                        targets.append((module.__name__ + "." + name + "." + member, value, member))
    return capture(targets)


def replaced(seen):
    """Notes naming every captured attribute that no longer is the object captured."""
    notes = []
    for label, owner, name, value in seen:
        if owner.__dict__.get(name) is not value:
            notes.append("! replaced " + label)
    return notes


def repo_file(path, root):
    """`path` relative to `root` when it lies inside it and outside installed packages, else None."""
    if not path:
        return None
    full = os.path.abspath(path)
    root = os.path.abspath(root)
    if not full.startswith(root + os.sep):
        return None
    relative = full[len(root) + 1:]
    parts = relative.split(os.sep)
    if "site-packages" in parts or "dist-packages" in parts:
        return None
    return relative.replace(os.sep, "/")


def note_line(text):
    return text.replace("\n", " ").replace("\r", " ")

