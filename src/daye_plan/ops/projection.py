"""Where a cumulative target will end at this pace: 预计全年, 每月需完成 and 预计能否完成.

Owns the projection arithmetic of the monthly 通报 — carrying a year-to-date figure forward to
the end of its target's period, linearly against 序时进度 (the plan's own pace rule, so that
`days`, `months` and `checkpoints` project the way they judge), or seasonally from last year's
shape of the same indicator when the repository holds it — and the pace still needed each whole
month left. Pure: figures in, figures out; no I/O. Undefined figures are None, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import Period
from daye_plan.model.records import Reading
from daye_plan.ops.progress import NONE, Criterion, Method, Projection, latest

# Re-exported: the outlook's shape lives with the judgement it belongs to.
__all__ = [
    "NONE",
    "Method",
    "Projection",
    "TargetKey",
    "linear",
    "months_left",
    "needed_per_month",
    "project",
    "seasonal",
]

HUNDRED = Decimal(100)


def months_left(period: Period, on: dt.date) -> int:
    """Whole months of `period` after the month of `on`; at least 1 while the period runs, 0 after it."""
    if on >= period.end:
        return 0
    after = (period.end.year - on.year) * 12 + period.end.month - on.month
    return max(after, 1)


def linear(actual: Decimal, expected: Decimal | None) -> Decimal | None:
    """The figure carried forward at its pace so far: actual ÷ 序时 (a percent of the period)."""
    if expected is None or expected <= 0:
        return None
    return actual * HUNDRED / expected


def seasonal(actual: Decimal, on: dt.date, period: Period, last_year: Sequence[Reading]) -> Decimal | None:
    """The figure scaled by how last year's figure grew from the same day to the period's end.

    `last_year` holds last year's readings of the same indicator (sorted, one per date). None when
    last year has no positive figure on or before the same day, or none at its period's end month.
    """
    if not last_year:
        return None
    try:
        same_day = on.replace(year=on.year - 1)
        end = period.end.replace(year=period.end.year - 1)
    except ValueError:  # 29 February
        same_day = (on - dt.timedelta(days=1)).replace(year=on.year - 1)
        end = period.end.replace(year=period.end.year - 1, day=28)
    then = latest(last_year, same_day)
    final = latest(last_year, end)
    if then is None or final is None or then.value <= 0 or final.as_of <= then.as_of:
        return None
    if (final.as_of.year, final.as_of.month) != (end.year, end.month):
        return None  # last year's series stops before its end: its shape is unknown
    return actual * final.value / then.value


def project(
    row: TargetRow,
    reading: Reading | None,
    on: dt.date,
    expected_at_figure: Decimal | None,
    last_year: Sequence[Reading] = (),
    tolerance: Decimal = Decimal(5),
) -> Projection:
    """The outlook of one target at `on` from the figure in force: projectable kinds (year-to-date
    totals) with a numeric target and a figure; NONE for the others.

    `expected_at_figure` is the target's 序时进度 on its figure's date (the pace so far is the
    figure's, however stale); `last_year` the same indicator's readings a year earlier, if any.
    """
    target, cmp = row.value, row.target.cmp
    if not row.indicator.kind.policy.projectable or reading is None or target is None or cmp is None:
        return NONE
    actual = reading.value
    on = min(on, row.period.end)
    projected = seasonal(actual, reading.as_of, row.period, last_year)
    method: Method | None = Method.SEASONAL
    if projected is None:
        projected, method = linear(actual, expected_at_figure), Method.LINEAR
    if on >= row.period.end:
        projected, method = actual, None  # the period is over: the figure is final
    rises = row.indicator.rises(row.target)
    needed = needed_per_month(actual, target, row.period, on, upper_bound=not rises)
    criterion = Criterion(cmp, target, tolerance, rises, row.target.two_sided)
    outlook = None if projected is None else criterion.met(projected)
    return Projection(projected, method if projected is not None else None, needed, outlook)


def needed_per_month(
    actual: Decimal, target: Decimal, period: Period, on: dt.date, *, upper_bound: bool = False
) -> Decimal | None:
    """每月需完成: what is left to reach `target`, over the whole months left; 0 once reached.

    None for a ceiling (an at-most target asks for no pace) and once the period is over.
    """
    if upper_bound:
        return None
    left = months_left(period, on)
    if left == 0:
        return None
    remaining = target - actual
    return Decimal(0) if remaining <= 0 else remaining / left


TargetKey = tuple[str, str, str, str | None]  # `TargetRow.key`: action, indicator, period, level
