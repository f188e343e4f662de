"""The one roll-up (汇总): judged targets counted per action, per 牵头单位 and per period.

Owns how judged targets add up, for `status`, the Excel workbook and the report alike: floors
(确保 or plain) counted per light, how many are met, how many keep pace, the mean 完成率 of the
paced ones, the 力争 stretches beside them but never counted; one period at a time, since a
finished 一季度 and the running year are not one average; 双过半 at mid-year, each measure
once; and the checkpoints that fell due inside a longer period (一季度 开门红 in the year's report),
met on time, met late, short or never reported. Pure: judgements in, counts out; no wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from daye_plan.model.plan import Action, PlanMeta
from daye_plan.ops.judge import Key, distinct
from daye_plan.ops.progress import Light, Progress
from daye_plan.ops.reporting import LATE, MISSING

# The order lights are counted and drawn in: good news first, missing data last.
LIGHTS = (Light.GREEN, Light.YELLOW, Light.RED, Light.GREY)


@dataclass(frozen=True)
class Tally:
    """One roll-up row: floor targets (确保 or plain) per light, how many are met, mean 完成率."""

    name: str
    counts: dict[Light, int]
    met: int
    average: Decimal | None  # mean 完成率 of the paced floor targets that have one
    stretches: int  # 力争 targets: shown, not counted

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def on_schedule(self) -> int:
        """Green but not yet met: a cumulative target keeping pace with 序时进度."""
        return self.counts[Light.GREEN] - self.met

    @property
    def behind(self) -> int:
        return self.counts[Light.YELLOW] + self.counts[Light.RED]


def tally(name: str, items: Iterable[Progress]) -> Tally:
    """The roll-up of `items`: floors counted, stretches only numbered."""
    counts = dict.fromkeys(LIGHTS, 0)
    met = stretches = 0
    attained: list[Decimal] = []
    for item in items:
        if not item.is_floor:
            stretches += 1
            continue
        counts[item.light] += 1
        met += bool(item.met)
        if item.row.indicator.kind.policy.paced and item.attainment is not None:
            attained.append(item.attainment)
    average = sum(attained, Decimal(0)) / len(attained) if attained else None
    return Tally(name, counts, met, average, stretches)


def by_action(actions: Sequence[Action], items: Sequence[Progress], *, keep_empty: bool = True) -> list[Tally]:
    """One tally per action, in plan order (without `keep_empty`, only the actions with targets here)."""
    groups: dict[str, list[Progress]] = {action.id: [] for action in actions}
    for item in items:
        groups.setdefault(item.row.action.id, []).append(item)
    return [tally(action.name, groups[action.id]) for action in actions if keep_empty or groups[action.id]]


def lead_groups(items: Iterable[Progress]) -> list[tuple[str | None, list[Progress]]]:
    """Targets by 牵头单位 in the order the plan first names each; those with none last."""
    groups: dict[str | None, list[Progress]] = {}
    for item in items:
        groups.setdefault(item.row.lead, []).append(item)
    return sorted(groups.items(), key=lambda group: group[0] is None)


def period_groups(meta: PlanMeta, items: Iterable[Progress]) -> list[tuple[str, list[Progress]]]:
    """Targets by period: the year first, then the checkpoints, then any other, each as the plan
    declares it; only the periods with targets here."""
    groups: dict[str, list[Progress]] = {}
    for item in items:
        groups.setdefault(item.row.target.period, []).append(item)
    order = [meta.main_period, *meta.checkpoints, *meta.periods]
    ranked = {name: index for index, name in reversed(list(enumerate(order)))}
    return sorted(groups.items(), key=lambda group: ranked.get(group[0], len(order)))


@dataclass(frozen=True)
class Halfway:
    """双过半 at mid-year: the paced floor targets, each measure once, past half and short of it."""

    members: list[Progress]

    @property
    def past(self) -> list[Progress]:
        return [item for item in self.members if item.halfway]

    @property
    def short(self) -> list[Progress]:
        return [item for item in self.members if not item.halfway]


def halfway(items: Iterable[Progress], owners: Mapping[Key, Key]) -> Halfway | None:
    """双过半 of `items` where it applies (a year-long period at its 6th month's end); None elsewhen."""
    members = [item for item in items if item.is_floor and item.halfway is not None]
    return Halfway(distinct(members, owners)) if members else None


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint (一季度 开门红 …) that fell due before the report's date: its floor targets, each
    measure once, as the judge found them — met on time, met late, short, never reported."""

    period: str  # the checkpoint's id
    members: list[Progress]

    @property
    def on_time(self) -> list[Progress]:
        return [item for item in self.members if item.met and LATE not in item.flags]

    @property
    def late(self) -> list[Progress]:
        """Met, on the first figure after the deadline (逾期完成)."""
        return [item for item in self.members if item.met and LATE in item.flags]

    @property
    def short(self) -> list[Progress]:
        """Reported and not met, in time or late (未完成, 逾期未完成)."""
        return [item for item in self.members if item.reading is not None and not item.met]

    @property
    def missing(self) -> list[Progress]:
        """No figure at all once its figures were due (未报送)."""
        return [item for item in self.members if item.reading is None and MISSING in item.flags]

    @property
    def pending(self) -> list[Progress]:
        """No figure yet, its figures not yet due."""
        return [item for item in self.members if item.reading is None and MISSING not in item.flags]


def checkpoints_due(
    meta: PlanMeta, period: str, judged: Mapping[str, Sequence[Progress]], on: dt.date, owners: Mapping[Key, Key]
) -> list[Checkpoint]:
    """The checkpoints inside `period` that ended before `on` (一季度 in the year's report at mid-year),
    earliest first, from `judged` (each period's targets judged at `on`, by period id)."""
    outer = meta.periods[period]
    found = []
    for name in meta.checkpoints:
        inner = meta.periods[name]
        if name == period or not (outer.start <= inner.start and inner.end < outer.end and inner.end < on):
            continue
        members = [item for item in judged.get(name, ()) if item.is_floor]
        if members:
            found.append(Checkpoint(name, distinct(members, owners)))
    return found
