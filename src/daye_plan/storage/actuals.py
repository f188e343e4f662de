"""The actuals store: `plans/<year>/actuals/<action-id>.csv`, append-only, one record per line.

Owns where stores are, appending records to them and repairing a torn tail. An append refuses
a store it could not read back (not UTF-8, another header, an incomplete last line), writes
each record in the store's own width (a new store gets the `flags` column; a nine-column store
keeps its header and gets a tenth field only on a record with flags), writes
whole lines under the store's lock through `journal` (all or nothing, across stores for an
import), and never re-reads or rewrites what is there. The line format is `storeformat`'s and
reading is `ledger`'s; with `plans` these are the storage layer, and nothing above it opens
these files.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model.errors import DayePlanError, Problem, UsageError, display_path
from daye_plan.model.plan import Plan
from daye_plan.model.records import Actual
from daye_plan.storage import files, inforce, journal
from daye_plan.storage.conflicts import find_conflict
from daye_plan.storage.journal import HOOKS, WriteHooks
from daye_plan.storage.ledger import FOLDER, MAX_STORE_BYTES, Ledger, read, read_series
from daye_plan.storage.storeformat import (
    HEADER,
    HEADER_LINE,
    MAX_LINE,
    PLAIN_HEADER,
    PLAIN_HEADER_LINE,
    escape,
    fields,
    format_line,
    header_width,
    is_complete,
    line_problem,
    parse_value,
    unescape,
    value_problem,
)

__all__ = [
    "FOLDER",
    "HEADER",
    "HEADER_LINE",
    "HOOKS",
    "MAX_LINE",
    "PLAIN_HEADER_LINE",
    "Ledger",
    "WriteHooks",
    "Written",
    "append",
    "append_stores",
    "escape",
    "format_line",
    "parse_value",
    "path_for",
    "read",
    "read_series",
    "repair",
    "strays",
    "unescape",
    "value_problem",
]


def path_for(plan_dir: Path, action_id: str) -> Path:
    return plan_dir / FOLDER / f"{action_id}.csv"


def _lines(path: Path, records: Sequence[Actual], width: int = len(HEADER)) -> str:
    """The records as store lines of `width` fields; refused whole if one could not be stored."""
    lines = []
    for record in records:
        line = format_line(record, width)
        problem = line_problem(line)
        if problem:
            raise UsageError(
                _("{path}: {problem}; nothing was recorded").format(path=display_path(path), problem=problem)
            )
        lines.append(line)
    return "".join(lines)


@dataclass
class Written:
    """What an append wrote to one store, once decided under its lock."""

    records: list[Actual] = field(default_factory=list)  # appended
    unchanged: int = 0  # left out: the record in force for its indicator and date is the same figure
    data: bytes = b""  # the bytes appended (with the header, for a new store)


def _maker(path: Path, records: Sequence[Actual], written: Written, *, skip_same: bool = False) -> journal.Append:
    """The append of `records` to the store at `path`; `written` says, once it is done, what went in.
    With `skip_same`, a record the same figure as the record in force for its indicator and date
    confirming nothing more (`inforce.adds_nothing`) is left out: decided under the store's lock, so that imports of one
    sheet running at once store it once."""
    _lines(path, records)  # refused before any lock is taken; the widest form is the longest

    def make(store: files.Opened | None) -> bytes:
        if store is None:
            written.records, written.unchanged = list(records), 0
            written.data = (HEADER_LINE + _lines(path, records)).encode("utf-8")
            return written.data
        width, text = _appendable(store)
        stored = _in_force(text, records) if skip_same else {}
        kept = [r for r in records if not inforce.adds_nothing(r, stored.get((r.indicator, r.as_of.isoformat())))]
        written.records, written.unchanged = kept, len(records) - len(kept)
        written.data = _lines(path, kept, width).encode("utf-8")
        return written.data

    return journal.Append(journal.project_root(path), path, make)


def _in_force(text: str, records: Sequence[Actual]) -> dict[tuple[str, str], Actual]:
    """The records in force in a store's `text` for the indicators and dates of `records`, keyed
    (indicator id, ISO date); figures as stored, unchecked (`_appendable` read the store back)."""
    prefixes = tuple(dict.fromkeys(f"{r.indicator},{r.as_of.isoformat()}," for r in records))
    found: dict[tuple[str, str], Actual] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.startswith(prefixes):
            continue
        try:
            row = fields(line)
            value = Decimal(row[2]) if len(row) >= len(PLAIN_HEADER) else None
        except (csv.Error, ArithmeticError):
            continue
        key = (row[0], row[1])
        before = found.get(key)
        if value is None or (before is not None and not inforce.made_after(row[8], number, before.at, before.line)):
            continue
        day = dt.date.fromisoformat(row[1])
        marks = tuple(row[9].split(";")) if len(row) > len(PLAIN_HEADER) and row[9] else ()
        found[key] = Actual(
            row[0], day, value, row[3], "", unescape(row[5]), unescape(row[6]), "", row[8], marks, number
        )
    return found


def _appendable(store: files.Opened) -> tuple[int, str]:
    """Refuse to add to a store that could not be read back as it is: another encoding (Excel's
    GB18030), another header, an incomplete last line, or git's conflict markers (a merge left
    unresolved: `git merge --abort` would take the new record with it); else the width of its
    records (9 or 10) and its text. Reads the whole store: UTF-8 decoding costs ~10 ms per 100k
    records, and a GB18030 store can look like UTF-8 in its first and last lines."""
    path = store.path
    data = store.read_from(0, MAX_STORE_BYTES, _("an actuals store"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = _(
            "{path}:{line}: not valid UTF-8 text (re-saved as GB18030 by Excel?); "
            "nothing was added: save the store as UTF-8 CSV first"
        )
        raise UsageError(message.format(path=display_path(path), line=line)) from None
    conflict = find_conflict(text)
    if conflict is not None:
        line, marker = conflict
        message = _(
            "{path}:{line}: an unresolved git merge conflict ({marker}); nothing was added: keep the records "
            "of both sides, delete the marker lines, commit, then record again"
        )
        raise UsageError(message.format(path=display_path(path), line=line, marker=marker))
    width = header_width(text.partition("\n")[0])
    if width is None:
        message = _("{path}:1: header must be {header} (or, made before flags, {plain}); nothing was added")
        raise UsageError(
            message.format(path=display_path(path), header=HEADER_LINE.strip(), plain=PLAIN_HEADER_LINE.strip())
        )
    if not text.endswith("\n"):
        message = _(
            "{path}: the last line is incomplete (an interrupted write?); "
            "run `daye-plan validate --repair` to move it aside"
        )
        raise UsageError(message.format(path=display_path(path)))
    return width, text


def append(path: Path, records: Sequence[Actual], hooks: WriteHooks = HOOKS) -> Written:
    """Append `records` to one store in one atomic step, under its lock; what was written.

    Concurrent writers queue rather than interleave; a failure (a full disk, a kill) leaves the
    store as it was, or a torn tail that `read` reports and `repair` moves aside.
    """
    written = Written()
    if records:
        journal.append(_maker(path, records, written), hooks)
    return written


def append_stores(
    stores: Mapping[Path, Sequence[Actual]], hooks: WriteHooks = HOOKS, *, skip_same: bool = False
) -> dict[Path, Written]:
    """Append to several stores all or nothing: every store is checked, then journalled, then written.

    With `skip_same`, records the same figure as the record in force are left out, as found under
    the stores' locks. Returns what each store got."""
    written = {path: Written() for path, records in stores.items() if records}
    targets = [_maker(path, stores[path], found, skip_same=skip_same) for path, found in written.items()]
    if targets:
        journal.append_all(targets, hooks)
    return written


