"""Plan problems and lint findings in Chinese, word for word; `lint --format json` the same in both languages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from tests import test_lint as linted
from tests.conftest import MINI_ACTION, MINI_META, Run, write_plan

from daye_plan import i18n
from daye_plan.model.errors import PlanInvalid
from daye_plan.ops.lint import lint
from daye_plan.ops.lint.findings import summary
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]


def problems(tmp_path: Path, action: str, meta: str = MINI_META) -> list[str]:
    """The messages `validate` gives for a plan with `action` as its one action file."""
    folder = write_plan(tmp_path, meta, alpha=action)
    with pytest.raises(PlanInvalid) as caught:
        load_plan(folder)
    return [problem.message for problem in caught.value.problems]


def findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str) -> list[str]:
    folder = write_plan(tmp_path, MINI_META, alpha=action)
    monkeypatch.chdir(folder)
    return [str(finding) for finding in lint(load_plan(folder))]


@pytest.mark.usefixtures("chinese")
class TestPlanProblems:
    """validate's cross-checks of an action file, in Chinese."""

    def test_an_indicator_id_used_twice(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace("  - id: industrial\n", "  - id: signed\n")
        assert "指标编号 'signed' 已被第 1 项使用" in problems(tmp_path, action)

    def test_a_parent_that_is_not_an_indicator(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace("parent: signed", "parent: nowhere")
        assert problems(tmp_path, action) == ["上级指标 'nowhere' 不是行动 'alpha' 的指标"]

    def test_a_period_the_meta_does_not_declare(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace("{period: q1, cmp", "{period: h1, cmp")
        assert problems(tmp_path, action) == ["期间 'h1' 未在 plan.yaml 中声明（可选：annual、q1）"]

    def test_a_second_floor_target_for_one_period(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace(
            '      - {period: q1, cmp: ">=", value: 45, quote: 新签约项目不少于45个}\n',
            '      - {period: annual, cmp: ">=", value: 140, quote: 新签约项目不少于140个}\n',
        )
        assert problems(tmp_path, action) == [
            "期间 'annual' 有第二个普通目标；同一期间的两个目标须分属不同层级（确保/力争）"
        ]

    def test_a_numeric_indicator_without_a_unit(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace("    unit: 小时\n", "")
        assert problems(tmp_path, action) == ["level 类指标 'tax_hours' 须有单位"]

    def test_a_milestone_with_a_formula(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace("    kind: milestone\n", "    kind: milestone\n    formula: signed\n")
        assert problems(tmp_path, action) == ["indicators.3: milestone 类指标不能由 `formula` 计算"]

    def test_a_formula_on_itself(self, tmp_path: Path) -> None:
        action = MINI_ACTION.replace("    kind: level\n", "    kind: level\n    formula: tax_hours * 2\n", 1)
        found = problems(tmp_path, action)
        assert "'tax_hours' 的公式用到了 'tax_hours' 本身" in found

    def test_two_periods_on_the_same_days(self, tmp_path: Path) -> None:
        meta = MINI_META + "  whole: {label: 整年, start: 2023-01-01, end: 2023-12-31}\n"
        assert problems(tmp_path, MINI_ACTION, meta) == [
            "期间 'annual' 与 'whole' 的起止日期相同，每个期间只需声明一次"
        ]


@pytest.mark.usefixtures("chinese")
class TestLintLines:
    """`lint`'s text lines and summary, in Chinese: severity words, messages, the accepted reason."""

    def test_parts_summing_past_the_whole(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        plan = linted.TestSubTargets.PLAN.replace(
            "value: 25, quote: 10亿元以上项目不少于25个", "value: 50, quote: 不少于50个"
        )
        assert findings(tmp_path, monkeypatch, plan) == [
            "alpha.yaml:10: 警告: [sub-targets] 全年: “其中”分项之和超过总数："
            "工业项目 100 + 10亿元以上项目 50 = 150 个 > 新签约项目 ≥ 135 个"
        ]

    def test_checkpoint_below_the_rule(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        assert findings(tmp_path, monkeypatch, linted.TestQ1VsAnnual.PLAN) == [
            "alpha.yaml:13: 警告: [checkpoint-vs-year] 新注册项目: 一季度 ≥ 30 个 占全年 ≥ 110 个 的 27.3%，"
            "低于本行动一季度规定的 30%（“一季度完成各项指标年度总目标的30%以上”）"
        ]

    def test_checkpoint_above_the_year_is_an_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        plan = linted.TestQ1VsAnnual.NO_RULE.replace(
            "value: 30, quote: 完成新注册项目不少于30个", "value: 120, quote: 不少于120个"
        )
        assert findings(tmp_path, monkeypatch, plan) == [
            "alpha.yaml:12: 错误: [checkpoint-vs-year] 新注册项目: 一季度目标高于全年目标："
            "一季度 ≥ 120 个 占全年 ≥ 110 个 的 109.1%"
        ]

    def test_an_accepted_finding_and_the_summary(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        plan = linted.TestSubTargets.PLAN.replace(
            "value: 25, quote: 10亿元以上项目不少于25个", "value: 50, quote: 不少于50个"
        )
        folder = write_plan(tmp_path, MINI_META, alpha=plan)
        monkeypatch.chdir(folder)
        found = lint(load_plan(folder))
        accepted = replace(found[0], accepted="原文如此")
        assert str(accepted).startswith("alpha.yaml:10: 已接受的警告: [sub-targets] 全年: ")
        assert str(accepted).endswith("（理由：原文如此）")
        assert summary(found) == "检查：0 个错误，1 个警告，0 条提示；已接受 0 项"
        assert summary([accepted]) == "检查：0 个错误，0 个警告，0 条提示；已接受 1 项"


def test_lint_json_is_the_same_in_both_languages(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check names, severities, keys and messages of `lint --format json` never change with the language."""
    plan = linted.TestSubTargets.PLAN.replace(
        "value: 25, quote: 10亿元以上项目不少于25个", "value: 50, quote: 不少于50个"
    )
    write_plan(tmp_path, MINI_META, alpha=plan)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    english = cli("lint", "--format", "json")
    i18n.use(i18n.CHINESE)
    try:
        chinese = cli("lint", "--format", "json")
        text = cli("lint")
    finally:
        i18n.use(i18n.ENGLISH)
    assert english.stdout == chinese.stdout
    assert "sub-targets" in english.stdout and "其中 parts sum past the whole" in english.stdout
    assert "警告: [sub-targets]" in text.stdout
