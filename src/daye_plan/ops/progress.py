"""The progress rules as pure arithmetic: 完成率, 差距, met, 序时进度, and the judgement's shape.

Owns the arithmetic every verdict is made of — attainment, the gap (negative when behind, whichever
way a target aims), whether a comparator holds (左右 tolerating the unfavourable side only), the
elapsed share of a period by the plan's pace — and the `Progress` a target is judged into. The
verdict itself (which figure, which light, which flags, which outlook) is `ops.judge`'s alone.
Works on Decimals and dates handed to it; does no I/O and never imports rich. Undefined figures
(a zero target, no actual yet) are `None`, never an exception.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import Comparator, Judge, Pace, Period, PlanMeta
from daye_plan.model.records import Reading

HUNDRED = Decimal(100)
DONE = Decimal(1)


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


BEHIND = frozenset({Light.YELLOW, Light.RED})
LIGHT_ORDER = {Light.RED: 0, Light.YELLOW: 1, Light.GREY: 2, Light.GREEN: 3}


def attainment(target: Decimal, actual: Decimal, rises: bool = True) -> Decimal | None:
    """完成率 in percent: actual/target where a higher figure is better (`>=`, and `~` aiming up),
    target/actual where a lower one is (`<=`, and `~` aiming down: 失业率5.5%左右).

    None when the ratio is undefined (dividing by zero or by a negative figure); never below
    zero (a fall against a target of growth has attained nothing, not a negative share).
    """
    numerator, denominator = (actual, target) if rises else (target, actual)
    if denominator <= 0:
        return None
    return max(numerator, Decimal(0)) / denominator * HUNDRED


def tolerance_of(target: Decimal, tolerance: Decimal) -> Decimal:
    """左右's allowance in the unit: `tolerance` percent of the target (5% of 6% growth: 0.3 points)."""
    return abs(target) * tolerance / HUNDRED


def gap(target: Decimal, actual: Decimal, rises: bool = True) -> Decimal:
    """差距 in the unit (百分点 for a rate): positive ahead of the target, negative behind it, whichever
    way the target aims (96 hours against ≤ 80 is −16; 12th against top 10 is −2)."""
    return actual - target if rises else target - actual


class Criterion(NamedTuple):
    """What a figure must do to meet a target: hold `cmp` against `target`; for `~` (左右), come
    within `tolerance` percent of it on the unfavourable side only (which way the target `rises`)
    — beating 增长6%左右 is met — or on both sides where `two_sided`."""

    cmp: Comparator
    target: Decimal
    tolerance: Decimal = Decimal(5)
    rises: bool = True
    two_sided: bool = False

    def short(self, actual: Decimal) -> Decimal:
        """How far `actual` falls short of being met, in the unit (百分点 for a rate); 0 when it is met.
        A bound says which way it aims (`<=`: down); `rises` says it for an about-target."""
        cmp, target = self.cmp, self.target
        allowance = tolerance_of(target, self.tolerance) if cmp is Comparator.ABOUT else Decimal(0)
        if cmp is Comparator.EQUAL or (cmp is Comparator.ABOUT and self.two_sided):
            short = abs(actual - target) - allowance
        else:
            aims_up = self.rises if cmp is Comparator.ABOUT else not cmp.is_upper_bound
            short = -gap(target, actual, aims_up) - allowance
        return max(short, Decimal(0))

    def met(self, actual: Decimal) -> bool:
        """Whether `actual` meets the target: the comparator holds (`~` within its tolerance)."""
        cmp, target = self.cmp, self.target
        if cmp is Comparator.AT_LEAST:
            return actual >= target
        if cmp is Comparator.MORE_THAN:
            return actual > target
        if cmp is Comparator.AT_MOST:
            return actual <= target
        if cmp is Comparator.LESS_THAN:
            return actual < target
        if cmp is Comparator.EQUAL:
            return actual == target
        return self.short(actual) == 0


def elapsed_days(period: Period, on: dt.date) -> Decimal:
    """Share of the period's days elapsed by the end of `on`, in percent, within [0, 100]."""
    return _elapsed_days(period.start, period.end, on)


def elapsed_months(period: Period, on: dt.date) -> Decimal:
    """Share of the period's whole months completed by the end of `on`, in percent."""
    return _elapsed_months(period.start, period.end, on)


# Pure in three dates, and asked for the same few (a period, its targets' figure dates) once a target:
@lru_cache(maxsize=4096)
def _elapsed_days(start: dt.date, end: dt.date, on: dt.date) -> Decimal:
    if on < start:
        return Decimal(0)
    if on >= end:
        return HUNDRED
    return Decimal((on - start).days + 1) / Decimal((end - start).days + 1) * HUNDRED


@lru_cache(maxsize=4096)
def _elapsed_months(start: dt.date, end: dt.date, on: dt.date) -> Decimal:
    if on >= end:
        return HUNDRED
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    completed = (on.year - start.year) * 12 + on.month - start.month
    if (on + dt.timedelta(days=1)).month != on.month:  # `on` is a month's last day
        completed += 1
    return Decimal(max(0, min(completed, months))) / Decimal(months) * HUNDRED


def period_elapsed(meta: PlanMeta, period: Period, on: dt.date) -> Decimal:
    """The elapsed share of a period that headings quote as its 序时进度, by the plan's pace.

    With `checkpoints` each target has its own schedule; the heading quotes elapsed days.
    """
    return elapsed_months(period, on) if meta.pace is Pace.MONTHS else elapsed_days(period, on)


