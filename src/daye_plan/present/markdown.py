"""The Markdown renderer: a `Table` as a GitHub-flavoured Markdown table, for forges and reports.

Owns how each kind of cell reads in Markdown — a light as its icon and name, a progress bar as a
code span, a sub-indicator indented with ideographic spaces (Markdown would collapse ASCII ones) —
and escaping whatever people typed, so that no text can break a table's shape or inject HTML.
Columns that are pictures only (`Role.CHART`) are left out. Returns strings; never prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from daye_plan.present import labels
from daye_plan.present import table as t
from daye_plan.present.figures import one_line

# Escaped wherever they stand: a backslash escape, a code span, a link, HTML, an entity, a table cell.
_MD_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`[]<&|"})
_PAIRED = "*_~"  # emphasis and strikethrough need two: escaped only where a text holds two or more
_PAIRED_ESCAPES = {c: f"&#{ord(c)};" for c in _PAIRED}
_LINE_START = ">#*+-="  # a blockquote, a heading, a list item or a rule where a line starts with them
INDENT = "\u3000"  # one 其中 level: an ideographic space, which Markdown keeps


class Markdown(str):
    """Text that is already Markdown: a table puts it in a cell as it is."""


def md_text(value: Any, *, opens_line: bool = False) -> Markdown:
    """Text (plan wording or typed by a person) as literal Markdown on one line: every character
    Markdown or HTML would act on where it stands becomes a character reference — `|`, `<`, `&`,
    `[`, `]`, backticks and backslashes always; `*`, `_` and `~` where the text holds a pair that
    could emphasise; with `opens_line` (a paragraph, not a table cell), `>`, `#`, `*`, `+`, `-`,
    `=` and `1. ` where they would open a block.
    A `>` or a lone `*` elsewhere stays itself (`≥ 75%`, `761.43 亿元*`)."""
    if isinstance(value, Markdown):
        return value
    text = one_line("" if value is None else str(value)).translate(_MD_SPECIAL)
    paired: dict[str, str | int | None] = {c: _PAIRED_ESCAPES[c] for c in _PAIRED if text.count(c) > 1}
    if paired:
        text = text.translate(str.maketrans(paired))
    if opens_line and text and text[0] in _LINE_START:
        text = f"&#{ord(text[0])};{text[1:]}"
    elif opens_line and text[:1].isdigit():  # `1. ` or `1) ` would start an ordered list
        head = len(text) - len(text.lstrip("0123456789"))
        if text[head : head + 2] in (". ", ") "):
            text = f"{text[:head]}&#{ord(text[head])};{text[head + 1 :]}"
    return Markdown(text)


def md_code(text: str) -> Markdown:
    """A code span for a table cell (a text progress bar): GFM needs `\\|` even inside backticks."""
    return Markdown("`" + text.replace("`", "'").replace("|", "\\|") + "`")


def light(name: str) -> Markdown:
    """`🟢 绿`: the icon stands for the colour Markdown cannot draw."""
    return Markdown(f"{labels.LIGHT_ICONS[name]} {labels.LIGHT_LABELS[name]}")


def cell(value: t.Cell) -> Markdown:
    if isinstance(value, t.LightCell):
        return light(value.light)
    if isinstance(value, t.ProgressBar):
        return md_code(value.text())
    if isinstance(value, t.Stretch):
        return Markdown(f"{md_text(value.requirement)} · {md_text(value.attainment)} · {light(value.light)}")
    if isinstance(value, t.Shares):
        raise TypeError("a chart has no Markdown form; its column is left out")
    return md_text(t.text_of(value, INDENT))


def header(column: t.Column) -> Markdown:
    if column.light is not None:
        return Markdown(f"{labels.LIGHT_ICONS[column.light]} {md_text(column.header)}")
    return md_text(column.header)


def _line(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _row(row: t.Row, keep: list[int]) -> str:
    cells = [cell(row.cells[index]) for index in keep]
    if row.mark == t.TOTAL and cells:
        cells[0] = Markdown(f"**{cells[0]}**")
    return _line(cells)


def table(data: t.Table) -> str:
    """The table, under its title in bold when it has one; every line ends with a newline."""
    keep = [index for index, column in enumerate(data.columns) if column.role is not t.Role.CHART]
    columns = [data.columns[index] for index in keep]
    lines = [
        _line(header(column) for column in columns),
        _line("---:" if column.md_alignment is t.Align.RIGHT else "---" for column in columns),
        *(_row(row, keep) for row in data.rows),
    ]
    title = f"**{md_text(data.title)}**\n\n" if data.title else ""
    return title + "\n".join(lines) + "\n"
