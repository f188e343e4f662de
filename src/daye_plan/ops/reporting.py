"""Reporting discipline: figures that came late, never came, or are out of date, and confirmed ones.

Owns the flags of a judged target (`late`, `stale`, `missing`, `confirmed`, in that order) and
what they change in its judgement. A checkpoint target (a declared period that ends before the
plan year does: 一季度, 上半年 …) with no figure in its period but one dated after its end is
judged on that one and flagged `late` (逾期完成 or 逾期未完成). One with no figure at all once its
figures are due is `missing` (未报送) and red. Each indicator is reported as often as its 报送频次
says (`frequency`: its own `cadence`, its action's, or the plan's `cadence: {every: month,
due_day: 10}`): at each due date the figures of the month before are expected — of the quarter,
the half-year or the year before for one reported quarterly, half-yearly or yearly, and of its
period's end for one reported once; a target whose figure is older than that is `stale`
(数据过期), and one without any is `missing`. A figure whose record carries a
confirmation (`confirmed:<check>`) is `confirmed`. The judge (`ops.judge`) asks this module when
figures fall due and sets the flags; `overdue` lists what they found. Pure: dates and readings
in, dates and flags out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from daye_plan.model.catalog import TargetRow
from daye_plan.model.meta import DEFAULT_DUE_DAY
from daye_plan.model.plan import Action, Frequency, Indicator, Period, PlanMeta
from daye_plan.model.records import Reading
from daye_plan.ops.progress import Progress

LATE, STALE, MISSING, CONFIRMED = "late", "stale", "missing", "confirmed"
FLAGS = (LATE, STALE, MISSING, CONFIRMED)

Marks = Mapping[tuple[str, str, dt.date], tuple[str, ...]]  # (action id, indicator id, as_of) → a record's flags


def is_checkpoint(period: Period, meta: PlanMeta) -> bool:
    """A declared period that ends before the plan year does: its targets fall due within the year."""
    return period.end < dt.date(meta.year, 12, 31)


def frequency(meta: PlanMeta, action: Action, indicator: Indicator) -> Frequency | None:
    """An indicator's 报送频次: its own `cadence`, else its action's, else the plan's (`cadence: {every:
    …}`); None when none is set. A task (milestone) is reported when done: only its own counts, else
    it falls due at its period's end, as a checkpoint does."""
    if indicator.cadence is not None:
        return indicator.cadence
    if not indicator.kind.policy.reported:
        return None
    if action.cadence is not None:
        return action.cadence
    return meta.cadence.every if meta.cadence is not None else None


def due_date(meta: PlanMeta, day: dt.date, every: Frequency | None = None) -> dt.date:
    """When the figures as of `day` (a month's or a period's last day) are due: the due day of the
    following month (the plan's `due_day`, else the 10th; its last day where the month is shorter),
    for an indicator reported `every` so often (default: the plan's cadence); without one, `day` itself."""
    if (every or _plan_every(meta)) is None:
        return day
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return _day_in(year, month, _due_day(meta))


def last_due_month(meta: PlanMeta, on: dt.date, every: Frequency | None = None) -> dt.date | None:
    """The last day of the latest month whose figures were due by `on`, for figures reported `every`
    so often (default: the plan's cadence): every month, or the last month of a quarter, a half-year
    or the year (`once` as monthly: its period's end decides, see `required`); None without a cadence."""
    every = every or _plan_every(meta)
    if every is None:
        return None
    step = _MONTHS[every]
    day = _due_day(meta)
    year, month = on.year, on.month
    for _ in range(13):  # a due date lies within the last thirteen months, whatever the cadence
        before = (year - 1, 12) if month == 1 else (year, month - 1)
        if _day_in(year, month, day) <= on and before[1] % step == 0:
            return _month_end(*before)
        year, month = before
    return None  # pragma: no cover - unreachable: some month of thirteen is due


def required(meta: PlanMeta, period: Period, on: dt.date, every: Frequency | None = None) -> dt.date | None:
    """The date a target's figure should be as of by `on`, for figures reported `every` so often
    (default: the plan's cadence): the last month due, never past the period's end; for `once`, the
    period's end once its figures are due. None when nothing of the period is due yet."""
    every = every or _plan_every(meta)
    if every == "once":
        return period.end if due_date(meta, period.end, every) <= on else None
    due = last_due_month(meta, on, every)
    if due is None:
        return None
    due = min(due, period.end)
    return due if due >= period.start else None


def cadence_flags(row: TargetRow, reading: Reading | None, meta: PlanMeta, on: dt.date) -> list[str]:
    """By the indicator's 报送频次 (`frequency`): `missing` when nothing was reported that was due,
    `stale` when the figure is older than the month due. A task without a cadence of its own is
    reported when done, not monthly, and a derived indicator is never reported: its inputs are
    flagged instead."""
    every = frequency(meta, row.action, row.indicator)
    if every is None or row.indicator.formula:
        return []
    due = required(meta, row.period, on, every)
    if due is None:
        return []
    if reading is None:
        return [MISSING]
    return [STALE] if reading.as_of < due.replace(day=1) else []


_MONTHS: dict[Frequency, int] = {"month": 1, "quarter": 3, "half": 6, "year": 12, "once": 1}


def _plan_every(meta: PlanMeta) -> Frequency | None:
    return meta.cadence.every if meta.cadence is not None else None


def _due_day(meta: PlanMeta) -> int:
    return meta.cadence.due_day if meta.cadence is not None else DEFAULT_DUE_DAY


def _day_in(year: int, month: int, day: int) -> dt.date:
    return min(dt.date(year, month, 1) + dt.timedelta(days=day - 1), _month_end(year, month))


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class Overdue:
    """An indicator whose figures are missing or out of date (`status --missing`), with what was due."""

    action: Action
    indicator: Indicator
    state: str  # MISSING or STALE
    latest: dt.date | None  # the date of its latest figure on or before the status date
    due: dt.date  # the date a figure should be as of: the month due, or a checkpoint's end
    periods: list[str]  # ids of the periods whose targets are affected

    @property
    def lead(self) -> str | None:
        """牵头单位: the indicator's, else its action's where the plan names one."""
        return self.indicator.lead or getattr(self.action, "lead", None)


def overdue(items: Sequence[Progress], meta: PlanMeta) -> list[Overdue]:
    """Every indicator with a target flagged missing or stale, once, in plan order: missing when
    any of its targets is, with the latest date due among them."""
    found: dict[tuple[str, str], Overdue] = {}
    for item in items:
        state = next((flag for flag in (MISSING, STALE) if flag in item.flags), None)
        if state is None:
            continue
        row = item.row
        due = required(meta, row.period, item.on, frequency(meta, row.action, row.indicator)) or row.period.end
        key = (row.action.id, row.indicator.id)
        latest_day = item.reading.as_of if item.reading else None
        known = found.get(key)
        if known is None:
            found[key] = Overdue(row.action, row.indicator, state, latest_day, due, [row.target.period])
            continue
        periods = known.periods if row.target.period in known.periods else [*known.periods, row.target.period]
        found[key] = replace(
            known,
            state=MISSING if MISSING in (state, known.state) else STALE,
            latest=max((d for d in (known.latest, latest_day) if d), default=None),
            due=max(known.due, due),
            periods=periods,
        )
    return list(found.values())
