"""Which record is in force: of several records for one indicator and date, the one made last.

Owns the order of records in a store, which git shares among analysts: a store merged from two
branches holds both sides' lines in an order that says nothing about when each was made, so the
record in force is decided by its `at` (the time it was made, with its UTC offset), never by its
line. Records made within the same second are told apart by their line, the later line winning,
as it does in a store that only one writer appends to; where that tie-break decides between two
different figures recorded by two people (who may have recorded them on two branches that a
merge put in either order), the order is one this module cannot resolve, and it says so (`Tie`,
`tie_warnings`) for `validate` to explain. A record without a time (a line added by hand) counts
as made after the lines above it, as in a store nobody merged. Also owns what makes two records
the same figure (`same_figure`): what an import compares to record nothing twice. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model.errors import Problem
from daye_plan.model.plan import Action
from daye_plan.model.records import Actual

_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}")
_OFFSET = 19  # where the UTC offset starts in a time the writer writes: 2024-03-31T09:00:00+08:00


def instant(at: str) -> dt.datetime | None:
    """The moment a record was made, from its `at`; None when it has none the writer writes."""
    if not _AT.fullmatch(at):
        return None
    try:
        return dt.datetime.fromisoformat(at)
    except ValueError:
        return None


def order(at: str, other: str) -> int | None:
    """1 when a record made at `at` was made after one made at `other`, -1 before, 0 at the same
    moment; None when either has no time (then their lines tell)."""
    if len(at) == len(other) == 25 and at[_OFFSET:] == other[_OFFSET:] and _AT.fullmatch(at) and _AT.fullmatch(other):
        return (at > other) - (at < other)  # the same offset: the text sorts as the time does
    mine, theirs = instant(at), instant(other)
    if mine is None or theirs is None:
        return None
    return (mine > theirs) - (mine < theirs)


def made_after(at: str, line: int, other_at: str, other_line: int) -> bool:
    """Whether the record of (`at`, `line`) was made after that of (`other_at`, `other_line`)."""
    found = order(at, other_at)
    return found > 0 if found else line > other_line


@dataclass(frozen=True)
class Tie:
    """Two records of one indicator and date, with different figures by different people, whose
    order no time decides: the later line is in force by the tie-break alone."""

    indicator: str
    as_of: dt.date
    earlier_line: int
    later_line: int
    at: str  # their common time


def tie_warnings(path: Path, ties: Sequence[Tie], action: Action) -> list[Problem]:
    """`validate`'s warnings about a store: each order of two different figures that only the line decided."""
    names = {indicator.id: indicator.name for indicator in action.indicators}
    message = _(
        "warning: [order] {name} as of {day}: lines {first} and {second} were made in the same second "
        "({at}) by two people with different figures; the later line is in force; record the right figure "
        "again to settle it"
    )
    return [
        Problem(
            path,
            tie.later_line,
            None,
            message.format(
                name=names.get(tie.indicator, tie.indicator),
                day=tie.as_of,
                first=tie.earlier_line,
                second=tie.later_line,
                at=tie.at,
            ),
        )
        for tie in ties
    ]


def same_figure(a: Actual, b: Actual | None) -> bool:
    """The same figure recorded again: indicator, date, value, unit, source and note (not who or when)."""
    return b is not None and _identity(a) == _identity(b)


def adds_nothing(a: Actual, b: Actual | None) -> bool:
    """`a` is the same figure as `b` and confirms nothing `b` does not: writing it would add nothing."""
    return same_figure(a, b) and b is not None and set(a.flags) <= set(b.flags)


def _identity(record: Actual) -> tuple[object, ...]:
    return (record.indicator, record.as_of, record.value, record.unit, record.source, record.note)
