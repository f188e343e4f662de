"""排名 (位次): actions and 牵头单位 ranked by one documented score, with the change since an earlier date.

Owns the score a 通报 ranks by and the rank itself, for the report, the 通报 and the Excel workbook
alike. The score follows the county 通报 that count the items 达到计划进度 and their share (a group's
floor targets — 确保 or plain — that are green: met, or on or ahead of 序时), then break ties by how
far the group's paced targets stand ahead of 序时 on average (完成率 − 序时进度, in points). Equal
scores share a place (1, 2, 2, 4); a group with no figure at all is left unranked, after the others,
and one with no floor target (only 力争 stretches) is not listed.
The change is the places moved since the earlier date, judged by the same judge: positive moved up.
Also owns each group's mean 完成率 and mean 序时 of the same targets, which the bar charts draw.
Pure: judgements in, standings out; no wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from daye_plan.model.plan import Action
from daye_plan.ops.progress import HUNDRED, Light, Progress
from daye_plan.ops.rollup import lead_groups

Groups = Sequence[tuple[str, Sequence[Progress]]]  # (name, its judged targets), in the order to list ties


@dataclass(frozen=True)
class Score:
    """What a group is ranked by, and the means its bar chart draws."""

    targets: int  # floor targets (确保 or plain)
    on_schedule: int  # of which green: met, or on or ahead of 序时
    reported: int  # of which have a figure
    lead: Decimal | None  # mean 完成率 − 序时进度 of its paced floor targets with a figure, in points
    attainment: Decimal | None  # their mean 完成率
    expected: Decimal | None  # their mean 序时进度

    @property
    def share(self) -> Decimal | None:
        """The share of its floor targets that are green, in percent."""
        return Decimal(self.on_schedule) / self.targets * HUNDRED if self.targets else None

    @property
    def ranked(self) -> bool:
        """A group is ranked once some target of it has a figure."""
        return self.reported > 0

    def key(self) -> tuple[Decimal, Decimal]:
        """Higher is better: the share on schedule, then the lead over 序时 (none: below any)."""
        lowest = Decimal("-Infinity")
        return (self.share if self.share is not None else lowest, self.lead if self.lead is not None else lowest)


def score(items: Iterable[Progress]) -> Score:
    """The score of one group's judged targets: its floors counted, its 力争 stretches left out."""
    targets = on_schedule = reported = 0
    leads: list[Decimal] = []
    attained: list[Decimal] = []
    expected: list[Decimal] = []
    for item in items:
        if not item.is_floor:
            continue
        targets += 1
        on_schedule += item.light is Light.GREEN
        reported += item.reading is not None
        if item.row.indicator.kind.policy.paced and item.attainment is not None and item.expected is not None:
            leads.append(item.attainment - item.expected)
            attained.append(item.attainment)
            expected.append(item.expected)
    return Score(targets, on_schedule, reported, _mean(leads), _mean(attained), _mean(expected))


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


@dataclass(frozen=True)
class Standing:
    """One group's place: its score, its rank (None: no figure yet), and its rank at the earlier date."""

    name: str
    score: Score
    rank: int | None
    before: int | None = None  # None: no earlier date, or unranked then

    @property
    def moved(self) -> int | None:
        """Places moved up since the earlier date (negative: down); None where either rank is missing."""
        if self.rank is None or self.before is None:
            return None
        return self.before - self.rank


def rank(groups: Groups, earlier: Groups | None = None) -> list[Standing]:
    """The groups by rank, best first; ties share a place and keep the given order; unranked groups
    last, in the given order. With `earlier` (the same groups judged at an earlier date), each
    standing carries its rank then."""
    places = _places(groups)
    before = _places(earlier) if earlier is not None else {}
    order = {name: index for index, (name, _) in enumerate(groups)}
    standings = [
        Standing(name, found, places.get(name), before.get(name)) for name, found in _scores(groups) if found.targets
    ]
    return sorted(standings, key=lambda s: (s.rank is None, s.rank or 0, order[s.name]))


def _scores(groups: Groups) -> list[tuple[str, Score]]:
    return [(name, score(items)) for name, items in groups]


def _places(groups: Groups) -> dict[str, int]:
    """Each ranked group's place: 1 + the number of groups with a strictly better score."""
    scored = [(name, found.key()) for name, found in _scores(groups) if found.ranked]
    return {name: 1 + sum(1 for _, other in scored if other > key) for name, key in scored}


def action_groups(actions: Sequence[Action], items: Iterable[Progress]) -> list[tuple[str, list[Progress]]]:
    """Targets by action, in plan order; only the actions with targets here."""
    groups: dict[str, list[Progress]] = {action.id: [] for action in actions}
    for item in items:
        groups.setdefault(item.row.action.id, []).append(item)
    return [(action.name, groups[action.id]) for action in actions if groups[action.id]]


def department_groups(items: Iterable[Progress]) -> list[tuple[str, list[Progress]]]:
    """Targets by 牵头单位, in the order the plan first names each; targets without one are no
    department's and are not ranked."""
    return [(lead, group) for lead, group in lead_groups(items) if lead is not None]
