"""The bundled 2023 plans against their source document: every number traces to a quote."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from tests.conftest import BUNDLED, SOURCE_TEXT

from daye_plan.model.catalog import target_rows
from daye_plan.model.plan import Comparator, Kind, Plan
from daye_plan.storage.plans import load_plan

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(text: str) -> int:
    total = current = 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def numbers_in(text: str) -> set[Decimal]:
    """Every figure a reader sees in `text`: 135, 3.3, 1万 as 10000, 四十八 as 48."""
    found = {Decimal(chinese_numeral(m)) for m in re.findall(r"[零一二两三四五六七八九十百]+", text)}
    for digits, wan in re.findall(r"(\d+(?:\.\d+)?)(万?)", text):
        found.add(Decimal(digits))
        if wan:
            found.add(Decimal(digits) * 10000)
    return found


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


def test_every_quote_is_verbatim_in_the_source(plan: Plan) -> None:
    missing = [
        (a.id, i.id, t.quote)
        for a in plan.actions
        for i in a.indicators
        for t in i.targets
        if t.quote not in SOURCE_TEXT
    ]
    assert missing == []


def test_every_value_appears_in_its_quote(plan: Plan) -> None:
    wrong = [
        (a.id, i.id, t.value, t.quote)
        for a in plan.actions
        for i in a.indicators
        for t in i.targets
        if t.value is not None and t.value not in numbers_in(t.quote)
    ]
    assert wrong == []


def test_level_words_match_the_quote_or_its_clause(plan: Plan) -> None:
    """A 确保/力争 target's clause in the source carries that word before the quote."""
    for action in plan.actions:
        for indicator in action.indicators:
            for target in indicator.targets:
                if target.level is None:
                    continue
                start = SOURCE_TEXT.index(target.quote)
                clause_start = max(SOURCE_TEXT.rfind(mark, 0, start + 1) for mark in "。;；\n")
                clause = SOURCE_TEXT[clause_start : start + len(target.quote)]
                assert target.level in clause, (indicator.id, target.quote)


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
    rules = {a.id: a.q1_rule for a in plan.actions if a.q1_rule is not None}
    assert rules["investment"].min_share == 30
    assert (rules["enterprise"].min_share, rules["enterprise"].max_share, rules["enterprise"].level) == (35, 40, "力争")


def test_sub_targets_are_linked(plan: Plan) -> None:
    investment = plan.action("investment")
    parents = {i.name: investment.indicator(i.parent).name for i in investment.indicators if i.parent}
    assert parents["工业项目"] == "新签约亿元以上项目"
    assert parents["100亿元以上项目"] == "10亿元以上项目"
