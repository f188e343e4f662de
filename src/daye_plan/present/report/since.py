"""较上期 as a report says it, and the part of the year a report's date closes (上半年, 前三季度).

Owns which targets a report compares with the earlier date (floors, 确保 or plain, with a figure on
either date, in the report's order), the paragraph that names the targets whose light changed
(转绿, 由绿转黄, 由红转黄, 转红) and those with a first figure — the first thing a leader reads —
and naming the report date's part of a year-long period by the date alone, whatever periods the
plan declares. The comparison itself is `ops.compare`'s. Pure: no layout, never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from daye_plan.model.plan import Period
from daye_plan.ops import compare
from daye_plan.ops.compare import Change
from daye_plan.ops.progress import Light, Progress
from daye_plan.ops.tracking import Snapshot
from daye_plan.present import labels
from daye_plan.present.figures import chinese_date

# The turns a paragraph names, in the order it names them: good news first.
TURNS = (
    ((Light.YELLOW, Light.RED), Light.GREEN),
    ((Light.GREEN,), Light.YELLOW),
    ((Light.RED,), Light.YELLOW),
    ((Light.GREEN, Light.YELLOW), Light.RED),
)


def part_of_year(period: Period, on: dt.date) -> str | None:
    """上半年 / 前三季度 when `on` closes the 6th / 9th month of a twelve-month `period`, else None."""
    if period.months != 12 or (on + dt.timedelta(days=1)).day != 1 or not period.start <= on <= period.end:
        return None
    month = (on.year - period.start.year) * 12 + on.month - period.start.month + 1
    return labels.PART_NAMES.get(month)


@dataclass(frozen=True)
class Since:
    """The report's floor targets at an earlier date and at the report's, with what changed."""

    day: dt.date
    changes: list[Change]  # floors with a figure then or now, in the report's order

    @property
    def compared(self) -> list[Change]:
        """The targets with a figure on both dates: those a change can be given for."""
        return [change for change in self.changes if change.then.reading is not None]

    @classmethod
    def of(cls, snapshot: Snapshot, items: Sequence[Progress], day: dt.date) -> Since:
        wanted = {item.row.key for item in items if item.is_floor}
        found = [
            change
            for change in compare.changes(snapshot, day)
            if change.now.row.key in wanted and (change.now.reading is not None or change.then.reading is not None)
        ]
        return cls(day, found)

    def turned(self, before: Sequence[Light], now: Light) -> list[Change]:
        return [c for c in self.changes if c.turned and c.then.light in before and c.now.light is now]

    @property
    def first(self) -> list[Change]:
        return [change for change in self.changes if change.first_figure]

    @property
    def paragraph(self) -> str:
        """`与上期（2023年2月28日）相比：转绿1项（…）；转红2项（…）；首次报送数据18项，其余目标灯色未变。`"""
        parts = []
        for before, now in TURNS:
            found = self.turned(before, now)
            if found:
                word = labels.TURN_WORDS[(before[0].value, now.value) if len(before) == 1 else now.value]
                names = labels.LIST_SEPARATOR.join(_name(change.now) for change in found)
                parts.append(labels.SINCE_TURNED.format(turn=word, count=len(found), names=names))
        if self.first:
            parts.append(labels.SINCE_FIRST.format(count=len(self.first)))
        opening = labels.SINCE_OPENING.format(date=chinese_date(self.day))
        if not parts:
            return opening + labels.SINCE_UNCHANGED
        return opening + labels.PHRASE_SEPARATOR.join(parts) + labels.SINCE_REST


def _name(item: Progress) -> str:
    return labels.SINCE_NAME.format(indicator=item.row.indicator.name, action=item.row.action.name)
