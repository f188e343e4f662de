"""What a command says when its work is done: `record`'s confirmation line, in the user's language.

Owns the wording only (each variant a whole sentence of the catalog); no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from daye_plan.i18n import _, listing

if TYPE_CHECKING:
    from daye_plan.model.plan import Action, Indicator
    from daye_plan.model.records import Actual


def recorded(
    named_action: Action,
    named: Indicator,
    action: Action,
    found: Indicator,
    shown: str,
    day: object,
    actual: Actual,
) -> str:
    """`recorded: 招商引资 · 新签约亿元以上项目 = 50个 as of 2024-03-31 (…)`, and where it is kept."""
    parts = {"action": named_action.name, "indicator": named.name, "value": shown, "date": day}
    checks = listing(sorted(actual.confirmed)) if actual.flags else None
    kept = {"kept_action": action.name, "kept_indicator": found.name}
    if found is named and checks is None:
        said = _("recorded: {action} · {indicator} = {value} as of {date} ({entered})")
    elif found is named:
        said = _("recorded: {action} · {indicator} = {value} as of {date} ({entered}; confirmed: {checks})")
    elif checks is None:
        said = _(
            "recorded: {action} · {indicator} = {value} as of {date} ({entered}); "
            "kept with {kept_action} · {kept_indicator}, the same measure"
        )
    else:
        said = _(
            "recorded: {action} · {indicator} = {value} as of {date} ({entered}; confirmed: {checks}); "
            "kept with {kept_action} · {kept_indicator}, the same measure"
        )
    return said.format(**parts, **kept, entered=actual.entered, checks=checks)
