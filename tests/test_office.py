"""Office formats: the Excel status workbook, the Word report, CSV for Excel, and where --out may write.

The scenario is the report tests': the bundled plans with tests/fixtures/report/actuals at
2023-03-31. Workbooks and documents are read back with openpyxl and python-docx and checked cell by
cell against the views they are drawn from and against the status JSON, computed separately.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl.worksheet.worksheet import Worksheet
from tests.conftest import BUNDLED, Run, invoke, snapshot

from daye_plan.ops import tracking
from daye_plan.present import ooxml, word, xlsx
from daye_plan.present import report as reports
from daye_plan.present.report import tables
from daye_plan.present.table import Column, Figure, Role, Row, Table
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report" / "actuals"
AS_OF = "2023-03-31"
LEDGER_SHEETS = ["滞后清单", "分部门", "较上期"]
ACTION_SHEETS = ["招商引资", "项目建设", "服务企业", "科技创新", "优化环境", "乡村振兴", "文明提升", "党建引领"]
STATUS_HEADERS = [
    "指标",
    "期间",
    "目标",
    "实际",
    "截至",
    "完成率",
    "序时",
    "差距",
    "灯",
    "预计全年",
    "每月需完成",
    "预计能否完成",
]


@pytest.fixture
def scenario(bundled: Path) -> Path:
    shutil.copytree(FIXTURE, bundled / "plans" / "2023" / "actuals")
    return bundled


# --- figures as spreadsheet numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "text", "value", "number_format"),
    [
        (Figure(Decimal(135), "个", prefix="≥ "), "≥ 135 个", Decimal(135), '"≥ "#,##0" 个"'),
        (Figure(Decimal(3000), "亿元", prefix="力争 ≥ "), "力争 ≥ 3000 亿元", Decimal(3000), '"力争 ≥ "#,##0" 亿元"'),
        (Figure(Decimal("312.456"), "亿元", 2), "312.46 亿元", Decimal("312.46"), '#,##0.00" 亿元"'),
        (Figure(Decimal("37.037"), "%", 1, fixed=True), "37.0%", Decimal("0.370"), "0.0%"),
        (Figure(Decimal(75), "%", prefix="≥ "), "≥ 75%", Decimal("0.75"), '"≥ "0%'),
        (Figure(Decimal("87.25"), "%"), "87.25%", Decimal("0.8725"), "0.00%"),
        (Figure(Decimal(-85), "个", 2, signed=True), "-85 个", Decimal(-85), '+#,##0" 个";-#,##0" 个";#,##0" 个"'),
        (
            Figure(Decimal(2), "个百分点", 2, signed=True),
            "+2 个百分点",
            Decimal(2),
            '+#,##0" 个百分点";-#,##0" 个百分点";#,##0" 个百分点"',
        ),
        (
            Figure(Decimal(12), "次", prefix="≥ ", suffix="（每月 1）"),
            "≥ 12 次（每月 1）",
            12,
            '"≥ "#,##0" 次（每月 1）"',
        ),
        (Figure(Decimal(17)), "17", Decimal(17), "#,##0"),
    ],
)
def test_a_figure_is_the_number_it_carries_shown_as_written(
    figure: Figure, text: str, value: Decimal, number_format: str
) -> None:
    assert figure.text == text
    assert (xlsx.stored(figure), xlsx.number_format(figure)) == (value, number_format)


def test_a_figure_without_a_value_stays_text() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    table = Table([Column("actual", "实际", Role.NUMBER)], [Row([Figure(None, "个")]), Row(["完成"])])
    xlsx.write_table(sheet, table, 1)
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["A3"].value) == ("—", "s", "完成")


def test_text_that_looks_like_a_formula_stays_text() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    table = Table([Column("note", "备注", Role.LONG_TEXT), Column("n", "数", Role.NUMBER)], [Row(["=1+1", "=1+2"])])
    xlsx.write_table(sheet, table, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    again = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Sheet"]
    assert [again["A2"].value, again["B2"].value] == ["=1+1", "=1+2"]
    assert again["A2"].data_type == again["B2"].data_type == "s"


# --- status --format xlsx ---------------------------------------------------------------------


def written_book(cli: Cli, folder: Path, *args: str) -> openpyxl.Workbook:
    out = folder / "状态.xlsx"
    result = cli("status", "--as-of", AS_OF, "-f", "xlsx", "--out", str(out), *args)
    assert (result.code, result.stdout, result.stderr) == (0, f"wrote {out}\n", "")
    return openpyxl.load_workbook(out)


class Books(NamedTuple):
    every_period: openpyxl.Workbook
    annual: openpyxl.Workbook
    status: list[dict[str, Any]]  # `status --format json`


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    """The scenario's status workbooks, of every period and of the year alone, with its status as
    JSON: written once for the tests that only read them."""
    root = tmp_path_factory.mktemp("scenario")
    shutil.copytree(BUNDLED, root / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    shutil.copytree(FIXTURE, root / "plans" / "2023" / "actuals")

    def cli(*args: str) -> Run:
        return invoke("--root", str(root), *args)

    return Books(
        written_book(cli, root),
        written_book(cli, root, "-p", "annual", "--force"),
        json.loads(cli("status", "--as-of", AS_OF, "-f", "json").stdout),
    )


@pytest.mark.slow  # makes the status workbook (some 0.3 s) or reads it whole
class TestStatusWorkbook:
    def test_a_summary_sheet_then_one_sheet_per_action(self, books: Books) -> None:
        book = books.annual
        assert book.sheetnames == ["汇总", *LEDGER_SHEETS, *ACTION_SHEETS]
        summary = book["汇总"]
        assert str(summary["A1"].value).startswith("大冶市 · ")
        assert summary["A3"].value == "汇总 · 全年（确保/一般目标）"
        assert [c.value for c in summary[4]] == ["行动", "绿", "黄", "红", "无数据", "合计", "累计指标平均完成率"]
        total = [c.value for c in summary[13]]
        assert total[0] == "合计" and all(isinstance(v, int | float) for v in total[1:])
        assert summary["G13"].number_format == "0.0%"

    def test_the_status_columns_with_figures_as_numbers(self, books: Books) -> None:
        sheet = books.every_period["招商引资"]
        assert sheet["A1"].value == "招商引资行动 · 在加快集群强链上下功夫"
        assert [c.value for c in sheet[3]] == STATUS_HEADERS  # the bar is a picture: its 完成率 is beside it
        first = sheet[4]
        # the outlook by days, 90 of 365: 50 × 365 / 90 = 202.78, a count: 约203; (135 − 50) / 9 months = 9.44: 10
        assert [c.value for c in first] == [
            "新签约亿元以上项目", "全年", 135, 50, dt.datetime(2023, 3, 31), 0.37, 0.247, -85, "绿", 203, 10, "可完成"
        ]  # fmt: skip
        assert first[4].number_format == "mm-dd" and first[4].is_date  # 截至: a real date, shown as 03-31
        assert first[9].number_format == '"约"#,##0" 个"'
        assert [c.number_format for c in first[2:4]] == ['"≥ "#,##0" 个"', '#,##0" 个"']
        assert first[5].number_format == first[6].number_format == "0.0%"
        assert first[8].fill.fgColor.rgb == "FF2E7D32"  # the light's own colour
        grey = next(row for row in sheet.iter_rows(min_row=4) if row[8].value == "无数据")
        assert grey[8].fill.fgColor.rgb == "FFB0B0B0" and grey[3].value == "—"
        nested = next(row for row in sheet.iter_rows(min_row=4) if row[0].value == "工业项目")
        assert nested[0].alignment.indent == 2  # 其中: indented under its parent

    def test_every_figure_agrees_with_the_status_json(self, books: Books) -> None:
        book, status = books.every_period, books.status
        labels = {"annual": "全年", "q1": "一季度"}
        floors = {
            (item["action"], item["indicator"], labels[item["period"]]): item
            for item in status
            if item["level"] != "力争" and item["kind"] != "milestone"
        }
        checked = 0
        for name in ACTION_SHEETS:
            for row in book[name].iter_rows(min_row=4):
                item = floors.get((name, row[0].value, row[1].value))
                if item is None or isinstance(row[2].value, str):
                    continue
                percent = 100 if row[2].number_format.endswith("%") else 1  # 75% is 0.75 in a spreadsheet
                assert Decimal(str(row[2].value)) * percent == Decimal(str(item["target"]))
                if item["attainment"] is not None:
                    shown = Decimal(str(item["attainment"])).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
                    assert Decimal(str(row[5].value)) * 100 == shown
                checked += 1
        assert checked > 90

    def test_print_setup_and_a_frozen_header(self, books: Books) -> None:
        sheet = books.every_period["项目建设"]
        assert sheet.freeze_panes == "B4"
        assert sheet.print_title_rows == "$3:$3"
        assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A3:M")
        assert [c.value for c in sheet[3]][-4:] == ["力争", "预计全年", "每月需完成", "预计能否完成"]
        widths = {c: sheet.column_dimensions[c].width for c in "ABCI"}
        assert widths["A"] > widths["C"] > widths["I"]  # names wide, a Chinese name counted two per character

    def test_only_the_actions_asked_for(self, cli: Cli, scenario: Path) -> None:
        assert written_book(cli, scenario, "--action", "招商引资").sheetnames == ["汇总", *LEDGER_SHEETS, "招商引资"]
        behind = written_book(cli, scenario, "--behind", "--force")
        assert "文明提升" not in behind.sheetnames  # nothing behind there

    def test_the_ledger_sheets(self, books: Books) -> None:
        book = books.annual
        lagging = book["滞后清单"]
        assert [c.value for c in lagging[4]][:5] == ["序号", "灯", "行动", "指标", "期间"]
        assert lagging["H5"].is_date and lagging["H5"].number_format == "mm-dd"  # 截至: a date
        named = [row[3].value for row in lagging.iter_rows(min_row=5)]
        assert named.count("新注册项目") == 1  # a measure kept in two actions (same_as): once
        ranks = book["分部门"]
        assert ranks["A3"].value == "分行动排名 · 全年"  # the plan here names no 牵头单位
        assert [c.value for c in ranks[4]][-1] == "较上期"  # against 02-28, the last day with data before March
        places = [row[0].value for row in ranks.iter_rows(min_row=5, max_row=8)]
        assert places[0] == 1 and all(isinstance(place, int) for place in places)
        since = book["较上期"]
        assert str(since["A3"].value).startswith("较上期：2023年2月28日 → 2023年3月31日")
        assert [c.value for c in since[5]][:6] == ["招商引资", "新签约亿元以上项目", "全年", 30, 50, 20]

    def test_an_action_sheet_prints_legibly(self, books: Books) -> None:
        """One page wide on A4 landscape (some 149 columns of 11-pt text at 100%): no sheet so wide
        that its text would print below 8 pt."""
        book = books.every_period
        for name in ACTION_SHEETS:
            sheet = book[name]
            width = sum(sheet.column_dimensions[c.column_letter].width for c in sheet[3])
            assert 149 / width * 11 >= 8, name
            names = sheet.column_dimensions["A"].width
            assert names <= 28 and sheet["A4"].alignment.wrap_text  # a long name folds rather than widens

    def test_the_same_data_give_the_same_bytes(self, cli: Cli, scenario: Path, tmp_path: Path) -> None:
        first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
        for out in (first, second):
            assert cli("status", "--as-of", AS_OF, "-f", "xlsx", "--out", str(out)).code == 0
        assert first.read_bytes() == second.read_bytes()
        entries = zipfile.ZipFile(first).infolist()
        assert {entry.date_time for entry in entries} == {(2023, 3, 31, 0, 0, 0)}


# --- CSV for Excel, and where --out writes -----------------------------------------------------


def test_csv_with_a_byte_order_mark(cli: Cli, scenario: Path, tmp_path: Path) -> None:
    plain = cli("status", "--as-of", AS_OF, "-f", "csv").stdout
    marked = cli("status", "--as-of", AS_OF, "-f", "csv", "--bom")
    assert marked.stdout == "\ufeff" + plain
    out = tmp_path / "status.csv"
    assert cli("status", "--as-of", AS_OF, "-f", "csv", "--bom", "--out", str(out)).code == 0
    assert out.read_bytes() == b"\xef\xbb\xbf" + plain.encode("utf-8")


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_status_out_anywhere_outside_the_project_data(
    cli: Cli, scenario: Path, tmp_path_factory: pytest.TempPathFactory, fmt: str
) -> None:
    shared = tmp_path_factory.mktemp("shared") / f"状态.{fmt}"
    result = cli("status", "--as-of", AS_OF, "-f", fmt, "--out", str(shared))
    assert (result.code, result.stdout, result.stderr) == (0, f"wrote {shared}\n", "")
    assert shared.read_text(encoding="utf-8") == cli("status", "--as-of", AS_OF, "-f", fmt).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "xlsx"], "--format xlsx: an Excel workbook goes to a file; name it with --out FILE"),
        (["--out", "s.txt"], "--out: the table is for the screen; pass --format json, csv, md or xlsx to write a file"),
        (["-f", "json", "--bom"], "--bom: only for --format csv"),
        (
            ["-f", "xlsx", "--out", "plans/2023/s.xlsx"],
            "--out plans/2023/s.xlsx: that is the project's own data (plans/ or .git/); write the file elsewhere",
        ),
        (
            ["-f", "csv", "--out", ".git/s.csv", "--force"],
            "--out .git/s.csv: that is the project's own data (plans/ or .git/); write the file elsewhere",
        ),
        (["-f", "md", "--out", "old.md"], "--out old.md: the file exists; pass --force to overwrite it"),
        (["-f", "md", "--out", "reports"], "--out reports: is a folder; name a file"),
    ],
)
def test_status_refusals_write_nothing(
    cli: Cli, scenario: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    (scenario / ".git").mkdir()
    (scenario / "reports").mkdir()
    (scenario / "old.md").write_text("kept", encoding="utf-8")
    monkeypatch.chdir(scenario)
    before = snapshot(scenario)
    result = cli("status", "--as-of", AS_OF, *args)
    assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
    assert snapshot(scenario) == before


def test_template_out_on_a_shared_drive(cli: Cli, scenario: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    shared = tmp_path_factory.mktemp("shared") / "填报" / "招商引资.xlsx"
    first = cli("template", "--action", "招商引资", "--as-of", AS_OF, "--out", str(shared))
    assert first.code == 0, first.stderr
    assert openpyxl.load_workbook(shared).sheetnames == ["说明", "招商引资"]
    again = cli("template", "--action", "招商引资", "--as-of", AS_OF, "--out", str(shared))
    assert (again.code, again.stderr) == (
        2,
        f"error: --out {shared}: the file exists (a filled sheet?); pass --force to overwrite it\n",
    )


# --- report --format docx -------------------------------------------------------------------


@pytest.fixture(scope="module")
def q1_report(tmp_path_factory: pytest.TempPathFactory) -> reports.Report:
    folder = tmp_path_factory.mktemp("docx") / "plans" / "2023"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("actuals"))
    shutil.copytree(FIXTURE, folder / "actuals")
    plan = load_plan(folder)
    snap = tracking.snapshot(plan, folder, plan.actions, "q1", dt.date(2023, 3, 31), keep_records=True)
    return reports.build(snap, "q1")


@pytest.fixture(scope="module")
def q1_docx(q1_report: reports.Report) -> bytes:
    return reports.FILES["docx"](q1_report)


def word_tables(report: reports.Report) -> list[Table]:
    """The report's tables in the order every format shows them."""
    found: list[Table | None] = [
        tables.since(report),
        tables.rollup(report),
        tables.departments(report),
        *ranking_tables(report),
        tables.lagging(report) if report.lagging else None,
    ]
    for section in report.sections:
        found += [tables.targets(section), tables.trend_figures(section), tables.milestones(section)]
    found += [tables.no_data(report), tables.freshness(report), tables.sources(report)]
    return [table for table in found if table is not None]


