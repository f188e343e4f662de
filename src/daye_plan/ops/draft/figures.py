"""Figures in plan text: a number with its multiplier and unit, read into a canonical unit.

Owns what counts as a figure (`135个`, `1000亿元`, `3.7万人`, `25%`, `50亿-100亿元`, and ranks
such as `四十八强`, `前三位`, `第一名`) and what does not (years `2024年`, dates `1月29日`, hotline
numbers `12366`, ordinals `第五批`, `5G`, anything inside a 《title》), and the canonical unit
of each: 万 and 亿 multiply a count out (3.7万人 → 37000 人; 1万亿元 → 10000 亿元) but money,
weights and areas keep the unit the text uses (5000万元, 25万吨, 28万亩). Chinese numerals are
read with `cn2an`. Pure: no I/O; says nothing about what a figure means.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(r"(?<![\dA-Za-z.])\d+(?:\.\d+)?(?![\d.])")
_MULTIPLIERS = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4}
_MULTIPLIER = re.compile("|".join(sorted(_MULTIPLIERS, key=len, reverse=True)))
_RANGE = re.compile(r"\s*(?:—{1,2}|-|–|~|至|到)\s*")
_CN_RANK = re.compile(r"(前|第)?([零〇一二两三四五六七八九十百千]+)(强|位|名)")
_CN_AMOUNT = re.compile(r"([一二两三四五六七八九十百千]+)(万亿|亿)(元)?")
_RANK_WORD = re.compile(r"[强位名]")
_AMOUNT_WORD = re.compile(r"亿")
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万")
_CLAUSE_BREAK = re.compile(r"[,;。、:!?\n]")
RANK_UNIT = "名"
INDEX_UNIT = "点"  # the unit of an index written bare (103.5)

# Units that keep their 万/亿 as written: each family from the smallest member up.
FAMILIES: dict[str, tuple[tuple[str, int], ...]] = {
    "元": (("元", 1), ("万元", 10**4), ("亿元", 10**8)),
    "美元": (("美元", 1), ("万美元", 10**4), ("亿美元", 10**8)),
    "吨": (("吨", 1), ("万吨", 10**4)),
    "吨标准煤": (("吨标准煤", 1), ("万吨标准煤", 10**4)),
    "亩": (("亩", 1), ("万亩", 10**4)),
    "斤": (("斤", 1), ("万斤", 10**4)),
    "平方米": (("平方米", 1), ("万平方米", 10**4)),
    "立方米": (("立方米", 1), ("万立方米", 10**4)),
    "千瓦": (("千瓦", 1), ("万千瓦", 10**4)),
    "千瓦时": (("千瓦时", 1), ("万千瓦时", 10**4), ("亿千瓦时", 10**8)),
    "人次": (("人次", 1), ("万人次", 10**4)),
    "标箱": (("标箱", 1), ("万标箱", 10**4)),
}
UNITS = (
    "%", "‰", "个百分点", "百分点", "元", "美元", "人次", "人", "个工作日", "工作日", "个月", "个", "家", "户",
    "名", "次", "场次", "场", "条", "座", "期", "项", "件", "批次", "批", "吨标准煤", "吨", "公斤", "千克", "斤",
    "亩", "公顷", "平方公里", "平方米", "立方米", "公里", "千米", "米", "千瓦时", "千瓦", "兆瓦", "辆", "台", "套",
    "所", "张", "床", "间", "栋", "处", "位", "只", "头", "株", "棵", "篇", "部", "支", "本", "标箱", "小时",
    "分钟", "天", "强", "类", "种", "宗", "㎡",
)  # fmt: skip
_ALIASES = {"㎡": "平方米"}  # a unit written as a symbol: 万㎡ is 万平方米
_UNIT = re.compile("|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True)))


@dataclass(frozen=True)
class Figure:
    """One figure: its span in the text, its value in `unit`, and how it was written."""

    start: int
    end: int
    value: Decimal
    unit: str
    written: str
    high: Decimal | None = None  # upper end of a range (35%—40%)
    rank: bool = False  # a place in a ranking (进入四十八强): read as <= value, unit 名
    chinese: bool = False  # written in Chinese numerals
    approximate: bool = False  # 20余处, 3000多人

    converted: bool = False  # 万 or 亿 multiplied out: 3.7万人 → 37000 人


def plain(value: Decimal) -> Decimal:
    """A Decimal without exponent or trailing zeros: 1.3E+8 → 130000000, 3.30 → 3.3."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value  # type: ignore[operator]


