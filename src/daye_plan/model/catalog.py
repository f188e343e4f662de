"""Finding things in a loaded plan: actions and indicators by any of their names, targets as rows.

Owns how a user's words (`investment`, `招商引资`, `招商引资行动`, `新签约亿元以上项目`) resolve
to plan objects — the one lookup by name that commands, completion and sheet imports share — with
close-match suggestions when they do not, and the flat target record that `targets` prints and
every export shares (design.md's JSON keys). Its errors say which argument they are about and
never spell a command-line flag. Pure: no I/O, no rich.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

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
            return f"action {self.action!r}"
        return f"indicator {self.indicator!r} of {self.action}"


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
        raise NotInPlan(f"{word.strip()!r}: no such action; valid: {valid_actions(plan)}", action=word.strip())
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
    hint = f"; did you mean {', '.join(close[:3])}?" if close else f"; see `daye-plan targets --action {action.id}`"
    raise NotInPlan(
        f"indicator {word!r} is not in {action.name} ({action.id}){hint}",
        action=action.name,
        indicator=word,
        actions=(action.id, action.name, action.title),
    )


def select_actions(plan: Plan, action: str | None) -> list[Action]:
    return [find_action(plan, action)] if action else list(plan.actions)


def check_period(plan: Plan, period: str | None) -> str | None:
    if period is not None and period not in plan.meta.periods:
        raise UsageError(f"{period!r}: no such period; valid: {', '.join(plan.meta.periods)}", argument="period")
    return period


@dataclass(frozen=True)
class TargetRow:
    """One target with its action and indicator: the unit every listing and export is made of."""

    action: Action
    indicator: Indicator
    target: Target
    period: Period

    @property
    def value(self) -> Decimal | None:
        """The period's target value: for a recurring (`per: month`) target, value × months."""
        return self.target.period_value(self.period)

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


def target_rows(plan: Plan, actions: list[Action], period: str | None = None) -> list[TargetRow]:
    """Targets in plan order: by action, then indicator, then period as the meta lists them."""
    order = {name: index for index, name in enumerate(plan.meta.periods)}
    rows: list[TargetRow] = []
    for action in actions:
        for indicator in action.indicators:
            targets = sorted(indicator.targets, key=lambda t: (order.get(t.period, 99), t.is_stretch))
            rows.extend(
                TargetRow(action, indicator, target, plan.meta.periods[target.period])
                for target in targets
                if period is None or target.period == period
            )
    return rows
