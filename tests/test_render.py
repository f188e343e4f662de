"""Terminal rendering on a fixed-width, colourless console: CJK alignment, fitting, no markup."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from daye_plan.present.terminal import Column, Grid, columns


def draw(renderable: object, width: int = 60) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, markup=False, emoji=False)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_cjk_columns_line_up() -> None:
    grid = Grid(
        columns("指标", "目标"), [["新签约亿元以上项目", "≥ 135 个"], ["工业项目", "≥ 100 个"]], title="招商引资"
    )
    assert draw(grid) == [
        "招商引资",
        "指标                    目标",
        "──────────────────  ────────",
        "新签约亿元以上项目  ≥ 135 个",
        "工业项目            ≥ 100 个",
    ]


def test_wrap_column_folds_before_anything_is_cut() -> None:
    grid = Grid(
        [Column("原文", wrap=True, min_width=6), Column("目标", "right")],
        [["完成新签约亿元以上项目不少于135个", "135"]],
    )
    assert [line.rstrip() for line in draw(grid, width=20)] == [
        "原文            目标",
        "──────────────  ────",
        "完成新签约亿元   135",
        "以上项目不少于",
        "135个",
    ]


def test_optional_columns_are_dropped_on_a_narrow_console() -> None:
    grid = Grid(columns("指标", "目标", "进度", "灯"), [["工业项目", "≥ 100 个", "███·······", "● 绿"]])
    assert draw(grid, width=80)[0].split() == ["指标", "目标", "进度", "灯"]
    assert draw(grid, width=28)[0].split() == ["指标", "目标", "灯"]


def test_user_text_is_not_markup() -> None:
    grid = Grid(columns("备注"), [["[bold red]不是样式[/] :smile:"]])
    assert draw(grid)[2] == "[bold red]不是样式[/] :smile:"


def test_styled_cells_keep_their_width() -> None:
    grid = Grid(columns("灯", "指标"), [[Text("● 绿", style="green"), "a"], ["○ 无数据", "b"]])
    assert draw(grid)[2:] == ["● 绿      a", "○ 无数据  b"]
