"""Bringing a filled 责任分工 sheet into the plan: every cell checked, then the plan files edited all or nothing.

Owns reading the division-of-labour sheet back (XLSX or CSV, as `storage.sheetfiles` reads it):
the header row found by its column names, one row per indicator named by 指标ID within its 行动,
and every cell checked — an unknown action or indicator, an 指标 or a 行动 that disagrees with the
指标ID, a 报送频次 outside 月/季/半年/年/一次 (or one for a derived indicator), a line break in a
牵头单位, a row given twice, a formula, a hidden sheet, row or column, merged cells — each a problem
at `FILE:sheet:row` (CSV: `FILE:line`), all of them reported together. An empty cell leaves the plan
as it is (a sheet may be filled in part); names are kept as typed, trimmed. What changes is listed
per indicator and field, old and new; a new department name close to another (`duties.near_duplicate`)
is a warning, not a refusal. The edits (`duties.edits`) are made to the files' text
(`storage.planedit`), the edited plan loaded and checked as `validate` would, and only then written,
all files or none (`storage.files.replace_plan_files`). Never prints, never names a command-line flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from daye_plan.i18n import _, ngettext
from daye_plan.model import catalog
from daye_plan.model.errors import DayePlanError, Problem, UsageError, display_path
from daye_plan.model.plan import Action, Plan
from daye_plan.ops import duties
from daye_plan.ops.duties import CADENCE, FREQUENCY_WORDS, LEAD, PARTNERS, Duty
from daye_plan.ops.sheetcells import text
from daye_plan.storage import files, planedit, sources
from daye_plan.storage.plans import load
from daye_plan.storage.sheetfiles import Cell, Grid, read_grids

SHEET = "责任分工"
HEADERS = {
    "action": "行动",
    "indicator_id": "指标ID",
    "indicator": "指标",
    LEAD: "牵头单位",
    PARTNERS: "责任单位",
    CADENCE: "报送频次",
}
_BY_HEADER = {header: key for key, header in HEADERS.items()}
HEADER_SCAN = 12
MAX_PLAN_BYTES = sources.MAX_PLAN_BYTES
_SEPARATORS = "、，,；;\n"
_OPEN, _CLOSE = "（(【[", "）)】]"


@dataclass(frozen=True)
class Change:
    """One field of one indicator that the sheet changes, as shown: `— → 市招商服务中心`."""

    duty: Duty
    field: str  # of duties.FIELDS
    old: str
    new: str
    at: Problem  # the row it came from, as a problem there would print (message empty)


@dataclass(frozen=True)
class Assignment:
    """What a filled sheet does to the plan: the changes, the warnings, and the files' new bytes."""

    source: Path
    changes: list[Change]
    warnings: list[Problem]
    files: dict[Path, tuple[bytes, bytes]] = field(default_factory=dict)  # path → (as read, as edited)

    def summary(self) -> str:
        """`3 changes to 2 indicators in investment.yaml`."""
        count = len(self.changes)
        indicators = len({(c.duty.action.id, c.duty.indicator.id) for c in self.changes})
        return _("{changes} to {indicators} in {files}").format(
            changes=ngettext("{count} change", "{count} changes", count).format(count=count),
            indicators=ngettext("{count} indicator", "{count} indicators", indicators).format(count=indicators),
            files="、".join(path.name for path in self.files) or _("no file"),
        )


def prepare(plan: Plan, plan_dir: Path, root: Path, path: Path) -> Assignment:
    """Read and check a filled sheet and work out the plan files' new text; raises with every problem, writes nothing."""
    reader = _Reader(plan, display_path(path))
    grids = read_grids(path)
    sheets = sum(reader.read(grid) for grid in grids)
    if not sheets and not reader.problems:
        message = _(
            "{path}: no 责任分工 sheet: no header row with 指标ID and 牵头单位 (make one with `daye-plan assign`)"
        )
        raise UsageError(message.format(path=display_path(path)))
    if reader.problems:
        count = len(reader.problems)
        summary = ngettext(
            "{count} problem in {path}; nothing was changed", "{count} problems in {path}; nothing was changed", count
        ).format(count=count, path=display_path(path))
        raise DayePlanError([*reader.problems, Problem(None, None, None, summary)])
    changes = _changes(reader.rows)
    wanted: dict[tuple[str, str], dict[str, object]] = {(c.duty.action.id, c.duty.indicator.id): {} for c in changes}
    for row in reader.rows:
        key = (row.duty.action.id, row.duty.indicator.id)
        if key in wanted:
            wanted[key] = row.wanted
    assignment = Assignment(path, changes, _warnings(plan, reader.rows))
    edits = duties.edits(plan, wanted)
    edited: dict[str, str] = {}
    for action_id, action_edits in edits.items():
        target = plan_dir / f"{action_id}.yaml"
        data = files.read_file(target, MAX_PLAN_BYTES, _("a plan file"), root=root)
        if data is None:
            raise DayePlanError([Problem(target, None, None, _("file not found"))])
        before = sources.decode(data, target)
        after = planedit.edit(before, target, action_edits)
        bom = data[: len(data) - len(before.encode("utf-8"))]  # a byte-order mark, kept
        assignment.files[target] = (data, bom + after.encode("utf-8"))
        edited[f"{action_id}.yaml"] = after
    if edited:
        load(_Edited(sources.Folder(plan_dir), edited))  # the plan as it would be: refused now if `validate` would
    return assignment


