"""Lint checks within one action's targets: 其中 parts against their whole, Q1 against annual, 确保 against 力争.

Owns `sub-targets` (parts summing past the whole, or buckets that do not add up to it),
`q1-vs-annual` (a Q1 target above the annual one, or outside the action's Q1 rule) and
`level-order` (a floor asking for more than its stretch). Each is a registered pure function of
the plan and its `Context`; none prints or reads a file.
"""

from __future__ import annotations

from decimal import Decimal

from daye_plan.model.numbers import number, quantity
from daye_plan.model.plan import Plan
from daye_plan.ops.lint.context import FLOOR, HUNDRED, LOWER_BOUNDS, STRETCH, Context, compatible, convert
from daye_plan.ops.lint.findings import Finding, Severity
from daye_plan.ops.lint.registry import check


@check("sub-targets")
def sub_targets(plan: Plan, context: Context) -> list[Finding]:
    """其中 parts against their whole: parts summing past it, or buckets that do not add up to it."""
    found: list[Finding] = []
    for action, parent in context.walk():
        if not parent.kind.policy.numeric:
            continue
        parts = [i for i in context.parts(action, parent) if compatible(i.unit, parent.unit) and i.kind.policy.numeric]
        if not parts:
            continue
        part_tiers = [context.tiers(action, part) for part in parts]
        for (period, tier), whole in context.tiers(action, parent).items():
            if whole.target.cmp not in LOWER_BOUNDS:
                continue
            present = [
                tiers[(period, tier)]
                for tiers in part_tiers
                if (period, tier) in tiers and tiers[(period, tier)].target.cmp in LOWER_BOUNDS
            ]
            if not present:
                continue
            amounts = [convert(context.value(s), s.indicator.unit, parent.unit) for s in present]
            total = sum(amounts, Decimal(0))
            terms = " + ".join(
                f"{s.indicator.name} {number(amount)}" for s, amount in zip(present, amounts, strict=True)
            )
            whole_text = f"{parent.name} {context.shown(whole)}"
            label = context.label(period)
            if parent.partitioned and len(present) == len(parts) and total != context.value(whole):
                relation = ">" if total > context.value(whole) else "<"
                message = (
                    f"{label}: the buckets that make up {parent.name} do not add up to it: "
                    f"{terms} = {quantity(total, parent.unit)} {relation} {whole_text}"
                )
            elif len(present) > 1 and total > context.value(whole):
                message = (
                    f"{label}: 其中 parts sum past the whole: {terms} = {quantity(total, parent.unit)} > {whole_text}"
                )
            elif len(present) == 1 and total > context.value(whole):
                message = f"{label}: a 其中 part is above the whole: {terms} > {whole_text}"
            else:
                continue
            found.append(
                context.finding(
                    "sub-targets",
                    Severity.WARNING,
                    (action.id, whole.loc),
                    message,
                    [whole.key, *(s.key for s in present)],
                    [whole.target.quote, *(s.target.quote for s in present)],
                )
            )
    return found


@check("q1-vs-annual")
def q1_vs_annual(plan: Plan, context: Context) -> list[Finding]:
    """A Q1 target against the annual one (above it is an error) and the action's Q1 rule."""
    found: list[Finding] = []
    if "q1" not in plan.meta.periods:
        return found
    for action, indicator in context.walk():
        if not indicator.kind.policy.year_to_date:  # only a year-to-date Q1 figure is part of the annual one
            continue
        tiers = context.tiers(action, indicator)
        rule = action.q1_rule
        for (period, tier), q1 in tiers.items():
            annual = tiers.get(("annual", tier)) or tiers.get(("annual", FLOOR)) or tiers.get(("annual", STRETCH))
            if period != "q1" or annual is None or q1.target.cmp not in LOWER_BOUNDS or context.value(annual) <= 0:
                continue
            share = context.value(q1) / context.value(annual) * HUNDRED
            both = (
                f"{context.label('q1')} {context.shown(q1)} is {number(share, 1)}% of "
                f"{context.label('annual')} {context.shown(annual)}"
            )
            quotes = [q1.target.quote, annual.target.quote]
            if context.value(q1) > context.value(annual):
                message = f"{indicator.name}: the Q1 target is above the annual one: {both}"
                found.append(
                    context.finding("q1-vs-annual", Severity.ERROR, (action.id, q1.loc), message, [q1.key], quotes)
                )
            elif rule is not None and (
                share < rule.min_share or (rule.max_share is not None and share > rule.max_share)
            ):
                span = f"{number(rule.min_share)}%" + (
                    f"—{number(rule.max_share)}%" if rule.max_share is not None else ""
                )
                side = "below" if share < rule.min_share else "above"
                message = f"{indicator.name}: {both}, {side} the action's Q1 rule of {span} (“{rule.quote}”)"
                found.append(
                    context.finding(
                        "q1-vs-annual", Severity.WARNING, (action.id, q1.loc), message, [q1.key], [*quotes, rule.quote]
                    )
                )
    return found


@check("level-order")
def level_order(plan: Plan, context: Context) -> list[Finding]:
    """确保 (the floor) must not ask for more than 力争 (the stretch) on one indicator and period."""
    found: list[Finding] = []
    for action, indicator in context.walk():
        tiers = context.tiers(action, indicator)
        for (period, tier), stretch in tiers.items():
            floor = tiers.get((period, FLOOR))
            if tier != STRETCH or floor is None or floor.target.cmp is None or stretch.target.cmp is None:
                continue
            upper = floor.target.cmp.is_upper_bound
            if upper != stretch.target.cmp.is_upper_bound:
                continue
            floor_value, stretch_value = context.value(floor), context.value(stretch)
            if floor_value < stretch_value if upper else floor_value > stretch_value:
                word = floor.target.level or "the plain target"
                message = (
                    f"{indicator.name} {context.label(period)}: {word} {context.shown(floor)} asks for more than "
                    f"{stretch.target.level} {context.shown(stretch)}"
                )
                found.append(
                    context.finding(
                        "level-order",
                        Severity.ERROR,
                        (action.id, floor.loc),
                        message,
                        [floor.key],
                        [floor.target.quote, stretch.target.quote],
                    )
                )
    return found
