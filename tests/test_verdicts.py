"""The verdict table: every comparator × direction × standing, with the light and 达标 worked by hand.

The plan paces by whole months (`pace: months`), so that 序时进度 is round: 25% on 03-31, 75% on
09-30. Lights by the default rule: green on or ahead of 序时, yellow behind it, red more than 30
points behind; a rate judged in 百分点 (a growth rate, or a lower-is-better rate) yellow when short,
red more than 3 points short; anything not met once its period is over is red. Each row says its
arithmetic. README's "Progress rules" states the same rules, in the same order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import pytest
from tests.conftest import MINI_META, Run, judged_one, write_plan

from daye_plan.model.catalog import target_rows
from daye_plan.model.plan import Plan
from daye_plan.model.records import Reading
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
MARCH_31, JUNE_30, SEPTEMBER_30, DECEMBER_31 = (dt.date(2023, m, d) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31)))

META = MINI_META.replace("  q1: {label: 一季度, start: 2023-01-01, end: 2023-03-31}\n", "") + "pace: months\n"


def indicator(ident: str, name: str, unit: str, kind: str, cmp: str, value: str, quote: str, extra: str = "") -> str:
    target = (
        f'{{period: annual, cmp: "{cmp}", value: {value}, quote: "{quote}"}}'
        if cmp
        else (f'{{period: annual, quote: "{quote}"}}')
    )
    return (
        f'  - id: {ident}\n    name: {name}\n    unit: "{unit}"\n    kind: {kind}\n{extra}'
        f"    targets:\n      - {target}\n"
    )


GROWTH = "    bounds: {min: -100}\n"
INDICATORS = {
    # cumulative (paced by 序时), higher is better
    "at_least": indicator("at_least", "新签约项目", "个", "cumulative", ">=", "100", "新签约项目不少于100个"),
    "more_than": indicator("more_than", "新增企业", "家", "cumulative", ">", "100", "新增企业超过100家"),
    "about_count": indicator("about_count", "新发展党员", "名", "cumulative", "~", "100", "新发展党员100名左右"),
    "exactly": indicator("exactly", "新建站点", "个", "cumulative", "==", "100", "新建站点100个"),
    # cumulative ceilings: lower is better, a year-to-date total past its ceiling can only grow
    "ceiling": indicator("ceiling", "较大安全事故", "起", "cumulative", "<=", "10", "较大安全事故控制在10起以内"),
    "below": indicator("below", "信访积案", "件", "cumulative", "<", "10", "信访积案少于10件"),
    # rates judged in 百分点: a growth rate (up), lower-is-better rates (down), a decline (down, recorded as the fall)
    "growth": indicator(
        "growth", "规模以上工业增加值增长", "%", "level", ">=", "8", "规上工业增加值增长8%以上", GROWTH
    ),
    "growth_about": indicator("growth_about", "地区生产总值增长", "%", "level", "~", "6", "经济增长6%左右", GROWTH),
    "unemployment": indicator("unemployment", "城镇调查失业率", "%", "level", "~", "5.5", "城镇调查失业率5.5%左右"),
    "prices": indicator("prices", "居民消费价格涨幅", "%", "level", "<=", "3", "居民消费价格涨幅控制在3%以内", GROWTH),
    "prices_below": indicator("prices_below", "物价涨幅", "%", "level", "<", "3", "物价涨幅低于3%", GROWTH),
    "energy": indicator(
        "energy", "单位地区生产总值能耗降低", "%", "level", "~", "2.5", "单位地区生产总值能耗降低2.5%左右"
    ),
    # a rank: lower is better, judged by position
    "rank": indicator("rank", "全省排名", "名", "level", "<=", "10", "进入全省前10名", "    bounds: {min: 1}\n"),
    # a share judged by 完成率, and an exact level
    "share": indicator("share", "覆盖率", "%", "level", ">=", "90", "覆盖率达到90%"),
    "level_exact": indicator("level_exact", "纳税次数", "次", "level", "==", "4", "纳税次数为4次"),
    "task": indicator("task", "政策落实包", "", "milestone", "", "", "形成政策落实包"),
}
ACTION = "id: alpha\nname: 测试\nindicators:\n" + "".join(INDICATORS.values())

# (indicator, figure, date) → (达标, light, direction, 完成率, gap): worked by hand.
TABLE = [
    # ≥ 100 个, cumulative: 序时 75% on 09-30
    ("at_least", "80", SEPTEMBER_30, False, "green", "up", "80", "-20"),  # ahead: 80% ≥ 75%
    ("at_least", "75", SEPTEMBER_30, False, "green", "up", "75", "-25"),  # on 序时
    ("at_least", "60", SEPTEMBER_30, False, "yellow", "up", "60", "-40"),  # 15 points behind
    ("at_least", "40", SEPTEMBER_30, False, "red", "up", "40", "-60"),  # 35 points behind: more than 30
    ("at_least", "90", DECEMBER_31, False, "red", "up", "90", "-10"),  # the year is over, short
    ("at_least", "100", DECEMBER_31, True, "green", "up", "100", "0"),  # met
    # > 100 家: met only above it
    ("more_than", "80", SEPTEMBER_30, False, "green", "up", "80", "-20"),
    # on 序时 yet projected to end at exactly 100, not above it: 难完成, so not green
    ("more_than", "75", SEPTEMBER_30, False, "yellow", "up", "75", "-25"),
    ("more_than", "60", SEPTEMBER_30, False, "yellow", "up", "60", "-40"),
    ("more_than", "100", DECEMBER_31, False, "red", "up", "100", "0"),
    ("more_than", "101", DECEMBER_31, True, "green", "up", "101", "1"),
    # 100名左右: 5% short of it still met, beating it met (one-sided)
    ("about_count", "75", SEPTEMBER_30, False, "green", "up", "75", "-25"),
    ("about_count", "40", SEPTEMBER_30, False, "red", "up", "40", "-60"),
    ("about_count", "96", DECEMBER_31, True, "green", "up", "96", "-4"),  # within 5 of 100
    ("about_count", "94", DECEMBER_31, False, "red", "up", "94", "-6"),
    ("about_count", "120", DECEMBER_31, True, "green", "up", "120", "20"),  # beating it is met
    # == 100 个: exactly
    ("exactly", "75", SEPTEMBER_30, False, "green", "up", "75", "-25"),
    ("exactly", "100", DECEMBER_31, True, "green", "up", "100", "0"),
    ("exactly", "101", DECEMBER_31, False, "red", "up", "101", "1"),
    # ≤ 10 起, a year-to-date ceiling: under it met; past it red at once
    ("ceiling", "5", SEPTEMBER_30, True, "green", "down", "200", "5"),  # 完成率 10 / 5
    ("ceiling", "11", SEPTEMBER_30, False, "red", "down", "90.91", "-1"),  # past the ceiling: can only grow
    ("ceiling", "10", DECEMBER_31, True, "green", "down", "100", "0"),
    ("below", "10", DECEMBER_31, False, "red", "down", "100", "0"),  # < 10: 10 is not below
    # ≥ 8% growth, by points: short yellow, more than 3 points short red
    ("growth", "9", JUNE_30, True, "green", "up", None, "1"),
    ("growth", "8", JUNE_30, True, "green", "up", None, "0"),
    ("growth", "6", JUNE_30, False, "yellow", "up", None, "-2"),
    ("growth", "4", JUNE_30, False, "red", "up", None, "-4"),  # 4 points short
    ("growth", "7.9", DECEMBER_31, False, "red", "up", None, "-0.1"),
    # 增长6%左右: 0.3 points (5% of 6) short still met; beating it met
    ("growth_about", "6.5", DECEMBER_31, True, "green", "up", None, "0.5"),
    ("growth_about", "5.8", JUNE_30, True, "green", "up", None, "-0.2"),
    ("growth_about", "5.5", JUNE_30, False, "yellow", "up", None, "-0.5"),  # 0.2 short of 5.7
    ("growth_about", "2", JUNE_30, False, "red", "up", None, "-4"),  # 3.7 short
    ("growth_about", "5.6", DECEMBER_31, False, "red", "up", None, "-0.4"),
    # 失业率5.5%左右: lower is better; up to 5.775 met
    ("unemployment", "5.1", JUNE_30, True, "green", "down", None, "0.4"),
    ("unemployment", "5.7", JUNE_30, True, "green", "down", None, "-0.2"),
    ("unemployment", "6", JUNE_30, False, "yellow", "down", None, "-0.5"),
    ("unemployment", "9", JUNE_30, False, "red", "down", None, "-3.5"),  # 3.225 short of 5.775
    ("unemployment", "6", DECEMBER_31, False, "red", "down", None, "-0.5"),
    # 涨幅控制在3%以内 (≤) and 低于3% (<)
    ("prices", "0.2", JUNE_30, True, "green", "down", None, "2.8"),
    ("prices", "3", JUNE_30, True, "green", "down", None, "0"),
    ("prices", "3.5", JUNE_30, False, "yellow", "down", None, "-0.5"),
    ("prices", "7", JUNE_30, False, "red", "down", None, "-4"),
    ("prices_below", "3", JUNE_30, False, "yellow", "down", None, "0"),
    ("prices_below", "2.9", DECEMBER_31, True, "green", "down", None, "0.1"),
    # 能耗降低2.5%左右: the fall recorded as a positive number; more fall is better
    ("energy", "3", DECEMBER_31, True, "green", "down", None, "0.5"),
    ("energy", "2.4", JUNE_30, True, "green", "down", None, "-0.1"),  # within 0.125
    ("energy", "2", JUNE_30, False, "yellow", "down", None, "-0.5"),
    ("energy", "-1", JUNE_30, False, "red", "down", None, "-3.5"),  # it rose: 3.375 short
    ("energy", "2", DECEMBER_31, False, "red", "down", None, "-0.5"),
    # 进入全省前10名: by position, no 完成率; behind is negative
    ("rank", "8", DECEMBER_31, True, "green", "down", None, "2"),
    ("rank", "10", JUNE_30, True, "green", "down", None, "0"),
    ("rank", "12", JUNE_30, False, "yellow", "down", None, "-2"),
    ("rank", "12", DECEMBER_31, False, "red", "down", None, "-2"),
    # 覆盖率达到90%: a share, by 完成率
    ("share", "95", JUNE_30, True, "green", "up", "105.56", "5"),
    ("share", "85", JUNE_30, False, "yellow", "up", "94.44", "-5"),
    ("share", "85", DECEMBER_31, False, "red", "up", "94.44", "-5"),
    # 纳税次数为4次, a level: not met yet is yellow, over is red
    ("level_exact", "4", JUNE_30, True, "green", "up", "100", "0"),
    ("level_exact", "5", JUNE_30, False, "yellow", "up", "125", "1"),
    ("level_exact", "5", DECEMBER_31, False, "red", "up", "125", "1"),
    # a task
    ("task", "1", JUNE_30, True, "green", "up", "100", None),
    ("task", "0", JUNE_30, False, "yellow", "up", "0", None),
    ("task", "0", DECEMBER_31, False, "red", "up", "0", None),
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return load_plan(write_plan(tmp_path_factory.mktemp("verdicts"), META, alpha=ACTION))


@pytest.mark.parametrize(("ident", "figure", "on", "met", "light", "direction", "attainment", "gap"), TABLE)
def test_the_verdict_table(
    plan: Plan,
    ident: str,
    figure: str,
    on: dt.date,
    met: bool,
    light: str,
    direction: str,
    attainment: str | None,
    gap: str | None,
) -> None:
    [row] = [r for r in target_rows(plan, plan.actions) if r.indicator.id == ident]
    item = judged_one(plan.meta, row, [Reading(D(figure), on)], on)
    assert (item.met, item.light.value, row.indicator.aim.value) == (met, light, direction)
    assert (None if item.attainment is None else round(item.attainment, 2)) == (
        None if attainment is None else D(attainment)
    )
    assert item.gap == (None if gap is None else D(gap))


def test_no_figure_is_grey_whatever_the_target(plan: Plan) -> None:
    for row in target_rows(plan, plan.actions):
        item = judged_one(plan.meta, row, [], SEPTEMBER_30)
        assert (item.light.value, item.met, item.gap) == ("grey", None, None)


def test_a_row_is_never_green_beside_its_own_outlook(plan: Plan) -> None:
    """On every figure and date, a green light never stands beside 难完成, nor below half at mid-year."""
    [row] = [r for r in target_rows(plan, plan.actions) if r.indicator.id == "at_least"]
    for month in range(1, 13):
        on = dt.date(2023, month, 28)
        for figure in range(0, 101, 5):
            item = judged_one(plan.meta, row, [Reading(D(figure), on)], on)
            if item.light.value == "green" and not item.met:
                assert item.outlook.projected_met is not False
                assert item.schedule_gap is not None and item.schedule_gap >= 0
    midyear = judged_one(plan.meta, row, [Reading(D(49), JUNE_30)], JUNE_30)
    assert (midyear.halfway, midyear.light.value) == (False, "yellow")


# --- the wordings of real 主要预期目标, recorded and judged end to end -----------------------------

REAL = """\
id: goals
name: 主要预期目标
indicators:
  - id: gdp
    name: 地区生产总值增长
    unit: "%"
    kind: level
    bounds: {min: -100}
    targets:
      - {period: annual, cmp: "~", value: 6, quote: 经济增长6%左右}
  - id: industry
    name: 规模以上工业增加值增长
    unit: "%"
    kind: level
    bounds: {min: -100}
    targets:
      - {period: annual, cmp: "~", value: 7, quote: 规模以上工业增加值增长7%左右}
  - id: unemployment
    name: 城镇调查失业率
    unit: "%"
    kind: level
    targets:
      - {period: annual, cmp: "~", value: 5.5, quote: 城镇调查失业率5.5%左右}
  - id: cpi
    name: 居民消费价格涨幅
    unit: "%"
    kind: level
    bounds: {min: -100}
    targets:
      - {period: annual, cmp: "~", value: 2, quote: 居民消费价格涨幅2%左右}
  - id: energy
    name: 单位地区生产总值能耗降低
    unit: "%"
    kind: level
    targets:
      - {period: annual, cmp: "~", value: 2.5, quote: 单位地区生产总值能耗降低2.5%左右}
  - id: rank
    name: 全省排名
    unit: 名
    kind: level
    bounds: {min: 1}
    targets:
      - {period: annual, cmp: "<=", value: 10, quote: 进入全省前10名}
  - id: investment
    name: 全社会固定资产投资增长
    unit: "%"
    kind: level
    bounds: {min: -100}
    targets:
      - {period: annual, cmp: ">=", value: 20, level: 确保, quote: 全社会固定资产投资增长确保20%以上}
  - id: started
    name: 新开工入库项目
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 85, quote: 新开工入库项目不少于85个}
"""
REAL_META = META.replace("actions: [alpha]", "actions: [goals]").replace("pace: months\n", "")

# figure, date, and what the office publishes: 达标, light, direction, 完成率, gap
REAL_CASES = {
    "gdp": ("6.5", "2023-12-31", True, "green", "up", None, 0.5),
    "industry": ("9.5", "2023-06-30", True, "green", "up", None, 2.5),
    "unemployment": ("5.1", "2023-06-30", True, "green", "down", None, 0.4),
    "cpi": ("0.2", "2023-06-30", True, "green", "down", None, 1.8),
    "energy": ("3.0", "2023-06-30", True, "green", "down", None, 0.5),
    "rank": ("8", "2023-06-30", True, "green", "down", None, 2),
    "investment": ("7.9", "2023-06-30", False, "red", "up", None, -12.1),  # 12.1 points short at mid-year
    "started": ("35", "2023-06-30", False, "yellow", "up", 41.18, -50),  # 41.2% against 序时 49.6%
}


@pytest.fixture
def real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    write_plan(tmp_path, REAL_META, goals=REAL)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    for ident, (figure, day, *_) in REAL_CASES.items():
        result = cli("record", "goals", ident, figure, "--as-of", day)
        assert result.code == 0, result.stderr
    return tmp_path


def test_real_wordings_in_status_json(cli: Cli, real: Path) -> None:
    rows = {row["indicator_id"]: row for row in json.loads(cli("status", "--as-of", "2023-12-31", "-f", "json").stdout)}
    midyear = {
        row["indicator_id"]: row for row in json.loads(cli("status", "--as-of", "2023-06-30", "-f", "json").stdout)
    }
    for ident, (_, day, met, light, direction, attainment, gap) in REAL_CASES.items():
        row = (rows if day == "2023-12-31" else midyear)[ident]
        assert (row["met"], row["light"], row["direction"], row["attainment"], row["gap"]) == (
            met,
            light,
            direction,
            attainment,
            gap,
        ), ident
    assert rows["rank"]["attainment"] is None  # 8th of the top 10 is no 125%


def test_a_rank_behind_is_negative(cli: Cli, real: Path) -> None:
    assert cli("record", "goals", "rank", "12", "--as-of", "2023-06-30").code == 0
    [row] = [
        r
        for r in json.loads(cli("status", "--as-of", "2023-06-30", "-f", "json").stdout)
        if r["indicator_id"] == "rank"
    ]
    assert (row["gap"], row["attainment"], row["met"], row["light"]) == (-2, None, False, "yellow")


def test_a_decline_of_the_wrong_sign_is_doubted_not_judged_red(cli: Cli, real: Path) -> None:
    result = cli("record", "goals", "energy", "-3.0", "--as-of", "2023-07-31")
    assert result.code == 2
    assert "[wrong-sign]" in result.stderr
    assert cli("record", "goals", "energy", "-3.0", "--as-of", "2023-07-31", "--confirm").code == 0  # it rose


def test_the_report_agrees(cli: Cli, real: Path) -> None:
    assert cli("report", "--as-of", "2023-06-30").code == 0
    text = (real / "reports" / "2023-annual-2023-06-30.md").read_text(encoding="utf-8")
    lagging = text.split("滞后指标清单")[1].split("\n## ")[0]
    assert "| 1 | 🔴 红 | 主要预期目标 | 全社会固定资产投资增长 |" in lagging
    assert "| 2 | 🟡 黄 | 主要预期目标 | 新开工入库项目 |" in lagging
    assert lagging.count("| 主要预期目标 |") == 2  # every other target is met


def test_one_roll_up_for_status_the_workbook_and_the_report(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mid-year scenario: the year's 汇总 is the same in the terminal, the Excel workbook and the report,
    and a finished 一季度 never joins the year's average."""
    import openpyxl
    from tests.conftest import write_midyear

    write_midyear(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    screen = cli("status", "--as-of", "2023-06-30").stdout
    year = screen.split("汇总 · 全年（确保/一般目标）")[1].split("\n\n")[0].splitlines()
    quarter = screen.split("汇总 · 一季度（确保/一般目标）")[1].split("\n\n")[0].splitlines()
    on_screen = {line.split()[0]: line.split()[1:] for line in year if line and not line.startswith(("行动", "─"))}
    assert on_screen["合计"][-1] != quarter[-1].split()[-1]  # two periods, two averages
    assert cli("status", "--as-of", "2023-06-30", "-f", "xlsx", "-o", str(tmp_path / "s.xlsx")).code == 0
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["汇总"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=13)]
    in_book = {row[0]: row[1:] for row in rows}
    assert cli("report", "--as-of", "2023-06-30").code == 0
    text = (tmp_path / "reports" / "2023-annual-2023-06-30.md").read_text(encoding="utf-8")
    table = text.split("、分行动汇总")[1].split("\n\n")[2].splitlines()[2:]
    in_report = {cells[0].strip("* "): cells[1:] for cells in (line.strip("| ").split(" | ") for line in table)}
    for action, (green, yellow, red, grey, total, average) in on_screen.items():
        targets, r_green, r_yellow, r_red, r_grey, _met, r_average = in_report[action]
        assert (green, yellow, red, grey, total) == (r_green, r_yellow, r_red, r_grey, targets), action
        assert average == r_average, action
        b_green, b_yellow, b_red, b_grey, b_total, b_average = in_book[action]
        assert [int(green), int(yellow), int(red), int(grey), int(total)] == [b_green, b_yellow, b_red, b_grey, b_total]
        assert average == ("—" if b_average in (None, "—") else f"{float(b_average) * 100:.1f}%"), action


