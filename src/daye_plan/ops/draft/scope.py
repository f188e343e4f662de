"""What governs a figure from earlier in its sentence or its block: level, period, past year.

Owns the scope rules of plans/README.md: 确保 and 力争 (and 底线目标, 奋斗目标, which say the
same) govern the figures after them up to the next 。 or ；; a period word (一季度, 1-2月 …)
likewise, else the section's period, else the default; a figure after an earlier year than the
plan's (2022年…, not 到2022年; 初步预计…) anywhere before it in its 。-block reports an outcome, not a target;
and where a 。-block starts. Pure.
"""

from __future__ import annotations

import re

from daye_plan.ops.draft.periods import PeriodSpan, Vocabulary

LEVEL_WORDS = {"确保": "确保", "力争": "力争", "底线目标": "确保", "奋斗目标": "力争"}
_LEVEL = re.compile("|".join(sorted(LEVEL_WORDS, key=len, reverse=True)))
_YEAR = re.compile(r"(?<![\d到至止])(\d{4})年(?!度)")  # 到2022年 sets a deadline: not a past year
_PAST = re.compile(r"预计|过去一年|过去五年|过去的一年")
_BLOCK_END = "。!?\n"


def level(norm: str, start: int, position: int) -> tuple[str, int] | None:
    """确保 or 力争, as the last level word before `position` in its sentence says, and where."""
    marks = list(_LEVEL.finditer(norm, start, position))
    return (LEVEL_WORDS[marks[-1].group()], marks[-1].start()) if marks else None


def without_levels(name: str) -> str:
    return _LEVEL.sub("", name)


def period(words: Vocabulary, norm: str, start: int, position: int, section: PeriodSpan | None) -> PeriodSpan:
    """The period a figure is for: the last period word before it in its sentence, else the section's."""
    marks = words.find(norm[start:position])
    if marks:
        return marks[-1].period
    return section or words.default


def block_start(norm: str, position: int) -> int:
    """Where the 。-block holding `position` starts (a block spans several ；-sentences)."""
    return max(norm.rfind(char, 0, position) for char in _BLOCK_END) + 1


def in_past(norm: str, year: int | None, position: int) -> bool:
    """Whether the figure reports an outcome: after 预计, or after a year before the plan's."""
    start = block_start(norm, position)
    if _PAST.search(norm, start, position):
        return True
    if year is None:
        return False
    years = [
        int(m.group(1)) for m in _YEAR.finditer(norm, start, position) if not _in_parentheses(norm, start, m.start())
    ]
    return bool(years) and years[-1] < year


def _in_parentheses(norm: str, start: int, position: int) -> bool:
    return norm.count("(", start, position) > norm.count(")", start, position)
