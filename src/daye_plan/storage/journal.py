"""Appending to stores all or nothing: the store locks, and the journal that spans several stores.

Owns how bytes reach a store. Each store is locked through `<store>.lock` beside it (filelock),
always in sorted order, so writers queue and never deadlock. An append writes whole lines
in one go, fsyncs, and on any failure truncates the store back to its size before (a store it
created is removed). Appends to several stores (an import) first write a journal,
`actuals/.import-<token>.journal`, with each store's size before and the exact bytes to add,
and fsync it; then append to each store; then remove the journal. Whoever next touches one of
those stores — reader or writer — finds a journal left by a killed process and settles it under
the same locks: complete if every append is whole, else rolled back, a store being truncated
only when what follows its recorded size is exactly (a prefix of) the journal's own bytes.
OSErrors become `UsageError`s naming the store. Never prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path
from daye_plan.storage import files

LOCK_TIMEOUT_S = 30.0
MAX_JOURNAL_BYTES = 64_000_000
_JOURNAL = re.compile(r"\.import-[0-9a-f]{16}\.journal")
_STORE = re.compile(r"[A-Za-z0-9_-]+\.csv")


@dataclass
class WriteHooks:
    """Pauses inside a write, so that crash tests can kill a process at a known point.

    The command line fills `HOOKS` from its environment; library code reads no environment.
    """

    pause_mid_write: float = 0.0  # seconds between the two halves of one store's append
    pause_between_stores: float = 0.0  # seconds between two stores' appends of one import


HOOKS = WriteHooks()


@dataclass(frozen=True)
class Append:
    """What to add to one store: `make` is given the store open under its lock (None if it does
    not exist yet), checks it, and returns the bytes to append; `root` holds the store."""

    root: Path
    path: Path
    make: Callable[[files.Opened | None], bytes]


@dataclass(frozen=True)
class _Planned:
    root: Path
    path: Path
    data: bytes


def project_root(store: Path) -> Path:
    """The root of `plans/<year>/actuals/<id>.csv` (or `plans/<year>/<region>/actuals/<id>.csv`); a
    store elsewhere is contained by its own folder."""
    parents = files.absolute(store).parents
    if len(parents) > 3 and parents[0].name == "actuals":
        for depth in (2, 3):  # plans/<year>/, or a region's folder in it
            if len(parents) > depth + 1 and parents[depth].name == "plans" and parents[depth - 1].name.isdigit():
                return parents[depth + 1]
    return parents[0]


def cannot(action: str, path: Path, exc: OSError) -> UsageError:
    """`path: cannot ACTION: reason`; `action` comes translated (`_("read")`)."""
    message = _("{path}: cannot {action}: {reason}")
    return UsageError(message.format(path=display_path(path), action=action, reason=exc.strerror or exc))


@contextlib.contextmanager
def locked(paths: Sequence[Path]) -> Iterator[None]:
    """Hold the lock of every store in `paths` (and of any store an unfinished journal names,
    after settling that journal)."""
    from filelock import FileLock, Timeout

    wanted = sorted({files.absolute(p) for p in paths})
    while True:
        with contextlib.ExitStack() as stack:
            for path in wanted:
                lock = path.with_name(path.name + ".lock")
                try:
                    files.check_lock_name(project_root(path), lock)
                    stack.enter_context(FileLock(str(lock), timeout=LOCK_TIMEOUT_S))
                except Timeout:
                    message = _("{path}: another process has held the store's lock for {seconds} s; try again")
                    raise UsageError(message.format(path=display_path(path), seconds=f"{LOCK_TIMEOUT_S:.0f}")) from None
                except OSError as exc:
                    # i18n: what could not be done, in "{path}: cannot {action}: {reason}"
                    raise cannot(_("lock the store"), path, exc) from None
            pending = [j for j in _journals({p.parent for p in wanted}) if set(j.stores) & set(wanted)]
            extra = {store for j in pending for store in j.stores} - set(wanted)
            if not extra:
                for journal in pending:
                    journal.settle()
                yield
                return
        wanted = sorted(set(wanted) | extra)


def settle_pending(folder: Path) -> None:
    """Settle every journal left in an actuals folder by a killed import (readers call this)."""
    for journal in _journals({files.absolute(folder)}):
        with locked(journal.stores):
            pass  # `locked` settles the journals naming the stores it holds


def _precheck(targets: Sequence[Append]) -> None:
    """Let every target refuse its store before a lock file or journal is made (no file changes on a
    refusal); under the locks each is checked again, since another process may have written meanwhile.

    Where a lock file exists, a writer may be halfway through an append right now: what this
    unlocked look finds wrong is left to the check under the lock.
    """
    for target in targets:
        try:
            with files.open_project_file(target.root, target.path, create=False) as store:
                target.make(store if store is not None and store.size() else None)
        except OSError as exc:
            raise cannot(_("read"), target.path, exc) from None
        except UsageError:
            if not target.path.with_name(target.path.name + ".lock").exists():
                raise


def append(target: Append, hooks: WriteHooks = HOOKS) -> None:
    """Append to one store, under its lock: all of what `target.make` returns, or the store as it was."""
    _precheck([target])
    with locked([target.path]):
        try:
            with files.open_project_file(target.root, target.path, create=True) as store:
                assert store is not None
                _write(store, target.make(store if store.size() else None), hooks)
        except OSError as exc:
            raise cannot(_("write"), target.path, exc) from None


def append_all(targets: Sequence[Append], hooks: WriteHooks = HOOKS) -> None:
    """Append to several stores all or nothing, through a journal (see the module's docstring)."""
    if len(targets) == 1:
        append(targets[0], hooks)
        return
    _precheck(targets)
    with locked([t.path for t in targets]):
        planned: list[_Planned] = []
        sizes: dict[Path, int] = {}
        for target in targets:
            try:
                with files.open_project_file(target.root, target.path, create=False) as store:
                    size = store.size() if store is not None else -1
                    data = target.make(store if size > 0 else None)
            except OSError as exc:
                raise cannot(_("read"), target.path, exc) from None
            planned.append(_Planned(target.root, target.path, data))
            sizes[files.absolute(target.path)] = size
        folder = files.absolute(targets[0].path).parent
        journal = _Journal(folder / f".import-{secrets.token_hex(8)}.journal", planned, sizes)
        journal.write()
        try:
            for number, step in enumerate(planned):
                if number and hooks.pause_between_stores:
                    time.sleep(hooks.pause_between_stores)
                try:
                    with files.open_project_file(step.root, step.path, create=True) as store:
                        assert store is not None
                        _write(store, step.data, hooks)
                except OSError as exc:
                    raise cannot(_("write"), step.path, exc) from None
        except BaseException:
            with contextlib.suppress(UsageError):
                journal.settle()  # rolls the earlier stores back; left for the next command if it cannot
            raise
        journal.remove()


def _write(store: files.Opened, data: bytes, hooks: WriteHooks) -> None:
    size = store.size()
    try:
        if hooks.pause_mid_write:
            half = len(data) // 2
            store.write_all(data[:half])
            time.sleep(hooks.pause_mid_write)
            data = data[half:]
        store.write_all(data)
        store.sync()
    except BaseException:
        _undo(store, size)
        raise


def _undo(store: files.Opened, size: int) -> None:
    """Put a store back as it was before a failed append: truncated, or removed if it was new."""
    with contextlib.suppress(OSError):
        os.ftruncate(store.fd, size)
        os.fsync(store.fd)
        if store.created and size == 0:
            store.parent.unlink(store.path.name)


class _Journal:
    """An import's intent: per store, its size before (-1: it did not exist) and the bytes added."""

    def __init__(self, path: Path, targets: Sequence[_Planned], sizes: dict[Path, int]) -> None:
        self.path, self.targets, self.sizes = path, list(targets), sizes

    @property
    def stores(self) -> list[Path]:
        return [files.absolute(t.path) for t in self.targets]

    def write(self) -> None:
        entries = [
            {"store": t.path.name, "size": self.sizes[files.absolute(t.path)], "append": t.data.decode("utf-8")}
            for t in self.targets
        ]
        data = json.dumps({"journal": 1, "stores": entries}, ensure_ascii=False).encode("utf-8")
        try:
            files.write_whole(self.targets[0].root, self.path, data, replace=False, project_data=True)
        except OSError as exc:
            raise cannot(_("write the import journal"), self.path, exc) from None

    def remove(self) -> None:
        try:
            with files.folder(self.targets[0].root, self.path) as parent:
                parent.unlink(self.path.name)
                parent.sync()
        except OSError as exc:
            raise cannot(_("remove the import journal"), self.path, exc) from None

    def settle(self) -> None:
        """Complete (every append whole) or roll back (anything less); refuse if a store changed otherwise."""
        try:
            states = [self._state(t) for t in self.targets]
            if any(state is None for state in states):
                message = _(
                    "{path}: an unfinished import cannot be completed or rolled back: "
                    "a store it names has changed since; compare the stores with the journal, then remove it"
                )
                raise UsageError(message.format(path=display_path(self.path)))
            if not all(state == "whole" for state in states):
                for target, state in zip(self.targets, states, strict=True):
                    if state != "none":
                        self._truncate(target)
            self.remove()
        except OSError as exc:
            raise cannot(_("settle the unfinished import"), self.path, exc) from None

    def _state(self, target: _Planned) -> str | None:
        """`none`, `part` or `whole`: how much of the journal's bytes follow the recorded size (None: other bytes)."""
        before = self.sizes[files.absolute(target.path)]
        with files.open_project_file(target.root, target.path, create=False) as store:
            if store is None:
                return "none" if before <= 0 else None
            size = store.size()
            if size == 0 and before < 0:
                return "part"  # made by the import, nothing written yet: removed on rolling back
            if size == max(before, 0):
                return "none"
            if size < max(before, 0):
                return None
            tail = store.read_from(max(before, 0), len(target.data), _("an import's records"))
        if tail == target.data:
            return "whole"
        return "part" if target.data.startswith(tail) else None

    def _truncate(self, target: _Planned) -> None:
        before = self.sizes[files.absolute(target.path)]
        with files.open_project_file(target.root, target.path, create=False, append=False) as store:
            if store is None:
                return
            os.ftruncate(store.fd, max(before, 0))
            os.fsync(store.fd)
            if before < 0:
                store.parent.unlink(target.path.name)
                store.parent.sync()

    @classmethod
    def load(cls, path: Path) -> _Journal | None:
        """The journal at `path`; None if it is gone (its import finished meanwhile)."""
        root = project_root(path.parent / "x.csv")
        try:
            data = files.read_file(path, MAX_JOURNAL_BYTES, _("an import journal"), root=root)
        except OSError as exc:
            raise cannot(_("read the import journal"), path, exc) from None
        if data is None:
            return None
        try:
            entries = json.loads(data)["stores"]
            targets, sizes = [], {}
            for entry in entries:
                name, size, text = entry["store"], entry["size"], entry["append"]
                if not (isinstance(name, str) and _STORE.fullmatch(name) and isinstance(size, int)):
                    raise ValueError(name)
                target = _Planned(root, path.parent / name, str(text).encode("utf-8"))
                targets.append(target)
                sizes[files.absolute(target.path)] = size
        except (ValueError, KeyError, TypeError):
            message = _("{path}: an import journal that cannot be read; nothing was changed by it, remove it")
            raise UsageError(message.format(path=display_path(path))) from None
        return cls(path, targets, sizes)


def _journals(folders: set[Path]) -> list[_Journal]:
    found: list[_Journal] = []
    for folder in sorted(folders):
        try:
            names = sorted(name for name in os.listdir(folder) if _JOURNAL.fullmatch(name))
        except OSError:
            continue
        found.extend(j for j in (_Journal.load(folder / name) for name in names) if j is not None)
    return found
