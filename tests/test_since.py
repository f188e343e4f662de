"""较上期 (`report --since`) and the half-year and three-quarter reports (上半年, 前三季度, 双过半).

Lights and 完成率 are worked out by hand from the mid-year fixture (tests/fixtures/midyear): 序时 by
days is 151/365 = 41.37% on 05-31 and 181/365 = 49.59% on 06-30; by the default rule green on or
ahead of 序时, yellow behind it, red more than 30 points behind; never green beside 难完成 (合同投资额
and 新签约项目计划总投资额 follow last year's shape to 761 亿元), nor below half at mid-year.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from tests.conftest import Run, add_departments, snapshot, write_midyear

from daye_plan.model.plan import Period
from daye_plan.ops import compare
from daye_plan.ops.tracking import Snapshot
from daye_plan.present.report.since import part_of_year

Cli = Callable[..., Run]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report" / "actuals"
MAY_31, JUNE_30 = Fraction(151, 365) * 100, Fraction(181, 365) * 100


@pytest.fixture
def midyear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_midyear(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


def light(actual: int, target: int, expected: Fraction, *, reaches: bool = True) -> str:
    """A cumulative at-least target's light by the default points rule; `reaches`: 预计能否完成."""
    if actual >= target:
        return "green"
    attained = Fraction(actual, target) * 100
    midyear = expected == JUNE_30
    if attained >= expected and reaches and (attained >= 50 or not midyear):
        return "green"
    return "yellow" if expected - attained <= 30 else "red"


def report_text(cli: Cli, root: Path, *args: str, as_of: str = "2023-06-30") -> str:
    result = cli("report", "--as-of", as_of, *args)
    assert (result.code, result.stderr) == (0, ""), result.stderr
    return (root / "reports" / f"2023-annual-{as_of}.md").read_text(encoding="utf-8")


def taken(root: Path, on: dt.date) -> Snapshot:
    from daye_plan.ops import tracking
    from daye_plan.storage.plans import load_plan

    folder = root / "plans" / "2023"
    plan = load_plan(folder)
    return tracking.snapshot(plan, folder, plan.actions, "annual", on)


class TestPreviousDay:
    @pytest.mark.parametrize(
        ("on", "previous"),
        [
            ("2023-06-30", "2023-05-31"),
            ("2023-06-15", "2023-05-31"),
            ("2023-02-01", "2023-01-31"),
            ("2023-01-31", None),
        ],
    )
    def test_the_last_day_with_data_before_the_month(self, midyear: Path, on: str, previous: str | None) -> None:
        found = compare.previous_day(taken(midyear, dt.date.fromisoformat(on)))
        assert found == (dt.date.fromisoformat(previous) if previous else None)

    def test_no_earlier_data_no_section(self, cli: Cli, midyear: Path) -> None:
        text = report_text(cli, midyear, as_of="2023-01-31")
        assert "较上期" not in text and "## 二、分行动汇总" in text


