"""The machine renderers: JSON and CSV, for scripts, spreadsheets and CI.

Owns the stable machine formats: a view's `Records` written with their keys in published order
(design.md's keys), numbers as JSON numbers, absent values as null; and CSV cells a spreadsheet
will not run as formulas. A display `Table` can be written too, keyed by its columns' keys, each
cell as its text. Returns strings; never prints; never imports rich, so that `--format json`
stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from daye_plan.model.numbers import number
from daye_plan.present import table as t

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def cell_value(value: t.Cell) -> Any:
    """A display cell as one value for a machine: its text, a light's name, a bar's 完成率 ..."""
    if isinstance(value, str):
        return value
    if isinstance(value, t.Figure):
        return value.text
    if isinstance(value, t.Nested):
        return value.name
    if isinstance(value, t.LightCell):
        return value.light
    if isinstance(value, t.ProgressBar):
        return value.attainment
    if isinstance(value, t.Stretch):
        return f"{value.requirement} · {value.attainment} · {value.light}"
    if isinstance(value, t.Shares):
        return " ".join(f"{light} {count}" for light, count in value.counts.items())
    if isinstance(value, t.Quiet | t.Requirement | t.Gap | t.Day):
        return value.text
    raise TypeError(f"no machine form for {type(value).__name__}")


def records(data: t.Records | t.Table) -> t.Records:
    """`data` as records: a display table keyed by its columns' keys."""
    if isinstance(data, t.Records):
        return data
    keys = [column.key for column in data.columns]
    return t.Records(keys, [dict(zip(keys, map(cell_value, row.cells), strict=True)) for row in data.rows])


def to_json(data: t.Records | t.Table) -> str:
    """The records as a JSON array of objects, each with its keys in published order, indented by two spaces."""
    found = records(data)
    keys = list(found.keys)
    objects = [
        row if type(row) is dict and list(row) == keys else {key: row.get(key) for key in keys} for row in found.rows
    ]
    return json.dumps(objects, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (=, +, -, @ lead a text cell)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = ";".join(map(str, value)) if isinstance(value, list | tuple) else str(value)  # flags: late;stale
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(data: t.Records | t.Table) -> str:
    found = records(data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(found.keys)
    for row in found.rows:
        writer.writerow([csv_cell(row.get(key)) for key in found.keys])
    return out.getvalue()
