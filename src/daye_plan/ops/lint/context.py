"""What every lint check works with: a plan's targets by indicator, period and tier, and where they are.

Owns the `Context` a check is handed with the plan: each indicator's numeric targets as `Site`s
keyed by (period, tier) — 确保 and plain targets are the floor, 力争 the stretch — their period
values and how they are shown (`≥ 135 个`), the 其中 parts of each indicator, and the file
position of any location in the plan (kept by the loader), and the source document's text when
the caller hands it in (`SourceText`), so that a check is a short pure function. Everything is looked up in dicts built once per plan. Never prints, reads no file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from daye_plan.model import units
from daye_plan.model.numbers import CMP_SIGNS, quantity
from daye_plan.model.plan import Action, Comparator, Indicator, Plan, Target
from daye_plan.model.positions import Loc
from daye_plan.ops.lint.findings import Finding, Said, Severity
from daye_plan.ops.progress import Criterion

HUNDRED = Decimal(100)
LOWER_BOUNDS = (Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.EQUAL, Comparator.ABOUT)
FLOOR, STRETCH = "floor", "stretch"  # a target's tier: plain or 确保, or 力争
Tiers = dict[tuple[str, str], "Site"]  # (period, tier) → the first numeric target there


@dataclass(frozen=True)
class Site:
    """A numeric target with its indicator and action, and its location in the action's file."""

    action: Action
    indicator: Indicator
    target: Target
    loc: Loc

    @property
    def key(self) -> str:
        return f"{self.action.id}.{self.indicator.id}"

    @property
    def tier(self) -> str:
        return STRETCH if self.target.is_stretch else FLOOR


@dataclass(frozen=True)
class SourceText:
    """The plan's published document as read beside plan.yaml: its text, or why there is none."""

    path: Path | str  # where it is, as findings name it
    text: str | None  # None when it could not be read
    problem: str | None = None  # why not: `file not found`, `not valid UTF-8 text` …


class Context:
    """A plan prepared for its checks: targets by tier, parts by whole, positions by location, and
    the source document when the caller read it (`source`; None leaves the source checks out)."""

    def __init__(self, plan: Plan, source: SourceText | None = None) -> None:
        self.plan = plan
        self.source = source
        self._tiers: dict[tuple[str, str], Tiers] = {}

    @cached_property
    def _number(self) -> dict[tuple[str, str], int]:
        """Each indicator's item number in its action's file."""
        return {
            (action.id, indicator.id): number
            for action in self.plan.actions
            for number, indicator in enumerate(action.indicators)
        }

    @cached_property
    def _parts(self) -> dict[tuple[str, str], list[Indicator]]:
        found: dict[tuple[str, str], list[Indicator]] = {}
        for action, indicator in self.walk():
            if indicator.parent is not None:
                found.setdefault((action.id, indicator.parent), []).append(indicator)
        return found

    def walk(self) -> Iterator[tuple[Action, Indicator]]:
        """Every indicator with its action, in plan order."""
        for action in self.plan.actions:
            for indicator in action.indicators:
                yield action, indicator

    def parts(self, action: Action, whole: Indicator) -> list[Indicator]:
        """The 其中 parts of `whole` (indicators whose parent it is), in file order."""
        return self._parts.get((action.id, whole.id), [])

    def finding(
        self,
        check: str,
        severity: Severity,
        at: tuple[str, Loc],
        message: Said,
        keys: Sequence[str],
        quotes: Sequence[str] = (),
    ) -> Finding:
        """A finding at location `at` (action id, location in its file), each key and quote once."""
        path, line, _ = self.plan.positions.at(*at)
        return Finding(check, severity, message, tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(quotes)), path, line)

    def meta_finding(
        self, check: str, severity: Severity, field: str, message: Said, quotes: Sequence[str] = ()
    ) -> Finding:
        """A finding at a field of plan.yaml (its `source:` line)."""
        meta = self.plan.positions.meta
        if meta is None:
            return Finding(check, severity, message, (), tuple(quotes))
        return Finding(check, severity, message, (), tuple(quotes), meta.path, meta.mark((field,))[0])

    def indicator_loc(self, action: Action, indicator: Indicator, *rest: str) -> tuple[str, Loc]:
        return action.id, ("indicators", self._number[(action.id, indicator.id)], *rest)

    def sites(self, action: Action, indicator: Indicator) -> list[Site]:
        """An indicator's numeric targets, in file order."""
        here = self._number[(action.id, indicator.id)]
        return [
            Site(action, indicator, target, ("indicators", here, "targets", number))
            for number, target in enumerate(indicator.targets)
            if target.cmp is not None
        ]

    def tiers(self, action: Action, indicator: Indicator) -> Tiers:
        """An indicator's numeric targets by (period, tier); the first one where two share a tier."""
        key = (action.id, indicator.id)
        found = self._tiers.get(key)
        if found is None:
            found = {}
            for site in self.sites(action, indicator):
                found.setdefault((site.target.period, site.tier), site)
            self._tiers[key] = found
        return found

    def value(self, site: Site) -> Decimal:
        """A target's value for its whole period (`per: month` targets times the months)."""
        value = site.target.period_value(self.plan.meta.periods[site.target.period])
        assert value is not None
        return value

    def shown(self, site: Site, unit: str | None = None) -> str:
        """`≥ 135 个`, a target as the reader knows it (in `unit` when converted)."""
        assert site.target.cmp is not None
        value = convert(self.value(site), site.indicator.unit, unit or site.indicator.unit)
        return f"{CMP_SIGNS[site.target.cmp.value]} {quantity(value, unit or site.indicator.unit)}"

    def label(self, period: str) -> str:
        return self.plan.meta.periods[period].label

    def holds(self, site: Site, actual: Decimal, value: Decimal) -> bool:
        """Whether `actual` meets the site's target (at `value`): the progress rules, not a copy of them."""
        target = site.target
        assert target.cmp is not None
        rises = site.indicator.rises(target)
        return Criterion(target.cmp, value, self.plan.meta.approx_tolerance, rises, target.two_sided).met(actual)


def compatible(unit: str, other: str) -> bool:
    """Whether figures in `other` convert to `unit` (亿元 and 万元 do; 个 and 家 do not)."""
    return other in units.compatible_units(unit)


def convert(value: Decimal, source: str, target: str) -> Decimal:
    return value if source == target else units.convert(value, source, target)
