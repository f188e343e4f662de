"""What one cell of a filled sheet says: text, a figure, a date, a yes or a no.

Owns reading the cells `storage.sheetfiles` hands over the way a department meant them: numbers
without float noise, dates as dates, a figure in a percent-formatted Excel cell as the percent it
shows (0.985 in a `0.0%` cell is 98.5%, converted without asking), a date typed or entered as a
date cell, and the 确认 column's yes (是) or no (否). Refuses, with the reason, what a cell cannot
mean (TRUE for a figure, a number for a date, a 确认 that is neither yes nor no). Pure; never prints.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from daye_plan.i18n import _
from daye_plan.model import numbers
from daye_plan.model.errors import UsageError
from daye_plan.ops import entry
from daye_plan.ops.plausibility import percent_from_excel
from daye_plan.storage.sheetfiles import Cell

YES_WORDS = frozenset({"是", "确认", "y", "yes", "1", "true", "√", "✓"})
NO_WORDS = frozenset({"否", "不", "n", "no", "0", "false"})
YES, NO = "是", "否"  # what the template's drop-down offers


def value(cells: dict[str, Cell], key: str) -> object:
    return cells[key].value if key in cells else None


def text(found: object) -> str:
    """A cell as text: numbers without float noise, dates as YYYY-MM-DD, None as ''."""
    if found is None:
        return ""
    if isinstance(found, bool):
        return "TRUE" if found else "FALSE"
    if isinstance(found, float):
        return numbers.number(Decimal(f"{found:.15g}"))  # Excel keeps 15 significant digits
    if isinstance(found, dt.datetime):
        return found.date().isoformat() if found.time() == dt.time() else found.isoformat(sep=" ")
    if isinstance(found, dt.date):
        return found.isoformat()
    return str(found).strip()


def figure(cell: Cell, unit: str) -> str:
    """The value cell as `record` would take it typed, for an indicator in `unit`; dates and
    TRUE/FALSE are not figures. A percent cell of a `%` indicator is the percent it shows."""
    if isinstance(cell.value, bool):
        message = _("填报数值 {value} is not a figure; write a number, or 完成 for a task")
        raise UsageError(message.format(value=text(cell.value)))
    if isinstance(cell.value, dt.date):
        raise UsageError(_("填报数值 {value} is a date, not a figure").format(value=text(cell.value)))
    if unit == "%":
        shown = percent_from_excel(cell.value, cell.number_format)
        if shown is not None:
            return f"{numbers.number(shown)}%"
    return text(cell.value)


def date(cell: Cell, what: str, year: int) -> dt.date:
    found = cell.value
    if isinstance(found, dt.date):
        day = found.date() if isinstance(found, dt.datetime) else found
    elif isinstance(found, int | float | Decimal) and not isinstance(found, bool):
        message = _("{what} {value} is a number, not a date (write YYYY-MM-DD, e.g. {year}-03-31)")
        raise UsageError(message.format(what=what, value=text(found), year=year))
    else:
        day = entry.parse_date(text(found), what, year)
    return entry.check_date(day, year, what)


def confirmed(cell: Cell | None, header: str) -> bool:
    """The 确认 column: yes (是, 确认, Y, yes, 1, TRUE) or no (否, an empty cell ...)."""
    if cell is None or cell.value is None:
        return False
    if isinstance(cell.value, bool):
        return cell.value
    word = text(cell.value).lower()
    if word in YES_WORDS:
        return True
    if not word or word in NO_WORDS:
        return False
    message = _("{header} {value!r}: write {yes} or {no} (or leave it empty)")
    raise UsageError(message.format(header=header, value=text(cell.value), yes=YES, no=NO))
