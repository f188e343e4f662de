"""What `lint` reports: a `Finding` with its `Severity`, and what a list of them adds up to.

Owns the finding as a value — check, severity, message, the indicators and source quotes it
concerns, its file position, the reason of the `accepted:` entry that covers it — how it prints
(`path:line: severity: [check] message`) and its stable JSON keys, the order of the checks, the
summary line and whether `lint` fails. Never prints and never exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import get_args

from daye_plan.model.errors import display_path
from daye_plan.model.plan import LintCheck

STALE = "stale-accepted"  # an `accepted:` entry that covers no finding
CHECKS: tuple[str, ...] = (*get_args(LintCheck), STALE)  # the order findings on one line are listed in


class Severity(StrEnum):
    ERROR = "error"  # the plan contradicts itself: `lint` exits 1
    WARNING = "warning"  # figures that disagree: `lint --strict` exits 1
    INFO = "info"  # something the figures imply, for the reader


@dataclass(frozen=True)
class Finding:
    """One thing `lint` found: at `path:line`, with the indicators and source quotes involved."""

    check: str
    severity: Severity
    message: str
    indicators: tuple[str, ...]  # `action.indicator`, the one it is reported at first
    quotes: tuple[str, ...] = ()
    path: Path | str | None = None
    line: int | None = None
    accepted: str | None = None  # the reason of the `accepted:` entry that covers it

    @property
    def blocking(self) -> bool:
        """Whether this fails `lint` (errors) — `lint --strict` fails on warnings too."""
        return self.accepted is None and self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}" if self.path is not None else "plan"
        if self.accepted is not None:
            return f"{where}: accepted {self.severity.value}: [{self.check}] {self.message} (reason: {self.accepted})"
        return f"{where}: {self.severity.value}: [{self.check}] {self.message}"

    def record(self) -> dict[str, object]:
        """The stable keys of `lint --format json`."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "path": display_path(self.path) if self.path is not None else None,
            "line": self.line,
            "indicators": list(self.indicators),
            "message": self.message,
            "quotes": list(self.quotes),
            "accepted": self.accepted,
        }


def failed(findings: Sequence[Finding], strict: bool) -> bool:
    """Whether `lint` exits 1: an error not accepted, or with `strict` a warning not accepted."""
    return any(f.blocking or (strict and f.accepted is None and f.severity is Severity.WARNING) for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    """`lint: 0 errors, 1 warning, 3 info; 8 accepted`."""
    open_ = [f for f in findings if f.accepted is None]
    counts = {severity: sum(f.severity is severity for f in open_) for severity in Severity}

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

    shown = ", ".join(plural(counts[s], s.value) for s in Severity)
    return f"lint: {shown}; {len(findings) - len(open_)} accepted"
