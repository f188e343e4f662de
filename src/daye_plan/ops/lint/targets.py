"""Lint checks within one action's targets: 其中 parts against their whole, checkpoints against the year, 确保 against 力争.

Owns `sub-targets` (parts summing past the whole, or buckets that do not add up to it),
`checkpoint-vs-year` (a checkpoint's target — 一季度, 上半年 … — above the year's, or outside the
action's rule for that checkpoint) and `level-order` (a floor asking for more than its stretch).
Which period is the year and which are checkpoints, the plan meta says (by their dates). Each is a registered pure function of
the plan and its `Context`; none prints or reads a file.
"""

from __future__ import annotations

from decimal import Decimal

from daye_plan.i18n import N_
from daye_plan.model.numbers import number, quantity
from daye_plan.model.plan import Plan
from daye_plan.ops.lint.context import FLOOR, HUNDRED, LOWER_BOUNDS, STRETCH, Context, compatible, convert
from daye_plan.ops.lint.findings import Finding, Severity, said
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
                message = said(
                    N_(
                        "{period}: the buckets that make up {name} do not add up to it: {terms} = {sum} {relation} {whole}"
                    ),
                    period=label,
                    name=parent.name,
                    terms=terms,
                    sum=quantity(total, parent.unit),
                    relation=relation,
                    whole=whole_text,
                )
            elif len(present) > 1 and total > context.value(whole):
                message = said(
                    N_("{period}: 其中 parts sum past the whole: {terms} = {sum} > {whole}"),
                    period=label,
                    terms=terms,
                    sum=quantity(total, parent.unit),
                    whole=whole_text,
                )
            elif len(present) == 1 and total > context.value(whole):
                message = said(
                    N_("{period}: a 其中 part is above the whole: {terms} > {whole}"),
                    period=label,
                    terms=terms,
                    whole=whole_text,
                )
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


@check("checkpoint-vs-year")
def checkpoint_vs_year(plan: Plan, context: Context) -> list[Finding]:
    """A checkpoint's target against the year's (above it is an error) and the action's rule for the checkpoint."""
    found: list[Finding] = []
    year = plan.meta.year_period
    if year is None:
        return found
    checkpoints = set(plan.meta.checkpoints)
    for action, indicator in context.walk():
        if not indicator.kind.policy.year_to_date:  # only a year-to-date figure at a checkpoint is part of the year's
            continue
        tiers = context.tiers(action, indicator)
        for (period, tier), early in tiers.items():
            whole = tiers.get((year, tier)) or tiers.get((year, FLOOR)) or tiers.get((year, STRETCH))
            if period not in checkpoints or whole is None or early.target.cmp not in LOWER_BOUNDS:
                continue
            if context.value(whole) <= 0:
                continue
            share = context.value(early) / context.value(whole) * HUNDRED
            both = said(
                N_("{period} {target} is {share}% of {year} {year_target}"),
                period=context.label(period),
                target=context.shown(early),
                share=number(share, 1),
                year=context.label(year),
                year_target=context.shown(whole),
            )
            quotes = [early.target.quote, whole.target.quote]
            rule = action.rule_for(period, plan.meta)
            if context.value(early) > context.value(whole):
                message = said(
                    N_("{name}: the {period} target is above the {year} one: {both}"),
                    name=indicator.name,
                    period=context.label(period),
                    year=context.label(year),
                    both=both,
                )
                found.append(
                    context.finding(
                        "checkpoint-vs-year", Severity.ERROR, (action.id, early.loc), message, [early.key], quotes
                    )
                )
            elif rule is not None and (
                share < rule.min_share or (rule.max_share is not None and share > rule.max_share)
            ):
                span = f"{number(rule.min_share)}%" + (
                    f"—{number(rule.max_share)}%" if rule.max_share is not None else ""
                )
                if share < rule.min_share:
                    text = N_("{name}: {both}, below the action's {period} rule of {span} (“{quote}”)")
                else:
                    text = N_("{name}: {both}, above the action's {period} rule of {span} (“{quote}”)")
                message = said(
                    text, name=indicator.name, both=both, period=context.label(period), span=span, quote=rule.quote
                )
                found.append(
                    context.finding(
                        "checkpoint-vs-year",
                        Severity.WARNING,
                        (action.id, early.loc),
                        message,
                        [early.key],
                        [*quotes, rule.quote],
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
                if floor.target.level:
                    text = N_("{name} {period}: {level} {floor} asks for more than {stretch_level} {stretch}")
                else:
                    text = N_("{name} {period}: the plain target {floor} asks for more than {stretch_level} {stretch}")
                message = said(
                    text,
                    name=indicator.name,
                    period=context.label(period),
                    level=floor.target.level,
                    floor=context.shown(floor),
                    stretch_level=stretch.target.level,
                    stretch=context.shown(stretch),
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
