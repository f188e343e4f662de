"""Lint checks across linked indicators: shares against counts, one measure twice, running totals.

Owns `share-vs-count` (a derived target against its formula worked out on its inputs' targets),
`same-measure` (an indicator's targets against those of the one it is `same_as`, and one name in
two actions left unlinked), `running-total` (a total against what is added to it) and
`linked-mismatch` (linked indicators that disagree in unit or kind). Each is a registered pure
function of the plan and its `Context`; none prints or reads a file.
"""

from __future__ import annotations

from daye_plan.model.numbers import number, quantity
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.ops.lint.context import FLOOR, LOWER_BOUNDS, Context, Site, compatible, convert
from daye_plan.ops.lint.findings import Finding, Severity
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
            if computed is None or context.holds(site.target, computed, context.value(site)):
                continue
            worked = expression.show(lambda name: f"{inputs[name].indicator.name} {number(values[name])}")  # noqa: B023 - used at once
            message = (
                f"{indicator.name} {context.shown(site)} but {worked} = "
                f"{quantity(computed, indicator.unit, places=1)} ({context.label(site.target.period)} targets)"
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


@check("same-measure")
def same_measure(plan: Plan, context: Context) -> list[Finding]:
    """Targets of an indicator against those of the one it is `same_as`."""
    found: list[Finding] = []
    for action, indicator in context.walk():
        if indicator.same_as is None:
            continue
        other_action, other = plan.lookup(indicator.same_as, action.id)
        if not compatible(indicator.unit, other.unit):
            continue  # linked-mismatch says so
        theirs = context.tiers(other_action, other)
        for key, mine in context.tiers(action, indicator).items():
            their = theirs.get(key)
            if their is None:
                continue
            their_value = convert(context.value(their), other.unit, indicator.unit)
            if their.target.cmp == mine.target.cmp and their_value == context.value(mine):
                continue
            message = (
                f"{action.name} {indicator.name} {context.label(key[0])} {context.shown(mine)} but it is the same "
                f"measure as {other_action.name} {other.name} {context.shown(their, indicator.unit)}: "
                f"“{mine.target.quote}” vs “{their.target.quote}”"
            )
            found.append(
                context.finding(
                    "same-measure",
                    Severity.WARNING,
                    (action.id, mine.loc),
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
        message = (
            f"{indicator.name} is an indicator of {first[0].name} and of {action.name}, not linked; if it "
            f"is one measure, say `same_as: {first[0].id}.{first[1].id}` so that one record counts for both"
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
    for action, total in context.walk():
        if total.running_total_of is None:
            continue
        added_action, added = plan.lookup(total.running_total_of, action.id)
        if not compatible(added.unit, total.unit):
            continue  # linked-mismatch says so
        additions = context.tiers(added_action, added)
        for key, site in context.tiers(action, total).items():
            addition = additions.get(key) or additions.get((key[0], FLOOR))
            if addition is None or site.target.cmp not in LOWER_BOUNDS or addition.target.cmp not in LOWER_BOUNDS:
                continue
            base = context.value(site) - convert(context.value(addition), added.unit, total.unit)
            both = f"{total.name} {context.shown(site)} with {added.name} {context.shown(addition, total.unit)}"
            if base < 0:
                severity, said = Severity.WARNING, "the additions alone exceed the total"
                message = f"{context.label(key[0])}: {both}: {said}"
            else:
                severity = Severity.INFO
                message = f"{context.label(key[0])}: {both} implies a base of {quantity(base, total.unit)} before them"
            found.append(
                context.finding(
                    "running-total",
                    severity,
                    (action.id, site.loc),
                    message,
                    [site.key, addition.key],
                    [site.target.quote, addition.target.quote],
                )
            )
    return found


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
                message = (
                    f"{indicator.name} is in {indicator.unit or 'no unit'} but {link} {other.name}, which is "
                    f"in {other.unit or 'no unit'}"
                )
                found.append(context.finding("linked-mismatch", Severity.ERROR, at, message, keys))
            if link == "same_as" and indicator.kind is not other.kind:
                message = (
                    f"{indicator.name} is {indicator.kind.value} but same_as {other.name}, which is {other.kind.value}"
                )
                found.append(context.finding("linked-mismatch", Severity.ERROR, at, message, keys))
            if link == "running_total_of" and not (
                indicator.kind.policy.running_total and other.kind.policy.year_to_date
            ):
                message = (
                    f"a running total is a level indicator of a cumulative one, but {indicator.name} is "
                    f"{indicator.kind.value} and {other.name} is {other.kind.value}"
                )
                found.append(context.finding("linked-mismatch", Severity.ERROR, at, message, keys))
    return found
