"""Plain-text outputs for other tools and for forges: JSON, CSV and Markdown tables.

Owns the stable machine formats (design.md's keys, in order) and the display formatting of
numbers shared by every output. Returns strings; never prints; never imports rich, so that
`--format json` stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from daye_plan.catalog import TargetRow

CMP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "~": "≈"}
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def number(value: Decimal | None, places: int | None = None) -> str:
    """`135`, `3.3`, `1000` — no exponent, no trailing zeros; `places` rounds first."""
    if value is None:
        return "—"
    if places is not None:
        value = round(value, places)
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{round(value, 1):.1f}%"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(records: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (=, +, -, @ lead a text cell)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(records: Sequence[Mapping[str, Any]], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([csv_cell(record.get(key)) for key in header])
    return out.getvalue()


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipe, no line break, no raw HTML."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_BREAKS.sub(" ", text).strip(" ")


def md_table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str = "") -> str:
    """A GitHub-flavoured Markdown table; `align` is one of l/r/c per column (default left)."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    lines = [
        "| " + " | ".join(md_cell(h) for h in header) + " |",
        "| " + " | ".join(marks[align[i]] if i < len(align) else "---" for i in range(len(header))) + " |",
    ]
    for row in rows:
        lines.append("| " + " | ".join(md_cell(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"


def target_requirement(row: TargetRow) -> str:
    """`≥ 135 个` / `≈ 100 名` / `完成` — the target as one cell."""
    if row.target.cmp is None:
        return "完成"
    per = f"（每月 {number(row.target.value)}）" if row.target.per else ""
    return f"{CMP_SIGNS[row.target.cmp.value]} {quantity(row.value, row.indicator.unit)}{per}"


def quantity(value: Decimal | None, unit: str, places: int | None = None) -> str:
    """`135 个`, `1000 亿元`, `75%`: a figure with its unit, percent signs attached."""
    if value is None:
        return "—"
    shown = number(value, places)
    return f"{shown}%" if unit == "%" else f"{shown} {unit}".strip()


def indicator_label(row: TargetRow, indent: str = "  ") -> str:
    """The indicator's name, indented one step per 其中 level under its parent."""
    depth, parent = 0, row.indicator.parent
    while parent is not None and depth < 8:
        depth += 1
        parent = row.action.indicator(parent).parent
    return f"{indent * depth}└ {row.indicator.name}" if depth else row.indicator.name
