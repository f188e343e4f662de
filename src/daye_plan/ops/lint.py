"""Checking a plan against itself: the findings of `daye-plan lint`.

Owns the consistency checks of a loaded plan — 其中 parts against their whole, derived shares
against the counts they come from, Q1 against annual targets and the plan's Q1 rule, one
measure kept in two actions, running totals against additions, 确保 against 力争, linked
indicators that disagree in unit or kind — and matching findings to the plan's `accepted:`
entries. Findings are values with a file position; this module never prints, never exits and
never imports rich. It reads no file itself: `locate` has `store` read the plan files again for
their line numbers, since a loaded `Plan` keeps none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import get_args

from daye_plan.model import units
from daye_plan.model.errors import DayePlanError, display_path
from daye_plan.model.numbers import CMP_SIGNS, number, quantity
from daye_plan.model.plan import Action, Comparator, Indicator, Kind, LintCheck, Plan, Target
from daye_plan.model.rules import Loc
from daye_plan.ops.progress import met
from daye_plan.storage import plans as store
from daye_plan.storage import yamlfile

HUNDRED = Decimal(100)
STALE = "stale-accepted"
CHECKS: tuple[str, ...] = (*get_args(LintCheck), STALE)
LOWER_BOUNDS = (Comparator.AT_LEAST, Comparator.MORE_THAN, Comparator.EQUAL, Comparator.ABOUT)
FLOOR, STRETCH = "floor", "stretch"  # a target's tier: plain or 确保, or 力争


class Severity(StrEnum):
    ERROR = "error"  # the plan contradicts itself: `lint` exits 1
    WARNING = "warning"  # figures that disagree: `lint --strict` exits 1
    INFO = "info"  # something the figures imply, for the reader


@dataclass(frozen=True)
class Finding:
    """One thing `lint` found: at `path:line`, with the indicators and source quotes involved."""

    check: str
    severity: Severity
    message: str
    indicators: tuple[str, ...]  # `action.indicator`, the one it is reported at first
    quotes: tuple[str, ...] = ()
    path: Path | None = None
    line: int | None = None
    accepted: str | None = None  # the reason of the `accepted:` entry that covers it

    @property
    def blocking(self) -> bool:
        """Whether this fails `lint` (errors) — `lint --strict` fails on warnings too."""
        return self.accepted is None and self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}" if self.path is not None else "plan"
        if self.accepted is not None:
            return f"{where}: accepted {self.severity.value}: [{self.check}] {self.message} (reason: {self.accepted})"
        return f"{where}: {self.severity.value}: [{self.check}] {self.message}"

    def record(self) -> dict[str, object]:
        """The stable keys of `lint --format json`."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "path": display_path(self.path) if self.path is not None else None,
            "line": self.line,
            "indicators": list(self.indicators),
            "message": self.message,
            "quotes": list(self.quotes),
            "accepted": self.accepted,
        }


@dataclass(frozen=True)
class Positions:
    """Where each action's file is and the line of every value in it."""

    files: Mapping[str, tuple[Path, yamlfile.Located]] = field(default_factory=dict)

    def at(self, action_id: str, loc: Loc) -> tuple[Path | None, int | None]:
        if action_id not in self.files:
            return None, None
        path, located = self.files[action_id]
        return path, located.mark(loc)[0]


def locate(directory: Path, plan: Plan) -> Positions:
    """The positions of the plan's action files in `directory` (as `store.load_plan` read them)."""
    files: dict[str, tuple[Path, yamlfile.Located]] = {}
    for action in plan.actions:
        path = directory / f"{action.id}.yaml"
        try:
            files[action.id] = (path, yamlfile.parse(store.read_text(path), path))
        except DayePlanError:  # changed since it was loaded: findings go without a line
            continue
    return Positions(files)


def lint(plan: Plan, positions: Positions | None = None) -> list[Finding]:
    """Every finding on `plan`, matched to its `accepted:` entries, in file order."""
    checker = _Checker(plan, positions or Positions())
    checker.run()
    findings = checker.accept()
    order = {action.id: index for index, action in enumerate(plan.actions)}

    def position(finding: Finding) -> tuple[int, int, int]:
        action_id = finding.path.stem if finding.path is not None else finding.indicators[0].partition(".")[0]
        return order.get(action_id, len(order)), finding.line or 0, CHECKS.index(finding.check)

    return sorted(findings, key=position)


