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
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from daye_plan.ops.draft import figures, report
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
_BYLINE = re.compile(r"(?:来源|责任编辑|编辑|作者|发布时间|发布日期|浏览次数|点击|字号|分享到|日期)\s*[:：]?")
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
    kind: str | None = None  # report.REVIEW or report.PROGRESS: the section reports on the past


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
    kind: str | None = None
    for line in lines:
        head = text[line.body : line.head_end].strip().rstrip(":")
        if line.candidate:  # a line of its own announces a review, a 通报 of progress, or aims again
            said = report.section(head)
            if said is not None:
                kind = None if said == report.AIMS else said
            elif line.level == top:
                kind = None
        marker = words.section(head)
        if marker is None and (colon := head.find(":")) > 0:
            marker = words.section(head[:colon].strip())
            if marker is not None:
                section = marker
                paragraphs.append(Paragraph(line.body + colon + 1, line.end, _last(headings), section, kind))
                continue
        if marker is not None and len(head) <= MAX_HEADING:
            section = marker
            if line.head_end < line.end:
                paragraphs.append(Paragraph(line.head_end, line.end, _last(headings), section, kind))
            continue
        if line.candidate and line.level == top:
            headings.append(_heading(text, line.body, line.head_end, line.end))
            section = None
            if line.head_end < line.end:
                paragraphs.append(Paragraph(line.head_end, line.end, len(headings) - 1, section, kind))
            continue
        paragraphs.append(Paragraph(line.body, line.end, _last(headings), section, kind))
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
                and not _BYLINE.match(text, start, end)
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


def clauses(text: str, start: int, end: int, masked: Sequence[tuple[int, int]] = ()) -> list[Clause]:
    """Clauses of a sentence: split at , and :, with each parenthesised group holding a figure
    (工业项目不少于100个(占比不低于75%)) as clauses of its own. `masked` spans (a lead
    department's parentheses, in order) belong to no clause.
    """
    found: list[Clause] = []
    depth, begin, group_start = 0, start, start
    for match in _PARENS.finditer(text, start, end):
        position = match.start()
        if match.group() == "(":
            if depth == 0:
                group_start = position
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and figures.find(text, group_start + 1, position):
                found += _split(text, begin, group_start, masked)
                found += _split(text, group_start + 1, position, masked, paren=True)
                begin = position + 1
    if depth and figures.find(text, group_start + 1, end):  # an unclosed group runs to the end
        found += _split(text, begin, group_start, masked)
        found += _split(text, group_start + 1, end, masked, paren=True)
    else:
        found += _split(text, begin, end, masked)
    return found


_PARENS = re.compile(r"[()]")
_CUTS = re.compile(r"[(),:]")


def _split(text: str, start: int, end: int, masked: Sequence[tuple[int, int]], paren: bool = False) -> list[Clause]:
    found: list[Clause] = []
    for run_start, run_end in _unmasked(start, end, masked):
        depth, begin = 0, run_start
        for match in _CUTS.finditer(text, run_start, run_end):
            char = match.group()
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                _clause(text, begin, match.start(), paren, found)
                begin = match.end()
        _clause(text, begin, run_end, paren, found)
    return found


def _unmasked(start: int, end: int, masked: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The stretches of start..end outside the masked spans."""
    position = start
    for span_start, span_end in masked[max(0, bisect_right(masked, (start, 0)) - 1) :]:
        if span_start >= end:
            break
        if span_end <= position:
            continue
        if span_start > position:
            yield position, span_start
        position = max(position, span_end)
    if position < end:
        yield position, end


def _clause(text: str, begin: int, stop: int, paren: bool, found: list[Clause]) -> None:
    while begin < stop and text[begin].isspace():
        begin += 1
    while stop > begin and text[stop - 1].isspace():
        stop -= 1
    if stop > begin:
        found.append(Clause(begin, stop, paren))
