"""Rules that tie a plan's parts together: unique ids, parents, declared periods, ranges, links.

Pydantic checks each field on its own; these need a whole action (unique ids, parents), the plan
meta (declared periods) or the whole plan (`same_as`, `formula`, `running_total_of`, `accepted`).
Each problem comes with a location in pydantic's shape, so that the loader maps both kinds of
problem to file positions the same way. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from daye_plan.i18n import N_, _, listing
from daye_plan.model import formula as formulas
from daye_plan.model.meta import checkpoints
from daye_plan.model.plan import Action, Indicator, Period
from daye_plan.model.positions import Loc as Loc  # re-exported: rules' problems are located by it


def check_action(action: Action, periods: Mapping[str, Period]) -> list[tuple[Loc, str]]:
    """Rules that tie an action's parts together, each with the location it concerns.

    Pydantic checks each field on its own; these need the whole action (unique ids, parents)
    or the plan meta (declared periods, checkpoints). Locations use pydantic's shape so that the
    loader maps both kinds of problem to file positions the same way.
    """
    problems: list[tuple[Loc, str]] = _rule_problems(action, periods)
    declared = list(periods)
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for index, indicator in enumerate(action.indicators):
        here: Loc = ("indicators", index)
        for field, value, seen, message in (
            ("id", indicator.id, seen_ids, N_("indicator id {id!r} is already used by item {item}")),
            ("name", indicator.name, seen_names, N_("indicator name {name!r} is already used by item {item}")),
        ):
            if value in seen:
                problems.append(((*here, field), _(message).format(**{field: value}, item=seen[value] + 1)))
            seen.setdefault(value, index)
        if indicator.kind.policy.numeric and not indicator.unit:
            problems.append(
                (here, _("{kind} indicator {id!r} needs a unit").format(kind=indicator.kind.value, id=indicator.id))
            )
        problems.extend(_target_problems(indicator, here, declared))
    for index, indicator in enumerate(action.indicators):
        other = seen_ids.get(indicator.name)
        if other is not None and other != index:
            problems.append(
                (
                    ("indicators", index, "name"),
                    _(
                        "indicator name {name!r} is the id of item {item}; an indicator is named by "
                        "its id or its name, so a name must not be another indicator's id"
                    ).format(name=indicator.name, item=other + 1),
                )
            )
        if indicator.parent is None:
            continue
        here = ("indicators", index, "parent")
        if indicator.parent == indicator.id:
            problems.append((here, _("indicator {id!r} is its own parent").format(id=indicator.id)))
        elif indicator.parent not in seen_ids:
            problems.append(
                (
                    here,
                    _("parent {parent!r} is not an indicator of action {action!r}").format(
                        parent=indicator.parent, action=action.id
                    ),
                )
            )
    return problems


def _rule_problems(action: Action, periods: Mapping[str, Period]) -> list[tuple[Loc, str]]:
    """Each checkpoint rule is for a declared checkpoint, and one rule per checkpoint."""
    problems: list[tuple[Loc, str]] = []
    inside = checkpoints(periods)
    seen: set[str] = set()
    for loc, rule in action.rules():
        if rule.period is None and not inside:
            problems.append(
                (
                    loc,
                    _(
                        "{field}: the plan declares no checkpoint (a period from the year's first day to before its last)"
                    ).format(field=loc[0]),
                )
            )
            continue
        period = rule.period or inside[0]
        if period not in periods:
            problems.append(((*loc, "period"), _undeclared().format(period=period, periods=listing(list(periods)))))
        elif period not in inside:
            problems.append(
                (
                    (*loc, "period"),
                    (
                        _("period {period!r} is not a checkpoint (one of: {periods})").format(
                            period=period, periods=listing(inside)
                        )
                        if inside
                        else _("period {period!r} is not a checkpoint (none is declared)").format(period=period)
                    ),
                )
            )
        elif period in seen:
            problems.append((loc, _("a second checkpoint rule for period {period!r}").format(period=period)))
        seen.add(period)
    return problems


def _target_problems(indicator: Indicator, here: Loc, periods: list[str]) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    low, high = indicator.allowed_range
    seen: set[tuple[str, str | None]] = set()
    for number, target in enumerate(indicator.targets):
        at: Loc = (*here, "targets", number)
        if target.period not in periods:
            problems.append(
                (
                    (*at, "period"),
                    _undeclared().format(period=target.period, periods=listing(periods)),
                )
            )
        numeric = indicator.kind.policy.numeric
        if not numeric and target.cmp is not None:
            problems.append(
                (
                    (*at, "cmp"),
                    _("{kind} {id!r} takes no `cmp` or `value`").format(kind=indicator.kind.value, id=indicator.id),
                )
            )
        if numeric and target.cmp is None:
            problems.append(
                (
                    at,
                    _("{kind} indicator {id!r} needs `cmp` and `value`").format(
                        kind=indicator.kind.value, id=indicator.id
                    ),
                )
            )
        if target.per is not None and not indicator.kind.policy.year_to_date:
            problems.append(((*at, "per"), _("`per: month` is for cumulative indicators")))
        if target.value is not None and (
            (low is not None and target.value < low) or (high is not None and target.value > high)
        ):
            problems.append(
                (
                    (*at, "value"),
                    _("target {value}{unit} is outside the indicator's range {range}").format(
                        value=target.value, unit=indicator.unit, range=format_range(low, high)
                    ),
                )
            )
        key = (target.period, target.level)
        if key in seen:
            problems.append(
                (
                    at,
                    (
                        _(
                            "a second {level} target for period {period!r}; "
                            "two targets on one period must differ by level (确保/力争)"
                        )
                        if target.level
                        else _(
                            "a second plain target for period {period!r}; "
                            "two targets on one period must differ by level (确保/力争)"
                        )
                    ).format(level=target.level, period=target.period),
                )
            )
        seen.add(key)
    return problems


def _undeclared() -> str:
    return _("period {period!r} is not declared in the plan meta (one of: {periods})")


def format_range(low: Decimal | None, high: Decimal | None) -> str:
    return f"{low if low is not None else '-∞'}..{high if high is not None else '∞'}"


IndicatorKey = tuple[str, str]  # (action id, indicator id)


def check_plan(actions: list[Action], listed: Iterable[str]) -> list[tuple[str, Loc, str]]:
    """Rules that tie indicators across the plan: `same_as`, `formula`, `running_total_of`, `accepted`.

    Each problem comes with the id of the action whose file it is in and its location there.
    `listed` holds every action id of the meta: a reference into a listed action that failed to
    load is not reported (that file has problems of its own).
    """
    links = _Links(actions, set(listed))
    for action in actions:
        links.check(action)
    links.check_cycles()
    return links.problems


class _Links:
    def __init__(self, actions: list[Action], listed: set[str]) -> None:
        self.actions = {action.id: action for action in actions}
        self.listed = listed
        self.problems: list[tuple[str, Loc, str]] = []
        self.edges: dict[IndicatorKey, list[tuple[IndicatorKey, Loc]]] = {}

    def resolve(self, action: Action, ref: str, at: Loc, what: str) -> tuple[IndicatorKey, Indicator] | None:
        """The indicator `ref` names, or None with a problem said; `what` is the field naming it."""
        action_id, _dot, indicator_id = ref.rpartition(".")
        owner = self.actions.get(action_id or action.id)
        if owner is None:
            if action_id not in self.listed:
                if what == "formula":
                    message = _("formula names {ref!r}: no action {action!r} in the plan")
                else:
                    message = _("{field} {ref!r}: no action {action!r} in the plan")
                self.problems.append((action.id, at, message.format(field=what, ref=ref, action=action_id)))
            return None
        try:
            return (owner.id, indicator_id), owner.indicator(indicator_id)
        except KeyError:
            if what == "formula":
                message = _("formula names {ref!r}: {action!r} has no indicator {indicator!r}")
            else:
                message = _("{field} {ref!r}: {action!r} has no indicator {indicator!r}")
            said = message.format(field=what, ref=ref, action=owner.id, indicator=indicator_id)
            self.problems.append((action.id, at, said))
            return None

    def check(self, action: Action) -> None:
        for index, indicator in enumerate(action.indicators):
            here: Loc = ("indicators", index)
            node = (action.id, indicator.id)
            self.edges[node] = []
            for field in ("same_as", "running_total_of"):
                ref = getattr(indicator, field)
                found = None if ref is None else self.resolve(action, ref, (*here, field), field)
                if found is not None and found[0] == node:
                    message = _("{field}: {id!r} names itself").format(field=field, id=indicator.id)
                    self.problems.append((action.id, (*here, field), message))
                elif found is not None and field == "same_as":
                    self.edges[node].append((found[0], (*here, field)))
            if indicator.expression is not None:
                at: Loc = (*here, "formula")
                self.problems.extend((action.id, at, message) for message in self.formula(action, indicator, at))
        for number, entry in enumerate(action.accepted):
            for position, ref in enumerate(entry.indicators):
                self.resolve(action, ref, ("accepted", number, "indicators", position), "accepted")

    def formula(self, action: Action, indicator: Indicator, at: Loc) -> list[str]:
        expression = indicator.expression
        assert expression is not None
        if not expression.names():
            return [_("the formula uses no indicator; a fixed figure is a target, not a formula")]
        found: list[str] = []
        units: dict[str, str] = {}
        for name in expression.names():
            resolved = self.resolve(action, name, at, "formula")
            if resolved is None:
                continue
            node, source = resolved
            if node == (action.id, indicator.id):
                found.append(_("the formula of {id!r} uses {id!r} itself").format(id=indicator.id))
            elif not source.kind.policy.numeric:
                message = _("formula input {name!r} is a {kind}, which has no figure")
                found.append(message.format(name=name, kind=source.kind.value))
            else:
                units[name] = source.unit
                self.edges[(action.id, indicator.id)].append((node, at))
        if found or len(units) < len(expression.names()):
            return found
        try:
            unit = formulas.result_unit(expression, units)
        except formulas.FormulaError as exc:
            return [_("formula: {problem}").format(problem=exc.message)]
        if unit == formulas.RATIO:
            if indicator.unit == "%":
                message = _(
                    "the formula gives a ratio of like figures, but the indicator's unit is {unit!r}; "
                    "multiply by 100 for a percent"
                )
            else:
                message = _("the formula gives a ratio of like figures, but the indicator's unit is {unit!r}")
            return [message.format(unit=indicator.unit)]
        if unit not in (None, formulas.PURE_NUMBER, indicator.unit):
            message = _("the formula gives {unit!r}, but the indicator's unit is {own!r}")
            return [message.format(unit=unit, own=indicator.unit)]
        return []

    def check_cycles(self) -> None:
        """Each cycle of same_as/formula links once, at the link that closes it.

        A depth-first walk with its own stack, so that a long chain of links cannot exhaust
        Python's; `on_path` holds each node's place on the current path while it is on it.
        """
        done: set[IndicatorKey] = set()
        on_path: dict[IndicatorKey, int] = {}
        path: list[IndicatorKey] = []
        for start in self.edges:
            if start in done:
                continue
            on_path[start] = len(path)
            path.append(start)
            stack = [(start, iter(self.edges[start]))]
            while stack:
                node, links = stack[-1]
                for target, at in links:
                    if target in on_path:
                        shown = " → ".join(f"{a}.{i}" for a, i in [*path[on_path[target] :], target])
                        message = _("cycle of same_as/formula links: {cycle}").format(cycle=shown)
                        self.problems.append((node[0], at, message))
                    elif target not in done:
                        on_path[target] = len(path)
                        path.append(target)
                        stack.append((target, iter(self.edges.get(target, []))))
                        break
                else:
                    stack.pop()
                    path.pop()
                    del on_path[node]
                    done.add(node)
