"""Rate targets in points: a growth rate has no 完成率, its distance is in 百分点, its light by points."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import pytest
from tests.conftest import MINI_META, Run, judged_one, snapshot, write_plan

from daye_plan.model.catalog import target_rows
from daye_plan.model.plan import Comparator, Judge
from daye_plan.model.records import Reading
from daye_plan.ops.progress import Criterion, Light, attainment
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
MARCH_31 = dt.date(2023, 3, 31)


def export_plan(judge: str = "", target_judge: str = "") -> str:
    """外贸出口增长 ≥ 8% (a growth rate: bounds min -100), and a share 覆盖率 ≥ 90% (a rate, not a growth)."""
    return f"""\
id: alpha
name: 外贸
indicators:
  - id: export_growth
    name: 外贸出口增长
    unit: "%"
    kind: level
    bounds: {{min: -100}}
{judge}    targets:
      - {{period: annual, cmp: ">=", value: 8, quote: 外贸出口增长8%以上{target_judge}}}
  - id: coverage
    name: 覆盖率
    unit: "%"
    kind: level
    targets:
      - {{period: annual, cmp: ">=", value: 90, quote: 覆盖率达到90%}}
"""


def judged(tmp_path: Path, actual: str, text: str | None = None, meta: str = MINI_META, on: dt.date = MARCH_31):
    plan = load_plan(write_plan(tmp_path, meta, alpha=text or export_plan()))
    row = target_rows(plan, plan.actions)[0]
    return judged_one(plan.meta, row, [Reading(D(actual), MARCH_31)], on)


class TestGrowthRates:
    def test_a_fall_against_a_growth_target_has_no_attainment_and_a_gap_in_points(self, tmp_path: Path) -> None:
        item = judged(tmp_path, "-2")  # 外贸出口 -2% against ≥ 8%: the ratio would say -25%
        assert (item.attainment, item.gap, item.met, item.light, item.judge) == (
            None,
            D(-10),
            False,
            Light.RED,  # more than 3 points short: red by the plan's default for growth rates
            Judge.POINTS,
        )

    @pytest.mark.parametrize(("actual", "light"), [("5", Light.YELLOW), ("4.9", Light.RED), ("7.99", Light.YELLOW)])
    def test_by_default_short_is_yellow_and_more_than_3_points_short_red(
        self, tmp_path: Path, actual: str, light: Light
    ) -> None:
        assert judged(tmp_path, actual).light is light

    def test_once_the_period_is_over_a_miss_is_red(self, tmp_path: Path) -> None:
        assert judged(tmp_path, "7.9", on=dt.date(2023, 12, 31)).light is Light.RED

    def test_met_is_green(self, tmp_path: Path) -> None:
        item = judged(tmp_path, "8.5")
        assert (item.attainment, item.gap, item.light) == (None, D("0.5"), Light.GREEN)

    @pytest.mark.parametrize(
        ("actual", "light"),
        [("7.6", Light.GREEN), ("7.5", Light.GREEN), ("7", Light.YELLOW), ("6", Light.YELLOW), ("5.9", Light.RED)],
    )
    def test_thresholds_in_points_on_the_indicator(self, tmp_path: Path, actual: str, light: Light) -> None:
        text = export_plan(judge="    judge: {by: points, yellow: 0.5, red: 2}\n")
        assert judged(tmp_path, actual, text).light is light  # 8 − 7.6 = 0.4 ≤ 0.5; 8 − 5.9 = 2.1 > 2

    def test_a_target_may_judge_itself_by_ratio(self, tmp_path: Path) -> None:
        item = judged(tmp_path, "-2", export_plan(target_judge=", judge: ratio"))
        assert (item.attainment, item.judge) == (D(0), Judge.RATIO)  # never below zero

    def test_the_plan_may_judge_growth_rates_by_ratio(self, tmp_path: Path) -> None:
        item = judged(tmp_path, "10", meta=MINI_META + "growth_rates: ratio\n")
        assert (item.attainment, item.judge) == (D(125), Judge.RATIO)

    def test_a_share_is_judged_by_ratio(self, tmp_path: Path) -> None:
        plan = load_plan(write_plan(tmp_path, alpha=export_plan()))
        share = target_rows(plan, plan.actions)[1]
        item = judged_one(plan.meta, share, [Reading(D(81), MARCH_31)], MARCH_31)
        assert (item.attainment, item.judge) == (D(90), Judge.RATIO)  # 81 ÷ 90


class TestArithmetic:
    def test_attainment_is_never_negative(self) -> None:
        assert attainment(D(8), D(-2)) == 0
        assert attainment(D(80), D(-1), rises=False) is None

    @pytest.mark.parametrize(
        ("cmp", "target", "actual", "short"),
        [
            (">=", "8", "-2", "10"),
            (">=", "8", "9", "0"),
            ("<=", "3", "3.5", "0.5"),
            ("==", "5", "4", "1"),
            ("~", "100", "107", "0"),  # beating an about-target is no shortfall
            ("~", "100", "93", "2"),  # 5% of 100 allowed below it
        ],
    )
    def test_points_short(self, cmp: str, target: str, actual: str, short: str) -> None:
        assert Criterion(Comparator(cmp), D(target)).short(D(actual)) == D(short)

    def test_points_short_of_a_band_and_of_a_lower_is_better_about(self) -> None:
        assert Criterion(Comparator.ABOUT, D(100), two_sided=True).short(D(107)) == 2
        assert Criterion(Comparator.ABOUT, D("5.5"), rises=False).short(D("6.0")) == D("0.225")  # 5.5 + 0.275 allowed


class TestCommand:
    def test_status_json_and_table(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, alpha=export_plan())
        assert cli("--root", str(tmp_path), "record", "外贸", "外贸出口增长", "-2", "--as-of", "2023-03-31").code == 0
        found = json.loads(cli("--root", str(tmp_path), "status", "--as-of", "2023-03-31", "-f", "json").stdout)[0]
        assert (found["attainment"], found["gap"], found["unit"], found["light"]) == (None, -10, "%", "red")
        table = cli("--root", str(tmp_path), "status", "--as-of", "2023-03-31", "-f", "md").stdout
        assert "| 外贸 | 外贸出口增长 | 全年 | ≥ 8% | -2% | 2023-03-31 | -10.0 个百分点 | — | -10.0 个百分点 |" in table

    @pytest.mark.parametrize(
        ("where", "message"),
        [
            (
                "    judge: points\n",
                "alpha.yaml:4:5: indicators.0: `judge: points` is for rates (unit %): their distance "
                "from the target is in 百分点",
            ),
            (
                "    judge: {by: ratio, red: 2}\n",
                "alpha.yaml:9:12: indicators.0.judge: yellow and red (points) are for `by: points`; ratio targets "
                "follow the plan's lights",
            ),
        ],
    )
    def test_refused(self, cli: Cli, tmp_path: Path, where: str, message: str) -> None:
        text = export_plan(judge=where)
        if "points\n" in where:
            text = text.replace('unit: "%"', "unit: 亿元", 1).replace("bounds: {min: -100}", "bounds: {min: 0}")
        write_plan(tmp_path, alpha=text)
        before = snapshot(tmp_path)
        result = cli("--root", str(tmp_path), "validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0].split("2023/")[-1] == message
        assert snapshot(tmp_path) == before
