"""The terminal grid's two ways of drawing, and how it measures text.

A grid is drawn column by column when nothing is coloured (a pipe, a file, `NO_COLOR`) and row by
row, in runs of one style, when it is: both must show the same text at any width, folds and cuts
included. Widths are measured without rich where rich would only count (printable ASCII, a text
seen before); they must be rich's to the cell, or columns stop lining up.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segments

from daye_plan.present import terminal
from daye_plan.present.drawing import Drawing, GridColumn
from daye_plan.present.grid import Grid
from daye_plan.present.styled import width_of
from daye_plan.present.table import SUPERSEDED, Block, Column, Role, Row, Table

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def draw(renderable: object, width: int, *, colour: bool) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        markup=False,
        emoji=False,
    )
    console.print(renderable, crop=False)  # as the cli prints
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("width", [30, 40, 60, 80, 100, 120, 200])
def test_plain_and_coloured_draw_the_same_text(status_blocks: list[Block], width: int) -> None:
    page = terminal.page(status_blocks)
    plain = draw(page, width, colour=False)
    coloured = draw(page, width, colour=True)
    assert "\x1b[" not in plain
    assert "\x1b[1m" in coloured
    assert ANSI.sub("", coloured) == plain
    assert max(cell_len(line) for line in plain.splitlines()) <= width


def test_plain_rows_go_out_as_whole_lines(status_blocks: list[Block]) -> None:
    """Rows that fit are drawn column by column and leave as lines: three times the rows, the same
    segments when plain; in colour, a segment per run of one style, so more with every row."""
    table = next(block for block in status_blocks if isinstance(block, Table) and block.title.startswith("招商"))
    longer = table._replace(rows=[*table.rows, *table.rows, *table.rows])

    def segments(shape: Table, colour: bool) -> int:
        console = Console(
            file=io.StringIO(), width=200, color_system="standard" if colour else None, force_terminal=colour
        )
        return len(list(terminal.grid(shape).__rich_console__(console, console.options)))

    assert segments(longer, colour=False) == segments(table, colour=False)
    assert segments(longer, colour=True) > segments(table, colour=True) + 2 * len(table.rows)


def test_a_note_of_two_lines_stays_in_its_column() -> None:
    """A line break in free text (a note typed on two lines) folds the cell; the row stays aligned."""
    columns = [Column("line", "行", Role.NUMBER), Column("note", "备注", Role.LONG_TEXT), Column("state", "状态")]
    table = Table(columns, [Row(["2", "第一行说明\n第二行: 分乡镇数据另报", "有效"]), Row(["3", "一行", "有效"])])
    for colour in (False, True):
        lines = ANSI.sub("", draw(terminal.grid(table), 80, colour=colour)).splitlines()
        assert [line.rstrip() for line in lines[2:]] == [
            " 2  第一行说明              有效",
            "    第二行: 分乡镇数据另报",
            " 3  一行                    有效",
        ]


def test_a_superseded_row_is_dimmed_and_struck_through_in_colour_only() -> None:
    columns = [Column("indicator", "指标"), Column("value", "数值", Role.NUMBER)]
    table = Table(columns, [Row(["工业项目", "16 个"], SUPERSEDED), Row(["工业项目", "18 个"])])
    coloured = draw(terminal.grid(table), 40, colour=True)
    assert "\x1b[2;9m工业项目  16 个\x1b[0m" in coloured
    assert draw(terminal.grid(table), 40, colour=False).splitlines()[2] == "工业项目  16 个"


def test_a_grid_nothing_fits_is_cropped_at_the_edge() -> None:
    shape = Grid(
        [GridColumn("指标", min_width=12), GridColumn("目标", "right", min_width=12)],
        [["新签约亿元以上项目"], ["≥ 135 个"]],  # column by column
    )
    for colour in (False, True):
        lines = ANSI.sub("", draw(shape, 16, colour=colour)).splitlines()
        assert max(cell_len(line) for line in lines) <= 16


def test_an_empty_table_draws_its_header() -> None:
    shape = terminal.grid(Table([Column("a", "行动"), Column("b", "合计", Role.NUMBER)], []))
    assert draw(shape, 40, colour=False).splitlines() == ["行动  合计", "────  ────"]


TEXT = st.text(
    alphabet=st.sampled_from(
        "ab 12.%+-—…·●○└─█|亿元个项目指标绿黄红，（）Ａ\u3000é\u0300\u0301\u200d\ufe0f👍🏽\x1b\x7f\t"
    ),
    max_size=14,
)


@given(st.lists(TEXT, max_size=6))
@settings(max_examples=300, deadline=None)
def test_width_of_is_riches_measure(texts: list[str]) -> None:
    known: dict[str, int] = {}
    for text in texts * 2:  # the second time round from what was kept
        assert width_of(text, known) == cell_len(text), repr(text)
        assert width_of(text) == cell_len(text), repr(text)


def test_width_of_a_text_of_lines_is_its_widest_line() -> None:
    assert width_of("第一行说明\n第二行: 分乡镇数据另报") == cell_len("第二行: 分乡镇数据另报")


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("colour", [False, True])
def test_rows_drawn_down_their_columns_are_the_bytes_of_a_segment_per_run(
    status_blocks: list[Block], width: int, colour: bool
) -> None:
    """The column-wise drawing writes what drawing each row on its own, run by run, writes."""
    for table in (block for block in status_blocks if isinstance(block, Table)):
        shape = terminal.grid(table)
        widths, gap = shape.fit(width)
        keep = [index for index, found in enumerate(widths) if found is not None]
        console = Console(
            file=io.StringIO(), width=width, color_system="standard" if colour else None, force_terminal=colour
        )
        drawing = Drawing([shape.columns[i] for i in keep], [widths[i] or 0 for i in keep], gap, console)
        columns = ([shape.cells[i] for i in keep], [shape.texts[i] for i in keep], [shape.sizes[i] for i in keep])
        fast = drawing.rows(*columns, shape.row_styles, shape.broken)
        slow = [
            segment
            for number, style in enumerate(shape.row_styles)
            for segment in drawing.row(shape.row(number, keep), [shape.sizes[i][number] for i in keep], style)
        ]
        console.print(Segments(fast), crop=False)
        drawn = console.file.getvalue()  # type: ignore[attr-defined]
        console.file = io.StringIO()
        console.print(Segments(slow), crop=False)
        assert drawn == console.file.getvalue(), table.title  # type: ignore[attr-defined]
