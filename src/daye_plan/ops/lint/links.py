"""Lint checks across linked indicators: shares against counts, one measure twice, running totals.

Owns `share-vs-count` (a derived target against its formula worked out on its inputs' targets),
`same-measure` (an indicator's targets against those of the one it is `same_as`, and one name in
two actions left unlinked), `running-total` (a total against what is added to it) and
`linked-mismatch` (linked indicators that disagree in unit or kind). Each is a registered pure
function of the plan and its `Context`; none prints or reads a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from daye_plan.i18n import N_
from daye_plan.model.numbers import number, quantity
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.ops.lint.context import FLOOR, LOWER_BOUNDS, Context, Site, compatible, convert
from daye_plan.ops.lint.findings import Finding, Severity, said
from daye_plan.ops.lint.registry import check


@check("share-vs-count")
def share_vs_count(plan: Plan, context: Context) -> list[Finding]:
    """A derived target against its formula worked out on its inputs' targets."""
    found: list[Finding] = []
    for action, indicator in context.walk():
        expression = indicator.expression
        if expression is None:
            continue
        for site in context.sites(action, indicator):
            sources = {name: _input_target(context, name, action, site) for name in expression.names()}
            inputs = {name: source for name, source in sources.items() if source is not None}
            if len(inputs) < len(sources):
                continue  # an input has no target for this period: nothing to compare
            values = {name: context.value(source) for name, source in inputs.items()}
            computed = expression.evaluate(values)
            if computed is None or context.holds(site, computed, context.value(site)):
                continue
            worked = expression.show(lambda name: f"{inputs[name].indicator.name} {number(values[name])}")  # noqa: B023 - used at once
            message = said(
                N_("{name} {target} but {worked} = {result} ({period} targets)"),
                name=indicator.name,
                target=context.shown(site),
                worked=worked,
                result=quantity(computed, indicator.unit, places=1),
                period=context.label(site.target.period),
            )
            found.append(
                context.finding(
                    "share-vs-count",
                    Severity.WARNING,
                    (action.id, site.loc),
                    message,
                    [site.key, *(s.key for s in inputs.values())],
                    [site.target.quote, *(s.target.quote for s in inputs.values())],
                )
            )
    return found


def _input_target(context: Context, name: str, action: Action, site: Site) -> Site | None:
    """The target a formula input has for the site's (period, tier) — its own, else that of what it is same_as."""
    plan = context.plan
    owner, indicator = plan.lookup(name, action.id)
    for candidate in (owner.id, indicator.id), plan.resolve_alias(owner.id, indicator.id):
        found_action, found = plan.lookup(candidate[1], candidate[0])
        tiers = context.tiers(found_action, found)
        target = tiers.get((site.target.period, site.tier)) or tiers.get((site.target.period, FLOOR))
        if target is not None:
            return target
    return None


class Linked(NamedTuple):
    """A target of an indicator beside the target of the same period and tier of the one it is linked to."""

    action: Action
    indicator: Indicator
    site: Site
    other_action: Action
    other: Indicator
    other_site: Site


def _linked(
    plan: Plan, context: Context, reference: Callable[[Indicator], str | None], *, or_floor: bool = False
) -> Iterator[Linked]:
    """Each target of an indicator linked to another by `reference` (its `same_as`, its
    `running_total_of`), beside the other's target of the same period and tier (`or_floor`: else its
    floor), where their units convert (linked-mismatch says so where they do not)."""
    for action, indicator in context.walk():
        ref = reference(indicator)
        if ref is None:
            continue
        other_action, other = plan.lookup(ref, action.id)
        if not compatible(indicator.unit, other.unit):
            continue
        theirs = context.tiers(other_action, other)
        for key, site in context.tiers(action, indicator).items():
            their = theirs.get(key) or (theirs.get((key[0], FLOOR)) if or_floor else None)
            if their is not None:
                yield Linked(action, indicator, site, other_action, other, their)


@check("same-measure")
def same_measure(plan: Plan, context: Context) -> list[Finding]:
    """Targets of an indicator against those of the one it is `same_as`."""
    found: list[Finding] = []
    for link in _linked(plan, context, lambda indicator: indicator.same_as):
        mine, their, indicator = link.site, link.other_site, link.indicator
        their_value = convert(context.value(their), link.other.unit, indicator.unit)
        if their.target.cmp == mine.target.cmp and their_value == context.value(mine):
            continue
        message = said(
            N_(
                "{action} {name} {period} {target} but it is the same measure as "
                "{other_action} {other} {their}: “{quote}” vs “{their_quote}”"
            ),
            action=link.action.name,
            name=indicator.name,
            period=context.label(mine.target.period),
            target=context.shown(mine),
            other_action=link.other_action.name,
            other=link.other.name,
            their=context.shown(their, indicator.unit),
            quote=mine.target.quote,
            their_quote=their.target.quote,
        )
        found.append(
            context.finding(
                "same-measure",
                Severity.WARNING,
                (link.action.id, mine.loc),
                message,
                [mine.key, their.key],
                [mine.target.quote, their.target.quote],
            )
        )
    return found


