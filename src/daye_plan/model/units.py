"""Units and typed figures: converting 万元 to 亿元, reading `3,500`, `350亿元` or `done`.

Owns which units convert into which (design.md: 元/万元/亿元, 斤/万斤, 吨/万吨, 亩/万亩,
人/万人; `%` only as `%`) and how a figure typed by a person becomes a Decimal in the
indicator's canonical unit. Pure: no I/O.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from daye_plan.model.errors import UsageError

_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)

# Each unit's size in the base unit of its family; units convert only within a family.
FAMILIES: dict[str, dict[str, Decimal]] = {
    "money": {"元": Decimal(1), "万元": _WAN, "亿元": _YI},
    "jin": {"斤": Decimal(1), "万斤": _WAN},
    "ton": {"吨": Decimal(1), "万吨": _WAN},
    "mu": {"亩": Decimal(1), "万亩": _WAN},
    "people": {"人": Decimal(1), "万人": _WAN},
}
_FAMILY_OF = {unit: name for name, units in FAMILIES.items() for unit in units}
KNOWN_UNITS = sorted(_FAMILY_OF, key=len, reverse=True)

DONE_WORDS = {"done", "完成", "已完成", "yes"}
OPEN_WORDS = {"open", "未完成", "no"}

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def compatible_units(unit: str) -> list[str]:
    family = _FAMILY_OF.get(unit)
    return list(FAMILIES[family]) if family else [unit]


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """`value` in unit `source`, expressed in unit `target`; refuses units of another kind."""
    if source == target:
        return value
    family = _FAMILY_OF.get(source)
    if family is None or _FAMILY_OF.get(target) != family:
        allowed = "、".join(compatible_units(target))
        raise UsageError(f"unit {source!r} cannot be converted to {target!r}; use {allowed}")
    return value * FAMILIES[family][source] / FAMILIES[family][target]


def parse_number(text: str) -> Decimal:
    """A finite decimal from text a person typed: `3500`, `3,500`, `3 500`, `12.5`."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "").replace("_", "")
    if not _NUMBER.fullmatch(cleaned):
        raise UsageError(f"{text!r} is not a number")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise UsageError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise UsageError(f"{text!r} is not a finite number")
    return value


def split_unit(text: str, own_unit: str = "") -> tuple[str, str | None]:
    """`350亿元` → (`350`, `亿元`); `50` → (`50`, None). Splits convertible units and `own_unit`."""
    stripped = text.strip()
    if stripped.endswith("%"):
        return stripped[:-1], "%"
    for unit in sorted({*KNOWN_UNITS, own_unit} - {""}, key=len, reverse=True):
        if stripped.endswith(unit) and stripped[: -len(unit)].strip():
            return stripped[: -len(unit)], unit
    return stripped, None