def write(root: Path, assignment: Assignment) -> list[Path]:
    """Write the edited plan files, all or none; the files written."""
    if assignment.files:
        files.replace_plan_files(root, assignment.files)
    return list(assignment.files)


@dataclass(frozen=True)
class _Edited:
    """A plan folder with some files' text replaced, for loading the plan as it would be."""

    folder: sources.Folder
    texts: dict[str, str]

    def label(self, name: str) -> Path:
        return self.folder.label(name)

    def names(self) -> list[str]:
        return self.folder.names()

    def read(self, name: str) -> str:
        return self.texts[name] if name in self.texts else self.folder.read(name)


@dataclass(frozen=True)
class _Row:
    duty: Duty
    wanted: dict[str, object]  # field → the value in force the row asks for (absent: unchanged)
    at: Problem


def split_partners(cell: str) -> tuple[str, ...]:
    """责任单位 as typed: names separated by 、 ， , ； ; or line breaks, except inside brackets
    (各乡镇（街道、区） is one name); each trimmed, empty ones dropped, repeats once."""
    names: list[str] = []
    depth, current = 0, list[str]()
    for char in cell:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        if char in _SEPARATORS and depth == 0:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return tuple(dict.fromkeys(name.strip() for name in names if name.strip()))


class _Reader:
    def __init__(self, plan: Plan, where: str) -> None:
        self.plan, self.where = plan, where
        self.problems: list[Problem] = []
        self.rows: list[_Row] = []
        self.seen: dict[tuple[str, str], str] = {}

    def place(self, grid: Grid) -> str:
        return self.where if grid.name is None else f"{self.where}:{grid.name}"

    def fail(self, grid: Grid, row: int | None, message: str) -> None:
        self.problems.append(Problem(self.place(grid), row, None, message))

    def read(self, grid: Grid) -> int:
        """Read one grid; 1 if it is a 责任分工 sheet, 0 if it has no header."""
        found = _header(grid)
        if found is None:
            return 0
        index, header_row, columns = found
        if grid.hidden:
            self.fail(
                grid, None, _("the sheet is hidden: unhide it to check its rows, or delete it; nothing was changed")
            )
            return 1
        for first_row, span in grid.merged:
            if first_row >= header_row:
                self.fail(
                    grid, first_row, _("cells {span} are merged; unmerge them: one value per cell").format(span=span)
                )
        for column in sorted(grid.hidden_columns):
            message = _("column {column} is hidden: unhide it, so that every cell brought in is seen")
            self.fail(grid, header_row, message.format(column=get_column_letter(column)))
        hidden = set(grid.hidden_rows)
        for number, cells in grid.rows[index + 1 :]:
            values = {key: cells[i] for key, i in columns.items() if i < len(cells)}
            if number in hidden and any(text(cell.value) for cell in values.values()):
                self.fail(
                    grid,
                    number,
                    _("the row is hidden: unhide it (or clear its filter), so that what is brought in is seen"),
                )
                continue
            try:
                self.row(grid, number, values)
            except UsageError as exc:
                self.fail(grid, number, str(exc))
        return 1

    def row(self, grid: Grid, number: int, cells: dict[str, Cell]) -> None:
        formulas = [cell for cell in cells.values() if cell.formula]
        if formulas:
            raise UsageError(
                "; ".join(
                    _("{cell} holds a formula ({formula}); type the value itself: formulas are not evaluated").format(
                        cell=cell.ref, formula=text(cell.value)
                    )
                    for cell in formulas
                )
            )
        said = {key: text(cell.value) for key, cell in cells.items()}
        ident = said.get("indicator_id", "")
        if not ident:
            if any(said.get(key) for key in duties.FIELDS):
                raise UsageError(_("a row without 指标ID; fill in the rows of the sheet only"))
            return
        action = self.action(said.get("action", ""), ident)
        index = next(n for n, i in enumerate(action.indicators) if i.id == ident)
        duty = duties.duty_of(self.plan, action, index)
        name = said.get("indicator", "").strip("\u3000 ")
        if name and name != duty.indicator.name:
            message = _(
                "指标 {name!r} is not the name of 指标ID {id} ({expected}); the 指标ID decides: correct one of them"
            )
            raise UsageError(message.format(name=name, id=ident, expected=duty.indicator.name))
        key = (action.id, ident)
        if key in self.seen:
            message = _("{name} ({id}) is already given in {row}; one row per indicator")
            raise UsageError(message.format(name=duty.indicator.name, id=ident, row=self.seen[key]))
        self.seen[key] = (
            _("row {number}").format(number=number) if grid.name else _("line {number}").format(number=number)
        )
        wanted: dict[str, object] = {}
        lead = said.get(LEAD, "")
        if lead:
            if any(char in lead for char in "\r\n\t") or not lead.isprintable():
                raise UsageError(_("牵头单位 {name!r}: a name is one line of text").format(name=lead))
            wanted[LEAD] = lead
        partners = said.get(PARTNERS, "")
        if partners:
            names = split_partners(partners)
            bad = next((n for n in names if not n.isprintable()), None)
            if bad is not None:
                raise UsageError(_("责任单位 {name!r}: a name is one line of text").format(name=bad))
            wanted[PARTNERS] = names
        cadence = said.get(CADENCE, "")
        if cadence:
            found = duties.frequency_named(cadence)
            if found is None:
                message = _("报送频次 {value!r} is not one of {valid}; pick one from the list")
                raise UsageError(message.format(value=cadence, valid="、".join(FREQUENCY_WORDS.values())))
            if not duty.reported:
                message = _("{name} is derived by a formula and never reported; leave its 报送频次 empty")
                raise UsageError(message.format(name=duty.indicator.name))
            wanted[CADENCE] = found
        self.rows.append(_Row(duty, wanted, Problem(self.place(grid), number, None, "")))

    def action(self, word: str, ident: str) -> Action:
        """The action of a row: the one its 行动 names, which must hold the 指标ID."""
        holding = [action for action in self.plan.actions if action.indicator_named(ident) is not None]
        holding = [action for action in holding if any(i.id == ident for i in action.indicators)]
        if word:
            action = catalog.action_named(self.plan, word)
            if action is None:
                message = _("行动 {name!r} is not an action of the plan; valid: {valid}")
                raise UsageError(message.format(name=word, valid=catalog.valid_actions(self.plan)))
            if action in holding:
                return action
            if holding:
                message = _("行动 {name} disagrees with 指标ID {id}, which is an indicator of {actions}")
                raise UsageError(message.format(name=word, id=ident, actions="、".join(a.name for a in holding)))
            raise UsageError(_("指标ID {id!r} is not an indicator of {action}").format(id=ident, action=action.name))
        if len(holding) == 1:
            return holding[0]
        if holding:
            message = _("指标ID {id!r} is in {actions}: fill in its 行动")
            raise UsageError(message.format(id=ident, actions="、".join(a.name for a in holding)))
        raise UsageError(_("指标ID {id!r} is not an indicator of the plan").format(id=ident))


