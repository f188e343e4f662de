"""Plausibility: figures that are possible but look like a clerk's slip, and the slip they suggest.

Owns the checks that question a figure before it reaches a report — a fraction typed for a
percent (0.985% for 98.5%), a 当月数 typed for a 累计数 (a year-to-date figure that falls), a
figure in the wrong unit (far above or below its target or previous record, with the unit that
would make it fit), a fractional count, a jump between consecutive months beyond a tolerance, a
decline recorded as a negative change (能耗降低 −3.0 where offices write the fall, 3.0) —
each with a stable check name, the figures involved, and a message built in one place from them
(`describe`). Also reads a percent out of an Excel cell. Pure: no I/O, no clock. It refuses
nothing itself: `record`, `import` and `validate` decide what a suspicion costs; it never names a
CLI flag.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal

from daye_plan.i18n import N_, _
from daye_plan.model import units
from daye_plan.model.numbers import number, quantity
from daye_plan.model.plan import Indicator, Period
from daye_plan.model.records import Reading

FRACTION_FOR_PERCENT = "fraction-for-percent"
CUMULATIVE_FELL = "cumulative-fell"
MAGNITUDE = "magnitude"
FRACTIONAL_COUNT = "fractional-count"
JUMP = "jump"
WRONG_SIGN = "wrong-sign"
CHECKS: tuple[str, ...] = (FRACTION_FOR_PERCENT, CUMULATIVE_FELL, MAGNITUDE, FRACTIONAL_COUNT, JUMP, WRONG_SIGN)

FRACTION_AT_MOST = Decimal("1.5")  # a percent at most this (and above 0) may be a fraction ...
FRACTION_TARGET_AT_LEAST = Decimal(5)  # ... when the target is at least this
MAGNITUDE_ABOVE = Decimal(50)  # more than 50× the reference
MAGNITUDE_BELOW = Decimal(1000)  # below 1/1000 of the reference

HUNDRED = Decimal(100)
_EXACT = Context(prec=200)  # threshold products compared exactly, whatever the figures' digits


@dataclass(frozen=True)
class Suspicion:
    """One reason to doubt a figure: which check, the figures it compared, and what was likely meant."""

    check: str  # one of CHECKS: stable, for JSON and for the `confirmed` mark
    value: Decimal  # the figure doubted, in the indicator's unit
    unit: str
    as_of: dt.date
    reference: Decimal | None = None  # the target or the earlier figure it was compared with
    reference_as_of: dt.date | None = None  # the earlier record's date; None when the reference is the target
    suggestion: Decimal | None = None  # the figure the slip likely hides, in the indicator's unit
    suggested_unit: str | None = None  # magnitude: the unit the figure was likely typed in
    tolerance: Decimal | None = None  # jump: the allowed change, percent

    @property
    def message(self) -> str:
        return describe(self)

    def record(self) -> dict[str, object]:
        """The stable keys of a suspicion in JSON output (`validate`, `import`)."""
        return {
            "check": self.check,
            "message": self.message,
            "value": self.value,
            "unit": self.unit or None,
            "as_of": self.as_of.isoformat(),
            "reference": self.reference,
            "reference_as_of": self.reference_as_of.isoformat() if self.reference_as_of else None,
            "suggestion": self.suggestion,
            "suggested_unit": self.suggested_unit,
            "tolerance": self.tolerance,
        }


def check(
    indicator: Indicator,
    value: Decimal,
    as_of: dt.date,
    *,
    target: Decimal | None = None,
    history: Sequence[Reading] = (),
    tolerance: Decimal | None = None,
) -> list[Suspicion]:
    """Every reason to doubt `value` for `indicator` at `as_of`, in the order of CHECKS.

    `target` is the figure size is judged against (`reference_target` picks it from the plan);
    `history` the indicator's readings, of which only the latest before `as_of` is used;
    `tolerance` the allowed month-to-month change of a level figure in percent, None for no
    `jump` check. Milestones are never doubted.
    """
    return _check(_Case(indicator, value, as_of, target, _latest_before(history, as_of), tolerance))


def check_series(
    indicator: Indicator,
    readings: Sequence[Reading],
    *,
    target: Decimal | None = None,
    tolerance: Decimal | None = None,
) -> list[tuple[Reading, Suspicion]]:
    """Each stored reading checked against the one before it: `validate`'s warnings.

    `readings` is the indicator's series, one per date (for two of one date the later one in the
    sequence wins, as in the store); the result is in date order.
    """
    by_date = {reading.as_of: reading for reading in readings}
    ordered = [by_date[day] for day in sorted(by_date)]
    found: list[tuple[Reading, Suspicion]] = []
    for index, reading in enumerate(ordered):
        previous = ordered[index - 1] if index else None
        case = _Case(indicator, reading.value, reading.as_of, target, previous, tolerance)
        found.extend((reading, suspicion) for suspicion in _check(case))
    return found


def reference_target(indicator: Indicator, periods: Mapping[str, Period]) -> Decimal | None:
    """The target figures are judged against: the longest period's, a floor (确保 or plain) before
    a 力争 stretch, a recurring (`per: month`) value times the period's months. None for none."""
    candidates = [
        (-periods[target.period].days, target.is_stretch, index, target.period_value(periods[target.period]))
        for index, target in enumerate(indicator.targets)
        if target.value is not None and target.period in periods
    ]
    return min(candidates)[3] if candidates else None


