"""Terminal rendering on a fixed-width, colourless console: CJK alignment, fitting, no markup.

Tables are built as the views build them (`present.table`) and drawn by `terminal.grid`; the
`Grid` underneath is exercised directly where a test needs a column shape no view has.
"""

from __future__ import annotations

import io

from rich.console import Console

from daye_plan.present.table import Column, LightCell, Role, Row, Table
from daye_plan.present.terminal import Grid, GridColumn, grid


def draw(renderable: object, width: int = 60) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, markup=False, emoji=False)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_cjk_columns_line_up() -> None:
    table = Table(
        [Column("indicator", "指标"), Column("target", "目标", Role.NUMBER)],
        [Row(["新签约亿元以上项目", "≥ 135 个"]), Row(["工业项目", "≥ 100 个"])],
        title="招商引资",
    )
    assert draw(grid(table)) == [
        "招商引资",
        "指标                    目标",
        "──────────────────  ────────",
        "新签约亿元以上项目  ≥ 135 个",
        "工业项目            ≥ 100 个",
    ]


def test_wrap_column_folds_before_anything_is_cut() -> None:
    shape = Grid(
        [GridColumn("原文", wrap=True, min_width=6), GridColumn("目标", "right")],
        [["完成新签约亿元以上项目不少于135个", "135"]],
    )
    assert [line.rstrip() for line in draw(shape, width=20)] == [
        "原文            目标",
        "──────────────  ────",
        "完成新签约亿元   135",
        "以上项目不少于",
        "135个",
    ]


def test_optional_columns_are_dropped_on_a_narrow_console() -> None:
    columns = [
        Column("indicator", "指标"),
        Column("target", "目标", Role.NUMBER),
        Column("bar", "进度", Role.BAR, drop=5),
        Column("light", "灯", Role.LIGHT),
    ]
    table = Table(columns, [Row(["工业项目", "≥ 100 个", "███·······", LightCell("green")])])
    assert draw(grid(table), width=80)[0].split() == ["指标", "目标", "进度", "灯"]
    assert draw(grid(table), width=28)[0].split() == ["指标", "目标", "灯"]


def test_user_text_is_not_markup() -> None:
    table = Table([Column("note", "备注", Role.LONG_TEXT)], [Row(["[bold red]不是样式[/] :smile:"])])
    assert draw(grid(table))[2] == "[bold red]不是样式[/] :smile:"


def test_styled_cells_keep_their_width() -> None:
    table = Table(
        [Column("light", "灯", Role.LIGHT), Column("indicator", "指标")],
        [Row([LightCell("green"), "a"]), Row([LightCell("grey"), "b"])],
    )
    assert draw(grid(table))[2:] == ["● 绿      a", "○ 无数据  b"]
