"""The actuals store's line format: what one record looks like on disk, and what a stored value may be.

Owns the header — design.md's nine columns, and since marks are kept with records a tenth,
`flags`, that every new store gets (`HEADER`); a store made before it keeps its nine-column header
for good, and a record that carries a mark is written to it with the tenth field all the same —
the escaping (a newline in a note is stored as the two characters `\\n`,
a backslash as `\\\\`), the canonical grammar of stored figures (plain decimals as the writer
writes them: no exponent, no grouping, at most `units.MAX_DIGITS` significant digits, below
`units.MAX_MAGNITUDE`) and dates (`YYYY-MM-DD` exactly), and the limits that keep every store
readable: no record line over `MAX_LINE` characters, and the csv module's own field limit
raised to match. Pure: no I/O.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from decimal import Decimal

from daye_plan.i18n import _
from daye_plan.model import units
from daye_plan.model.plan import Indicator, Kind
from daye_plan.model.records import Actual
from daye_plan.model.rules import format_range

PLAIN_HEADER = ("indicator", "as_of", "value", "unit", "entered", "source", "note", "by", "at")
HEADER = (*PLAIN_HEADER, "flags")  # what a new store is written with
HEADER_LINE = ",".join(HEADER) + "\n"
PLAIN_HEADER_LINE = ",".join(PLAIN_HEADER) + "\n"
WIDTHS = {HEADER_LINE.strip(): len(HEADER), PLAIN_HEADER_LINE.strip(): len(PLAIN_HEADER)}  # header line → fields
FLAG_SEPARATOR = ";"
_FLAG = re.compile(r"confirmed:[a-z][a-z0-9]*(?:-[a-z0-9]+)*")  # the marks the writer writes: no comma, no quote
MAX_LINE = 1_000_000  # characters in one stored record: room for long notes, not for a runaway paste
MAX_FIGURE = 64  # characters of a stored figure (15 significant digits, a converted unit's decimals)

_FIGURE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")  # the writer drops trailing zeros; a hand may not
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}")
# C0 and C1 control characters (and DEL) other than tab and the line breaks the writer escapes:
# never written, so that no stored text can drive the terminal it is shown on.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def allow_long_fields() -> None:
    """Let the csv module read a field as long as a record line may be (its default is 131,072)."""
    if csv.field_size_limit() < MAX_LINE:
        csv.field_size_limit(min(MAX_LINE * 2, sys.maxsize))


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out, chars = [], iter(text)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append({"n": "\n", "r": "\r", "\\": "\\"}.get(following, "\\" + following))
    return "".join(out)


def plain(value: Decimal) -> str:
    """A figure as the store writes it: plain digits, no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def header_width(line: str) -> int | None:
    """How many fields a store's records have, from its first line (BOM and CR allowed); None for no known header."""
    return WIDTHS.get(line.lstrip("\ufeff").rstrip("\r\n"))


def format_line(actual: Actual, width: int = len(HEADER)) -> str:
    """One record as one CSV line (no embedded line breaks), ending in a newline.

    `width` is the store's: a nine-column store gets a tenth field only for a record with flags.
    """
    cells = [
        actual.indicator,
        actual.as_of.isoformat(),
        plain(actual.value),
        actual.unit,
        escape(actual.entered),
        escape(actual.source),
        escape(actual.note),
        escape(actual.by),
        actual.at,
    ]
    if width > len(PLAIN_HEADER) or actual.flags:
        cells.append(FLAG_SEPARATOR.join(actual.flags))
    buffer = _LineBuffer()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.text


class _LineBuffer:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)


def line_problem(line: str) -> str | None:
    """Why the writer must not write this formatted record line, or None."""
    if len(line) > MAX_LINE:
        message = _("the record would be {length} characters stored; a record has at most {limit}")
        return message.format(length=f"{len(line):,}", limit=f"{MAX_LINE:,}")
    found = CONTROL.search(line)
    if found:
        return _("the record holds the control character {code}").format(code=f"U+{ord(found.group()):04X}")
    return None


