"""The table model: what every view builds and every renderer draws.

Owns `Table` (a title, `Column`s, `Row`s of typed cells), the blocks a screen is made of
(`Heading`, `Note`), and `Records`, the machine form of a view (design.md's keys, in order). A
column says what it holds (its `Role`), how it aligns, when a narrow terminal may leave it out,
and a stable key; a cell says what it is (plain text, a light, a progress bar, a 力争 stretch ...).
Renderers decide how each looks by these types, never by header text. Every type is an immutable
`NamedTuple`: quick to define (this module loads on every command, `--format json` too) and to
make (a full `status` has some 1,700 cells). Holds no wording (that is `labels`) and no layout of
any format; imports nothing beyond the standard library and the model's number writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from daye_plan.model.numbers import half_up, number


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"  # where the format can centre (HTML); elsewhere left


class Role(StrEnum):
    """What a column holds, which decides how each format treats it."""

    TEXT = "text"  # a word or a short phrase
    NAME = "name"  # what the row is about (an indicator, a task): folds on a terminal, kept wide in HTML
    LONG_TEXT = "long_text"  # free text (a quote, a source, a note): folds on a terminal
    NUMBER = "number"  # a figure: right-aligned, never broken
    LIGHT = "light"  # a red/yellow/green light
    BAR = "bar"  # a progress bar: 完成率 against 序时进度
    STRETCH = "stretch"  # the 力争 stretch beside its floor
    CHART = "chart"  # a picture with no text form: drawn where the format can draw, left out elsewhere


class Column(NamedTuple):
    """One column: its stable key, its header, what it holds and how it behaves in each format."""

    key: str  # stable and ASCII: the JSON/CSV key, and the name tests and renderers use
    header: str
    role: Role = Role.TEXT
    align: Align | None = None  # default: right for a NUMBER, left otherwise
    drop: int = 0  # on a narrow terminal, columns with the highest `drop` are left out first; 0 never
    light: str | None = None  # a column counting the targets of one light: tinted, with its icon where shown
    md_align: Align | None = None  # Markdown's alignment where it differs from `align`

    @property
    def alignment(self) -> Align:
        if self.align is not None:
            return self.align
        return Align.RIGHT if self.role is Role.NUMBER else Align.LEFT

    @property
    def md_alignment(self) -> Align:
        return self.md_align if self.md_align is not None else self.alignment

    @property
    def wrap(self) -> bool:
        """A long cell folds onto more lines rather than being cut."""
        return self.role is Role.NAME or self.role is Role.LONG_TEXT


# --- cells ---------------------------------------------------------------------------------------


class Figure(NamedTuple):
    """A number as a row shows it: its value, unit and places, and the words around it (`≥ 135 个`,
    `力争 ≥ 24%`, `+2.0 个百分点`, `37.0%`). Renderers draw `text`; a spreadsheet writes `shown` as a
    number, with `written` around it as its number format writes it."""

    value: Decimal | None
    unit: str = ""  # `%` is attached to the number; any other unit follows after a space
    places: int | None = None  # rounded half up to this many places; None: as many as it has
    fixed: bool = False  # exactly `places` decimals (`37.0%`), not stripped of trailing zeros
    prefix: str = ""  # before the number: `≥ `, `力争 ≥ `
    signed: bool = False  # `+` before a positive figure: a gap, a change
    suffix: str = ""  # after the unit: `（每月 1）`, `*`

    @property
    def number(self) -> str:
        """The number alone, as written: `135`, `37.0`, `+2.0`; `—` for none."""
        value = self.value
        if value is None:
            return "—"
        if self.fixed and self.places is not None:
            shown = half_up(value, self.places)
            written = f"{abs(shown) if shown == 0 else shown:.{self.places}f}"
            positive = shown > 0
        else:
            written = number(value, self.places)
            positive = written != "0" and not written.startswith("-")
        return f"+{written}" if self.signed and positive else written

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        unit = self.unit if self.unit == "%" or not self.unit else f" {self.unit}"
        return f"{self.prefix}{self.number}{unit}{self.suffix}"

    @property
    def shown(self) -> Decimal | None:
        """The value as the text shows it (rounded to its places): what a spreadsheet stores."""
        if self.value is None:
            return None
        return half_up(self.value, self.places) if self.places is not None else self.value


class Quiet(NamedTuple):
    """Secondary text beside the figures (a target's quote): dimmed where the format can."""

    text: str


class Nested(NamedTuple):
    """An indicator's name, indented one step per 其中 level under its parent."""

    name: str
    depth: int = 0

    def text(self, indent: str) -> str:
        return f"{indent * self.depth}└ {self.name}" if self.depth else self.name


class LightCell(NamedTuple):
    """A target's light: `green`, `yellow`, `red` or `grey`."""

    light: str


class ProgressBar(NamedTuple):
    """完成率 drawn up to 100% in the colour of the light, with a mark at 序时进度."""

    attainment: Decimal | None
    expected: Decimal | None
    light: str
    attainment_text: str  # 完成率 as the row shows it, for a picture's caption
    expected_text: str

    def text(self, width: int = 10) -> str:
        """The bar in characters: `█` up to the attainment (capped at 100%), `|` at 序时进度."""
        filled = 0
        if self.attainment is not None:  # whole cells: floor(a × width / 100), a within [0, 100]
            filled = int(max(Decimal(0), min(self.attainment, Decimal(100))) * width) // 100
        cells = ["█"] * filled + ["·"] * (width - filled)
        if self.expected is not None:
            position = min(width - 1, int(self.expected * width / 100))
            if position >= filled:
                cells[position] = "|"
        return "".join(cells)


class Stretch(NamedTuple):
    """The 力争 stretch of a floor target: its requirement, its 完成率 and its light."""

    requirement: str
    attainment: str
    light: str


class Requirement(NamedTuple):
    """A target as the lagging list writes it: the level (确保/力争) may break away; the figure never."""

    level: str | None
    requirement: str

    @property
    def text(self) -> str:
        return f"{self.level} {self.requirement}" if self.level else self.requirement


class Gap(NamedTuple):
    """A gap with what it is measured against (`较序时`, `较目标`) set small above it where the format can."""

    basis: str
    gap: str

    @property
    def text(self) -> str:
        return f"{self.basis} {self.gap}".strip()


class Shares(NamedTuple):
    """How many targets have each light, drawn as one bar split by light (a CHART cell)."""

    counts: Mapping[str, int]  # light → count, in the order to draw


class Day(NamedTuple):
    """A figure's date (截至): month and day (`MM-DD`) on a screen, or the whole date (`YYYY-MM-DD`)
    where the view writes it whole; a spreadsheet stores the date itself, shown the same way."""

    value: dt.date
    whole: bool = False  # `YYYY-MM-DD` rather than `MM-DD`

    @property
    def text(self) -> str:
        return self.value.isoformat() if self.whole else f"{self.value.month:02}-{self.value.day:02}"


Cell = str | Figure | Quiet | Nested | LightCell | ProgressBar | Stretch | Requirement | Gap | Shares | Day


def text_of(value: Cell, indent: str = "") -> str:
    """What a cell of words or figures reads as (`≥ 135 个`, `03-31`, a name indented by `indent` per
    其中 level), alone or where it stands inside a cell of several parts (a 力争 stretch); a cell that
    is drawn (a light, a bar, a stretch, shares) has no one text: TypeError."""
    if isinstance(value, str):
        return value
    if isinstance(value, Nested):
        return value.text(indent)
    if isinstance(value, Figure | Quiet | Requirement | Gap | Day):
        return value.text
    raise TypeError(f"{type(value).__name__} is drawn, not written")


# --- rows, tables, screens -----------------------------------------------------------------------

TOTAL = "total"  # a row mark: the total of a roll-up
SUPERSEDED = "superseded"  # a row mark: a record a later one replaced
# A light's name (`red`, `yellow`) marks a row by the light of its target.


class Row(NamedTuple):
    """One cell per column, and a mark for the whole row (`TOTAL`, `SUPERSEDED`, a light) or none."""

    cells: Sequence[Cell]
    mark: str = ""


class Table(NamedTuple):
    """Columns and rows under an optional title; every row has one cell per column."""

    columns: Sequence[Column]
    rows: Sequence[Row]
    title: str = ""
    kind: str = ""  # what the table is, where a format styles it apart (`lagging`)


class Heading(NamedTuple):
    """A line set in bold above the tables of a screen."""

    text: str


class Note(NamedTuple):
    """A line of text after the tables: what an empty result means."""

    text: str


Block = Heading | Table | Note


class Records(NamedTuple):
    """The machine form of a view: one mapping per row, with its keys in their published order."""

    keys: Sequence[str]
    rows: Sequence[Mapping[str, Any]]

    @classmethod
    def of(cls, rows: Sequence[Mapping[str, Any]]) -> Records:
        """Records whose keys are those of the rows themselves (all rows alike)."""
        return cls(list(rows[0]) if rows else [], rows)