def ranking_tables(report: reports.Report) -> list[Table]:
    from daye_plan.present.report.standings import ranking_table
    from daye_plan.present.views import column

    compared = report.since is not None
    return [
        ranking_table(found, column(first), compared=compared)
        for found, first in ((report.ranks, "action"), (report.department_ranks, "lead"))
        if any(standing.rank is not None for standing in found)
    ]


@pytest.mark.slow  # makes the Word data report (some 0.7 s), three times over
class TestWordReport:
    def test_written_by_the_command(self, cli: Cli, scenario: Path, q1_docx: bytes) -> None:
        result = cli("report", "-p", "q1", "--as-of", AS_OF, "-f", "docx", "--data-report")
        assert (result.code, result.stderr) == (0, "")
        assert (scenario / "reports" / "2023-q1-2023-03-31.docx").read_bytes() == q1_docx

    def test_headings_in_the_order_of_the_other_formats(self, q1_docx: bytes) -> None:
        document = Document(io.BytesIO(q1_docx))
        outline = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
        assert outline[0] == ("Title", "《大冶市冲刺千亿县市奋进全国五十强2023年八大行动方案》\n一季度目标进展报告")
        assert [text for style, text in outline if style == "Heading 1"] == [
            "一、总体情况",
            "二、较上期变化",  # against 02-28, the last day with data before March
            "三、分行动汇总",
            "四、排名情况",
            "五、滞后指标清单",
            "六、分行动进展",
            "七、数据说明",
        ]
        sections = [text for style, text in outline if style == "Heading 2"]
        assert sections[0] == "（一）招商引资行动" and sections[-1] == "（八）党建引领行动" and len(sections) == 8
        notes = [
            text
            for style, text in outline
            if style == "Heading 3" and text not in ("重点任务", "趋势（各月末实际数）", "分行动排名", "分牵头单位排名")
        ]
        assert notes == ["（一）暂无数据的目标", "（二）各行动最新数据", "（三）数据来源", "（四）口径说明"]

    def test_the_summary_paragraph_and_the_notes(self, q1_docx: bytes, q1_report: reports.Report) -> None:
        texts = [p.text for p in Document(io.BytesIO(q1_docx)).paragraphs]
        assert texts[texts.index("一、总体情况") + 1] == q1_report.summary
        assert "地区：大冶市" in texts
        assert texts[-1] == f"{len(q1_report.notes)}. {q1_report.notes[-1]}"

    def test_every_table_cell_as_the_report_tables_hold_it(self, q1_docx: bytes, q1_report: reports.Report) -> None:
        document = Document(io.BytesIO(q1_docx))
        expected = word_tables(q1_report)
        assert len(document.tables) == len(expected)
        for shown, table in zip(document.tables, expected, strict=True):
            keep = [i for i, column in enumerate(table.columns) if column.role is not Role.CHART]
            assert [cell.text for cell in shown.rows[0].cells] == [table.columns[i].header for i in keep]
            for line, row in zip(shown.rows[1:], table.rows, strict=True):
                assert [cell.text for cell in line.cells] == [word.plain(row.cells[i]) for i in keep]

    def test_lights_are_filled_and_headers_repeat(self, q1_docx: bytes) -> None:
        document = Document(io.BytesIO(q1_docx))
        lagging = document.tables[3]  # after 较上期, the roll-up and the 排名
        light = lagging.rows[1].cells[1]
        assert light.text == "红"
        assert light._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "C62828"
        for table in document.tables:
            header = table.rows[0]._tr.trPr
            assert header is not None and header.find(qn("w:tblHeader")) is not None

    def test_a4_portrait_and_chinese_fonts(self, q1_docx: bytes) -> None:
        document = Document(io.BytesIO(q1_docx))
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert section.orientation == 0  # portrait
        for style, east_asian in (("Normal", "宋体"), ("Title", "黑体"), ("Heading 1", "黑体"), ("Heading 3", "黑体")):
            fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == east_asian
            assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the named one
        font_table = zipfile.ZipFile(io.BytesIO(q1_docx)).read("word/fontTable.xml").decode("utf-8")
        assert '<w:font w:name="宋体"><w:altName w:val="SimSun"/>' in font_table
        assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/>' in font_table

    def test_the_same_data_and_date_give_the_same_bytes(self, q1_docx: bytes, q1_report: reports.Report) -> None:
        assert reports.FILES["docx"](q1_report) == q1_docx
        document = Document(io.BytesIO(q1_docx))
        day = dt.datetime(2023, 3, 31, tzinfo=dt.UTC)
        assert document.core_properties.created == document.core_properties.modified == day
        assert document.core_properties.title == q1_report.title
        package = zipfile.ZipFile(io.BytesIO(q1_docx))
        assert {entry.date_time for entry in package.infolist()} == {(2023, 3, 31, 0, 0, 0)}
        assert not any("thumbnail" in name for name in package.namelist())

    def test_report_docx_out_on_a_shared_drive(
        self, cli: Cli, scenario: Path, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        shared = tmp_path_factory.mktemp("shared") / "一季度通报.docx"
        result = cli("report", "-p", "q1", "--as-of", AS_OF, "-f", "docx", "--data-report", "--out", str(shared))
        assert (result.code, result.stdout) == (0, f"wrote {shared}\n")
        assert Document(str(shared)).paragraphs[0].style.name == "Title"


def test_reproducible_packages_keep_their_content() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "docProps/core.xml", '<cp:c><dcterms:created x="1">2001-01-01T10:00:00Z</dcterms:created></cp:c>'
        )
        package.writestr("a.xml", "<a/>")
    fixed = zipfile.ZipFile(io.BytesIO(ooxml.reproducible(buffer.getvalue(), dt.date(2023, 3, 31))))
    assert fixed.namelist() == ["docProps/core.xml", "a.xml"]
    assert fixed.read("a.xml") == b"<a/>"
    assert b">2023-03-31T00:00:00Z<" in fixed.read("docProps/core.xml")
