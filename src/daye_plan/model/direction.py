"""Which way an indicator should move: higher-is-better or lower-is-better, read from its wording.

Owns `Direction` (up / down), the plan's word for it (`direction: up | down | decline` on an
indicator), and the one documented table that reads it from the wording when the plan says
nothing: a ceiling comparator (`<=`, `<`: 以内, 压减至) is lower-is-better; so are the measures
whose name or quotes speak of a rate or cost to keep down (失业率, 涨幅, 价格, 能耗, 排放, 事故,
死亡, 时间 …), a rank (排名, 位次, 前10名, 四十八强) and a decline (降低, 下降, 减少 …). A decline
target (`单位地区生产总值能耗降低2.5%左右`) is recorded as offices report it, the fall as a positive
number (3.0 when it fell 3%): its figure is better when higher though the measure aims down. A
rank (lower-is-better in 名 or 位) is judged by position. Pure: words in, a `Sense` out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Literal, NamedTuple

# What a plan may write: `decline` is lower-is-better with the fall recorded as a positive number.
Aim = Literal["up", "down", "decline"]
RANK_UNITS = frozenset({"名", "位"})
_NUMERAL = r"[0-9０-９一二三四五六七八九十百千两]"


class Direction(StrEnum):
    """Which way the measure should move: JSON's `direction`."""

    UP = "up"
    DOWN = "down"


class Sense(NamedTuple):
    """How an indicator's figures are read: the measure's direction, and what its figure is."""

    direction: Direction
    decline: bool  # the figure is the fall itself, a positive number (能耗降低3.0%)


# The wording table, in the order it is read: the first row whose pattern matches the indicator's
# name, else one of its quotes, decides. Each row: (pattern, direction, decline, what it stands for).
WORDING: tuple[tuple[str, Direction, bool, str], ...] = (
    # a decline by an amount (降低2.5%, 下降3%), not to a level (压减至80小时, 降到): the fall is recorded
    (r"(降低|下降|减少|削减|压减|减排|降幅)(?!至|到|为|在)", Direction.DOWN, True, "decline"),
    # ranks: 排名, 位次, 前三位, 第一名, 四十八强
    (rf"排名|位次|名次|前{_NUMERAL}+[名位强]|第{_NUMERAL}+[名位]|{_NUMERAL}+强", Direction.DOWN, False, "rank"),
    (r"失业率", Direction.DOWN, False, "unemployment"),
    (r"涨幅|价格指数|物价|CPI", Direction.DOWN, False, "prices"),
    (r"能耗|排放量|排放强度|碳排放|污染物排放", Direction.DOWN, False, "emissions"),
    (r"事故|死亡|伤亡|发案", Direction.DOWN, False, "harm"),
    (r"时间|时限|时长|用时|天数|工作日", Direction.DOWN, False, "time"),
    (r"负债率|不良率|不良贷款|空置率|逾期|欠薪", Direction.DOWN, False, "burden"),
    (r"控制在.*以[内下]|不超过|不高于", Direction.DOWN, False, "ceiling"),
)
_WORDING = tuple((re.compile(pattern), direction, decline, what) for pattern, direction, decline, what in WORDING)


NEAR = 120  # a quote's words read for its direction: those up to its figure, which the quote ends near


def read(aim: Aim | None, name: str, quotes: Iterable[str], ceiling: bool) -> Sense:
    """The direction of an indicator: the plan's `direction`, else a ceiling comparator on any of
    its targets, else the wording table over its name and then its quotes (the last `NEAR`
    characters of each, where its figure stands), else up."""
    if aim is not None:
        return Sense(Direction.UP if aim == "up" else Direction.DOWN, aim == "decline")
    if ceiling:
        return Sense(Direction.DOWN, False)
    for text in (name, *(quote[-NEAR:] for quote in quotes)):
        found = _worded(text)
        if found is not None:
            return found
    return Sense(Direction.UP, False)


@functools.lru_cache(maxsize=4096)
def _worded(text: str) -> Sense | None:
    """The first row of the wording table that `text` matches; kept, since a sentence is often the
    quote of several targets."""
    for pattern, direction, decline, _what in _WORDING:
        if pattern.search(text):
            return Sense(direction, decline)
    return None


def is_rank(direction: Direction, unit: str) -> bool:
    """A lower-is-better position (名, 位): judged by position, with no 完成率."""
    return direction is Direction.DOWN and unit in RANK_UNITS
