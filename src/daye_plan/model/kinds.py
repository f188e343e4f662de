"""What each kind of indicator means to the rules: one row per kind, looked up instead of branched on.

Owns `Kind` (cumulative, level, milestone) and its policy table `KINDS`: whether the figures are
numbers, whether they are year-to-date totals paced by 序时进度, the range they take when the
plan sets none, how the distance to the target is put, and which of its figures are growth rates
(judged as the plan judges growth rates: by default in 百分点 from the target, `Judging`).
Validation, progress, lint and input parsing ask `indicator.kind.policy` rather than testing for
a kind, so that a new kind of target is one row here. Pure data: no I/O, and no display words
(the kinds' Chinese labels belong to the presentation layer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from daye_plan.i18n import _
from daye_plan.model.values import Number, Strict

Range = tuple[Decimal | None, Decimal | None]
RATE_UNIT = "%"


class Kind(StrEnum):
    CUMULATIVE = "cumulative"  # year-to-date flow
    LEVEL = "level"  # point-in-time figure: rate, share, growth, running total, rank
    MILESTONE = "milestone"  # qualitative task: done or not

    @property
    def policy(self) -> KindPolicy:
        return KINDS[self]


class Gap(StrEnum):
    """How a target's distance is put: 较序时 (points behind schedule), 较目标 (from the target), or done."""

    SCHEDULE = "schedule"  # 完成率 − 序时进度 in 个百分点 while there is a 序时, else actual − target
    TARGET = "target"  # actual − target in the unit; 个百分点 for a rate
    DONE = "done"  # done or not (未完成)


class Judge(StrEnum):
    """How a numeric target is judged: by 完成率 (a ratio to the target) or by 百分点 from it."""

    RATIO = "ratio"  # 完成率 = actual / target (target / actual for a ceiling)
    POINTS = "points"  # a rate's distance from its target in 百分点; no 完成率 (22% of a 20% growth target is no 110%)
    POSITION = "position"  # a rank (名, 位): places ahead of or behind the target; no 完成率 (8th of top 10 is no 125%)


class Judging(Strict):
    """`judge:` on a target, an indicator or the plan's `growth_rates`: how targets are judged.

    By points, while the target's period runs, a figure short of its target by up to `yellow`
    points is still green and by more than `red` points red; with neither, a miss is yellow until
    the period is over (then red), as for any point-in-time target. Written `judge: points` or
    `judge: {by: points, yellow: 0.5, red: 2}`.
    """

    by: Judge
    yellow: Number | None = Field(None, description="points short of the target still green while the period runs")
    red: Number | None = Field(None, description="points short of the target beyond which it is red while it runs")

    @model_validator(mode="before")
    @classmethod
    def _word(cls, data: Any) -> Any:
        return {"by": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _ordered(self) -> Judging:
        if self.by is not Judge.POINTS and (self.yellow is not None or self.red is not None):
            raise ValueError(_("yellow and red (points) are for `by: points`; ratio targets follow the plan's lights"))
        for name, value in (("yellow", self.yellow), ("red", self.red)):
            if value is not None and value < 0:
                raise ValueError(_("{name} is a number of points short of the target, 0 or more").format(name=name))
        if self.yellow is not None and self.red is not None and self.red < self.yellow:
            raise ValueError(_("red (points short) must not be below yellow"))
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """In the JSON Schema, the short form (`judge: points`) beside the mapping."""
        return {"anyOf": [{"type": "string", "enum": [judge.value for judge in Judge]}, handler(core)]}

    @classmethod
    def points(cls, yellow: Decimal | None = None, red: Decimal | None = None) -> Judging:
        return cls(by=Judge.POINTS, yellow=yellow, red=red)

    @classmethod
    def position(cls) -> Judging:
        return cls(by=Judge.POSITION)

    @classmethod
    def ratio(cls) -> Judging:
        return cls(by=Judge.RATIO)


def figure_range(unit: str) -> Range:
    """A count or amount is never negative; a percent lies in 0..100."""
    return (Decimal(0), Decimal(100)) if unit == "%" else (Decimal(0), None)


def done_or_open(unit: str) -> Range:
    """A task's figure: 1 when done, 0 while open."""
    return Decimal(0), Decimal(1)


def growth_rate(unit: str, allowed: Range) -> bool:
    """A rate that may fall below zero (增长, 增速: bounds min < 0) is a growth rate."""
    low = allowed[0]
    return unit == RATE_UNIT and low is not None and low < 0


def never(unit: str, allowed: Range) -> bool:
    return False


@dataclass(frozen=True)
class KindPolicy:
    """What a kind means to the rules; each field is a question code asks instead of naming a kind."""

    numeric: bool  # judged by a comparator and a value in a unit; otherwise done (1) or open (0), with no unit
    paced: bool  # has a 序时进度: expected progress, lights by schedule, and a place in the 平均完成率 roll-up
    year_to_date: bool  # figures are totals since the period began (1-3月累计), so they only grow: a Q1
    # target is part of the annual one, a `per: month` target adds up, a ceiling once passed stays passed
    running_total: bool  # may be the running total (总数达) of a year-to-date indicator (`running_total_of`)
    gap: Gap
    default_range: Callable[[str], Range]  # the figures allowed when the plan sets no `bounds`, by unit
    growth_rate: Callable[[str, Range], bool]  # by unit and allowed range: judged as the plan's `growth_rates`
    by_points: bool  # may be judged by points (`judge: points`), when its unit is a rate (%)
    projectable: bool  # carried forward to its period's end: 预计全年, 每月需完成, 预计能否完成
    reported: bool  # its figures fall due by the reporting cadence (a task is reported when done)
    doubtable: bool  # its figures are checked for slips (a task's 完成 never is)
    jumps: bool  # a point-in-time figure: a change from the month before beyond `jump_tolerance` is doubted


# One row per kind, a column per question (in `KindPolicy`'s order, each explained there). Kept as
# a table, its columns aligned, so that a kind reads across and a question down.
# fmt: off
KINDS: dict[Kind, KindPolicy] = {
    #                           numeric paced  ytd    total  gap           range         growth       points proj   report doubt  jumps
    Kind.CUMULATIVE: KindPolicy(True,   True,  True,  False, Gap.SCHEDULE, figure_range, never,       True,  True,  True,  True,  False),
    Kind.LEVEL:      KindPolicy(True,   False, False, True,  Gap.TARGET,   figure_range, growth_rate, True,  False, True,  True,  True),
    Kind.MILESTONE:  KindPolicy(False,  False, False, False, Gap.DONE,     done_or_open, never,       False, False, False, False, False),
}
# fmt: on
