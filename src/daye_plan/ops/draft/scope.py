"""What governs a figure from earlier in its sentence or its block: level, period, past year.

Owns the scope rules of plans/README.md: 确保 and 力争 (and 底线目标, 奋斗目标, which say the
same) govern the figures after them up to the next 。 or ；; a period word (一季度, 1-2月 …)
likewise, else the section's period, else the default; a figure after an earlier year than the
plan's (2022年…, not 到2022年), or after 过去一年 or 预计 (not 预计到…, a deadline), anywhere
before it in its 。-block reports an outcome, not a target. A `Block` finds these words once for
its 。-block and answers each figure by bisection, so that reading a text stays linear in its
length however long its blocks. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from daye_plan.ops.draft.periods import PeriodSpan, PeriodWord, Vocabulary

LEVEL_WORDS = {"确保": "确保", "力争": "力争", "底线目标": "确保", "奋斗目标": "力争"}
_LEVEL = re.compile("|".join(sorted(LEVEL_WORDS, key=len, reverse=True)))
_YEAR = re.compile(r"(?<![\d到至止])(\d{4})年(?!度)")  # 到2022年 sets a deadline: not a past year
_PAST = re.compile(r"过去一年|过去五年|过去的一年|初步预计|预计\s*[,:]")  # to the end of the 。-block
_ESTIMATE = re.compile(r"预计(?![到至]|今年|[,:])")  # 预计实现…: to the end of its clause; 预计到年末 sets a deadline
_CLAUSE_END = re.compile(r"[,;。!?]")
_NOT_A_PERIOD = ("以来", "同期")  # 今年以来 says since when a report runs


def without_levels(name: str) -> str:
    return _LEVEL.sub("", name)


class Block:
    """The level words, period words and marks of the past in one 。-block, found once."""

    def __init__(self, norm: str, start: int, end: int, words: Vocabulary, year: int | None) -> None:
        self.start, self.end = start, end
        self.label: str | None = None  # the words the block opens with, naming figures that have none
        self.named = False  # whether a figure has been read in the block (its label is then settled)
        self.opened = False  # whether it opens with the time a 通报 reports on (上半年, 1-6月 …)
        self.levels = [(m.start(), LEVEL_WORDS[m.group()]) for m in _LEVEL.finditer(norm, start, end)]
        self._level_starts = [position for position, _ in self.levels]
        self.periods: list[PeriodWord] = [
            PeriodWord(word.start + start, word.end + start, word.period)
            for word in words.find(norm[start:end])
            if not norm.startswith(_NOT_A_PERIOD, word.end + start)
        ]
        self._period_ends = [word.end for word in self.periods]
        past = [m.end() for m in _PAST.finditer(norm, start, end)]
        self._estimates: list[tuple[int, int]] = []
        for m in _ESTIMATE.finditer(norm, start, end):
            stop = _CLAUSE_END.search(norm, m.end(), end)
            self._estimates.append((m.end(), stop.start() if stop else end))
        self._estimate_starts = [found for found, _ in self._estimates]
        years: list[tuple[int, int]] = []
        depth, since = 0, start
        for m in _YEAR.finditer(norm, start, end):
            depth += norm.count("(", since, m.start()) - norm.count(")", since, m.start())
            since = m.start()
            if depth <= 0:  # years inside parentheses say what is left out, not when
                years.append((m.end(), int(m.group(1))))
        self._past = past
        self._years = years
        self._year_ends = [position for position, _ in years]
        self.year = year

    def level(self, sentence_start: int, position: int) -> tuple[str, int] | None:
        """确保 or 力争, as the last level word before `position` in its sentence says, and where."""
        index = bisect_left(self._level_starts, position) - 1
        if index >= 0 and self.levels[index][0] >= sentence_start:
            where, word = self.levels[index]
            return word, where
        return None

    def period(self, sentence_start: int, position: int, section: PeriodSpan | None, words: Vocabulary) -> PeriodSpan:
        """The period a figure is for: the last period word before it in its sentence, else the section's."""
        index = bisect_right(self._period_ends, position) - 1
        if index >= 0 and self.periods[index].start >= sentence_start:
            return self.periods[index].period
        return section or words.default

    def in_past(self, position: int) -> bool:
        """Whether the figure reports an outcome: after 预计, or after a year before the plan's."""
        if bisect_right(self._past, position) > 0:
            return True
        index = bisect_right(self._estimate_starts, position) - 1
        if index >= 0 and position < self._estimates[index][1]:
            return True
        if self.year is None:
            return False
        index = bisect_right(self._year_ends, position) - 1
        return index >= 0 and self._years[index][1] < self.year
