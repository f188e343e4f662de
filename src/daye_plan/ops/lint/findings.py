"""What `lint` reports: a `Finding` with its `Severity`, and what a list of them adds up to.

Owns the finding as a value — check, severity, message, the indicators and source quotes it
concerns, its file position, the reason of the `accepted:` entry that covers it — how it prints
(`path:line: severity: [check] message`, in the user's language) and its stable JSON keys (in
English, whatever the language: a message is kept as its English id and fields, `Said`), the order of the checks, the
summary line and whether `lint` fails. Never prints and never exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import get_args

from daye_plan.i18n import N_, _, ngettext
from daye_plan.model.errors import display_path
from daye_plan.model.plan import LintCheck

STALE = "stale-accepted"  # an `accepted:` entry that covers no finding
CHECKS: tuple[str, ...] = (*get_args(LintCheck), STALE)  # the order findings on one line are listed in


class Severity(StrEnum):
    ERROR = "error"  # the plan contradicts itself: `lint` exits 1
    WARNING = "warning"  # figures that disagree: `lint --strict` exits 1
    INFO = "info"  # something the figures imply, for the reader


@dataclass(frozen=True)
class Said:
    """A message kept as its English id (marked `N_`) and its fields, which may be `Said` too:
    `str()` says it in the user's language, `english()` as `lint --format json` records it."""

    text: str
    fields: tuple[tuple[str, object], ...] = ()

    def english(self) -> str:
        return self.text.format(**{k: v.english() if isinstance(v, Said) else v for k, v in self.fields})

    def __str__(self) -> str:
        return _(self.text).format(**{k: str(v) if isinstance(v, Said) else v for k, v in self.fields})


def said(text: str, **fields: object) -> Said:
    """`said(N_("{name} is …"), name=…)`: a message said when the finding is shown."""
    return Said(text, tuple(fields.items()))


@dataclass(frozen=True)
class Finding:
    """One thing `lint` found: at `path:line`, with the indicators and source quotes involved."""

    check: str
    severity: Severity
    said: Said
    indicators: tuple[str, ...]  # `action.indicator`, the one it is reported at first
    quotes: tuple[str, ...] = ()
    path: Path | str | None = None
    line: int | None = None
    accepted: str | None = None  # the reason of the `accepted:` entry that covers it

    @property
    def blocking(self) -> bool:
        """Whether this fails `lint` (errors) — `lint --strict` fails on warnings too."""
        return self.accepted is None and self.severity is Severity.ERROR

    @property
    def message(self) -> str:
        """The message in the user's language."""
        return str(self.said)

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}" if self.path is not None else _("plan")
        fields = {"where": where, "check": self.check, "message": self.message, "reason": self.accepted}
        if self.accepted is not None:
            return _(ACCEPTED_LINES[self.severity]).format(**fields)
        return _(LINES[self.severity]).format(**fields)

    def record(self) -> dict[str, object]:
        """The stable keys of `lint --format json`."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "path": display_path(self.path) if self.path is not None else None,
            "line": self.line,
            "indicators": list(self.indicators),
            "message": self.said.english(),
            "quotes": list(self.quotes),
            "accepted": self.accepted,
        }


# The text line of a finding, by severity: `path:line: severity: [check] message`.
LINES = {
    Severity.ERROR: N_("{where}: error: [{check}] {message}"),
    Severity.WARNING: N_("{where}: warning: [{check}] {message}"),
    Severity.INFO: N_("{where}: info: [{check}] {message}"),
}
ACCEPTED_LINES = {
    Severity.ERROR: N_("{where}: accepted error: [{check}] {message} (reason: {reason})"),
    Severity.WARNING: N_("{where}: accepted warning: [{check}] {message} (reason: {reason})"),
    Severity.INFO: N_("{where}: accepted info: [{check}] {message} (reason: {reason})"),
}


def failed(findings: Sequence[Finding], strict: bool) -> bool:
    """Whether `lint` exits 1: an error not accepted, or with `strict` a warning not accepted."""
    return any(f.blocking or (strict and f.accepted is None and f.severity is Severity.WARNING) for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    """`lint: 0 errors, 1 warning, 3 info; 8 accepted`."""
    open_ = [f for f in findings if f.accepted is None]
    counts = {severity: sum(f.severity is severity for f in open_) for severity in Severity}
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    shown = _("{errors}, {warnings}, {info}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        info=_("{count} info").format(count=counts[Severity.INFO]),
    )
    return _("lint: {counts}; {accepted} accepted").format(counts=shown, accepted=len(findings) - len(open_))
