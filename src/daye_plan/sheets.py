"""Fill-in sheets for departments: writing templates, and importing filled ones all or nothing.

Owns the sheet format — one XLSX sheet per action (named by its Chinese name) plus a 说明 sheet,
or one CSV with a 行动 column; one row per target; Chinese headers; locked plan columns and
yellow fill-in columns — and the way back: reading XLSX (openpyxl) or CSV (UTF-8 with or without
BOM, or GB18030), refusing what is not a sheet, formulas and merged cells, applying `record`'s
rules to every row through `entry`, and dropping records identical to the stored ones. Every
problem is collected as `FILE:sheet:row: message` before anything is written; stores are written
only through `actuals.append`. Never prints, never exits, never imports rich or typer.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from daye_plan import actuals, catalog, entry, export, tracking, units
from daye_plan.errors import DayePlanError, PlanInvalid, Problem, UsageError, display_path
from daye_plan.schema import Action, Actual, Indicator, Kind, Plan, Reading

GUIDE = "说明"
DEFAULT_AS_OF = "默认截至日期"
MAX_FILE_BYTES = 20_000_000  # a fill-in sheet is a few kB; anything this big is not one
MAX_UNPACKED_BYTES = 200_000_000  # refuse zip bombs before openpyxl inflates them
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
)
ACTION = Column("action", "行动")  # CSV only: the action a row belongs to
FILL_KEYS = tuple(column.key for column in COLUMNS if column.fill)
_BY_HEADER = {column.header: column.key for column in (ACTION, *COLUMNS)}
MILESTONE_WORDS = ("完成", "未完成")


# ---------------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class TemplateRow:
    """One target of the template, with the latest figure recorded for its indicator."""

    target: catalog.TargetRow
    fillable: bool  # the first row of an indicator that is recorded: where its figure goes
    latest: Reading | None

    @property
    def action(self) -> Action:
        return self.target.action

    def cells(self) -> dict[str, object]:
        """The plan columns, keyed as `COLUMNS`; values are str, Decimal, date or None."""
        row, indicator = self.target, self.target.indicator
        milestone = indicator.kind is Kind.MILESTONE
        latest: object = None
        if self.latest is not None:
            latest = ("完成" if self.latest.value else "未完成") if milestone else self.latest.value
        return {
            "indicator_id": indicator.id,
            "indicator": export.indicator_label(row, indent="　"),
            "period": row.period.label,
            "level": row.target.level or "",
            "cmp": export.CMP_SIGNS[row.target.cmp.value] if row.target.cmp is not None else "完成",
            "target": row.value,
            "unit": indicator.unit,
            "latest": latest,
            "latest_as_of": self.latest.as_of if self.latest is not None else None,
        }


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


_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_FILL_IN = PatternFill("solid", fgColor="FFF2CC")
_SHUT = PatternFill("solid", fgColor="EDEDED")
_OPEN = Protection(locked=False)
_DATE = "yyyy-mm-dd"


def xlsx_bytes(plan: Plan, rows: Sequence[TemplateRow], on: dt.date) -> bytes:
    """The XLSX template: a 说明 sheet, then one protected sheet per action."""
    book = Workbook()
    guide = book.active
    assert isinstance(guide, Worksheet)  # a new workbook's one sheet
    actions = list(dict.fromkeys(row.action.id for row in rows))
    _write_guide(guide, plan, [plan.action(a) for a in actions], rows, on)
    for action_id in actions:
        action = plan.action(action_id)
        _write_action_sheet(
            book.create_sheet(sheet_title(action)), action, [r for r in rows if r.action.id == action_id], on
        )
    book.properties.creator = "daye-plan"
    book.properties.title = f"{plan.meta.title} · 填报表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Worksheet, ref: str, value: object) -> None:
    """Set a cell; text is stored as text even when it starts with `=` (never as a formula)."""
    cell = sheet[ref]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _write_action_sheet(sheet: Worksheet, action: Action, rows: Sequence[TemplateRow], on: dt.date) -> None:
    _text_cell(sheet, "A1", f"{action.title} · {action.theme}")
    sheet["A1"].font = Font(bold=True, size=14)
    _text_cell(sheet, "A2", DEFAULT_AS_OF)
    sheet["A2"].font = Font(bold=True)
    date_cell = sheet["B2"]
    date_cell.value = on
    date_cell.number_format = _DATE
    date_cell.fill, date_cell.protection, date_cell.border = _FILL_IN, _OPEN, _BORDER
    date_cell.alignment = Alignment(horizontal="left")
    _text_cell(sheet, "C2", "截至日期一栏留空时取此日期")
    _text_cell(
        sheet,
        "A3",
        "在浅黄色单元格填报；同一指标只在第一行填；累计指标填年初至截至日期的累计数；"
        "数值可写 3,500 或 350亿元，任务填“完成”；不要写公式、不要合并单元格。详见“说明”表。",
    )
    sheet["A3"].font = Font(color="595959")
    header_row = FIRST_DATA_ROW - 1
    for index, column in enumerate(COLUMNS, start=1):
        head = sheet.cell(header_row, index, column.header)
        head.font, head.fill, head.border = Font(bold=True), _HEADER_FILL, _BORDER
        head.alignment = Alignment(horizontal="center", vertical="center")
    choices: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        _write_target_row(sheet, number, row, choices)
    for options, refs in choices.items():
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True, showErrorMessage=True)
        validation.errorTitle, validation.error = "请从列表中选择", f"可选：{options.replace(',', '、')}"
        sheet.add_data_validation(validation)
        for ref in refs:
            validation.add(ref)
    _fit_columns(sheet, rows)
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"  # the header and the indicator stay in view
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False  # widths may be adjusted


def _write_target_row(sheet: Worksheet, number: int, row: TemplateRow, choices: dict[str, list[str]]) -> None:
    plan_cells = row.cells()
    indicator = row.target.indicator
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(number, index)
        cell.border = _BORDER
        if not column.fill:
            _text_cell(sheet, cell.coordinate, plan_cells[column.key])
            if column.key == "latest_as_of":
                cell.number_format = _DATE
            cell.alignment = Alignment(vertical="center", wrap_text=column.key == "indicator")
            continue
        cell.fill = _FILL_IN if row.fillable else _SHUT
        if not row.fillable:
            continue
        cell.protection = _OPEN
        if column.key == "as_of":
            cell.number_format = _DATE
        elif column.key == "entered_unit" and indicator.kind is not Kind.MILESTONE:
            choices.setdefault(",".join(units.compatible_units(indicator.unit)), []).append(cell.coordinate)
        elif column.key == "value" and indicator.kind is Kind.MILESTONE:
            choices.setdefault(",".join(MILESTONE_WORDS), []).append(cell.coordinate)


def display_width(text: str) -> int:
    """Columns a text takes on screen: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fit_columns(sheet: Worksheet, rows: Sequence[TemplateRow]) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        texts = [column.header] + [_shown(row.cells().get(column.key)) for row in rows]
        widest = max(display_width(text) for text in texts)
        least = display_width(column.header) + 4
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, least), column.max_width * 2)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return export.number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write_guide(
    sheet: Worksheet, plan: Plan, actions: Sequence[Action], rows: Sequence[TemplateRow], on: dt.date
) -> None:
    sheet.title = GUIDE
    lines: list[tuple[str, str]] = [
        ("title", f"{plan.meta.region} · {plan.meta.title}"),
        ("bold", f"数据填报表 · {DEFAULT_AS_OF} {on.isoformat()} · 方案版本 {plan.meta.version}"),
        ("", ""),
        ("bold", "填报方法"),
        ("", "1. 每个行动一张表，表名即行动名称。左侧各列（指标ID至最新截至）是方案内容，已锁定，请勿修改。"),
        ("", "2. 只在浅黄色单元格填报：填报数值、填报单位、截至日期、来源、备注。没有数据的行留空即可，导入时跳过。"),
        ("", "3. 一个指标有多个目标（全年/一季度、确保/力争）时只在第一行填报；灰色行不填（公式计算的指标也是灰色）。"),
        (
            "",
            "4. 累计指标填年初至截至日期的累计数（如1—3月累计）；时点指标填截至日期的数值；任务类填“完成”或“未完成”。",
        ),
        ("", "5. 数值可带千分位（3,500）或单位（350亿元）；单位从下拉列表选择，万元、亿元等会自动换算为指标单位。"),
        ("", f"6. 截至日期可写 2023-03-31、2023.3.31 或 2023年3月31日；留空时取各表第2行的{DEFAULT_AS_OF}。"),
        ("", "7. 不要输入公式、不要合并单元格、不要改动表名和表头：这样的表会被整表拒绝，不会部分导入。"),
        ("", "8. 交回后由分析员导入：daye-plan import 文件名 --dry-run 检查，再加 --commit 入库并提交。"),
        ("", "   有任何一行不合格时整表不导入，并逐行列出问题（文件:表:行: 说明）；同一文件重复导入不会重复记录。"),
        ("", ""),
        ("bold", "各表内容"),
    ]
    for action in actions:
        mine = [row for row in rows if row.action.id == action.id]
        fill = sum(row.fillable for row in mine)
        lines.append(("", f"{sheet_title(action)}：{action.title}，{len(mine)} 个目标，{fill} 个指标待填报"))
    for number, (style, text) in enumerate(lines, start=1):
        _text_cell(sheet, f"A{number}", text)
        if style:
            sheet[f"A{number}"].font = Font(bold=True, size=14 if style == "title" else 11)
        sheet[f"A{number}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 110
    sheet.page_setup.orientation = "landscape"
    sheet.protection.sheet = True


def csv_text(rows: Sequence[TemplateRow], on: dt.date) -> str:
    """The CSV template: the XLSX columns after a 行动 column; the as-of date filled in where due."""
    header = [ACTION.header, *(column.header for column in COLUMNS)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # what Excel writes and expects
    writer.writerow(header)
    for row in rows:
        cells = {**row.cells(), "as_of": on if row.fillable else None}
        writer.writerow(
            [export.csv_cell(row.action.name), *(export.csv_cell(_csv_value(cells.get(c.key))) for c in COLUMNS)]
        )
    return out.getvalue()


def _csv_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def check_out(path: Path, *, force: bool) -> None:
    """Refuse a template's --out before any work: another format, or an existing file (perhaps a filled sheet)."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"--out {path}: write a .xlsx or a .csv file (or - for CSV on stdout)")
    if path.exists() and not force:
        raise UsageError(f"--out {path}: the file exists (a filled sheet?); pass --force to overwrite it")


def save(path: Path, data: bytes) -> None:
    """Write a template whole: to a temporary file beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"--out {path}: cannot write: {exc.strerror}") from None


# ---------------------------------------------------------------------------------------------
# Reading a filled sheet


@dataclass(frozen=True)
class Cell:
    value: object  # str, int, float, Decimal, date, datetime, bool or None
    ref: str  # A1-style, for messages
    formula: bool = False


@dataclass
class Grid:
    """One XLSX sheet, or a whole CSV file, as numbered rows of cells."""

    name: str | None  # the sheet's name; None for CSV
    rows: list[tuple[int, list[Cell]]]
    merged: list[tuple[int, str]] = field(default_factory=list)  # (first row, range) of merged cells


_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_grids(path: Path) -> list[Grid]:
    """The sheets of an XLSX workbook or a CSV file; a file that is neither is refused."""
    where = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UsageError(f"{where}: {size} bytes is too big for a fill-in sheet (at most {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{where}: file not found") from None
    except OSError as exc:
        raise UsageError(f"{where}: cannot read: {exc.strerror}") from None
    if not data.strip().removeprefix(codecs.BOM_UTF8).strip():
        raise UsageError(f"{where}: the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_grids(data, where)
    if data.startswith(_OLE):
        raise UsageError(
            f"{where}: an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx without a password"
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UsageError(f"{where}: not a spreadsheet but {what}; import an .xlsx or .csv fill-in sheet")
    text = _decode(data)
    if text is None:
        raise UsageError(f"{where}: not a spreadsheet: neither an XLSX workbook nor CSV text in UTF-8 or GB18030")
    return [_csv_grid(text, where)]


def _decode(data: bytes) -> str | None:
    """CSV text: UTF-8 (with or without BOM), else GB18030 (Excel on Chinese Windows); None if binary."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in text):
            return None
        return text.removeprefix("\ufeff")  # GB18030 has a byte-order mark of its own
    return None


def _csv_grid(text: str, where: str) -> Grid:
    rows: list[tuple[int, list[Cell]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            line = reader.line_num
            rows.append(
                (
                    line,
                    [
                        Cell(v, f"{get_column_letter(i)}{line}", v.lstrip().startswith("="))
                        for i, v in enumerate(cells, 1)
                    ],
                )
            )
    except csv.Error as exc:
        raise UsageError(f"{where}:{reader.line_num}: malformed CSV: {exc}") from None
    return Grid(None, rows)


def _xlsx_grids(data: bytes, where: str) -> list[Grid]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UsageError(f"{where}: not a spreadsheet: a damaged or incomplete XLSX (zip) file") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UsageError(f"{where}: unpacks to {unpacked} bytes; that is not a fill-in sheet")
    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops; irrelevant here
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, TypeError, XML errors ... on a bad file
        raise UsageError(
            f"{where}: not a spreadsheet: a zip file but not an XLSX workbook ({type(exc).__name__})"
        ) from None
    grids = []
    for sheet in book.worksheets:
        rows = [
            (number, [_xlsx_cell(cell) for cell in cells])
            for number, cells in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1)
        ]
        merged = [(cells.min_row, cells.coord) for cells in sheet.merged_cells.ranges]
        grids.append(Grid(sheet.title, rows, sorted(merged)))
    return grids


def _xlsx_cell(cell: object) -> Cell:
    value = getattr(cell, "value", None)
    formula = getattr(cell, "data_type", "") == "f" or isinstance(value, ArrayFormula | DataTableFormula)
    if isinstance(value, str) and value.lstrip().startswith("="):
        formula = True
    return Cell(value, str(getattr(cell, "coordinate", "")), formula)


# ---------------------------------------------------------------------------------------------
# Validating rows into records


@dataclass(frozen=True)
class Planned:
    """A record an import will write, with the store's action and the row it came from."""

    action: Action
    indicator: Indicator
    actual: Actual
    row: str  # `招商引资:7` or `line 7`, for messages


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
        """`招商引资: 12 records as of 2023-03-31 from 招商引资-2023-03.xlsx` — the commit message's body."""
        names = "、".join(dict.fromkeys(p.action.name for p in self.new)) or "nothing"
        days = sorted({p.actual.as_of for p in self.new})
        when = "" if not days else f" as of {days[0]}" if len(days) == 1 else f" as of {days[0]}..{days[-1]}"
        count = len(self.new)
        return f"{names}: {count} record{'s' if count != 1 else ''}{when} from {self.source.name}"

    def skipped(self) -> str:
        return f"{self.unchanged} already recorded, {self.empty} rows without a figure"


def same_record(a: Actual, b: Actual | None) -> bool:
    """Identical for idempotency: indicator, date, value, unit, source and note (not who or when)."""
    return b is not None and (a.indicator, a.as_of, a.value, a.unit, a.source, a.note) == (
        b.indicator,
        b.as_of,
        b.value,
        b.unit,
        b.source,
        b.note,
    )


def collect(
    plan: Plan, path: Path, grids: Sequence[Grid], *, as_of: dt.date | None, by: str
) -> tuple[list[Planned], int, int]:
    """Every filled row as a record, by `record`'s rules; all problems raised together.

    Returns the records, the number of rows repeating another row of the sheet, and of empty rows.
    """
    reader = _RowReader(plan, display_path(path), as_of, by)
    sheets = 0
    for grid in grids:
        sheets += reader.read(grid)
    if not sheets and not reader.problems:
        where = display_path(path)
        raise UsageError(
            f"{where}: no fill-in sheet: no header row with 指标ID and 填报数值 (make one with `daye-plan template`)"
        )
    if reader.problems:
        count = len(reader.problems)
        summary = Problem(
            None,
            None,
            None,
            f"{count} problem{'s' if count != 1 else ''} in {display_path(path)}; nothing was recorded",
        )
        raise DayePlanError([*reader.problems, summary])
    return reader.found, reader.repeated, reader.empty


class _RowReader:
    def __init__(self, plan: Plan, where: str, as_of: dt.date | None, by: str) -> None:
        self.plan, self.where, self.as_of, self.by = plan, where, as_of, by
        self.problems: list[Problem] = []
        self.found: list[Planned] = []
        self.seen: dict[tuple[str, str, dt.date], Planned] = {}
        self.repeated = 0
        self.empty = 0

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
        required = [ACTION] if grid.name is None else []
        required += [column for column in COLUMNS if column.key in ("indicator_id", "value")]
        missing = [column.header for column in required if column.key not in columns]
        if missing:
            self.fail(
                grid,
                header_row,
                f"the header row has no {'、'.join(missing)} column; use a sheet made by `daye-plan template`",
            )
            return 1
        for first_row, span in grid.merged:
            if first_row >= header_row:
                self.fail(grid, first_row, f"cells {span} are merged; unmerge them: one figure per cell")
        action = None if grid.name is None else _action_named(self.plan, grid.name)
        if grid.name is not None and action is None:
            self.fail(grid, None, f"the sheet is not named after an action; name it one of {_valid_actions(self.plan)}")
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
                    return _date(given, DEFAULT_AS_OF, self.plan.meta.year)
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
                f"{cell.ref} holds a formula ({_text(cell.value)}); type the figure itself: formulas are not evaluated",
            )
        if formulas:
            return
        ident = _text(_value(cells, "indicator_id"))
        if not _text(_value(cells, "value")):
            if ident:
                self.empty += 1
            elif any(_text(_value(cells, key)) for key in FILL_KEYS):
                self.fail(grid, number, "a row without 指标ID; fill in the rows of the template only")
            return
        if not ident:
            self.fail(grid, number, "a figure without 指标ID; fill in the rows of the template only")
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
            action = _action_named(self.plan, name)
            if action is None:
                raise UsageError(f"行动 {name!r} is not an action of the plan; valid: {_valid_actions(self.plan)}")
        indicator = catalog.find_indicator(action, ident)
        owner_action, owner = tracking.kept_with(self.plan, action, indicator)  # as `record` does
        day = self.day(cells.get("as_of"), default)
        unit = _text(_value(cells, "entered_unit")) or None
        actual = entry.make_actual(
            owner,
            _figure(cells["value"]),
            day,
            self.plan.meta.year,
            unit=unit,
            source=_text(_value(cells, "source")),
            note=_text(_value(cells, "note")),
            by=self.by,
        )
        label = f"{grid.name}:{number}" if grid.name is not None else f"line {number}"
        key = (owner_action.id, owner.id, day)
        earlier = self.seen.get(key)
        if earlier is not None:
            if not same_record(actual, earlier.actual):
                given = f"{earlier.row} ({earlier.actual.entered})"
                raise UsageError(
                    f"{owner.name} as of {day} is already given in {given}; one figure per indicator and date"
                )
            self.repeated += 1
            return
        self.seen[key] = planned = Planned(owner_action, owner, actual, label)
        self.found.append(planned)

    def day(self, cell: Cell | None, default: dt.date | None) -> dt.date:
        if cell is not None and _text(cell.value):
            return _date(cell, "截至日期", self.plan.meta.year)
        if self.as_of is not None:
            return self.as_of
        if default is not None:
            return default
        raise UsageError("截至日期 is empty and the sheet has no default date; fill it in or pass --as-of")


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


def _action_named(plan: Plan, word: str) -> Action | None:
    word = word.strip()
    return next((a for a in plan.actions if word in (a.id, a.name, a.title, sheet_title(a))), None)


def _valid_actions(plan: Plan) -> str:
    return ", ".join(f"{a.name} ({a.id})" for a in plan.actions)


def _value(cells: dict[str, Cell], key: str) -> object:
    cell = cells.get(key)
    return None if cell is None else cell.value


def _text(value: object) -> str:
    """A cell as text: numbers without float noise, dates as YYYY-MM-DD, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return export.number(Decimal(f"{value:.15g}"))  # Excel keeps 15 significant digits
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _figure(cell: Cell) -> str:
    """The value cell as `record` would take it typed; dates and TRUE/FALSE are not figures."""
    if isinstance(cell.value, bool):
        raise UsageError(f"填报数值 {_text(cell.value)} is not a figure; write a number, or 完成 for a task")
    if isinstance(cell.value, dt.date):
        raise UsageError(f"填报数值 {_text(cell.value)} is a date, not a figure")
    return _text(cell.value)


def _date(cell: Cell, what: str, year: int) -> dt.date:
    value = cell.value
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise UsageError(f"{what} {_text(value)} is a number, not a date (write YYYY-MM-DD, e.g. {year}-03-31)")
    else:
        day = entry.parse_date(_text(value), what)
    return entry.check_date(day, year, what)


# ---------------------------------------------------------------------------------------------
# Against the stores, and writing


def prepare(plan: Plan, plan_dir: Path, path: Path, *, as_of: dt.date | None, by: str) -> Batch:
    """Read, check and de-duplicate a filled sheet; raises with every problem, writes nothing."""
    found, repeated, empty = collect(plan, path, read_grids(path), as_of=as_of, by=by)
    latest: dict[tuple[str, str, dt.date], Actual] = {}
    problems: list[Problem] = []
    for action_id in dict.fromkeys(p.action.id for p in found):
        ledger = actuals.read(actuals.path_for(plan_dir, action_id), plan.action(action_id), plan.meta.year, full=True)
        problems.extend(ledger.problems)
        for record in ledger.records:  # in file order: the last one for a date is the one in force
            latest[(action_id, record.indicator, record.as_of)] = record
    if problems:
        raise PlanInvalid(problems)
    new = [p for p in found if not same_record(p.actual, latest.get((p.action.id, p.actual.indicator, p.actual.as_of)))]
    return Batch(path, new, repeated + len(found) - len(new), empty)


def write(plan_dir: Path, batch: Batch) -> list[Path]:
    """Append the batch: one atomic append per store (every store was checked by `prepare`)."""
    paths = []
    for action_id, records in batch.stores.items():
        path = actuals.path_for(plan_dir, action_id)
        actuals.append(path, records)
        paths.append(path)
    return paths


def rows_shown(batch: Batch) -> Iterable[list[str]]:
    """The dry run's table: one row per record an import would write."""
    for planned in batch.new:
        actual, indicator = planned.actual, planned.indicator
        shown = (
            ("完成" if actual.value else "未完成")
            if indicator.kind is Kind.MILESTONE
            else export.quantity(actual.value, actual.unit)
        )
        yield [
            planned.row,
            planned.action.name,
            indicator.name,
            actual.as_of.isoformat(),
            shown,
            actual.entered,
            actual.source,
            actual.note,
        ]


DRY_RUN_HEADER = ["行", "行动", "指标", "截至", "数值", "录入", "来源", "备注"]
