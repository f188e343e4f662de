"""The use cases the commands share: read the actuals a question needs and judge the targets.

Owns wiring the storage layer (`store`, `actuals`) to the rules (`progress`) so that `status`,
`report` and exports compute every figure the same way. Reads only the stores of the actions
asked about. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from daye_plan import actuals, catalog, progress
from daye_plan.errors import PlanInvalid, Problem
from daye_plan.schema import Action, Plan, Reading


@dataclass(frozen=True)
class Snapshot:
    """Every selected target judged at one date, with what it was judged from."""

    plan: Plan
    on: dt.date
    items: list[progress.Progress]
    latest_record: dict[str, dt.date | None]  # per action id: the newest as_of in its store


def load_readings(
    plan: Plan, plan_dir: Path, actions: Sequence[Action]
) -> tuple[dict[tuple[str, str], list[Reading]], list[Problem]]:
    readings: dict[tuple[str, str], list[Reading]] = {}
    problems: list[Problem] = []
    for action in actions:
        ledger = actuals.read(actuals.path_for(plan_dir, action.id), action, plan.meta.year)
        problems.extend(ledger.problems)
        for indicator_id, found in ledger.sorted_readings().items():
            readings[(action.id, indicator_id)] = found
    return readings, problems


def snapshot(
    plan: Plan, plan_dir: Path, actions: Sequence[Action], period: str | None, on: dt.date
) -> Snapshot:
    """Judge the targets of `actions` (and `period`) at `on`; invalid stores raise `PlanInvalid`."""
    readings, problems = load_readings(plan, plan_dir, actions)
    if problems:
        raise PlanInvalid(problems)
    rows = catalog.target_rows(plan, list(actions), period)
    items = progress.evaluate_all(rows, readings, on, plan.meta)
    latest: dict[str, dt.date | None] = {}
    for action in actions:
        dates = [r[-1].as_of for (a, _), r in readings.items() if a == action.id and r]
        latest[action.id] = max(dates) if dates else None
    return Snapshot(plan, on, items, latest)
