"""Reading an actuals store: every line checked strictly, every problem as `path:line: message`.

Owns turning a store's bytes into records and figures (`Ledger`), accepting only what the
writer writes (`storeformat`): either header, the fields it names (a nine-column store's records
may carry a tenth, `flags`), a known indicator, an ISO date of the
plan year, a canonical figure in the indicator's unit and range, no control characters. Reads
go through `files` (no link followed, regular files only, bounded) after settling any import
journal a killed process left (`journal`). Of several records for one indicator and date, the one in force is the one made
last (`inforce`), whatever their lines' order; a store holding git's conflict markers is
refused at the conflict. What a read of an unchanged store found comes from the user's cache
(`storecache`), and a clean read is kept there. Never writes a record, never prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from daye_plan.i18n import N_, _
from daye_plan.model.errors import DayePlanError, Problem
from daye_plan.model.plan import Action, Indicator, Kind
from daye_plan.model.records import Actual, Reading
from daye_plan.storage import files, inforce, journal, storecache
from daye_plan.storage.conflicts import conflict_marker, conflicts
from daye_plan.storage.storeformat import (
    CONTROL,
    HEADER_LINE,
    MAX_LINE,
    PLAIN_HEADER_LINE,
    WIDTHS,
    allow_long_fields,
    fields,
    fields_problem,
    figure_fits,
    parse_date,
    parse_flags,
    parse_value,
    unescape,
)

FOLDER = "actuals"
MAX_STORE_BYTES = 512_000_000  # some five million records: far beyond a year of any plan
TORN = N_("incomplete last line (an interrupted write?); `daye-plan validate --repair` moves it aside")


@dataclass
class Ledger:
    """What `read` found in one store: records (full or figures only) and problems."""

    path: Path
    records: list[Actual] = field(default_factory=list)
    figures: dict[str, dict[dt.date, Decimal]] = field(default_factory=dict)  # the record made last per date wins
    problems: list[Problem] = field(default_factory=list)
    count: int = 0  # valid records read
    in_force: dict[tuple[str, dt.date], tuple[list[str], int]] = field(default_factory=dict)  # raw rows
    ties: list[inforce.Tie] = field(default_factory=list)  # orders only the tie-break decided (`validate` says so)
    flagged: dict[tuple[str, dt.date], tuple[str, ...]] = field(default_factory=dict)  # marks of records in force
    width: int = 0  # fields its header names (9 or 10); 0 before it is read or when it has none

    def record(self, indicator: str, as_of: dt.date) -> Actual | None:
        """The record in force for an indicator and date (read with `in_force=True`), or None."""
        found = self.in_force.get((indicator, as_of))
        if found is None:
            return None
        row, line = found
        return _actual(row, as_of, self.figures[indicator][as_of], line)

    def superseded_lines(self) -> set[int]:
        """The lines of the records (read with `full=True`) that a record made later supersedes."""
        current = {line for _row, line in self.in_force.values()}
        return {record.line for record in self.records if record.line not in current}

    def sorted_readings(self) -> dict[str, list[Reading]]:
        """Per indicator, one reading per date (the record in force for it), oldest first."""
        return {
            indicator: [Reading(by_date[day], day) for day in sorted(by_date)]
            for indicator, by_date in self.figures.items()
        }


# Every byte but those that start a control character (C0, DEL, and 0xC2 that leads C1 in UTF-8):
# deleting them leaves nothing for nearly every store, ~5x faster than a regular expression.
_NOT_CONTROL = bytes(b for b in range(256) if not ((b < 32 and b not in b"\t\n\r") or b in (0x7F, 0xC2)))
_C1 = re.compile(rb"\xc2[\x80-\x9f]")


def may_hold_control(data: bytes) -> bool:
    """Whether a store's bytes may hold a control character (then its lines are checked one by one)."""
    left = data.translate(None, _NOT_CONTROL)
    return bool(left) and (bool(left.strip(b"\xc2")) or _C1.search(data) is not None)


def read_text(path: Path) -> tuple[str | None, list[Problem], bool]:
    """A store's text (None if it does not exist or cannot be read), why it cannot be, and whether
    it may hold a control character."""
    data, problems = read_bytes(path)
    if data is None:
        return None, problems, False
    return _decoded(path, data)


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """A store's bytes (None if it does not exist or cannot be read), and why it cannot be read."""
    root = journal.project_root(path)
    try:
        if path.parent.is_dir():
            journal.settle_pending(path.parent)
        data = files.read_file(path, MAX_STORE_BYTES, _("an actuals store"), root=root)
        if data and not data.endswith(b"\n"):
            data = _reread_locked(root, path, data)
    except DayePlanError as exc:
        return None, exc.problems
    except OSError as exc:
        return None, [Problem(path, None, None, _("cannot read: {reason}").format(reason=exc.strerror))]
    return data, []


def _decoded(path: Path, data: bytes) -> tuple[str | None, list[Problem], bool]:
    try:
        return data.decode("utf-8"), [], may_hold_control(data)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = _("not valid UTF-8 text (saved in another encoding, such as GB18030?); save it as UTF-8 CSV")
        return None, [Problem(path, line, None, message)], False


