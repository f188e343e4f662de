"""The 通报 (`report --format docx`): its parts, its 公文 form, who sends it, its blanks and charts,
read back with python-docx; and the 排名 worked by hand.

The scenario is the mid-year one (tests/fixtures/midyear, conftest's `write_midyear`), judged at
2023-06-30 against 2023-05-31.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from tests.conftest import Run, invoke, snapshot, write_midyear

from daye_plan.ops import ranking
from daye_plan.ops.progress import Light

Cli = Callable[..., Run]
AS_OF = "2023-06-30"
SENT = ["--issuer", "大冶市发展和改革局", "--number", "冶发改〔2023〕12号", "--to", "各乡镇（街道、区），市直各部门"]
NAME = "2023-annual-2023-06-30.docx"


@pytest.fixture
def midyear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_midyear(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


def written(cli: Cli, root: Path, *args: str) -> WordDocument:
    result = cli("report", "--as-of", AS_OF, "--since", "2023-05-31", "-f", "docx", "--date", "2023-07-05", *args)
    assert (result.code, result.stderr) == (0, ""), result.stderr
    return Document(str(root / "reports" / NAME))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The 通报's bytes as `report` writes them, with the sender's options (`sent`) and without
    (`blank`): made once for the tests that only read them."""
    root = tmp_path_factory.mktemp("midyear")
    write_midyear(root)
    found = {}
    for name, args in (("sent", SENT), ("blank", [])):
        written(lambda *given: invoke("--root", str(root), *given), root, *args)
        found[name] = (root / "reports" / NAME).read_bytes()
    return found


