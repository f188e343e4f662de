"""The shape of a plan text: headings (the actions), period sections, sentences and clauses.

Owns reading the outline of a published plan: which lines are headings — numbered ones
(一、 （一） 1. (1) ①) at the highest level that has any, else short unnumbered lines such as
`招商引资行动 在加快集群强链上下功夫` — which lines open a period section (`一季度目标`), and
how body text splits into sentences (at 。 ； ! ?, the scope of 确保/力争 and of period words)
and clauses (at , : and around parenthesised figures). Works on the normalised text and returns
offsets only. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from daye_plan.ops.draft import figures
from daye_plan.ops.draft.periods import PeriodSpan, Vocabulary

_NUMBERING = (
    (1, re.compile(r"第[一二三四五六七八九十百]+(?:部分|章|节)\s*")),
    (2, re.compile(r"[一二三四五六七八九十百]+\s*[、.]\s*")),
    (3, re.compile(r"\(\s*[一二三四五六七八九十百]+\s*\)\s*[、.]?\s*")),
    (4, re.compile(r"\d{1,2}\s*[、.](?!\d)\s*")),
    (5, re.compile(r"\(\s*\d{1,2}\s*\)\s*[、.]?\s*")),
    (6, re.compile(r"[①-⑳⑴-⒇]\s*")),
)
_ROW = re.compile(r"\d{1,3}\s+(?=\D)")  # a table row's number: `3 安排财政赤字2.18万亿元 财政部`
_SENTENCE_END = "。;!?"
_HEAD_END = re.compile(r"[。;!?]")
_TITLE_SPLIT = re.compile(r"\s+|[,:]")
_BULLETS = "●•·-—*■□◆◇▪○"
_DEPARTMENTS = re.compile(r"\([^()]*(?:牵头|责任单位)")
_SEPARATORS = ",:"
MAX_HEADING = 40


@dataclass(frozen=True)
class Heading:
    """An action's heading: spans of its title (招商引资行动) and of the theme after it, if any."""

    title: tuple[int, int]
    theme: tuple[int, int] | None
    end: int = 0  # end of the heading's line, which may hold its departments (牵头单位:…)


@dataclass(frozen=True)
class Paragraph:
    """Body text under a heading (None: before the first) in a period section (None: none)."""

    start: int
    end: int
    heading: int | None
    section: PeriodSpan | None


@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence between separators; `paren` if it stands inside (…) after a figure."""

    start: int
    end: int
    paren: bool = False


@dataclass(frozen=True)
class _Line:
    start: int  # after indentation
    end: int  # before trailing spaces
    level: int | None  # numbering level, None when unnumbered
    body: int  # after the numbering
    head_end: int  # end of the first sentence (heading text) of the line
    candidate: bool  # could be a heading


def outline(text: str, words: Vocabulary) -> tuple[list[Heading], list[Paragraph]]:
    """The headings and the body paragraphs of a normalised text, in order."""
    lines = list(_lines(text))
    numbered = [line.level for line in lines if line.candidate and line.level is not None]
    top = min(numbered) if numbered else None
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    section: PeriodSpan | None = None
    for line in lines:
        head = text[line.body : line.head_end].strip().rstrip(":")
        marker = words.section(head)
        if marker is None and (colon := head.find(":")) > 0:
            marker = words.section(head[:colon].strip())
            if marker is not None:
                section = marker
                paragraphs.append(Paragraph(line.body + colon + 1, line.end, _last(headings), section))
                continue
        if marker is not None and len(head) <= MAX_HEADING:
            section = marker
            if line.head_end < line.end:
                paragraphs.append(Paragraph(line.head_end, line.end, _last(headings), section))
            continue
        if line.candidate and line.level == top:
            headings.append(_heading(text, line.body, line.head_end, line.end))
            section = None
            if line.head_end < line.end:
                paragraphs.append(Paragraph(line.head_end, line.end, len(headings) - 1, section))
            continue
        paragraphs.append(Paragraph(line.body, line.end, _last(headings), section))
    return headings, paragraphs


def _heading(text: str, start: int, end: int, line_end: int) -> Heading:
    """Title up to the first space, comma or colon; the rest of the heading sentence is the theme,
    short of a note naming departments (招商引资行动(牵头单位:市招商局))."""
    note = _DEPARTMENTS.search(text, start, end)
    end = note.start() if note else end
    while end > start and text[end - 1] in " :":
        end -= 1
    split = _TITLE_SPLIT.search(text, start, end)
    if split is None:
        return Heading((start, end), None, line_end)
    theme_start = split.end()
    while theme_start < end and text[theme_start] in " ,:":
        theme_start += 1
    return Heading((start, split.start()), (theme_start, end) if theme_start < end else None, line_end)


def _last(headings: list[Heading]) -> int | None:
    return len(headings) - 1 if headings else None


def _lines(text: str) -> Iterator[_Line]:
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        level, body = None, start
        for number, pattern in _NUMBERING:
            match = pattern.match(text, start, end)
            if match and match.end() < end:
                level, body = number, match.end()
                break
        row = _ROW.match(text, start, end) if level is None else None
        body = row.end() if row else body
        stop = _HEAD_END.search(text, body, end)
        head_end = stop.start() if stop else end
        has_figure = bool(figures.find(text, body, head_end))
        if level is not None:
            candidate = not has_figure and head_end > body
        else:
            candidate = (
                row is None
                and end - start <= MAX_HEADING
                and stop is None
                and not has_figure
                and text[start] not in _BULLETS
                and text[end - 1] not in ":"
                and "序号" not in text[start:end]
            )
        yield _Line(start, end, level, body, head_end, candidate)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of text[start:end]: up to each 。 ; ! ? outside parentheses."""
    depth, begin = 0, start
    for position in range(start, end):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in _SENTENCE_END and depth == 0:
            if position > begin:
                yield begin, position
            begin = position + 1
    if end > begin:
        yield begin, end


def clauses(text: str, start: int, end: int, masked: Callable[[int], bool]) -> list[Clause]:
    """Clauses of a sentence: split at , and :, with each parenthesised group holding a figure
    (工业项目不少于100个(占比不低于75%)) as clauses of its own. `masked` positions (a lead
    department's parentheses) belong to no clause.
    """
    found: list[Clause] = []
    depth, begin, group_start = 0, start, start
    position = start
    while position < end:
        char = text[position]
        if char == "(":
            if depth == 0:
                group_start = position
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and figures.find(text, group_start + 1, position):
                found += _split(text, begin, group_start, masked)
                found += _split(text, group_start + 1, position, masked, paren=True)
                begin = position + 1
        position += 1
    if depth and figures.find(text, group_start + 1, end):  # an unclosed group runs to the end
        found += _split(text, begin, group_start, masked)
        found += _split(text, group_start + 1, end, masked, paren=True)
    else:
        found += _split(text, begin, end, masked)
    return found


def _split(text: str, start: int, end: int, masked: Callable[[int], bool], paren: bool = False) -> list[Clause]:
    found: list[Clause] = []
    depth, begin = 0, start
    for position in range(start, end + 1):
        char = text[position] if position < end else ","
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if position == end or masked(position) or (char in _SEPARATORS and depth == 0):
            while begin < position and (text[begin].isspace() or masked(begin)):
                begin += 1
            stop = position
            while stop > begin and text[stop - 1].isspace():
                stop -= 1
            if stop > begin:
                found.append(Clause(begin, stop, paren))
            begin = position + 1
    return found
