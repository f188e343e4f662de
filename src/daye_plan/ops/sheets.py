"""Fill-in sheets for departments, as data: the sheet format, and importing filled ones all or nothing.

Owns the sheet format — one sheet per action (named by its Chinese name) plus a 说明 sheet, or one
CSV with a 行动 column; one row per target; the columns and their Chinese headers — and the way
back: applying `record`'s rules to every row of the grids `storage.sheetfiles` read, through
`ops.entry` and `ops.sheetcells` (reading the rows is `ops.sheetrows`'). Checking the rows
against the stores and writing them is `ops.importing`'s; writing a template is
`present.template`'s. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from daye_plan.i18n import N_, _, ngettext
from daye_plan.model import catalog
from daye_plan.model.errors import PlanInvalid, Problem
from daye_plan.model.numbers import quantity
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.model.records import Actual, Reading
from daye_plan.ops import tracking, vetting
from daye_plan.storage import inforce

GUIDE = "说明"
DEFAULT_AS_OF = "默认截至日期"
HEADER_SCAN = 12  # the header row is looked for in this many first rows
FIRST_DATA_ROW = 5  # XLSX: title, default date, hint, header, then the targets


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    fill: bool = False  # filled in by the department: unlocked, yellow
    max_width: int = 14


COLUMNS = (
    Column("indicator_id", "指标ID", max_width=26),
    Column("indicator", "指标", max_width=40),
    Column("period", "期间"),
    Column("level", "要求"),
    Column("cmp", "比较"),
    Column("target", "目标值"),
    Column("unit", "单位"),
    Column("latest", "最新实际"),
    Column("latest_as_of", "最新截至", max_width=12),
    Column("value", "填报数值", fill=True),
    Column("entered_unit", "填报单位", fill=True),
    Column("as_of", "截至日期", fill=True, max_width=12),
    Column("source", "来源", fill=True, max_width=24),
    Column("note", "备注", fill=True, max_width=30),
    Column("confirm", "确认", fill=True, max_width=6),  # 是: a figure that looks like a slip is right
)
ACTION = Column("action", "行动")  # CSV only: the action a row belongs to
FILL_KEYS = tuple(column.key for column in COLUMNS if column.fill)
CONFIRM_HEADER = next(column.header for column in COLUMNS if column.key == "confirm")
BY_HEADER = {column.header: column.key for column in (ACTION, *COLUMNS)}
MILESTONE_WORDS = ("完成", "未完成")
TEXT_LABELS = {"source": "来源", "note": "备注"}  # the columns; `by` is the import's argument
HIDDEN = N_("the sheet is hidden: unhide it to check its rows, or delete it; nothing was recorded")


@dataclass(frozen=True)
class TemplateRow:
    """One target of the template, with the latest figure recorded for its indicator."""

    target: catalog.TargetRow
    fillable: bool  # the first row of an indicator that is recorded: where its figure goes
    latest: Reading | None

    @property
    def action(self) -> Action:
        return self.target.action


def template_rows(plan: Plan, plan_dir: Path, actions: Sequence[Action], on: dt.date) -> list[TemplateRow]:
    """Every target of `actions`, each with its indicator's latest figure on or before `on`."""
    readings, problems = tracking.load_readings(plan, plan_dir, actions)
    if problems:
        raise PlanInvalid(problems)
    rows: list[TemplateRow] = []
    seen: set[tuple[str, str]] = set()
    for target in catalog.target_rows(plan, list(actions)):
        key = (target.action.id, target.indicator.id)
        history = readings.get(key, [])
        latest = next((reading for reading in reversed(history) if reading.as_of <= on), None)
        rows.append(TemplateRow(target, key not in seen and target.indicator.formula is None, latest))
        seen.add(key)
    return rows


def sheet_title(action: Action) -> str:
    """The action's sheet: its Chinese name, or its id where Excel would refuse the name."""
    bad = set("[]:*?/\\")
    name = action.name
    return action.id if len(name) > 31 or bad & set(name) or name == GUIDE else name


# Validating rows into records


@dataclass(frozen=True)
class Planned:
    """A record an import will write, with the store's action and the row it came from."""

    action: Action
    indicator: Indicator
    actual: Actual
    row: str  # `招商引资:7` or `line 7`, for messages
    at: Problem  # where the row is, as a problem there would print: `FILE:招商引资:7` (its message empty)
    confirmed: bool = False  # its 确认 cell says 是: a figure that looks like a slip is right
    doubts: tuple[vetting.Doubt, ...] = ()  # what was confirmed about it, once vetted
    replaces: Actual | None = None  # the record in force it supersedes, once vetted
    reverts: bool = False  # it repeats a record that `replaces` corrected, confirmed


@dataclass(frozen=True)
class Batch:
    """What an import writes: the new records, and how many rows it left out and why."""

    source: Path
    new: list[Planned]
    unchanged: int  # identical to the latest record for that indicator and date (or repeated in the sheet)
    empty: int  # rows with no figure filled in

    @property
    def stores(self) -> dict[str, list[Actual]]:
        by_action: dict[str, list[Actual]] = {}
        for planned in self.new:
            by_action.setdefault(planned.action.id, []).append(planned.actual)
        return by_action

    def summary(self) -> str:
        """`招商引资: 12 records as of 2024-03-31 from 招商引资-3月.xlsx` — the commit message's body."""
        names = "、".join(dict.fromkeys(p.action.name for p in self.new)) or _("nothing")
        days = sorted({p.actual.as_of for p in self.new})
        count = len(self.new)
        if not days:
            message = ngettext("{names}: {count} record from {file}", "{names}: {count} records from {file}", count)
        elif len(days) == 1:
            message = ngettext(
                "{names}: {count} record as of {first} from {file}",
                "{names}: {count} records as of {first} from {file}",
                count,
            )
        else:
            message = ngettext(
                "{names}: {count} record as of {first}..{last} from {file}",
                "{names}: {count} records as of {first}..{last} from {file}",
                count,
            )
        first, last = (days[0], days[-1]) if days else (None, None)
        return message.format(names=names, count=count, first=first, last=last, file=self.source.name)

    def skipped(self) -> str:
        message = _("{unchanged} already recorded, {empty} rows without a figure")
        return message.format(unchanged=self.unchanged, empty=self.empty)

    def confirmations(self) -> list[str]:
        """Each doubt the batch confirms, at its row: what the analyst waved through."""
        found = []
        for planned in self.new:
            found += [
                str(replace(planned.at, message=vetting.describe(planned.indicator, planned.actual, d)))
                for d in planned.doubts
            ]
            if planned.reverts and planned.replaces is not None:
                message = reverting(planned.indicator, planned.actual, planned.replaces)
                found.append(str(replace(planned.at, message=message)))
        return found


def reverting(indicator: Indicator, actual: Actual, current: Actual) -> str:
    """Why a row that repeats a superseded record is doubted: it would undo the correction made since."""
    message = _(
        "{name} = {value} as of {day} is a figure corrected since: {current} recorded by {by} at {at} "
        "supersedes it; importing it again would undo that correction"
    )
    return message.format(
        name=indicator.name,
        value=quantity(actual.value, indicator.unit),
        day=actual.as_of,
        current=quantity(current.value, indicator.unit),
        by=current.by or "?",
        at=current.at or "?",
    )


same_record = inforce.same_figure  # identical for idempotency: indicator, date, value, unit, source and note