def fields(line: str) -> list[str]:
    """One CSV line's fields, quotes and all (`csv.Error` on a malformed one)."""
    return next(csv.reader([line.rstrip("\r")], strict=True), [])


def is_complete(line: str) -> bool:
    """A last line that is a whole record as the writer writes it (the right fields, a whole `at`,
    no mark that may have been cut short)."""
    try:
        row = fields(line)
    except csv.Error:
        return False
    if len(row) == len(HEADER) and row[9]:
        return False  # a mark cut short still reads as one (confirmed:magn): a torn tail is never taken on trust
    return len(row) in (len(PLAIN_HEADER), len(HEADER)) and (row[8] == "" or _AT.fullmatch(row[8]) is not None)


def parse_flags(text: str) -> tuple[str, ...] | str:
    """A stored flags cell: its marks, or why it is not one the writer writes."""
    if not text:
        return ()
    marks = tuple(text.split(FLAG_SEPARATOR))
    for mark in marks:
        if not _FLAG.fullmatch(mark):
            shown = mark if len(mark) <= 40 else mark[:40] + "…"
            return _("flags: {mark!r} is not a mark daye-plan writes (confirmed:<check>, separated by ;)").format(
                mark=shown
            )
    return marks


def fields_problem(count: int, width: int) -> str | None:
    """Why a row of `count` fields does not fit a store whose header has `width` columns, or None.

    Either header takes a record with or without the tenth field, `flags`: a nine-column store
    gets it on a record that carries a mark, and a missing one means no mark."""
    if count in (len(PLAIN_HEADER), len(HEADER)):
        return None
    return _("expected {width} fields, found {count}").format(width=width, count=count)


def figure_fits(text: str) -> bool:
    """A stored figure in the writer's grammar and bounds: the cheap check of the reading loop."""
    if len(text) > MAX_FIGURE or not _FIGURE.fullmatch(text):
        return False
    digits = text.lstrip("-")
    return len(digits.partition(".")[0]) <= units.MAX_INTEGER_DIGITS and (
        len(digits.replace(".", "").strip("0")) <= units.MAX_DIGITS
    )


def parse_date(text: str, year: int) -> dt.date | str:
    """A stored as_of: the date, or why it is not one of the plan year (only `YYYY-MM-DD` is read)."""
    if not _DATE.fullmatch(text):
        return _("as_of {text!r} is not a date (YYYY-MM-DD)").format(text=text)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return _("as_of {text!r} is not a date (YYYY-MM-DD)").format(text=text)
    if day.year != year:
        return _("as_of {text} is outside the plan year {year}").format(text=text, year=year)
    return day


def parse_value(text: str, unit: str, indicator: Indicator) -> Decimal | str:
    """A stored value checked against `indicator`: the Decimal, or why it cannot be one."""
    if unit != indicator.unit:
        return _("unit {unit!r} is not {name}'s unit {own!r}").format(
            unit=unit, name=indicator.name, own=indicator.unit
        )
    if not figure_fits(text):
        shown = text if len(text) <= 40 else text[:40] + "…"
        message = _(
            "value {value!r} is not a figure as daye-plan writes one (plain digits such as 3500 or -2.5, "
            "at most {count} significant digits)"
        )
        return message.format(value=shown, count=units.MAX_DIGITS)
    value = Decimal(text)
    return value_problem(value, indicator) or value


def value_problem(value: Decimal, indicator: Indicator) -> str | None:
    """Why `value` (in the indicator's unit) is impossible for it, or None."""
    if indicator.kind is Kind.MILESTONE:
        if value in (0, 1):
            return None
        return _("a milestone's value is 1 (done) or 0 (open), not {value}").format(value=value)
    low, high = indicator.allowed_range
    if (low is not None and value < low) or (high is not None and value > high):
        unit = indicator.unit
        figure = f"{plain(value)}{'' if unit == '%' else ' '}{unit}"
        message = _("{figure} is outside what {name} allows ({range})")
        return message.format(figure=figure, name=indicator.name, range=format_range(low, high))
    return None
