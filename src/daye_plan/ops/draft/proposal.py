"""A proposed target, and the context a sentence is read in: the values the stages pass on.

Owns `Proposal` — one figure read as a target, with the indicator it would belong to (by name),
its period, comparator, level, kind, parent, departments, notes and quote span — `Task`, a target
without a number (a dated milestone, or a target set against another: 高于全市平均), and
`Context`, what a sentence is read against. Data only.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.ops.draft import words
from daye_plan.ops.draft.figures import Figure
from daye_plan.ops.draft.periods import PeriodSpan, Vocabulary
from daye_plan.ops.draft.text import Source

MILESTONE, RELATIVE = "milestone", "relative"


@dataclass
class Proposal:
    """One proposed target, with the indicator it would belong to (by name) and how it was read."""

    figure: Figure
    quote: tuple[int, int]
    name: str
    period: PeriodSpan
    comparator: str = words.AT_LEAST
    level: str | None = None
    kind: str = "cumulative"
    per: str | None = None
    bounds: tuple[Decimal | None, Decimal | None] | None = None
    paren: bool = False
    generic: bool = False
    label: str | None = None  # the name of the clause or block label before it, for a name that needs one
    parent: Proposal | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    heading: int | None = None

    @property
    def value(self) -> Decimal:
        return self.figure.value

    @property
    def high(self) -> Decimal | None:
        """The upper end of a range (增长8%-10%), in the unit of the value."""
        return self.figure.high

    @property
    def unit(self) -> str:
        return self.figure.unit

    @property
    def position(self) -> int:
        return self.figure.start

    @property
    def share(self) -> bool:
        return self.name.endswith(words.SHARE_NAMES)


@dataclass
class Task:
    """A target without a number: a task with a date (`MILESTONE`: 一季度完成摘地) or one set against
    another figure (`RELATIVE`: 增速高于全市平均水平, 与经济增长同步, 完成上级下达目标), for the
    analyst to complete. `anchor` is the span of the words that make it one (the date, the reference)."""

    kind: str
    anchor: tuple[int, int]
    quote: tuple[int, int]
    name: str
    period: PeriodSpan
    level: str | None = None
    relative: str | None = None  # what a RELATIVE target is set against, as the text says it
    lead: str | None = None
    partners: tuple[str, ...] = ()
    heading: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def position(self) -> int:
        return self.anchor[0]


@dataclass(frozen=True)
class Context:
    """What a sentence is read against: the text, the periods, the plan year and its place."""

    source: Source
    periods: Vocabulary
    year: int | None
    section: PeriodSpan | None
    heading: int | None
    mask: Mask
    kind: str | None = None  # report.REVIEW or report.PROGRESS when its section reports on the past

    def masked(self, position: int) -> bool:
        return self.mask.covers(position)


@dataclass(frozen=True)
class Mask:
    """Spans of text that belong to no clause (a department note's parentheses), in order."""

    spans: tuple[tuple[int, int], ...] = ()

    def covers(self, position: int) -> bool:
        index = bisect_right(self.spans, (position, sys.maxsize)) - 1
        return index >= 0 and position < self.spans[index][1]
