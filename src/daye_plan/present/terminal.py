"""The terminal renderer, and the only module that imports rich.

Owns how a view looks on a terminal: a `Table` drawn as a `Grid` driven by its columns' metadata
(figures right-aligned, names and free text folding, optional columns left out on a narrow
console), each kind of cell styled by its type (lights in colour, quotes and superseded records
dimmed), and a screen's blocks one under another. Every function returns a renderable; none
prints (the cli does, on its console). A `Grid` is a plain column layout that emits segments
directly, because rich's general `Table` spends ~0.2 ms a cell and a full `status` has some 1,700.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from daye_plan.ops.trend import Trend
from daye_plan.present import chart, labels
from daye_plan.present.table import (
    SUPERSEDED,
    Align,
    Block,
    Cell,
    Gap,
    Heading,
    LightCell,
    Nested,
    Note,
    ProgressBar,
    Quiet,
    Requirement,
    Role,
    Shares,
    Stretch,
    Table,
)

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red", "grey": "dim"}
ROW_STYLES = {SUPERSEDED: "dim strike"}
INDENT = "  "  # one 其中 level
GAP = "  "

GridCell = str | Text


@dataclass(frozen=True)
class GridColumn:
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # a long cell folds onto more lines instead of being cut with …
    min_width: int = 4
    drop: int = 0  # on a narrow console, columns with the highest `drop` are left out first; 0 never


class Grid:
    """A table: bold title and header, a rule, then rows; CJK-aware widths; shrinks to fit.

    When the rows are wider than the console, the widest wrapping column gives way first (down to
    its `min_width`), then optional columns are left out (highest `drop` first), and only then
    are the widest remaining cells cut with `…`.
    """

    def __init__(
        self,
        columns: Sequence[GridColumn],
        rows: Sequence[Sequence[GridCell]],
        title: str = "",
        row_styles: Sequence[str] | None = None,
    ) -> None:
        self.columns = list(columns)
        self.rows = [list(row) for row in rows]
        self.title = title
        self.row_styles = list(row_styles) if row_styles is not None else [""] * len(self.rows)

    @staticmethod
    def _width(cell: GridCell) -> int:
        return cell.cell_len if isinstance(cell, Text) else cell_len(cell)

    def natural_widths(self) -> list[int]:
        widths = [cell_len(column.header) for column in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row):
                width = self._width(cell)
                if width > widths[index]:
                    widths[index] = width
        return widths

    def fit(self, available: int) -> list[int | None]:
        """Each column's width, or None for a column left out."""
        widths: list[int | None] = list(self.natural_widths())

        def excess() -> int:
            shown = [w for w in widths if w is not None]
            return sum(shown) + len(GAP) * (len(shown) - 1) - available

        floors = [max(c.min_width, cell_len(c.header)) for c in self.columns]
        wrapping = [i for i, c in enumerate(self.columns) if c.wrap]
        while excess() > 0:
            widest = max(wrapping, key=lambda i: (widths[i] or 0) - floors[i], default=None)
            if widest is None or (widths[widest] or 0) <= floors[widest]:
                break
            widths[widest] = (widths[widest] or 0) - 1
        for index in sorted((i for i, c in enumerate(self.columns) if c.drop), key=lambda i: -self.columns[i].drop):
            if excess() <= 0:
                break
            widths[index] = None
        for index in sorted(range(len(widths)), key=lambda i: -(widths[i] or 0)):
            over = excess()
            if over <= 0:
                break
            if widths[index] is not None:
                widths[index] = max(floors[index], (widths[index] or 0) - over)
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        natural = sum(self.natural_widths()) + len(GAP) * (len(self.columns) - 1)
        return Measurement(min(natural, options.max_width), min(natural, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        widths = self.fit(options.max_width)
        keep = [i for i, width in enumerate(widths) if width is not None]
        shown = [widths[i] or 0 for i in keep]
        columns = [self.columns[i] for i in keep]
        bold = Style(bold=True)
        if self.title:
            yield Segment(self.title, bold)
            yield Segment.line()
        yield from self._line([Text(c.header, style=bold) for c in columns], shown, columns, None, console)
        yield Segment(GAP.join("─" * w for w in shown), Style(dim=True))
        yield Segment.line()
        styles: dict[str, Style | None] = {}
        for row, name in zip(self.rows, self.row_styles, strict=True):
            if name not in styles:
                styles[name] = console.get_style(name) if name else None
            yield from self._line([row[i] for i in keep], shown, columns, styles[name], console)

    @staticmethod
    def _line(
        row: Sequence[GridCell], widths: list[int], columns: list[GridColumn], style: Style | None, console: Console
    ) -> Iterator[Segment]:
        cells: list[list[tuple[GridCell, int]]] = []
        for cell, width, column in zip(row, widths, columns, strict=True):
            size = Grid._width(cell)
            if size <= width:
                cells.append([(cell, size)])
            elif column.wrap:
                text = cell if isinstance(cell, Text) else Text(cell)
                cells.append([(part, part.cell_len) for part in text.wrap(console, width, overflow="fold")])
            else:
                text = cell.copy() if isinstance(cell, Text) else Text(cell)
                text.truncate(width, overflow="ellipsis")
                cells.append([(text, text.cell_len)])
        last = len(widths) - 1
        for line in range(max(len(parts) for parts in cells)):
            for index, (parts, width, column) in enumerate(zip(cells, widths, columns, strict=True)):
                cell, size = parts[line] if line < len(parts) else ("", 0)
                pad = " " * (width - size)
                if column.justify == "right" and pad:
                    yield Segment(pad)
                if isinstance(cell, Text):
                    for segment in cell.render(console):
                        merged = style + segment.style if style and segment.style else segment.style or style
                        yield Segment(segment.text, merged)
                elif cell:
                    yield Segment(cell, style)
                if index < last:
                    if column.justify == "left" and pad:
                        yield Segment(pad)
                    yield Segment(GAP)
            yield Segment.line()


def light_text(name: str) -> Text:
    icon = "○" if name == "grey" else "●"
    return Text(f"{icon} {labels.LIGHT_LABELS[name]}", style=LIGHT_STYLES[name])


def cell(value: Cell) -> GridCell:
    if isinstance(value, str):
        return value
    if isinstance(value, Nested):
        return value.text(INDENT)
    if isinstance(value, LightCell):
        return light_text(value.light)
    if isinstance(value, ProgressBar):
        return Text(value.text(), style=LIGHT_STYLES[value.light])
    if isinstance(value, Stretch):
        text = Text(f"{value.requirement} ")
        text.append(value.attainment)
        text.append(" ")
        text.append_text(light_text(value.light))
        return text
    if isinstance(value, Quiet):
        return Text(value.text, style="dim")
    if isinstance(value, Requirement | Gap):
        return value.text
    if isinstance(value, Shares):
        raise TypeError("a chart has no terminal form; its column is left out")
    raise TypeError(f"no terminal form for {type(value).__name__}")


def grid(table: Table) -> Grid:
    """The table as a `Grid`: figures right-aligned, names and free text folding, optional columns droppable."""
    keep = [index for index, column in enumerate(table.columns) if column.role is not Role.CHART]
    columns = [table.columns[index] for index in keep]
    shown = [
        GridColumn(
            column.header,
            "right" if column.alignment is Align.RIGHT else "left",
            wrap=column.wrap,
            min_width=10 if column.wrap else 4,
            drop=column.drop,
        )
        for column in columns
    ]
    tints = [column.light for column in columns]
    rows: list[list[GridCell]] = []
    for row in table.rows:
        cells: list[GridCell] = []
        for index, tint in zip(keep, tints, strict=True):
            value = row.cells[index]
            cells.append(Text(value, style=LIGHT_STYLES[tint]) if tint and isinstance(value, str) else cell(value))
        rows.append(cells)
    return Grid(shown, rows, title=table.title, row_styles=[ROW_STYLES.get(row.mark, "") for row in table.rows])


def page(blocks: Iterable[Block]) -> RenderableType:
    """Headings, tables and notes one under another: a blank line between them, none before a note."""
    parts: list[RenderableType] = []
    for block in blocks:
        if parts and not isinstance(block, Note):
            parts.append(Text(""))
        if isinstance(block, Heading):
            parts.append(Text(block.text, style="bold"))
        elif isinstance(block, Note):
            parts.append(Text(block.text))
        else:
            parts.append(grid(block))
    return Group(*parts)


# --- history --chart -----------------------------------------------------------------------------

CHART_STYLES = {"axis": "dim", "expected": "dim", "target": "red", "": ""}


def trend_chart(trend: Trend, width: int = 48, height: int = 10) -> RenderableType:
    """`history --chart`: the title, the text chart with the figures in the colour of the target's
    light, the 序时 line dim and the target red, then the legend and the figures in words."""
    styles = {**CHART_STYLES, "actual": LIGHT_STYLES[trend.light.value]}
    lines = []
    for segments in chart.text_chart(trend, width, height):
        line = Text()
        for text, kind in segments:
            line.append(text, style=styles[kind])
        lines.append(line)
    return Group(
        Text(chart.chart_title(trend), style="bold"),
        *lines,
        Text(chart.chart_legend(trend), style="dim"),
        Text(chart.chart_points(trend)),
    )