def test_the_earlier_date_is_judged_by_the_same_judge(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 一季度 target reported late, on 05-31: on 05-31 it is already judged (逾期), so the June report
    compared with 05-31 finds no first figure and no turn for it."""
    write_plan(tmp_path, MINI_META, alpha=REAL.replace("id: goals\nname: 主要预期目标", "id: alpha\nname: 招商引资"))
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    action = (tmp_path / "plans" / "2023" / "alpha.yaml").read_text(encoding="utf-8")
    quarter = '      - {period: q1, cmp: ">=", value: 20, quote: 新开工入库项目不少于85个}\n'
    (tmp_path / "plans" / "2023" / "alpha.yaml").write_text(action + quarter, encoding="utf-8")
    assert cli("record", "alpha", "started", "30", "--as-of", "2023-05-31").code == 0
    assert cli("record", "alpha", "started", "45", "--as-of", "2023-06-30").code == 0
    assert cli("report", "-p", "q1", "--as-of", "2023-06-30", "--since", "2023-05-31").code == 0
    text = (tmp_path / "reports" / "2023-q1-2023-06-30.md").read_text(encoding="utf-8")
    assert "首次报送" not in text
    assert "| 新开工入库项目 | ≥ 20 个 | 30 个 | 05-31（逾期完成） |" in text  # judged on 30, not on 45
