"""A proposed target, and the context a sentence is read in: the values the stages pass on.

Owns `Proposal` — one figure read as a target, with the indicator it would belong to (by name),
its period, comparator, level, kind, parent, departments, notes and quote span — and `Context`,
what a sentence is read against. Data only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.ops.draft import words
from daye_plan.ops.draft.figures import Figure
from daye_plan.ops.draft.periods import PeriodSpan, Vocabulary
from daye_plan.ops.draft.text import Source


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
    def unit(self) -> str:
        return self.figure.unit

    @property
    def share(self) -> bool:
        return self.name.endswith(words.SHARE_NAMES)


@dataclass(frozen=True)
class Context:
    """What a sentence is read against: the text, the periods, the plan year and its place."""

    source: Source
    periods: Vocabulary
    year: int | None
    section: PeriodSpan | None
    heading: int | None
    masked: Callable[[int], bool]
