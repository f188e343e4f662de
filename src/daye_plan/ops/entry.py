"""From what a person typed to a record: the rules `record` (and sheet imports) apply.

Owns turning a typed value (`50`, `3,500,000` with `--unit 万元`, `350亿元`, `done`) and date
into an `Actual` in the indicator's canonical unit, and every refusal that goes with it: not a
number, a number for a milestone, an impossible or too large value, an incompatible unit, a date
outside the plan year or in the future, text with control characters or too long to store. Pure
apart from reading the clock, which `CLOCK` can fix (the command line fills it from its
environment); raises `UsageError`, never prints.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from daye_plan.model import units
from daye_plan.model.errors import UsageError
from daye_plan.model.plan import Indicator, Kind
from daye_plan.model.records import Actual
from daye_plan.storage.storeformat import CONTROL, value_problem

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # no DST since 1991
MAX_TEXT = 100_000  # stored characters of a source, note or name: a long memo fits, a runaway paste does not


@dataclass
class Clock:
    """What "today" is: the calendar's, unless fixed (tests, reproducible reports)."""

    fixed_today: dt.date | None = None


CLOCK = Clock()


def fix_today(text: str | None, what: str) -> None:
    """Fix (or, with None or '', release) today's date; `what` names where the text came from."""
    if not text:
        CLOCK.fixed_today = None
        return
    try:
        CLOCK.fixed_today = dt.date.fromisoformat(text)
    except ValueError:
        CLOCK.fixed_today = None
        raise UsageError(f"{what}={text!r} is not a date (YYYY-MM-DD)") from None


def now() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(microsecond=0)


def today() -> dt.date:
    return CLOCK.fixed_today or now().date()


_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
)
# Shorthands of the plan year: 6月30日, YYYY年6月 and 6月 (a month stands for its last day, as a
# month's figure is reported: 1-6月累计 is the figure as of 06-30).
_DAY_IN_YEAR = re.compile(r"(\d{1,2})月(\d{1,2})[日号]?")
_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:份|底|末)?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－．／", "0123456789-./")


def parse_date(text: str, what: str = "--as-of", year: int | None = None) -> dt.date:
    """`YYYY-03-31`, `YYYY.3.31`, `YYYY/3/31` or `YYYY年3月31日`; with the plan `year` also
    `3月31日`, and a month — `YYYY年3月` or `3月` — for its last day. Full-width digits are read."""
    cleaned = text.strip().translate(_FULL_WIDTH_DIGITS)
    try:
        for form in _DATE_FORMS:
            match = form.fullmatch(cleaned)
            if match:
                return dt.date(*(int(part) for part in match.groups()))
        match = _DAY_IN_YEAR.fullmatch(cleaned)
        if match and year is not None:
            return dt.date(year, int(match.group(1)), int(match.group(2)))
        match = _MONTH.fullmatch(cleaned)
        month_year = int(match.group(1)) if match and match.group(1) else year
        if match and month_year is not None:
            return month_end(month_year, int(match.group(2)))
    except ValueError:
        pass
    raise UsageError(f"{what} {text!r} is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)")


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month (`ValueError` for a month that is not one)."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def check_date(day: dt.date, year: int, what: str = "--as-of") -> dt.date:
    if day.year != year:
        raise UsageError(f"{what} {day}: outside the plan year {year}")
    if day > today():
        raise UsageError(f"{what} {day}: in the future (today is {today()})")
    return day


def clamp_to_year(day: dt.date, year: int) -> dt.date:
    """Today, or the plan year's first or last day if today is outside it."""
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def judgement_day(text: str | None, year: int, what: str = "--as-of") -> dt.date:
    """The date progress is judged at (`status`, `report`, `template`): the given one, which must
    lie in the plan year (a later date than today is allowed: it shows what is due by then), or
    today clamped into the plan year."""
    if text is None:
        return clamp_to_year(today(), year)
    day = parse_date(text, what, year)
    if day.year != year:
        raise UsageError(f"{what} {day}: outside the plan year {year}")
    return day


def parse_value(text: str, unit: str | None, indicator: Indicator) -> tuple[Decimal, str]:
    """The value in the indicator's unit, and what was typed (value and unit) for the record."""
    typed = text.strip()
    if indicator.kind is Kind.MILESTONE:
        word = typed.lower()
        if word in units.DONE_WORDS:
            return Decimal(1), "done"
        if word in units.OPEN_WORDS:
            return Decimal(0), "open"
        raise UsageError(f"{indicator.name} is a milestone: record `done` (or `open`), not {typed!r}")
    if typed.lower() in units.DONE_WORDS | units.OPEN_WORDS:
        raise UsageError(f"{indicator.name} takes a number in {indicator.unit}, not {typed!r}")
    digits, suffix = units.split_unit(typed, indicator.unit)
    if (
        suffix
        and unit
        and units.resolve_shorthand(suffix, indicator.unit) != units.resolve_shorthand(unit, indicator.unit)
    ):
        raise UsageError(f"value {typed!r} says {suffix} but --unit says {unit}")
    written = unit or suffix or indicator.unit  # as typed: `280亿` keeps its 亿
    given = units.resolve_shorthand(written, indicator.unit)
    number = units.parse_number(digits)
    if given == "%" or indicator.unit == "%":
        if given != indicator.unit:
            raise UsageError(
                f"unit {given!r} cannot be converted to {indicator.unit!r}; {indicator.name} is recorded in {indicator.unit}"
            )
        value = number
    else:
        value = units.convert(number, given, indicator.unit)
    too_large = units.check_magnitude(value)
    if too_large:
        raise UsageError(f"{typed!r} is too large for {indicator.name}: {too_large} in {indicator.unit}")
    problem = value_problem(value, indicator)
    if problem:
        raise UsageError(problem)
    return value, f"{digits.strip()}{written}"


TEXT_LABELS = {"source": "--source", "note": "--note", "by": "--by"}


def make_actual(
    indicator: Indicator,
    value_text: str,
    as_of: dt.date,
    year: int,
    *,
    unit: str | None = None,
    source: str = "",
    note: str = "",
    by: str = "",
    labels: dict[str, str] = TEXT_LABELS,
) -> Actual:
    """The record of a typed figure; `labels` name the text fields in messages (options or columns)."""
    value, entered = parse_value(value_text, unit, indicator)
    check_date(as_of, year)
    for key, text in (("source", source), ("note", note), ("by", by)):
        check_text(text, labels[key])
    return Actual(
        indicator=indicator.id,
        as_of=as_of,
        value=value,
        unit=indicator.unit,
        entered=entered,
        source=source.strip(),
        note=note.strip(),
        by=by.strip(),
        at=now().isoformat(),
    )


def check_text(text: str, what: str) -> None:
    """Refuse control characters (they would drive the terminal the text is shown on; line breaks
    and tabs are kept, stored escaped) and text longer than `MAX_TEXT` characters. Stored, the
    text at most doubles (escapes, quotes): the store's line limit and the reader's field limit
    leave room for that."""
    found = CONTROL.search(text)
    if found:
        raise UsageError(
            f"{what} holds the control character U+{ord(found.group()):04X} at position {found.start() + 1}; remove it"
        )
    if len(text) > MAX_TEXT:
        raise UsageError(f"{what} is {len(text):,} characters long; at most {MAX_TEXT:,}")
