"""The Excel renderer: the status views as a workbook an office opens in Excel or WPS.

Owns how a `Table` looks on a sheet — bold headers, each `Figure` stored as the number it carries,
with a number format that writes it as the other formats do (`≥ 135 个` is 135 shown through
`"≥ "#,##0" 个"`, `37.0%` is 0.37 shown through `0.0%`), lights as cells filled in their colour, widths for CJK, a frozen
header with a filter, A4 landscape print with the header repeated on every page — and the status
workbook: a 汇总 sheet first (the heading and the roll-up), the 台账's 滞后清单, 分部门 (排名) and 较上期
(`ledger`), then one sheet per action. The tables
are the views' (`views.status_by_action`); nothing is laid out twice. Returns bytes, the same for
the same data and date; never prints.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import weakref
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from daye_plan.ops.sheets import sheet_title
from daye_plan.present import labels, ledger, ooxml, views
from daye_plan.present import table as t
from daye_plan.present.figures import action_title
from daye_plan.present.sheetstyle import BORDER, HEADER_FILL, one_page_wide
from daye_plan.present.style import COLOURS, ON_LIGHT, SHEET_FONT, display_width, hex_of

if TYPE_CHECKING:
    from daye_plan.ops.tracking import Snapshot

FONT = SHEET_FONT


def argb(colour: str) -> str:
    """`#2e7d32` as SpreadsheetML writes a colour: opaque, `FF2E7D32`."""
    return "FF" + hex_of(colour)


TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
# A light's cell: its colour, with text that stays legible on it (and on a grey printer).
LIGHT_FILLS = {name: PatternFill("solid", fgColor=argb(colour)) for name, colour in COLOURS.items()}
LIGHT_FONTS = {name: Font(name=FONT, bold=name != "grey", color=hex_of(ON_LIGHT[name])) for name in COLOURS}
PLAIN = Font(name=FONT)
BOLD = Font(name=FONT, bold=True)
QUIET = Font(name=FONT, color="808080")
SKIPPED = (t.Role.BAR, t.Role.CHART)  # pictures: the figures they draw are in the columns beside them
# Text wraps beyond these widths (in half-width characters), so that no column of free text drives a
# sheet printed one page wide on A4 landscape below 8 pt: names at 14 Chinese characters, free text at 9.
WIDEST = {t.Role.NAME: 28, t.Role.LONG_TEXT: 18, t.Role.STRETCH: 18}
A4 = 9  # the paper size code of A4 in SpreadsheetML
DATE_FORMATS = {False: "mm-dd", True: "yyyy-mm-dd"}  # a date cell shows what the other formats write


def number_format(figure: t.Figure) -> str:
    """The number format that writes a figure's stored number as its text shows it.

    `≥ 135 个` → `"≥ "#,##0" 个"`; `37.0%` → `0.0%` (a spreadsheet's percent: 0.37 stored); a gap
    keeps its sign (`+#,##0.0" 个百分点";-…`).
    """
    written = figure.number.lstrip("+-")
    places = len(written.partition(".")[2])
    pattern = "#,##0" + ("." + "0" * places if places else "")
    after = f" {figure.unit}" if figure.unit and figure.unit != "%" else ""
    if figure.unit == "%":
        pattern = "0" + pattern[5:] + "%"
    after += figure.suffix

    def shown(sign: str) -> str:
        return _literal(figure.prefix) + sign + pattern + _literal(after)

    if figure.signed:
        return f"{shown('+')};{shown('-')};{shown('')}"
    return shown("")


def stored(figure: t.Figure) -> Decimal:
    """The number a figure's cell holds: as shown (rounded to its places); a percent as a fraction."""
    value = figure.shown
    assert value is not None  # a figure without a value is written as its text (`—`)
    return value / 100 if figure.unit == "%" else value


def _literal(text: str) -> str:
    return '"' + text.replace('"', "") + '"' if text else ""


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class _Shown:
    """One cell as written: its value, number format, and the text it shows (for the width)."""

    def __init__(
        self, value: str | Decimal | dt.date, text: str, number_format: str = "General", indent: int = 0
    ) -> None:
        self.value, self.text, self.number_format, self.indent = value, text, number_format, indent


def _shown(value: t.Cell, column: t.Column) -> _Shown:
    if isinstance(value, t.Nested):
        return _Shown(value.name, "　" * value.depth + value.name, indent=2 * value.depth)
    if isinstance(value, t.LightCell):
        return _Shown(labels.LIGHT_LABELS[value.light], labels.LIGHT_LABELS[value.light])
    if isinstance(value, t.Stretch):
        text = f"{value.requirement} · {value.attainment} · {labels.LIGHT_LABELS[value.light]}"
        return _Shown(text, text)
    if isinstance(value, t.Quiet | t.Requirement | t.Gap):
        return _Shown(value.text, value.text)
    if isinstance(value, t.Day):
        return _Shown(value.value, value.text, DATE_FORMATS[value.whole])
    if isinstance(value, t.Figure):
        if value.value is None:
            return _Shown(value.text, value.text)
        return _Shown(stored(value), value.text, number_format(value))
    if not isinstance(value, str):
        raise TypeError(f"no spreadsheet form for {type(value).__name__}")
    return _Shown(value, value)


def write_table(sheet: Worksheet, table: t.Table, top: int) -> tuple[int, int]:
    """The table's header at row `top` and its rows under it; (header row, last row)."""
    keep = [index for index, column in enumerate(table.columns) if column.role not in SKIPPED]
    widths: dict[int, int] = {}
    for place, index in enumerate(keep, start=1):
        column = table.columns[index]
        head = sheet.cell(top, place, _text(column.header))
        head.font = Font(name=FONT, bold=True, color="FFFFFF") if column.light in ("green", "red") else BOLD
        head.fill = LIGHT_FILLS[column.light] if column.light else HEADER_FILL
        head.border = BORDER
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        widths[place] = header_width(column.header)
    for number, row in enumerate(table.rows, start=top + 1):
        for place, index in enumerate(keep, start=1):
            column, value = table.columns[index], row.cells[index]
            shown = _shown(value, column)
            cell = sheet.cell(number, place)
            cell.value = _text(shown.value) if isinstance(shown.value, str) else shown.value
            if isinstance(shown.value, str):
                cell.data_type = "s"  # text stays text, even `=…`: a sheet never runs what a plan says
            cell.number_format = shown.number_format
            cell.border = BORDER
            cell.font = PLAIN
            cell.alignment = _alignment(column, shown.indent)
            if isinstance(value, t.LightCell):
                cell.fill, cell.font = LIGHT_FILLS[value.light], LIGHT_FONTS[value.light]
            elif isinstance(value, t.Quiet):
                cell.font = QUIET
            elif column.light and isinstance(value, str) and value not in ("", "0"):
                cell.font = Font(name=FONT, bold=True, color=argb(COLOURS[column.light]))
            if row.mark == t.TOTAL:
                cell.font = BOLD
                if not isinstance(value, t.LightCell):
                    cell.fill = TOTAL_FILL
            widths[place] = max(widths[place], display_width(shown.text) + 3)
    set_before = _WIDTHS.setdefault(sheet, {})
    for place, index in enumerate(keep, start=1):
        role = table.columns[index].role
        width = min(widths[place], WIDEST.get(role, widths[place]))
        letter = get_column_letter(place)
        set_before[letter] = max(width, set_before.get(letter, 0))
        sheet.column_dimensions[letter].width = set_before[letter]
    _row_heights(sheet, table, keep, top)
    return top, top + len(table.rows)


LINE_HEIGHT = 14.4  # pt: one line of 11-pt text


def _row_heights(sheet: Worksheet, table: t.Table, keep: list[int], top: int) -> None:
    """Each row as tall as its most folded cell, so that wrapped text shows whole in any program
    (not every one fits the rows of a file it opens)."""
    limits = {
        place: _WIDTHS[sheet][get_column_letter(place)] - 2
        for place, index in enumerate(keep, start=1)
        if table.columns[index].role in WIDEST
    }
    header = max((_lines(table.columns[keep[p - 1]].header, 4 + w) for p, w in limits.items()), default=1)
    sheet.row_dimensions[top].height = (
        LINE_HEIGHT * max(header, 2 if any(display_width(table.columns[index].header) > 8 for index in keep) else 1) + 4
    )
    for number, row in enumerate(table.rows, start=top + 1):
        lines = max(
            (_lines(_shown(row.cells[keep[p - 1]], table.columns[keep[p - 1]]).text, w) for p, w in limits.items()),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines + 4


def _lines(text: str, width: int) -> int:
    """How many lines a text folds into in a column `width` half-width characters wide."""
    return max(1, -(-display_width(text) // max(width, 1)))


# The widths each sheet's columns were given, widest table first (openpyxl gives every column 13).
_WIDTHS: weakref.WeakKeyDictionary[Worksheet, dict[str, int]] = weakref.WeakKeyDictionary()


def header_width(header: str) -> int:
    """What a header asks of its column: a short one its length, a long one (it wraps, the header row
    is as tall as two lines) half of it, so that no header makes a column of figures wide."""
    width = display_width(header)
    return width + 4 if width <= 8 else (width + 1) // 2 + 4


@functools.cache  # one per kind of cell: openpyxl keeps a cell's style by its value, not the object
def _alignment(column: t.Column, indent: int) -> Alignment:
    wraps = column.role in (t.Role.NAME, t.Role.LONG_TEXT, t.Role.STRETCH)
    if column.role is t.Role.LIGHT or column.alignment is t.Align.CENTER:
        horizontal = "center"
    elif column.alignment is t.Align.RIGHT:
        horizontal, indent = "right", max(indent, 1)  # a figure keeps off the border to its right
    else:
        horizontal = "left"
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=wraps, indent=indent)


def _title(sheet: Worksheet, row: int, text: str, size: int, bold: bool = True, colour: str = "000000") -> None:
    cell = sheet.cell(row, 1, _text(text))
    cell.data_type = "s"
    cell.font = Font(name=FONT, bold=bold, size=size, color=colour)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=False)


def _print_setup(sheet: Worksheet, header: int, last: int, columns: int) -> None:
    """A4 landscape, one page wide, the header row repeated, frozen and filtered."""
    sheet.freeze_panes = sheet.cell(header + 1, 2).coordinate  # the header and the names stay in view
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(columns)}{max(last, header)}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.paperSize = A4
    one_page_wide(sheet)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top, sheet.page_margins.bottom = 0.5, 0.75
    sheet.page_margins.header, sheet.page_margins.footer = 0.3, 0.3
    footer = sheet.oddFooter
    if footer is not None:  # openpyxl makes one with every sheet
        footer.center.text = labels.PAGE_NUMBER.format(page="&P", pages="&N")
        footer.left.text = "&A"  # the sheet's name: the action


def _columns_shown(table: t.Table) -> int:
    return sum(1 for column in table.columns if column.role not in SKIPPED)


def status_book(snapshot: Snapshot, *, behind: bool = False) -> bytes:
    """The status as a workbook: 汇总 (the heading and the roll-up), then one sheet per action shown."""
    blocks = views.status_by_action(snapshot, behind=behind)
    sheets = {action_title(action): sheet_title(action) for action in snapshot.plan.actions}
    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)  # a new workbook's one sheet
    summary.title = labels.SUMMARY_SHEET
    heading = _heading(blocks)
    _title(summary, 1, heading, 14)
    since = ledger.earlier_day(snapshot)
    sheets_of_ledger: list[tuple[str, list[t.Block]]] = [
        (labels.LEDGER_SHEETS["lagging"], [ledger.lagging(snapshot)]),
        (labels.LEDGER_SHEETS["ranking"], list(ledger.rankings(snapshot, since))),
        (
            labels.LEDGER_SHEETS["since"],
            [ledger.changes(snapshot, since)] if since is not None else [t.Note(labels.LEDGER_NO_EARLIER)],
        ),
    ]
    for name, found in sheets_of_ledger:
        _tables_sheet(book.create_sheet(name), found, heading)
    row = 3
    for block in blocks:
        if isinstance(block, t.Table) and block.title in sheets:
            _action_sheet(book.create_sheet(sheets[block.title]), block, heading)
        elif isinstance(block, t.Table):
            _title(summary, row, block.title, 12)
            header, last = write_table(summary, block, row + 1)
            _print_setup(summary, header, last, _columns_shown(block))
            row = last + 2
        elif isinstance(block, t.Note):
            _title(summary, row, block.text, 11, bold=False)
            row += 2
    book.properties.creator = "daye-plan"
    book.properties.title = heading
    buffer = io.BytesIO()
    book.save(buffer)
    return ooxml.reproducible(buffer.getvalue(), snapshot.on)


