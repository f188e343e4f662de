"""Sheet files on disk: reading an XLSX workbook or a CSV file into grids of cells, and saving a template.

Owns telling a spreadsheet from what is not one (an image renamed .xlsx, an old .xls, a pipe
or a device, a zip bomb: bounded in bytes per member, in all, and in cells before openpyxl
inflates it), decoding CSV (UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows
saves it; one row per line, so an unclosed quote cannot swallow the rows after it), marking
formula cells and hidden sheets, rows and columns, and keeping each XLSX cell's number format. What the cells mean is `ops.sheets`'. Never prints.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from daye_plan.i18n import N_, _
from daye_plan.model.errors import UsageError, display_path
from daye_plan.storage import files
from daye_plan.storage.storeformat import allow_long_fields

MAX_FILE_BYTES = 20_000_000  # a fill-in sheet is a few kB; anything this big is not one
MAX_MEMBER_BYTES = 20_000_000  # one part of an XLSX, unpacked
MAX_UNPACKED_BYTES = 50_000_000  # all parts, unpacked: refuse zip bombs before openpyxl inflates them
MAX_CELLS = 100_000  # in all sheets: the bundled plan's whole template has some 2,500
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


# ---------------------------------------------------------------------------------------------
# Reading a filled sheet


@dataclass(frozen=True)
class Cell:
    value: object  # str, int, float, Decimal, date, datetime, bool or None
    ref: str  # A1-style, for messages
    formula: bool = False
    number_format: str | None = None  # XLSX: the cell's number format (`0.0%` shows 0.985 as 98.5%); None for CSV


@dataclass
class Grid:
    """One XLSX sheet, or a whole CSV file, as numbered rows of cells."""

    name: str | None  # the sheet's name; None for CSV
    rows: list[tuple[int, list[Cell]]]
    merged: list[tuple[int, str]] = field(default_factory=list)  # (first row, range) of merged cells
    hidden: bool = False  # a hidden or very hidden sheet: nobody filling in the workbook sees it
    hidden_rows: frozenset[int] = frozenset()  # XLSX rows nobody filling in the sheet sees (numbers from 1)
    hidden_columns: frozenset[int] = frozenset()  # and columns (numbers from 1: A is 1)


_MAGIC = (
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"GIF8", N_("a GIF image")),
    (b"%PDF", N_("a PDF document")),
    (b"\x1f\x8b", N_("a gzip archive")),
    (b"Rar!", N_("a RAR archive")),
    (b"7z\xbc\xaf", N_("a 7-Zip archive")),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_grids(path: Path) -> list[Grid]:
    """The sheets of an XLSX workbook or a CSV file; a file that is neither is refused."""
    where = display_path(path)
    try:
        found = files.read_file(path, MAX_FILE_BYTES, _("a fill-in sheet"))
    except OSError as exc:
        raise UsageError(_("{path}: cannot read: {reason}").format(path=where, reason=exc.strerror)) from None
    if found is None:
        raise UsageError(_("{path}: file not found").format(path=where))
    data = found
    if not data.strip().removeprefix(codecs.BOM_UTF8).strip():
        raise UsageError(_("{path}: the file is empty").format(path=where))
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_grids(data, where)
    if data.startswith(_OLE):
        message = _(
            "{path}: an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx without a password"
        )
        raise UsageError(message.format(path=where))
    for magic, what in _MAGIC:
        if data.startswith(magic):
            message = _("{path}: not a spreadsheet but {what}; import an .xlsx or .csv fill-in sheet")
            raise UsageError(message.format(path=where, what=_(what)))
    text = _decode(data)
    if text is None:
        message = _("{path}: not a spreadsheet: neither an XLSX workbook nor CSV text in UTF-8 or GB18030")
        raise UsageError(message.format(path=where))
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
    """One row per line: a quoted field holding a line break, or a quote never closed, is refused
    with its line (left alone, it would swallow every later row into one cell)."""
    rows: list[tuple[int, list[Cell]]] = []
    allow_long_fields()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    try:
        for cells in reader:
            if reader.line_num != line + 1:
                message = _(
                    "{path}:{line}: a quoted cell runs over several lines (or a quote is never closed); "
                    "a fill-in sheet has one row per line"
                )
                raise UsageError(message.format(path=where, line=line + 1))
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
        if reader.line_num != line + 1:
            message = _(
                "{path}:{line}: a quote is never closed (or a quoted cell runs over several lines); "
                "a fill-in sheet has one row per line"
            )
            raise UsageError(message.format(path=where, line=line + 1)) from None
        message = _("{path}:{line}: malformed CSV: {reason}")
        raise UsageError(message.format(path=where, line=reader.line_num, reason=exc)) from None
    return Grid(None, rows)


def _xlsx_grids(data: bytes, where: str) -> list[Grid]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_size(archive, where)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        raise UsageError(
            _("{path}: not a spreadsheet: a damaged or incomplete XLSX (zip) file").format(path=where)
        ) from None
    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops; irrelevant here
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, TypeError, XML errors ... on a bad file
        message = _("{path}: not a spreadsheet: a zip file but not an XLSX workbook ({error})")
        raise UsageError(message.format(path=where, error=type(exc).__name__)) from None
    grids = []
    for sheet in book.worksheets:
        rows = [
            (number, [_xlsx_cell(cell) for cell in cells])
            for number, cells in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1)
        ]
        merged = [(cells.min_row, cells.coord) for cells in sheet.merged_cells.ranges]
        hidden = sheet.sheet_state != "visible"
        grids.append(Grid(sheet.title, rows, sorted(merged), hidden, *_hidden_rows_and_columns(sheet)))
    return grids


def _hidden_rows_and_columns(sheet: object) -> tuple[frozenset[int], frozenset[int]]:
    """The rows and columns of a worksheet that are hidden (a column's setting may span several)."""
    rows = frozenset(
        number for number, row in getattr(sheet, "row_dimensions", {}).items() if getattr(row, "hidden", False)
    )
    columns: set[int] = set()
    for letter, column in getattr(sheet, "column_dimensions", {}).items():
        if not getattr(column, "hidden", False):
            continue
        first = getattr(column, "min", None) or column_index_from_string(letter)
        last = getattr(column, "max", None) or first
        columns.update(range(first, last + 1))
    return rows, frozenset(columns)


def _check_size(archive: zipfile.ZipFile, where: str) -> None:
    """Refuse a workbook that unpacks to more than a fill-in sheet ever holds, before openpyxl
    builds it in memory: the sizes its parts declare (zipfile never inflates past them), then the
    cells its worksheets hold, counted while inflating, a piece at a time."""
    members = archive.infolist()
    unpacked = sum(info.file_size for info in members)
    largest = max((info.file_size for info in members), default=0)
    if unpacked > MAX_UNPACKED_BYTES or largest > MAX_MEMBER_BYTES:
        message = _("{path}: unpacks to {size} bytes; that is not a fill-in sheet")
        raise UsageError(message.format(path=where, size=f"{unpacked:,}"))
    cells = 0
    for info in members:
        if not info.filename.startswith("xl/worksheets/"):
            continue
        with archive.open(info) as member:
            carry = b""
            while chunk := member.read(1 << 20):
                piece = carry + chunk
                cells += len(_CELL.findall(piece))
                carry = piece[-32:]
                cells -= len(_CELL.findall(carry))  # counted again with the next piece
                if cells > MAX_CELLS:
                    message = _("{path}: more than {count} cells; that is not a fill-in sheet")
                    raise UsageError(message.format(path=where, count=f"{MAX_CELLS:,}"))


def _xlsx_cell(cell: object) -> Cell:
    value = getattr(cell, "value", None)
    formula = getattr(cell, "data_type", "") == "f" or isinstance(value, ArrayFormula | DataTableFormula)
    if isinstance(value, str) and value.lstrip().startswith("="):
        formula = True
    number_format = getattr(cell, "number_format", None)
    return Cell(
        value, str(getattr(cell, "coordinate", "")), formula, number_format if isinstance(number_format, str) else None
    )
