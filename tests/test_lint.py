"""`lint`: each check on a small inline plan that triggers it and one that does not, exact messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tests.conftest import MINI_META, Run, snapshot, write_plan

from daye_plan.ops.lint import lint
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
Lines = Callable[..., list[str]]
TWO_ACTIONS = MINI_META.replace("actions: [alpha]", "actions: [alpha, beta]")


def quoting(*texts: str) -> str:
    """A source document holding every quote of the action files `texts`, one sentence each."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend(value for key, value in node.items() if key == "quote" and isinstance(value, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for text in texts:
        walk(yaml.safe_load(text))
    return "".join(f"{quote}。\n" for quote in found)


def alpha(body: str) -> str:
    """An action file `alpha` (lines 1-4) with `body` from line 5 on."""
    return "id: alpha\nname: 招商引资\ntitle: 招商引资行动\ntheme: 在加快集群强链上下功夫\n" + body


def beta(body: str) -> str:
    return "id: beta\nname: 项目建设\ntitle: 项目建设行动\ntheme: 在扩大有效投资上下功夫\n" + body


@pytest.fixture
def lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lines:
    """Lint an inline plan; each finding as its text line, paths relative to the plan folder."""

    def run(text: str, meta: str = MINI_META, **others: str) -> list[str]:
        folder = write_plan(tmp_path, meta, alpha=text, **others)
        monkeypatch.chdir(folder)
        plan = load_plan(folder)
        return [str(finding) for finding in lint(plan)]

    return run


class TestSubTargets:
    PLAN = alpha("""\
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 135, quote: 新签约项目不少于135个}]
  - id: industrial
    name: 工业项目
    parent: signed
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 100, quote: 工业项目不少于100个}]
  - id: big
    name: 10亿元以上项目
    parent: signed
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 25, quote: 10亿元以上项目不少于25个}]
  - id: share
    name: 工业项目占比
    parent: industrial
    unit: "%"
    kind: level
    targets: [{period: annual, cmp: ">=", value: 75, quote: 占比不低于75%}]
""")

    def test_parts_within_the_whole_pass(self, lines: Lines) -> None:
        assert lines(self.PLAN) == []

    def test_parts_summing_past_the_whole(self, lines: Lines) -> None:
        assert lines(
            self.PLAN.replace("value: 25, quote: 10亿元以上项目不少于25个", "value: 50, quote: 不少于50个")
        ) == [
            "alpha.yaml:10: warning: [sub-targets] 全年: 其中 parts sum past the whole: "
            "工业项目 100 + 10亿元以上项目 50 = 150 个 > 新签约项目 ≥ 135 个"
        ]

    def test_one_part_above_the_whole(self, lines: Lines) -> None:
        plan = self.PLAN.replace("value: 100, quote: 工业项目不少于100个", "value: 140, quote: 工业项目不少于140个")
        plan = plan.replace("name: 10亿元以上项目\n    parent: signed\n", "name: 10亿元以上项目\n")
        assert lines(plan) == [
            "alpha.yaml:10: warning: [sub-targets] 全年: a 其中 part is above the whole: "
            "工业项目 140 > 新签约项目 ≥ 135 个"
        ]

    BUCKETS = alpha("""\
indicators:
  - id: big
    name: 10亿元以上项目
    unit: 个
    kind: cumulative
    partitioned: true
    targets: [{period: annual, cmp: ">=", value: 25, quote: 10亿元以上项目不少于25个}]
  - id: huge
    name: 100亿元以上项目
    parent: big
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 2, quote: 100亿元以上项目不少于2个}]
  - id: large
    name: 50亿-100亿元项目
    parent: big
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 5, quote: 50亿-100亿元项目不少于5个}]
  - id: medium
    name: 10亿-50亿元项目
    parent: big
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 18, quote: 10亿-50亿元项目不少于18个}]
""")

    def test_buckets_that_add_up_pass(self, lines: Lines) -> None:
        assert lines(self.BUCKETS) == []

    def test_buckets_that_do_not_add_up(self, lines: Lines) -> None:
        assert lines(
            self.BUCKETS.replace("value: 18, quote: 10亿-50亿元项目不少于18个", "value: 17, quote: 不少于17个")
        ) == [
            "alpha.yaml:11: warning: [sub-targets] 全年: the buckets that make up 10亿元以上项目 do not add up to it: "
            "100亿元以上项目 2 + 50亿-100亿元项目 5 + 10亿-50亿元项目 17 = 24 个 < 10亿元以上项目 ≥ 25 个"
        ]

    def test_parts_short_of_the_whole_are_fine_unless_partitioned(self, lines: Lines) -> None:
        plan = self.BUCKETS.replace("    partitioned: true\n", "")
        assert lines(plan.replace("value: 18, quote: 10亿-50亿元项目不少于18个", "value: 17, quote: 不少于17个")) == []


