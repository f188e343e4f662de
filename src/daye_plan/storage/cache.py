"""The user's cache of work already done: validated plans (`plancache`) and read stores (`storecache`).

Owns the cache files, under the user's cache folder (`$XDG_CACHE_HOME/daye-plan/<kind>` when it
is an absolute path, else `~/.cache/...`; `DAYE_PLAN_CACHE=off` switches the cache off — the
command line reads the environment and says so through `configure`): each entry holds one pickled
object under a key its user works out over everything that decides it — the bytes it was made
from and `code_stamp` (the package version, Python, pydantic, and the size and time of the model
and storage modules) — so that a changed byte, version or module is another key and a stale
entry is never found. An entry is named by its key, or by what it is about (one store), so
that a new state replaces the old one. A missing, corrupt, foreign or unreadable entry is a miss; an entry
that cannot be written is skipped; neither is ever an error. Entries are written whole under a
temporary name, then renamed, and each kind keeps its most recent ones. The cache is never kept
inside a project: a pickle that a clone can ship would run its code on `status`; the user's own
cache folder holds only what the user's own runs wrote.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from daye_plan import __version__

MAGIC = b"daye-plan cache 2\n"


class _Settings:
    """What the command line found in the environment: whether to cache, and where the user's
    cache folder is (`configure`)."""

    on = True
    base: Path | None = None  # the user's cache folder ($XDG_CACHE_HOME, %LOCALAPPDATA%); None: the default


SETTINGS = _Settings()


def configure(*, on: bool, base: Path | None) -> None:
    """Cache or not, and in which user cache folder (None: the platform's default)."""
    SETTINGS.on, SETTINGS.base = on, base


def folder(kind: str) -> Path:
    """Where the entries of `kind` live: the configured user cache folder, else the platform's. A
    relative folder is ignored, as the XDG spec asks: it would put the cache wherever the command
    runs, inside a project among them."""
    base = SETTINGS.base
    if base is not None and base.is_absolute():
        root = base
    elif sys.platform == "win32":  # pragma: no cover - depends on the platform
        root = Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":  # pragma: no cover - depends on the platform
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path.home() / ".cache"
    return root / "daye-plan" / kind


_STAMP: list[str] = []


def code_stamp() -> str:
    """What decides what files make, besides the files: the versions and the code that reads them."""
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


def _path(kind: str, name: str) -> Path:
    return folder(kind) / f"{name}.pickle"


def read(kind: str, key: str, name: str | None = None) -> object | None:
    """The object stored under `key` (in the entry `name`, by default the key itself), or None:
    missing, another key, not the user's own, or corrupt. The caller checks that it is what it
    stored."""
    path = _path(kind, name or key)
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
        found: object = pickle.loads(data[len(head) :])  # its type is checked by the caller
    except Exception:  # a corrupt or outdated entry is a miss, whatever unpickling it raises
        return None
    return found


def _trusted(stat: os.stat_result) -> bool:
    """Only a file of the user's own that nobody else can write is unpickled."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the per-user folder is private
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def write(kind: str, key: str, value: object, keep: int, name: str | None = None) -> None:
    """Store `value` under `key` (in the entry `name`, replacing what it held; by default the key
    itself), then leave the `keep` entries of `kind` written last once there are twice as many.
    Never raises: a read-only home or a full disk only means the next run reads the files again."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _write(_path(kind, name or key), MAGIC + key.encode() + b"\n" + payload)
        _prune(folder(kind), keep)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def _write(target: Path, data: bytes) -> None:
    import tempfile  # only when writing: a hit never pays for it

    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(directory: Path, keep: int) -> None:
    """Drop all but the `keep` most recently written entries, once there are twice as many."""
    entries = [entry for entry in os.scandir(directory) if entry.name.endswith(".pickle")]
    if len(entries) < 2 * keep:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for entry in entries[keep:]:
        Path(entry.path).unlink(missing_ok=True)
