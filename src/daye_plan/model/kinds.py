"""What each kind of indicator means to the rules: one row per kind, looked up instead of branched on.

Owns `Kind` (cumulative, level, milestone) and its policy table `KINDS`: whether the figures are
numbers, whether they are year-to-date totals paced by 序时进度, the range they take when the
plan sets none, and how the distance to the target is put. Validation, progress, lint and input
parsing ask `indicator.kind.policy` rather than testing for a kind, so that a new kind of target
is one row here. Pure data: no I/O, and no display words (the kinds' Chinese labels belong to
the presentation layer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

Range = tuple[Decimal | None, Decimal | None]


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


def figure_range(unit: str) -> Range:
    """A count or amount is never negative; a percent lies in 0..100."""
    return (Decimal(0), Decimal(100)) if unit == "%" else (Decimal(0), None)


def done_or_open(unit: str) -> Range:
    """A task's figure: 1 when done, 0 while open."""
    return Decimal(0), Decimal(1)


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


KINDS: dict[Kind, KindPolicy] = {
    Kind.CUMULATIVE: KindPolicy(
        numeric=True, paced=True, year_to_date=True, running_total=False, gap=Gap.SCHEDULE, default_range=figure_range
    ),
    Kind.LEVEL: KindPolicy(
        numeric=True, paced=False, year_to_date=False, running_total=True, gap=Gap.TARGET, default_range=figure_range
    ),
    Kind.MILESTONE: KindPolicy(
        numeric=False, paced=False, year_to_date=False, running_total=False, gap=Gap.DONE, default_range=done_or_open
    ),
}