class TestChanges:
    def test_the_lights_by_hand(self) -> None:
        # the fixture's figures on 05-31 and 06-30, and what the paragraph below says of them
        # 合同投资额: 30% behind 41.4%; 52% ahead of 49.6%, but last year's shape gives 761 of 1000: 难完成
        assert (light(300, 1000, MAY_31), light(520, 1000, JUNE_30, reaches=False)) == ("yellow", "yellow")
        assert (light(300, 950, MAY_31), light(520, 950, JUNE_30, reaches=False)) == ("yellow", "yellow")
        assert (light(35, 100, MAY_31), light(38, 100, JUNE_30)) == ("yellow", "yellow")  # 工业项目
        assert (light(22, 85, MAY_31), light(24, 85, JUNE_30)) == ("yellow", "yellow")  # 新开工入库项目: 21.4 behind
        assert (light(70, 135, MAY_31), light(80, 135, JUNE_30)) == ("green", "green")  # 新签约亿元以上项目
        assert (light(42, 110, MAY_31), light(58, 110, JUNE_30)) == ("yellow", "green")  # 新注册项目: 38.2%, 52.7%

    def test_the_paragraph_a_leader_reads_first(self, cli: Cli, midyear: Path) -> None:
        text = report_text(cli, midyear)
        assert (
            text.index("## 二、一季度目标完成情况") < text.index("## 三、较上期变化") < text.index("## 四、分行动汇总")
        )
        assert (
            "与上期（2023年5月31日）相比：转绿1项（招商引资·新注册项目）；"  # 项目建设's 新注册项目 is the same measure
            "由绿转黄1项（项目建设·全社会固定资产投资增长），其余目标灯色未变。"  # 21% ≥ 20% met, then 3 points short
        ) in text

    def test_each_target_then_and_now(self, cli: Cli, midyear: Path) -> None:
        text = report_text(cli, midyear)
        # 300 → 520 亿元 of ≥ 1000: +220 亿元, 完成率 30.0% → 52.0%
        assert "| 招商引资 | 合同投资额 | 300 亿元 | 520 亿元 | +220 亿元 | +22.0 个百分点 | 🟡 黄 |" in text
        # 22 → 24 of ≥ 85: 25.88% → 28.24%, +2.35 points
        assert f"{float(Fraction(24 - 22, 85) * 100):.1f}" == "2.4"
        assert "| 招商引资 | 新开工入库项目 | 22 个 | 24 个 | +2 个 | +2.4 个百分点 | 🟡 黄 |" in text
        assert "| 招商引资 | 新注册项目 | 42 个 | 58 个 | +16 个 | +14.5 个百分点 | 黄→绿 |" in text
        assert text.split("## 四、")[0].count("| 新注册项目 |") == 1  # one measure, kept in two actions: listed once
        # a derived share: 35/70 = 50% → 38/80 = 47.5%; 完成率 of ≥ 75%: 66.67% → 63.33%
        assert "| 招商引资 | 　　└ 工业项目占比 | 50% | 47.5% | -2.5 个百分点 | -3.3 个百分点 | 🟡 黄 |" in text
        # a growth rate is judged by points: it moves in 百分点 and has no 完成率 to compare
        assert "| 项目建设 | 全社会固定资产投资增长 | 21% | 17% | -4.0 个百分点 | — | 绿→黄 |" in text
        assert "对上争取各类资金" not in text.split("## 四、")[0]  # a 力争 stretch only: floors are compared

    def test_since_a_chosen_date(self, cli: Cli, midyear: Path) -> None:
        text = report_text(cli, midyear, "--since", "2023-03-31")
        assert "与上期（2023年3月31日）相比：" in text
        assert "| 招商引资 | 新签约亿元以上项目 | 50 个 | 80 个 | +30 个 | +22.2 个百分点 | 🟢 绿 |" in text

    def test_html_carries_it(self, cli: Cli, midyear: Path) -> None:
        assert cli("report", "--as-of", "2023-06-30", "-f", "html").code == 0
        text = (midyear / "reports" / "2023-annual-2023-06-30.html").read_text(encoding="utf-8")
        assert '<section id="since">\n<div class="keep">\n<h2>三、较上期变化</h2>' in text
        assert "转绿1项（招商引资·新注册项目）" in text

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--since", "2023-06-30"], "--since 2023-06-30: must be before the report's date 2023-06-30"),
            (["--since", "2023-07-31"], "--since 2023-07-31: must be before the report's date 2023-06-30"),
            (["--since", "2022-12-31"], "--since 2022-12-31: outside the plan year 2023"),
            (
                ["--since", "last month"],
                "--since 'last month' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            ),
        ],
    )
    def test_refusals_write_nothing(self, cli: Cli, midyear: Path, args: list[str], message: str) -> None:
        before = snapshot(midyear)
        result = cli("report", "--as-of", "2023-06-30", *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert snapshot(midyear) == before


class TestPartOfTheYear:
    YEAR = Period(label="年度", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))

    @pytest.mark.parametrize(
        ("on", "part"),
        [
            ("2023-06-30", "上半年"),
            ("2023-09-30", "前三季度"),
            ("2023-06-29", None),
            ("2023-03-31", None),
            ("2023-12-31", None),
        ],
    )
    def test_by_the_date_alone(self, on: str, part: str | None) -> None:
        assert part_of_year(self.YEAR, dt.date.fromisoformat(on)) == part

    def test_only_a_year_long_period(self) -> None:
        q1 = Period(label="一季度", start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
        assert part_of_year(q1, dt.date(2023, 3, 31)) is None

    def test_the_half_year_report(self, cli: Cli, midyear: Path) -> None:
        text = report_text(cli, midyear)
        assert text.startswith("# 《大冶市冲刺千亿县市奋进全国五十强2023年八大行动方案》全年目标上半年进展报告\n")
        assert "截至2023年6月30日（上半年末），全年时间已过49.6%（序时进度）。" in text
        # cumulative floors with a figure: 新签约 80/135, 合同投资额 520/1000, 工业项目 38/100, 新注册 58/110,
        # 新开工入库 24/85, and 项目建设's 计划总投资 520/950; its 新签约 and 新注册 are the same measures
        # (same_as) with the same targets, counted once
        shares = [Fraction(a, b) * 100 for a, b in [(80, 135), (520, 1000), (38, 100), (58, 110), (24, 85)]]
        shares += [Fraction(a, b) * 100 for a, b in [(520, 950)]]
        assert (len(shares), sum(share >= 50 for share in shares)) == (6, 4)
        assert (
            "时间过半，累计指标（确保及一般目标）6项中，完成率达到50%、实现“双过半”的4项；"
            "未实现“双过半”的2项：工业项目（38.0%）、新开工入库项目（28.2%）。"
        ) in text

    def test_the_three_quarter_report(self, cli: Cli, midyear: Path) -> None:
        text = report_text(cli, midyear, as_of="2023-09-30")
        assert "全年目标前三季度进展报告" in text.splitlines()[0]
        assert "截至2023年9月30日（前三季度末）" in text and "双过半" not in text
        assert "与上期（2023年6月30日）相比" in text  # the last day with data before September

    def test_a_plan_that_declares_no_half_year_still_gets_it(
        self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from tests.conftest import MINI_META, write_plan

        write_plan(
            tmp_path, MINI_META.replace("annual:", "year:").replace("label: 全年", "label: 年度"), alpha=_year_action()
        )
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
        text = report_text_for(cli, tmp_path, "year")
        assert "《测试方案》年度目标上半年进展报告" in text

    def test_other_dates_keep_the_plain_title(self, bundled: Path, cli: Cli) -> None:
        add_departments(bundled / "plans" / "2023")
        shutil.copytree(FIXTURE, bundled / "plans" / "2023" / "actuals")
        text = report_text(cli, bundled, as_of="2023-03-31")
        assert text.startswith("# 《大冶市冲刺千亿县市奋进全国五十强2023年八大行动方案》全年目标进展报告\n")


def _year_action() -> str:
    from tests.conftest import MINI_ACTION

    return MINI_ACTION.replace("period: annual", "period: year")


def report_text_for(cli: Cli, root: Path, period: str) -> str:
    result = cli("report", "--period", period, "--as-of", "2023-06-30")
    assert (result.code, result.stderr) == (0, ""), result.stderr
    return (root / "reports" / f"2023-{period}-2023-06-30.md").read_text(encoding="utf-8")
