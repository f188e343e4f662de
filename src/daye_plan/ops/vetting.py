"""Putting the plausibility checks to work: what a new figure must answer for, and what `validate` warns about.

Owns applying `plausibility` to figures on their way into a store — each new reading against the
indicator's stored series and the sheet's other rows, blaming a doubt on the new figure that
raised it (also when a figure written before an existing one makes that one look wrong) — the
refusal that carries the doubts (`Implausible`), the marks a confirmation leaves on a record
(`confirmed:<check>`), and the doubts about stored series that no record's mark answers
(`validate`'s warnings). Reads stores only through `storage.actuals`; never writes, never
prints, never names a command-line flag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from daye_plan.i18n import _
from daye_plan.model.errors import Problem, UsageError
from daye_plan.model.numbers import quantity
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.model.records import CONFIRMED, Actual, Reading
from daye_plan.ops import plausibility
from daye_plan.ops.plausibility import Suspicion
from daye_plan.storage import actuals, inforce


@dataclass(frozen=True)
class Doubt:
    """A suspicion, and the new reading it is blamed on (the one doubted, or the one that made it so)."""

    blamed: int  # index of the new reading in the readings checked
    suspicion: Suspicion

    @property
    def check(self) -> str:
        return self.suspicion.check


class Implausible(UsageError):
    """Figures that look like slips: one problem per doubt, each naming the likely mistake. Nothing was written."""

    def __init__(self, problems: list[Problem], doubts: Sequence[Doubt]) -> None:
        super().__init__(problems)
        self.doubts = list(doubts)


def judge(plan: Plan, indicator: Indicator, stored: Sequence[Reading], new: Sequence[Reading]) -> list[Doubt]:
    """The doubts `new` readings bring to an indicator's `stored` series (sorted, one per date).

    A new reading is checked against the one before it in the series it joins (stored or new; a
    new one for a stored date supersedes it). A stored reading that only looks wrong because a
    new one now comes before it — 80 written for 02-28 under an existing 71 for 03-31 — is
    blamed on that new one. Doubts the stored series already had are not counted again.
    """
    if not indicator.kind.policy.doubtable or not new:
        return []
    target = plausibility.reference_target(indicator, plan.meta.periods)
    tolerance = plan.meta.jump_tolerance
    before = {
        (r.as_of, s.check) for r, s in plausibility.check_series(indicator, stored, target=target, tolerance=tolerance)
    }
    merged = {reading.as_of: reading for reading in stored}
    added: dict[dt.date, int] = {}
    for index, reading in enumerate(new):
        merged[reading.as_of] = reading
        added[reading.as_of] = index
    ordered = sorted(merged)
    found: list[Doubt] = []
    for reading, suspicion in plausibility.check_series(
        indicator, [merged[day] for day in ordered], target=target, tolerance=tolerance
    ):
        if reading.as_of in added:
            found.append(Doubt(added[reading.as_of], suspicion))
            continue
        if (reading.as_of, suspicion.check) in before:
            continue
        position = ordered.index(reading.as_of)
        previous = ordered[position - 1] if position else None
        if previous in added:
            found.append(Doubt(added[previous], suspicion))
    return found


def judge_each(
    plan: Plan,
    items: Sequence[tuple[str, Indicator, Actual]],
    stored: Mapping[tuple[str, str], Sequence[Reading]],
) -> list[list[Doubt]]:
    """The doubts about each of several new records (action id, indicator, record) — an import's
    rows — each indicator's new figures judged together against its `stored` series, keyed
    (action id, indicator id): a sheet may carry 01-31 and 02-28 of one indicator side by side."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (action_id, indicator, _record) in enumerate(items):
        groups.setdefault((action_id, indicator.id), []).append(index)
    found: list[list[Doubt]] = [[] for _item in items]
    for key, indices in groups.items():
        indicator = items[indices[0]][1]
        new = [Reading(items[index][2].value, items[index][2].as_of) for index in indices]
        for doubt in judge(plan, indicator, stored.get(key, ()), new):
            found[indices[doubt.blamed]].append(doubt)
    return found


def marks(doubts: Sequence[Doubt]) -> tuple[str, ...]:
    """The flags a confirmed record carries: `confirmed:<check>` for each check that doubted it."""
    return tuple(dict.fromkeys(f"{CONFIRMED}{doubt.check}" for doubt in doubts))