class TestShareVsCount:
    PLAN = alpha("""\
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 135, quote: 新签约项目不少于135个}]
  - id: industrial
    name: 工业项目
    parent: signed
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 100, quote: 工业项目不少于100个}]
  - id: share
    name: 工业项目占比
    parent: industrial
    unit: "%"
    kind: level
    formula: industrial / signed * 100
    targets: [{period: annual, cmp: ">=", value: 75, quote: 工业项目不少于100个(占比不低于75%)}]
""")

    def test_share_above_what_the_counts_give(self, lines: Lines) -> None:
        assert lines(self.PLAN) == [
            "alpha.yaml:23: warning: [share-vs-count] 工业项目占比 ≥ 75% but "
            "工业项目 100 / 新签约项目 135 * 100 = 74.1% "
            "(全年 targets)"
        ]

    def test_share_the_counts_give_passes(self, lines: Lines) -> None:
        assert (
            lines(self.PLAN.replace("value: 75, quote: 工业项目不少于100个(占比不低于75%)", "value: 74, quote: 74%"))
            == []
        )

    def test_an_input_without_a_target_in_the_period_is_skipped(self, lines: Lines) -> None:
        assert (
            lines(self.PLAN.replace('{period: annual, cmp: ">=", value: 75', '{period: q1, cmp: ">=", value: 75')) == []
        )


class TestQ1VsAnnual:
    PLAN = alpha("""\
q1_rule: {min_share: 30, quote: 一季度完成各项指标年度总目标的30%以上}
indicators:
  - id: registered
    name: 新注册项目
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 110, quote: 完成新注册项目不少于110个}
      - {period: q1, cmp: ">=", value: 30, quote: 完成新注册项目不少于30个}
""")
    NO_RULE = PLAN.replace("q1_rule: {min_share: 30, quote: 一季度完成各项指标年度总目标的30%以上}\n", "")

    def test_q1_below_the_rule(self, lines: Lines) -> None:
        assert lines(self.PLAN) == [
            "alpha.yaml:13: warning: [checkpoint-vs-year] 新注册项目: 一季度 ≥ 30 个 is 27.3% of 全年 ≥ 110 个, "
            "below the action's 一季度 rule of 30% (“一季度完成各项指标年度总目标的30%以上”)"
        ]

    def test_q1_meeting_the_rule_passes(self, lines: Lines) -> None:
        assert (
            lines(self.PLAN.replace("value: 30, quote: 完成新注册项目不少于30个", "value: 33, quote: 不少于33个")) == []
        )

    def test_q1_above_a_range(self, lines: Lines) -> None:
        plan = self.PLAN.replace(
            "{min_share: 30, quote: 一季度完成各项指标年度总目标的30%以上}",
            "{min_share: 35, max_share: 40, level: 力争, quote: 力争达到35%—40%}",
        )
        assert lines(plan.replace("value: 30, quote: 完成新注册项目不少于30个", "value: 50, quote: 不少于50个")) == [
            "alpha.yaml:13: warning: [checkpoint-vs-year] 新注册项目: 一季度 ≥ 50 个 is 45.5% of 全年 ≥ 110 个, "
            "above the action's 一季度 rule of 35%—40% (“力争达到35%—40%”)"
        ]

    def test_q1_above_annual_is_an_error_even_without_a_rule(self, lines: Lines) -> None:
        assert lines(
            self.NO_RULE.replace("value: 30, quote: 完成新注册项目不少于30个", "value: 120, quote: 不少于120个")
        ) == [
            "alpha.yaml:12: error: [checkpoint-vs-year] 新注册项目: the 一季度 target is above the 全年 one: "
            "一季度 ≥ 120 个 is 109.1% of 全年 ≥ 110 个"
        ]

    def test_without_a_rule_a_low_q1_is_fine(self, lines: Lines) -> None:
        assert lines(self.NO_RULE) == []


