"""Trends: an indicator's figures by as-of date, against its 序时 line and its target, as data.

Owns which figures a trend shows (those dated inside the target's period, up to the as-of date),
the 序时 line in the indicator's unit (the target × 序时进度 at the period's start and at each month
end, by the plan's pace, so that `checkpoints` bend where they judge), and which indicators have a
trend at all (two dated figures or more). Every renderer — the terminal chart, the HTML report's
SVG, Markdown's sparkline, a Word table — draws from a `Trend`. Pure: no I/O, no drawing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from daye_plan.model.catalog import TargetRow
from daye_plan.model.records import Reading
from daye_plan.ops.progress import HUNDRED, Light, Progress, checkpoint_shares, expected_progress
from daye_plan.ops.tracking import Snapshot

MIN_POINTS = 2  # one figure is a dot, not a trend


@dataclass(frozen=True)
class Trend:
    """One indicator's series in one period, drawn against one target (its floor)."""

    row: TargetRow
    points: list[Reading]  # by as-of date, one per date
    schedule: list[tuple[dt.date, Decimal]]  # the 序时 line, in the unit; empty for a level indicator
    light: Light  # the target's light on the as-of date

    @property
    def target(self) -> Decimal | None:
        return self.row.value

    @property
    def start(self) -> dt.date:
        return self.row.period.start

    @property
    def end(self) -> dt.date:
        return self.row.period.end

    @property
    def unit(self) -> str:
        return self.row.indicator.unit

    def months(self) -> list[dt.date]:
        """The first day of every month of the period: where a chart's month ticks go."""
        found, day = [], self.start.replace(day=1)
        while day <= self.end:
            found.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return found


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each month from `start`'s to `end`'s (the period's end if that comes first)."""
    found, day = [], start
    while day <= end:
        last = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        found.append(min(last, end))
        day = last + dt.timedelta(days=1)
    return found


def dated(snapshot: Snapshot, row: TargetRow) -> list[Reading]:
    """The indicator's figures dated inside the target's period, up to the snapshot's date."""
    last = min(snapshot.on, row.period.end)
    readings = snapshot.readings.get((row.action.id, row.indicator.id), ())
    return [reading for reading in readings if row.period.start <= reading.as_of <= last]


def trend(snapshot: Snapshot, item: Progress) -> Trend | None:
    """The trend of `item`'s indicator against `item`'s target; None for a task, or with fewer than
    two dated figures."""
    row = item.row
    if not row.indicator.kind.policy.numeric or row.value is None:
        return None
    points = dated(snapshot, row)
    if len(points) < MIN_POINTS:
        return None
    schedule: list[tuple[dt.date, Decimal]] = []
    if row.indicator.kind.policy.paced:
        meta = snapshot.plan.meta
        share = checkpoint_shares(snapshot.rows or [row], meta).get(id(row))
        schedule.append((row.period.start, Decimal(0)))
        for day in month_ends(row.period.start, row.period.end):
            expected = expected_progress(row, meta, day, share)
            if expected is not None:
                schedule.append((day, row.value * expected / HUNDRED))
    return Trend(row, points, schedule, item.light)


def trends(snapshot: Snapshot) -> dict[tuple[str, str], Trend]:
    """Every indicator of the snapshot with a trend, by (action id, indicator id), drawn against its
    first floor target (确保 or plain) in the snapshot, else its first target; in the snapshot's order."""
    chosen: dict[tuple[str, str], Progress] = {}
    for item in snapshot.items:
        key = (item.row.action.id, item.row.indicator.id)
        if key not in chosen or (item.is_floor and not chosen[key].is_floor):
            chosen[key] = item
    found: dict[tuple[str, str], Trend] = {}
    for key, item in chosen.items():
        drawn = trend(snapshot, item)
        if drawn is not None:
            found[key] = drawn
    return found