def describe(indicator: Indicator, actual: Actual, doubt: Doubt) -> str:
    """One doubt as a clerk reads it: the figure, what it looks like, and the likely mistake."""
    suspicion = doubt.suspicion
    figures = {
        "name": indicator.name,
        "value": quantity(actual.value, indicator.unit),
        "day": actual.as_of,
        "check": suspicion.check,
        "reason": suspicion.message,
    }
    if suspicion.as_of != actual.as_of:
        message = _(
            "{name} = {value} as of {day} makes the record of {other_day} ({other_value}) look like a slip: "
            "[{check}] {reason}"
        )
        return message.format(
            other_day=suspicion.as_of, other_value=quantity(suspicion.value, suspicion.unit), **figures
        )
    return _("{name} = {value} as of {day} looks like a slip: [{check}] {reason}").format(**figures)


def vet_record(
    plan: Plan, plan_dir: Path, action: Action, indicator: Indicator, actual: Actual, *, confirm: bool
) -> Actual:
    """The record `record` writes: refused (`Implausible`) while it raises a doubt nobody confirmed,
    marked `confirmed:<check>` for each doubt when `confirm` is given, unchanged when no doubt.

    Reads only the indicator's lines of its store, without the lock: an advisory check, which a
    record written meanwhile by someone else may change.
    """
    if not indicator.kind.policy.doubtable:
        return actual
    stored = actuals.read_series(actuals.path_for(plan_dir, action.id), action, plan.meta.year, indicator.id)
    doubts = judge(plan, indicator, stored, [Reading(actual.value, actual.as_of)])
    if not doubts:
        return actual
    if not confirm:
        raise Implausible([Problem(None, None, None, describe(indicator, actual, d)) for d in doubts], doubts)
    return replace(actual, flags=marks(doubts))


def _answered(check: str, doubted: Actual | None, reference: Actual | None) -> bool:
    """Whether a confirmation answers a doubt: the record doubted carries `confirmed:<check>`, or
    the earlier-dated record it was compared with does and was written after it — the figure
    written before an existing one, which the doubt was blamed on when it was confirmed."""
    if doubted is None:
        return False
    if check in doubted.confirmed:
        return True
    if reference is None or check not in reference.confirmed:
        return False
    return inforce.made_after(reference.at, reference.line, doubted.at, doubted.line)


# --- validate: doubts about what is stored ---------------------------------------------------------


@dataclass(frozen=True)
class StoredDoubt:
    """A doubt about a stored record that no confirmation answers: `validate`'s warning."""

    path: Path
    line: int
    action: Action
    indicator: Indicator
    suspicion: Suspicion

    def __str__(self) -> str:
        s = self.suspicion
        message = _("warning: [{check}] {name} as of {day}: {reason}").format(
            check=s.check, name=self.indicator.name, day=s.as_of, reason=s.message
        )
        return str(Problem(self.path, self.line, None, message))


def stored_doubts(plan: Plan, ledgers: Mapping[str, actuals.Ledger]) -> list[StoredDoubt]:
    """Every doubt about the stores' series (each recorded indicator: not an alias, not derived,
    not a milestone), but those a mark answers (`_answered`). `ledgers` are the stores as read
    with their rows in force, per action id; stores that did not read cleanly are skipped: their
    problems are errors already."""
    found: list[StoredDoubt] = []
    for action in plan.actions:
        ledger = ledgers.get(action.id)
        if ledger is None or ledger.problems or not ledger.count:
            continue
        path = ledger.path
        series = ledger.sorted_readings()
        for indicator in action.indicators:
            readings = series.get(indicator.id)
            if not readings or indicator.same_as or indicator.formula:
                continue
            target = plausibility.reference_target(indicator, plan.meta.periods)
            pairs = plausibility.check_series(indicator, readings, target=target, tolerance=plan.meta.jump_tolerance)
            for reading, suspicion in pairs:
                doubted = ledger.record(indicator.id, reading.as_of)
                reference = (
                    ledger.record(indicator.id, suspicion.reference_as_of) if suspicion.reference_as_of else None
                )
                if _answered(suspicion.check, doubted, reference):
                    continue
                found.append(StoredDoubt(path, doubted.line if doubted else 0, action, indicator, suspicion))
    return found
