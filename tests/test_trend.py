"""Trends: the series and its 序时 line as data, the sparkline, the terminal chart (`history --chart`),
and the HTML report's SVG charts — on the mid-year scenario (month-end figures January to June)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from tests.conftest import Run, snapshot, write_midyear

from daye_plan.ops import trend as trends
from daye_plan.ops.tracking import Snapshot
from daye_plan.present.chart import Frame, round_up, sparkline, text_chart
from daye_plan.present.chart_svg import trend_svg

Cli = Callable[..., Run]
D = Decimal
JUNE_30 = dt.date(2023, 6, 30)
SIGNED = [12, 30, 50, 62, 70, 80]  # tests/fixtures/midyear: 新签约亿元以上项目, January to June


@pytest.fixture
def midyear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_midyear(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


def taken(root: Path, on: dt.date = JUNE_30, period: str | None = "annual") -> Snapshot:
    from daye_plan.ops import tracking
    from daye_plan.storage.plans import load_plan

    folder = root / "plans" / "2023"
    plan = load_plan(folder)
    return tracking.snapshot(plan, folder, plan.actions, period, on)


class TestSeries:
    def test_the_figures_and_the_schedule_line(self, midyear: Path) -> None:
        found = trends.trends(taken(midyear))
        signed = found[("investment", "signed_projects")]
        assert [p.value for p in signed.points] == SIGNED
        assert [p.as_of.month for p in signed.points] == [1, 2, 3, 4, 5, 6]
        # 序时 by days, in 个: 135 × days elapsed / 365 at each month end, from 0 on 01-01
        line = dict(signed.schedule)
        assert line[dt.date(2023, 1, 1)] == 0 and len(line) == 13
        assert abs(Fraction(line[JUNE_30]) - Fraction(135 * 181, 365)) < Fraction(1, 10**20)
        assert line[dt.date(2023, 12, 31)] == 135
        assert signed.light.value == "green" and signed.target == 135

    def test_a_level_has_no_schedule_and_one_figure_no_trend(self, midyear: Path) -> None:
        found = trends.trends(taken(midyear))
        growth = found[("projects", "fixed_asset_investment_growth")]
        assert [p.value for p in growth.points] == [22, D("21.5"), 21, 17] and growth.schedule == []
        assert ("enterprise", "recruitment") not in found  # no figure at all
        early = trends.trends(taken(midyear, dt.date(2023, 1, 31)))
        assert early == {}  # one figure each by 01-31

    def test_only_figures_up_to_the_date_and_inside_the_period(self, midyear: Path) -> None:
        found = trends.trends(taken(midyear, dt.date(2023, 4, 15)))
        assert [p.value for p in found[("investment", "signed_projects")].points] == SIGNED[:3]
        q1 = trends.trends(taken(midyear, JUNE_30, "q1"))
        assert [p.value for p in q1[("investment", "signed_projects")].points] == SIGNED[:3]
        assert q1[("investment", "signed_projects")].target == 45


class TestText:
    def test_sparkline(self) -> None:
        # from 0 for a year-to-date series: round(v / 80 × 7) → 1, 3, 4, 5, 6, 7
        assert sparkline([D(v) for v in SIGNED], rising=True) == "▂▄▅▆▇█"
        # lowest to highest for a rate: (v − 17) / 5 × 7 → 7, 6.3, 5.6, 0
        assert sparkline([D(22), D("21.5"), D(21), D(17)]) == "█▇▇▁"
        assert sparkline([D(5), D(5)]) == "▁▁" and sparkline([D(5), D(5)], rising=True) == "██"
        assert sparkline([]) == ""

    @pytest.mark.parametrize(("value", "rounded"), [("135", "150"), ("0.7", "0.8"), ("1000", "1000"), ("1001", "1200")])
    def test_axes_end_at_a_round_figure(self, value: str, rounded: str) -> None:
        assert round_up(D(value)) == D(rounded)

    def test_the_terminal_chart(self, midyear: Path) -> None:
        signed = trends.trends(taken(midyear))[("investment", "signed_projects")]
        assert (Frame.of(signed).low, Frame.of(signed).high) == (0, 150)
        lines = ["".join(text for text, _ in line) for line in text_chart(signed, width=48, height=10)]
        assert len(lines) == 12
        assert lines[0].startswith("150 ┤") and lines[9].startswith("  0 ┤")
        assert sum(line.count("●") for line in lines) == 6
        assert "─" * 20 in lines[1]  # 135 of 150: the target, one row below the top
        assert lines[-1].split() == [str(month) for month in range(1, 13)]

    def test_history_chart(self, cli: Cli, midyear: Path) -> None:
        result = cli("history", "招商引资", "新签约亿元以上项目", "--chart", "--as-of", "2023-06-30")
        assert (result.code, result.stderr) == (0, "")
        assert "新签约亿元以上项目 · 全年趋势（个）" in result.stdout
        assert "● 实际  · 序时进度线  ─ 目标 ≥ 135 个" in result.stdout
        assert (
            "1月31日 12 个、2月28日 30 个、3月31日 50 个、4月30日 62 个、5月31日 70 个、6月30日 80 个" in result.stdout
        )
        q1 = cli("history", "investment", "signed_projects", "--chart", "--period", "q1", "--as-of", "2023-06-30")
        assert "新签约亿元以上项目 · 一季度趋势（个）" in q1.stdout and "目标 ≥ 45 个" in q1.stdout
        rate = cli("history", "项目建设", "全社会固定资产投资增长", "--chart", "--as-of", "2023-06-30").stdout
        assert "● 实际  ─ 目标 ≥ 20%" in rate  # a level: no 序时 line

    def test_history_chart_says_why_there_is_none(self, cli: Cli, midyear: Path) -> None:
        few = cli("history", "招商引资", "新签约亿元以上项目", "--chart", "--as-of", "2023-01-31")
        assert few.stdout.splitlines()[-1] == "新签约亿元以上项目：全年内只有1个截至日的数据，至少两个才能画出趋势。"
        task = cli("history", "优化环境", "policy_package", "--chart")
        assert task.code == 0 and task.stdout.splitlines()[-1].endswith("是任务类指标，没有可画的数值。")

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["招商引资", "--chart"], "--chart draws one indicator: name INDICATOR after the action"),
            (
                ["招商引资", "新签约亿元以上项目", "--chart", "-f", "json"],
                "--chart draws on the terminal: leave out --format",
            ),
            (
                ["招商引资", "新签约亿元以上项目", "--as-of", "2023-06-30"],
                "--period and --as-of choose what --chart draws: add --chart",
            ),
            (
                ["招商引资", "新签约亿元以上项目", "--chart", "--period", "h1"],
                "--period 'h1': no such period; valid: annual, q1",
            ),
            (
                ["招商引资", "工业项目", "--chart", "--period", "q1"],
                "--period 工业项目 has no target in period 'q1'",
            ),
            (
                ["招商引资", "新签约亿元以上项目", "--chart", "--as-of", "2021-06-30"],
                "--as-of 2021-06-30: outside the plan year 2023",
            ),
        ],
    )
    def test_refusals(self, cli: Cli, midyear: Path, args: list[str], message: str) -> None:
        before = snapshot(midyear)
        result = cli("history", *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert snapshot(midyear) == before


class TestSvg:
    def test_well_formed_deterministic_and_self_contained(self, midyear: Path) -> None:
        signed = trends.trends(taken(midyear))[("investment", "signed_projects")]
        drawn = trend_svg(signed)
        assert drawn == trend_svg(trends.trends(taken(midyear))[("investment", "signed_projects")])
        root = ET.fromstring(drawn)
        tags = [element.tag.rsplit("}", 1)[-1] for element in root.iter()]
        assert tags.count("circle") == 6 and tags.count("polyline") == 2  # the figures; the 序时 line
        assert not {"script", "image", "a", "foreignObject"} & set(tags)
        assert "href" not in drawn and "url(" not in drawn
        title = root.find("title")
        assert title is not None and title.text == (
            "趋势：新签约亿元以上项目，1月31日 12 个、2月28日 30 个、3月31日 50 个、4月30日 62 个、5月31日 70 个、"
            "6月30日 80 个；目标 ≥ 135 个"
        )
        months = [t.text for t in root.iter("text") if t.get("text-anchor") == "middle"]
        assert months == [str(month) for month in range(1, 13)]

    def test_the_figure_line_climbs_and_ends_at_the_latest_figure(self, midyear: Path) -> None:
        signed = trends.trends(taken(midyear))[("investment", "signed_projects")]
        root = ET.fromstring(trend_svg(signed))
        line = next(e for e in root.iter("polyline") if e.get("stroke-dasharray") is None)
        heights = [float(point.split(",")[1]) for point in (line.get("points") or "").split()]
        assert heights == sorted(heights, reverse=True)  # SVG's y grows downward: each month higher
        assert [t.text for t in root.iter("text")][-1] == "80"

    def test_the_report_has_one_chart_per_indicator_with_two_figures(self, cli: Cli, midyear: Path) -> None:
        assert cli("report", "--as-of", "2023-06-30", "-f", "html").code == 0
        text = (midyear / "reports" / "2023-annual-2023-06-30.html").read_text(encoding="utf-8")
        captions = re.findall(r"<figcaption[^>]*>趋势 · ([^<]+)</figcaption>", text)
        assert captions == [
            *("新签约亿元以上项目", "合同投资额", "工业项目", "工业项目占比", "新注册项目", "新开工入库项目"),
            *("新签约项目", "新签约项目计划总投资额", "新注册项目", "全社会固定资产投资增长", "对上争取各类资金"),
        ]

    def test_markdown_has_sparklines(self, cli: Cli, midyear: Path) -> None:
        assert cli("report", "--as-of", "2023-06-30").code == 0
        text = (midyear / "reports" / "2023-annual-2023-06-30.md").read_text(encoding="utf-8")
        signed = next(line for line in text.splitlines() if line.startswith("| 新签约亿元以上项目 |"))
        assert signed.endswith("| 约214 个* | ▂▄▅▆▇█ |")  # a count: 214.29 rounded, 约