def opened(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def texts(document: WordDocument) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


@pytest.mark.slow  # reads the 通报 made as a whole Word document (some 0.7 s)
class TestParts:
    def test_in_the_order_of_a_tongbao(self, made: dict[str, bytes]) -> None:
        document = opened(made["sent"])
        found = texts(document)
        title = "关于大冶市冲刺千亿县市奋进全国五十强2023年八大行动上半年推进情况的通报"
        assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [title]
        assert found.index("大冶市发展和改革局") < found.index("冶发改〔2023〕12号") < found.index(title)
        assert found[found.index(title) + 2] == "各乡镇（街道、区），市直各部门："  # 主送, after a blank line
        assert found[found.index(title) + 3].endswith("现将上半年推进情况通报如下：")
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert headings == ["一、总体情况", "二、分项进展", "三、存在问题", "四、下步工作要求"]
        assert any(text.startswith("（一）招商引资行动。纳入汇总的目标12项") for text in found)
        # 附件说明, then the issuer alone on its line and the date under it
        note = found.index("附件：1. 各行动目标推进情况表")
        assert found[note + 1 : note + 3] == ["2. 滞后指标清单", "3. 排名情况"]
        assert found[note + 4 : note + 6] == ["大冶市发展和改革局", "2023年7月5日"]
        assert [text for text in found if text.startswith("附件") and text[2:].isdigit()] == ["附件1", "附件2", "附件3"]

    def test_the_problems_name_each_department_and_its_outlook(self, made: dict[str, bytes]) -> None:
        found = texts(opened(made["blank"]))
        problems = found[found.index("三、存在问题") : found.index("四、下步工作要求")]
        assert problems[1].startswith("截至2023年6月30日，滞后目标")
        development = next(text for text in problems if text.startswith("（") and "市发改局。" in text)
        # 24 of ≥ 85 by 06-30: 28.2% against 序时 49.6%; 24 × 365 / 181 = 48.4: 约48个; (85 − 24) / 6 = 10.17: 11
        assert (
            "新开工入库项目24个，完成率28.2%，低于序时进度21.4个百分点，按目前进度预计全年约48个，难以完成目标"
            "（今后每月需完成11个）" in development
        )
        assert "力争" not in "".join(problems)  # a missed stretch is no failure
        assert any(
            text.startswith("（") and "）数据报送不及时。截至2023年6月30日，应报未报的目标" in text for text in problems
        )

    def test_the_checkpoints_that_fell_due(self, made: dict[str, bytes]) -> None:
        found = texts(opened(made["blank"]))
        overall = found[found.index("一、总体情况") : found.index("二、分项进展")]
        assert any(
            text.startswith(
                "一季度目标（2023年3月31日到期，确保及一般目标）共52项：按期完成1项，逾期完成0项，未完成3项，未报送48项"
            )
            for text in overall
        )

    def test_a_marked_paragraph_for_the_analyst(self, made: dict[str, bytes]) -> None:
        document = opened(made["blank"])
        last = document.paragraphs[[p.text for p in document.paragraphs].index("四、下步工作要求") + 1]
        assert last.text.startswith("【请在此填写下步工作要求")
        assert last.runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW


@pytest.mark.slow  # reads the 通报 made as a whole Word document (some 0.7 s)
class TestForm:
    def test_page_type_and_landscape_attachments(self, made: dict[str, bytes]) -> None:
        document = opened(made["sent"])
        body, *attachments = document.sections
        assert (round(body.page_width.mm), round(body.page_height.mm)) == (210, 297)
        margins = (body.top_margin.mm, body.bottom_margin.mm, body.left_margin.mm, body.right_margin.mm)
        assert tuple(round(m) for m in margins) == (37, 35, 28, 26)  # GB/T 9704: a 156 × 225 mm 版心
        assert len(attachments) == 3
        for section in attachments:
            assert section.orientation == WD_ORIENT.LANDSCAPE
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
        fonts = {
            name: document.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
            for name in ("Normal", "Title", "Heading 1")
        }
        assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体"}
        assert document.styles["Normal"].font.size.pt == 16  # 三号
        assert document.styles["Title"].font.size.pt == 22  # 二号
        run_in = next(p for p in document.paragraphs if p.text.startswith("（一）招商引资行动。"))
        lead = run_in.runs[0]._r.rPr.find(qn("w:rFonts"))
        assert (run_in.runs[0].text, lead.get(qn("w:eastAsia"))) == ("（一）招商引资行动。", "楷体_GB2312")
        footer = body.footer.paragraphs[0]
        assert footer.text == "—  —" and 'w:instr=" PAGE "' in footer._p.xml  # `— 1 —`: Word fills the number in
        assert footer.alignment == 1  # centred
        table = zipfile.ZipFile(io.BytesIO(made["sent"])).read("word/fontTable.xml")
        assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table.decode("utf-8")

    def test_native_charts_with_the_groups(self, made: dict[str, bytes]) -> None:
        package = zipfile.ZipFile(io.BytesIO(made["blank"]))
        chart = package.read("word/charts/chart1.xml").decode("utf-8")
        assert "<c:barChart>" in chart and "<c:v>招商引资</c:v>" in chart and "<c:v>46.0</c:v>" in chart
        assert '<a:ea typeface="宋体"/>' in chart  # a font every Chinese PC has
        assert "word/embeddings/Microsoft_Excel_Worksheet1.xlsx" in package.namelist()  # its data, editable
        captions = [text for text in texts(opened(made["blank"])) if text.startswith("图")]
        assert captions == ["图1　各行动累计指标平均完成率与序时进度", "图2　各牵头单位累计指标平均完成率与序时进度"]

    def test_signs_never_part_from_their_figures(self, made: dict[str, bytes]) -> None:
        xml = zipfile.ZipFile(io.BytesIO(made["blank"])).read("word/document.xml").decode("utf-8")
        assert '<w:noBreakHyphen/><w:t xml:space="preserve">21.4 个百分点' in xml

    def test_the_same_data_and_options_give_the_same_bytes(
        self, cli: Cli, midyear: Path, made: dict[str, bytes]
    ) -> None:
        written(cli, midyear, *SENT)
        assert (midyear / "reports" / NAME).read_bytes() == made["sent"]  # made in another folder, at another time


@pytest.mark.slow  # makes the 通报 as a whole Word document (some 0.7 s)
class TestWhoSendsIt:
    def test_blanks_to_fill_without_a_sender(self, made: dict[str, bytes]) -> None:
        document = opened(made["blank"])
        marked = {run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color}
        assert {"××××××", "××〔2023〕××号"} <= marked  # 发文机关 (标志, 署名, 主送) and 文号
        to = next(p for p in document.paragraphs if p.text.startswith("××××××："))
        assert to.runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW

    def test_the_options_win_over_plan_yaml(self, cli: Cli, midyear: Path) -> None:
        meta = midyear / "plans" / "2023" / "plan.yaml"
        block = "bulletin:\n  issuer: 大冶市人民政府督查室\n  number: 冶督〔2023〕5号\n  to: 各有关单位\n  subject: 2023年“八大行动”\n"
        meta.write_text(meta.read_text(encoding="utf-8") + block, encoding="utf-8")
        found = texts(written(cli, midyear, "--issuer", "大冶市发展和改革局"))
        assert "大冶市发展和改革局" in found and "大冶市人民政府督查室" not in found
        assert "冶督〔2023〕5号" in found and "各有关单位：" in found
        assert "关于大冶市2023年“八大行动”上半年推进情况的通报" in found  # the region before a subject without it


class TestRefusals:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["-f", "docx", "--date", "2023-02-30"],
                "--date '2023-02-30' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            ),
            (
                ["-f", "docx", "--date", "2023-06-01"],
                "--date 2023-06-01: before the report's date 2023-06-30; a 通报 is dated on or after it",
            ),
            (["-f", "md", "--issuer", "某局"], "--issuer: only for the 通报 (--format docx without --data-report)"),
            (["-f", "html", "--data-report"], "--data-report: only with --format docx (md and html are data reports)"),
            (
                ["-f", "docx", "--since", "2023-13-01"],
                "--since '2023-13-01' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            ),
        ],
    )
    def test_one_line_exit_2_nothing_written(self, cli: Cli, midyear: Path, args: list[str], message: str) -> None:
        before = snapshot(midyear)
        result = cli("report", "--as-of", AS_OF, *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert snapshot(midyear) == before


# --- 排名, worked by hand -------------------------------------------------------------------------


@dataclass
class Judged:
    """What the ranking reads of a judged target."""

    light: Light
    attainment: Decimal | None = None
    expected: Decimal | None = None
    reported: bool = True
    is_floor: bool = True
    row: Any = field(default=None)

    def __post_init__(self) -> None:
        paced = self.attainment is not None

        class Policy:
            pass

        policy = Policy()
        policy.paced = paced  # type: ignore[attr-defined]
        kind = type("Kind", (), {"policy": policy})()
        indicator = type("Indicator", (), {"kind": kind})()
        self.row = type("Row", (), {"indicator": indicator})()

    @property
    def reading(self) -> object | None:
        return object() if self.reported else None


def on(attained: int, expected: int = 50) -> Judged:
    return Judged(Light.GREEN, Decimal(attained), Decimal(expected))


def behind(attained: int, expected: int = 50) -> Judged:
    return Judged(Light.YELLOW, Decimal(attained), Decimal(expected))


class TestRanking:
    def test_share_on_schedule_then_the_lead_then_ties(self) -> None:
        groups: list[tuple[str, list[Any]]] = [
            ("甲", [on(60), on(55), behind(40), behind(30)]),  # 2 of 4 = 50%; leads +10 +5 −10 −20: −3.75
            ("乙", [on(70), behind(45)]),  # 1 of 2 = 50%; leads +20 −5: +7.5 → ahead of 甲
            ("丙", [on(50), behind(20), behind(20), Judged(Light.GREY, reported=False)]),  # 1 of 4 = 25%
            ("丁", [Judged(Light.GREY, reported=False)]),  # no figure: unranked
            ("戊", [on(60), on(55), behind(40), behind(30)]),  # the same as 甲: a shared place
            ("己", [Judged(Light.GREEN, is_floor=False)]),  # only a 力争 stretch: not listed
        ]
        earlier: list[tuple[str, list[Any]]] = [
            ("甲", [on(60), on(55), on(50), behind(30)]),  # 75%: first then
            ("乙", [behind(10), behind(10)]),  # 0%: fourth then
            ("丙", [on(50), on(50), behind(20), behind(20)]),  # 50%, lead −7.5: third then
            ("丁", [Judged(Light.GREY, reported=False)]),
            ("戊", [on(60), on(55), behind(40), behind(30)]),  # 50%, lead −3.75: second then
        ]
        found = ranking.rank(groups, earlier)
        assert [(s.name, s.rank, s.before, s.moved) for s in found] == [
            ("乙", 1, 4, 3),
            ("甲", 2, 1, -1),
            ("戊", 2, 2, 0),
            ("丙", 4, 3, -1),
            ("丁", None, None, None),
        ]
        first = found[0].score
        assert (first.share, first.lead, first.attainment, first.expected) == (
            Decimal(50),
            Decimal("7.5"),
            Decimal("57.5"),
            Decimal(50),
        )

    def test_the_change_as_a_report_writes_it(self) -> None:
        from daye_plan.present.report.standings import rank_change

        now: list[tuple[str, list[Any]]] = [("甲", [on(60)]), ("乙", [behind(10)]), ("丙", [behind(5)])]
        then: list[tuple[str, list[Any]]] = [
            ("甲", [behind(10)]),
            ("乙", [on(60)]),
            ("丙", [Judged(Light.GREY, reported=False)]),
        ]
        found = {s.name: s for s in ranking.rank(now, then)}
        assert [rank_change(found[name], True) for name in "甲乙丙"] == ["↑1", "↓1", "新"]
        same = ranking.rank(now, now)
        assert {rank_change(s, True) for s in same} == {"—"}
        assert {rank_change(s, False) for s in same} == {""}  # no earlier date: no column
