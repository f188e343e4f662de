"""Figures that describe rather than set a target: qualifiers, list sizes, counts of a set.

Owns telling, in a clause, the figures that only say which things are counted (`10亿元以上项目`,
`总投资35亿元的80项工程`, `年产120亿只`), what a facility holds (`200万只蛋鸡标准化养殖基地`), a
class (`600万吨级`), the size of a list (`…等16个重点项目`, `做好6个方面工作`), the count that heads
its clause as the subject of what follows (`390个重点项目要完成年度投资640亿元`), a set and its total
(`重点项目91宗,总投资1964.4亿元`), a figure alone in parentheses that counts or restates the one
before (`(11项)`, `30%(15亿元)`) and the days of a push (`苦战27天`). Pure: offsets in, answers out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from daye_plan.ops.draft import figures, meaning, segment, words
from daye_plan.ops.draft.figures import Figure
from daye_plan.ops.draft.names import strip_name

_QUALIFYING_AFTER = re.compile(r"(?:及以上|以上|以下)")
_CAPACITY = ("年产", "日产", "年处理", "日处理", "年加工", "年出栏")
_KEPT_UNITS = frozenset(unit for family in figures.FAMILIES.values() for unit, _ in family)
# Units that count things one by one: a count before a noun is how many (20个项目), not what they hold.
_COUNTS = frozenset({"个", "项", "家", "座", "处", "宗", "所", "条", "批", "件", "户", "名", "人", "批次"})
# A measure of what a facility holds, before the facility (200万只蛋鸡标准化养殖基地): its size, no target.
_HOLDS = frozenset({"只", "头", "吨", "万吨", "千瓦", "万千瓦", "标箱", "万标箱", "千瓦时", "万千瓦时", "立方米"})
_FACILITY = re.compile(r"[^,;:、()0-9]{1,16}?(?:基地|产业园|园区|工程|中心|厂|场)(?:建设)?(?=$|[,;:、(。])")
# After a count: it counts the parts of a programme or a document (做好6个方面工作, 明确133项具体任务,
# 涉及34个牵头单位), not a target.
_PARTS_AFTER = (
    "方面",
    "大方面",
    "项工作",
    "件事",
    "条措施",
    "大行动",
    "大工程",
    "大任务",
    "具体任务",
    "工作任务",
    "牵头单位",
    "责任单位",
    "单位",
    "部门",
)
# A count heading its clause and the subject of what follows (390个重点项目要完成年度投资…).
HEAD_VERB = re.compile(r"要|将|需|需要|计划|完成|实现|力争|确保|总投资|年度|累计")
_DONE_AFTER = re.compile(r"[^,;:。]{0,12}?(?:竣工|开工|投产|建成|完成|落地|投用|达产)")
AIMED = re.compile(r"\s*(?:的)?目标")
# Verbs of a push measured in days (苦战27天): a duration, no target.
_PUSH = re.compile(r"(?:苦战|奋战|大干|鏖战|会战|攻坚|冲刺|连续)$")


def described(norm: str, clauses: list[segment.Clause], masked: Callable[[int], bool]) -> set[int]:
    """Figures that describe a set named before them (重点项目91宗,总投资1964.4亿元): a count whose
    next clause opens with a bare 总投资, and that 总投资; none of them a target."""
    found: set[int] = set()
    for clause, following in itertools.pairwise(clauses):
        if not norm.startswith("总投资", following.start) or norm.startswith("计划", following.start - 2):
            continue
        counts = [f for f in figures.find(norm, clause.start, clause.end) if f.unit in _COUNTS]
        totals = figures.find(norm, following.start, following.end)
        if not counts or not totals or masked(counts[-1].start):
            continue
        count, total = counts[-1], totals[0]
        bare = all(
            not _AFTER_COMPARATOR.match(norm, figure.end)
            and not norm[max(clause.start, figure.start - 3) : figure.start].endswith(tuple(words.BEFORE_WORDS))
            for figure in (count, total)
        )
        if bare and count.end == clause.end:
            found |= {count.start, total.start}
    return found


_AFTER_COMPARATOR = re.compile("|".join(sorted(words.AFTER, key=len, reverse=True)))


def head_count(norm: str, clause: segment.Clause, figs: list[Figure]) -> Figure | None:
    """A count heading its clause, the subject of what follows (390个重点项目要完成年度投资640亿元)."""
    first = figs[0]
    if first.unit not in _COUNTS or first.rank:
        return None
    name_start, name_end = strip_name(norm, clause.start, first.start)
    if name_end > name_start:
        return None
    verb = HEAD_VERB.search(norm, first.end, figs[1].start if len(figs) > 1 else clause.end)
    if verb is None or verb.start() == first.end:
        return None
    noun = norm[first.end : verb.start()]
    return first if noun and is_noun(noun) and (len(figs) > 1 or verb.group() in ("完成", "要", "累计")) else None


def no_target(norm: str, clause: segment.Clause, figure: Figure) -> bool:
    """A figure that is no target by what stands around it: the size of a list (…等16个重点项目), the
    parts of a programme (6个方面), a figure alone in parentheses that counts or restates the one
    before ((11项), 30%(15亿元)), the days of a push (苦战27天), what a facility holds, or a class (万吨级)."""
    if norm.startswith(_PARTS_AFTER, figure.end) or norm.startswith(("级", "平均"), figure.end):
        return True  # 6个方面, 万吨级, 高于省、市8%平均水平: the parts of a programme, a class, a reference
    if clause.paren and norm[clause.start : clause.end].strip() == norm[figure.start : figure.end]:
        return True
    if figure.unit in ("天", "小时") and _PUSH.search(norm, max(clause.start, figure.start - 4), figure.start):
        return True
    if norm.startswith("等", figure.start - 1) and figure.unit in _COUNTS:
        return not _DONE_AFTER.match(norm, figure.end, clause.end) and not _AFTER_COMPARATOR.match(norm, figure.end)
    if figure.unit in _HOLDS and _FACILITY.match(norm, figure.end, clause.end):
        return True
    return (
        norm.startswith("的", figure.end)
        and figure.unit not in meaning.PERCENT
        and is_noun(norm[figure.end + 1 : figure.end + 2])
    )


def qualifier(norm: str, figure: Figure, following: Figure | None) -> bool:
    """A figure that describes what is counted (5000万元以上项目77个) rather than setting a target."""
    if norm[max(0, figure.start - 3) : figure.start].endswith(_CAPACITY):
        return True
    if following is None:
        return False
    after = norm[figure.end : figure.end + 6]
    if following.start == figure.end or after.startswith("的"):
        return True
    qualifying = _QUALIFYING_AFTER.match(after)
    if qualifying:
        return is_noun(after[qualifying.end() :])
    return (figure.high is not None or figure.unit in _KEPT_UNITS) and is_noun(after)


def is_noun(text: str) -> bool:
    return bool(text) and "\u4e00" <= text[0] <= "\u9fff" and not text.startswith((*words.AFTER, *words.BEFORE_WORDS))
