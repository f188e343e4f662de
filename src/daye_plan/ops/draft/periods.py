"""The period vocabulary of published plans, read from the `periods.yaml` resource at run time.

Owns which words name which span of the plan year (全年, 一季度, 上半年, 前三季度, 1-2月 …),
the ids and labels a draft declares for them, and finding those words in text. No period id is
written in code: they all come from the resource, so another wording or another id is a data
change. Pure apart from reading the packaged resource once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

_MONTH_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})\s*月(?:份)?")
_MONTH_DEADLINE = re.compile(r"(?<![\d\-—–~至到])(\d{1,2})\s*月(?:份)?(?:底前|末前|底|末|前)")


@dataclass(frozen=True)
class PeriodSpan:
    """A period of the plan year: its id, label and first and last month."""

    id: str
    label: str
    start: int
    end: int

    def dates(self, year: int) -> tuple[dt.date, dt.date]:
        last = dt.date(year + self.end // 12, self.end % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, self.start, 1), last


@dataclass(frozen=True)
class PeriodWord:
    """A period named in the text: where, and which period."""

    start: int
    end: int
    period: PeriodSpan


class Vocabulary:
    """The periods of `periods.yaml`, their words, and the pattern for spans of months."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.periods = [
            PeriodSpan(str(item["id"]), str(item["label"]), int(item["start"]), int(item["end"]))
            for item in data["periods"]
        ]
        by_label = {period.label: period for period in self.periods}
        self.default = by_label[str(data["default"])]
        self._span_id = str(data["month_span"]["id"])
        self._span_label = str(data["month_span"]["label"])
        words = {
            str(word): period
            for item, period in zip(data["periods"], self.periods, strict=True)
            for word in item["words"]
        }
        self._words = words
        alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        self._pattern = re.compile(alternatives)
        labels = "|".join(re.escape(label) for label in sorted(by_label, key=len, reverse=True))
        self.marker = re.compile(rf"^(?:{labels}|{alternatives})(?:主要)?(?:目标任务|目标|任务|指标)?$")

    def span(self, start: int, end: int) -> PeriodSpan | None:
        """The period covering months start..end: a declared one if it matches, else a month span."""
        if not 1 <= start <= end <= 12:
            return None
        for period in self.periods:
            if (period.start, period.end) == (start, end):
                return period
        fields = {"start": start, "end": end}
        return PeriodSpan(self._span_id.format(**fields), self._span_label.format(**fields), start, end)

    def find(self, text: str) -> list[PeriodWord]:
        """Every period named in `text` (normalised), in order."""
        found = [PeriodWord(m.start(), m.end(), self._words[m.group()]) for m in self._pattern.finditer(text)]
        for match in _MONTH_RANGE.finditer(text):
            span = self.span(int(match.group(1)), int(match.group(2)))
            if span is not None:
                found.append(PeriodWord(match.start(), match.end(), span))
        for match in _MONTH_DEADLINE.finditer(text):
            span = self.span(1, int(match.group(1)))
            if span is not None:
                found.append(PeriodWord(match.start(), match.end(), span))
        return sorted(found, key=lambda word: word.start)

    def word_at(self, text: str, position: int, end: int) -> int | None:
        """The end of a period word starting at `position`, if one does (for stripping names)."""
        match = self._pattern.match(text, position, end)
        return match.end() if match else None

    def section(self, heading: str) -> PeriodSpan | None:
        """The period a section heading such as 一季度目标 announces, if it is one."""
        match = self.marker.match(heading)
        if match is None:
            return None
        words = self.find(heading)
        return words[0].period if words else next(p for p in self.periods if heading.startswith(p.label))


@functools.cache
def vocabulary() -> Vocabulary:
    text = resources.files(__name__.rpartition(".")[0]).joinpath("periods.yaml").read_text(encoding="utf-8")
    return Vocabulary(yaml.safe_load(text))
