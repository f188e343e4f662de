"""Fill-in sheets for departments, as data: the sheet format, and importing filled ones all or nothing.

Owns the sheet format — one sheet per action (named by its Chinese name) plus a 说明 sheet, or one
CSV with a 行动 column; one row per target; the columns and their Chinese headers — and the way
back: applying `record`'s rules to every row of the grids `storage.sheetfiles` read, through
`ops.entry` and `ops.sheetcells`. Every problem is collected as `FILE:sheet:row: message`
(a hidden sheet is one). Checking the rows against the stores and writing them is
`ops.importing`'s; writing a template is `present.template`'s. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from daye_plan.i18n import N_, _, ngettext
from daye_plan.model import catalog
from daye_plan.model.errors import DayePlanError, PlanInvalid, Problem, UsageError, display_path
from daye_plan.model.numbers import quantity
from daye_plan.model.plan import Action, Indicator, Plan
from daye_plan.model.records import Actual, Reading
from daye_plan.ops import entry, sheetcells, tracking, vetting
from daye_plan.ops.sheetcells import text as _text
from daye_plan.ops.sheetcells import value as _value
from daye_plan.storage import inforce
from daye_plan.storage.sheetfiles import Cell, Grid

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
_BY_HEADER = {column.header: column.key for column in (ACTION, *COLUMNS)}
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


def collect(
    plan: Plan, path: Path, grids: Sequence[Grid], *, as_of: dt.date | None, by: str
) -> tuple[list[Planned], int, int]:
    """Every filled row as a record, by `record`'s rules; all problems raised together.

    Returns the records, the number of rows repeating another row of the sheet, and of empty rows.
    """
    entry.check_text(by, argument="by")
    reader = _RowReader(plan, display_path(path), as_of, by)
    sheets = 0
    for grid in grids:
        sheets += reader.read(grid)
    if not sheets and not reader.problems:
        where = display_path(path)
        message = _(
            "{path}: no fill-in sheet: no header row with 指标ID and 填报数值 (make one with `daye-plan template`)"
        )
        raise UsageError(message.format(path=where))
    if reader.problems:
        count = len(reader.problems)
        summary = ngettext(
            "{count} problem in {path}; nothing was recorded", "{count} problems in {path}; nothing was recorded", count
        ).format(count=count, path=display_path(path))
        raise DayePlanError([*reader.problems, Problem(None, None, None, summary)])
    return reader.found, reader.repeated, reader.empty


class _RowReader:
    def __init__(self, plan: Plan, where: str, as_of: dt.date | None, by: str) -> None:
        self.plan, self.where, self.as_of, self.by = plan, where, as_of, by
        self.problems: list[Problem] = []
        self.found: list[Planned] = []
        self.seen: dict[tuple[str, str, dt.date], Planned] = {}
        self.repeated = self.empty = 0

    def fail(self, grid: Grid, row: int | None, message: str) -> None:
        self.problems.append(
            Problem(self.where if grid.name is None else f"{self.where}:{grid.name}", row, None, message)
        )

    def read(self, grid: Grid) -> int:
        """Read one grid; 1 if it is a fill-in sheet, 0 if it has no header (the 说明 sheet)."""
        found = _header(grid)
        if found is None:
            return 0
        index, header_row, columns = found
        if grid.hidden:
            self.fail(grid, None, _(HIDDEN))
            return 1
        required = [ACTION] if grid.name is None else []
        required += [column for column in COLUMNS if column.key in ("indicator_id", "value")]
        missing = [column.header for column in required if column.key not in columns]
        if missing:
            self.fail(
                grid,
                header_row,
                _("the header row has no {columns} column; use a sheet made by `daye-plan template`").format(
                    columns="、".join(missing)
                ),
            )
            return 1
        for first_row, span in grid.merged:
            if first_row >= header_row:
                message = _("cells {span} are merged; unmerge them: one figure per cell").format(span=span)
                self.fail(grid, first_row, message)
        action = None if grid.name is None else catalog.action_named(self.plan, grid.name, sheet_title)
        if grid.name is not None and action is None:
            message = _("the sheet is not named after an action; name it one of {valid}")
            self.fail(grid, None, message.format(valid=catalog.valid_actions(self.plan)))
            return 1
        default = self._default_as_of(grid, index)
        for number, cells in grid.rows[index + 1 :]:
            values = {key: cells[index] for key, index in columns.items() if index < len(cells)}
            self.row(grid, number, values, action, default)
        return 1

    def _default_as_of(self, grid: Grid, header_index: int) -> dt.date | None:
        for number, cells in grid.rows[:header_index]:
            labels = [index for index, cell in enumerate(cells) if _text(cell.value) == DEFAULT_AS_OF]
            if labels:
                given = next((cell for cell in cells[labels[0] + 1 :] if _text(cell.value)), None)
                if given is None:
                    return None
                try:
                    return sheetcells.date(given, DEFAULT_AS_OF, self.plan.meta.year)
                except UsageError as exc:
                    self.fail(grid, number, str(exc))
        return None

    def row(
        self, grid: Grid, number: int, cells: dict[str, Cell], action: Action | None, default: dt.date | None
    ) -> None:
        formulas = [cell for cell in cells.values() if cell.formula]
        for cell in formulas:
            self.fail(
                grid,
                number,
                _("{cell} holds a formula ({formula}); type the figure itself: formulas are not evaluated").format(
                    cell=cell.ref, formula=_text(cell.value)
                ),
            )
        if formulas:
            return
        ident = _text(_value(cells, "indicator_id"))
        if not _text(_value(cells, "value")):
            if ident:
                self.empty += 1
            elif any(_text(_value(cells, key)) for key in FILL_KEYS):
                self.fail(grid, number, _("a row without 指标ID; fill in the rows of the template only"))
            return
        if not ident:
            self.fail(grid, number, _("a figure without 指标ID; fill in the rows of the template only"))
            return
        try:
            self.planned(grid, number, cells, ident, action, default)
        except UsageError as exc:
            self.fail(grid, number, str(exc))

    def planned(
        self,
        grid: Grid,
        number: int,
        cells: dict[str, Cell],
        ident: str,
        action: Action | None,
        default: dt.date | None,
    ) -> None:
        if action is None:
            name = _text(_value(cells, "action"))
            action = catalog.action_named(self.plan, name, sheet_title)
            if action is None:
                message = _("行动 {name!r} is not an action of the plan; valid: {valid}")
                raise UsageError(message.format(name=name, valid=catalog.valid_actions(self.plan)))
        indicator = catalog.find_indicator(action, ident)
        owner_action, owner = tracking.kept_with(self.plan, action, indicator)  # as `record` does
        day = self.day(cells.get("as_of"), default)
        unit = _text(_value(cells, "entered_unit")) or None
        actual = entry.make_actual(
            owner,
            sheetcells.figure(cells["value"], owner.unit),
            day,
            self.plan.meta.year,
            unit=unit,
            source=_text(_value(cells, "source")),
            note=_text(_value(cells, "note")),
            by=self.by,
            labels=TEXT_LABELS,
        )
        confirmed = sheetcells.confirmed(cells.get("confirm"), CONFIRM_HEADER)
        label = f"{grid.name}:{number}" if grid.name is not None else _("line {number}").format(number=number)
        key = (owner_action.id, owner.id, day)
        earlier = self.seen.get(key)
        if earlier is not None:
            if not same_record(actual, earlier.actual):
                message = _(
                    "{name} as of {day} is already given in {row} ({entered}); one figure per indicator and date"
                )
                raise UsageError(
                    message.format(name=owner.name, day=day, row=earlier.row, entered=earlier.actual.entered)
                )
            self.repeated += 1
            return
        at = Problem(self.where if grid.name is None else f"{self.where}:{grid.name}", number, None, "")
        self.seen[key] = planned = Planned(owner_action, owner, actual, label, at, confirmed)
        self.found.append(planned)

    def day(self, cell: Cell | None, default: dt.date | None) -> dt.date:
        if cell is not None and _text(cell.value):
            return sheetcells.date(cell, "截至日期", self.plan.meta.year)
        if self.as_of is not None:
            return self.as_of
        if default is not None:
            return default
        raise UsageError(_("截至日期 is empty and the sheet has no default date; fill it in or pass --as-of"))


def _header(grid: Grid) -> tuple[int, int, dict[str, int]] | None:
    """The header row's index and number, and each known column's index; None for a sheet without one."""
    for index, (number, cells) in enumerate(grid.rows[:HEADER_SCAN]):
        texts = [_text(cell.value) for cell in cells]
        if "指标ID" in texts:
            columns: dict[str, int] = {}
            for column, text in enumerate(texts):
                if text in _BY_HEADER:
                    columns.setdefault(_BY_HEADER[text], column)
            return index, number, columns
    return None
