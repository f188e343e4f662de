"""The table model and its renderers: one small table drawn by each format, and the views built on real plans.

A renderer decides by a column's role and a cell's type, never by header text; the terminal is
drawn on a fixed-width, colourless console.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from tests.conftest import write_plan

from daye_plan.ops import tracking
from daye_plan.ops.entry import parse_date
from daye_plan.present import changes, export, html, labels, markdown, terminal, views
from daye_plan.present.grid import Styled
from daye_plan.present.report.html import style
from daye_plan.present.table import (
    SUPERSEDED,
    TOTAL,
    Align,
    Block,
    Column,
    Day,
    Gap,
    Heading,
    LightCell,
    Nested,
    Note,
    ProgressBar,
    Quiet,
    Records,
    Requirement,
    Role,
    Row,
    Shares,
    Stretch,
    Table,
)
from daye_plan.storage.actuals import HEADER_LINE
from daye_plan.storage.plans import load_plan

COLUMNS = [
    Column("indicator", "指标", Role.NAME),
    Column("target", "目标", Role.NUMBER),
    Column("bar", "进度", Role.BAR, drop=5),
    Column("light", "灯", Role.LIGHT),
    Column("stretch", "力争", Role.STRETCH),
]
SIGNED = Row(
    [
        Nested("新签约项目"),
        "≥ 135 个",
        ProgressBar(Decimal("37.04"), Decimal("24.66"), "green", "37.0%", "24.7%"),
        LightCell("green"),
        Stretch("≥ 150 个", "33.3%", "yellow"),
    ]
)
INDUSTRIAL = Row(
    [
        Nested("工业项目", 1),
        "≥ 100 个",
        ProgressBar(None, Decimal("24.66"), "grey", "—", "24.7%"),
        LightCell("grey"),
        "",
    ]
)
SMALL = Table(COLUMNS, [SIGNED, INDUSTRIAL], title="招商引资行动")


def draw(renderable: object, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, markup=False, emoji=False)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


class TestColumn:
    def test_alignment_follows_the_role_unless_set(self) -> None:
        assert Column("a", "目标").alignment is Align.LEFT  # a header that reads like a figure is still text
        assert Column("b", "备注", Role.NUMBER).alignment is Align.RIGHT
        assert Column("c", "截至", align=Align.CENTER).alignment is Align.CENTER
        assert Column("d", "目标", Role.NUMBER, md_align=Align.LEFT).md_alignment is Align.LEFT

    @pytest.mark.parametrize(
        ("role", "wraps"),
        [(Role.NAME, True), (Role.LONG_TEXT, True), (Role.TEXT, False), (Role.NUMBER, False), (Role.LIGHT, False)],
    )
    def test_names_and_free_text_fold(self, role: Role, wraps: bool) -> None:
        assert Column("x", "x", role).wrap is wraps


class TestTerminal:
    def test_every_cell_type_at_a_fixed_width(self) -> None:
        assert draw(terminal.grid(SMALL), 80) == [
            "招商引资行动",
            "指标              目标  进度        灯        力争",
            "────────────  ────────  ──────────  ────────  ───────────────────",
            "新签约项目    ≥ 135 个  ███·······  ● 绿      ≥ 150 个 33.3% ● 黄",
            "  └ 工业项目  ≥ 100 个  ··|·······  ○ 无数据  ",
        ]

    def test_a_narrow_console_drops_the_bar_and_keeps_names_whole(self) -> None:
        assert [line.rstrip() for line in draw(terminal.grid(SMALL), 56)] == [
            "招商引资行动",
            "指标              目标  灯        力争",
            "────────────  ────────  ────────  ───────────────────",
            "新签约项目    ≥ 135 个  ● 绿      ≥ 150 个 33.3% ● 黄",
            "  └ 工业项目  ≥ 100 个  ○ 无数据",
        ]

    def test_role_not_header_decides(self) -> None:
        table = Table(
            [Column("target", "目标"), Column("note", "备注", Role.NUMBER)], [Row(["a", "1"]), Row(["bbb", "22"])]
        )
        assert draw(terminal.grid(table), 40) == ["目标  备注", "────  ────", "a        1", "bbb     22"]

    def test_marks_style_rows_and_light_columns_tint_counts(self) -> None:
        columns = [Column("action", "行动"), Column("red", "红", Role.NUMBER, light="red")]
        shape = terminal.grid(Table(columns, [Row(["甲", "2"], SUPERSEDED), Row(["合计", "2"], TOTAL)]))
        assert shape.row_styles == ["dim strike", ""]
        assert shape.row(0) == ["甲", Styled.of("2", "bold red")]

    def test_a_chart_has_no_terminal_form(self) -> None:
        table = Table([Column("a", "行动"), Column("s", "灯色分布", Role.CHART)], [Row(["甲", Shares({"red": 1})])])
        assert draw(terminal.grid(table), 40) == ["行动", "────", "甲"]

    def test_a_page_puts_a_note_right_under_its_table(self) -> None:
        blocks = [Heading("标题"), Table([Column("a", "行")], [Row(["1"])]), Note("没有了")]
        assert draw(terminal.page(blocks), 40) == ["标题", "", "行", "──", "1", "没有了"]


class TestMarkdown:
    def test_every_cell_type(self) -> None:
        assert markdown.table(SMALL) == (
            "**招商引资行动**\n\n"
            "| 指标 | 目标 | 进度 | 灯 | 力争 |\n"
            "| --- | ---: | --- | --- | --- |\n"
            "| 新签约项目 | ≥ 135 个 | `███·······` | 🟢 绿 | ≥ 150 个 · 33.3% · 🟡 黄 |\n"
            "| 　└ 工业项目 | ≥ 100 个 | `··\\|·······` | ⚪ 无数据 |  |\n"
        )

    def test_marks_icons_charts_and_escaping(self) -> None:
        columns = [
            Column("action", "行动"),
            Column("green", "绿", Role.NUMBER, light="green"),
            Column("target", "目标", align=Align.RIGHT, md_align=Align.LEFT),
            Column("gap", "差距", align=Align.RIGHT),
            Column("shares", "灯色分布", Role.CHART),
        ]
        rows = [
            Row(["a|b <i>", "1", Requirement("确保", "≥ 20%"), Gap("较序时", "-1.0 个百分点"), Shares({"green": 1})]),
            Row(["合计", "1", Requirement(None, "≥ 5 个"), Gap("", "—"), Shares({"green": 1})], TOTAL),
        ]
        assert markdown.table(Table(columns, rows)).splitlines() == [
            "| 行动 | 🟢 绿 | 目标 | 差距 |",
            "| --- | ---: | --- | ---: |",
            "| a&#124;b &#60;i> | 1 | 确保 ≥ 20% | 较序时 -1.0 个百分点 |",
            "| **合计** | 1 | ≥ 5 个 | — |",
        ]


class TestHtml:
    def test_every_cell_type(self) -> None:
        lines = html.table(SMALL)
        assert lines[:3] == [
            "<table>",
            "<caption>招商引资行动</caption>",
            "<thead><tr><th>指标</th><th>目标</th><th>进度</th><th>灯</th><th>力争</th></tr></thead>",
        ]
        assert lines[4].startswith('<tr><td class="name">新签约项目</td><td class="n">≥ 135 个</td><td><svg ')
        assert 'aria-label="完成率 37.0%，序时 24.7%"' in lines[4]
        assert lines[4].endswith(
            '<td class="c"><span class="light"><span class="dot green"></span>绿</span></td>'
            '<td class="stretch">≥ 150 个 · 33.3% <span class="light"><span class="dot yellow"></span>黄</span></td></tr>'
        )
        assert lines[5].startswith('<tr><td class="name">　└ 工业项目</td>')
        assert lines[5].endswith('<td class="stretch"></td></tr>')
        assert lines[-2:] == ["</tbody>", "</table>"]

    def test_classes_marks_and_escaping(self) -> None:
        columns = [
            Column("action", "行动", align=Align.CENTER),
            Column("target", "目标", align=Align.RIGHT),
            Column("gap", "差距", align=Align.RIGHT),
            Column("quote", "原文", Role.LONG_TEXT),
        ]
        rows = [
            Row(["<b>甲</b>", Requirement("确保", "≥ 20%"), Gap("较序时", "-1.0 个百分点"), Quiet('"q"\nx')], "red")
        ]
        assert html.table(Table(columns, rows, kind="lagging"))[3] == (
            '<tr class="red"><td class="c">&lt;b&gt;甲&lt;/b&gt;</td>'
            '<td class="r">确保 <span class="nw">≥ 20%</span></td>'
            '<td class="r"><span class="basis">较序时</span><span class="nw">-1.0 个百分点</span></td>'
            "<td>&quot;q&quot; x</td></tr>"
        )
        assert html.table(Table(columns, rows, kind="lagging"))[0] == '<table class="lagging">'

    def test_a_chart_is_drawn(self) -> None:
        table = Table([Column("s", "灯色分布", Role.CHART)], [Row([Shares({"green": 1, "red": 1})])])
        cell = html.table(table)[3]
        assert 'aria-label="绿1项、红1项"' in cell
        assert '<rect x="0.0" y="0" width="80.0" height="12" fill="#2e7d32"/>' in cell

    def test_the_report_stylesheet_is_a_package_resource(self) -> None:
        assert style().startswith("@page { size: A4; margin: 15mm; }")


def _as_json(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value.isoformat()  # type: ignore[attr-defined]


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.text(max_size=6)
    | st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**9, min_value=-(10**9))
    | st.dates()
)
JSON_VALUES = SCALARS | st.lists(SCALARS, max_size=3) | st.dictionaries(st.text(max_size=2), SCALARS, max_size=2)


class TestMachine:
    def test_a_table_keyed_by_its_columns(self) -> None:
        assert json.loads(export.to_json(SMALL)) == [
            {
                "indicator": "新签约项目",
                "target": "≥ 135 个",
                "bar": 37.04,
                "light": "green",
                "stretch": "≥ 150 个 · 33.3% · yellow",
            },
            {"indicator": "工业项目", "target": "≥ 100 个", "bar": None, "light": "grey", "stretch": ""},
        ]
        assert export.to_csv(SMALL) == (
            "indicator,target,bar,light,stretch\n"
            "新签约项目,≥ 135 个,37.04,green,≥ 150 个 · 33.3% · yellow\n"
            "工业项目,≥ 100 个,,grey,\n"
        )

    def test_records_keep_their_keys_order_and_neutralise_formulas(self) -> None:
        records = Records(["b", "a"], [{"a": Decimal("1.50"), "b": "=SUM(A1)"}, {"a": None, "b": True}])
        assert (
            export.to_json(records)
            == '[\n  {\n    "b": "=SUM(A1)",\n    "a": 1.5\n  },\n  {\n    "b": true,\n    "a": null\n  }\n]\n'
        )
        assert export.to_csv(records) == "b,a\n'=SUM(A1),1.5\ntrue,\n"
        assert Records.of([]) == Records([], [])

    @given(
        st.lists(st.dictionaries(st.sampled_from(["a", "指标", "flags", 'k"e']), JSON_VALUES, max_size=4), max_size=4)
    )
    @pytest.mark.slow  # many examples
    @settings(max_examples=300, deadline=None)
    def test_json_is_what_json_dumps_indents(self, rows: list[dict[str, object]]) -> None:
        """JSON is indented without the Python encoder; the text is `json.dumps(..., indent=2)`'s."""
        keys = sorted({key for row in rows for key in row})
        expected = [{key: row.get(key) for key in keys} for row in rows]
        indented = json.dumps(expected, ensure_ascii=False, indent=2, default=_as_json) + "\n"
        assert export.to_json(Records(keys, rows)) == indented
        assert export.to_json(Records(keys, expected)) == indented  # rows with every key, in order, as views give

    def test_json_of_a_status_is_what_json_dumps_indents(self, status_blocks: list[Block]) -> None:
        for block in status_blocks:
            if isinstance(block, Table):
                found = export.records(block)
                rows = [{key: row.get(key) for key in found.keys} for row in found.rows]
                expected = json.dumps(rows, ensure_ascii=False, indent=2, default=_as_json) + "\n"
                assert export.to_json(block) == expected


