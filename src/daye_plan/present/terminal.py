"""The terminal renderer: views as rich renderables.

Owns how a view looks on a terminal: a `Table` drawn as a `grid.Grid` driven by its columns'
metadata (figures right-aligned; names kept whole on one line, cut with `…` only when nothing else
can give way; free text folding; optional columns left out on a narrow console), each kind of cell
styled by its type (lights in colour, quotes and superseded records dimmed), and a screen's
blocks one under another (`history --chart` is `terminal_chart`'s). Every function returns a
renderable; none prints (the cli does, on its console). Each renderable fits the console's width,
so the cli prints it uncropped. With `grid`, `drawing`, `styled` and `terminal_chart`, the only
modules that import rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from daye_plan.present import labels
from daye_plan.present import table as t
from daye_plan.present.drawing import GridColumn
from daye_plan.present.grid import Grid
from daye_plan.present.styled import GridCell, Phrases, Styled

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red", "grey": "bright_black"}
ROW_STYLES = {t.SUPERSEDED: "dim strike"}
INDENT = "  "  # one 其中 level
FOLDING = (t.Role.LONG_TEXT, t.Role.STRETCH)  # folded at spaces when space runs short: `≥ 24%` / `91.7% ● 绿`
NAME_FLOOR = 10  # a name is cut with … no narrower than this (five characters)


_LIGHTS = {  # a light's cell, shared by every row lit so
    name: Styled.of(f"{'○' if name == 'grey' else '●'} {label}", LIGHT_STYLES[name])
    for name, label in labels.LIGHT_LABELS.items()
}


def cell(value: t.Cell) -> GridCell:
    """A view's cell as the grid draws it: text, or text in runs of one style each."""
    if isinstance(value, str):
        return value
    convert = _CELLS.get(type(value))
    if convert is None:
        if isinstance(value, t.Shares):
            raise TypeError("a chart has no terminal form; its column is left out")
        raise TypeError(f"no terminal form for {type(value).__name__}")
    return convert(value)


@lru_cache(maxsize=1024)
def _bar(text: str, light: str) -> Styled:
    """A bar's cell, one object for each of the few bars there are (ten cells, four lights)."""
    return Styled.of(text, LIGHT_STYLES[light])


def _stretch(value: t.Stretch) -> Phrases:
    judged = Styled(((f"{value.attainment} ", ""), *_LIGHTS[value.light].runs))
    return Phrases((Styled.of(value.requirement, ""), judged))


_CELLS: dict[type, Callable[[Any], GridCell]] = {  # by the cell's type: a status converts some 40,000
    t.Figure: lambda value: value.text,
    t.Nested: lambda value: value.text(INDENT),
    t.LightCell: lambda value: _LIGHTS[value.light],
    t.ProgressBar: lambda value: _bar(value.text(), value.light),
    t.Stretch: _stretch,
    t.Quiet: lambda value: Styled.of(value.text, "dim"),
    t.Requirement: lambda value: value.text,
    t.Gap: lambda value: value.text,
    t.Day: lambda value: value.text,
}


def grid(table: t.Table) -> Grid:
    """The table as a `Grid`: figures right-aligned, names whole, free text folding, optional columns droppable."""
    keep = [index for index, column in enumerate(table.columns) if column.role is not t.Role.CHART]
    columns = [table.columns[index] for index in keep]
    shown = [
        GridColumn(
            column.header,
            "right" if column.alignment is t.Align.RIGHT else "left",
            wrap=column.role in FOLDING,
            min_width=NAME_FLOOR if column.role is t.Role.NAME else 10 if column.role in FOLDING else 4,
            name=column.role is t.Role.NAME,
            drop=column.drop,
        )
        for column in columns
    ]
    by_column = list(zip(*(row.cells for row in table.rows), strict=True)) if table.rows else []
    cells: list[list[GridCell]] = []
    for index, column in zip(keep, columns, strict=True):
        values = by_column[index] if by_column else ()
        if column.light:  # a count of one light's targets, in its colour
            tint = LIGHT_STYLES[column.light]
            cells.append([Styled.of(value, tint) if isinstance(value, str) else cell(value) for value in values])
        elif set(map(type, values)) <= {str}:
            cells.append(list(values))
        else:
            cells.append([value if type(value) is str else cell(value) for value in values])
    return Grid(shown, cells, title=table.title, row_styles=[ROW_STYLES.get(row.mark, "") for row in table.rows])


def page(blocks: Iterable[t.Block]) -> RenderableType:
    """Headings, tables and notes one under another: a blank line between them, none before a note."""
    parts: list[RenderableType] = []
    for block in blocks:
        if parts and not isinstance(block, t.Note):
            parts.append(Text(""))
        if isinstance(block, t.Heading):
            parts.append(Text(block.text, style="bold"))
        elif isinstance(block, t.Note):
            parts.append(Text(block.text))
        else:
            parts.append(grid(block))
    return Group(*parts)
