"""Finding things in a loaded plan: actions and indicators by any of their names, targets as rows.

Owns how a user's words (`investment`, `招商引资`, `招商引资行动`, `新签约亿元以上项目`,
`市招商服务中心`) resolve to plan objects and lead departments — the one lookup by name that
commands, completion and sheet imports share — with close-match suggestions when they do not, and
the flat target record that `targets` prints and every export shares (design.md's JSON keys). Its errors say which argument they are about and
never spell a command-line flag. Pure: no I/O, no rich.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError
from daye_plan.model.plan import Action, Indicator, Period, Plan, Target


def action_named(plan: Plan, word: str, also: Callable[[Action], str] | None = None) -> Action | None:
    """The action `word` names — its id, short name (招商引资) or full title (招商引资行动), or
    `also(action)` when given (a sheet's title) — or None. The first action in plan order wins.
    """
    word = word.strip()
    found = plan.action_by_name(word)
    if found is None and also is not None:
        found = next((action for action in plan.actions if also(action) == word), None)
    return found


def valid_actions(plan: Plan) -> str:
    """`招商引资 (investment), 项目建设 (projects), …`: what an unknown action's message lists."""
    return ", ".join(f"{a.name} ({a.id})" for a in plan.actions)


class NotInPlan(UsageError):
    """A name the plan does not know: an action, or an indicator of one of its actions.

    Carries the names, so that the command line can look for them in another year's plan.
    """

    def __init__(
        self, message: str, *, action: str, indicator: str | None = None, actions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, argument="action" if indicator is None else None)
        self.action = action  # as the user named it
        self.actions = actions or (action,)  # the names the action goes by (id, name, title), for an indicator's miss
        self.indicator = indicator

    @property
    def what(self) -> str:
        """`action '招商引资'`, or `indicator '合同投资额' of 招商引资`."""
        if self.indicator is None:
            return _("action {action!r}").format(action=self.action)
        return _("indicator {indicator!r} of {action}").format(indicator=self.indicator, action=self.action)


def knows(plan: Plan, missing: NotInPlan) -> bool:
    """Whether `plan` has what another plan missed: the action, and the indicator in it."""
    action = next((found for word in missing.actions if (found := action_named(plan, word)) is not None), None)
    if action is None:
        return False
    return missing.indicator is None or action.indicator_named(missing.indicator.strip()) is not None


def find_action(plan: Plan, word: str) -> Action:
    """An action by id, short name or full title; `NotInPlan` about the `action` argument if none."""
    found = action_named(plan, word)
    if found is None:
        message = _("{word!r}: no such action; valid: {valid}").format(word=word.strip(), valid=valid_actions(plan))
        raise NotInPlan(message, action=word.strip())
    return found


def find_indicator(action: Action, word: str) -> Indicator:
    """An indicator of `action` by id or exact Chinese name; suggests the closest on a miss."""
    word = word.strip()
    found = action.indicator_named(word)
    if found is not None:
        return found
    names = [i.name for i in action.indicators] + [i.id for i in action.indicators]
    close = difflib.get_close_matches(word, names, n=3, cutoff=0.3)
    close += [i.name for i in action.indicators if word in i.name and i.name not in close][:3]
    if close:
        message = _("indicator {word!r} is not in {action} ({id}); did you mean {close}?")
    else:
        message = _("indicator {word!r} is not in {action} ({id}); see `daye-plan targets --action {id}`")
    raise NotInPlan(
        message.format(word=word, action=action.name, id=action.id, close=", ".join(close[:3])),
        action=action.name,
        indicator=word,
        actions=(action.id, action.name, action.title),
    )


def select_actions(plan: Plan, action: str | None) -> list[Action]:
    return [find_action(plan, action)] if action else list(plan.actions)


def leads(plan: Plan, actions: list[Action] | None = None) -> list[str]:
    """Every 牵头单位 the plan names (an indicator's own, else its action's), once each, in plan order."""
    found: dict[str, None] = {}
    for action in plan.actions if actions is None else actions:
        for indicator in action.indicators:
            lead = action.lead_of(indicator)
            if lead:
                found.setdefault(lead, None)
    return list(found)


def find_lead(plan: Plan, word: str) -> str:
    """The 牵头单位 `word` names exactly (spaces around it ignored); `UsageError` about `lead` if none."""
    word = word.strip()
    named = leads(plan)
    if word in named:
        return word
    if not named:
        message = _("{word!r}: the plan names no lead department (牵头单位); give an action or indicator a `lead:`")
        raise UsageError(message.format(word=word), argument="lead")
    close = difflib.get_close_matches(word, named, n=3, cutoff=0.6)
    close += [name for name in named if word and word in name and name not in close]
    if close:
        message = _("{word!r}: no target has this lead department (牵头单位); did you mean {names}?")
    else:
        message = _("{word!r}: no target has this lead department (牵头单位); valid: {names}")
    names = ", ".join(close[:3] if close else named)
    raise UsageError(message.format(word=word, names=names), argument="lead")


def check_period(plan: Plan, period: str | None) -> str | None:
    if period is not None and period not in plan.meta.periods:
        message = _("{period!r}: no such period; valid: {valid}").format(
            period=period, valid=", ".join(plan.meta.periods)
        )
        raise UsageError(message, argument="period")
    return period


class TargetRow(NamedTuple):
    """One target with its action and indicator: the unit every listing and export is made of.

    A `NamedTuple`, like the judgements made of it (`progress.Progress`): immutable and quick to make.
    """

    action: Action
    indicator: Indicator
    target: Target
    period: Period

    @property
    def value(self) -> Decimal | None:
        """The period's target value: for a recurring (`per: month`) target, value × months."""
        return self.target.period_value(self.period)

    @property
    def lead(self) -> str | None:
        """牵头单位: the indicator's, else its action's."""
        return self.action.lead_of(self.indicator)

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """What tells one target from every other: action, indicator, period and level (确保/力争)."""
        return self.action.id, self.indicator.id, self.target.period, self.target.level

    def record(self) -> dict[str, object]:
        """The design.md keys of `targets --format json`, in order."""
        return {
            "action_id": self.action.id,
            "action": self.action.name,
            "indicator_id": self.indicator.id,
            "indicator": self.indicator.name,
            "period": self.target.period,
            "kind": self.indicator.kind.value,
            "comparator": self.target.cmp.value if self.target.cmp is not None else None,
            "target": self.value,
            "unit": self.indicator.unit or None,
            "level": self.target.level,
            "quote": self.target.quote,
        }


def target_rows(
    plan: Plan, actions: list[Action], period: str | None = None, lead: str | None = None
) -> list[TargetRow]:
    """Targets in plan order: by action, then indicator, then period as the meta lists them; with
    `lead`, only the targets that department leads (牵头单位, inherited from the action)."""
    order = {name: index for index, name in enumerate(plan.meta.periods)}
    rows: list[TargetRow] = []
    for action in actions:
        for indicator in action.indicators:
            targets = indicator.targets
            if len(targets) > 1:
                targets = sorted(targets, key=lambda t: (order.get(t.period, 99), t.is_stretch))
            rows.extend(
                TargetRow(action, indicator, target, plan.meta.periods[target.period])
                for target in targets
                if (period is None or target.period == period) and (lead is None or action.lead_of(indicator) == lead)
            )
    return rows
