"""How a fitted grid's rows become rich segments.

Owns drawing the rows of a `grid.Grid` once its columns' widths are settled. Rows that fit are
drawn column by column: every cell padded down a column at once, and each row joined from its
columns. With nothing coloured (a pipe, a file, `NO_COLOR`) the rows go out as whole lines, many
lines a segment; in colour, a row's uncoloured text between two styled runs (a light, a bar)
goes out as one segment. A row with a cell to fold or cut, or a style of its own (a superseded
record, dimmed and struck through), is drawn line by line with rich's `Text`. Either way the
bytes are those of a segment per run of one style: a status of 10,000 indicators has some
180,000 cells, and rich spends its time per segment, not per character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from daye_plan.present.styled import GridCell, Phrases, Styled, cut_middle, segments_of

BOLD = Style(bold=True)
DIM = Style(dim=True)
Run = tuple[str, Style | None]
Lines = Callable[[int, int, list[Segment]], None]  # draws rows start..end-1 into a list of segments


@dataclass(frozen=True)
class GridColumn:
    """A grid's column: how it aligns, and how it gives way when the console is narrow."""

    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # free text: a long cell folds at spaces onto more lines instead of being cut
    min_width: int = 4  # the narrowest it gets before anything else is cut
    drop: int = 0  # on a narrow console, columns with the highest `drop` are left out first; 0 never
    name: bool = False  # what the row is about: kept whole on one line while anything else can give way