class TestSameMeasure:
    ALPHA = alpha("""\
indicators:
  - id: signed
    name: 新签约亿元以上项目
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 135, quote: 新签约亿元以上项目不少于135个}]
  - id: contract
    name: 合同投资额
    unit: 亿元
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 1000, quote: 合同投资额不低于1000亿元}]
""")
    BETA = beta("""\
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    same_as: alpha.signed
    targets: [{period: annual, cmp: ">=", value: 135, quote: 新签约项目135个}]
  - id: planned
    name: 计划总投资额
    unit: 亿元
    kind: cumulative
    same_as: alpha.contract
    targets: [{period: annual, cmp: ">=", value: 950, quote: 计划总投资额950亿元}]
""")

    def test_linked_indicators_with_different_targets(self, lines: Lines) -> None:
        assert lines(self.ALPHA, TWO_ACTIONS, beta=self.BETA) == [
            "beta.yaml:17: warning: [same-measure] 项目建设 计划总投资额 全年 ≥ 950 亿元 but it is the same measure as "
            "招商引资 合同投资额 ≥ 1000 亿元: “计划总投资额950亿元” vs “合同投资额不低于1000亿元”"
        ]

    def test_linked_indicators_with_equal_targets_pass(self, lines: Lines) -> None:
        # 10000000万元 is 1000亿元: linked units convert.
        beta_text = self.BETA.replace("value: 950, quote: 计划总投资额950亿元", "value: 10000000, quote: 10000000万元")
        assert lines(self.ALPHA, TWO_ACTIONS, beta=beta_text.replace("unit: 亿元", "unit: 万元")) == []

    def test_one_name_in_two_actions_not_linked(self, lines: Lines) -> None:
        beta_text = self.BETA.replace("name: 新签约项目\n", "name: 新签约亿元以上项目\n").replace(
            "    same_as: alpha.signed\n", ""
        )
        assert lines(self.ALPHA, TWO_ACTIONS, beta=beta_text)[0] == (
            "beta.yaml:6: warning: [same-measure] 新签约亿元以上项目 is an indicator of 招商引资 and of 项目建设, not "
            "linked; if it is one measure, say `same_as: alpha.signed` so that one record counts for both"
        )


class TestRunningTotal:
    PLAN = alpha("""\
indicators:
  - id: added
    name: 培育国家级创新创业平台
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 1, quote: 培育国家级创新创业平台1个}]
  - id: total
    name: 国家级创新创业平台总数
    unit: 个
    kind: level
    running_total_of: added
    targets: [{period: annual, cmp: ">=", value: 6, quote: 总数达6个}]
""")

    def test_the_implied_base_is_information(self, lines: Lines) -> None:
        assert lines(self.PLAN) == [
            "alpha.yaml:16: info: [running-total] 全年: "
            "国家级创新创业平台总数 ≥ 6 个 with 培育国家级创新创业平台 ≥ 1 个 "
            "implies a base of 5 个 before them"
        ]

    def test_additions_past_the_total(self, lines: Lines) -> None:
        assert lines(self.PLAN.replace("value: 1, quote: 培育国家级创新创业平台1个", "value: 8, quote: 8个")) == [
            "alpha.yaml:16: warning: [running-total] 全年: "
            "国家级创新创业平台总数 ≥ 6 个 with 培育国家级创新创业平台 ≥ 8 个: "
            "the additions alone exceed the total"
        ]

    def test_without_the_link_nothing_is_said(self, lines: Lines) -> None:
        assert lines(self.PLAN.replace("    running_total_of: added\n", "")) == []


