"""The look the Excel files share: the status workbook, the fill-in template, the 责任分工 sheet.

Owns the cell styles every sheet takes alike — thin grey borders, the header row's fill, yellow
cells open to typing on a protected sheet and grey ones shut — a header cell of a fill-in sheet,
text stored as text (never run as a formula), and a sheet printed landscape one page wide. What
goes in which cell, and any look of its own, is each sheet's. openpyxl objects only; imported by
the modules that write a workbook, never on a command that writes none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

_THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FILL_IN = PatternFill("solid", fgColor="FFF2CC")  # a cell a department fills in
SHUT = PatternFill("solid", fgColor="EDEDED")  # a cell nobody fills in (a target not reported)
OPEN = Protection(locked=False)  # typing allowed, on a protected sheet

Written = str | Decimal | dt.date | None  # what our sheets write in a cell


def header(cell: Cell | MergedCell) -> None:
    """A header cell of a fill-in sheet: bold, on the header fill, bordered, centred."""
    cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center")


def set_text(cell: Cell | MergedCell, value: Written) -> None:
    """Set a cell; text is stored as text even when it starts with `=` (never as a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def one_page_wide(sheet: Worksheet) -> None:
    """Printed landscape, one page wide and as many pages down as it takes."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def protect(sheet: Worksheet) -> None:
    """Only the `OPEN` cells take typing; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = False
