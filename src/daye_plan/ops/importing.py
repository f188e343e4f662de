"""Importing a filled sheet: its rows against the stores, then written all or nothing.

Owns what an import writes once `ops.sheets` has read every row into a record: dropping rows
identical to the records in force (so that importing a sheet twice records nothing new, checked
again under the stores' locks, so that imports of one sheet at once store it once), questioning
rows identical to a record a later correction superseded (they would undo it),
questioning figures that look like slips (`ops.vetting`: each a problem at its row unless the
row's 确认 cell or the whole import confirms it, then written with its marks), and appending to
every store it touches through `storage.actuals.append_stores`, all or nothing across them.
Never prints, never names a command-line flag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from daye_plan.i18n import _, ngettext
from daye_plan.model.errors import PlanInvalid, Problem, display_path
from daye_plan.model.plan import Plan
from daye_plan.model.records import CONFIRMED, Actual, Reading
from daye_plan.ops import sheetcells, vetting
from daye_plan.ops.sheetrows import collect
from daye_plan.ops.sheets import CONFIRM_HEADER, Batch, Planned, reverting, same_record
from daye_plan.storage import actuals
from daye_plan.storage.sheetfiles import read_grids


def prepare(plan: Plan, plan_dir: Path, path: Path, *, as_of: dt.date | None, by: str, confirm: bool = False) -> Batch:
    """Read, check and de-duplicate a filled sheet; raises with every problem, writes nothing.

    A figure that looks like a slip (`vetting`) is a problem at its row unless its 确认 cell says
    是 or `confirm` confirms the whole sheet; a confirmed one is written with its marks. A row
    identical to the record in force is not written again, unless it now confirms a doubt that
    record's marks do not. A row identical to a record that a later one superseded would undo
    that correction (last month's sheet imported again): a problem at its row unless confirmed
    the same way, then written with the mark `confirmed:revert`.
    """
    found, repeated, empty = collect(plan, path, read_grids(path), as_of=as_of, by=by)
    current: dict[tuple[str, str, dt.date], Actual] = {}
    earlier: dict[tuple[str, str, dt.date], list[Actual]] = {}
    stored: dict[tuple[str, str], list[Reading]] = {}
    problems: list[Problem] = []
    for action_id in dict.fromkeys(p.action.id for p in found):
        ledger = actuals.read(actuals.path_for(plan_dir, action_id), plan.action(action_id), plan.meta.year, full=True)
        problems.extend(ledger.problems)
        superseded = ledger.superseded_lines()
        for record in ledger.records:
            key = (action_id, record.indicator, record.as_of)
            if record.line in superseded:
                earlier.setdefault(key, []).append(record)
            else:
                current[key] = record
        stored.update(((action_id, indicator), series) for indicator, series in ledger.sorted_readings().items())
    if problems:
        raise PlanInvalid(problems)
    doubts = vetting.judge_each(plan, [(p.action.id, p.indicator, p.actual) for p in found], stored)
    new: list[Planned] = []
    for planned, raised in zip(found, doubts, strict=True):
        key = (planned.action.id, planned.actual.indicator, planned.actual.as_of)
        before = current.get(key)
        marks = vetting.marks(raised)
        sure = confirm or planned.confirmed
        if same_record(planned.actual, before) and not (raised and sure and before and set(marks) - set(before.flags)):
            continue
        reverted = (
            None if before is None else next((r for r in earlier.get(key, ()) if same_record(planned.actual, r)), None)
        )
        if reverted is not None and before is not None and not sure:
            problems.append(replace(planned.at, message=_advised(reverting(planned.indicator, planned.actual, before))))
        if raised and not sure:
            problems.extend(
                replace(planned.at, message=_advised(vetting.describe(planned.indicator, planned.actual, d)))
                for d in raised
            )
        if (reverted is not None or raised) and not sure:
            continue
        if reverted is not None:
            marks = (*marks, REVERT_MARK)
        flagged = replace(planned.actual, flags=marks)
        new.append(
            replace(planned, actual=flagged, doubts=tuple(raised), replaces=before, reverts=reverted is not None)
        )
    if problems:
        count = len({(p.path, p.line) for p in problems})
        summary = ngettext(
            "{count} figure in {path} looks like a slip; nothing was recorded",
            "{count} figures in {path} look like slips; nothing was recorded",
            count,
        ).format(count=count, path=display_path(path))
        raise vetting.Implausible([*problems, Problem(None, None, None, summary)], [d for ds in doubts for d in ds])
    return Batch(path, new, repeated + len(found) - len(new), empty)


REVERT_MARK = f"{CONFIRMED}revert"  # a figure put back over a later correction, on purpose


def _advised(doubt: str) -> str:
    """A doubt at a row, with how to confirm it in the sheet."""
    # i18n: a doubt about a row, then how to confirm it: {header} is the 确认 column, {yes} its word (是)
    message = _("{doubt} (if the figure is right, write “{yes}” in the “{header}” column)")
    return message.format(doubt=doubt, yes=sheetcells.YES, header=CONFIRM_HEADER)


def write(plan_dir: Path, batch: Batch) -> dict[Path, actuals.Written]:
    """Append the batch to its stores, all or nothing (every store was checked by `prepare`).

    Under the stores' locks, a record the same figure as the record in force by then is left
    out: an import of the same sheet that finished meanwhile has stored it. Returns what each
    store got (a store that got nothing is in it too)."""
    stores = {actuals.path_for(plan_dir, action_id): records for action_id, records in batch.stores.items()}
    return actuals.append_stores(stores, skip_same=True)
