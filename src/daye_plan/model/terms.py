"""The closed vocabularies a plan file writes: comparators, 确保/力争 levels, pace, lint checks.

Owns each word's value as it is written in YAML and shown in JSON (`>=`, `确保`, `months`), and
what it means for the rules (`Comparator.is_upper_bound`, `Level.is_stretch`), so that no code
compares with the literal words. The kinds of indicator have their own table (`model.kinds`).
Pure: no I/O.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

# The checks of `daye-plan lint`, as an `accepted:` entry names them, in the order findings on one line list.
LintCheck = Literal[
    "quote-in-source",
    "value-in-quote",
    "level-in-clause",
    "sub-targets",
    "share-vs-count",
    "checkpoint-vs-year",
    "same-measure",
    "running-total",
    "level-order",
    "linked-mismatch",
    "figure-not-quoted",
    "draft-review",
]
# Earlier names of checks, still read in `accepted:` entries.
OLD_CHECK_NAMES = {"q1-vs-annual": "checkpoint-vs-year"}


class Comparator(StrEnum):
    """How an actual is judged against a target value."""

    AT_LEAST = ">="  # 不少于, 不低于, 以上, 达到
    MORE_THAN = ">"  # 超过, 大于, 突破
    AT_MOST = "<="  # 以内, 压减至
    LESS_THAN = "<"
    EQUAL = "=="
    ABOUT = "~"  # 左右

    @property
    def is_upper_bound(self) -> bool:
        return self in (Comparator.AT_MOST, Comparator.LESS_THAN)


class Level(StrEnum):
    """确保 (the floor that must be met) or 力争 (the stretch); a plain target has none and is a floor.

    A StrEnum: it equals, prints and serialises as its word, as the plan files write it.
    """

    ENSURE = "确保"
    STRIVE = "力争"

    @property
    def is_stretch(self) -> bool:
        """A stretch: shown beside its floor, and left out of roll-ups, since missing it is no failure."""
        return self is Level.STRIVE

    @staticmethod
    def rank(level: Level | None) -> int:
        """Floors (plain or 确保) before stretches, for listings in plan order."""
        return 1 if level is not None and level.is_stretch else 0


class Pace(StrEnum):  # how 序时进度 runs through a period: by days, whole months, or the plan's checkpoints
    DAYS = "days"
    MONTHS = "months"
    CHECKPOINTS = "checkpoints"
