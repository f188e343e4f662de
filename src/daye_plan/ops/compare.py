"""较上期: the same targets judged at an earlier date, and what changed since — figure, 完成率, light.

Owns choosing the earlier date a monthly 通报 compares with (the last day with data before the
as-of date's month), judging the snapshot's targets again on that date from the same readings
(as they stand now, corrections included), and each target's change: its figure, its 完成率 in
points, and its light (转绿, 转红 …). Pure: no I/O, no wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from daye_plan.ops.progress import Light, Progress
from daye_plan.ops.tracking import Snapshot


@dataclass(frozen=True)
class Change:
    """One target then and now."""

    then: Progress
    now: Progress

    @property
    def figure(self) -> Decimal | None:
        """The change in the figure, in the indicator's unit; None unless both dates have one (or a task)."""
        if self.now.reading is None or self.then.reading is None or not self.now.row.indicator.kind.policy.numeric:
            return None
        return self.now.reading.value - self.then.reading.value

    @property
    def attainment(self) -> Decimal | None:
        """The change in 完成率, in percentage points; None unless both dates have one."""
        if self.now.attainment is None or self.then.attainment is None:
            return None
        return self.now.attainment - self.then.attainment

    @property
    def turned(self) -> bool:
        """Its light changed from one colour to another (a first figure is not a turn: it was grey)."""
        return self.then.light is not Light.GREY and self.then.light is not self.now.light

    @property
    def first_figure(self) -> bool:
        """It had no figure then and has one now."""
        return self.then.light is Light.GREY and self.now.light is not Light.GREY


def previous_day(snapshot: Snapshot) -> dt.date | None:
    """The last day with data before the as-of date's month: what a monthly 通报 compares with."""
    month_start = snapshot.on.replace(day=1)
    days = {
        reading.as_of
        for key in {(item.row.action.id, item.row.indicator.id) for item in snapshot.items}
        for reading in snapshot.readings.get(key, ())
        if reading.as_of < month_start
    }
    return max(days, default=None)


def changes(snapshot: Snapshot, since: dt.date) -> list[Change]:
    """Every target of the snapshot, judged at `since` and at the snapshot's date, in the snapshot's order."""
    then = {item.row.key: item for item in snapshot.judged_on(since)}
    return [Change(then[item.row.key], item) for item in snapshot.items]
