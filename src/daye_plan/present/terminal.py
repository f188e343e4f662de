"""The terminal renderer, and the only module that imports rich.

Owns how a view looks on a terminal: a `Table` drawn as a `Grid` driven by its columns' metadata
(figures right-aligned; names kept whole on one line, cut with `…` only when nothing else can
give way; free text folding; optional columns left out on a narrow console), each kind of cell
styled by its type (lights in colour, quotes and superseded records dimmed), and a screen's blocks
one under another. Every function returns a renderable; none
prints (the cli does, on its console). A `Grid` is a plain column layout that emits segments
directly, because rich's general `Table` spends ~0.2 ms a cell and a full `status` has some 1,700.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

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

LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red", "grey": "bright_black"}
ROW_STYLES = {SUPERSEDED: "dim strike"}
INDENT = "  "  # one 其中 level
GAP = "  "
FOLDING = (Role.LONG_TEXT, Role.STRETCH)  # folded at spaces when space runs short: `≥ 24%` / `91.7% ● 绿`
NAME_FLOOR = 10  # a name is cut with … no narrower than this (five characters)

GridCell = str | Text


class Phrases(Text):
    """Text that folds only between its phrases (a 力争 stretch: `≥ 24%` / `91.7% ● 黄`)."""

    def __init__(self, parts: Sequence[Text]) -> None:
        super().__init__()
        self.parts = list(parts)
        for index, part in enumerate(self.parts):
            if index:
                self.append(" ")
            self.append_text(part)

    @property
    def widest(self) -> int:
        return max((part.cell_len for part in self.parts), default=0)

    def fold(self, width: int) -> list[Text]:
        lines: list[Text] = []
        for part in self.parts:
            if lines and lines[-1].cell_len + 1 + part.cell_len <= width:
                lines[-1].append(" ")
                lines[-1].append_text(part)
            else:
                lines.append(part.copy())
        return lines


@dataclass(frozen=True)
class GridColumn:
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # free text: a long cell folds at spaces onto more lines instead of being cut
    min_width: int = 4  # the narrowest it gets before anything else is cut
    drop: int = 0  # on a narrow console, columns with the highest `drop` are left out first; 0 never
    name: bool = False  # what the row is about: kept whole on one line while anything else can give way


COMFORTABLE = 20  # free text folds to this width before any column is left out
NAME_COMFORTABLE = 16  # names are cut to this width before the last optional columns (`drop` 1) go
LAST_TO_GO = 1  # the `drop` of optional columns worth more than the tail of a long name (力争, 要求)
TIGHT_GAP = " "  # between columns when nothing else can give way
LAST_FLOOR = 6  # names and free text give way down to this before a figure or a date is cut


class Fit(NamedTuple):
    widths: list[int | None]  # each column's width, or None for a column left out
    gap: str


class Grid:
    """A table: bold title and header, a rule, then rows; CJK-aware widths; shrinks to fit.

    When the rows are wider than the console, each step below is taken only while they still are:
    free text folds (down to a comfortable width); optional columns are left out, highest `drop`
    first; free text folds further (down to its `min_width`); names are cut with `…` (down to
    `NAME_COMFORTABLE`); the last optional columns go; names are cut down to their `min_width`;
    columns close up to one space; names and free text give way down to `LAST_FLOOR`; and only
    then are the widest other cells (figures, dates) cut. A name never
    folds: a Chinese name broken across lines reads as two names. Width that leaving out a
    column frees goes back to the names, then to the free text.
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
        # each cell's width, measured once: fitting and drawing both need it, cell by cell
        self.sizes = [[self._width(cell) for cell in row] for row in self.rows]

    @staticmethod
    def _width(cell: GridCell) -> int:
        return cell.cell_len if isinstance(cell, Text) else cell_len(cell)

    def natural_widths(self) -> list[int]:
        widths = [cell_len(column.header) for column in self.columns]
        for sizes in self.sizes:
            for index, width in enumerate(sizes):
                if width > widths[index]:
                    widths[index] = width
        return widths

    def fit(self, available: int) -> Fit:
        """Each column's width (None for a column left out) and the gap between columns."""
        natural = self.natural_widths()
        widths: list[int | None] = list(natural)
        gap = GAP
        floors = [max(c.min_width, cell_len(c.header)) for c in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row):
                if isinstance(cell, Phrases) and cell.widest > floors[index]:
                    floors[index] = cell.widest  # a phrase is never broken
        folding = [i for i, c in enumerate(self.columns) if c.wrap]
        names = [i for i, c in enumerate(self.columns) if c.name]
        by_drop = sorted((i for i, c in enumerate(self.columns) if c.drop), key=lambda i: (-self.columns[i].drop, -i))

        def excess() -> int:
            shown = [w for w in widths if w is not None]
            return sum(shown) + len(gap) * (len(shown) - 1) - available

        def narrow(indices: Iterable[int], floor: Callable[[int], int]) -> None:
            """Take width a cell at a time from the column of `indices` furthest above its floor."""
            candidates = [i for i in indices if widths[i] is not None]
            while excess() > 0:
                room = {i: (widths[i] or 0) - floor(i) for i in candidates}
                widest = max(room, key=lambda i: room[i], default=None)
                if widest is None or room[widest] <= 0:
                    return
                widths[widest] = (widths[widest] or 0) - 1

        def leave_out(indices: Iterable[int]) -> None:
            for index in indices:
                if excess() <= 0:
                    return
                widths[index] = None

        narrow(folding, lambda i: max(floors[i], min(natural[i], COMFORTABLE)))
        leave_out(i for i in by_drop if self.columns[i].drop > LAST_TO_GO)
        narrow(folding, lambda i: floors[i])
        narrow(names, lambda i: max(floors[i], min(natural[i], NAME_COMFORTABLE)))
        leave_out(i for i in by_drop if self.columns[i].drop <= LAST_TO_GO)
        narrow(names, lambda i: floors[i])
        if excess() > 0:
            gap = TIGHT_GAP
        narrow([*names, *folding], lambda i: min(floors[i], LAST_FLOOR))
        narrow(range(len(widths)), lambda i: floors[i])
        spare = -excess()
        for index in [*names, *folding]:
            width = widths[index]
            if spare > 0 and width is not None and width < natural[index]:
                grown = min(natural[index], width + spare)
                spare -= grown - width
                widths[index] = grown
        return Fit(widths, gap)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        natural = sum(self.natural_widths()) + len(GAP) * (len(self.columns) - 1)
        return Measurement(min(natural, options.max_width), min(natural, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        widths, gap = self.fit(options.max_width)
        keep = [i for i, width in enumerate(widths) if width is not None]
        shown = [widths[i] or 0 for i in keep]
        columns = [self.columns[i] for i in keep]
        bold = Style(bold=True)
        if self.title:
            yield Segment(self.title, bold)
            yield Segment.line()
        headers = [Text(c.header, style=bold) for c in columns]
        yield from self._line(headers, [h.cell_len for h in headers], shown, columns, gap, None, console)
        yield Segment(gap.join("─" * w for w in shown), Style(dim=True))
        yield Segment.line()
        styles: dict[str, Style | None] = {}
        for row, sizes, name in zip(self.rows, self.sizes, self.row_styles, strict=True):
            if name not in styles:
                styles[name] = console.get_style(name) if name else None
            yield from self._line(
                [row[i] for i in keep], [sizes[i] for i in keep], shown, columns, gap, styles[name], console
            )

    @staticmethod
    def _line(
        row: Sequence[GridCell],
        sizes: Sequence[int],
        widths: list[int],
        columns: list[GridColumn],
        gap: str,
        style: Style | None,
        console: Console,
    ) -> Iterator[Segment]:
        cells: list[list[tuple[GridCell, int]]] = []
        for cell, size, width, column in zip(row, sizes, widths, columns, strict=True):
            if size <= width:
                cells.append([(cell, size)])
            elif column.wrap:
                text = cell if isinstance(cell, Text) else Text(cell)
                folded = text.fold(width) if isinstance(text, Phrases) else text.wrap(console, width, overflow="fold")
                cells.append([(part, part.cell_len) for part in folded])
            else:
                text = cell.copy() if isinstance(cell, Text) else Text(cell)
                if column.name:
                    text = cut_middle(text, width)
                else:
                    text.truncate(width, overflow="ellipsis")
                cells.append([(text, text.cell_len)])
        last = len(widths) - 1
        # Consecutive text in one style goes out as one segment: a wide status has some 150,000 cells,
        # and rich spends most of its time per segment, not per character.
        parts: list[str] = []
        current: Style | None = style
        for line in range(max(len(lines) for lines in cells)):
            for index, (lines, width, column) in enumerate(zip(cells, widths, columns, strict=True)):
                cell, size = lines[line] if line < len(lines) else ("", 0)
                pad = " " * (width - size)
                pieces: list[tuple[str, Style | None]] = []
                if column.justify == "right" and pad:
                    pieces.append((pad, style))
                if isinstance(cell, Text):
                    for segment in _segments(cell, console):
                        merged = style + segment.style if style and segment.style else segment.style or style
                        pieces.append((segment.text, merged))
                elif isinstance(cell, str) and cell:
                    pieces.append((cell, style))
                if index < last:
                    if column.justify == "left" and pad:
                        pieces.append((pad, style))
                    pieces.append((gap, style))
                for piece, piece_style in pieces:
                    if piece_style != current and parts:
                        yield Segment("".join(parts), current)
                        parts = []
                    current = piece_style
                    parts.append(piece)
            if parts:
                yield Segment("".join(parts), current)
                parts = []
            yield Segment.line()


def cut_middle(text: Text, width: int) -> Text:
    """`text` in `width` cells with `…` in its middle: a name keeps its head and its tail, where
    sibling indicators differ (`新开工亿…项目`, `新开工…总投资`)."""
    if text.cell_len <= width:
        return text
    room = max(width - 1, 0)
    plain = text.plain
    tail, used = len(plain), 0
    while tail > 0 and used + cell_len(plain[tail - 1]) <= room // 2:
        tail -= 1
        used += cell_len(plain[tail])
    head, taken = 0, 0
    while head < tail and taken + cell_len(plain[head]) <= room - used:
        taken += cell_len(plain[head])
        head += 1
    cut = text[:head]
    cut.append("…")
    cut.append_text(text[tail:])
    return cut


def _segments(text: Text, console: Console) -> Iterable[Segment]:
    """The text's segments in its own style: `Text.render` drops a style the text carries as a whole
    (a light's colour) unless some span is styled too."""
    if text.spans:
        return text.render(console)
    # Style.parse is cached by rich: a status draws thousands of lights in four plain styles
    if not text.style:
        return [Segment(text.plain)]
    return [Segment(text.plain, text.style if isinstance(text.style, Style) else Style.parse(text.style))]


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
        judged = Text(f"{value.attainment} ")
        judged.append_text(light_text(value.light))
        return Phrases([Text(value.requirement), judged])
    if isinstance(value, Quiet):
        return Text(value.text, style="dim")
    if isinstance(value, Requirement | Gap):
        return value.text
    if isinstance(value, Shares):
        raise TypeError("a chart has no terminal form; its column is left out")
    raise TypeError(f"no terminal form for {type(value).__name__}")


def grid(table: Table) -> Grid:
    """The table as a `Grid`: figures right-aligned, names whole, free text folding, optional columns droppable."""
    keep = [index for index, column in enumerate(table.columns) if column.role is not Role.CHART]
    columns = [table.columns[index] for index in keep]
    shown = [
        GridColumn(
            column.header,
            "right" if column.alignment is Align.RIGHT else "left",
            wrap=column.role in FOLDING,
            min_width=NAME_FLOOR if column.role is Role.NAME else 10 if column.role in FOLDING else 4,
            name=column.role is Role.NAME,
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
