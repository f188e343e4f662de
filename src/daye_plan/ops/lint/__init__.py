"""Checking a plan against itself: the findings of `daye-plan lint`.

Owns running the registered consistency checks of a loaded plan (`registry`: one pure function
each, in `targets`, `links`, `source` and `review`), matching their findings to the plan's `accepted:` entries
(`accepted`) and listing them in file order. Positions come from the loaded plan itself, so
nothing is read twice. Findings are values (`findings`); this package never prints, never exits
and never imports rich.
"""

from __future__ import annotations

from pathlib import PurePath

from daye_plan.model.plan import Plan
from daye_plan.ops.lint import links as links
from daye_plan.ops.lint import review as review
from daye_plan.ops.lint import source as source
from daye_plan.ops.lint import targets as targets
from daye_plan.ops.lint.accepted import accept
from daye_plan.ops.lint.context import Context as Context
from daye_plan.ops.lint.context import SourceText as SourceText
from daye_plan.ops.lint.findings import CHECKS as CHECKS
from daye_plan.ops.lint.findings import STALE as STALE
from daye_plan.ops.lint.findings import Finding as Finding
from daye_plan.ops.lint.findings import Severity as Severity
from daye_plan.ops.lint.findings import failed as failed
from daye_plan.ops.lint.findings import summary as summary
from daye_plan.ops.lint.registry import REGISTRY as REGISTRY
from daye_plan.ops.lint.registry import run


def lint(plan: Plan, text: SourceText | None = None) -> list[Finding]:
    """Every finding on `plan`, matched to its `accepted:` entries, in file order; with the source
    document's `text` (as read beside plan.yaml), the plan is checked against it too."""
    findings = accept(plan, run(plan, Context(plan, text)))
    order = {action.id: index for index, action in enumerate(plan.actions)}

    def position(finding: Finding) -> tuple[int, int, int]:
        if finding.path is not None:
            action_id = PurePath(str(finding.path)).stem
        else:
            action_id = finding.indicators[0].partition(".")[0]
        return order.get(action_id, len(order)), finding.line or 0, CHECKS.index(finding.check)

    return sorted(findings, key=position)