@check("same-measure")
def same_name(plan: Plan, context: Context) -> list[Finding]:
    """One name in two actions that are not linked: the same measure kept twice?"""
    found: list[Finding] = []
    seen: dict[str, tuple[Action, Indicator]] = {}
    for action, indicator in context.walk():
        first = seen.setdefault(indicator.name, (action, indicator))
        if first[0] is action or not indicator.kind.policy.numeric:
            continue
        if plan.resolve_alias(first[0].id, first[1].id) == plan.resolve_alias(action.id, indicator.id):
            continue
        message = said(
            N_(
                "{name} is an indicator of {first} and of {second}, not linked; if it is one measure, "
                "say `same_as: {ref}` so that one record counts for both"
            ),
            name=indicator.name,
            first=first[0].name,
            second=action.name,
            ref=f"{first[0].id}.{first[1].id}",
        )
        found.append(
            context.finding(
                "same-measure",
                Severity.WARNING,
                context.indicator_loc(action, indicator),
                message,
                [f"{action.id}.{indicator.id}", f"{first[0].id}.{first[1].id}"],
            )
        )
    return found


@check("running-total")
def running_total(plan: Plan, context: Context) -> list[Finding]:
    """`新增1个，总数达6个`: the base the two targets imply, or additions past the total."""
    found: list[Finding] = []
    for link in _linked(plan, context, lambda total: total.running_total_of, or_floor=True):
        if link.site.target.cmp not in LOWER_BOUNDS or link.other_site.target.cmp not in LOWER_BOUNDS:
            continue
        site, total, addition, added = link.site, link.indicator, link.other_site, link.other
        base = context.value(site) - convert(context.value(addition), added.unit, total.unit)
        fields = {
            "period": context.label(site.target.period),
            "total": total.name,
            "target": context.shown(site),
            "added": added.name,
            "addition": context.shown(addition, total.unit),
        }
        if base < 0:
            severity = Severity.WARNING
            message = said(
                N_("{period}: {total} {target} with {added} {addition}: the additions alone exceed the total"),
                **fields,
            )
        else:
            severity = Severity.INFO
            message = said(
                N_("{period}: {total} {target} with {added} {addition} implies a base of {base} before them"),
                **fields,
                base=quantity(base, total.unit),
            )
        found.append(
            context.finding(
                "running-total",
                severity,
                (link.action.id, site.loc),
                message,
                [site.key, addition.key],
                [site.target.quote, addition.target.quote],
            )
        )
    return found


# Linked indicators in units that do not convert, by whether each has a unit.
_UNITS = {
    (True, True): N_("{name} is in {unit} but {link} {other}, which is in {other_unit}"),
    (True, False): N_("{name} is in {unit} but {link} {other}, which has no unit"),
    (False, True): N_("{name} has no unit but {link} {other}, which is in {other_unit}"),
    (False, False): N_("{name} has no unit but {link} {other}, which has none either"),
}


@check("linked-mismatch")
def linked_mismatch(plan: Plan, context: Context) -> list[Finding]:
    """Linked indicators must agree in unit and kind (`same_as`: equal; running total: a total of a year-to-date one)."""
    found: list[Finding] = []
    for action, indicator in context.walk():
        key = f"{action.id}.{indicator.id}"
        for link in ("same_as", "running_total_of"):
            ref = getattr(indicator, link)
            if ref is None:
                continue
            other_action, other = plan.lookup(ref, action.id)
            keys = [key, f"{other_action.id}.{other.id}"]
            at = context.indicator_loc(action, indicator, link)
            if not compatible(indicator.unit, other.unit):
                message = said(
                    _UNITS[(bool(indicator.unit), bool(other.unit))],
                    name=indicator.name,
                    unit=indicator.unit,
                    link=link,
                    other=other.name,
                    other_unit=other.unit,
                )
                found.append(context.finding("linked-mismatch", Severity.ERROR, at, message, keys))
            if link == "same_as" and indicator.kind is not other.kind:
                message = said(
                    N_("{name} is {kind} but same_as {other}, which is {other_kind}"),
                    name=indicator.name,
                    kind=indicator.kind.value,
                    other=other.name,
                    other_kind=other.kind.value,
                )
                found.append(context.finding("linked-mismatch", Severity.ERROR, at, message, keys))
            if link == "running_total_of" and not (
                indicator.kind.policy.running_total and other.kind.policy.year_to_date
            ):
                message = said(
                    N_(
                        "a running total is a level indicator of a cumulative one, but {name} is "
                        "{kind} and {other} is {other_kind}"
                    ),
                    name=indicator.name,
                    kind=indicator.kind.value,
                    other=other.name,
                    other_kind=other.kind.value,
                )
                found.append(context.finding("linked-mismatch", Severity.ERROR, at, message, keys))
    return found
