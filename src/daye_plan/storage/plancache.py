"""A cache of validated plans: a command whose plan files have not changed skips parsing them.

Owns the cache files, under the user's cache folder (`$XDG_CACHE_HOME/daye-plan/plans` when it
is an absolute path, else `~/.cache/...`; `DAYE_PLAN_CACHE=off` switches the cache off — the
command line reads the environment and says so through `configure`): each holds one `Plan` exactly as
`load_plan` built it, named by a key over every `*.yaml` file of the plan folder (name and
SHA-256 of its bytes) and over what decides validity: the package version, Python, pydantic,
and the size and time of the model and storage modules. A changed byte, file, version or module
is another key, so a stale plan is never found. It decides nothing about validity: only a
plan that loaded without problems is kept, and only if no file changed while it loaded. A
missing, corrupt, foreign or unreadable cache is a miss; a cache that cannot be written is
skipped; neither is ever an error. Files are written whole under a temporary name, then
renamed. The cache is never kept inside a project: a pickle that a clone can ship would run its
code on `status`; the user's own cache folder holds only what the user's own runs wrote.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from daye_plan import __version__
from daye_plan.model.plan import Plan
from daye_plan.storage.sources import MAX_PLAN_BYTES

MAGIC = b"daye-plan plan cache 1\n"
# Entries left after pruning: one per recent state of each plan a user works on — a prefecture's
# hundred counties and their latest edits among them (a 200-indicator plan is some 200 KB).
KEEP = 160
PRUNE_AT = 320


class _Settings:
    """What the command line found in the environment: whether to cache, and where the user's
    cache folder is (`configure`)."""

    on = True
    base: Path | None = None  # the user's cache folder ($XDG_CACHE_HOME, %LOCALAPPDATA%); None: the default


SETTINGS = _Settings()


def configure(*, on: bool, base: Path | None) -> None:
    """Cache or not, and in which user cache folder (None: the platform's default)."""
    SETTINGS.on, SETTINGS.base = on, base


def folder() -> Path:
    """Where cached plans live: the configured user cache folder, else the platform's. A relative
    folder is ignored, as the XDG spec asks: it would put the cache wherever the command runs,
    inside a project among them."""
    base = SETTINGS.base
    if base is not None and base.is_absolute():
        root = base
    elif sys.platform == "win32":  # pragma: no cover - depends on the platform
        root = Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":  # pragma: no cover - depends on the platform
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path.home() / ".cache"
    return root / "daye-plan" / "plans"


class Slot:
    """The cache entry for one plan folder as its files are now: `plan` on a hit, else None."""

    def __init__(self, directory: Path, key: str | None) -> None:
        self.directory = directory
        self.key = key
        self.plan = _read(key) if key is not None else None

    def keep(self, plan: Plan) -> None:
        """Store a plan just loaded from `directory`, unless a file changed while it loaded."""
        if self.key is None or self.plan is not None or fingerprint(self.directory) != self.key:
            return
        try:
            _write(self.key, pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return  # a read-only home, a full disk: the next run loads from the files again


def open_slot(directory: Path) -> Slot:
    """The cache entry for the plan folder `directory` (a miss when the cache is off)."""
    if not SETTINGS.on:
        return Slot(directory, None)
    return Slot(directory, fingerprint(directory))


def fingerprint(directory: Path) -> str | None:
    """The key of the plan in `directory` as its files are now; None when one cannot be read.

    A plan that loads reads `plan.yaml` and `<action-id>.yaml` for ids of lowercase ASCII (the
    loader refuses others), all of them among the `*.yaml` files listed here.
    """
    digest = hashlib.sha256()
    digest.update(_code_stamp().encode())
    # The folder as named: a loaded plan keeps its files' paths for messages and positions.
    digest.update(f"\0{directory}\0".encode())
    try:
        entries = sorted((e for e in os.scandir(directory) if e.name.endswith(".yaml")), key=lambda e: e.name)
        for entry in entries:
            # Only plain files of a plan's size are hashed: a named pipe or a device is left to the
            # loader, which refuses it without reading it.
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_size > MAX_PLAN_BYTES:
                return None
            digest.update(f"\0{entry.name}\0".encode())
            digest.update(hashlib.sha256((directory / entry.name).read_bytes()).digest())
    except OSError:
        return None
    return digest.hexdigest()


_STAMP: list[str] = []


def _code_stamp() -> str:
    """What decides whether files make a valid plan, besides the files: versions and the code."""
    if not _STAMP:
        import pydantic.version

        parts = [__version__, sys.version, pydantic.version.VERSION]
        package = Path(__file__).resolve().parent.parent
        for layer in ("model", "storage"):
            try:
                entries = sorted(os.scandir(package / layer), key=lambda entry: entry.name)
            except OSError:  # pragma: no cover - a package without a folder (zipped)
                entries = []
            for entry in entries:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    parts.append(f"{layer}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
        _STAMP.append("\n".join(parts))
    return _STAMP[0]


def _path(key: str) -> Path:
    return folder() / f"{key}.pickle"


def _read(key: str) -> Plan | None:
    """The plan stored under `key`, or None: missing, not the user's own, corrupt or not a Plan."""
    path = _path(key)
    try:
        with open(path, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            data = handle.read()
    except OSError:
        return None
    head = MAGIC + key.encode() + b"\n"
    if not data.startswith(head):
        return None
    try:
        plan = pickle.loads(data[len(head) :])
    except Exception:  # a corrupt or outdated cache is a miss, whatever unpickling it raises
        return None
    return plan if isinstance(plan, Plan) else None


def _trusted(stat: os.stat_result) -> bool:
    """Only a file of the user's own that nobody else can write is unpickled."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the per-user folder is private
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def _write(key: str, payload: bytes) -> None:
    target = _path(key)
    import tempfile  # only when writing: a hit never pays for it

    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + key.encode() + b"\n" + payload)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _prune(target.parent)


def _prune(directory: Path) -> None:
    """Drop all but the most recently written entries, once there are many."""
    entries = [entry for entry in os.scandir(directory) if entry.name.endswith(".pickle")]
    if len(entries) < PRUNE_AT:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for entry in entries[KEEP:]:
        Path(entry.path).unlink(missing_ok=True)
