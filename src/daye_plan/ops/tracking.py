"""The use cases the commands share: read the actuals a question needs and judge the targets.

Owns wiring the storage layer (`plans`, `actuals`) to the one judge (`judge`) so that `status`,
`report` and exports compute every figure the same way: which targets a question asks about (an
action, a period, a lead department), the readings they are judged from, and last year's readings
of the same indicators (`plans/<year-1>/`, where the repository has that plan) for the seasonal
projection. Reads only the stores of the actions asked about. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model import catalog
from daye_plan.model.errors import DayePlanError, PlanInvalid, Problem, UsageError
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.model.records import Actual, Reading
from daye_plan.ops import judge, progress, projection
from daye_plan.storage import actuals, plans

Readings = Mapping[tuple[str, str], Sequence[Reading]]  # (action id, indicator id) → sorted, one per date


@dataclass(frozen=True)
class Snapshot:
    """Every selected target judged at one date, with what it was judged from."""

    plan: Plan
    on: dt.date
    items: list[progress.Progress]
    ledgers: dict[str, actuals.Ledger]  # per action id, what was read (with `keep_records`)
    evidence: judge.Evidence = field(default_factory=lambda: judge.Evidence({}))  # what the items were judged from
    rows: Sequence[catalog.TargetRow] = ()  # every target judged with the items, of any period
    lead: str | None = None  # the one 牵头单位 whose targets were asked for, if any

    @property
    def readings(self) -> Readings:
        return self.evidence.readings

    @property
    def owners(self) -> Mapping[tuple[str, str], tuple[str, str]]:
        """The owner of each alias (`same_as`) among the targets: whose records it shares."""
        return self.evidence.owners

    def outlook(self, item: progress.Progress) -> projection.Projection:
        """预计全年, 每月需完成 and 预计能否完成 of a judged target; all None where it has none."""
        return item.outlook

    def judged_on(self, day: dt.date) -> list[progress.Progress]:
        """The same targets judged at another date by the same judge, from the same readings (as they
        stand now), in order."""
        wanted = {item.row.key for item in self.items}
        rows = self.rows or [item.row for item in self.items]
        judged = judge.judge(self.plan.meta, rows, self.evidence, day)
        return [item for item in judged if item.row.key in wanted]

    def by_period(self) -> dict[str, list[progress.Progress]]:
        """Every target judged with the items (of any period, the snapshot's lead's only), at the
        snapshot's date, by period id: a checkpoint's results in the year's report."""
        found: dict[str, list[progress.Progress]] = {}
        for item in judge.judge(self.plan.meta, self.rows, self.evidence, self.on):
            found.setdefault(item.row.target.period, []).append(item)
        return found

    def record(self, action_id: str, indicator_id: str, as_of: dt.date) -> Actual | None:
        """The record in force that a figure of (action, indicator, date) was read from."""
        ledger = self.ledgers.get(action_id)
        return None if ledger is None else ledger.record(indicator_id, as_of)

    def record_dates(self, action_id: str, indicators: Collection[str] | None = None) -> list[dt.date]:
        """The dates of an action's records in force: one per indicator and date (of `indicators` only, if given)."""
        ledger = self.ledgers.get(action_id)
        if ledger is None:
            return []
        return [
            day
            for indicator, by_date in ledger.figures.items()
            if indicators is None or indicator in indicators
            for day in by_date
        ]


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
    wanted: list[tuple[str, str]] = []
    linked: set[tuple[str, str]] = set()  # aliases and derived indicators: their figures come from elsewhere
    stores: set[str] = set()
    for action in actions:
        for indicator in action.indicators:
            key = (action.id, indicator.id)
            wanted.append(key)
            if indicator.same_as is None and indicator.formula is None:
                stores.add(action.id)  # most indicators are recorded as themselves
            else:
                linked.add(key)
                stores.update(owner for owner, _ in _sources(plan, *key))
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
    readings = {key: _readings_of(plan, key, stored) if key in linked else stored.get(key, []) for key in wanted}
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
        message = _("{name} is derived ({formula}); record its inputs instead")
        return message.format(name=indicator.name, formula=indicator.formula)
    owner_id, indicator_id = plan.resolve_alias(action.id, indicator.id)
    owner_action = plan.action(owner_id)
    owner = owner_action.indicator(indicator_id)
    message = _("{name} is the same measure as {action} · {owner}, whose records it shares")
    return message.format(name=indicator.name, action=owner_action.name, owner=owner.name)