_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [Red] and [>=100]


def percent_from_excel(value: object, number_format: str | None) -> Decimal | None:
    """The percent an Excel cell shows: 0.985 in a `0.0%` cell is 98.5. None for a cell that is not
    a number in a percent format (a `"%"` in quotes or an escaped `\\%` is text and does not scale)."""
    if number_format is None or isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    sections = _LITERALS.sub("", number_format).split(";")
    figure = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)  # Excel keeps 15 digits
    if not figure.is_finite():
        return None
    section = sections[1] if figure < 0 and len(sections) > 1 else sections[0]
    return _plain(figure.scaleb(2)) if "%" in section else None


# --- the checks: one pure function each, registered in CHECKS order -------------------------------


@dataclass(frozen=True)
class _Case:
    indicator: Indicator
    value: Decimal
    as_of: dt.date
    target: Decimal | None
    previous: Reading | None  # the latest reading before as_of
    tolerance: Decimal | None

    def against(self, check: str, previous: Reading, tolerance: Decimal | None = None) -> Suspicion:
        """The figure doubted by `check` against an earlier one (`tolerance`: the change it allows)."""
        return Suspicion(
            check,
            self.value,
            self.indicator.unit,
            self.as_of,
            reference=previous.value,
            reference_as_of=previous.as_of,
            tolerance=tolerance,
        )


def _check(case: _Case) -> list[Suspicion]:
    if not case.indicator.kind.policy.doubtable:
        return []
    return [suspicion for rule in _RULES if (suspicion := rule(case)) is not None]


def _latest_before(history: Sequence[Reading], as_of: dt.date) -> Reading | None:
    latest: Reading | None = None
    for reading in history:
        if reading.as_of < as_of and (latest is None or reading.as_of >= latest.as_of):
            latest = reading
    return latest


def _fraction_for_percent(case: _Case) -> Suspicion | None:
    """0.985% where 98.5% was meant: Excel stores a typed `98.5%` as 0.985.

    Only for a percent aiming upwards (an upper limit such as ≤ 10% is met by small figures). A
    growth rate (one that may fall below 0) is often small for real, so there the slip must also
    fit the previous record: × 100 within a factor 2 of it.
    """
    indicator, value, target = case.indicator, case.value, case.target
    if indicator.unit != "%" or target is None or target < FRACTION_TARGET_AT_LEAST:
        return None
    if not Decimal(0) < value <= FRACTION_AT_MOST:
        return None
    if all(t.cmp is None or t.cmp.is_upper_bound for t in indicator.targets):
        return None
    meant = _plain(value.scaleb(2))
    low, _ = indicator.allowed_range
    if low is None or low < 0:
        previous = case.previous
        if previous is None or not previous.value / 2 <= meant <= previous.value * 2:
            return None
    return Suspicion(FRACTION_FOR_PERCENT, value, indicator.unit, case.as_of, reference=target, suggestion=meant)


