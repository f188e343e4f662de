"""Units and typed figures: converting 万元 to 亿元, reading `3,500`, `350亿元` or `done`.

Owns which units convert into which (design.md: 元/万元/亿元, 斤/万斤, 吨/万吨, 亩/万亩,
人/万人; `%` only as `%`, or its full-width form `％`), the shorthand of a bare 万 or 亿 after a figure (`280亿` is 亿元 for
money, `3.7万` is 万人 for people; the unit of the indicator's family that the word starts, and
refused, naming the word, where the family has none), the grammar of a figure typed by a person (digits 0-9 or their
full-width forms, thousands grouped by exactly three, an optional sign and decimal point, no
exponent, no inner spaces) and the bounds of every figure (`MAX_DIGITS` significant digits,
below 10^`MAX_INTEGER_DIGITS`), so that every later computation stays exact inside Decimal's
context. Pure: no I/O.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError

# Units of whole things counted: a figure in one is whole (a fraction is a doubt, a projection is
# rounded and said to be about).
COUNT_UNITS = frozenset(
    {"个", "家", "人", "次", "名", "户", "条", "座", "期", "场次", "场", "项", "件", "所", "处", "批", "位", "台", "套"}
)

# The Chinese multipliers a figure is written with (3.7万人, 1万亿元, 5千万元), longest first.
MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
}
_WAN = MULTIPLIERS["万"]
_YI = MULTIPLIERS["亿"]

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
SHORTHANDS = ("万", "亿")  # a bare 万 or 亿 after a figure: the family's unit that starts with it (亿 → 亿元)
# A unit typed after a figure is a run of CJK ideographs (or %): `219.22亿`, `50個`. Latin letters
# are not taken for one, so that `3,5OO` stays a figure that is mistyped, not a figure with a unit.
_TYPED_UNIT = re.compile(r"(.*?)\s*([\u3400-\u4dbf\u4e00-\u9fff]+)")

DONE_WORDS = {"done", "完成", "已完成", "yes", "是"}  # a task reported done (是, as a sheet's 确认 column says yes)
OPEN_WORDS = {"open", "未完成", "no", "否"}
PERCENT_SIGNS = ("%", "％")  # the full-width sign a Chinese input method types reads like `%`

MAX_DIGITS = 15  # significant digits: what Excel keeps, and far more than any statistic has
MAX_INTEGER_DIGITS = 15  # digits before the decimal point, in any unit: below 10^15
MAX_NUMBER_CHARS = 40  # a typed figure, signs, separators and decimals included
_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)")
_EXPONENT = re.compile(r"[+-]?[0-9.,]+[eE][+-]?[0-9]+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．＋－", "0123456789,.+-")


def compatible_units(unit: str) -> list[str]:
    family = _FAMILY_OF.get(unit)
    return list(FAMILIES[family]) if family else [unit]


def resolve_shorthand(unit: str, target: str) -> str:
    """The unit a typed `unit` names for an indicator in `target`: itself, or for a bare 万 or 亿
    the unit of `target`'s family that starts with it (`亿` → 亿元 for money, `万` → 万人 for
    people). A shorthand the family has no unit for is returned as typed: `convert` refuses it."""
    if unit in PERCENT_SIGNS:
        return "%"
    if unit not in SHORTHANDS:
        return unit
    family = _FAMILY_OF.get(target)
    found = [name for name in FAMILIES[family] if name.startswith(unit)] if family else []
    return found[0] if len(found) == 1 else unit


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """`value` in unit `source`, expressed in unit `target`; refuses units of another kind."""
    if source == target:
        return value
    family = _FAMILY_OF.get(source)
    if family is None or _FAMILY_OF.get(target) != family:
        allowed = "、".join(compatible_units(target))
        message = _("unit {source!r} cannot be converted to {target!r}; use {allowed}")
        raise UsageError(message.format(source=source, target=target, allowed=allowed))
    return value * FAMILIES[family][source] / FAMILIES[family][target]


def parse_number(text: str) -> Decimal:
    """A bounded decimal from text a person typed: `3500`, `3,500`, `-12.5`, `３５００`.

    Refused, each with its reason: digit groups not of three (`1,5`), spaces inside (`3 5 0`),
    digits of other scripts (`٥٠`), an exponent (`1E+2`), and more than `MAX_DIGITS`
    significant digits or `MAX_INTEGER_DIGITS` before the point.
    """
    cleaned = text.strip().translate(_FULL_WIDTH)
    if len(cleaned) > MAX_NUMBER_CHARS:
        message = _("{text} is not a number: at most {count} characters")
        raise UsageError(message.format(text=_shown(text), count=MAX_NUMBER_CHARS))
    if not _NUMBER.fullmatch(cleaned):
        raise UsageError(_why_not(cleaned).format(text=text))
    digits = cleaned.lstrip("+-").replace(",", "")
    whole, _point, fraction = digits.partition(".")
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS:
        message = _("{text!r} is too large: at most {count} digits before the decimal point")
        raise UsageError(message.format(text=text, count=MAX_INTEGER_DIGITS))
    if len((whole + fraction).strip("0")) > MAX_DIGITS:
        raise UsageError(_("{text!r} has more than {count} significant digits").format(text=text, count=MAX_DIGITS))
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the grammar above admits only what Decimal reads
        raise UsageError(_("{text!r} is not a number").format(text=text)) from None


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _why_not(cleaned: str) -> str:
    """The message refusing a near-number (placeholder `text`), naming the mistake people make."""
    if any(char.isdigit() and not "0" <= char <= "9" for char in cleaned):
        return _("{text!r} is not a number: write the digits 0-9")
    if _EXPONENT.fullmatch(cleaned):
        return _("{text!r} is not a number: write it out in full, without an exponent")
    if not set(cleaned) <= set("0123456789,.+- _\t"):
        return _("{text!r} is not a number")
    if any(char.isspace() or char == "_" for char in cleaned):
        return _("{text!r} is not a number: no spaces or underscores inside a number")
    if "," in cleaned:
        return _("{text!r} is not a number: thousands are grouped by three (3,500,000) and the decimal point is '.'")
    return _("{text!r} is not a number")


def check_magnitude(value: Decimal) -> str | None:
    """Why a figure (in its indicator's unit, after conversion) is too large to keep, or None."""
    if value.is_finite() and abs(value) < Decimal(10) ** MAX_INTEGER_DIGITS:
        return None
    return _("at most {count} digits before the decimal point").format(count=MAX_INTEGER_DIGITS)


def split_unit(text: str, own_unit: str = "") -> tuple[str, str | None]:
    """`350亿元` → (`350`, `亿元`); `280亿` → (`280`, `亿`); `50` → (`50`, None).

    Splits convertible units and `own_unit`, else any trailing run of CJK characters after a
    figure (a unit the caller then converts or refuses by name); a text of CJK characters only
    (`五十`) is left whole, as a figure that is not one.
    """
    stripped = text.strip()
    if stripped.endswith(PERCENT_SIGNS):
        return stripped[:-1], "%"
    for unit in sorted({*KNOWN_UNITS, own_unit} - {""}, key=len, reverse=True):
        if stripped.endswith(unit) and stripped[: -len(unit)].strip():
            return stripped[: -len(unit)], unit
    typed = _TYPED_UNIT.fullmatch(stripped)
    if typed and typed.group(1).strip():
        return typed.group(1), typed.group(2)
    return stripped, None
