"""The 责任分工 sheet as a file an office opens, and the changes a filled one makes, as lines.

Owns how the division-of-labour sheet looks: one protected sheet, a title and a line of guidance,
then one row per indicator — 行动, 指标ID, 指标 locked; 牵头单位, 责任单位 and 报送频次 (a drop-down of
月/季/半年/年/一次) in yellow cells to fill in — with what is inherited from the action or the plan
in grey italics, widths for CJK, wrapped text, the header frozen and repeated on every printed
page, A4 landscape one page wide. The CSV form has the same columns (UTF-8 with a byte-order mark,
for Excel). The rows are `ops.duties`'; the columns' names are `ops.assign`'s. Returns bytes or
text; decides nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from daye_plan.model.plan import Plan
from daye_plan.ops.assign import HEADERS, SHEET, Change, shown
from daye_plan.ops.duties import CADENCE, FIELDS, FREQUENCY_WORDS, LEAD, PARTNERS, Duty
from daye_plan.present import export, labels
from daye_plan.present.sheetstyle import BORDER, FILL_IN, OPEN, SHUT, header, one_page_wide, protect, set_text
from daye_plan.present.style import display_width

KEYS = ("action", "indicator_id", "indicator", LEAD, PARTNERS, CADENCE)
# Column widths in Excel's units (a digit; a CJK character takes two): at least, at most. Wider
# text wraps (指标, the departments); the fill-in columns leave room to type. Some 135 in all fit
# A4 landscape at full size.
WIDTHS = {
    "action": (10, 16),
    "indicator_id": (12, 34),
    "indicator": (20, 40),
    LEAD: (18, 26),
    PARTNERS: (24, 40),
    CADENCE: (10, 10),
}
HEADER_ROW = 3
LINE_HEIGHT = 15.6  # points: one line of 11-point text, CJK included

_INHERITED = Font(italic=True, color="808080")
# Each column's cells, made once for every row (openpyxl keeps a cell's style by its value, not the
# object): the departments and the indicator wrap, the 报送频次 centred.
_ALIGNMENTS = {
    key: Alignment(
        horizontal="center" if key == CADENCE else None,
        vertical="center",
        wrap_text=key in ("indicator", PARTNERS, LEAD),
    )
    for key in KEYS
}


def cells(duty: Duty) -> dict[str, str]:
    """A row's cells as text, keyed as `KEYS`: what is in force, inherited or not."""
    return {
        "action": duty.action.name,
        "indicator_id": duty.indicator.id,
        "indicator": duty.indicator.name,
        LEAD: duty.lead or "",
        PARTNERS: "、".join(duty.partners),
        CADENCE: FREQUENCY_WORDS[duty.cadence] if duty.cadence is not None else "",
    }


def xlsx_bytes(plan: Plan, rows: Sequence[Duty]) -> bytes:
    """The XLSX sheet: title, guidance, header, then one row per indicator."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = SHEET
    set_text(sheet.cell(1, 1), labels.DUTIES_TITLE.format(title=plan.meta.title))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    set_text(sheet.cell(2, 1), labels.DUTIES_HOW_TO.format(choices="、".join(FREQUENCY_WORDS.values())))
    sheet.cell(2, 1).font = Font(color="595959")
    sheet.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(KEYS))
    sheet.row_dimensions[2].height = 48
    for column, key in enumerate(KEYS, start=1):
        header(sheet.cell(HEADER_ROW, column, HEADERS[key]))
        least, most = WIDTHS[key]
        widest = max((display_width(cells(duty)[key]) for duty in rows), default=0)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(widest + 2, least), most)
    choices = DataValidation(
        type="list", formula1='"' + ",".join(FREQUENCY_WORDS.values()) + '"', allow_blank=True, showErrorMessage=True
    )
    choices.errorTitle = labels.SHEET_PICK_TITLE
    choices.error = labels.SHEET_PICK_OPTIONS.format(options=labels.LIST_SEPARATOR.join(FREQUENCY_WORDS.values()))
    sheet.add_data_validation(choices)
    widths = [sheet.column_dimensions[get_column_letter(column)].width for column in range(1, len(KEYS) + 1)]
    for number, duty in enumerate(rows, start=HEADER_ROW + 1):
        _row(sheet, number, duty, choices)
        lines = max(_lines(cells(duty)[key], width) for key, width in zip(KEYS, widths, strict=True))
        if lines > 1:  # a row that wraps is as tall as its text: neither Excel nor WPS grows it on opening
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    one_page_wide(sheet)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    footer = sheet.oddFooter
    if footer is not None:  # openpyxl makes one with every sheet
        footer.center.text = labels.PAGE_NUMBER.format(page="&P", pages="&N")
    protect(sheet)
    book.properties.creator = "daye-plan"
    book.properties.title = labels.DUTIES_TITLE.format(title=plan.meta.title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(sheet: Worksheet, number: int, duty: Duty, choices: DataValidation) -> None:
    shown_cells = cells(duty)
    for column, key in enumerate(KEYS, start=1):
        cell = sheet.cell(number, column)
        set_text(cell, shown_cells[key] or None)
        cell.border, cell.alignment = BORDER, _ALIGNMENTS[key]
        if key not in FIELDS:
            continue
        if key == CADENCE and not duty.reported:
            cell.fill = SHUT  # a derived indicator is never reported
            continue
        cell.fill, cell.protection = FILL_IN, OPEN
        if key in duty.inherited:
            cell.font = _INHERITED
        if key == CADENCE:
            choices.add(cell.coordinate)


def _lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` wide (its padding left aside)."""
    room = max(int(width) - 1, 1)
    return max(-(-display_width(text) // room), 1)


def csv_text(rows: Sequence[Duty]) -> str:
    """The CSV sheet: the same columns, one line per indicator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # what Excel writes and expects
    writer.writerow([HEADERS[key] for key in KEYS])
    for duty in rows:
        found = cells(duty)
        writer.writerow([export.csv_cell(found[key]) for key in KEYS])
    return out.getvalue()


def change_lines(changes: Sequence[Change]) -> list[str]:
    """`FILE:sheet:row: 招商引资 · 新签约亿元以上项目: 牵头单位 — → 市招商服务中心`, one per changed field."""
    return [
        str(change.at).rstrip(": ")
        + ": "
        + labels.DUTY_CHANGE.format(
            action=change.duty.action.name,
            indicator=change.duty.indicator.name,
            field=HEADERS[change.field],
            old=change.old,
            new=change.new,
        )
        for change in changes
    ]


__all__ = ["cells", "change_lines", "csv_text", "shown", "xlsx_bytes"]