def _header(grid: Grid) -> tuple[int, int, dict[str, int]] | None:
    """The header row's index and number, and each known column's index; None for a sheet without one."""
    for index, (number, cells) in enumerate(grid.rows[:HEADER_SCAN]):
        texts = [text(cell.value) for cell in cells]
        if HEADERS["indicator_id"] in texts and HEADERS[LEAD] in texts:
            columns: dict[str, int] = {}
            for column, word in enumerate(texts):
                if word in _BY_HEADER:
                    columns.setdefault(_BY_HEADER[word], column)
            return index, number, columns
    return None


def shown(field_name: str, value: object) -> str:
    """A field's value as the sheet and the change list show it: `—` for none."""
    if field_name == PARTNERS:
        return duties.PARTNER_SEPARATOR.join(value) if isinstance(value, tuple) and value else "—"
    if field_name == CADENCE:
        return next((word for frequency, word in FREQUENCY_WORDS.items() if frequency == value), "—")
    return str(value) if value else "—"


def _changes(rows: Sequence[_Row]) -> list[Change]:
    found = []
    for row in rows:
        now = {LEAD: row.duty.lead, PARTNERS: row.duty.partners, CADENCE: row.duty.cadence}
        for name in duties.FIELDS:
            if name in row.wanted and row.wanted[name] != now[name]:
                found.append(Change(row.duty, name, shown(name, now[name]), shown(name, row.wanted[name]), row.at))
    return found


def _warnings(plan: Plan, rows: Sequence[_Row]) -> list[Problem]:
    """A department named for the first time that is close to another one (`duties.near_duplicate`), once each."""
    known = duties.department_names(plan)
    found: list[Problem] = []
    told: set[str] = set()
    for row in rows:
        names = [row.wanted[LEAD]] if LEAD in row.wanted else []
        partners = row.wanted.get(PARTNERS, ())
        names += list(partners) if isinstance(partners, tuple) else []
        for name in names:
            assert isinstance(name, str)
            if name in known or name in told:
                continue
            close = [other for other in known if duties.near_duplicate(name, other)]
            told.add(name)
            if close:
                message = _("{name!r} looks like {others}, named already: the same department? Names are kept as typed")
                found.append(
                    Problem(row.at.path, row.at.line, None, message.format(name=name, others="、".join(close)))
                )
            known.append(name)
    return found