def _cumulative_fell(case: _Case) -> Suspicion | None:
    """A year-to-date figure below the latest earlier one of the same year: a 当月数 for a 累计数?"""
    previous = case.previous
    if not case.indicator.kind.policy.year_to_date or previous is None or previous.as_of.year != case.as_of.year:
        return None
    if case.value >= previous.value:
        return None
    return case.against(CUMULATIVE_FELL, previous)


def _magnitude(case: _Case) -> Suspicion | None:
    """More than 50× or below 1/1000 of the target, else of the previous record: a wrong unit?

    The previous record judges only where it fits the target itself (or there is none), and a
    year-to-date figure only downwards, since it may grow many-fold after a small first month. Percents are left to the fraction check: a percent has no
    unit to mistake, and a growth rate near 0 is no slip. Zero and negative figures are not judged.
    """
    indicator, value = case.indicator, case.value
    if indicator.unit == "%" or value <= 0:
        return None
    if case.target is not None and case.target > 0 and not _within(value, case.target):
        return _out_of_range(case, case.target, None)
    previous = case.previous
    if previous is None or previous.value <= 0 or _within(value, previous.value):
        return None
    if case.target is not None and case.target > 0 and not _within(previous.value, case.target):
        return None  # the previous record is the slip: it does not judge its correction
    if indicator.kind.policy.year_to_date and value > previous.value:
        return None
    return _out_of_range(case, previous.value, previous.as_of)


def _out_of_range(case: _Case, reference: Decimal, reference_as_of: dt.date | None) -> Suspicion:
    unit = case.indicator.unit
    fit = _unit_that_fits(case.value, unit, reference)
    return Suspicion(
        MAGNITUDE,
        case.value,
        unit,
        case.as_of,
        reference=reference,
        reference_as_of=reference_as_of,
        suggestion=None if fit is None else fit[1],
        suggested_unit=None if fit is None else fit[0],
    )


def _unit_that_fits(value: Decimal, unit: str, reference: Decimal) -> tuple[str, Decimal] | None:
    """The unit of `unit`'s family that `value` was likely typed in, and the figure it means then:
    of those that bring it within range of `reference`, the one that brings it nearest."""
    best: tuple[Decimal, str, Decimal] | None = None
    for other in units.compatible_units(unit):
        meant = units.convert(value, other, unit)
        if other == unit or not _within(meant, reference):
            continue
        distance = abs((meant / reference).log10())
        if best is None or distance < best[0]:
            best = (distance, other, _plain(meant))
    return None if best is None else (best[1], best[2])


def _within(value: Decimal, reference: Decimal) -> bool:
    """`value` is at least 1/1000 of `reference` and at most 50× it (both positive)."""
    return _EXACT.multiply(value, MAGNITUDE_BELOW) >= reference and value <= _EXACT.multiply(reference, MAGNITUDE_ABOVE)


def _fractional_count(case: _Case) -> Suspicion | None:
    """A count (个, 家, 人 …) that is not a whole number."""
    if case.indicator.unit not in units.COUNT_UNITS or case.value == case.value.to_integral_value():
        return None
    return Suspicion(FRACTIONAL_COUNT, case.value, case.indicator.unit, case.as_of)


def _jump(case: _Case) -> Suspicion | None:
    """A level figure that changed by more than `tolerance` percent since the month before (or
    earlier in the same month). A year-to-date figure grows by design and is not judged here."""
    previous, tolerance = case.previous, case.tolerance
    if tolerance is None or not case.indicator.kind.policy.jumps or previous is None or previous.value == 0:
        return None
    months = (case.as_of.year - previous.as_of.year) * 12 + case.as_of.month - previous.as_of.month
    change = _EXACT.multiply(abs(case.value - previous.value), HUNDRED)
    if months > 1 or change <= _EXACT.multiply(tolerance, abs(previous.value)):
        return None
    return case.against(JUMP, previous, tolerance)


