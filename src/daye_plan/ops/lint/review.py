"""The lint check on drafted targets: `draft-review`, every target still marked `review: draft`.

Owns reporting each target that `daye-plan draft` (or `init --draft`) proposed and nobody has
checked yet — its value, comparator, unit, 确保/力争 and period against its quote — as a warning,
so that `lint --strict` fails until the analyst has read every one and removed the mark. A
relative target (`relative:`) is said to be one, since it waits for a figure. A registered pure
function; prints nothing, reads no file.
"""

from __future__ import annotations

from daye_plan.i18n import N_
from daye_plan.model.plan import Plan
from daye_plan.ops.lint.context import Context
from daye_plan.ops.lint.findings import Finding, Severity, said
from daye_plan.ops.lint.registry import check


@check("draft-review")
def draft_review(plan: Plan, context: Context) -> list[Finding]:
    """Every target marked `review: draft`: proposed from the text, not reviewed yet."""
    found: list[Finding] = []
    for action, indicator in context.walk():
        for number, target in enumerate(indicator.targets):
            if target.review is None:
                continue
            action_id, loc = context.indicator_loc(action, indicator)
            at = (action_id, (*loc, "targets", number))
            if target.relative is not None:
                message = said(
                    N_(
                        "{name}: drafted target set against {relative}, not reviewed yet: give it a figure or keep it "
                        "as a task, then remove `review: draft`"
                    ),
                    name=indicator.name,
                    relative=target.relative,
                )
            else:
                message = said(
                    N_(
                        "{name}: drafted target not reviewed yet: check it against its quote, then remove `review: draft`"
                    ),
                    name=indicator.name,
                )
            found.append(
                context.finding(
                    "draft-review", Severity.WARNING, at, message, [f"{action.id}.{indicator.id}"], [target.quote]
                )
            )
    return found