def canonical(number: Decimal, factor: int, unit: str) -> tuple[Decimal, str]:
    """`number` × `factor` of `unit` in the canonical unit: a family's largest member not above it."""
    family = FAMILIES.get(unit)
    if family is None:
        return plain(number * factor), unit
    name, size = max(((n, s) for n, s in family if s <= factor), key=lambda member: member[1])
    return plain(number * factor / size), name


def find(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in text[start:end] (normalised text), in order: read once for the whole text,
    then looked up, so that asking about many stretches of a long text costs no rereading."""
    end = len(text) if end is None else end
    ends, every = _every(text)
    first = bisect.bisect_right(ends, start)  # figures are apart and in order: their ends are too
    last = bisect.bisect_right(ends, end)
    return [figure for figure in every[first:last] if figure.start >= start]


@functools.lru_cache(maxsize=8)
def _every(text: str) -> tuple[list[int], list[Figure]]:
    found = _scan(text, 0, len(text))
    return [figure.end for figure in found], found


def _scan(text: str, start: int, end: int) -> list[Figure]:
    found = [figure for match in _NUMBER.finditer(text, start, end) if (figure := _arabic(text, match, end))]
    found += [figure for match in _ending(_CN_RANK, _RANK_WORD, text, start, end) if (figure := _chinese(text, match))]
    found += [
        figure
        for match in _ending(_CN_AMOUNT, _AMOUNT_WORD, text, start, end)
        if (figure := _chinese_amount(text, match))
    ]
    kept: list[Figure] = []
    for figure in sorted(found, key=lambda figure: figure.start):
        if not _in_title(text, figure.start) and (not kept or figure.start >= kept[-1].end):
            kept.append(figure)  # the second number of a range (50亿-100亿元) is part of the first
    return kept


def _ending(pattern: re.Pattern[str], word: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of a Chinese-numeral `pattern`, looked for only where its closing `word` stands
    after a numeral (a text has few of these; trying the pattern at every character is slow)."""
    found: list[re.Match[str]] = []
    reach = start
    for closing in word.finditer(text, start, end):
        back = closing.start()
        while back > reach and text[back - 1] in _NUMERALS:
            back -= 1
        if back == closing.start():
            continue
        match = pattern.search(text, max(reach, back - 1), min(end, closing.end() + 1))
        if match is not None:
            found.append(match)
            reach = match.end()
    return found


def _read(text: str, position: int, end: int) -> tuple[int, str | None, bool, str | None, int]:
    """After a number: its multiplier factor, 余/多, unit and where the figure ends."""
    factor, multiplier = 1, _MULTIPLIER.match(text, position, end)
    if multiplier:
        factor, position = _MULTIPLIERS[multiplier.group()], multiplier.end()
    approximate = text[position : position + 1] in ("余", "多")
    position += approximate
    unit = _UNIT.match(text, position, end)
    return (
        factor,
        multiplier and multiplier.group(),
        approximate,
        unit and _ALIASES.get(unit.group(), unit.group()),
        unit.end() if unit else position,
    )


def _arabic(text: str, match: re.Match[str], end: int) -> Figure | None:
    number = Decimal(match.group())
    factor, multiplier, approximate, unit, stop = _read(text, match.end(), end)
    high = None
    joint = _RANGE.match(text, stop, end)
    second = _NUMBER.match(text, joint.end(), end) if joint else None
    if second is not None and (multiplier is None or unit is not None or text[joint.start()] != "至"):  # type: ignore[union-attr]
        factor2, _, _, unit2, stop2 = _read(text, second.end(), end)
        if unit2 is not None and unit in (None, unit2):
            unit, stop = unit2, stop2
            factor = factor if multiplier else factor2
            high = canonical(Decimal(second.group()), factor2, unit2)[0]
    if unit is None and _index(text, match.start(), stop):
        unit = INDEX_UNIT  # 居民消费价格指数控制在103.5以内: an index counts in points
    if unit is None or (text[stop : stop + 1].isascii() and text[stop : stop + 1].isalpha()):
        return None
    before = text[match.start() - 1 : match.start()]
    rank = False
    if before == "第":
        if unit not in ("名", "位"):
            return None  # an ordinal: 第5批
        rank = True
    elif unit == "强" or (before == "前" and unit in ("名", "位")):
        rank = unit != "强" or _rank_verb(text, match.start())
        if not rank:
            return None
    if unit == "个月" or text[stop : stop + 1] in ("年", "月", "日"):
        return None  # a duration or a date, not a target figure
    if rank:
        return Figure(match.start(), stop, number, RANK_UNIT, text[match.start() : stop], rank=True)
    value, canonical_unit = canonical(number, factor, unit)
    written = text[match.start() : stop]
    return Figure(
        match.start(), stop, value, canonical_unit, written, high, approximate=approximate, converted=value != number
    )


_INDEX_BEFORE = re.compile(r"指数[^,;。、\d]{0,6}?(?:控制在|不超过|不高于|低于|保持在|稳定在|为)$")
_INDEX_AFTER = ("以内", "以下", "左右", "以上")


def _index(text: str, start: int, stop: int) -> bool:
    """A bare number set for an index (价格指数控制在103.5以内): the index's value, with no unit."""
    return bool(_INDEX_BEFORE.search(text, max(0, start - 14), start)) and text.startswith(_INDEX_AFTER, stop)


def _chinese(text: str, match: re.Match[str]) -> Figure | None:
    prefix, numeral, word = match.groups()
    if prefix is None and (word != "强" or not _rank_verb(text, match.start())):
        return None
    if word == "名" and text[match.end() : match.end() + 1] in ("单", "称", "额", "录", "义"):
        return None  # 名单, 名称 …: a word, not a rank
    start = match.start() if prefix else match.start(2)
    return Figure(start, match.end(), chinese_number(numeral), RANK_UNIT, match.group(), rank=True, chinese=True)


def _chinese_amount(text: str, match: re.Match[str]) -> Figure | None:
    """超过五千亿 → 5000 亿元: money in Chinese numerals, only right after a comparator word
    (千亿县市, 千亿级产业集群 name a class, not a target)."""
    from daye_plan.ops.draft.words import BEFORE_WORDS

    if not text.endswith(tuple(BEFORE_WORDS), 0, match.start()):
        return None
    number = chinese_number(match.group(1))
    value, unit = canonical(number, _MULTIPLIERS[match.group(2)], "元")
    return Figure(match.start(), match.end(), value, unit, match.group(), chinese=True, converted=True)


@functools.lru_cache(maxsize=1024)
def chinese_number(numeral: str) -> Decimal:
    """四十八 → 48, 三 → 3, 百 → 100 (read with cn2an; each numeral once)."""
    import cn2an  # type: ignore[import-untyped, import-not-found, unused-ignore]  # no type information shipped

    if numeral[0] in "十百千":
        numeral = "一" + numeral
    return Decimal(str(cn2an.cn2an(numeral.replace("〇", "零"), "smart")))


def _rank_verb(text: str, position: int) -> bool:
    """Whether a verb of ranking (进入, 跻身 …) stands before `position` in its clause."""
    from daye_plan.ops.draft.words import RANK_VERBS

    window = text[max(0, position - 16) : position]
    window = _CLAUSE_BREAK.split(window)[-1]
    return any(verb in window for verb in RANK_VERBS)


def _in_title(text: str, position: int) -> bool:
    window = text[max(0, position - 200) : position]
    return window.rfind("《") > window.rfind("》")