def _wrong_sign(case: _Case) -> Suspicion | None:
    """A decline (降低, 下降 …) recorded as a negative change: offices write the fall as a positive
    number (能耗降低 3.0 when it fell 3%), so −3.0 more likely means a fall of 3.0 than a rise."""
    if not case.indicator.sense.decline or case.value >= 0:
        return None
    return Suspicion(WRONG_SIGN, case.value, case.indicator.unit, case.as_of, suggestion=-case.value)


_RULES: tuple[Callable[[_Case], Suspicion | None], ...] = (
    _fraction_for_percent,
    _cumulative_fell,
    _magnitude,
    _fractional_count,
    _jump,
    _wrong_sign,
)


# --- messages: every word a clerk reads, built here from a suspicion's figures --------------------

_TEMPLATES: dict[str, str] = {
    FRACTION_FOR_PERCENT: N_("{value} looks like a fraction: should it be {suggestion}?"),
    CUMULATIVE_FELL: N_(
        "the running total is below the {reference_number} of {day}: was the month's own figure entered?"
    ),
    # i18n: {reference} is “the target …” or “the figure of … reported on …”, {advice} one of the two advices
    "magnitude-above": N_("{value} is {factor} times {reference}: {advice}"),
    "magnitude-below": N_("{value} is less than a thousandth of {reference}: {advice}"),
    "reference-target": N_("the target {figure}"),
    "reference-record": N_("the {figure} reported for {day}"),
    "advice-unit": N_("should the unit be {suggested_unit}? ({typed} = {suggestion})"),
    "advice-none": N_("please check the figure and its unit"),
    FRACTIONAL_COUNT: N_("{value} is not a whole number: a count in {unit} is whole"),
    WRONG_SIGN: N_("a decline is recorded as the fall itself, a positive number: should it be {suggestion}?"),
    "jump-up": N_("{change}% above the {reference} of {day}, more than the {tolerance}% allowed: please check"),
    "jump-down": N_("{change}% below the {reference} of {day}, more than the {tolerance}% allowed: please check"),
}


def _say(key: str) -> str:
    return _(_TEMPLATES[key])


def describe(suspicion: Suspicion) -> str:
    """The message a clerk reads for `suspicion`: the one place its wording is made."""
    s = suspicion
    day = "" if s.reference_as_of is None else _day(s.reference_as_of, s.as_of)
    reference = quantity(s.reference, s.unit)
    if s.check == MAGNITUDE and s.reference:
        if s.suggested_unit is not None and s.suggestion is not None:
            typed = quantity(s.value, s.suggested_unit)
            advice = _say("advice-unit").format(
                suggested_unit=s.suggested_unit, typed=typed, suggestion=quantity(s.suggestion, s.unit)
            )
        else:
            advice = _say("advice-none")
        ratio = s.value / s.reference
        return _say("magnitude-above" if ratio > 1 else "magnitude-below").format(
            value=quantity(s.value, s.unit),
            reference=_say("reference-target" if s.reference_as_of is None else "reference-record").format(
                day=day, figure=reference
            ),
            factor=number(ratio, 0 if ratio >= 10 else 1),
            advice=advice,
        )
    if s.check == JUMP and s.reference:
        change = abs(s.value - s.reference) / abs(s.reference) * HUNDRED
        return _say("jump-up" if s.value > s.reference else "jump-down").format(
            day=day, reference=reference, change=number(change, 1), tolerance=number(s.tolerance)
        )
    return _say(s.check).format(
        value=quantity(s.value, s.unit),
        unit=s.unit,
        day=day,
        reference_number=number(s.reference),
        suggestion=quantity(s.suggestion, s.unit),
    )


def _day(day: dt.date, of: dt.date) -> str:
    """`03-31` within the year of the figure judged, the full date otherwise."""
    return f"{day:%m-%d}" if day.year == of.year else day.isoformat()


def _plain(value: Decimal) -> Decimal:
    """The same figure without a positive exponent (`1E+2` → `100`), so it prints and stores plainly."""
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value
