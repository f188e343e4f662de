"""The one judge: every verdict of every target at one date, decided once for every output.

Owns the verdict the office publishes for a target — which figure is in force (a late checkpoint
is judged on the first figure after its deadline, never inflated by later year-to-date totals),
its 完成率 or its 百分点 (a rate) or its places (a rank), 序时进度 and the gap to it, whether it is
met, its flags (late, stale, missing, confirmed), its outlook (预计全年, 每月需完成, 预计能否完成),
its 双过半 standing at mid-year, how far short it will end (the 滞后 list's order) and its light.
`status`, `report`, the Excel workbook, 较上期's earlier date and `history --chart` all call
`judge`; the presentation layer formats what it returns and never decides.

Lights follow office practice by default: a target paced by 序时 is green on or ahead of it,
yellow behind it, red more than the plan's threshold behind (`model.meta.Lights`); a rate judged
in 百分点 by the plan's `growth_rates` thresholds; and a light never contradicts the row's own
outlook: no green beside 难完成, nor, at mid-year, outside 双过半. Pure: plan, readings and a date
in, judgements out; no I/O, no wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import Judge, Judging, Lights, Period, PlanMeta
from daye_plan.model.records import CONFIRMED as CONFIRMED_MARK
from daye_plan.model.records import Reading
from daye_plan.ops import projection, reporting
from daye_plan.ops.progress import (
    BEHIND,
    HUNDRED,
    LIGHT_ORDER,
    NONE,
    Criterion,
    Light,
    Progress,
    Projection,
    attainment,
    checkpoint_shares,
    expected_progress,
    first_after,
    gap,
    latest,
)

DONE = Decimal(1)
HALF = Decimal(50)
HALFWAY_MONTH = 6  # 双过半: half the year gone (时间过半), half the task done (任务过半)
INFINITY = Decimal("Infinity")

Key = tuple[str, str]  # (action id, indicator id)


@dataclass(frozen=True)
class Evidence:
    """What targets are judged from, beside the plan: the readings in force by (action id, indicator
    id), sorted and one per date; the marks of the records in force, keyed as stored (action,
    indicator, date); the owner of each alias (`same_as`); last year's readings, for the seasonal
    projection."""

    readings: Mapping[Key, Sequence[Reading]]
    marks: reporting.Marks = field(default_factory=dict)
    owners: Mapping[Key, Key] = field(default_factory=dict)
    last_year: Mapping[Key, Sequence[Reading]] = field(default_factory=dict)


def judge(meta: PlanMeta, rows: Sequence[TargetRow], evidence: Evidence, on: dt.date) -> list[Progress]:
    """Every target of `rows` judged at `on`, in their order. Every period's targets should be
    given together, so that a target paced by its checkpoint (`pace: checkpoints`) finds it."""
    shares = checkpoint_shares(rows, meta)
    return [_judge_one(meta, row, evidence, on, shares.get(id(row))) for row in rows]


def _judge_one(meta: PlanMeta, row: TargetRow, evidence: Evidence, on: dt.date, share: Decimal | None) -> Progress:
    key = (row.action.id, row.indicator.id)
    readings = evidence.readings.get(key, ())
    period = row.period
    flags: list[str] = []
    unreported = False  # a checkpoint whose figures were due and never came: red, 未报送
    reading = latest(readings, min(on, period.end))
    if reading is not None and reading.as_of < period.start:
        reading = None
    if reading is None and reporting.is_checkpoint(period, meta) and on > period.end:
        reading = first_after(readings, period.end, on)  # the first figure after the deadline, not the latest
        if reading is not None:
            flags.append(reporting.LATE)
        elif (
            on > reporting.due_date(meta, period.end, reporting.frequency(meta, row.action, row.indicator))
            and not row.indicator.formula
        ):
            flags.append(reporting.MISSING)
            unreported = True
    if not flags:
        flags.extend(reporting.cadence_flags(row, reading, meta, on))
    if reading is not None:
        owner = evidence.owners.get(key, key)
        if any(mark.startswith(CONFIRMED_MARK) for mark in evidence.marks.get((*owner, reading.as_of), ())):
            flags.append(reporting.CONFIRMED)
    flags = [flag for flag in reporting.FLAGS if flag in flags]
    expected = expected_progress(row, meta, min(on, period.end), share)
    if reading is None:
        light = Light.RED if unreported else Light.GREY
        return Progress(row, on, None, None, expected, None, None, light, flags=tuple(flags))
    outlook = NONE
    if row.indicator.kind.policy.projectable:
        at_figure = expected_progress(row, meta, reading.as_of, share)
        last_year = evidence.last_year.get(key, ())
        outlook = projection.project(row, reading, on, at_figure, last_year, meta.approx_tolerance)
    found = _measure(meta, row, reading.value)
    schedule_gap = None
    if expected is not None and found.attainment is not None:
        schedule_gap = found.attainment - expected
    halfway = None
    if row.indicator.kind.policy.paced and found.attainment is not None and halfway_due(period, on):
        halfway = found.attainment >= HALF
    light = _light(meta.lights, row, found, on >= period.end, expected, outlook, halfway)
    return Progress(
        row,
        on,
        reading,
        found.attainment,
        expected,
        found.gap,
        found.met,
        light,
        found.judging.by,
        tuple(flags),
        outlook,
        schedule_gap,
        halfway,
        _shortfall(row, found, outlook),
    )


@dataclass(frozen=True)
class _Measured:
    """A figure against a target, before any light: 完成率, 差距, met, and how far short of met."""

    judging: Judging
    attainment: Decimal | None
    gap: Decimal | None
    met: bool
    short: Decimal | None  # in the unit: 百分点 for a rate, places for a rank; None for a task


_TASK = Judging.ratio()


def _measure(meta: PlanMeta, row: TargetRow, value: Decimal) -> _Measured:
    target, cmp = row.value, row.target.cmp
    if cmp is None or target is None:  # a task (milestone): done or not
        done = value >= DONE
        return _Measured(_TASK, HUNDRED if done else Decimal(0), None, done, None)
    judging = row.indicator.judging(row.target, meta.growth_rates)
    rises = row.indicator.rises(row.target)
    criterion = Criterion(cmp, target, meta.approx_tolerance, rises, row.target.two_sided)
    return _Measured(
        judging,
        attainment(target, value, rises) if judging.by is Judge.RATIO else None,
        gap(target, value, rises),
        criterion.met(value),
        criterion.short(value),
    )


def _light(
    rules: Lights,
    row: TargetRow,
    found: _Measured,
    over: bool,
    expected: Decimal | None,
    outlook: Projection,
    halfway: bool | None,
) -> Light:
    """红黄绿灯 of a target with a figure."""
    if found.met:
        return Light.GREEN
    if over:
        return Light.RED
    policy = row.indicator.kind.policy
    cmp = row.target.cmp
    if cmp is not None and cmp.is_upper_bound and policy.year_to_date:
        return Light.RED  # a year-to-date total already past its ceiling can only grow
    judging = found.judging
    if judging.by is Judge.POINTS and found.short is not None:
        if judging.yellow is not None and found.short <= judging.yellow:
            return Light.GREEN
        return Light.RED if judging.red is not None and found.short > judging.red else Light.YELLOW
    if judging.by is Judge.POSITION or not policy.paced or expected is None or found.attainment is None:
        return Light.YELLOW  # not met yet, with no schedule to be on
    shown = by_schedule(rules, found.attainment, expected)
    if shown is Light.GREEN and (outlook.projected_met is False or halfway is False):
        return Light.YELLOW  # on 序时 by the plan's rule, yet 难完成 or short of half at mid-year
    return shown


def by_schedule(rules: Lights, attained: Decimal, expected: Decimal) -> Light:
    """The light of a paced target by the plan's rule: points behind 序时, or its share of 序时."""
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