def _heading(blocks: Iterable[t.Block]) -> str:
    return next((block.text for block in blocks if isinstance(block, t.Heading)), "")


def _tables_sheet(sheet: Worksheet, blocks: list[t.Block], heading: str) -> None:
    """A sheet of the 台账: the status heading, then each table under its title (or a note)."""
    _title(sheet, 1, heading, 10, bold=False, colour="595959")
    row, first = 3, None
    for block in blocks:
        if isinstance(block, t.Table):
            _title(sheet, row, block.title, 12)
            header, last = write_table(sheet, block, row + 1)
            first = first or (header, last, _columns_shown(block))
            row = last + 2
        elif isinstance(block, t.Note):
            _title(sheet, row, block.text, 11, bold=False)
            row += 2
    if first is not None:
        _print_setup(sheet, *first)


def _action_sheet(sheet: Worksheet, table: t.Table, heading: str) -> None:
    """An action's sheet: its title, the status heading (region, plan, as-of date), then its table."""
    _title(sheet, 1, table.title, 14)
    _title(sheet, 2, heading, 10, bold=False, colour="595959")
    header, last = write_table(sheet, table, 3)
    _print_setup(sheet, header, last, _columns_shown(table))


def tables_book(heading: str, sheets: Sequence[tuple[str, list[t.Block]]], on: dt.date) -> bytes:
    """A workbook of named sheets, each the heading, then its tables under their titles (or notes)."""
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)  # a new workbook's one sheet
    for index, (name, blocks) in enumerate(sheets):
        sheet = first if index == 0 else book.create_sheet(name)
        sheet.title = name
        _tables_sheet(sheet, blocks, heading)
    book.properties.creator = "daye-plan"
    book.properties.title = heading
    buffer = io.BytesIO()
    book.save(buffer)
    return ooxml.reproducible(buffer.getvalue(), on)
