"""Where a cumulative target will end at this pace: 预计全年, 每月需完成 and 预计能否完成.

Owns the projection arithmetic of the monthly 通报 — carrying a year-to-date figure forward to
the end of its target's period, linearly against 序时进度 (the plan's own pace rule, so that
`days`, `months` and `checkpoints` project the way they judge), or seasonally from last year's
shape of the same indicator when the repository holds it — and the pace still needed each whole
month left. Pure: figures in, figures out; no I/O. Undefined figures are None, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from daye_plan.model.plan import Kind, Period, PlanMeta
from daye_plan.model.records import Reading
from daye_plan.ops.progress import Progress, checkpoint_shares, expected_progress, latest, met

HUNDRED = Decimal(100)


class Method(StrEnum):
    LINEAR = "linear"  # the figure so far, scaled by the share of the period's 序时 elapsed
    SEASONAL = "seasonal"  # the figure so far, scaled as last year's figure grew from this date to the end


class Projection(NamedTuple):
    """A cumulative target's outlook at one date; every figure in the indicator's unit."""

    projected: Decimal | None  # 预计全年 (or at the end of the target's period)
    method: Method | None
    needed_per_month: Decimal | None  # 每月需完成: what is left, over the whole months left
    projected_met: bool | None  # 预计能否完成


NONE = Projection(None, None, None, None)


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


def project(item: Progress, expected_at_figure: Decimal | None, last_year: Sequence[Reading] = ()) -> Projection:
    """The outlook of one judged target: cumulative and numeric, with a figure.

    `expected_at_figure` is the target's 序时进度 on its figure's date (the pace so far is the
    figure's, however stale); `last_year` the same indicator's readings a year earlier, if any.
    """
    row = item.row
    target, cmp = row.value, row.target.cmp
    if row.indicator.kind is not Kind.CUMULATIVE or item.reading is None or target is None or cmp is None:
        return NONE
    actual = item.reading.value
    on = min(item.on, row.period.end)
    projected = seasonal(actual, item.reading.as_of, row.period, last_year)
    method: Method | None = Method.SEASONAL
    if projected is None:
        projected, method = linear(actual, expected_at_figure), Method.LINEAR
    if on >= row.period.end:
        projected, method = actual, None  # the period is over: the figure is final
    needed = needed_per_month(actual, target, row.period, on, upper_bound=cmp.is_upper_bound)
    outlook = None if projected is None else met(cmp, target, projected)
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


def project_all(
    meta: PlanMeta, items: Iterable[Progress], last_year: Mapping[tuple[str, str], Sequence[Reading]]
) -> dict[TargetKey, Projection]:
    """The outlook of every judged target that has one, keyed by `TargetRow.key`.

    Each figure is carried forward from its own date at the 序时 the plan's pace gives that date
    (with `checkpoints`, each target's own schedule); `last_year` holds last year's readings by
    (action id, indicator id), where the repository has them.
    """
    items = list(items)
    shares = checkpoint_shares([item.row for item in items], meta)
    found: dict[TargetKey, Projection] = {}
    for item in items:
        if item.reading is None:
            continue
        expected = expected_progress(item.row, meta, item.reading.as_of, shares.get(id(item.row)))
        outlook = project(item, expected, last_year.get((item.row.action.id, item.row.indicator.id), ()))
        if outlook != NONE:
            found[item.row.key] = outlook
    return found