def _shortfall(row: TargetRow, found: _Measured, outlook: Projection) -> Decimal | None:
    """How far short of its target a target will end at this pace: a rate by its 百分点 short, a rank
    by its places; others in points of 完成率, 100 − the projected figure's (a level or a task: now)."""
    if found.judging.by is not Judge.RATIO:
        return found.short
    reached = found.attainment
    target = row.value
    if outlook.projected is not None and target is not None:
        reached = attainment(target, outlook.projected, row.indicator.rises(row.target))
    return None if reached is None else HUNDRED - reached


def halfway_due(period: Period, on: dt.date) -> bool:
    """双过半 applies: `on` closes the 6th month of a twelve-month period."""
    return months_closed(period, on) == HALFWAY_MONTH and period.months == 12


def months_closed(period: Period, on: dt.date) -> int | None:
    """How many whole months of `period` `on` closes, when it is a month's last day inside it."""
    if (on + dt.timedelta(days=1)).day != 1 or not period.start <= on <= period.end:
        return None
    return (on.year - period.start.year) * 12 + on.month - period.start.month + 1


def lagging(items: Iterable[Progress]) -> list[Progress]:
    """The 滞后 list: every red and yellow target, red first, then the furthest short at this pace;
    the given order breaks ties."""
    behind = [item for item in items if item.light in BEHIND]
    behind.sort(
        key=lambda item: (LIGHT_ORDER[item.light], -(item.shortfall if item.shortfall is not None else INFINITY))
    )
    return behind


def measure_of(item: Progress, owners: Mapping[Key, Key]) -> tuple[object, ...]:
    """What tells one target from another across linked indicators: the measure's owner, the period,
    the level, the comparator and the value (新签约项目 kept in two actions by `same_as` is one)."""
    key = (item.row.action.id, item.row.indicator.id)
    target = item.row.target
    return (owners.get(key, key), target.period, target.level, target.cmp, item.row.value)


def distinct(items: Iterable[Progress], owners: Mapping[Key, Key]) -> list[Progress]:
    """Each target once, in order: a target restated in another action through `same_as` is left out."""
    seen: set[tuple[object, ...]] = set()
    kept: list[Progress] = []
    for item in items:
        found = measure_of(item, owners)
        if found not in seen:
            seen.add(found)
            kept.append(item)
    return kept
