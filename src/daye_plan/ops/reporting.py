"""Reporting discipline: figures that came late, never came, or are out of date, and confirmed ones.

Owns the flags of a judged target (`late`, `stale`, `missing`, `confirmed`, in that order) and
what they change in its judgement. A checkpoint target (a declared period that ends before the
plan year does: 一季度, 上半年 …) with no figure in its period but one dated after its end is
judged on that one and flagged `late` (逾期完成 or 逾期未完成). One with no figure at all once its
figures are due is `missing` (未报送) and red. A plan that sets a reporting cadence
(`cadence: {every: month, due_day: 10}`) expects, at each due date, the figures of the month
before (of the quarter before, for `every: quarter`): a target whose figure is older than that
is `stale` (数据过期), and one without any is `missing`. A figure whose record carries a
confirmation (`confirmed:<check>`) is `confirmed`. The judge (`ops.judge`) asks this module when
figures fall due and sets the flags; `overdue` lists what they found. Pure: dates and readings
in, dates and flags out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import Action, Indicator, Period, PlanMeta
from daye_plan.model.records import Reading
from daye_plan.ops.progress import Progress

LATE, STALE, MISSING, CONFIRMED = "late", "stale", "missing", "confirmed"
FLAGS = (LATE, STALE, MISSING, CONFIRMED)

Marks = Mapping[tuple[str, str, dt.date], tuple[str, ...]]  # (action id, indicator id, as_of) → a record's flags


def is_checkpoint(period: Period, meta: PlanMeta) -> bool:
    """A declared period that ends before the plan year does: its targets fall due within the year."""
    return period.end < dt.date(meta.year, 12, 31)


def due_date(meta: PlanMeta, day: dt.date) -> dt.date:
    """When the figures as of `day` (a month's or a period's last day) are due: the cadence's due day
    of the following month (its last day where the month is shorter); without a cadence, `day` itself."""
    if meta.cadence is None:
        return day
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return _day_in(year, month, meta.cadence.due_day)


def last_due_month(meta: PlanMeta, on: dt.date) -> dt.date | None:
    """The last day of the latest month (quarter, for `every: quarter`) whose figures were due by
    `on`; None without a cadence."""
    cadence = meta.cadence
    if cadence is None:
        return None
    year, month = on.year, on.month
    for _ in range(4):  # a due date lies within the last four months, whatever the cadence
        before = (year - 1, 12) if month == 1 else (year, month - 1)
        if _day_in(year, month, cadence.due_day) <= on and (cadence.every == "month" or before[1] % 3 == 0):
            return _month_end(*before)
        year, month = before
    return None  # pragma: no cover - unreachable: some month of four is due


def required(meta: PlanMeta, period: Period, on: dt.date) -> dt.date | None:
    """The date a target's figure should be as of by `on`: the last month due (never past the
    period's end); None when nothing of the period is due yet."""
    due = last_due_month(meta, on)
    if due is None:
        return None
    due = min(due, period.end)
    return due if due >= period.start else None


def cadence_flags(row: TargetRow, reading: Reading | None, meta: PlanMeta, on: dt.date) -> list[str]:
    """By the cadence: `missing` when nothing was reported that was due, `stale` when the figure is
    older than the month due. Tasks (milestones) are reported when done, not monthly, and a derived
    indicator is never reported: its inputs are flagged instead."""
    if not row.indicator.kind.policy.reported or row.indicator.formula:
        return []
    due = required(meta, row.period, on)
    if due is None:
        return []
    if reading is None:
        return [MISSING]
    return [STALE] if reading.as_of < due.replace(day=1) else []


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
        due = required(meta, row.period, item.on) or row.period.end
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
