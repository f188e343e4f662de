"""Departments named beside a target: the lead (牵头单位) and the partners (责任单位).

Owns reading `（牵头单位：市发改委；责任单位：各县市区人民政府）`, its variant
`（市发改委牵头，市直各部门按职责分工负责）`, and a table's last column (`… 3%左右 发展改革委`),
and which targets each applies to: those before it in its paragraph since the previous such
note, or — a note standing alone at the head of a paragraph — the previous paragraph's targets.
Works on the normalised text and returns offsets; names are cut from the original. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daye_plan.ops.draft import figures
from daye_plan.ops.draft.words import DEPARTMENT_END

_NOTE = re.compile(r"\(([^()]*?(?:牵头|责任单位|配合单位|参与单位|协办单位)[^()]*?)(?:\)|$)")
_KEYED = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|参与单位|协办单位)\s*:\s*")
_LEAD_KEYS = ("牵头单位", "牵头部门")
_LED_BY = re.compile(r"(.+?)牵头\s*[,;、]?\s*")
_DUTY = re.compile(r"(?:等)?(?:按职责分工|按职责)?(?:负责|配合|参与)$")
_LIST = re.compile(r"[、,;]")
_COLUMN = re.compile(r"\s+(\S{2,24})$")


@dataclass(frozen=True)
class Departments:
    """A note naming departments: its span, the lead and the partners (as published)."""

    start: int
    end: int
    lead: str | None
    partners: tuple[str, ...]


def find(norm: str, raw: str, start: int, end: int) -> list[Departments]:
    """The department notes in norm[start:end], in order."""
    found = [_note(norm, raw, match) for match in _NOTE.finditer(norm, start, end)]
    notes = [note for note in found if note is not None]
    column = _COLUMN.search(norm, start, end)
    if not notes and column and figures.find(norm, start, column.start()) and not figures.find(norm, *column.span(1)):
        name = raw[column.start(1) : column.end(1)]
        if DEPARTMENT_END.search(name):
            notes.append(Departments(column.start(1), column.end(1), name, ()))
    return notes


def _note(norm: str, raw: str, match: re.Match[str]) -> Departments | None:
    inner_start, inner_end = match.span(1)
    keyed = list(_KEYED.finditer(norm, inner_start, inner_end))
    lead: str | None = None
    partners: list[str] = []
    if keyed:
        for index, key in enumerate(keyed):
            stop = keyed[index + 1].start() if index + 1 < len(keyed) else inner_end
            names = _names(norm, raw, key.end(), stop)
            if key.group(1) in _LEAD_KEYS:
                lead = "、".join(names) or raw[key.end() : _trim(norm, key.end(), stop)] or None
            else:
                partners += names
    else:
        led = _LED_BY.match(norm, inner_start, inner_end)
        if led is None:
            return None
        names = _names(norm, raw, inner_start, led.end(1))
        lead = "、".join(names) or None
        partners = _names(norm, raw, led.end(), inner_end)
    if lead is None and not partners:
        return None
    return Departments(match.start(), match.end(), lead, tuple(dict.fromkeys(partners)))


def _trim(norm: str, start: int, stop: int) -> int:
    while stop > start and norm[stop - 1] in " ;,、":
        stop -= 1
    return stop


def _names(norm: str, raw: str, start: int, end: int) -> list[str]:
    """Department names listed in norm[start:end]: only those that end like one (…委, …局, …政府)."""
    names: list[str] = []
    position = start
    for stop in [m.start() for m in _LIST.finditer(norm, start, end)] + [end]:
        text = raw[position:stop].strip()
        duty = _DUTY.search(norm, position, stop)
        if duty:
            text = raw[position : duty.start()].strip()
        if text and DEPARTMENT_END.search(text) and not figures.find(norm, position, stop):
            names.append(text)
        position = stop + 1
    return names
