"""The catalogue of common indicators: one measure under the names counties give it, never a guess."""

from __future__ import annotations

import pytest

from daye_plan.model import measures
from daye_plan.model.direction import Direction


@pytest.mark.parametrize(
    ("name", "unit", "code"),
    [
        ("规模以上工业增加值增长", "%", "industry_growth"),
        ("规上工业增加值增速", "%", "industry_growth"),  # 规上 = 规模以上, 增速 = 增长
        ("地区生产总值增长", "%", "gdp_growth"),
        ("经济增长", "%", "gdp_growth"),
        ("GDP增长", "%", "gdp_growth"),
        ("社零增长", "%", "retail_growth"),
        ("社会消费品零售总额增长", "%", "retail_growth"),
        ("全社会固定资产投资增长", "%", "fai_growth"),
        ("固投增速", "%", "fai_growth"),
        ("地方一般公共预算收入增长", "%", "budget_revenue_growth"),
        ("一般公共预算收入", "万元", "budget_revenue"),  # an amount: 万元 converts to the measure's 亿元
        ("全社会固定资产投资", "亿元", "fai"),
        ("城镇调查失业率", "%", "unemployment"),
        ("单位GDP能耗降低", "%", "energy_intensity"),
        ("新签约亿元以上项目", "个", "signed_projects"),
        ("净增“四上”企业", "家", "four_above"),
    ],
)
def test_a_measure_under_its_names(name: str, unit: str, code: str) -> None:
    found = measures.find(name, unit)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("固定资产投资", "%"),  # the amount's name in a rate's unit: not the growth
        ("固定资产投资增长", "亿元"),
        ("新签约项目", "个"),  # not in the catalogue: never guessed
        ("工业", "%"),
        ("", "%"),
    ],
)
def test_no_guess(name: str, unit: str) -> None:
    assert measures.find(name, unit) is None


def test_codes_are_unique_and_every_name_finds_its_own_measure() -> None:
    assert len(measures.BY_CODE) == len(measures.CATALOGUE)
    for measure in measures.CATALOGUE:
        for name in (measure.name, *measure.aliases):
            assert measures.find(name, measure.unit) is measure, name


def test_lower_is_better_measures() -> None:
    down = {m.code for m in measures.CATALOGUE if m.direction is Direction.DOWN}
    assert down == {"cpi", "unemployment", "registered_unemployment", "energy_intensity"}
