"""Plan revisions: what changed in the targets between two plans (a git revision and the working tree).

Owns comparing two loaded plans' targets, keyed by (action, indicator, period, level), into added,
removed and changed entries that carry both versions and both quotes, so that a mid-year 目标调整
is visible at a glance and reviewable in a pull request. A target whose level alone changed
(plain → 确保) is paired up as changed, not removed and added. A target's 牵头单位, 责任单位 and
报送频次 in force count among its facts, so that a 责任分工 brought in by `assign` shows as the
targets whose departments changed. The plans come from the one loader
(`storage.plans.load_plan_at` reads a revision); this module reads nothing, returns values and
never prints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from daye_plan.i18n import _
from daye_plan.model.plan import Level, Plan
from daye_plan.ops import reporting

FIELDS = ("comparator", "target", "unit", "level", "kind", "quote", "lead", "partners", "cadence")
Change = Literal["added", "removed", "changed"]
Key = tuple[str, str, str, Level | None]  # action id, indicator id, period, level


@dataclass(frozen=True)
class Facts:
    """One target as a diff sees it: what it requires, in which words."""

    action_id: str
    action: str
    indicator_id: str
    indicator: str
    period: str
    period_label: str
    comparator: str | None
    target: Decimal | None
    per: str | None
    unit: str
    level: Level | None
    kind: str
    quote: str
    lead: str | None = None  # 牵头单位 in force (the indicator's, else its action's)
    partners: tuple[str, ...] = ()  # 责任单位 in force
    cadence: str | None = None  # 报送频次 in force (`reporting.frequency`)

    @property
    def key(self) -> Key:
        return (self.action_id, self.indicator_id, self.period, self.level)

    def record(self) -> dict[str, Any]:
        return {
            "comparator": self.comparator,
            "target": self.target,
            "per": self.per,
            "unit": self.unit or None,
            "level": self.level,
            "kind": self.kind,
            "quote": self.quote,
            "lead": self.lead,
            "partners": list(self.partners),
            "cadence": self.cadence,
        }


@dataclass(frozen=True)
class TargetChange:
    change: Change
    old: Facts | None
    new: Facts | None
    fields: tuple[str, ...] = ()  # for `changed`: which of FIELDS differ

    @property
    def facts(self) -> Facts:
        found = self.new or self.old
        assert found is not None
        return found

    def record(self) -> dict[str, Any]:
        """The `diff --format json` object: stable keys, both versions (null when absent)."""
        facts = self.facts
        return {
            "change": self.change,
            "action_id": facts.action_id,
            "action": facts.action,
            "indicator_id": facts.indicator_id,
            "indicator": facts.indicator,
            "period": facts.period,
            "fields": list(self.fields),
            "old": self.old.record() if self.old else None,
            "new": self.new.record() if self.new else None,
        }


def facts(plan: Plan | None) -> list[Facts]:
    """Every target of a plan in plan order; an absent plan has none."""
    if plan is None:
        return []
    found = []
    for action in plan.actions:
        for indicator in action.indicators:
            for target in indicator.targets:
                period = plan.meta.periods.get(target.period)
                found.append(
                    Facts(
                        action.id, action.name, indicator.id, indicator.name, target.period,
                        period.label if period else target.period,
                        target.cmp.value if target.cmp is not None else None,
                        target.value, target.per, indicator.unit, target.level, indicator.kind.value, target.quote,
                        action.lead_of(indicator), tuple(action.partners_of(indicator)),
                        reporting.frequency(plan.meta, action, indicator),
                    )
                )  # fmt: skip
    return found


def compare(old: Plan | None, new: Plan | None) -> list[TargetChange]:
    """Added, removed and changed targets, in the new plan's order (removed ones where they were)."""
    before = {f.key: f for f in facts(old)}
    after = {f.key: f for f in facts(new)}
    changes: list[TargetChange] = []
    for key, now in after.items():
        was = before.get(key)
        if was is None:
            changes.append(TargetChange("added", None, now))
        elif differ := _differences(was, now):
            changes.append(TargetChange("changed", was, now, differ))
    changes += [TargetChange("removed", was, None) for key, was in before.items() if key not in after]
    return _sorted(_pair_levels(changes), old, new)


def _differences(was: Facts, now: Facts) -> tuple[str, ...]:
    pairs = {
        "comparator": (was.comparator, now.comparator),
        "target": ((was.target, was.per), (now.target, now.per)),
        "unit": (was.unit, now.unit),
        "level": (was.level, now.level),
        "kind": (was.kind, now.kind),
        "quote": (was.quote, now.quote),
        "lead": (was.lead, now.lead),
        "partners": (was.partners, now.partners),
        "cadence": (was.cadence, now.cadence),
    }
    return tuple(name for name in FIELDS if pairs[name][0] != pairs[name][1])


def _pair_levels(changes: list[TargetChange]) -> list[TargetChange]:
    """A removed and an added target of one indicator and period, alone there: a level change."""

    def place(change: TargetChange) -> tuple[str, str, str]:
        return change.facts.action_id, change.facts.indicator_id, change.facts.period

    added: dict[tuple[str, str, str], list[TargetChange]] = defaultdict(list)
    removed: dict[tuple[str, str, str], list[TargetChange]] = defaultdict(list)
    for change in changes:
        if change.change != "changed":
            (added if change.change == "added" else removed)[place(change)].append(change)
    paired: list[TargetChange] = []
    used: set[int] = set()
    for here, news in added.items():
        mates = removed.get(here, [])
        if len(mates) == 1 and len(news) == 1 and mates[0].old is not None and news[0].new is not None:
            used |= {id(news[0]), id(mates[0])}
            paired.append(TargetChange("changed", mates[0].old, news[0].new, _differences(mates[0].old, news[0].new)))
    return [c for c in changes if id(c) not in used] + paired


def _sorted(changes: list[TargetChange], old: Plan | None, new: Plan | None) -> list[TargetChange]:
    order: dict[tuple[str, ...], int] = {}
    for plan in (new, old):
        for number, f in enumerate(facts(plan)):
            order.setdefault((f.action_id,), len(order))
            order.setdefault((f.action_id, f.indicator_id), number)
            order.setdefault((f.action_id, f.indicator_id, f.period), number)

    def key(change: TargetChange) -> tuple[int, int, int, int]:
        f = change.facts
        return (
            order[(f.action_id,)],
            order[(f.action_id, f.indicator_id)],
            order[(f.action_id, f.indicator_id, f.period)],
            Level.rank(f.level),
        )

    return sorted(changes, key=key)


def summary(changes: list[TargetChange]) -> str:
    """`4 changed, 1 added, 1 removed`, in the user's language."""
    counts = {kind: sum(c.change == kind for c in changes) for kind in ("changed", "added", "removed")}
    return _("{changed} changed, {added} added, {removed} removed").format(**counts)
