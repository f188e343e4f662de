"""The catalogue of common indicators: the measures every county reports, under every name they go by.

Owns the codes of the usual 主要预期目标 and 八大行动 measures (地区生产总值增长, 规上工业增加值增长,
固定资产投资增长, 社零增长, 一般公共预算收入增长, 新签约亿元以上项目 …), the names and abbreviations
each is written with (规上 = 规模以上, 社零 = 社会消费品零售总额, 一般公共预算收入 = 地方一般公共预算收入),
its unit, kind and direction, and finding the measure an indicator is — by its own `code:`, else by
its name written out in full, and only where the units agree (a growth in % is not the amount in
亿元). A name the catalogue does not know stays without a code: it is never guessed. A prefecture
compares its counties on these codes (`daye-plan overview`). Pure data; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from daye_plan.model import direction as directions
from daye_plan.model import units
from daye_plan.model.direction import Direction

# Abbreviations and variants written out, so that two wordings of one measure read the same. Each
# applies where it stands as a word of the name; the longer first.
_SPELLED = (
    ("（GDP）", ""),  # 地区生产总值（GDP）: the name and its abbreviation
    ("(GDP)", ""),
    ("规上", "规模以上"),
    ("社零", "社会消费品零售总额"),
    ("社消零", "社会消费品零售总额"),
    ("固投", "固定资产投资"),
    ("GDP", "地区生产总值"),
    ("国内生产总值", "地区生产总值"),
    ("增速", "增长"),
    ("增幅", "增长"),
    ("增长率", "增长"),
    ("同比增长", "增长"),
    ("年度增长", "增长"),
    # the budget revenue's name before the 2014 budget law: 公共财政预算收入
    ("一般公共财政预算收入", "一般公共预算收入"),
    ("公共财政预算收入", "一般公共预算收入"),
    ("“", ""),
    ("”", ""),
    ('"', ""),
)
_SPACES = re.compile(r"[\s\u3000]+")
# What a name may open with that does not change the measure: a list's mark (●, 1.), and the
# scope or time of the whole region (全县, 到年末全市) — never a sector (工业投资 is not 固定资产投资).
_OPENING = re.compile(r"^(?:\W|\d+[.、])*(?:到?年末|全年|今年)?(?:全[县市区省州旗盟]|全域)?")


class Measure(NamedTuple):
    code: str  # ASCII, stable: what plans tag and overviews align on
    name: str  # the name written out in full
    aliases: tuple[str, ...]  # other names, written out in full as `spelled` writes them
    unit: str  # %, 亿元, 个 …: an indicator matches only in a unit of the same family
    kind: str  # cumulative, level
    direction: Direction
    scales: tuple[str, ...] = ()  # the same quantity in units that do not convert to `unit` (斤 for 吨)


_GROWTH = "%"
UP, DOWN = Direction.UP, Direction.DOWN

CATALOGUE: tuple[Measure, ...] = (
    # 主要预期目标: rates
    Measure("gdp_growth", "地区生产总值增长", ("经济增长", "生产总值增长", "地区经济增长"), _GROWTH, "level", UP),
    Measure("industry_growth", "规模以上工业增加值增长", ("工业增加值增长",), _GROWTH, "level", UP),
    Measure(
        "fai_growth",
        "固定资产投资增长",
        ("全社会固定资产投资增长", "规模以上固定资产投资增长"),  # 规模以上: the statistic's own scope (500万元以上项目)
        _GROWTH,
        "level",
        UP,
    ),
    Measure("retail_growth", "社会消费品零售总额增长", (), _GROWTH, "level", UP),
    Measure(
        "budget_revenue_growth",
        "一般公共预算收入增长",
        ("地方一般公共预算收入增长", "地方财政一般公共预算收入增长"),
        _GROWTH,
        "level",
        UP,
    ),
    Measure("trade_growth", "外贸进出口总额增长", ("进出口总额增长", "外贸进出口增长"), _GROWTH, "level", UP),
    Measure("export_growth", "外贸出口增长", ("出口总额增长", "出口增长"), _GROWTH, "level", UP),
    Measure("services_growth", "规模以上服务业营业收入增长", (), _GROWTH, "level", UP),
    Measure(
        "urban_income_growth",
        "城镇常住居民人均可支配收入增长",
        ("城镇居民人均可支配收入增长",),
        _GROWTH,
        "level",
        UP,
    ),
    Measure(
        "rural_income_growth",
        "农村常住居民人均可支配收入增长",
        ("农村居民人均可支配收入增长", "农民人均可支配收入增长"),
        _GROWTH,
        "level",
        UP,
    ),
    Measure("income_growth", "居民人均可支配收入增长", ("全体居民人均可支配收入增长",), _GROWTH, "level", UP),
    Measure(
        "cpi",
        "居民消费价格涨幅",
        ("居民消费价格指数涨幅", "物价涨幅", "CPI涨幅", "居民消费价格指数", "居民消费价格"),  # in %: the rise
        _GROWTH,
        "level",
        DOWN,
    ),
    Measure("unemployment", "城镇调查失业率", (), _GROWTH, "level", DOWN),
    Measure("registered_unemployment", "城镇登记失业率", (), _GROWTH, "level", DOWN),
    Measure(
        "energy_intensity",
        "单位地区生产总值能耗降低",
        ("单位生产总值能耗降低", "能耗强度降低", "单位地区生产总值能源消耗降低"),
        _GROWTH,
        "level",
        DOWN,
    ),
    Measure(
        "rd_growth",
        "研发经费投入增长",
        ("规上企业研发经费投入增长", "研究与试验发展经费投入增长"),
        _GROWTH,
        "level",
        UP,
    ),
    # 主要预期目标: amounts
    Measure("gdp", "地区生产总值", ("生产总值", "经济总量", "地区生产总值总量"), "亿元", "level", UP),
    Measure(
        "fai",
        "固定资产投资",
        ("全社会固定资产投资", "全社会固定资产投资总量", "全社会固定资产投资额", "固定资产投资额"),
        "亿元",
        "cumulative",
        UP,
    ),
    Measure("retail", "社会消费品零售总额", (), "亿元", "cumulative", UP),
    Measure("budget_revenue", "一般公共预算收入", ("地方一般公共预算收入",), "亿元", "cumulative", UP),
    Measure("urban_jobs", "城镇新增就业", ("新增城镇就业", "城镇新增就业人数"), "人", "cumulative", UP),
    Measure("grain_output", "粮食产量", ("粮食总产量", "粮食播种面积和产量"), "万吨", "level", UP, ("斤", "万斤")),
    Measure("foreign_investment", "实际使用外资", ("实际利用外资",), "万美元", "cumulative", UP, ("美元", "亿美元")),
    # 八大行动 and the like: projects and enterprises
    Measure("signed_projects", "新签约亿元以上项目", ("签约亿元以上项目",), "个", "cumulative", UP),
    Measure("started_projects", "新开工亿元以上项目", ("开工亿元以上项目",), "个", "cumulative", UP),
    Measure("stored_projects", "新开工入库项目", (), "个", "cumulative", UP),
    Measure("four_above", "净增四上企业", ("新增四上企业", "净增四上单位"), "家", "cumulative", UP),
    Measure(
        "new_industrial_enterprises",
        "新增规模以上工业企业",
        ("净增规模以上工业企业", "新增规模以上企业"),
        "家",
        "cumulative",
        UP,
    ),
    Measure("hightech_enterprises", "高新技术企业总数", ("高新技术企业", "高新技术企业数"), "家", "level", UP),
)
BY_CODE = {measure.code: measure for measure in CATALOGUE}


def spelled(name: str) -> str:
    """A name with its abbreviations written out, its spaces and quotes gone, and what it opens with
    that does not change the measure (a list's mark, 全县, 到年末): 规上工业增加值增速 and
    ●全县规模以上工业增加值增长 → 规模以上工业增加值增长."""
    text = _OPENING.sub("", _SPACES.sub("", name))
    for short, full in _SPELLED:
        text = text.replace(short, full)
    return text


_BY_NAME: dict[str, Measure] = {}
for _measure in CATALOGUE:
    for _name in (_measure.name, *_measure.aliases):
        _BY_NAME.setdefault(spelled(_name), _measure)


def find(name: str, unit: str) -> Measure | None:
    """The catalogued measure an indicator named `name` in `unit` is, or None: its name written out
    must be the measure's or an alias's, and its unit one of the measure's quantity (亿元 and 万元;
    万斤 for 万吨)."""
    measure = _BY_NAME.get(spelled(name))
    if measure is None or unit not in (*units.compatible_units(measure.unit), *measure.scales):
        return None
    return measure


def sense(
    aim: directions.Aim | None, name: str, quotes: Iterable[str], ceiling: bool, code: str | None
) -> directions.Sense:
    """Which way an indicator should move: its `direction`, else a ceiling target, else the direction
    of the catalogued measure `code`, else its wording (`model.direction`)."""
    read = directions.read(aim, name, quotes, ceiling)
    catalogued = BY_CODE.get(code or "")
    if aim is None and not ceiling and catalogued is not None:
        return directions.Sense(catalogued.direction, read.decline and catalogued.direction is Direction.DOWN)
    return read
