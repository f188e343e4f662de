"""From what a person typed to a record: the rules `record` (and sheet imports) apply.

Owns turning a typed value (`50`, `3,500,000` with `--unit 万元`, `350亿元`, `done`) and date
into an `Actual` in the indicator's canonical unit, and every refusal that goes with it: not a
number, a number for a milestone, an impossible or too large value, an incompatible unit, a date
outside the plan year or in the future, text with control or invisible characters or too long
to store. Pure
apart from reading the clock, which `CLOCK` can fix (the command line fills it from its
environment); raises `UsageError`, never prints.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from daye_plan.i18n import _
from daye_plan.model import units
from daye_plan.model.errors import UsageError
from daye_plan.model.plan import Indicator, Kind
from daye_plan.model.records import Actual
from daye_plan.model.texts import text_problem
from daye_plan.storage.storeformat import value_problem

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
        raise UsageError(_("{what}={text!r} is not a date (YYYY-MM-DD)").format(what=what, text=text)) from None


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


def parse_date(text: str, what: str | None = None, year: int | None = None, *, argument: str = "as_of") -> dt.date:
    """`YYYY-03-31`, `YYYY.3.31`, `YYYY/3/31` or `YYYY年3月31日`; with the plan `year` also
    `3月31日`, and a month — `YYYY年3月` or `3月` — for its last day. Full-width digits are read.

    A refusal names `what` (a column's header) when given, else is about `argument`."""
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
    if what is None:
        message = _("{text!r} is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)")
        raise UsageError(message.format(text=text), argument=argument)
    message = _("{what} {text!r} is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)")
    raise UsageError(message.format(what=what, text=text))


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month (`ValueError` for a month that is not one)."""
    if not 1 <= month <= 12:
        raise ValueError(month)
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def check_date(day: dt.date, year: int, what: str | None = None, *, argument: str = "as_of") -> dt.date:
    """`day`, inside the plan year and not in the future; a refusal names `what` or is about `argument`."""
    _check_year(day, year, what, argument)
    if day > today():
        _refuse_date(
            _("{day}: in the future (today is {today})"),
            _("{what} {day}: in the future (today is {today})"),
            what,
            argument,
            day=day,
            today=today(),
        )
    return day


def _check_year(day: dt.date, year: int, what: str | None, argument: str) -> None:
    """Refuse a date outside the plan year."""
    if day.year != year:
        _refuse_date(
            _("{day}: outside the plan year {year}"),
            _("{what} {day}: outside the plan year {year}"),
            what,
            argument,
            day=day,
            year=year,
        )


def _refuse_date(about: str, named: str, what: str | None, argument: str, **figures: object) -> None:
    """Refuse a date: about the argument, or with `what` (a column's header) in front."""
    if what is None:
        raise UsageError(about.format(**figures), argument=argument)
    raise UsageError(named.format(what=what, **figures))


def clamp_to_year(day: dt.date, year: int) -> dt.date:
    """Today, or the plan year's first or last day if today is outside it."""
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def judgement_day(text: str | None, year: int, what: str | None = None, *, argument: str = "as_of") -> dt.date:
    """The date progress is judged at (`status`, `report`, `template`): the given one, which must
    lie in the plan year (a later date than today is allowed: it shows what is due by then), or
    today clamped into the plan year."""
    if text is None:
        return clamp_to_year(today(), year)
    day = parse_date(text, what, year, argument=argument)
    _check_year(day, year, what, argument)
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
        message = _("{name} is a milestone: record `done` (or `open`), not {typed!r}")
        raise UsageError(message.format(name=indicator.name, typed=typed))
    if typed.lower() in units.DONE_WORDS | units.OPEN_WORDS:
        message = _("{name} takes a number in {unit}, not {typed!r}")
        raise UsageError(message.format(name=indicator.name, unit=indicator.unit, typed=typed))
    digits, suffix = units.split_unit(typed, indicator.unit)
    if (
        suffix
        and unit
        and units.resolve_shorthand(suffix, indicator.unit) != units.resolve_shorthand(unit, indicator.unit)
    ):
        message = _("value {typed!r} says {suffix} but --unit says {unit}")
        raise UsageError(message.format(typed=typed, suffix=suffix, unit=unit))
    written = unit or suffix or indicator.unit  # as typed: `280亿` keeps its 亿
    given = units.resolve_shorthand(written, indicator.unit)
    number = units.parse_number(digits)
    if given == "%" or indicator.unit == "%":
        if given != indicator.unit:
            message = _("unit {given!r} cannot be converted to {unit!r}; {name} is recorded in {unit}")
            raise UsageError(message.format(given=given, unit=indicator.unit, name=indicator.name))
        value = number
    else:
        value = units.convert(number, given, indicator.unit)
    if units.check_magnitude(value):
        message = _("{typed!r} is too large for {name}: at most {count} digits before the decimal point in {unit}")
        raise UsageError(
            message.format(typed=typed, name=indicator.name, count=units.MAX_INTEGER_DIGITS, unit=indicator.unit)
        )
    problem = value_problem(value, indicator)
    if problem:
        raise UsageError(problem)
    return value, f"{digits.strip()}{written}"


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
    labels: dict[str, str] | None = None,
) -> Actual:
    """The record of a typed figure; `labels` name text fields in messages (a sheet's columns), the
    others' refusals are about the argument of that name (`source`, `note`, `by`)."""
    value, entered = parse_value(value_text, unit, indicator)
    check_date(as_of, year)
    for key, text in (("source", source), ("note", note), ("by", by)):
        check_text(text, (labels or {}).get(key), argument=key)
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


def check_text(text: str, what: str | None = None, *, argument: str | None = None) -> None:
    """Refuse control and invisible characters (`model.texts`: they would drive or deceive the
    terminal the text is shown on; line breaks and tabs are kept, stored escaped), text that was
    not valid UTF-8, and text longer than `MAX_TEXT` characters. Stored, the text at most doubles
    (escapes, quotes): the store's line limit and the reader's field limit leave room for that."""
    problem = text_problem(text, one_line=False)
    if problem is not None:
        if what is None:
            raise UsageError(problem, argument=argument)
        # i18n: {what} names a sheet's column (来源, 备注), {problem} says what is wrong with its text
        raise UsageError(_("{what} {problem}").format(what=what, problem=problem))
    if len(text) > MAX_TEXT:
        figures = {"length": f"{len(text):,}", "limit": f"{MAX_TEXT:,}"}
        if what is None:
            raise UsageError(_("is {length} characters long; at most {limit}").format(**figures), argument=argument)
        raise UsageError(_("{what} is {length} characters long; at most {limit}").format(what=what, **figures))
