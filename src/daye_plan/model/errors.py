"""The one family of errors the library raises, and how each one prints.

Every problem a user can cause — a bad file, a bad argument — is a `DayePlanError` carrying
where it happened (path, line, column) and what is wrong. Library code raises or collects
these; only `cli` prints them and turns them into exit codes. Nothing here prints or exits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem at one place: prints as `path:line:col: message`."""

    path: Path | str | None
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        parts = [display_path(self.path)] if self.path is not None else []
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        return f"{where}: {self.message}" if where else self.message


def display_path(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    text = str(path)
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive on Windows
            return text
        if not relative.startswith(".."):
            return relative
    return text


class DayePlanError(Exception):
    """A user-caused problem: bad input, not a bug. `problems` holds one or more places."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, None, problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PlanInvalid(DayePlanError):
    """Plan or actuals files that do not validate: `validate` exits 1 on these, other commands 2."""


class UsageError(DayePlanError):
    """A bad argument or option: exit 2, nothing written.

    `argument` names the argument the message is about (`action`, `as_of`, `period`, `root`,
    `year`, `commit`, `revision`), in the library's words: the message itself never spells a
    command-line flag, and the command line puts its own name for the argument in front of it
    (`--action 'x': no such action`).
    """

    exit_code = 2

    def __init__(self, problems: list[Problem] | str, *, argument: str | None = None) -> None:
        super().__init__(problems)
        self.argument = argument