class Drawing:
    """A fitted grid's rows as segments, for columns of `widths` cells with `gap` between them."""

    def __init__(self, columns: list[GridColumn], widths: list[int], gap: str, console: Console) -> None:
        self.columns = columns
        self.widths = widths
        self.gap = gap
        self.console = console
        self.plain = console.color_system is None and not console.record  # no style would be printed
        self.styles: dict[tuple[str, str], Style | None] = {}
        self.spec = [
            (width, column.justify == "right", index == len(widths) - 1)
            for index, (width, column) in enumerate(zip(widths, columns, strict=True))
        ]

    def row(self, cells: Sequence[GridCell], sizes: Sequence[int], row_style: str) -> Iterator[Segment]:
        """One row, line by line through rich's `Text`: free text folds, a name is cut in its middle,
        anything else too wide is cut with `…`; every run in the row's style too. The header, and
        the rows `rows` cannot draw down their columns."""
        yield from self._joined(self._lines(cells, sizes, row_style))

    def rows(
        self,
        cells: Sequence[Sequence[GridCell]],
        texts: Sequence[list[str]],
        sizes: Sequence[list[int]],
        row_styles: Sequence[str],
        broken: set[int],
    ) -> list[Segment]:
        """Every row, from its columns' `cells`, their plain `texts` and `sizes` (the kept columns);
        `broken`: rows with a line break to fold. A list, not a generator: rich passes each segment
        through its own generators, and ours would add a few more steps to every one."""
        count = len(row_styles)
        by_row = set(broken)  # rows drawn row by row: a cell folds or is cut, or the row has a style
        for column, width in zip(sizes, self.widths, strict=True):
            if max(column, default=0) > width:
                by_row.update(number for number, size in enumerate(column) if size > width)
        if not self.plain:
            by_row.update(number for number, style in enumerate(row_styles) if style)
        padded = [self._padded(column, size, spec) for column, size, spec in zip(texts, sizes, self.spec, strict=True)]
        lines = self._plain_lines(padded, count) if self.plain else self._coloured_lines(cells, padded)
        out: list[Segment] = []
        start = 0
        for number in sorted(by_row):
            lines(start, number, out)
            row = [column[number] for column in cells]
            out.extend(self.row(row, [column[number] for column in sizes], row_styles[number]))
            start = number + 1
        lines(start, count, out)
        return out

    @staticmethod
    def _padded(texts: list[str], sizes: list[int], spec: tuple[int, bool, bool]) -> list[str]:
        """A column's texts padded to its width: `width - size` spaces, as a wide character takes two
        cells but counts one in `len`; the last column, left-aligned, is not padded."""
        width, right, last = spec
        if right:
            return [text.rjust(len(text) + width - size) for text, size in zip(texts, sizes, strict=True)]
        if last:
            return texts
        return [text.ljust(len(text) + width - size) for text, size in zip(texts, sizes, strict=True)]

    def _plain_lines(self, padded: list[list[str]], count: int) -> Lines:
        lines = list(map(self.gap.join, zip(*padded, strict=True))) if padded else [""] * count

        def between(start: int, end: int, out: list[Segment]) -> None:
            if end > start:
                out.append(Segment("\n".join(lines[start:end]) + "\n"))

        return between

    def _coloured_lines(self, cells: Sequence[Sequence[GridCell]], padded: list[list[str]]) -> Lines:
        """Rows in colour: adjacent columns of text only, joined down the rows at once; a column with
        styled cells, cell by cell. Its uncoloured runs join the text around them."""
        last = len(padded) - 1
        blocks: list[tuple[list[str], int | None]] = []  # (text of each row, or None: a styled column's index)
        for index, column in enumerate(cells):
            styled = not set(map(type, column)) <= {str}
            text = padded[index] if index == last else [cell + self.gap for cell in padded[index]]
            if styled:
                blocks.append((text, index))
            elif blocks and blocks[-1][1] is None:
                blocks[-1] = (list(map(str.__add__, blocks[-1][0], text)), None)
            else:
                blocks.append((text, None))
        runs: dict[tuple[int, int], list[Run]] = {}

        def between(start: int, end: int, out: list[Segment]) -> None:
            add = out.append
            for number in range(start, end):
                buffer: list[str] = []
                for text, index in blocks:
                    cell = cells[index][number] if index is not None else ""
                    if index is None or isinstance(cell, str):
                        buffer.append(text[number])
                        continue
                    for part, style in self._runs(cell, padded[index][number], self.spec[index][1], runs):
                        if style is None:
                            buffer.append(part)
                        else:
                            if buffer:
                                add(Segment("".join(buffer)))
                                buffer = []
                            add(Segment(part, style))
                    if index != last:
                        buffer.append(self.gap)
                buffer.append("\n")
                add(Segment("".join(buffer)))

        return between

    def _runs(
        self, cell: Styled | Phrases, padded: str, right: bool, known: dict[tuple[int, int], list[Run]]
    ) -> list[Run]:
        """A styled cell's runs with their padding, consecutive runs of one style joined; kept by the
        cell (alive while the grid is drawn: its `id` is its own) and its padding, as a light's or a
        bar's cell is one object wherever it repeats."""
        key = (id(cell), len(padded))
        found = known.get(key)
        if found is None:
            pad = padded[: len(padded) - len(cell.plain)] if right else padded[len(cell.plain) :]
            found = []
            for text, name in [(pad if right else "", ""), *cell.runs, ("" if right else pad, "")]:
                style = self.style("", name)
                if found and found[-1][1] == style:
                    found[-1] = (found[-1][0] + text, style)
                elif text:
                    found.append((text, style))
            known[key] = found
        return found

    def style(self, row: str, run: str) -> Style | None:
        """A run's style in its row (a superseded row dims all of it), resolved once per pair."""
        key = (row, run)
        if key not in self.styles:
            whole = self.console.get_style(row) if row else None
            own = Style.parse(run) if run else None  # parsed once by rich, as a light's colour
            self.styles[key] = whole + own if whole and own else own or whole
        return self.styles[key]

    def _lines(self, cells: Sequence[GridCell], sizes: Sequence[int], row_style: str) -> list[list[Run]]:
        """A row's lines, each a list of (text, style) runs."""
        columns: list[list[tuple[Text | str, int]]] = []
        for cell, size, width, column in zip(cells, sizes, self.widths, self.columns, strict=True):
            plain = cell if isinstance(cell, str) else cell.plain
            if size <= width and "\n" not in plain:
                columns.append([(cell if isinstance(cell, str) else cell.text(), size)])
            elif column.wrap or "\n" in plain:  # a line break folds the cell wherever it is
                if isinstance(cell, Phrases):
                    folded = cell.fold(width)
                else:
                    folded = list(
                        (Text(cell) if isinstance(cell, str) else cell.text()).wrap(
                            self.console, width, overflow="fold"
                        )
                    )
                columns.append([(part, part.cell_len) for part in folded])
            else:
                text = Text(cell) if isinstance(cell, str) else cell.text()
                if column.name:
                    text = cut_middle(text, width)
                else:
                    text.truncate(width, overflow="ellipsis")
                columns.append([(text, text.cell_len)])
        whole = self.style(row_style, "")
        lines = []
        for line in range(max(len(parts) for parts in columns)):
            runs: list[Run] = []
            for parts, (width, right, last) in zip(columns, self.spec, strict=True):
                part, size = parts[line] if line < len(parts) else ("", 0)
                pad = " " * (width - size)
                if right and pad:
                    runs.append((pad, whole))
                if isinstance(part, Text):
                    for segment in segments_of(part, self.console):
                        own = segment.style
                        runs.append((segment.text, whole + own if whole and own else own or whole))
                elif part:
                    runs.append((part, whole))
                if not last:
                    if pad and not right:
                        runs.append((pad, whole))
                    runs.append((self.gap, whole))
            lines.append(runs)
        return lines

    def _joined(self, lines: Iterable[list[Run]]) -> Iterator[Segment]:
        """Each line's runs as segments, consecutive text in one style joined."""
        for runs in lines:
            parts: list[str] = []
            current: Style | None = None
            for text, style in runs:
                if style != current and parts:
                    yield Segment("".join(parts), current)
                    parts = []
                current = style
                parts.append(text)
            if parts:
                yield Segment("".join(parts), current)
            yield Segment.line()
