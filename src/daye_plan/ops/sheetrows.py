"""Reading a filled sheet's rows into records: `record`'s rules applied to every row, all problems at once.

Owns finding a grid's header row and its columns (a header over two columns is refused), and
turning each filled row into the record `record` would make of it, through `ops.entry` and
`ops.sheetcells`. Every problem is collected as `FILE:sheet:row: message` — a hidden sheet, a
hidden row or column holding anything (nobody checking the sheet saw it), a 指标 that is not its
指标ID's, a formula, a merged cell, two figures for one indicator and date — and raised together.
Checking the records against the stores is `ops.importing`'s. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl.utils import get_column_letter

from daye_plan.i18n import _, ngettext
from daye_plan.model import catalog
from daye_plan.model.errors import DayePlanError, Problem, UsageError, display_path
from daye_plan.model.plan import Action, Plan
from daye_plan.ops import entry, sheetcells, tracking
from daye_plan.ops.sheetcells import text as _text
from daye_plan.ops.sheetcells import value as _value
from daye_plan.ops.sheets import (
    ACTION,
    BY_HEADER,
    COLUMNS,
    CONFIRM_HEADER,
    DEFAULT_AS_OF,
    FILL_KEYS,
    HEADER_SCAN,
    HIDDEN,
    TEXT_LABELS,
    Planned,
    same_record,
    sheet_title,
)
from daye_plan.storage.sheetfiles import Cell, Grid


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
        index, header_row, columns, twice = found
        if grid.hidden:
            self.fail(grid, None, _(HIDDEN))
            return 1
        for header, letters in twice.items():
            message = _("the header row has {count} {header} columns ({letters}); keep one")
            self.fail(grid, header_row, message.format(count=len(letters), header=header, letters="、".join(letters)))
        if twice or self._hidden(grid, index, columns):
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

    def _hidden(self, grid: Grid, header_index: int, columns: dict[str, int]) -> bool:
        """Refuse hidden rows and columns that hold anything: nobody checking the sheet saw them."""
        before = len(self.problems)
        headers = {
            index: text for text, index in ((_text(c.value), i) for i, c in enumerate(grid.rows[header_index][1]))
        }
        for column in sorted(grid.hidden_columns):
            filled = any(len(cells) >= column and _text(cells[column - 1].value) for _n, cells in grid.rows)
            if filled or column - 1 in columns.values():
                name = headers.get(column - 1) or "—"
                message = _(
                    "column {letter} ({header}) is hidden: unhide it to check it, or delete it; nothing was recorded"
                )
                self.fail(grid, None, message.format(letter=get_column_letter(column), header=name))
        for number, cells in grid.rows:
            if number in grid.hidden_rows and any(_text(cell.value) for cell in cells):
                self.fail(
                    grid, number, _("the row is hidden: unhide it to check it, or delete it; nothing was recorded")
                )
        return len(self.problems) > before

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
        named = (
            _text(_value(cells, "indicator")).lstrip(" \u3000").removeprefix("└").strip()
        )  # `└ 工业项目`: a 其中 part
        if named and named != indicator.name:  # one of the pair was changed: which one is meant?
            message = _(
                "指标 {named!r} is not the indicator of 指标ID {id} ({name}); one of the two was changed: "
                "put back the pair the template has"
            )
            raise UsageError(message.format(named=named, id=ident, name=indicator.name))
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


def _header(grid: Grid) -> tuple[int, int, dict[str, int], dict[str, list[str]]] | None:
    """The header row's index and number, each known column's index, and the known headers that
    stand over more than one column (with their letters); None for a sheet without a header row."""
    for index, (number, cells) in enumerate(grid.rows[:HEADER_SCAN]):
        texts = [_text(cell.value) for cell in cells]
        if "指标ID" in texts:
            columns: dict[str, int] = {}
            letters: dict[str, list[str]] = {}
            for column, text in enumerate(texts):
                if text in BY_HEADER:
                    columns.setdefault(BY_HEADER[text], column)
                    letters.setdefault(text, []).append(get_column_letter(column + 1))
            return index, number, columns, {text: found for text, found in letters.items() if len(found) > 1}
    return None
