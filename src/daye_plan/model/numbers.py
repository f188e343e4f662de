"""How a figure is written: rounding half up, no exponent or trailing zeros, units attached.

Owns the display of Decimals that every output shares — tables, reports, lint messages, sheets —
so that `31.25` rounds to `31.3` everywhere and `1E+3` never shows. Language-neutral: comparator
signs and numbers only, no words. Pure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CMP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "~": "≈"}


def half_up(value: Decimal, places: int) -> Decimal:
    """四舍五入, as analysts round (Python's round() on a Decimal rounds half to even: 31.25 → 31.2)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal | None, places: int | None = None) -> str:
    """`135`, `3.3`, `1000` — no exponent, no trailing zeros; `places` rounds (half up) first."""
    if value is None:
        return "—"
    if places is not None:
        value = half_up(value, places)
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: Decimal | None) -> str:
    """A percent with one decimal, rounded half up: `24.7%`; `—` when undefined."""
    return "—" if value is None else f"{half_up(value, 1):.1f}%"


def quantity(value: Decimal | None, unit: str, places: int | None = None) -> str:
    """`135 个`, `1000 亿元`, `75%`: a figure with its unit, percent signs attached."""
    if value is None:
        return "—"
    shown = number(value, places)
    return f"{shown}%" if unit == "%" else f"{shown} {unit}".strip()
