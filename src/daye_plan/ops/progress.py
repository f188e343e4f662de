"""The progress rules of design.md as pure arithmetic: attainment, met, 序时进度, lights, roll-ups.

Owns every judgement `status` and `report` show, so that no second copy of the rules exists. A
target on a rate judged by points (a growth rate, by default: `Judging`) has no 完成率; its light
follows the 百分点 it falls short by.
Works on Decimals and dates handed to it; does no I/O and never imports rich. Undefined
figures (a zero target, no actual yet) are `None`, never an exception.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import Comparator, Judge, Judging, Kind, Lights, Pace, Period, PlanMeta
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


def attainment(cmp: Comparator, target: Decimal, actual: Decimal) -> Decimal | None:
    """完成率 in percent: actual/target for at-least and about, target/actual for at-most.

    None when the ratio is undefined (dividing by zero or by a negative figure); never below
    zero (a fall against a target of growth has attained nothing, not a negative share).
    """
    numerator, denominator = (target, actual) if cmp.is_upper_bound else (actual, target)
    if denominator <= 0:
        return None
    return max(numerator, Decimal(0)) / denominator * HUNDRED


def points_short(cmp: Comparator, target: Decimal, actual: Decimal, tolerance: Decimal = Decimal(5)) -> Decimal:
    """How far `actual` falls short of the target, in the unit (百分点 for a rate); 0 when it is met."""
    if cmp in (Comparator.AT_LEAST, Comparator.MORE_THAN):
        short = target - actual
    elif cmp.is_upper_bound:
        short = actual - target
    elif cmp is Comparator.EQUAL:
        short = abs(actual - target)
    else:
        short = abs(actual - target) - abs(target) * tolerance / HUNDRED
    return max(short, Decimal(0))


def met(cmp: Comparator, target: Decimal, actual: Decimal, tolerance: Decimal = Decimal(5)) -> bool:
    """Whether the comparator holds; `~` (左右) allows `tolerance` percent of the target either way."""
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
    return abs(actual - target) <= abs(target) * tolerance / HUNDRED


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


def light(
    rules: Lights,
    *,
    kind: Kind,
    upper_bound: bool,
    is_met: bool | None,
    period_over: bool,
    attained: Decimal | None,
    expected: Decimal | None,
    judging: Judging | None = None,
    short: Decimal | None = None,
) -> Light:
    """红黄绿灯 for one target, by design.md's rules and the plan's thresholds; a target judged by
    points (`judging`), `short` of its target by that many points, by its own thresholds."""
    if is_met is None:
        return Light.GREY
    if is_met:
        return Light.GREEN
    if period_over:
        return Light.RED
    policy = kind.policy
    if upper_bound and policy.year_to_date:  # a year-to-date total already past its ceiling can only grow
        return Light.RED
    if judging is not None and judging.by is Judge.POINTS and short is not None:
        if judging.yellow is not None and short <= judging.yellow:
            return Light.GREEN
        return Light.RED if judging.red is not None and short > judging.red else Light.YELLOW
    if not policy.paced:
        return Light.YELLOW
    if expected is None or attained is None:
        return Light.YELLOW
    if expected <= 0:
        return Light.GREEN
    if rules.rule == "ratio":
        ratio = attained / expected * HUNDRED
        if ratio >= rules.yellow:
            return Light.GREEN
        return Light.YELLOW if ratio >= rules.red else Light.RED
    behind = expected - attained
    if behind <= rules.yellow:
        return Light.GREEN
    return Light.YELLOW if behind <= rules.red else Light.RED


class Progress(NamedTuple):
    """One target judged at one date: every figure `status` and `report` show for it.

    A `NamedTuple`, as the table cells are: immutable, and made three times faster than a frozen
    dataclass (a status of 10,000 indicators judges some 15,000 targets).
    """

    row: TargetRow
    on: dt.date
    reading: Reading | None
    attainment: Decimal | None
    expected: Decimal | None
    gap: Decimal | None
    met: bool | None
    light: Light
    judge: Judge = Judge.RATIO  # POINTS: a rate judged by 百分点, with no 完成率
    flags: tuple[str, ...] = ()  # late, stale, missing, confirmed: set by `reporting`, in that order

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


def _as_of(reading: Reading) -> dt.date:
    return reading.as_of


def evaluate(
    row: TargetRow,
    readings: Sequence[Reading],
    on: dt.date,
    meta: PlanMeta,
    checkpoint_share: Decimal | None = None,
) -> Progress:
    """Judge one target at date `on` from its indicator's readings (sorted, one per date).

    A target is judged on the latest reading on or before the earlier of `on` and its period's
    end: a Q1 target stays judged on the figure for 03-31 however late `on` is.
    """
    period = row.period
    judged_on = min(on, period.end)
    reading = latest(readings, judged_on)
    if reading is not None and reading.as_of < period.start:
        reading = None
    expected = expected_progress(row, meta, judged_on, checkpoint_share)
    return judge(row, reading, on, meta, expected)


def judge(row: TargetRow, reading: Reading | None, on: dt.date, meta: PlanMeta, expected: Decimal | None) -> Progress:
    """Judge one target at `on` on the `reading` chosen for it (None: no figure, grey)."""
    period = row.period
    target = row.value
    cmp = row.target.cmp
    kind = row.indicator.kind
    if reading is None:
        return Progress(row, on, None, None, expected, None, None, Light.GREY)
    attained: Decimal | None
    judging, short = None, None
    if cmp is None or target is None:  # milestone
        done = reading.value >= DONE
        attained = HUNDRED if done else Decimal(0)
        is_met, gap = done, None
    else:
        judging = row.indicator.judging(row.target, meta.growth_rates)
        by_ratio = judging.by is Judge.RATIO
        attained = attainment(cmp, target, reading.value) if by_ratio else None
        is_met = met(cmp, target, reading.value, meta.approx_tolerance)
        gap = reading.value - target
        if not by_ratio:  # the light of a target judged by points goes by how many it is short
            short = points_short(cmp, target, reading.value, meta.approx_tolerance)
    shown = light(
        meta.lights,
        kind=kind,
        upper_bound=cmp is not None and cmp.is_upper_bound,
        is_met=is_met,
        period_over=on >= period.end,
        attained=attained,
        expected=expected,
        judging=judging,
        short=short,
    )
    return Progress(row, on, reading, attained, expected, gap, is_met, shown, judging.by if judging else Judge.RATIO)


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


def evaluate_all(
    rows: Sequence[TargetRow],
    readings: Mapping[tuple[str, str], Sequence[Reading]],
    on: dt.date,
    meta: PlanMeta,
) -> list[Progress]:
    """Judge every row at `on`; `readings` maps (action id, indicator id) to sorted readings."""
    shares = checkpoint_shares(rows, meta)
    return [
        evaluate(row, readings.get((row.action.id, row.indicator.id), ()), on, meta, shares.get(id(row)))
        for row in rows
    ]


@dataclass
class Rollup:
    """Counts of floor targets per light for one action (or the whole plan)."""

    name: str
    counts: dict[Light, int] = field(default_factory=lambda: dict.fromkeys(Light, 0))
    attainments: list[Decimal] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def average_attainment(self) -> Decimal | None:
        """Mean 完成率 of the paced (cumulative) floor targets that have data."""
        if not self.attainments:
            return None
        return sum(self.attainments, Decimal(0)) / len(self.attainments)

    def add(self, item: Progress) -> None:
        self.counts[item.light] += 1
        if item.row.indicator.kind.policy.paced and item.attainment is not None:
            self.attainments.append(item.attainment)


def rollup(items: Iterable[Progress]) -> tuple[list[Rollup], Rollup]:
    """Per-action roll-ups in plan order, and the plan-wide total; floors only (确保 or plain)."""
    per_action: dict[str, Rollup] = {}
    total = Rollup("合计")
    for item in items:
        if not item.is_floor:
            continue
        action = item.row.action
        found = per_action.get(action.id)
        if found is None:
            found = per_action[action.id] = Rollup(action.name)
        found.add(item)
        total.add(item)
    return list(per_action.values()), total
