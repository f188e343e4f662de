"""The use cases the commands share: read the actuals a question needs and judge the targets.

Owns wiring the storage layer (`store`, `actuals`) to the rules (`progress`) so that `status`,
`report` and exports compute every figure the same way. Reads only the stores of the actions
asked about. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from daye_plan.model import catalog
from daye_plan.model.errors import PlanInvalid, Problem, UsageError
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.model.records import Actual, Reading
from daye_plan.ops import progress, reporting
from daye_plan.storage import actuals


@dataclass(frozen=True)
class Snapshot:
    """Every selected target judged at one date, with what it was judged from."""

    plan: Plan
    on: dt.date
    items: list[progress.Progress]
    ledgers: dict[str, actuals.Ledger]  # per action id, what was read (with `keep_records`)

    def record(self, action_id: str, indicator_id: str, as_of: dt.date) -> Actual | None:
        """The record in force that a figure of (action, indicator, date) was read from."""
        ledger = self.ledgers.get(action_id)
        return None if ledger is None else ledger.record(indicator_id, as_of)

    def record_dates(self, action_id: str) -> list[dt.date]:
        """The dates of an action's records in force: one per indicator and date."""
        ledger = self.ledgers.get(action_id)
        return [] if ledger is None else [day for by_date in ledger.figures.values() for day in by_date]


def load_readings(
    plan: Plan,
    plan_dir: Path,
    actions: Sequence[Action],
    ledgers: dict[str, actuals.Ledger] | None = None,
    marks: dict[tuple[str, str, dt.date], tuple[str, ...]] | None = None,
) -> tuple[dict[tuple[str, str], list[Reading]], list[Problem]]:
    """Readings for every indicator of `actions`, keyed (action id, indicator id).

    An alias (`same_as`) reads its owner's records, wherever they are kept; a derived indicator
    (`formula`) gets one reading per date on which any input changed, computed from each input's
    latest figure on that date. Only the stores those indicators need are read, each once; with
    `ledgers`, what was read is kept there (per action id) with the rows in force, for reports
    that cite them; with `marks`, the flags of the records in force, keyed (action id, indicator
    id, date) as stored.
    """
    wanted = [(action.id, indicator.id) for action in actions for indicator in action.indicators]
    stores = {owner for key in wanted for owner, _ in _sources(plan, *key)}
    stored: dict[tuple[str, str], list[Reading]] = {}
    problems: list[Problem] = []
    for action in plan.actions:
        if action.id not in stores:
            continue
        ledger = actuals.read(
            actuals.path_for(plan_dir, action.id), action, plan.meta.year, in_force=ledgers is not None
        )
        problems.extend(ledger.problems)
        problems.extend(_misplaced(plan, action, ledger))
        if ledgers is not None:
            ledgers[action.id] = ledger
        if marks is not None:
            marks.update(((action.id, indicator, day), found) for (indicator, day), found in ledger.flagged.items())
        for indicator_id, found in ledger.sorted_readings().items():
            stored[(action.id, indicator_id)] = found
    readings = {key: _readings_of(plan, key, stored) for key in wanted}
    return {key: found for key, found in readings.items() if found}, problems


def check_stores(
    plan: Plan, plan_dir: Path, ledgers: dict[str, actuals.Ledger] | None = None
) -> tuple[int, list[Problem]]:
    """Read every store of the plan: how many valid records, and every problem (`validate`); with
    `ledgers`, what was read is kept there (per action id) with the rows in force."""
    count = 0
    problems: list[Problem] = []
    for action in plan.actions:
        ledger = actuals.read(
            actuals.path_for(plan_dir, action.id), action, plan.meta.year, in_force=ledgers is not None
        )
        if ledgers is not None:
            ledgers[action.id] = ledger
        count += ledger.count
        problems.extend(ledger.problems)
        problems.extend(_misplaced(plan, action, ledger))
    problems.extend(actuals.strays(plan_dir, plan))
    return count, problems