def expected_checkpoints(period: Period, checkpoint: Period, share: Decimal, on: dt.date) -> Decimal:
    """序时 that reaches `share` percent at the checkpoint's end, then runs linearly to 100.

    The 开门红 front-loading: an annual target whose Q1 target is 40% of it expects 40% by
    03-31 (linearly through Q1), and the remaining 60% spread over April to December.
    """
    share = max(Decimal(0), min(share, HUNDRED))
    if on <= checkpoint.end:
        return elapsed_days(checkpoint, on) * share / HUNDRED
    after = Period(label="rest", start=checkpoint.end + dt.timedelta(days=1), end=period.end)
    return share + (HUNDRED - share) * elapsed_days(after, on) / HUNDRED


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


class Progress(NamedTuple):
    """One target judged at one date: every figure and verdict `status`, `report` and the workbook show.

    A `NamedTuple`, as the table cells are: immutable, and made three times faster than a frozen
    dataclass (a status of 10,000 indicators judges some 15,000 targets). Made by `ops.judge` only.
    """

    row: TargetRow
    on: dt.date
    reading: Reading | None  # the figure in force: the one the target is judged on
    attainment: Decimal | None  # 完成率; None for a target judged by points or by position
    expected: Decimal | None  # 序时进度 of a paced target
    gap: Decimal | None  # 差距 in the unit (百分点 for a rate, 名 for a rank): negative when behind
    met: bool | None
    light: Light
    judge: Judge = Judge.RATIO  # POINTS: a rate in 百分点; POSITION: a rank; neither has a 完成率
    flags: tuple[str, ...] = ()  # late, stale, missing, confirmed: in that order
    outlook: Projection = NONE  # 预计全年, 每月需完成, 预计能否完成 (paced, projectable targets)
    schedule_gap: Decimal | None = None  # 完成率 − 序时进度 in points: negative when behind schedule
    halfway: bool | None = None  # 双过半 at mid-year: a paced target's 完成率 past half; None elsewhen
    shortfall: Decimal | None = None  # how far short it will end at this pace: the 滞后 list's order

    @property
    def is_floor(self) -> bool:
        """确保 or plain targets count in roll-ups; a missed 力争 stretch is not a failure."""
        return not self.row.target.is_stretch

    @property
    def period_over(self) -> bool:
        return self.on >= self.row.period.end

    def record(self) -> dict[str, object]:
        """design.md's `status` keys: the target keys plus the judgement."""
        out = self.row.record()
        out.update(
            actual=self.reading.value if self.reading else None,
            as_of=self.reading.as_of if self.reading else None,
            attainment=_round(self.attainment),
            expected=_round(self.expected),
            gap=self.gap,
            met=self.met,
            light=self.light.value,
            flags=list(self.flags),
        )
        return out


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, 2)


def latest(readings: Sequence[Reading], on: dt.date) -> Reading | None:
    """The latest reading on or before `on`; `readings` is sorted by date, one per date (found by bisection)."""
    index = bisect_right(readings, on, key=_as_of)
    return readings[index - 1] if index else None


def first_after(readings: Sequence[Reading], day: dt.date, on: dt.date) -> Reading | None:
    """The first reading dated after `day`, on or before `on`: what a late checkpoint is judged on."""
    index = bisect_right(readings, day, key=_as_of)
    return readings[index] if index < len(readings) and readings[index].as_of <= on else None


def _as_of(reading: Reading) -> dt.date:
    return reading.as_of


def expected_progress(
    row: TargetRow, meta: PlanMeta, on: dt.date, checkpoint_share: Decimal | None = None
) -> Decimal | None:
    """序时进度 of a paced (cumulative) target at `on`, by the plan's pace; None for other kinds."""
    if not row.indicator.kind.policy.paced:
        return None
    period = row.period
    if row.target.per == "month" or meta.pace is Pace.MONTHS:
        return elapsed_months(period, on)
    if meta.pace is Pace.CHECKPOINTS and checkpoint_share is not None:
        checkpoint = _checkpoint_period(meta, row)
        if checkpoint is not None:
            return expected_checkpoints(period, checkpoint, checkpoint_share, on)
    return elapsed_days(period, on)


def _checkpoint_period(meta: PlanMeta, row: TargetRow) -> Period | None:
    """The latest declared period that starts with this one, ends before it and holds a target of
    the same indicator (一季度 in 全年; 上半年 rather than 一季度 when the indicator has both)."""
    targeted = {target.period for target in row.indicator.targets if target.value is not None}
    inside = [
        period
        for name, period in meta.periods.items()
        if name in targeted and period.start == row.period.start and period.end < row.period.end
    ]
    return max(inside, key=lambda p: p.end) if inside else None


def checkpoint_shares(rows: Iterable[TargetRow], meta: PlanMeta) -> dict[int, Decimal]:
    """For `pace: checkpoints`: each long-period target's share due at its checkpoint, by id(row).

    The share is the checkpoint target's value over the long target's (Q1 45 of annual 135 is
    33.3%), matching levels where both carry one, else the plain or 确保 checkpoint target.
    """
    rows = list(rows)
    shares: dict[int, Decimal] = {}
    if meta.pace is not Pace.CHECKPOINTS:
        return shares
    by_indicator: dict[tuple[str, str], list[TargetRow]] = {}
    for row in rows:
        by_indicator.setdefault((row.action.id, row.indicator.id), []).append(row)
    for row in rows:
        checkpoint = _checkpoint_period(meta, row)
        if checkpoint is None or not row.indicator.kind.policy.paced or not row.value:
            continue
        candidates = [
            other
            for other in by_indicator[(row.action.id, row.indicator.id)]
            if other.period == checkpoint and other.value is not None
        ]
        chosen = next((c for c in candidates if c.target.level == row.target.level), None)
        chosen = chosen or next((c for c in candidates if not c.target.is_stretch), None)
        if chosen is not None and chosen.value is not None:
            shares[id(row)] = chosen.value / row.value * HUNDRED
    return shares
