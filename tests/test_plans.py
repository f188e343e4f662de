"""The bundled 2023 plans against their source document: every number traces to a quote (by `lint`'s checks)."""

from __future__ import annotations

from collections import Counter

import pytest
from tests.conftest import BUNDLED, SOURCE_TEXT

from daye_plan.model.catalog import target_rows
from daye_plan.model.plan import Comparator, Kind, Plan
from daye_plan.ops.lint import SourceText, lint
from daye_plan.storage.plans import load_plan

SOURCE_CHECKS = {"quote-in-source", "value-in-quote", "level-in-clause", "figure-not-quoted"}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(BUNDLED)


def test_bundled_plans_are_valid(plan: Plan) -> None:
    assert [a.name for a in plan.actions] == [
        "招商引资",
        "项目建设",
        "服务企业",
        "科技创新",
        "优化环境",
        "乡村振兴",
        "文明提升",
        "党建引领",
    ]


def test_the_plan_keeps_to_its_source(plan: Plan) -> None:
    """`lint`'s source checks on the bundled plan: every quote verbatim in source.txt, its value in
    it, 确保/力争 in its clause; the one figure no quote covers is the summary's 10条 产业链."""
    findings = lint(plan, SourceText(BUNDLED / "source.txt", SOURCE_TEXT))
    by_check = Counter(f.check for f in findings if f.check in SOURCE_CHECKS)
    assert by_check == {"figure-not-quoted": 1}
    [uncovered] = [f for f in findings if f.check == "figure-not-quoted"]
    assert (uncovered.line, uncovered.message.split(" ")[0]) == (3, "10条")


def test_action_headings_and_themes_come_from_the_source(plan: Plan) -> None:
    for action in plan.actions:
        assert f"{action.title} {action.theme}" in SOURCE_TEXT
        assert action.summary is None or action.summary in SOURCE_TEXT


def test_counts(plan: Plan) -> None:
    rows = target_rows(plan, plan.actions)
    numeric = [r for r in rows if r.target.cmp is not None]
    milestones = [r for r in rows if r.indicator.kind is Kind.MILESTONE]
    assert len(numeric) > 100
    assert len(numeric) + len(milestones) == len(rows)
    per_period = Counter(r.target.period for r in numeric)
    assert per_period["annual"] > per_period["q1"] > 30


@pytest.mark.parametrize(
    ("action", "indicator", "period", "cmp", "value", "unit", "level"),
    [
        ("investment", "新签约亿元以上项目", "annual", ">=", 135, "个", None),
        ("investment", "新签约亿元以上项目", "q1", ">=", 45, "个", None),
        ("investment", "合同投资额", "annual", ">=", 1000, "亿元", None),
        ("environment", "纳税缴费时间", "annual", "<=", 80, "小时", None),
        ("projects", "全社会固定资产投资增长", "annual", ">=", 20, "%", "确保"),
        ("projects", "全社会固定资产投资增长", "annual", ">=", 24, "%", "力争"),
        ("innovation", "科技实力全国排名", "annual", "<=", 48, "名", None),
        ("party", "新发展知识分子党员", "annual", "~", 100, "名", None),
        ("civility", "社区居民参与创建", "annual", ">", 96, "%", None),
    ],
)
def test_targets_read_from_the_source(
    plan: Plan, action: str, indicator: str, period: str, cmp: str, value: int, unit: str, level: str | None
) -> None:
    found = plan.action(action)
    match = [i for i in found.indicators if i.name == indicator]
    assert match, [i.name for i in found.indicators]
    targets = [t for t in match[0].targets if t.period == period and t.level == level]
    assert len(targets) == 1
    assert targets[0].cmp is Comparator(cmp)
    assert targets[0].value == value
    assert match[0].unit == unit


def test_recurring_target_is_paced_monthly(plan: Plan) -> None:
    recurring = [(i, t) for a in plan.actions for i in a.indicators for t in i.targets if t.per == "month"]
    assert len(recurring) == 1
    indicator, target = recurring[0]
    assert indicator.kind is Kind.CUMULATIVE
    assert "每月至少开展1次" in target.quote
    assert target.period_value(plan.meta.periods["annual"]) == 12


def test_q1_rules_are_kept_as_data(plan: Plan) -> None:
    """The older `q1_rule` key reads as the rule for the plan's first checkpoint (一季度)."""
    rules = {a.id: a.rule_for("q1", plan.meta) for a in plan.actions if a.rules()}
    assert rules["investment"].min_share == 30
    assert (rules["enterprise"].min_share, rules["enterprise"].max_share, rules["enterprise"].level) == (35, 40, "力争")


def test_sub_targets_are_linked(plan: Plan) -> None:
    investment = plan.action("investment")
    parents = {i.name: investment.indicator(i.parent).name for i in investment.indicators if i.parent}
    assert parents["工业项目"] == "新签约亿元以上项目"
    assert parents["100亿元以上项目"] == "10亿元以上项目"