def _sources(plan: Plan, action_id: str, indicator_id: str) -> set[tuple[str, str]]:
    """The recorded indicators an indicator's figure comes from (itself, its owner, or its inputs)."""
    owner = plan.resolve_alias(action_id, indicator_id)
    expression = plan.action(owner[0]).indicator(owner[1]).expression
    if expression is None:
        return {owner}
    found: set[tuple[str, str]] = set()
    for name in expression.names():
        action, indicator = plan.lookup(name, owner[0])
        found |= _sources(plan, action.id, indicator.id)
    return found


def _readings_of(plan: Plan, key: tuple[str, str], stored: dict[tuple[str, str], list[Reading]]) -> list[Reading]:
    owner = plan.resolve_alias(*key)
    if plan.action(owner[0]).indicator(owner[1]).expression is None:
        return stored.get(owner, [])
    inputs = _sources(plan, *owner)
    dates = sorted({r.as_of for source in inputs for r in stored.get(source, [])})
    derived: list[Reading] = []
    for day in dates:
        value = plan.figure(*owner, _FiguresOn(stored, day))
        if value is not None:
            derived.append(Reading(value, day))
    return derived


@dataclass(frozen=True)
class _FiguresOn:
    """Each recorded indicator's latest figure on or before one day: a formula's inputs."""

    stored: dict[tuple[str, str], list[Reading]]
    day: dt.date

    def __call__(self, action_id: str, indicator_id: str) -> Decimal | None:
        found = progress.latest(self.stored.get((action_id, indicator_id), []), self.day)
        return None if found is None else found.value


def _misplaced(plan: Plan, action: Action, ledger: actuals.Ledger) -> list[Problem]:
    """Records of an alias or a derived indicator: they belong elsewhere or are never recorded."""
    problems: list[Problem] = []
    for indicator in action.indicators:
        if indicator.id in ledger.figures and (indicator.same_as or indicator.formula):
            problems.append(Problem(ledger.path, None, None, misplaced_message(plan, action, indicator)))
    return problems


def kept_with(plan: Plan, action: Action, indicator: Indicator) -> tuple[Action, Indicator]:
    """Where a figure for `indicator` is recorded: itself, or the owner of an alias (`same_as`).

    A derived indicator (`formula`) is never recorded: `UsageError`, as `record` and `import` say.
    """
    if indicator.formula:
        raise UsageError(misplaced_message(plan, action, indicator))
    owner_id, indicator_id = plan.resolve_alias(action.id, indicator.id)
    owner = plan.action(owner_id)
    return owner, owner.indicator(indicator_id)


def misplaced_message(plan: Plan, action: Action, indicator: Indicator) -> str:
    """Why `indicator` takes no records of its own: `record` and `validate` say the same."""
    if indicator.formula:
        return f"{indicator.name} is derived ({indicator.formula}); record its inputs instead"
    owner_id, indicator_id = plan.resolve_alias(action.id, indicator.id)
    owner_action = plan.action(owner_id)
    owner = owner_action.indicator(indicator_id)
    return f"{indicator.name} is the same measure as {owner_action.name} · {owner.name}, whose records it shares"


def snapshot(
    plan: Plan,
    plan_dir: Path,
    actions: Sequence[Action],
    period: str | None,
    on: dt.date,
    *,
    keep_records: bool = False,
) -> Snapshot:
    """Judge the targets of `actions` (and `period`) at `on`; invalid stores raise `PlanInvalid`."""
    ledgers: dict[str, actuals.Ledger] | None = {} if keep_records else None
    marks: dict[tuple[str, str, dt.date], tuple[str, ...]] = {}
    readings, problems = load_readings(plan, plan_dir, actions, ledgers, marks)
    if problems:
        raise PlanInvalid(problems)
    rows = catalog.target_rows(plan, list(actions), period)
    items = progress.evaluate_all(rows, readings, on, plan.meta)
    owners = {key: plan.resolve_alias(*key) for key in {(r.action.id, r.indicator.id) for r in rows}}
    items = reporting.flag(items, readings, plan.meta, marks, owners)
    return Snapshot(plan, on, items, ledgers or {})
