"""Git's conflict markers in a store: a merge left unresolved, found and explained.

Owns telling a line that is one of git's markers (`<<<<<<<`, `=======`, `>>>>>>>`, and `|||||||`
in the diff3 style) from a record — a record starts with an indicator id, never with one of
these — finding the first cheaply enough for every append, and saying, one problem per conflict,
how to mend it: keep both sides' records, delete the markers. Stores that git merges with
`merge=union` never hold them. Pure: no I/O.
"""

from __future__ import annotations

from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model.errors import Problem

_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")  # git's conflict markers (||||||| in diff3 style)


def conflict_marker(line: str) -> str | None:
    """The git conflict marker a line is (`<<<<<<<`, `=======`, `>>>>>>>`, `|||||||`), or None.

    A record starts with an indicator id, never with one of these characters."""
    head = line[:7]
    if head in _MARKERS and (len(line) == 7 or line[7] in " \r"):
        return head
    return None


def find_conflict(text: str) -> tuple[int, str] | None:
    """The line and marker of the first git conflict marker in a store's text, or None: a few
    substring searches, so that `record` can afford it on every append."""
    if not any(text.startswith(marker) or f"\n{marker}" in text for marker in _MARKERS):
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        marker = conflict_marker(line)
        if marker is not None:
            return number, marker
    return None


def conflicts(path: Path, markers: list[tuple[int, str]]) -> list[Problem]:
    """One problem per unresolved git conflict (`<<<<<<<` … `>>>>>>>`), and one per stray marker."""
    found: list[Problem] = []
    start: int | None = None
    for number, marker in markers:
        if marker == "<<<<<<<" and start is None:
            start = number
        elif marker == ">>>>>>>" and start is not None:
            found.append(Problem(path, start, None, conflict_message(start, number)))
            start = None
        elif start is None:
            found.append(Problem(path, number, None, conflict_message(number, None)))
    if start is not None:
        found.append(Problem(path, start, None, conflict_message(start, None)))
    return found


def conflict_message(start: int, end: int | None) -> str:
    """Why a store with git's conflict markers is refused, and how to mend it."""
    if end is None:
        message = _(
            "a git merge conflict marker: the store was merged without `merge=union`; keep the records of "
            "both sides, delete the marker lines (<<<<<<<, =======, >>>>>>>), then commit"
        )
        return message
    message = _(
        "an unresolved git merge conflict (lines {start}-{end}): keep the records of both sides, delete "
        "the marker lines (<<<<<<<, =======, >>>>>>>), then commit; `merge=union` in .gitattributes avoids it"
    )
    return message.format(start=start, end=end)
