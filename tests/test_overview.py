"""Several regions in one project, and the prefecture's overview across them.

Two counties start their 2025 plans with `init --region --draft` from texts worded apart (规上 and
规模以上, 增长 and 增速, GDP and 地区生产总值, 全社会 or not), record with `--region`, and `overview`
lines them up on the common measures with their own targets, figures, lights and 位次.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import BUNDLED, Run, invoke, snapshot

JIA = (
    "《甲县2025年国民经济和社会发展计划》\n"
    "2025年全县经济社会发展主要预期目标是：地区生产总值增长6.5%左右；规上工业增加值增长8%以上；"
    "固定资产投资增长10%；一般公共预算收入增长5%；城镇调查失业率控制在5.5%以内；新建农村公路50公里。\n"
)
YI = (
    "《乙县2025年政府工作报告》\n"
    "今年主要预期目标：全县GDP增速7%；规模以上工业增加值增速9%；全社会固定资产投资增长12%以上；"
    "社零增长7%；城镇登记失业率4%以内。\n"
)
FIGURES = {  # region → code → the figure at 2025-06-30
    "甲县": {"gdp_growth": "6.8", "industry_growth": "7.5", "fai_growth": "10"},
    "乙县": {"gdp_growth": "7.2", "industry_growth": "9.1", "fai_growth": "8"},
}


def run(root: Path, *args: str) -> Run:
    return invoke("--root", str(root), *args)


def ids_by_code(root: Path, region: str) -> dict[str, tuple[str, str]]:
    """The (action, indicator) of each coded indicator of a region's plan, from `targets --format json`."""
    result = run(root, "targets", "--region", region, "--format", "json")
    assert result.code == 0, result.stderr
    return {r["code"]: (r["action_id"], r["indicator_id"]) for r in json.loads(result.stdout) if r["code"]}


@pytest.fixture
def counties(tmp_path: Path) -> Path:
    """Two counties' 2025 plans drafted into one project, with their mid-year figures recorded."""
    (tmp_path / "plans").mkdir()
    for region, text in (("甲县", JIA), ("乙县", YI)):
        source = tmp_path / f"{region}.txt"
        source.write_text(text, encoding="utf-8")
        result = run(tmp_path, "init", "--year", "2025", "--region", region, "--source", str(source), "--draft")
        assert result.code == 0, result.stderr
    for region, figures in FIGURES.items():
        found = ids_by_code(tmp_path, region)
        for code, value in figures.items():
            action, indicator = found[code]
            result = run(tmp_path, "record", "--region", region, action, indicator, value, "--as-of", "2025-06-30")
            assert result.code == 0, result.stderr
    return tmp_path


def overview(root: Path, *args: str) -> list[dict[str, object]]:
    result = run(root, "overview", "--as-of", "2025-06-30", "--format", "json", *args)
    assert (result.code, result.stderr) == (0, "")
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