class TestLevelOrder:
    PLAN = alpha("""\
indicators:
  - id: growth
    name: 全社会固定资产投资增长
    unit: "%"
    kind: level
    bounds: {min: -100}
    targets:
      - {period: annual, cmp: ">=", value: 20, level: 确保, quote: 确保增长20%以上}
      - {period: annual, cmp: ">=", value: 24, level: 力争, quote: 力争增长24%}
""")
    INVERTED = PLAN.replace(
        "value: 20, level: 确保, quote: 确保增长20%以上", "value: 30, level: 确保, quote: 确保增长30%以上"
    )

    def test_floor_below_stretch_passes(self, lines: Lines) -> None:
        assert lines(self.PLAN) == []

    def test_floor_above_stretch_is_an_error(self, lines: Lines) -> None:
        assert lines(self.INVERTED) == [
            "alpha.yaml:12: error: [level-order] 全社会固定资产投资增长 全年: 确保 ≥ 30% asks for more than 力争 ≥ 24%"
        ]

    def test_upper_bounds_the_other_way_round(self, lines: Lines) -> None:
        plan = self.PLAN.replace('cmp: ">=", value: 20', 'cmp: "<=", value: 50')
        assert lines(plan.replace('cmp: ">=", value: 24', 'cmp: "<=", value: 60')) == [
            "alpha.yaml:12: error: [level-order] 全社会固定资产投资增长 全年: 确保 ≤ 50% asks for more than 力争 ≤ 60%"
        ]


class TestLinkedMismatch:
    PLAN = alpha("""\
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 135, quote: 新签约项目135个}]
  - id: again
    name: 签约项目
    unit: 个
    kind: cumulative
    same_as: signed
    targets: [{period: annual, cmp: ">=", value: 135, quote: 签约项目135个}]
""")

    def test_same_unit_and_kind_pass(self, lines: Lines) -> None:
        assert lines(self.PLAN) == []

    def test_unit_mismatch(self, lines: Lines) -> None:
        assert lines(self.PLAN.replace("name: 签约项目\n    unit: 个", "name: 签约项目\n    unit: 家")) == [
            "alpha.yaml:15: error: [linked-mismatch] 签约项目 is in 家 but same_as 新签约项目, which is in 个"
        ]

    def test_kind_mismatch(self, lines: Lines) -> None:
        assert lines(
            self.PLAN.replace("unit: 个\n    kind: cumulative\n    same_as", "unit: 个\n    kind: level\n    same_as")
        ) == ["alpha.yaml:15: error: [linked-mismatch] 签约项目 is level but same_as 新签约项目, which is cumulative"]

    def test_running_total_of_another_unit(self, lines: Lines) -> None:
        assert lines(TestRunningTotal.PLAN.replace("unit: 个\n    kind: level", "unit: 家\n    kind: level")) == [
            "alpha.yaml:15: error: [linked-mismatch] 国家级创新创业平台总数 is in 家 but running_total_of "
            "培育国家级创新创业平台, which is in 个"
        ]


def accepted(check: str, indicators: str) -> str:
    return f"accepted:\n  - {{check: {check}, indicators: [{indicators}], reason: 原文如此}}\n"


