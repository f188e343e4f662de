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
    step = _STEPS.get(places)
    if step is None:
        step = _STEPS[places] = Decimal(1).scaleb(-places)
    return value.quantize(step, rounding=ROUND_HALF_UP)


_STEPS: dict[int, Decimal] = {}  # places → the quantum: a status formats some 100,000 figures


def number(value: Decimal | None, places: int | None = None) -> str:
    """`135`, `3.3`, `1000` — no exponent, no trailing zeros; `places` rounds (half up) first."""
    if value is None:
        return "—"
    if places is not None:  # rounded to a fixed exponent: never written with one
        text = format(half_up(value, places), "f")
    else:
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: Decimal | None) -> str:
    """A percent with one decimal, rounded half up: `24.7%`; `—` when undefined."""
    if value is None:
        return "—"
    written = _PERCENTS.get(value)
    if written is None:
        written = f"{half_up(value, 1):.1f}%"
        if len(_PERCENTS) < 4096:  # 序时进度 repeats down a table: the few distinct ones kept
            _PERCENTS[value] = written
    return written


_PERCENTS: dict[Decimal, str] = {}


def quantity(value: Decimal | None, unit: str, places: int | None = None) -> str:
    """`135 个`, `1000 亿元`, `75%`: a figure with its unit, percent signs attached."""
    if value is None:
        return "—"
    shown = number(value, places)
    return f"{shown}%" if unit == "%" else f"{shown} {unit}".strip()
