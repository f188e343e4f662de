"""The lint checks as a registry: each check is one pure function, registered under its name.

Owns how a check is declared — `@check("level-order")` on a function `(plan, context) -> findings`
— and the list `lint` runs, in registration order. A check reads the plan and its `Context` and
returns findings; it keeps no state, prints nothing and can be called alone in a test. A new
check is one function in a module of this package; its name must be a `LintCheck`, so that an
`accepted:` entry can name it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from daye_plan.model.plan import LintCheck, Plan
from daye_plan.ops.lint.context import Context
from daye_plan.ops.lint.findings import Finding

CheckFunction = Callable[[Plan, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    name: LintCheck
    function: CheckFunction


REGISTRY: list[Check] = []


def check(name: LintCheck) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as (part of) the check `name`."""

    def register(function: CheckFunction) -> CheckFunction:
        REGISTRY.append(Check(name, function))
        return function

    return register


def run(plan: Plan, context: Context | None = None) -> list[Finding]:
    """The findings of every registered check, check by check, each in plan order."""
    context = context or Context(plan)
    return [finding for registered in REGISTRY for finding in registered.function(plan, context)]
