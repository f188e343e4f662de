"""How a target's outlook and its departments are written, whatever the format.

Owns the text of 预计全年 (at most two decimals in the indicator's unit, one for a percent, marked
`*` when made from last year's shape; a count whole, `约147个` where the projection was rounded to
it), 每月需完成 (a count rounded up: a part of a project still has to be a whole one), 预计能否完成
(可完成 / 难完成) and the 牵头单位,
and the machine record's keys for them (design.md's `projected`, `needed_per_month`,
`projected_met`, `projection`, `lead`). Pure functions of `projection.Projection` and the plan;
no layout, no escaping (renderers escape), no rich.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from daye_plan.model.numbers import half_up
from daye_plan.model.units import COUNT_UNITS
from daye_plan.ops.projection import Method, Projection
from daye_plan.present import labels
from daye_plan.present.table import Figure

if TYPE_CHECKING:
    from daye_plan.model.catalog import TargetRow
    from daye_plan.ops.progress import Progress

OUTLOOK_KEYS = ["projected", "needed_per_month", "projected_met", "projection", "lead"]


def _places(unit: str) -> int:
    return 1 if unit == "%" else 2


def figure_text(value: Decimal | None, unit: str, suffix: str = "") -> Figure:
    """A computed figure as analysts write it: `202.78 个`, `41.7%`; `—` when there is none."""
    return Figure(value, unit, _places(unit), suffix=suffix)  # rounded half up to those places


def projected_text(outlook: Projection, unit: str) -> Figure:
    """预计全年: `202.78 亿元`, `约203 个` for a count (202.78 rounded), `400 个*` from last year's
    shape; `—` when there is none."""
    mark = labels.SEASONAL_MARK if outlook.method is Method.SEASONAL else ""
    value = outlook.projected
    if unit in COUNT_UNITS and value is not None:
        rounded = value != value.to_integral_value()
        return Figure(value, unit, 0, prefix=labels.ABOUT if rounded else "", suffix=mark)
    return figure_text(value, unit, mark)


def needed_text(outlook: Projection, unit: str) -> Figure:
    """每月需完成: `9.44 亿元`, `10 个` for a count (9.44 rounded up), `0 个` once met; `—` for a
    ceiling or once the period is over."""
    value = outlook.needed_per_month
    if unit in COUNT_UNITS and value is not None:
        return Figure(value.to_integral_value(rounding=ROUND_CEILING), unit, 0)
    return figure_text(value, unit)


def met_text(outlook: Projection, item: Progress) -> str:
    """预计能否完成: 可完成 / 难完成 while the period runs; 已完成 once met, 未完成 when the period ended
    short; `—` without a projection."""
    if outlook.projected_met is None:
        return "—"
    if item.met:
        return labels.DONE_ALREADY
    if item.period_over:
        return labels.NOT_DONE
    return labels.PROJECTED_MET[outlook.projected_met]


def lead_text(row: TargetRow) -> str:
    return row.lead or "—"


def record(row: TargetRow, outlook: Projection) -> dict[str, object]:
    """The status keys this module owns, in their published order (after design.md's first ones)."""
    return {
        "projected": _round(outlook.projected),
        "needed_per_month": _round(outlook.needed_per_month),
        "projected_met": outlook.projected_met,
        "projection": outlook.method.value if outlook.method is not None else None,
        "lead": row.lead,
    }


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else half_up(value, 2)
