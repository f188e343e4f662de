"""Reports: golden files of the fixture scenario, self-contained HTML, escaping, and where a report may be written.

The scenario is the bundled plans with the departments of tests/fixtures/report/departments.yaml
and the actuals in tests/fixtures/report/actuals, judged at 2023-03-31; the mid-year scenario
(tests/fixtures/midyear, conftest's `write_midyear`) is judged at 2023-06-30. `pytest
--update-golden tests/test_report.py` rewrites tests/golden/ from the current output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, Run, add_departments, snapshot, write_midyear, write_plan

from daye_plan.present import report

Cli = Callable[..., Run]
HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "report" / "actuals"
GOLDEN = HERE / "golden"
AS_OF = "2023-03-31"
HOSTILE = 'a|b <script>alert("x")</script>\nsecond line [link](javascript:alert(1)) **bold** `code` \\| &amp;'


@pytest.fixture
def scenario(bundled: Path) -> Path:
    """The bundled plans with departments and the fixture actuals: several actions, 确保/力争 pairs,
    every light, a hostile note."""
    add_departments(bundled / "plans" / "2023")
    shutil.copytree(FIXTURE, bundled / "plans" / "2023" / "actuals")
    return bundled


@pytest.fixture
def midyear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mid-year scenario: month-end figures January to June, and last year's plan and figures."""
    write_midyear(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


def written(root: Path, name: str) -> str:
    return (root / "reports" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("period", ["q1", "annual"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(cli: Cli, scenario: Path, request: pytest.FixtureRequest, period: str, fmt: str) -> None:
    name = f"2023-{period}-{AS_OF}.{fmt}"
    result = cli("report", "--period", period, "--as-of", AS_OF, "--format", fmt)
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout == f"wrote {scenario.resolve() / 'reports' / name}\n"
    text = written(scenario, name)
    assert str(scenario) not in text and "\r" not in text  # same bytes on any machine, in any folder
    check_golden(request, name, text)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_midyear(cli: Cli, midyear: Path, request: pytest.FixtureRequest, fmt: str) -> None:
    """The 上半年 report: 较上期 against 05-31, seasonal projections, trends, 双过半, departments."""
    name = f"2023-annual-2023-06-30.{fmt}"
    result = cli("report", "--as-of", "2023-06-30", "--format", fmt)
    assert (result.code, result.stderr) == (0, "")
    check_golden(request, name, written(midyear, name))


def check_golden(request: pytest.FixtureRequest, name: str, text: str) -> None:
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs; rerun with --update-golden if intended"


class TestContent:
    def test_sections_and_headings_in_chinese(self, cli: Cli, scenario: Path) -> None:
        cli("report", "-p", "q1", "--as-of", AS_OF)
        text = written(scenario, f"2023-q1-{AS_OF}.md")
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings == [
            "## 一、总体情况",
            "## 二、较上期变化",  # against 02-28, the last day with data before March
            "## 三、分行动汇总",
            "## 四、分部门汇总",
            "## 五、排名情况",
            "## 六、滞后指标清单",
            "## 七、分行动进展",
            "## 八、数据说明",
        ]
        assert text.startswith("# 《大冶市冲刺千亿县市奋进全国五十强2023年八大行动方案》一季度目标进展报告\n")
        assert "### （一）招商引资行动\n\n**在加快集群强链上下功夫**" in text
        assert "已达标10项，符合序时进度0项，滞后9项（黄灯0项、红灯9项），暂无数据33项" in text

    def test_numbers_as_analysts_write_them(self, cli: Cli, scenario: Path) -> None:
        cli("report", "-p", "annual", "--as-of", AS_OF)
        text = written(scenario, f"2023-annual-{AS_OF}.md")
        assert "| 　　└ 工业项目占比 | ≥ 75% | 30% | 03-31 | 40.0% |" in text  # derived 15 ÷ 50; indented twice
        assert "| 规模以上制造业企业研发机构覆盖率 | ≥ 100% | 87.3% | 03-31 | 87.3% |" in text  # 87.25 rounds half up
        assert "由工业项目、新签约亿元以上项目计算" in text
        assert "| 312.46 亿元 |" in written_q1(cli, scenario)  # 亿元: two decimals at most
        assert "| 较序时 -12.9 个百分点 |" in text  # 11.8% − 24.7%, as both are shown
        assert "| 较目标 -16 小时 |" in text  # a level target: the gap to the target itself, negative behind it
        pair = next(line for line in text.splitlines() if line.startswith("| 全社会固定资产投资增长 |"))
        assert pair.split(" | ")[1:] == [  # 确保 and 力争 side by side; a growth rate stands in 百分点, no 完成率
            "确保 ≥ 20%",
            "22%",
            "03-31",
            "+2.0 个百分点",  # 22% − 20%
            "—",
            "`··········`",
            "🟢 绿",
            "≥ 24% · -2.0 个百分点 · 🟡 黄",  # 22% − 24%, short of the stretch while the year runs: yellow
            "—",  # 预计全年: a level target has no projection
            " |",  # 趋势: one figure only
        ]

    def test_lagging_targets_worst_first(self, scenario: Path) -> None:
        built = build(scenario, "annual")
        order = [(lag.item.light.value, lag.item.row.indicator.id) for lag in built.lagging]
        # none is more than 30 points behind 序时 (24.7%) at 03-31: all yellow, the furthest short first
        assert order[:4] == [
            ("yellow", "industrial_projects_share"),  # a level: 30% of ≥ 75%, 完成率 40%, 60 points short
            ("yellow", "higher_level_funds"),  # 10.5 亿元 by 03-31 carried to 42.6% of the year: 57.4 short
            ("yellow", "tech_contract_value"),  # 11.8% by 03-31 carried to 47.9%: 52.1 short
            ("yellow", "started_stored_projects"),  # 14.1% carried to 57.3%: 42.7 short
        ]
        assert {light for light, _ in order} == {"yellow"}
        assert [i for _, i in order].count("registered_projects") == 1  # kept in two actions (same_as): once

    def test_figures_are_the_status_figures(self, cli: Cli, scenario: Path) -> None:
        status = json.loads(cli("status", "-p", "annual", "--as-of", AS_OF, "--behind", "-f", "json").stdout)
        built = build(scenario, "annual")
        # the same targets and lights; a measure kept in two actions (same_as) is one row of the 滞后 list
        assert {(s["indicator_id"], s["level"] or "", s["light"]) for s in status} == {
            (lag.item.row.indicator.id, lag.item.row.target.level or "", lag.item.light.value) for lag in built.lagging
        }
        assert len(status) == len(built.lagging) + 1
        shown = {(lag.item.row.indicator.id, lag.item.row.target.level): lag.item for lag in built.lagging}
        for record in status:
            item = shown[(record["indicator_id"], record["level"])]
            if item.attainment is None:  # a growth rate, judged by points
                assert (record["attainment"], record["unit"], record["gap"]) == (None, "%", float(item.gap or 0))
                continue
            assert round(item.attainment, 2) == Decimal(str(record["attainment"]))

    def test_data_notes(self, cli: Cli, scenario: Path) -> None:
        text = written_q1(cli, scenario)
        assert "| 招商引资 | 2023-03-31 | 6 | 另有1条记录晚于截至日期，未计入 |" in text  # the 04-10 record
        assert "| 文明提升 | 尚无数据 | 0 |  |" in text
        assert "| 市招商服务中心月报 | 2 | 招商引资 |" in text  # the superseded 03-31 record is not cited
        assert "市招商服务中心周报" not in text  # only on the record after the as-of date


def written_q1(cli: Cli, root: Path) -> str:
    cli("report", "-p", "q1", "--as-of", AS_OF)
    return written(root, f"2023-q1-{AS_OF}.md")


def build(root: Path, period: str) -> report.Report:
    from daye_plan.ops import entry, tracking
    from daye_plan.storage.plans import load_plan

    folder = root / "plans" / "2023"
    plan = load_plan(folder)
    snap = tracking.snapshot(plan, folder, plan.actions, period, entry.parse_date(AS_OF), keep_records=True)
    return report.build(snap, period)


VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "embed", "source", "track", "wbr"}


class Checker(HTMLParser):
    """Tags must balance; records every tag and attribute name seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def check_html(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    ET.fromstring(text)  # well-formed as XML too: every element closed, only XML's own entities
    return checker


class TestHtml:
    def test_self_contained_and_well_formed(self, cli: Cli, scenario: Path) -> None:
        cli("report", "-p", "annual", "--as-of", AS_OF, "-f", "html")
        text = written(scenario, f"2023-annual-{AS_OF}.html")
        checker = check_html(text)
        assert {"svg", "rect", "table", "thead", "style"} <= checker.tags
        assert not checker.tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
        assert not {a for a in checker.attributes if a in ("src", "href") or a.startswith("on")}
        for reference in ("http://", "https://", "src=", "<script", "@import", "url(", "//"):
            assert reference not in text.lower()
        assert "@page { size: A4; margin: 15mm; }" in text
        built = build(scenario, "annual")
        rows = sum(len(section.lines) for section in built.sections)
        trends = sum(len(section.trends) for section in built.sections)
        assert trends == 2  # 新签约亿元以上项目 in two actions: 02-28 and 03-31
        tallies = len(built.tallies) + 1 + len(built.departments) + 1
        assert text.count("<svg") == 1 + tallies + rows + trends + 2  # overall, roll-ups, rows, trends, 排名 bars
        assert text.count("<figcaption") == trends + 2 and "趋势 · 新签约亿元以上项目" in text


class TestEscaping:
    @pytest.fixture
    def hostile(self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        lead = "    lead: 市<b>招商</b>局|一科\n"
        action = MINI_ACTION.replace(
            "    unit: 个\n    kind: cumulative\n", "    unit: 个\n    kind: cumulative\n" + lead, 1
        )
        write_plan(tmp_path, alpha=action)
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
        for indicator, value in (("signed", "5"), ("industrial", "2")):
            result = cli(
                "record",
                "alpha",
                indicator,
                value,
                "--as-of",
                AS_OF,
                "--note",
                HOSTILE,
                "--source",
                "局|<img src=x onerror=alert(1)>",
                env={"DAYE_PLAN_TODAY": AS_OF},
            )
            assert result.code == 0, result.stderr
        return tmp_path

    def test_markdown_tables_keep_their_shape(self, cli: Cli, hostile: Path) -> None:
        assert cli("report", "--as-of", AS_OF).code == 0
        text = written(hostile, f"2023-annual-{AS_OF}.md")
        for raw in ("<script", "<img", "<b>", "[link]", "**bold**", "`code`"):
            assert raw not in text
        assert "| 市&#60;b>招商&#60;/b>局&#124;一科 |" in text  # the lead department, for signed
        assert 'a&#124;b &#60;script>alert("x")&#60;/script> second line' in text  # the note, for industrial
        for block in re.findall(r"(?:^\|.*\n)+", text, flags=re.MULTILINE):
            widths = {len(re.split(r"(?<!\\)\|", line)) for line in block.splitlines()}
            assert len(widths) == 1, block

    def test_html_shows_the_text_and_runs_nothing(self, cli: Cli, hostile: Path) -> None:
        assert cli("report", "--as-of", AS_OF, "-f", "html").code == 0
        text = written(hostile, f"2023-annual-{AS_OF}.html")
        checker = check_html(text)
        assert not checker.tags & {"script", "img", "b"}
        assert not {a for a in checker.attributes if a.startswith("on")}
        assert "a|b &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; second line" in text
        assert "&amp;amp;" in text  # typed `&amp;` shows as typed


class TestWhereItGoes:
    def test_defaults_annual_and_today_within_the_year(self, cli: Cli, scenario: Path) -> None:
        result = cli("report", env={"DAYE_PLAN_TODAY": "2024-02-01"})
        assert result.code == 0, result.stderr
        assert sorted(p.name for p in (scenario / "reports").iterdir()) == ["2023-annual-2023-12-31.md"]

    def test_out_inside_the_root_relative_to_the_current_folder(
        self, cli: Cli, scenario: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(scenario)
        result = cli("report", "-p", "q1", "--as-of", AS_OF, "-f", "html", "--out", "out/q1.html")
        assert (result.code, result.stdout, result.stderr) == (0, "wrote out/q1.html\n", "")
        assert (scenario / "out" / "q1.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        again = cli("report", "-p", "q1", "--as-of", AS_OF, "-f", "html", "--out", "out/q1.html", "--force")
        assert again.code == 0
        assert sorted(p.name for p in (scenario / "out").iterdir()) == ["q1.html"]  # replaced; no temporary left

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["--out", "plans/2023/actuals/x.md"],
                "--out plans/2023/actuals/x.md: that is the project's own data (plans/ or .git/); write the report elsewhere",
            ),
            (
                ["--out", "link/x.md"],
                "--out link: is a symbolic link; project files are never read or written through a link",
            ),
            (["--out", "reports"], "--out reports: is a folder; name a file"),
            (["--period", "h1"], "--period 'h1': no such period; valid: annual, q1"),
            (["--as-of", "2024-01-01"], "--as-of 2024-01-01: outside the plan year 2023"),
            (
                ["--as-of", "2023-02-30"],
                "--as-of '2023-02-30' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            ),
        ],
    )
    def test_refusals_write_nothing(
        self,
        cli: Cli,
        scenario: Path,
        tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch,
        args: list[str],
        message: str,
    ) -> None:
        outside = tmp_path_factory.mktemp("outside")
        (scenario / "link").symlink_to(outside, target_is_directory=True)
        (scenario / "reports").mkdir()
        monkeypatch.chdir(scenario)
        before = snapshot(scenario)
        result = cli("report", *args)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == f"error: {message.format(root=scenario.resolve())}\n"
        assert snapshot(scenario) == before
        assert list(outside.iterdir()) == []


def test_chinese_numbers() -> None:
    assert [report.chinese_ordinal(n) for n in (1, 8, 10, 12, 20, 21)] == ["一", "八", "十", "十二", "二十", "二十一"]
    assert report.half_up(Decimal("31.25"), 1) == Decimal("31.3")
    assert report.half_up(Decimal("-43.75"), 1) == Decimal("-43.8")
    assert [report.points(Decimal(v)).text for v in ("-12.34", "2", "-0.04")] == [
        "-12.3 个百分点",
        "+2.0 个百分点",
        "0.0 个百分点",
    ]
    assert report.md_text("a|b\n<c> *d*") == "a&#124;b &#60;c> &#42;d&#42;"  # a pair of * could emphasise
    assert report.md_text("≥ 75% > 60%, 761.43 亿元*") == "≥ 75% > 60%, 761.43 亿元*"  # nothing to misread
    assert report.md_text("> quoted") == "> quoted"  # inside a table cell
    assert report.md_text("> quoted", opens_line=True) == "&#62; quoted"  # it would open a blockquote
    assert report.md_text("1. first", opens_line=True) == "1&#46; first"


class TestGoldenFigures:
    """The figures the monthly 通报 added to the golden files, worked out by hand from the fixtures."""

    def test_the_first_quarter_scenario(self) -> None:
        annual = (GOLDEN / f"2023-annual-{AS_OF}.md").read_text(encoding="utf-8")
        # 较上期 against 02-28: 新签约亿元以上项目 30 → 50 of ≥ 135, +20 个, 完成率 +20/135 = +14.8 points
        # 19 targets have a first figure, of which 项目建设·新注册项目 restates 招商引资's (same_as): 18 listed
        assert "与上期（2023年2月28日）相比：首次报送数据18项，其余目标灯色未变。" in annual
        assert "| 招商引资 | 新签约亿元以上项目 | 30 个 | 50 个 | +20 个 | +14.8 个百分点 | 🟢 绿 |" in annual
        assert "| 项目建设 | 新签约项目 | 30 个 |" not in annual  # the same measure, compared once
        # 预计全年 by days, 90 of 365: 50 → 202.78, 250 亿元 → 1013.89, 15 → 60.83; sparkline 30, 50 → 4, 7 of 7
        signed = next(line for line in annual.splitlines() if line.startswith("| 新签约亿元以上项目 |"))
        assert signed.endswith("| 约203 个 | ▅█ |")  # a count is whole: 约 where rounded
        assert "| 1013.89 亿元 |" in annual and "| 约61 个 |" in annual
        # the lagging list: 10.5 亿元 of ≥ 100 → 42.58 亿元, (100 − 10.5) / 9 = 9.94 亿元 a month, led by 市财政局
        assert "| 42.58 亿元 | 9.94 亿元 | 市财政局 | 专项债额度待下达 |" in annual
        q1 = (GOLDEN / f"2023-q1-{AS_OF}.md").read_text(encoding="utf-8")
        # Q1 is over on 03-31: no 预计 column; 30 → 50 of ≥ 45 is +44.4 points
        assert "| 预计" not in q1 and "| 30 个 | 50 个 | +20 个 | +44.4 个百分点 |" in q1

    def test_the_mid_year_scenario(self) -> None:
        md = (GOLDEN / "2023-annual-2023-06-30.md").read_text(encoding="utf-8")
        # seasonal: 80 × 150 / 56 = 214.29, 520 × 820 / 560 = 761.43; linear 38 × 365 / 181 = 76.63
        assert "| 约214 个* | ▂▄▅▆▇█ |" in md and "761.43 亿元*" in md and "| 约77 个 |" in md
        html = (GOLDEN / "2023-annual-2023-06-30.html").read_text(encoding="utf-8")
        assert html.count("<figcaption") == 11 + 2  # the trends, and the bar charts of the 排名
        assert (
            "时间过半，累计指标（确保及一般目标）6项中，完成率达到50%、实现“双过半”的4项" in html
        )  # each measure once


class TestAnySize:
    """The HTML report at phone width (tables scroll in their own box) and in print (no heading alone)."""

    @pytest.mark.parametrize("period", ["q1", "annual"])
    def test_tables_scroll_and_headings_keep_what_follows(self, period: str) -> None:
        root = ET.fromstring((GOLDEN / f"2023-{period}-{AS_OF}.html").read_text(encoding="utf-8"))
        parents = {child: parent for parent in root.iter() for child in parent}
        tables = [table for table in root.iter("table") if table.get("class") != "facts"]
        assert tables and all(parents[table].get("class") == "scroll" for table in tables)
        headings = [element for element in root.iter() if element.tag in ("h2", "h3", "h4")]
        for heading in headings:
            block = parents[heading]
            assert block.tag == "div" and block.get("class") in ("keep", "head", "head tall"), heading.text
            if block.get("class") == "keep":  # the heading and all it introduces, never split
                assert block[-1].tag in ("div", "p", "ol") and block[-1] is not heading
            elif block.get("class") == "head":  # before a long table, which follows at once
                section = list(parents[block])
                following = section[section.index(block) + 1]
                assert following.get("class") == "scroll"
                assert len(following.find("table").find("tbody")) > 10  # type: ignore[union-attr, arg-type]

    @pytest.mark.print
    @pytest.mark.parametrize("period", ["q1", "annual"])
    def test_printed_on_a4_no_heading_is_alone_at_a_page_foot(self, period: str, tmp_path: Path) -> None:
        browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if browser is None or shutil.which("pdftotext") is None:
            pytest.skip("needs chromium and pdftotext")
        pdf = tmp_path / "report.pdf"
        page = (GOLDEN / f"2023-{period}-{AS_OF}.html").resolve().as_uri()
        arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
        subprocess.run([browser, *arguments, f"--print-to-pdf={pdf}", page], capture_output=True, timeout=120)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        heading = re.compile(r"^\s*([一二三四五]、\S+|（[一二三四五六七八九十]+）\S+|重点任务)\s*$")
        pages = text.split("\f")[:-1]
        assert len(pages) >= 5
        for number, content in enumerate(pages, 1):
            lines = [line for line in content.splitlines() if line.strip()]
            for index, line in enumerate(lines):
                if heading.match(line):
                    # at least a table header and a row (or two lines of text) with it
                    assert len(lines) - index > 2, f"page {number}: {line.strip()} ends the page"


class TestOutline:
    """The outline is written once: the part headings agree in every format, whatever parts apply."""

    @staticmethod
    def headings(root: Path, fmt: str, name: str) -> list[str]:
        path = root / "reports" / name
        if fmt == "md":
            return [line[3:] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
        if fmt == "html":
            return re.findall(r"<h2>(.*?)</h2>", path.read_text(encoding="utf-8"))
        import docx

        document = docx.Document(str(path))
        return [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]

    def test_where_nothing_lags(self, cli: Cli, mini: Path) -> None:
        for line in (
            ("alpha", "signed", "100", "--as-of", "2023-02-28"),  # an earlier date: 较上期 is a part too
            ("alpha", "signed", "150", "--as-of", "2023-03-31"),
            ("alpha", "industrial", "110", "--as-of", "2023-03-31"),
            ("alpha", "tax_hours", "70", "--as-of", "2023-03-31"),
        ):
            assert cli("record", *line).code == 0
        found = {}
        for fmt in ("md", "html", "docx"):
            data = ["--data-report"] if fmt == "docx" else []
            assert cli("report", "-p", "annual", "--as-of", "2023-03-31", "-f", fmt, *data).code == 0
            found[fmt] = self.headings(mini, fmt, f"2023-annual-2023-03-31.{fmt}")
        assert found["md"] == found["html"] == found["docx"]
        assert found["md"] == [
            "一、总体情况",
            "二、较上期变化",
            "三、分行动汇总",
            "四、排名情况",
            "五、滞后指标清单",
            "六、分行动进展",
            "七、数据说明",
        ]
        text = (mini / "reports" / "2023-annual-2023-03-31.md").read_text(encoding="utf-8")
        assert "没有红灯或黄灯目标。" in text