def repair(path: Path) -> str | None:
    """Move a truly incomplete last line (left by a crash mid-write) into `<store>.rejected`.

    A last line that is a complete record (a hand edit without a final newline) just gets its
    newline; a store whose lines end in CR only is left alone (`read` says why). Under the
    store's lock the torn bytes are appended to `<store>.rejected` first and synced, then the
    store is truncated back to its last complete line, so nothing is lost even if this is
    interrupted too. Returns what was done, or None when the store was whole.
    """
    root = journal.project_root(path)
    try:
        if path.parent.is_dir():
            journal.settle_pending(path.parent)  # an import's torn tail is the journal's to roll back
        if not _needs_repair(root, path):
            return None
        with journal.locked([path]), files.open_project_file(root, path, create=False, append=False) as store:
            return None if store is None else _repair_locked(root, store)
    except DayePlanError as exc:
        raise UsageError("\n".join(_("cannot repair: {problem}").format(problem=p) for p in exc.problems)) from None
    except OSError as exc:
        raise journal.cannot(_("repair"), path, exc) from None


def _needs_repair(root: Path, path: Path) -> bool:
    data = files.read_file(path, MAX_STORE_BYTES, _("an actuals store"), root=root)
    return bool(data) and data is not None and not data.endswith(b"\n")


def _repair_locked(root: Path, store: files.Opened) -> str | None:
    path = store.path
    data = store.read_from(0, MAX_STORE_BYTES, _("an actuals store"))
    if not data or data.endswith(b"\n"):
        return None
    keep = data.rfind(b"\n") + 1
    tail = data[keep:]
    line = data.count(b"\n") + 1
    tail_text = tail.decode("utf-8", errors="replace").removesuffix("\r")
    if "\r" in tail_text:
        return None  # CR line endings, not a torn write: `read` reports it, nothing is destroyed
    if is_complete(tail_text.lstrip("\ufeff")) or (line == 1 and header_width(tail_text) is not None):
        os.lseek(store.fd, 0, os.SEEK_END)
        store.write_all(b"\n")
        store.sync()
        message = _("{path}:{line}: the last line is a complete record; added its final newline")
        return message.format(path=display_path(path), line=line)
    rejected = path.with_name(path.name + ".rejected")
    with files.open_project_file(root, rejected, create=True) as aside:
        assert aside is not None
        before = aside.size()
        try:
            aside.write_all(tail + b"\n")
            aside.sync()
        except OSError:
            os.ftruncate(aside.fd, before)
            raise
    os.ftruncate(store.fd, keep)
    os.fsync(store.fd)
    message = _("{path}:{line}: moved the incomplete last line ({size} bytes) to {name}")
    return message.format(path=display_path(path), line=line, size=len(tail), name=rejected.name)


def strays(plan_dir: Path, plan: Plan) -> list[Problem]:
    """Stores under actuals/ that belong to no action of the plan (a renamed or mistyped action)."""
    known = {f"{action.id}.csv" for action in plan.actions}
    folder = plan_dir / FOLDER
    if not folder.is_dir():
        return []
    return [
        Problem(
            path,
            None,
            None,
            _("store belongs to no action of the plan (actions: {actions})").format(
                actions=", ".join(a.id for a in plan.actions)
            ),
        )
        for path in sorted(folder.glob("*.csv"))
        if path.name not in known
    ]