def failed(findings: Sequence[Finding], strict: bool) -> bool:
    """Whether `lint` exits 1: an error not accepted, or with `strict` a warning not accepted."""
    return any(f.blocking or (strict and f.accepted is None and f.severity is Severity.WARNING) for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    """`lint: 0 errors, 1 warning, 3 info; 8 accepted`."""
    open_ = [f for f in findings if f.accepted is None]
    counts = {severity: sum(f.severity is severity for f in open_) for severity in Severity}

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

    shown = ", ".join(plural(counts[s], s.value) for s in Severity)
    return f"lint: {shown}; {len(findings) - len(open_)} accepted"


@dataclass(frozen=True)
class _Site:
    """A target with its indicator and action, and its position in the action's file."""

    action: Action
    indicator: Indicator
    target: Target
    loc: Loc

    @property
    def key(self) -> str:
        return f"{self.action.id}.{self.indicator.id}"

    @property
    def tier(self) -> str:
        return STRETCH if self.target.level == "力争" else FLOOR


class _Checker:
    def __init__(self, plan: Plan, positions: Positions) -> None:
        self.plan = plan
        self.positions = positions
        self.findings: list[Finding] = []
        self.index: dict[str, int] = {}
        for action in plan.actions:
            for number_, indicator in enumerate(action.indicators):
                self.index[f"{action.id}.{indicator.id}"] = number_

    # -- plumbing -------------------------------------------------------------------------------

    def add(
        self,
        check: str,
        severity: Severity,
        at: tuple[str, Loc],
        message: str,
        keys: Sequence[str],
        quotes: Sequence[str] = (),
    ) -> None:
        path, line = self.positions.at(*at)
        self.findings.append(
            Finding(check, severity, message, tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(quotes)), path, line)
        )

    def sites(self, action: Action, indicator: Indicator) -> list[_Site]:
        here = self.index[f"{action.id}.{indicator.id}"]
        return [
            _Site(action, indicator, target, ("indicators", here, "targets", number_))
            for number_, target in enumerate(indicator.targets)
            if target.cmp is not None
        ]

    def tiers(self, action: Action, indicator: Indicator) -> dict[tuple[str, str], _Site]:
        """An indicator's numeric targets by (period, tier); the first one where two share a tier."""
        found: dict[tuple[str, str], _Site] = {}
        for site in self.sites(action, indicator):
            found.setdefault((site.target.period, site.tier), site)
        return found

    def value(self, site: _Site) -> Decimal:
        value = site.target.period_value(self.plan.meta.periods[site.target.period])
        assert value is not None
        return value

    def shown(self, site: _Site, unit: str | None = None) -> str:
        """`≥ 135 个`, a target as the reader knows it (in `unit` when converted)."""
        assert site.target.cmp is not None
        value = _convert(self.value(site), site.indicator.unit, unit or site.indicator.unit)
        return f"{CMP_SIGNS[site.target.cmp.value]} {quantity(value, unit or site.indicator.unit)}"

    def label(self, period: str) -> str:
        return self.plan.meta.periods[period].label

    def walk(self) -> Iterator[tuple[Action, Indicator]]:
        for action in self.plan.actions:
            for indicator in action.indicators:
                yield action, indicator

    def indicator_loc(self, action: Action, indicator: Indicator, *rest: str) -> tuple[str, Loc]:
        return action.id, ("indicators", self.index[f"{action.id}.{indicator.id}"], *rest)

    # -- the checks -----------------------------------------------------------------------------

    def run(self) -> None:
        for action, indicator in self.walk():
            self.sub_targets(action, indicator)
            self.share_vs_count(action, indicator)
            self.q1_vs_annual(action, indicator)
            self.same_measure(action, indicator)
            self.running_total(action, indicator)
            self.level_order(action, indicator)
            self.linked_mismatch(action, indicator)
        self.same_name()

    def sub_targets(self, action: Action, parent: Indicator) -> None:
        """其中 parts against their whole: parts summing past it, or buckets that do not add up to it."""
        parts = [
            i
            for i in action.indicators
            if i.parent == parent.id and _compatible(i.unit, parent.unit) and i.kind is not Kind.MILESTONE
        ]
        if not parts or parent.kind is Kind.MILESTONE:
            return
        part_tiers = [self.tiers(action, part) for part in parts]
        for (period, tier), whole in self.tiers(action, parent).items():
            if whole.target.cmp not in LOWER_BOUNDS:
                continue
            present = [
                tiers[(period, tier)]
                for tiers in part_tiers
                if (period, tier) in tiers and tiers[(period, tier)].target.cmp in LOWER_BOUNDS
            ]
            if not present:
                continue
            total = sum((_convert(self.value(s), s.indicator.unit, parent.unit) for s in present), Decimal(0))
            terms = " + ".join(
                f"{s.indicator.name} {number(_convert(self.value(s), s.indicator.unit, parent.unit))}" for s in present
            )
            whole_text = f"{parent.name} {self.shown(whole)}"
            complete = parent.partitioned and len(present) == len(parts)
            if complete and total != self.value(whole):
                relation = ">" if total > self.value(whole) else "<"
                message = (
                    f"{self.label(period)}: the buckets that make up {parent.name} do not add up to it: "
                    f"{terms} = {quantity(total, parent.unit)} {relation} {whole_text}"
                )
            elif len(present) > 1 and total > self.value(whole):
                summed = f"{terms} = {quantity(total, parent.unit)}"
                message = f"{self.label(period)}: 其中 parts sum past the whole: {summed} > {whole_text}"
            elif len(present) == 1 and total > self.value(whole):
                message = f"{self.label(period)}: a 其中 part is above the whole: {terms} > {whole_text}"
            else:
                continue
            self.add(
                "sub-targets",
                Severity.WARNING,
                (action.id, whole.loc),
                message,
                [whole.key, *(s.key for s in present)],
                [whole.target.quote, *(s.target.quote for s in present)],
            )

    def share_vs_count(self, action: Action, indicator: Indicator) -> None:
        """A derived target against its formula worked out on its inputs' targets."""
        expression = indicator.expression
        if expression is None:
            return
        for site in self.sites(action, indicator):
            found = {
                name: self.input_target(name, action, site.target.period, site.tier) for name in expression.names()
            }
            inputs = {name: source for name, source in found.items() if source is not None}
            if len(inputs) < len(found):
                continue  # an input has no target for this period: nothing to compare
            values = {name: self.value(source) for name, source in inputs.items()}
            computed = expression.evaluate(values)
            if computed is None or self.holds(site.target, computed, self.value(site)):
                continue
            worked = expression.show(lambda name: f"{inputs[name].indicator.name} {number(values[name])}")  # noqa: B023 - used at once
            message = (
                f"{indicator.name} {self.shown(site)} but {worked} = "
                f"{quantity(computed, indicator.unit, places=1)} ({self.label(site.target.period)} targets)"
            )
            self.add(
                "share-vs-count",
                Severity.WARNING,
                (action.id, site.loc),
                message,
                [site.key, *(s.key for s in inputs.values())],
                [site.target.quote, *(s.target.quote for s in inputs.values())],
            )

    def input_target(self, name: str, action: Action, period: str, tier: str) -> _Site | None:
        """The target a formula input has for (period, tier) — its own, else that of what it is same_as."""
        owner, indicator = self.plan.lookup(name, action.id)
        for candidate in (owner.id, indicator.id), self.plan.resolve_alias(owner.id, indicator.id):
            found_action, found = self.plan.lookup(candidate[1], candidate[0])
            tiers = self.tiers(found_action, found)
            site = tiers.get((period, tier)) or tiers.get((period, FLOOR))
            if site is not None:
                return site
        return None

    def holds(self, target: Target, actual: Decimal, value: Decimal) -> bool:
        """Whether `actual` meets `target` (at `value`): the progress rules, not a copy of them."""
        assert target.cmp is not None
        return met(target.cmp, value, actual, self.plan.meta.approx_tolerance)

    def q1_vs_annual(self, action: Action, indicator: Indicator) -> None:
        """A Q1 target against the annual one (above it is an error) and the action's Q1 rule."""
        if indicator.kind is not Kind.CUMULATIVE or "q1" not in self.plan.meta.periods:
            return
        tiers = self.tiers(action, indicator)
        rule = action.q1_rule
        for (period, tier), q1 in tiers.items():
            annual = tiers.get(("annual", tier)) or tiers.get(("annual", FLOOR)) or tiers.get(("annual", STRETCH))
            if period != "q1" or annual is None or q1.target.cmp not in LOWER_BOUNDS or self.value(annual) <= 0:
                continue
            share = self.value(q1) / self.value(annual) * HUNDRED
            both = (
                f"{self.label('q1')} {self.shown(q1)} is {number(share, 1)}% of "
                f"{self.label('annual')} {self.shown(annual)}"
            )
            quotes = [q1.target.quote, annual.target.quote]
            if self.value(q1) > self.value(annual):
                message = f"{indicator.name}: the Q1 target is above the annual one: {both}"
                self.add("q1-vs-annual", Severity.ERROR, (action.id, q1.loc), message, [q1.key], quotes)
            elif rule is not None and (
                share < rule.min_share or (rule.max_share is not None and share > rule.max_share)
            ):
                span = f"{number(rule.min_share)}%" + (
                    f"—{number(rule.max_share)}%" if rule.max_share is not None else ""
                )
                side = "below" if share < rule.min_share else "above"
                message = f"{indicator.name}: {both}, {side} the action's Q1 rule of {span} (“{rule.quote}”)"
                self.add(
                    "q1-vs-annual", Severity.WARNING, (action.id, q1.loc), message, [q1.key], [*quotes, rule.quote]
                )

    def same_measure(self, action: Action, indicator: Indicator) -> None:
        """Targets of an indicator against those of the one it is `same_as`."""
        if indicator.same_as is None:
            return
        other_action, other = self.plan.lookup(indicator.same_as, action.id)
        if not _compatible(indicator.unit, other.unit):
            return  # linked-mismatch says so
        theirs = self.tiers(other_action, other)
        for key, mine in self.tiers(action, indicator).items():
            their = theirs.get(key)
            if their is None:
                continue
            their_value = _convert(self.value(their), other.unit, indicator.unit)
            if their.target.cmp == mine.target.cmp and their_value == self.value(mine):
                continue
            message = (
                f"{action.name} {indicator.name} {self.label(key[0])} {self.shown(mine)} but it is the same "
                f"measure as {other_action.name} {other.name} {self.shown(their, indicator.unit)}: "
                f"“{mine.target.quote}” vs “{their.target.quote}”"
            )
            self.add(
                "same-measure",
                Severity.WARNING,
                (action.id, mine.loc),
                message,
                [mine.key, their.key],
                [mine.target.quote, their.target.quote],
            )

    def same_name(self) -> None:
        """One name in two actions that are not linked: the same measure kept twice?"""
        seen: dict[str, tuple[Action, Indicator]] = {}
        for action, indicator in self.walk():
            first = seen.setdefault(indicator.name, (action, indicator))
            if first[0] is action or indicator.kind is Kind.MILESTONE:
                continue
            if self.plan.resolve_alias(first[0].id, first[1].id) == self.plan.resolve_alias(action.id, indicator.id):
                continue
            message = (
                f"{indicator.name} is an indicator of {first[0].name} and of {action.name}, not linked; if it "
                f"is one measure, say `same_as: {first[0].id}.{first[1].id}` so that one record counts for both"
            )
            self.add(
                "same-measure",
                Severity.WARNING,
                self.indicator_loc(action, indicator),
                message,
                [f"{action.id}.{indicator.id}", f"{first[0].id}.{first[1].id}"],
            )

    def running_total(self, action: Action, total: Indicator) -> None:
        """`新增1个，总数达6个`: the base the two targets imply, or additions past the total."""
        if total.running_total_of is None:
            return
        added_action, added = self.plan.lookup(total.running_total_of, action.id)
        if not _compatible(added.unit, total.unit):
            return  # linked-mismatch says so
        additions = self.tiers(added_action, added)
        for key, site in self.tiers(action, total).items():
            addition = additions.get(key) or additions.get((key[0], FLOOR))
            if addition is None or site.target.cmp not in LOWER_BOUNDS or addition.target.cmp not in LOWER_BOUNDS:
                continue
            base = self.value(site) - _convert(self.value(addition), added.unit, total.unit)
            both = f"{total.name} {self.shown(site)} with {added.name} {self.shown(addition, total.unit)}"
            quotes = [site.target.quote, addition.target.quote]
            if base < 0:
                message = f"{self.label(key[0])}: {both}: the additions alone exceed the total"
                self.add(
                    "running-total", Severity.WARNING, (action.id, site.loc), message, [site.key, addition.key], quotes
                )
            else:
                message = f"{self.label(key[0])}: {both} implies a base of {quantity(base, total.unit)} before them"
                self.add(
                    "running-total", Severity.INFO, (action.id, site.loc), message, [site.key, addition.key], quotes
                )

    def level_order(self, action: Action, indicator: Indicator) -> None:
        """确保 (the floor) must not ask for more than 力争 (the stretch) on one indicator and period."""
        tiers = self.tiers(action, indicator)
        for (period, tier), stretch in tiers.items():
            floor = tiers.get((period, FLOOR))
            if tier != STRETCH or floor is None or floor.target.cmp is None or stretch.target.cmp is None:
                continue
            upper = floor.target.cmp.is_upper_bound
            if upper != stretch.target.cmp.is_upper_bound:
                continue
            beyond = self.value(floor) < self.value(stretch) if upper else self.value(floor) > self.value(stretch)
            if beyond:
                word = floor.target.level or "the plain target"
                message = (
                    f"{indicator.name} {self.label(period)}: {word} {self.shown(floor)} asks for more than "
                    f"力争 {self.shown(stretch)}"
                )
                self.add(
                    "level-order",
                    Severity.ERROR,
                    (action.id, floor.loc),
                    message,
                    [floor.key],
                    [floor.target.quote, stretch.target.quote],
                )

    def linked_mismatch(self, action: Action, indicator: Indicator) -> None:
        """Linked indicators must agree in unit and kind (`same_as`: equal; running total: level of a cumulative)."""
        key = f"{action.id}.{indicator.id}"
        for link in ("same_as", "running_total_of"):
            ref = getattr(indicator, link)
            if ref is None:
                continue
            other_action, other = self.plan.lookup(ref, action.id)
            other_key = f"{other_action.id}.{other.id}"
            at = self.indicator_loc(action, indicator, link)
            if not _compatible(indicator.unit, other.unit):
                message = (
                    f"{indicator.name} is in {indicator.unit or 'no unit'} but {link} {other.name}, which is "
                    f"in {other.unit or 'no unit'}"
                )
                self.add("linked-mismatch", Severity.ERROR, at, message, [key, other_key])
            if link == "same_as" and indicator.kind is not other.kind:
                message = (
                    f"{indicator.name} is {indicator.kind.value} but same_as {other.name}, which is {other.kind.value}"
                )
                self.add("linked-mismatch", Severity.ERROR, at, message, [key, other_key])
            if link == "running_total_of" and (indicator.kind is not Kind.LEVEL or other.kind is not Kind.CUMULATIVE):
                message = (
                    f"a running total is a level indicator of a cumulative one, but {indicator.name} is "
                    f"{indicator.kind.value} and {other.name} is {other.kind.value}"
                )
                self.add("linked-mismatch", Severity.ERROR, at, message, [key, other_key])

    # -- accepted: entries ----------------------------------------------------------------------

    def accept(self) -> list[Finding]:
        """Each finding with the reason of the first `accepted:` entry covering it; unused entries are stale."""
        entries = [
            (
                action,
                number_,
                entry,
                {f"{a.id}.{i.id}" for a, i in (self.plan.lookup(r, action.id) for r in entry.indicators)},
            )
            for action in self.plan.actions
            for number_, entry in enumerate(action.accepted)
        ]
        used: set[tuple[str, int]] = set()
        result: list[Finding] = []
        for finding in self.findings:
            for action, number_, entry, keys in entries:
                if entry.check == finding.check and keys <= set(finding.indicators):
                    used.add((action.id, number_))
                    finding = replace(finding, accepted=entry.reason)
                    break
            result.append(finding)
        for action, number_, entry, keys in entries:
            if (action.id, number_) not in used:
                path, line = self.positions.at(action.id, ("accepted", number_))
                message = f"accepted {entry.check} for {', '.join(sorted(keys))} matches no finding; remove it"
                result.append(Finding(STALE, Severity.WARNING, message, (*sorted(keys),), (), path, line))
        return result


def _compatible(unit: str, other: str) -> bool:
    return other in units.compatible_units(unit)


def _convert(value: Decimal, source: str, target: str) -> Decimal:
    return value if source == target else units.convert(value, source, target)