def snapshot(
    plan: Plan,
    plan_dir: Path,
    actions: Sequence[Action],
    period: str | None,
    on: dt.date,
    *,
    keep_records: bool = False,
    lead: str | None = None,
) -> Snapshot:
    """Judge the targets of `actions` (and `period`, and `lead`'s) at `on`, with each one's outlook;
    invalid stores raise `PlanInvalid`.

    Every period's targets are judged together, so that a target paced by its checkpoint
    (`pace: checkpoints`) finds it whatever `period` asks for; then `period`'s are kept.
    """
    ledgers: dict[str, actuals.Ledger] | None = {} if keep_records else None
    marks: dict[tuple[str, str, dt.date], tuple[str, ...]] = {}
    readings, problems = load_readings(plan, plan_dir, actions, ledgers, marks)
    if problems:
        raise PlanInvalid(problems)
    rows = catalog.target_rows(plan, list(actions), None, lead)
    aliases = {(r.action.id, r.indicator.id) for r in rows if r.indicator.same_as is not None}
    owners = {key: plan.resolve_alias(*key) for key in aliases}  # any other indicator owns its records
    evidence = judge.Evidence(readings, marks, owners, last_year_readings(plan, plan_dir, actions))
    judged = judge.judge(plan.meta, rows, evidence, on)
    items = judged if period is None else [item for item in judged if item.row.target.period == period]
    return Snapshot(plan, on, items, ledgers or {}, evidence, rows, lead)


def last_year_plan(plan: Plan, plan_dir: Path) -> tuple[Plan, Path] | None:
    """The plan of the year before for the same region (`plans/<year-1>/`, or its region's folder
    where that year holds several), if the repository has a valid one."""
    year_folder = plan_dir if plan_dir.name == str(plan.meta.year) else plan_dir.parent
    root = year_folder.parent.parent
    try:
        if plan.meta.year - 1 not in plans.years(root):
            return None
        found = plans.regions(root, plan.meta.year - 1)
        folder = found.get(plan.meta.region) or (next(iter(found.values())) if len(found) == 1 else None)
        if folder is None:
            return None
        return plans.load_plan(folder), folder
    except (DayePlanError, OSError):  # its own `validate --year` reports it; this year's figures do not depend on it
        return None


def last_year_readings(plan: Plan, plan_dir: Path, actions: Sequence[Action]) -> dict[tuple[str, str], list[Reading]]:
    """Last year's readings of the cumulative indicators of `actions`, by (action id, indicator id):
    the same action id and indicator id in `plans/<year-1>/`, cumulative there too. Empty when the
    repository has no such plan, or its stores have problems (a seasonal shape from a damaged
    series would mislead; the linear projection stands instead)."""
    found = last_year_plan(plan, plan_dir)
    if found is None:
        return {}
    previous, folder = found
    previous_actions = {action.id: action for action in previous.actions}
    wanted = [previous_actions[action.id] for action in actions if action.id in previous_actions]
    if not wanted:
        return {}
    readings, problems = load_readings(previous, folder, wanted)
    if problems:
        return {}
    kept: dict[tuple[str, str], list[Reading]] = {}
    for action in actions:
        for indicator in action.indicators:
            key = (action.id, indicator.id)
            if key not in readings or not indicator.kind.policy.year_to_date:
                continue
            if previous.action(action.id).indicator(indicator.id).kind.policy.year_to_date:
                kept[key] = list(readings[key])
    return kept