@pytest.fixture
def plan_folder(tmp_path: Path) -> Path:
    folder = write_plan(tmp_path)
    (folder / "actuals").mkdir()
    (folder / "actuals" / "alpha.csv").write_text(
        HEADER_LINE + "signed,2023-03-31,50,个,50个,月报,,张三,\nsigned,2023-03-31,40,个,40个,月报,,张三,\n",
        encoding="utf-8",
    )
    return folder


class TestViews:
    def test_targets_by_action_and_on_one_table(self, plan_folder: Path) -> None:
        from daye_plan.model.catalog import target_rows

        plan = load_plan(plan_folder)
        rows = target_rows(plan, plan.actions)
        [table] = views.targets_by_action(plan, rows)
        assert isinstance(table, Table)
        assert [c.key for c in table.columns] == [
            "indicator",
            "period",
            "target",
            "level",
            "kind",
            "direction",
            "quote",
        ]
        assert table.rows[2].cells[0] == Nested("工业项目", 1)
        assert (table.rows[2].cells[5], table.rows[2].cells[6]) == ("正向", Quiet("工业项目不少于100个"))
        flat = views.targets_table(rows)
        assert [c.header for c in flat.columns] == ["行动", "指标", "期间", "目标", "要求", "方向", "原文"]
        assert views.targets_by_action(plan, []) == [Note(labels.NO_TARGETS)]
        assert list(views.target_records(rows).keys) == [*views.TARGET_KEYS, "direction", "code"]

    def test_status_by_action(self, plan_folder: Path) -> None:
        plan = load_plan(plan_folder)
        snap = tracking.snapshot(plan, plan_folder, plan.actions, None, parse_date("2023-03-31"))
        heading, *rollups, action = views.status_by_action(snap)
        assert isinstance(heading, Heading) and heading.text.startswith("测试市 · 测试方案 · 截至 2023-03-31")
        periods = {item.row.period.label for item in snap.items}
        assert [r.title for r in rollups if isinstance(r, Table)] == [  # one roll-up a period, the year first
            f"汇总 · {label}（确保/一般目标）" for label in ("全年", "一季度") if label in periods
        ]
        rollup = rollups[0]
        assert isinstance(rollup, Table) and rollup.rows[-1].mark == TOTAL
        assert [c.light for c in rollup.columns[1:5]] == ["green", "yellow", "red", "grey"]
        assert isinstance(action, Table) and "stretch" not in [c.key for c in action.columns]
        first = action.rows[0].cells
        assert (first[3].text, first[4], first[9]) == (
            "40 个",
            Day(dt.date(2023, 3, 31)),
            LightCell("green"),
        )  # the later line supersedes
        assert (first[3].value, first[3].unit) == (40, "个")  # a figure: its number, a spreadsheet's to sum
        early = tracking.snapshot(plan, plan_folder, plan.actions, None, parse_date("2023-01-02"))
        assert views.status_by_action(early, behind=True)[-1] == Note(labels.NOTHING_BEHIND)
        assert list(views.status_records(snap.items).keys)[11:18] == [
            "actual",
            "as_of",
            "attainment",
            "expected",
            "gap",
            "met",
            "light",
        ]
        assert list(views.status_records(snap.items).keys)[-3:] == ["flags", "direction", "code"]  # the newest, last

    def test_history(self, plan_folder: Path) -> None:
        from daye_plan.storage import actuals

        plan = load_plan(plan_folder)
        action = plan.actions[0]
        ledger = actuals.read(actuals.path_for(plan_folder, "alpha"), action, 2023, full=True)
        entries = changes.history_entries(action, ledger.records, None, superseded=ledger.superseded_lines())
        [table] = changes.history_by_action(action, entries)
        assert isinstance(table, Table)
        assert [row.mark for row in table.rows] == [SUPERSEDED, ""]
        assert [row.cells[8] for row in table.rows] == [labels.SUPERSEDED, labels.IN_FORCE]
        assert "at" in [c.key for c in changes.history_table(entries).columns]
        assert changes.history_by_action(action, []) == [Note(labels.NO_RECORDS)]
        assert list(changes.history_records(entries).keys) == changes.HISTORY_KEYS