def _reread_locked(root: Path, path: Path, data: bytes) -> bytes | None:
    """A store read mid-append (its last line not yet whole) is read again once the writer is done;
    a tail still torn then was left by a crash. Without a lock file no writer was ever there (a hand
    edit), and a reader makes none: what was read stands, as it does where the lock cannot be taken."""
    if not path.with_name(path.name + ".lock").exists():
        return data
    try:
        with journal.locked([path]):
            return files.read_file(path, MAX_STORE_BYTES, _("an actuals store"), root=root)
    except (DayePlanError, OSError):
        return data


def read(path: Path, action: Action, year: int, *, full: bool = False, in_force: bool = False) -> Ledger:
    """Read and check a store. Missing file: empty ledger.

    `full` keeps every record (history), and the row in force of each indicator and date;
    `in_force` keeps only those rows, unparsed until asked for: the ones the figures are read from,
    which reports cite.
    """
    ledger = Ledger(path)
    data, ledger.problems = read_bytes(path)
    if not data:
        return ledger
    slot = None if full else storecache.Slot.of(path, data, _rules_text(action), year, in_force)
    if slot is not None and slot.fill(ledger):
        return ledger
    text, ledger.problems, control = _decoded(path, data)
    if not text:
        return ledger
    if "\n" not in text and "\r" in text:
        ledger.problems.append(Problem(path, None, None, _(CR_ONLY)))
        return ledger
    whole = text.rfind("\n") + 1
    _read_rows(text[:whole], path, action, year, ledger, full, in_force, control)
    if whole < len(text):
        line = text.count("\n", 0, whole) + 1
        ledger.problems.append(Problem(path, line, None, _(TORN)))
    if slot is not None:
        slot.keep(ledger)
    return ledger


def read_series(path: Path, action: Action, year: int, indicator_id: str) -> list[Reading]:
    """One indicator's readings (one per date, oldest first), reading only its lines: what `record` compares a new figure with, at a few ms per 100k records.

    Lines of other indicators are not checked here, and problems are not reported: the append that
    follows refuses a store it could not read back, and `validate` reports every line.
    """
    text, _, control = read_text(path)
    if not text or "\n" not in text:
        return []
    head, _, _ = text.partition("\n")
    mine = re.findall(rf"^{re.escape(indicator_id)},[^\n]*\n", text, flags=re.MULTILINE)
    ledger = Ledger(path)
    _read_rows(head + "\n" + "".join(mine), path, action, year, ledger, False, False, control)
    return ledger.sorted_readings().get(indicator_id, [])


CR_ONLY = N_(
    "its lines end in a carriage return only (CR, an old Mac format); "
    "save it with LF or CRLF line endings (nothing was changed)"
)


@dataclass(frozen=True, slots=True)
class _Rule:
    """What a stored value of one indicator must be: worked out once per read, not once per row."""

    indicator: Indicator
    unit: str
    low: Decimal | None
    high: Decimal | None
    milestone: bool

    @classmethod
    def of(cls, indicator: Indicator) -> _Rule:
        if indicator.kind is Kind.MILESTONE:
            return cls(indicator, indicator.unit, Decimal(0), Decimal(1), True)
        low, high = indicator.allowed_range
        return cls(indicator, indicator.unit, low, high, False)


def _rules_text(action: Action) -> str:
    """What `_read_rows` checks a line against, as text: the store cache's key holds it."""
    rules = (_Rule.of(indicator) for indicator in action.indicators)
    return "\n".join(f"{r.indicator.id}\0{r.unit}\0{r.low}\0{r.high}\0{r.milestone}" for r in rules)


def _odd_lines(text: str) -> dict[int, str]:
    """Lines holding a control character or a bare carriage return: one pass over the whole text."""
    odd: dict[int, str] = {}
    for found in CONTROL.finditer(text):
        number = text.count("\n", 0, found.start()) + 1
        message = _("holds the control character {code}, which daye-plan never writes")
        odd.setdefault(number, message.format(code=f"U+{ord(found.group()):04X}"))
        if len(odd) >= 100:
            break
    return odd