class TestAccepted:
    PLAN = TestQ1VsAnnual.PLAN

    def test_an_entry_accepts_its_finding(self, lines: Lines) -> None:
        assert lines(self.PLAN + accepted("q1-vs-annual", "registered")) == [
            "alpha.yaml:13: accepted warning: [checkpoint-vs-year] 新注册项目: 一季度 ≥ 30 个 is 27.3% of 全年 ≥ 110 个, "
            "below the action's 一季度 rule of 30% (“一季度完成各项指标年度总目标的30%以上”) (reason: 原文如此)"
        ]

    def test_an_entry_for_another_check_does_not(self, lines: Lines) -> None:
        found = lines(self.PLAN + accepted("sub-targets", "registered"))
        assert found[0].startswith("alpha.yaml:13: warning: [checkpoint-vs-year] ")
        assert found[1] == (
            "alpha.yaml:15: warning: [stale-accepted] accepted sub-targets for alpha.registered matches no finding; "
            "remove it"
        )

    def test_an_entry_for_another_indicator_does_not(self, lines: Lines) -> None:
        other = "  - {id: other, name: 其他, unit: 个, kind: cumulative, targets: [{period: annual, quote: 1个}]}\n"
        other = other.replace("period: annual,", "period: annual, cmp: '>=', value: 1,")
        found = lines(self.PLAN.replace("indicators:\n", "indicators:\n" + other) + accepted("q1-vs-annual", "other"))
        assert [line.split(" [")[0] for line in found] == ["alpha.yaml:14: warning:", "alpha.yaml:16: warning:"]
        assert "[stale-accepted] accepted checkpoint-vs-year for alpha.other matches no finding" in found[1]

    def test_an_unknown_check_or_indicator_is_a_validate_error(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, alpha=self.PLAN + accepted("q1-annual", "registered"))
        result = cli("--root", str(tmp_path), "validate")
        assert result.code == 1
        assert [line.split("alpha.yaml:")[-1] for line in result.stderr.splitlines()] == [
            "15:13: accepted.0.check: must be one of 'quote-in-source', 'value-in-quote', 'level-in-clause', "
            "'sub-targets', 'share-vs-count', 'checkpoint-vs-year', 'same-measure', 'running-total', 'level-order', "
            "'linked-mismatch', 'figure-not-quoted' or 'draft-review'",
            "1 problem found",
        ]
        write_plan(tmp_path, alpha=self.PLAN + accepted("q1-vs-annual", "registred"))
        assert cli("--root", str(tmp_path), "validate").stderr.splitlines()[0].split("alpha.yaml:")[-1] == (
            "15:40: accepted 'registred': 'alpha' has no indicator 'registred'"
        )


