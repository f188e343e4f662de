"""The prefecture's view: the same common indicators across regions, each judged by its own plan, ranked.

Owns aligning regions on the catalogue's codes (`model.measures`, or a plan's own `code:`): for
each region the target of a measure it holds — the year's floor (确保 or plain; the 力争 stretch
where the plan sets nothing firmer), the measure kept
once where a plan restates it in two actions — as the one judge judged it at the overview's date;
one row per measure that two regions or more hold, the regions ranked on it; and, per region, the
indicators that carry no code, listed apart rather than guessed into a row. Regions are ranked by
their standing against their own target, since their targets differ: a paced target by 完成率 −
序时进度, a rate by its 百分点 from the target, a rank by its places, any other by 完成率 − 100;
equal standings share a place, and a region without a figure is not ranked (as a prefecture's
通报 marks a county without a target `-` and gives it no 位次); nor is any region where they are judged
alike only in name (one by 百分点, another by 完成率). `judged_regions` reads and judges every region
of a plan year; the rest is pure: judged targets in, rows out, no wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from daye_plan.model import measures
from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import Judge
from daye_plan.ops import tracking
from daye_plan.ops.progress import HUNDRED, Progress
from daye_plan.storage import plans

NAMES = {measure.code: measure.name for measure in measures.CATALOGUE}
ORDER = {code: index for index, code in enumerate(NAMES)}


@dataclass(frozen=True)
class Region:
    """One region's targets judged at the overview's date (every period's; the year's are taken)."""

    name: str
    year_period: str | None  # the id of its plan's year, if it declares one
    items: Sequence[Progress]


@dataclass(frozen=True)
class Standing:
    """One region on one measure: the target it set, what it reached, and its place among the regions."""

    region: str
    item: Progress
    rank: int | None  # 1 the best; None without a figure

    @property
    def row(self) -> TargetRow:
        return self.item.row


@dataclass(frozen=True)
class Line:
    """One common measure across the regions that hold it, best first (those without a figure last)."""

    code: str
    name: str  # the catalogue's name, else the first region's wording
    standings: list[Standing]


@dataclass(frozen=True)
class Overview:
    on: dt.date
    regions: list[str]
    lines: list[Line]
    uncoded: dict[str, list[Progress]]  # per region: its year's floor targets whose indicator has no code
    alone: dict[str, list[Line]]  # per region: the common measures no other region holds


def standing(item: Progress) -> Decimal | None:
    """How far ahead of its own target a region stands on a measure (negative behind); None without a figure."""
    if item.reading is None:
        return None
    if item.judge is not Judge.RATIO:
        return item.gap  # 百分点 for a rate, places for a rank: positive ahead, negative behind
    if item.schedule_gap is not None:
        return item.schedule_gap
    return None if item.attainment is None else item.attainment - HUNDRED


def overview(regions: Sequence[Region], on: dt.date) -> Overview:
    """Align `regions` on their measures' codes, in the catalogue's order (a plan's own codes after it)."""
    held: dict[str, list[tuple[str, Progress]]] = {}
    uncoded: dict[str, list[Progress]] = {}
    for region in regions:
        seen: set[str] = set()
        for item in _year_targets(region):
            code = item.row.indicator.measure
            if code is None:
                uncoded.setdefault(region.name, []).append(item)
            elif code not in seen:  # a measure restated in a second action (same_as) counts once
                seen.add(code)
                held.setdefault(code, []).append((region.name, item))
    lines = [
        Line(code, NAMES.get(code, found[0][1].row.indicator.name), _ranked(found)) for code, found in held.items()
    ]
    lines.sort(key=lambda line: (ORDER.get(line.code, len(ORDER)), line.code))
    alone: dict[str, list[Line]] = {}
    for line in lines:
        if len(line.standings) == 1:
            alone.setdefault(line.standings[0].region, []).append(line)
    shared = [line for line in lines if len(line.standings) >= 2]
    return Overview(on, [region.name for region in regions], shared, uncoded, alone)


def _year_targets(region: Region) -> list[Progress]:
    """A region's numeric targets for its plan year, one per indicator: the floor (确保 or plain),
    else the 力争 stretch where that is all the plan sets."""
    chosen: dict[tuple[str, str], Progress] = {}
    for item in region.items:
        row = item.row
        if row.target.period != region.year_period or not row.indicator.kind.policy.numeric:
            continue
        key = (row.action.id, row.indicator.id)
        kept = chosen.get(key)
        if kept is None or (item.is_floor and not kept.is_floor):
            chosen[key] = item
    return list(chosen.values())


def _ranked(found: list[tuple[str, Progress]]) -> list[Standing]:
    """The regions best first, in the given order where they stand alike; those without a figure last."""
    scored: list[tuple[Decimal, int, str, Progress]] = []
    unranked: list[Standing] = []
    alike = len({item.judge for _, item in found if item.reading is not None}) <= 1
    for index, (region, item) in enumerate(found):
        score = standing(item) if alike else None
        if score is None:
            unranked.append(Standing(region, item, None))
        else:
            scored.append((score, index, region, item))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    standings: list[Standing] = []
    place, previous = 0, None
    for position, (score, _, region, item) in enumerate(scored, start=1):
        if score != previous:
            place, previous = position, score
        standings.append(Standing(region, item, place))
    return standings + unranked


def judged_regions(root: Path, year: int, on: dt.date) -> list[Region]:
    """Every region of plan year `year`, its plan's targets judged at `on` from its own figures."""
    found: list[Region] = []
    for name, folder in plans.regions(root, year).items():
        plan = plans.load_plan(folder)
        snap = tracking.snapshot(plan, folder, plan.actions, None, on)
        found.append(Region(name, plan.meta.year_period, snap.items))
    return found