def _read_rows(
    text: str, path: Path, action: Action, year: int, ledger: Ledger, full: bool, in_force: bool, control: bool
) -> None:
    """Check every complete line of a store: the hot loop of `status` over 100k records.

    One record is one line (the writer escapes line breaks), so lines are split with `str.split`
    and only a line holding a quote or a carriage return goes through the csv module: the same
    strict reading, at a third of the cost.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return
    allow_long_fields()
    odd = _odd_lines(text) if control else {}
    try:
        header = ",".join(fields(lines[0].lstrip("\ufeff")))
    except csv.Error:
        header = ""
    width = WIDTHS.get(header, 0)
    if not width and conflict_marker(lines[0]) is not None:  # both sides made the store: its header in conflict
        at_head = [(n, m) for n, m in ((n, conflict_marker(x)) for n, x in enumerate(lines, 1)) if m is not None]
        ledger.problems.extend(conflicts(path, at_head))
        return
    if not width:
        expected = _("{header} (or, made before flags, {plain})").format(
            header=HEADER_LINE.strip(), plain=PLAIN_HEADER_LINE.strip()
        )
        ledger.problems.append(Problem(path, 1, None, _("header must be {expected}").format(expected=expected)))
        return
    ledger.width = width
    rules = {indicator.id: _Rule.of(indicator) for indicator in action.indicators}
    dates: dict[str, dt.date] = {}
    figures = ledger.figures
    problems = ledger.problems
    count = 0
    latest = ledger.in_force
    flagged = ledger.flagged
    made: dict[str, dict[dt.date, tuple[str, int, str]]] = {}  # per indicator and date: `at`, line and `by` in force
    ties: dict[tuple[str, dt.date], inforce.Tie] = {}
    markers: list[tuple[int, str]] = []  # git's conflict markers: (line, marker)
    keep_rows = full or in_force
    parsed: dict[str, Decimal | None] = {}  # figures repeat: each distinct text is checked and parsed once
    for number, line in enumerate(lines[1:], start=2):
        if len(line) > MAX_LINE:
            problems.append(
                Problem(
                    path,
                    number,
                    None,
                    _("line of {length} characters; a record has at most {limit}").format(
                        length=f"{len(line):,}", limit=f"{MAX_LINE:,}"
                    ),
                )
            )
            continue
        if odd and number in odd:
            problems.append(Problem(path, number, None, odd[number]))
            continue
        if '"' in line or "\r" in line:
            if "\r" in line.rstrip("\r"):
                problems.append(Problem(path, number, None, _("a carriage return inside the line (CR line endings?)")))
                continue
            try:
                row = fields(line)
            except csv.Error as exc:
                problems.append(Problem(path, number, None, _("malformed CSV: {reason}").format(reason=exc)))
                continue
        else:
            row = line.split(",")
        marks: tuple[str, ...] = ()
        if len(row) != width:
            wrong = fields_problem(len(row), width)
            if wrong is not None:
                marker = conflict_marker(line)
                if marker is not None:
                    markers.append((number, marker))
                elif line.strip():
                    problems.append(Problem(path, number, None, wrong))
                continue
        if len(row) > 9 and row[9]:
            found_marks = parse_flags(row[9])
            if isinstance(found_marks, str):
                problems.append(Problem(path, number, None, found_marks))
                continue
            marks = found_marks
        name, day, figure, unit = row[0], row[1], row[2], row[3]
        rule = rules.get(name)
        if rule is None:
            problems.append(Problem(path, number, None, _("unknown indicator {name!r}").format(name=name)))
            continue
        as_of = dates.get(day)
        if as_of is None:
            found = parse_date(day, year)
            if isinstance(found, str):
                problems.append(Problem(path, number, None, found))
                continue
            as_of = dates[day] = found
        value = parsed.get(figure)
        if value is None and figure not in parsed:
            value = parsed[figure] = Decimal(figure) if figure_fits(figure) else None
        fits = value is not None and unit == rule.unit
        if value is not None and fits:
            fits = (rule.low is None or value >= rule.low) and (rule.high is None or value <= rule.high)
            fits = fits and not (rule.milestone and value not in (0, 1))
        if value is None or not fits:  # the slow path says exactly why
            problems.append(Problem(path, number, None, str(parse_value(figure, unit, rule.indicator))))
            continue
        by_date = figures.get(name)
        if by_date is None:
            by_date = figures[name] = {}
            made_of = made[name] = {}
        else:
            made_of = made[name]
        count += 1
        if full:
            ledger.records.append(_actual(row, as_of, value, number))
        at, who = row[8], row[7]
        if as_of in by_date:  # another record for the date: the one made later is in force, whatever its line
            before_at, before_line, before_by = made_of[as_of]
            later = inforce.order(at, before_at)
            if later is not None and later < 0:
                continue  # made before the record in force
            if later == 0 and by_date[as_of] != value and who != before_by:  # two analysts, one second: merged?
                ties[(name, as_of)] = inforce.Tie(name, as_of, before_line, number, at)
            else:
                ties.pop((name, as_of), None)
        by_date[as_of] = value
        made_of[as_of] = (at, number, who)
        if marks:
            flagged[(name, as_of)] = marks
        elif flagged:  # a record made later without marks supersedes a marked one
            flagged.pop((name, as_of), None)
        if keep_rows:
            latest[(name, as_of)] = (row, number)
    ledger.count += count
    ledger.ties.extend(ties.values())
    problems.extend(conflicts(path, markers))


def _actual(row: list[str], as_of: dt.date, value: Decimal, line: int) -> Actual:
    return Actual(
        row[0],
        as_of,
        value,
        row[3],
        unescape(row[4]),
        unescape(row[5]),
        unescape(row[6]),
        unescape(row[7]),
        row[8],
        tuple(row[9].split(";")) if len(row) > 9 and row[9] else (),
        line,
    )