class TestCommand:
    def test_warnings_exit_0_and_strict_exits_1(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, source=quoting(TestQ1VsAnnual.PLAN), alpha=TestQ1VsAnnual.PLAN)
        before = snapshot(tmp_path)
        relaxed, strict = cli("--root", str(tmp_path), "lint"), cli("--root", str(tmp_path), "lint", "--strict")
        assert (relaxed.code, strict.code) == (0, 1)
        assert relaxed.stdout == strict.stdout
        assert relaxed.stdout.splitlines()[-1] == "lint: 0 errors, 1 warning, 0 info; 0 accepted"
        assert relaxed.stderr == strict.stderr == ""
        assert snapshot(tmp_path) == before

    def test_an_error_exits_1_without_strict(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, source=quoting(TestLevelOrder.INVERTED), alpha=TestLevelOrder.INVERTED)
        result = cli("--root", str(tmp_path), "lint")
        assert result.code == 1
        assert result.stdout.splitlines()[-1] == "lint: 1 error, 0 warnings, 0 info; 0 accepted"

    def test_accepted_findings_pass_strict(self, cli: Cli, tmp_path: Path) -> None:
        plan = TestQ1VsAnnual.PLAN + accepted("q1-vs-annual", "registered")  # the check's earlier name still reads
        write_plan(tmp_path, source=quoting(plan), alpha=plan)
        result = cli("--root", str(tmp_path), "lint", "--strict")
        assert (result.code, result.stdout.splitlines()[-1]) == (0, "lint: 0 errors, 0 warnings, 0 info; 1 accepted")

    def test_json_has_stable_keys(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, source=quoting(TestQ1VsAnnual.PLAN), alpha=TestQ1VsAnnual.PLAN)
        records = json.loads(cli("--root", str(tmp_path), "lint", "--format", "json").stdout)
        assert records == [
            {
                "check": "checkpoint-vs-year",
                "severity": "warning",
                "path": str(tmp_path / "plans" / "2023" / "alpha.yaml"),
                "line": 13,
                "indicators": ["alpha.registered"],
                "message": "新注册项目: 一季度 ≥ 30 个 is 27.3% of 全年 ≥ 110 个, below the action's 一季度 rule of 30% "
                "(“一季度完成各项指标年度总目标的30%以上”)",
                "quotes": [
                    "完成新注册项目不少于30个",
                    "完成新注册项目不少于110个",
                    "一季度完成各项指标年度总目标的30%以上",
                ],
                "accepted": None,
            }
        ]

    def test_an_invalid_plan_is_bad_input(self, cli: Cli, tmp_path: Path) -> None:
        write_plan(tmp_path, alpha=TestQ1VsAnnual.PLAN.replace("kind: cumulative", "kind: flow"))
        result = cli("--root", str(tmp_path), "lint")
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr.startswith("error: ")


class TestBundledPlans:
    """The disagreements of the source document, with their numbers, each accepted with a reason."""

    def test_strict_passes(self, cli: Cli, bundled: Path) -> None:
        result = cli("lint", "--strict")
        assert result.code == 0, result.stdout
        assert result.stdout.splitlines()[-1] == "lint: 0 errors, 0 warnings, 3 info; 8 accepted"

    def test_the_known_disagreements_are_found(self, cli: Cli, bundled: Path) -> None:
        records = json.loads(cli("lint", "--format", "json").stdout)
        found = {(r["check"], r["indicators"][0]): r["message"] for r in records if r["indicators"]}
        assert (
            "工业项目 100 / 新签约亿元以上项目 135 * 100 = 74.1%"
            in found[("share-vs-count", "investment.industrial_projects_share")]
        )
        assert (
            "一季度 ≥ 30 个 is 27.3% of 全年 ≥ 110 个, below the action's 一季度 rule of 30%"
            in found[("checkpoint-vs-year", "investment.registered_projects")]
        )
        assert (
            "全年 ≥ 950 亿元 but it is the same measure as 招商引资 合同投资额 ≥ 1000 亿元"
            in found[("same-measure", "projects.signed_investment")]
        )
        assert "implies a base of 5 个" in found[("running-total", "innovation.national_platforms_total")]
        assert all(r["accepted"] for r in records if r["severity"] != "info")
        assert {r["check"] for r in records} == {
            "share-vs-count",
            "checkpoint-vs-year",
            "same-measure",
            "running-total",
            "linked-mismatch",
            "figure-not-quoted",
        }

    def test_the_buckets_add_up(self, bundled: Path) -> None:
        folder = bundled / "plans" / "2023"
        plan = load_plan(folder)
        assert not [f for f in lint(plan) if f.check == "sub-targets"]
        investment = plan.action("investment")
        big = investment.indicator("projects_over_1bn")
        parts = [i.targets[0].value for i in investment.indicators if i.parent == big.id and i.unit == "个"]
        assert big.partitioned
        assert (parts, big.targets[0].value) == ([2, 5, 18], 25)


