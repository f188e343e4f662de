"""Fill-in sheets as files a department opens: the XLSX workbook and the CSV template.

Owns how a template looks — a 说明 sheet, one protected sheet per action, locked plan columns,
yellow fill-in cells, unit drop-downs, widths for CJK, print setup. The columns are `ops.sheets`';
this module only lays them out. Returns bytes or text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from daye_plan.model import numbers, units
from daye_plan.model.plan import Action, Plan
from daye_plan.ops.sheetcells import NO, YES
from daye_plan.ops.sheets import (
    ACTION,
    COLUMNS,
    DEFAULT_AS_OF,
    FIRST_DATA_ROW,
    GUIDE,
    MILESTONE_WORDS,
    TemplateRow,
    sheet_title,
)
from daye_plan.present import export, labels
from daye_plan.present.figures import action_title, chinese_date, nested
from daye_plan.present.sheetstyle import BORDER, FILL_IN, OPEN, SHUT, Written, header, one_page_wide, protect, set_text
from daye_plan.present.style import display_width


def plan_cells(template: TemplateRow) -> dict[str, Written]:
    """The plan columns, keyed as `COLUMNS`."""
    row, indicator = template.target, template.target.indicator
    milestone = not indicator.kind.policy.numeric
    latest: Written = None
    if template.latest is not None:
        latest = (labels.DONE if template.latest.value else labels.NOT_DONE) if milestone else template.latest.value
    return {
        "indicator_id": indicator.id,
        "indicator": nested(row).text("\u3000"),
        "period": row.period.label,
        "level": row.target.level or "",
        "cmp": numbers.CMP_SIGNS[row.target.cmp.value] if row.target.cmp is not None else labels.DONE,
        "target": row.value,
        "unit": indicator.unit,
        "latest": latest,
        "latest_as_of": template.latest.as_of if template.latest is not None else None,
    }


_DATE = "yyyy-mm-dd"
# A plan cell, made once for every cell (openpyxl keeps a cell's style by its value, not the object).
_CENTRED = Alignment(vertical="center", wrap_text=False)
_WRAPPED = Alignment(vertical="center", wrap_text=True)  # the indicator's name


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
    book.properties.title = labels.SHEET_BOOK_TITLE.format(title=plan.meta.title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_action_sheet(sheet: Worksheet, action: Action, rows: Sequence[TemplateRow], on: dt.date) -> None:
    set_text(sheet["A1"], action_title(action))
    sheet["A1"].font = Font(bold=True, size=14)
    set_text(sheet["A2"], DEFAULT_AS_OF)
    sheet["A2"].font = Font(bold=True)
    date_cell = sheet["B2"]
    date_cell.value = on
    date_cell.number_format = _DATE
    date_cell.fill, date_cell.protection, date_cell.border = FILL_IN, OPEN, BORDER
    date_cell.alignment = Alignment(horizontal="left")
    set_text(sheet["C2"], labels.SHEET_DEFAULT_DATE_HINT)
    set_text(sheet["A3"], labels.SHEET_HOW_TO)
    sheet["A3"].font = Font(color="595959")
    header_row = FIRST_DATA_ROW - 1
    for index, column in enumerate(COLUMNS, start=1):
        header(sheet.cell(header_row, index, column.header))
    choices: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        _write_target_row(sheet, number, row, choices)
    for options, refs in choices.items():
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True, showErrorMessage=True)
        validation.errorTitle = labels.SHEET_PICK_TITLE
        validation.error = labels.SHEET_PICK_OPTIONS.format(options=options.replace(",", labels.LIST_SEPARATOR))
        sheet.add_data_validation(validation)
        for ref in refs:
            validation.add(ref)
    _fit_columns(sheet, rows)
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"  # the header and the indicator stay in view
    sheet.print_title_rows = f"{header_row}:{header_row}"
    one_page_wide(sheet)
    protect(sheet)


def _write_target_row(sheet: Worksheet, number: int, row: TemplateRow, choices: dict[str, list[str]]) -> None:
    cells = plan_cells(row)
    indicator = row.target.indicator
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(number, index)
        cell.border = BORDER
        if not column.fill:
            set_text(cell, cells[column.key])
            if column.key == "latest_as_of":
                cell.number_format = _DATE
            cell.alignment = _WRAPPED if column.key == "indicator" else _CENTRED
            continue
        cell.fill = FILL_IN if row.fillable else SHUT
        if not row.fillable:
            continue
        cell.protection = OPEN
        if column.key == "as_of":
            cell.number_format = _DATE
        elif column.key == "entered_unit" and indicator.kind.policy.numeric:
            choices.setdefault(",".join(units.compatible_units(indicator.unit)), []).append(cell.coordinate)
        elif column.key == "value" and not indicator.kind.policy.numeric:
            choices.setdefault(",".join(MILESTONE_WORDS), []).append(cell.coordinate)
        elif column.key == "confirm" and indicator.kind.policy.doubtable:  # a task's 完成 is never doubted
            choices.setdefault(f"{YES},{NO}", []).append(cell.coordinate)


def _fit_columns(sheet: Worksheet, rows: Sequence[TemplateRow]) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        texts = [column.header] + [_shown(plan_cells(row).get(column.key)) for row in rows]
        widest = max(display_width(text) for text in texts)
        least = display_width(column.header) + 4
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, least), column.max_width * 2)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return numbers.number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write_guide(
    sheet: Worksheet, plan: Plan, actions: Sequence[Action], rows: Sequence[TemplateRow], on: dt.date
) -> None:
    sheet.title = GUIDE
    subtitle = labels.GUIDE_SUBTITLE.format(default_as_of=DEFAULT_AS_OF, on=on.isoformat(), version=plan.meta.version)
    lines: list[tuple[str, str]] = [
        ("title", labels.GUIDE_TITLE.format(region=plan.meta.region, title=plan.meta.title)),
        ("bold", subtitle),
        ("", ""),
        ("bold", labels.GUIDE_METHOD),
        *(("", step.format(**_guide_fields(plan, on))) for step in labels.GUIDE_STEPS),
        ("", ""),
        ("bold", labels.GUIDE_SHEETS),
    ]
    for action in actions:
        mine = [row for row in rows if row.action.id == action.id]
        fill = sum(row.fillable for row in mine)
        line = labels.GUIDE_SHEET_LINE.format(
            sheet=sheet_title(action), title=action.title, targets=len(mine), fill=fill
        )
        lines.append(("", line))
    for number, (style, text) in enumerate(lines, start=1):
        set_text(sheet[f"A{number}"], text)
        if style:
            sheet[f"A{number}"].font = Font(bold=True, size=14 if style == "title" else 11)
        sheet[f"A{number}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 110
    sheet.page_setup.orientation = "landscape"
    sheet.protection.sheet = True


def _guide_fields(plan: Plan, on: dt.date) -> dict[str, str]:
    """The blanks of the 说明 steps, from this plan: its periods, and the sheet's date in each way it may be written."""
    periods = [period.label for period in plan.meta.periods.values()]
    several = (
        labels.GUIDE_SEVERAL.format(periods=labels.PERIOD_SEPARATOR.join(periods))
        if len(periods) > 1
        else labels.GUIDE_LEVELS
    )
    return {
        "default_as_of": DEFAULT_AS_OF,
        "several": several,
        "iso": on.isoformat(),
        "dotted": labels.DOTTED_DATE.format(year=on.year, month=on.month, day=on.day),
        "chinese": chinese_date(on),
    }


def csv_text(rows: Sequence[TemplateRow], on: dt.date) -> str:
    """The CSV template: the XLSX columns after a 行动 column; the as-of date filled in where due."""
    header = [ACTION.header, *(column.header for column in COLUMNS)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # what Excel writes and expects
    writer.writerow(header)
    for row in rows:
        cells = {**plan_cells(row), "as_of": on if row.fillable else None}
        writer.writerow(
            [export.csv_cell(row.action.name), *(export.csv_cell(_csv_value(cells.get(c.key))) for c in COLUMNS)]
        )
    return out.getvalue()


def _csv_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
