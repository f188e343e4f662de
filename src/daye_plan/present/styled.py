"""Styled text for the terminal: text in runs of one style each, and how wide text is there.

Owns `Styled` (runs of text, each in one style named as rich names it: a light's colour, a dimmed
quote), `Phrases` (a 力争 stretch that folds only between its phrases) and `width_of`, the cells a
text takes on a terminal, as rich measures it but without measuring printable ASCII or the same
text twice. A cell of a `grid.Grid` is one of these or a plain `str`; rich's `Text` is made of one
only where a cell must be cut or folded (`cut_middle`, `segments_of`). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


def width_of(text: str, known: dict[str, int] | None = None) -> int:
    """Terminal cells `text` takes (its widest line), as rich measures it.

    Printable ASCII takes a cell a character; the rest of a text (a unit, a Chinese name) is
    measured by rich. `known` keeps what was measured: a status measures some 180,000 cells, many
    alike, and `1234.5 亿元` and `16 亿元` share their `亿元`.
    """
    if text.isascii() and text.isprintable():
        return len(text)
    if known is None:
        known = {}
    found = known.get(text)
    if found is not None:
        return found
    if "\n" in text:
        found = max(width_of(line, known) for line in text.split("\n"))
    elif "\u200d" in text or "\ufe0f" in text:  # a zero-width joiner or an emoji selector: measured whole
        found = cell_len(text)
    else:
        head, space, tail = text.rpartition(" ")
        figure = bool(space) and head.isascii() and head.isprintable()  # a figure and its unit: `1234.5 亿元`
        rest = tail if figure else text.translate(_PRINTABLE_ASCII)
        measured = known.get(rest)
        if measured is None:
            measured = known[rest] = cell_len(rest)
        found = len(text) - len(rest) + measured
        if figure:
            return found  # figures seldom repeat: only their unit is kept
    known[text] = found
    return found


_PRINTABLE_ASCII = dict.fromkeys(range(0x20, 0x7F))  # for str.translate: delete these, a cell each


class Styled(NamedTuple):
    """Text in runs, each in one style named as rich names it (`green`, `dim`; '' for none)."""

    runs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str, style: str) -> Styled:
        return cls(((text, style),))

    @property
    def plain(self) -> str:
        return self.runs[0][0] if len(self.runs) == 1 else "".join(text for text, _ in self.runs)

    def text(self) -> Text:
        """As rich's `Text`: a single run carries its style as the whole text's, as a light does."""
        if len(self.runs) == 1:
            return Text(self.runs[0][0], style=self.runs[0][1])
        whole = Text()
        for text, style in self.runs:
            whole.append_text(Text(text, style=style))
        return whole


class Phrases(NamedTuple):
    """Text that folds only between its phrases (a 力争 stretch: `≥ 24%` / `91.7% ● 黄`)."""

    parts: tuple[Styled, ...]

    @property
    def runs(self) -> tuple[tuple[str, str], ...]:
        runs: list[tuple[str, str]] = []
        for index, part in enumerate(self.parts):
            if index:
                runs.append((" ", ""))
            runs.extend(part.runs)
        return tuple(runs)

    @property
    def plain(self) -> str:
        return " ".join(part.plain for part in self.parts)

    @property
    def widest(self) -> int:
        return max((width_of(part.plain) for part in self.parts), default=0)

    def text(self) -> Text:
        whole = Text()
        for index, part in enumerate(self.parts):
            if index:
                whole.append(" ")
            whole.append_text(part.text())
        return whole

    def fold(self, width: int) -> list[Text]:
        lines: list[Text] = []
        for part in self.parts:
            text = part.text()
            if lines and lines[-1].cell_len + 1 + text.cell_len <= width:
                lines[-1].append(" ")
                lines[-1].append_text(text)
            else:
                lines.append(text)
        return lines


GridCell = str | Styled | Phrases


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


def segments_of(text: Text, console: Console) -> Iterable[Segment]:
    """The text's segments in its own style: `Text.render` drops a style the text carries as a whole
    (a light's colour) unless some span is styled too."""
    if text.spans:
        return text.render(console)
    # Style.parse is cached by rich: a status draws thousands of lights in four plain styles
    if not text.style:
        return [Segment(text.plain)]
    return [Segment(text.plain, text.style if isinstance(text.style, Style) else Style.parse(text.style))]