class TestRegistry:
    """Each check is one registered pure function of (plan, context), callable on its own."""

    def test_every_check_an_accepted_entry_can_name_is_registered(self) -> None:
        from typing import get_args

        from daye_plan.model.plan import LintCheck
        from daye_plan.ops.lint import REGISTRY

        assert {registered.name for registered in REGISTRY} == set(get_args(LintCheck))

    def test_a_check_alone(self, tmp_path: Path) -> None:
        from daye_plan.ops.lint import Context, Severity
        from daye_plan.ops.lint.targets import checkpoint_vs_year, level_order

        plan = load_plan(write_plan(tmp_path, alpha=TestLevelOrder.INVERTED))
        [finding] = level_order(plan, Context(plan))
        assert (finding.check, finding.severity, finding.line, finding.indicators) == (
            "level-order",
            Severity.ERROR,
            12,
            ("alpha.growth",),
        )
        assert checkpoint_vs_year(plan, Context(plan)) == []

    def test_positions_come_from_the_loaded_plan(self, tmp_path: Path) -> None:
        folder = write_plan(tmp_path, source=quoting(TestQ1VsAnnual.PLAN), alpha=TestQ1VsAnnual.PLAN)
        plan = load_plan(folder)
        (folder / "alpha.yaml").write_text("changed since it was loaded\n", encoding="utf-8")
        [finding] = lint(plan)
        assert (finding.path, finding.line) == (folder / "alpha.yaml", 13)


