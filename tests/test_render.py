"""Terminal rendering: CJK alignment, fitting at 60-120 columns, colours, no markup.

Tables are built as the views build them (`present.table`) and drawn by `terminal.grid` on a
fixed-width console, colourless unless a test is about colour; the `Grid` underneath is exercised
directly where a test needs a column shape no view has.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from tests.conftest import REPORT_ACTUALS, Run

from daye_plan.present.drawing import GridColumn
from daye_plan.present.grid import Grid
from daye_plan.present.table import Block, Column, LightCell, Nested, ProgressBar, Role, Row, Stretch, Table
from daye_plan.present.terminal import INDENT, grid, page

Cli = Callable[..., Run]


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
        [["完成新签约亿元以上项目不少于135个"], ["135"]],  # column by column
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


# --- the status view at the widths analysts' terminals have --------------------------------------


@pytest.fixture
def scenario(bundled: Path) -> Path:
    shutil.copytree(REPORT_ACTUALS, bundled / "plans" / "2023" / "actuals")
    return bundled


def action_tables(blocks: list[Block]) -> list[Table]:
    return [block for block in blocks if isinstance(block, Table) and block.columns[0].key == "indicator"]


def body_lines(lines: list[str], title: str) -> list[str]:
    """The lines of the table under `title`: from below its rule to the blank line after it."""
    start = lines.index(title) + 3
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def is_cut_from(shown: str, name: str) -> bool:
    """`shown` is `name` whole, or its head and tail around `…`."""
    if shown == name:
        return True
    head, found, tail = shown.partition("…")
    return bool(found) and name.startswith(head) and name.endswith(tail) and len(head) + len(tail) < len(name)


@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_names_stay_on_one_line_at_any_width(status_blocks: list[Block], width: int) -> None:
    lines = [line.rstrip() for line in draw(page(status_blocks), width)]
    assert max(cell_len(line) for line in lines) <= width
    for table in action_tables(status_blocks):
        body = body_lines(lines, table.title)
        rule = lines[lines.index(table.title) + 2]
        name_width = len(rule.split(" ")[0])  # the rule under 指标
        starts = [line for line in body if line[:name_width].strip()]
        assert len(starts) == len(table.rows), f"{table.title}: a name folded onto a second line at {width}"
        for line, row in zip(starts, table.rows, strict=True):
            name = row.cells[0]
            assert isinstance(name, Nested)
            assert is_cut_from(_name_part(line, name_width), name.text(INDENT)), (line, name)


def _name_part(line: str, width: int) -> str:
    """The first `width` cells of a line (CJK characters count two), trailing spaces removed."""
    out, used = [], 0
    for char in line:
        used += cell_len(char)
        if used > width:
            break
        out.append(char)
    return "".join(out).rstrip()


def test_at_80_columns_every_usual_name_is_whole(status_blocks: list[Block]) -> None:
    text = "\n".join(draw(page(status_blocks), 80))
    names = {row.cells[0].text(INDENT) for t in action_tables(status_blocks) for row in t.rows}  # type: ignore[union-attr]
    cut = {name for name in names if name not in text}
    assert cut and all(cell_len(name) > 18 for name in cut)  # only the long ones (完成规上企业研发投入…) are cut
    assert all(len([line for line in text.splitlines() if name[:4] in line]) >= 1 for name in cut)


@pytest.mark.parametrize(
    ("width", "headers"),
    [
        (60, ["指标", "期间", "目标", "实际", "完成率", "灯"]),
        (80, ["指标", "期间", "目标", "实际", "完成率", "灯"]),
        (100, ["指标", "期间", "目标", "实际", "完成率", "序时", "差距", "灯"]),
        (120, ["指标", "期间", "目标", "实际", "截至", "完成率", "序时", "差距", "进度", "灯"]),
    ],
)
def test_low_priority_columns_go_first(status_blocks: list[Block], width: int, headers: list[str]) -> None:
    investment = action_tables(status_blocks)[0]
    lines = draw(grid(investment), width)
    assert lines[1].split() == headers


def test_a_folded_stretch_before_a_cut_name() -> None:
    """The 力争 stretch folds at its spaces before any name is cut; it goes only after names are cut short."""
    columns = [
        Column("indicator", "指标", Role.NAME),
        Column("target", "目标", Role.NUMBER),
        Column("light", "灯", Role.LIGHT),
        Column("stretch", "力争", Role.STRETCH, drop=1),
    ]
    rows = [Row([Nested("全社会固定资产投资增长"), "≥ 20%", LightCell("green"), Stretch("≥ 24%", "91.7%", "yellow")])]
    table = Table(columns, rows)
    assert [line.rstrip() for line in draw(grid(table), 50)][2:] == [
        "全社会固定资产投资增长  ≥ 20%  ● 绿  ≥ 24%",
        "                                     91.7% ● 黄",
    ]
    assert [line.rstrip() for line in draw(grid(table), 36)][2:] == ["全社会固定资产投资增长  ≥ 20%  ● 绿"]
    assert [line.rstrip() for line in draw(grid(table), 28)][2:] == ["全社会固…资增长  ≥ 20%  ● 绿"]


def test_history_at_80_columns_keeps_the_date(cli: Cli, scenario: Path) -> None:
    result = cli("history", "招商引资", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["行", "指标", "截至", "数值", "来源", "备注", "状态"]
    assert lines[3].split()[:4] == ["2", "新签约亿元以上项目", "2023-02-28", "30"]


def test_status_at_80_columns_keeps_every_usual_name_on_one_line(cli: Cli, scenario: Path) -> None:
    result = cli("status", "--as-of", "2023-03-31", env={"COLUMNS": "80"})
    assert result.code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert "\n新签约亿元以上项目        全年       ≥ 135 个     50 个   37.0%  ● 绿\n" in result.stdout
    # a name too long for what is left is cut in its middle with …, never folded onto a second line
    assert "\n新开工亿元…目总投资  一季度       ≥ 108 亿元  96.5 亿元          89.4%  ● 红\n" in result.stdout


# --- colour ----------------------------------------------------------------------------------------


def draw_in_colour(renderable: object, width: int = 60) -> str:
    console = Console(
        file=io.StringIO(), width=width, color_system="standard", force_terminal=True, markup=False, emoji=False
    )
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def test_lights_keep_their_colour_in_the_grid() -> None:
    table = Table(
        [Column("indicator", "指标", Role.NAME), Column("light", "灯", Role.LIGHT)],
        [Row([name, LightCell(name)]) for name in ("green", "yellow", "red", "grey")],
    )
    out = draw_in_colour(grid(table))
    assert "\x1b[32m● 绿\x1b[0m" in out
    assert "\x1b[33m● 黄\x1b[0m" in out
    assert "\x1b[1;31m● 红\x1b[0m" in out
    assert "\x1b[90m○ 无数据\x1b[0m" in out
    assert "\x1b[1m指标\x1b[0m" in out  # headers bold


def test_a_progress_bar_and_a_stretch_keep_their_colours() -> None:
    table = Table(
        [Column("bar", "进度", Role.BAR), Column("stretch", "力争", Role.STRETCH)],
        [Row([ProgressBar(Decimal(10), Decimal("24.7"), "green", "10.0%", "24.7%"), Stretch("≥ 24%", "91.7%", "red")])],
    )
    out = draw_in_colour(grid(table))
    assert "\x1b[32m█·|·······\x1b[0m" in out
    assert "\x1b[1;31m● 红\x1b[0m" in out


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({}, False),  # a pipe (the test runner's output): plain
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, True),  # an editor's shell calling itself dumb
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"NO_COLOR": "1"}, False),
    ],
)
def test_the_cli_colours_lights_where_asked(cli: Cli, scenario: Path, env: dict[str, str], coloured: bool) -> None:
    result = cli("status", "--as-of", "2023-03-31", "--action", "招商引资", env=env)
    assert result.code == 0
    assert ("\x1b[32m● 绿" in result.stdout) is coloured
    assert ("\x1b[3" in result.stdout) is coloured  # no colour code at all when plain
