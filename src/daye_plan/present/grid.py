"""The terminal's table layout: a `Grid` of columns that shrinks to fit the console and draws itself.

Owns how a table of cells fits a console's width (`Grid.fit`: which columns fold, which are left
out, which names are cut), keeping its cells, their texts and their widths column by column, each
width measured once; `drawing` draws the rows once the widths are settled. A cell is plain `str`,
`Styled` (runs of text, each in one named style: a light, a dimmed quote) or `Phrases` (a 力争
stretch that folds only between its phrases). rich's `Text` is made only for a cell that must be
cut or folded: a status of 10,000 indicators has some 180,000 cells, and making a `Text` of each
cost more than drawing them. With `terminal`, `drawing` and `styled`, the only modules that
import rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeGuard

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment

from daye_plan.present.drawing import BOLD, DIM, Drawing, GridColumn
from daye_plan.present.styled import GridCell, Phrases, Styled, width_of

GAP = "  "
TIGHT_GAP = " "  # between columns when nothing else can give way
COMFORTABLE = 20  # free text folds to this width before any column is left out
NAME_COMFORTABLE = 16  # names are cut to this width before the last optional columns (`drop` 1) go
LAST_TO_GO = 1  # the `drop` of optional columns worth more than the tail of a long name (力争, 要求)
LAST_FLOOR = 6  # names and free text give way down to this before a figure or a date is cut


class Fit(NamedTuple):
    widths: list[int | None]  # each column's width, or None for a column left out
    gap: str


def _all_text(column: list[GridCell]) -> TypeGuard[list[str]]:
    """Most columns hold text only: their cells are their texts."""
    return set(map(type, column)) <= {str}


class Grid:
    """A table: bold title and header, a rule, then rows; CJK-aware widths; shrinks to fit.

    When the rows are wider than the console, each step below is taken only while they still are:
    free text folds (down to a comfortable width); optional columns are left out, highest `drop`
    first; free text folds further (down to its `min_width`); names are cut with `…` (down to
    `NAME_COMFORTABLE`); the last optional columns go; names are cut down to their `min_width`;
    columns close up to one space; names and free text give way down to `LAST_FLOOR`; and only
    then are the widest other cells (figures, dates) cut. A name never folds: a Chinese name
    broken across lines reads as two names. Width that leaving out a column frees goes back to the
    names, then to the free text. Lines still wider than the console (no layout fits) are cropped.
    """

    def __init__(
        self,
        columns: Sequence[GridColumn],
        cells: list[list[GridCell]],
        title: str = "",
        row_styles: Sequence[str] | None = None,
    ) -> None:
        """A grid of `cells` given column by column, as a view's table is converted (and kept): measuring,
        fitting and plain drawing go down columns. `row_styles`: one style a row, or none."""
        count = len(row_styles) if row_styles is not None else len(cells[0]) if cells else 0
        self.columns = list(columns)
        self.cells = cells
        self.count = count
        self.title = title
        self.row_styles = list(row_styles) if row_styles is not None else [""] * count
        # Each cell's text and width, measured once: fitting and drawing both need them.
        self.texts: list[list[str]] = []
        self.sizes: list[list[int]] = []
        known: dict[str, int] = {}  # units and words repeat down a column: each measured once
        for column in cells:
            texts = column if _all_text(column) else [cell if isinstance(cell, str) else cell.plain for cell in column]
            self.texts.append(texts)  # printable ASCII is as wide as it is long; the rest is measured once
            self.sizes.append(
                [
                    len(t) if t.isascii() and t.isprintable() else known[t] if t in known else width_of(t, known)
                    for t in texts
                ]
            )
        # rows with a line break in their free text (a note of two lines): drawn folded at any width
        self.broken = {
            number
            for index, column in enumerate(self.columns)
            if column.wrap and any("\n" in text for text in self.texts[index])
            for number, text in enumerate(self.texts[index])
            if "\n" in text
        }

    def row(self, number: int, keep: Sequence[int] | None = None) -> list[GridCell]:
        """Row `number`'s cells (of the columns `keep`, or all)."""
        return [self.cells[index][number] for index in (range(len(self.cells)) if keep is None else keep)]

    def natural_widths(self) -> list[int]:
        return [
            max(cell_len(column.header), max(sizes, default=0))
            for column, sizes in zip(self.columns, self.sizes, strict=True)
        ]

    def fit(self, available: int) -> Fit:
        """Each column's width (None for a column left out) and the gap between columns."""
        natural = self.natural_widths()
        widths: list[int | None] = list(natural)
        gap = GAP
        floors = [max(c.min_width, cell_len(c.header)) for c in self.columns]
        for index, column in enumerate(self.cells):
            if Phrases in set(map(type, column)):
                widest = max(cell.widest for cell in column if isinstance(cell, Phrases))
                floors[index] = max(floors[index], widest)  # a phrase is never broken
        folding = [i for i, c in enumerate(self.columns) if c.wrap]
        names = [i for i, c in enumerate(self.columns) if c.name]
        by_drop = sorted((i for i, c in enumerate(self.columns) if c.drop), key=lambda i: (-self.columns[i].drop, -i))

        def excess() -> int:
            shown = [w for w in widths if w is not None]
            return sum(shown) + len(gap) * (len(shown) - 1) - available

        def narrow(indices: Iterable[int], floor: Callable[[int], int]) -> None:
            """Take width a cell at a time from the column of `indices` furthest above its floor (the
            first of them on a tie); while one column is furthest by more than a cell, in one step."""
            candidates = [i for i in dict.fromkeys(indices) if widths[i] is not None]
            room = [(widths[i] or 0) - floor(i) for i in candidates]
            over = excess()
            while over > 0 and candidates:
                best = max(range(len(candidates)), key=room.__getitem__)
                if room[best] <= 0:
                    return
                runner_up = max((r for n, r in enumerate(room) if n != best), default=0)
                step = min(over, max(room[best] - max(runner_up, 0), 1))
                room[best] -= step
                widths[candidates[best]] = (widths[candidates[best]] or 0) - step
                over -= step

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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        widths, gap = self.fit(options.max_width)
        keep = [i for i, width in enumerate(widths) if width is not None]
        shown = [widths[i] or 0 for i in keep]
        segments = self._draw(Drawing([self.columns[i] for i in keep], shown, gap, console), keep)
        if sum(shown) + len(gap) * (len(shown) - 1) <= options.max_width:
            return segments
        # no layout fits: each line is cropped at the console's edge, as rich would
        return [
            segment for line in Segment.split_and_crop_lines(segments, options.max_width, pad=False) for segment in line
        ]

    def _draw(self, drawing: Drawing, keep: list[int]) -> list[Segment]:
        out = [Segment(self.title, BOLD), Segment.line()] if self.title else []
        headers: list[GridCell] = [Styled.of(self.columns[i].header, "bold") for i in keep]
        out.extend(drawing.row(headers, [cell_len(self.columns[i].header) for i in keep], ""))
        out += [Segment(drawing.gap.join("─" * width for width in drawing.widths), DIM), Segment.line()]
        rows = ([self.cells[i] for i in keep], [self.texts[i] for i in keep], [self.sizes[i] for i in keep])
        return out + drawing.rows(*rows, self.row_styles, self.broken)