class TestRegions:
    def test_a_second_region_of_a_year_is_a_folder_of_its_own_beside_the_first(self, counties: Path) -> None:
        assert (counties / "plans" / "2025" / "plan.yaml").is_file()
        assert (counties / "plans" / "2025" / "乙县" / "plan.yaml").is_file()
        assert (counties / "plans" / "2025" / "乙县" / "actuals" / "action1.csv").is_file()
        assert not (counties / "plans" / "2025" / "actuals" / "action1.csv").read_text(encoding="utf-8").count("9.1")

    def test_a_command_of_one_plan_names_the_regions_when_none_is_chosen(self, counties: Path) -> None:
        before = snapshot(counties)
        result = run(counties, "status")
        assert result.code == 2
        assert result.stderr == "error: --region 2025 holds the plans of several regions (甲县, 乙县); choose one\n"
        unknown = run(counties, "status", "--region", "丙县")
        assert unknown.stderr == "error: --region '丙县': no such region in 2025; it holds 甲县, 乙县\n"
        assert snapshot(counties) == before

    def test_the_region_comes_before_or_after_the_command_or_from_the_environment(self, counties: Path) -> None:
        after = run(counties, "status", "--region", "乙县", "--as-of", "2025-06-30", "--format", "json").stdout
        before = run(counties, "--region", "乙县", "status", "--as-of", "2025-06-30", "--format", "json").stdout
        env = invoke(
            "--root",
            str(counties),
            "status",
            "--as-of",
            "2025-06-30",
            "--format",
            "json",
            env={"DAYE_PLAN_REGION": "乙县"},
        ).stdout
        assert after == before == env
        assert {row["indicator"] for row in json.loads(after)} >= {"GDP增速", "规模以上工业增加值增速"}

    def test_the_bundled_plan_reads_the_same_with_a_second_region_beside_it(self, tmp_path: Path) -> None:
        alone, both = tmp_path / "alone", tmp_path / "both"
        for root in (alone, both):
            shutil.copytree(BUNDLED, root / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
        (tmp_path / "乙.txt").write_text(YI.replace("2025", "2023"), encoding="utf-8")
        drafted = run(
            both, "init", "--year", "2023", "--region", "乙县", "--source", str(tmp_path / "乙.txt"), "--draft"
        )
        assert drafted.code == 0, drafted.stderr
        args = ("status", "--as-of", "2023-03-31", "--format", "json")
        assert run(both, *args, "--region", "大冶市").stdout == run(alone, *args).stdout

    def test_lint_compares_a_region_s_indicators_with_its_own_only(self, counties: Path) -> None:
        for region in ("甲县", "乙县"):
            result = run(counties, "lint", "--region", region, "--format", "json")
            other = "乙县" if region == "甲县" else "甲县"
            assert other not in result.stdout
            assert "same-measure" not in result.stdout


class TestOverview:
    def test_differently_worded_measures_line_up_with_figures_lights_and_ranks(self, counties: Path) -> None:
        rows = [row for row in overview(counties) if row["code"] in ("gdp_growth", "industry_growth", "fai_growth")]
        found = {(row["code"], row["region"]): (row["actual"], row["light"], row["rank"]) for row in rows}
        assert found == {
            # 6.8 against ≈ 6.5 stands 0.3 points ahead; 7.2 against ≥ 7, 0.2
            ("gdp_growth", "甲县"): (6.8, "green", 1),
            ("gdp_growth", "乙县"): (7.2, "green", 2),
            # 9.1 against 9 is ahead; 7.5 against 8 is behind
            ("industry_growth", "乙县"): (9.1, "green", 1),
            ("industry_growth", "甲县"): (7.5, "yellow", 2),
            ("fai_growth", "甲县"): (10, "green", 1),
            ("fai_growth", "乙县"): (8, "red", 2),
        }
        assert [row["region"] for row in rows if row["code"] == "fai_growth"] == ["甲县", "乙县"]  # best first
        wording = {(row["region"], row["code"]): row["indicator"] for row in rows}
        assert wording[("乙县", "gdp_growth")] == "GDP增速" and wording[("甲县", "gdp_growth")] == "地区生产总值增长"

    def test_the_records_carry_the_published_keys(self, counties: Path) -> None:
        rows = overview(counties)
        published = "code indicator region target comparator actual as_of met light rank"  # published, in this order
        assert list(rows[0])[:10] == published.split()
        first = next(row for row in rows if row["code"] == "gdp_growth" and row["region"] == "甲县")
        assert (first["target"], first["comparator"], first["as_of"], first["met"]) == (6.5, "~", "2025-06-30", True)

    def test_indicators_without_a_code_and_measures_of_one_region_are_listed_apart_not_guessed(
        self, counties: Path
    ) -> None:
        rows = overview(counties)
        apart = {(row["region"], row["indicator"]): (row["code"], row["rank"]) for row in rows if row["rank"] is None}
        assert apart[("甲县", "新建农村公路")] == (None, None)
        assert apart[("甲县", "城镇调查失业率")] == ("unemployment", None)  # 乙县 counts registered unemployment
        assert apart[("乙县", "城镇登记失业率")] == ("registered_unemployment", None)
        screen = run(counties, "overview", "--as-of", "2025-06-30").stdout
        assert (
            "甲县：1项指标无共同指标代码，未对比；其他地区没有的共同指标：一般公共预算收入增长、城镇调查失业率"
            in screen
        )

    def test_a_plan_may_name_its_measure_where_the_wording_is_its_own(self, counties: Path) -> None:
        yi = counties / "plans" / "2025" / "乙县" / "action1.yaml"  # drafted with `code: retail_growth`
        yi.write_text(yi.read_text(encoding="utf-8").replace("name: 社零增长\n", "name: 消费品市场增长\n"))
        jia = counties / "plans" / "2025" / "action1.yaml"
        drafted = 'name: 一般公共预算收入增长\n    unit: "%"\n    kind: level\n    code: budget_revenue_growth\n'
        text = jia.read_text(encoding="utf-8")
        assert drafted in text
        jia.write_text(text.replace(drafted, 'name: 地方财力增长\n    unit: "%"\n    kind: level\n'), encoding="utf-8")
        rows = overview(counties)
        assert {row["indicator"] for row in rows if row["code"] == "retail_growth"} == {"消费品市场增长"}
        assert ("地方财力增长", None) in {(row["indicator"], row["code"]) for row in rows}  # never guessed

    def test_a_region_without_a_figure_is_listed_but_not_ranked(self, counties: Path) -> None:
        rows = [row for row in overview(counties) if row["code"] == "gdp_growth"]
        assert len(rows) == 2
        store = counties / "plans" / "2025" / "乙县" / "actuals" / "action1.csv"
        store.write_text(store.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
        rows = [row for row in overview(counties) if row["code"] == "gdp_growth"]
        assert [(row["region"], row["rank"], row["light"]) for row in rows] == [
            ("甲县", 1, "green"),
            ("乙县", None, "grey"),
        ]

    def test_one_region_is_no_overview(self, bundled: Path) -> None:
        result = run(bundled, "overview")
        assert result.code == 2
        assert result.stderr == (
            "error: --year 2023 holds one region's plan (大冶市); an overview compares two or more: "
            "add one with `daye-plan init --year 2023 --region <name>`\n"
        )

    def test_the_workbook_holds_the_comparison_and_what_was_kept_apart(self, counties: Path) -> None:
        from openpyxl import load_workbook

        result = run(counties, "overview", "--as-of", "2025-06-30", "--out", str(counties / "对比.xlsx"))
        assert result.code == 0, result.stderr
        book = load_workbook(counties / "对比.xlsx")
        assert book.sheetnames == ["对比", "未对比"]
        values = [[cell.value for cell in row] for row in book["对比"].iter_rows()]
        header = next(row for row in values if row and row[0] == "共同指标")
        assert header[1:6] == ["甲县 目标", "甲县 实际", "甲县 截至", "甲县 灯", "甲县 位次"]
        gdp = next(row for row in values if row and row[0] == "地区生产总值增长")
        assert gdp[2] == pytest.approx(0.068) and gdp[5] == 1  # numbers, not text: a spreadsheet sorts them
        assert isinstance(gdp[3], dt.datetime)

    def test_markdown_gives_a_column_group_per_region(self, counties: Path) -> None:
        text = run(counties, "overview", "--as-of", "2025-06-30", "--format", "md").stdout
        assert "| 共同指标 | 甲县 目标 | 甲县 实际 | 甲县 截至 | 甲县 灯 | 甲县 位次 | 乙县 目标 |" in text
        assert (
            "| 固定资产投资增长 | ≥ 10% | 10% | 2025-06-30 | 🟢 绿 | 1 | ≥ 12% | 8% | 2025-06-30 | 🔴 红 | 2 |" in text
        )
        assert "**未对比**" in text


class TestRanking:
    """`ops.overview`'s 位次 on judged targets: standings against each region's own target."""

    def test_equal_standings_share_a_place_and_the_next_place_is_skipped(self, tmp_path: Path) -> None:
        ranks = _ranks(tmp_path, [("甲", "%", "8", "7"), ("乙", "%", "9", "8"), ("丙", "%", "6", "7")])
        assert ranks == [("甲", 1), ("乙", 1), ("丙", 3)]  # +1, +1 and −1 points

    def test_targets_judged_by_different_rules_are_not_ranked_against_each_other(self, tmp_path: Path) -> None:
        # a rate judged by its points, and the same measure tagged on an amount judged by 完成率
        ranks = _ranks(tmp_path, [("甲", "%", "8", "7"), ("乙", "亿元", "120", "100")])
        assert ranks == [("甲", None), ("乙", None)]


def _ranks(tmp_path: Path, figures: list[tuple[str, str, str, str]]) -> list[tuple[str, int | None]]:
    """(region, rank) on one measure across regions, each (region, unit, actual, target) judged by its own plan."""
    from tests.conftest import MINI_META, judged_one, write_plan

    from daye_plan.model.catalog import target_rows
    from daye_plan.model.records import Reading
    from daye_plan.ops import overview
    from daye_plan.storage.plans import load_plan

    day = dt.date(2023, 6, 30)
    regions = []
    for name, unit, actual, target in figures:
        action = (
            "id: alpha\nname: 主要目标\ntitle: 主要目标\nindicators:\n"
            f'  - {{id: gdp, name: 经济指标, unit: "{unit}", kind: level, code: gdp_growth, bounds: {{min: -100}},\n'
            f'     targets: [{{period: annual, cmp: ">=", value: {target}, quote: "经济指标{target}"}}]}}\n'
        )
        plan = load_plan(write_plan(tmp_path / name, MINI_META, source="经济指标" + target, alpha=action))
        [row] = [row for row in target_rows(plan, plan.actions) if row.target.period == "annual"]
        item = judged_one(plan.meta, row, [Reading(Decimal(actual), day)], day)
        regions.append(overview.Region(name, plan.meta.year_period, [item]))
    found = overview.overview(regions, day)
    return [(standing.region, standing.rank) for line in found.lines for standing in line.standings]


def test_measures_lists_the_catalogue() -> None:
    result = invoke("measures", "--format", "json")
    rows = json.loads(result.stdout)
    gdp = next(row for row in rows if row["code"] == "gdp_growth")
    assert (gdp["name"], gdp["unit"], gdp["direction"]) == ("地区生产总值增长", "%", "up")
    assert "规模以上工业增加值增长" in {row["name"] for row in rows}
    assert io.StringIO(invoke("measures").stdout).read().count("gdp_growth") == 1