class TestSourceChecks:
    """Every plan against its source.txt: quotes verbatim, their values and levels, figures no quote covers."""

    PLAN = alpha("""\
indicators:
  - id: exports
    name: 外贸出口增长
    unit: "%"
    kind: level
    bounds: {min: -100}
    targets:
      - {period: annual, cmp: ">=", value: 8, level: 确保, quote: 外贸出口增长8%以上}
      - {period: annual, cmp: ">=", value: 10, level: 力争, quote: 力争增长10%}
""")
    SOURCE = "一、主要目标\n确保外贸出口增长8%以上，力争增长10%；新签约项目20个。\n"

    def run(self, cli: Cli, tmp_path: Path, plan: str = PLAN, source: str | None = SOURCE) -> Run:
        folder = write_plan(tmp_path, source=source or "", alpha=plan)
        if source is None:
            (folder / "source.txt").unlink()
        return cli("--root", str(tmp_path), "lint")

    def findings(self, result: Run) -> list[str]:
        return [line.split("2023/")[-1] for line in result.stdout.splitlines()[:-1]]

    def test_a_faithful_plan_lists_only_the_figures_no_quote_covers(self, cli: Cli, tmp_path: Path) -> None:
        result = self.run(cli, tmp_path)
        assert (result.code, self.findings(result)) == (
            0,
            ["source.txt:2: info: [figure-not-quoted] 20个 is in no target's quote: “…争增长10%；新签约项目20个。”"],
        )

    def test_the_issue_s_case_a_wrong_quote_and_no_source(self, cli: Cli, tmp_path: Path) -> None:
        """`外贸出口增长九十九` for the value 8, source.txt deleted: validate passes, lint does not."""
        plan = self.PLAN.replace("quote: 外贸出口增长8%以上", "quote: 外贸出口增长九十九")
        result = self.run(cli, tmp_path, plan, source=None)
        assert cli("--root", str(tmp_path), "validate").code == 0
        assert result.code == 1
        assert self.findings(result) == [
            "alpha.yaml:12: error: [value-in-quote] 外贸出口增长: the value 8 % is not in its quote “外贸出口增长九十九” "
            "(figures there: 99)",
            "plan.yaml:4: error: [quote-in-source] source.txt: file not found; the quotes cannot be checked against "
            "the source",
        ]
        assert result.stdout.splitlines()[-1] == "lint: 2 errors, 0 warnings, 0 info; 0 accepted"

    def test_a_quote_not_in_the_source(self, cli: Cli, tmp_path: Path) -> None:
        result = self.run(cli, tmp_path, self.PLAN.replace("quote: 力争增长10%", "quote: 力争增长百分之十"))
        assert result.code == 1
        assert self.findings(result)[0] == (
            "alpha.yaml:13: error: [quote-in-source] 外贸出口增长: the quote “力争增长百分之十” is not in source.txt"
        )

    def test_a_quote_with_other_punctuation_says_so(self, cli: Cli, tmp_path: Path) -> None:
        source = self.SOURCE.replace("8%", "８％")
        result = self.run(cli, tmp_path, source=source)
        assert self.findings(result)[0] == (
            "alpha.yaml:12: error: [quote-in-source] 外贸出口增长: the quote “外贸出口增长8%以上” is not in source.txt; "
            "it is there with other punctuation or digits (full-width ，（１ against ASCII ,(1): copy it exactly"
        )

    def test_a_source_that_is_not_utf8(self, cli: Cli, tmp_path: Path) -> None:
        folder = write_plan(tmp_path, alpha=self.PLAN)
        (folder / "source.txt").write_bytes(self.SOURCE.encode("gb18030"))
        result = cli("--root", str(tmp_path), "lint")
        assert self.findings(result) == [
            "plan.yaml:4: error: [quote-in-source] source.txt: not valid UTF-8 text; the quotes cannot be checked "
            "against the source"
        ]

    def test_a_level_outside_its_clause(self, cli: Cli, tmp_path: Path) -> None:
        swapped = self.PLAN.replace("level: 确保", "level: STRIVE").replace("level: 力争", "level: 确保")
        result = self.run(cli, tmp_path, swapped.replace("level: STRIVE", "level: 力争"))
        clauses = [line for line in self.findings(result) if "[level-in-clause]" in line]
        assert clauses == [  # 确保 at the clause's head governs 力争增长10% too, up to the ；
            "alpha.yaml:12: warning: [level-in-clause] 外贸出口增长: the target says 力争, but its clause in source.txt "
            "does not: “确保外贸出口增长8%以上”",
        ]

    def test_a_plain_target_in_a_clause_that_says_a_level(self, cli: Cli, tmp_path: Path) -> None:
        result = self.run(cli, tmp_path, self.PLAN.replace("level: 确保, ", ""))
        assert self.findings(result)[0] == (
            "alpha.yaml:12: warning: [level-in-clause] 外贸出口增长: its clause in source.txt says 确保, but the target "
            "has no `level`: “确保外贸出口增长8%以上”"
        )

    def test_checkpoint_rule_quotes_are_checked_too(self, cli: Cli, tmp_path: Path) -> None:
        plan = self.PLAN.replace("indicators:", "q1_rule: {min_share: 30, quote: 一季度完成三成}\nindicators:")
        assert self.findings(self.run(cli, tmp_path, plan))[0] == (
            "alpha.yaml:5: error: [quote-in-source] 招商引资: the quote “一季度完成三成” is not in source.txt"
        )

    def test_without_the_source_text_the_checks_say_nothing(self, tmp_path: Path) -> None:
        plan = load_plan(write_plan(tmp_path, source="", alpha=self.PLAN))
        assert lint(plan) == []


@pytest.mark.parametrize(
    ("quote", "unit", "value"),
    [
        ("全市完成新签约亿元以上项目不少于135个", "个", 135),
        ("科技实力进入全国四十八强", "名", 48),
        ("新增就业1万人", "人", 10000),
        ("新增就业3.7万人", "人", 37000),
        ("地区生产总值突破1万亿元", "亿元", 10000),
        ("完成投资3.5亿元", "万元", 35000),
        ("力争主要工作任务和重要指标达到35%—40%", "%", 40),
        ("外贸出口增长九十九", "%", 99),
        ("每月至少开展1次", "次", 1),
    ],
)
def test_values_a_reader_sees_in_a_quote(quote: str, unit: str, value: int) -> None:
    from decimal import Decimal

    from daye_plan.ops.lint.source import values_in

    assert Decimal(value) in values_in(quote, unit)
