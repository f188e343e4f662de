"""Departments named beside a target: the lead (牵头单位) and the partners (责任单位).

Owns reading `（牵头单位：市发改委；责任单位：各县市区人民政府）`, its variant
`（市发改委牵头，市直各部门按职责分工负责）`, a table's department columns — read by the table's
header (牵头单位, 牵头责任单位, 责任单位, 协同配合单位, 配合单位 …) whatever their order, else its last
column (`… 3%左右 发展改革委`) — and which targets each applies to: those before it in its paragraph
since the previous such note, or — a note standing alone at the head of a paragraph — the previous
paragraph's targets. Works on the normalised text and returns offsets; names are cut from the
Simplified reading of the original. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daye_plan.ops.draft import figures
from daye_plan.ops.draft.text import Source
from daye_plan.ops.draft.words import DEPARTMENT_END

_NOTE = re.compile(r"\(([^()]*?(?:牵头|责任单位|配合单位|参与单位|协办单位)[^()]*?)(?:\)|$)")
_KEYED = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|参与单位|协办单位)\s*:\s*")
_LEAD_KEYS = ("牵头单位", "牵头部门")
_LED_BY = re.compile(r"(.+?)牵头\s*[,;、]?\s*")
_DUTY = re.compile(r"(?:等)?(?:按职责分工|按职责)?(?:负责|配合|参与)$")
_LIST = re.compile(r"[、,;]")
_COLUMN = re.compile(r"\s+(\S{2,24})$")
_CELLS = re.compile(r"[^\s|]+")  # a table row's cells: apart by spaces, tabs or |
# A header cell naming departments: the lead's (牵头…) or the partners' (责任, 配合, 协同 …).
_LEAD_HEADER = re.compile(r"牵头")
_PARTNER_HEADER = re.compile(r"^(?:主要)?(?:责任|配合|协同|协办|参与|承办)(?:配合)?(?:单位|部门)$")
LEAD, PARTNERS = "lead", "partners"


@dataclass(frozen=True)
class Departments:
    """A note naming departments: its span, the lead and the partners (as published)."""

    start: int
    end: int
    lead: str | None
    partners: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table's header: where it ends and the role of each department column, counted from the
    right (-1 the last), as rows may leave a cell of the middle empty but not one of the end."""

    end: int
    columns: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, norm: str) -> Table | None:
        """The first header line of the text that names a department column, if any."""
        position = 0
        for line in norm.split("\n"):
            start, position = position, position + len(line) + 1
            cells = _CELLS.findall(line)
            if len(cells) < 2 or len(line) > 120 or figures.find(line):
                continue
            roles = [
                (index - len(cells), LEAD if _LEAD_HEADER.search(cell) else PARTNERS)
                for index, cell in enumerate(cells)
                if _LEAD_HEADER.search(cell) or _PARTNER_HEADER.match(cell)
            ]
            if roles:
                return cls(start + len(line), tuple(roles))
        return None


def find(source: Source, start: int, end: int, table: Table | None = None) -> list[Departments]:
    """The department notes in norm[start:end], in order."""
    norm = source.norm
    found = [_note(source, match) for match in _NOTE.finditer(norm, start, end)]
    notes = [note for note in found if note is not None]
    if notes:
        return notes
    if table is not None and start > table.end:
        row = _row(source, start, end, table)
        return [row] if row is not None else []
    column = _COLUMN.search(norm, start, end)
    if column and figures.find(norm, start, column.start()) and not figures.find(norm, *column.span(1)):
        name = source.name(column.start(1), column.end(1))
        if DEPARTMENT_END.search(name):
            notes.append(Departments(column.start(1), column.end(1), name, ()))
    return notes


def _row(source: Source, start: int, end: int, table: Table) -> Departments | None:
    """A table row's department cells, by the header's columns counted from the right."""
    norm = source.norm
    cells = list(_CELLS.finditer(norm, start, end))
    roles = [(cells[index], role) for index, role in table.columns if len(cells) + index >= 1]
    if not roles or not figures.find(norm, start, min(cell.start() for cell, _ in roles)):
        return None
    lead: str | None = None
    partners: list[str] = []
    for cell, role in roles:
        names = _names(source, cell.start(), cell.end())
        if role == LEAD and names:
            lead = "、".join(names)
        else:
            partners += names
    if lead is None and not partners:
        return None
    first = min(cell.start() for cell, _ in roles)
    return Departments(first, max(cell.end() for cell, _ in roles), lead, tuple(dict.fromkeys(partners)))


def _note(source: Source, match: re.Match[str]) -> Departments | None:
    norm = source.norm
    inner_start, inner_end = match.span(1)
    keyed = list(_KEYED.finditer(norm, inner_start, inner_end))
    lead: str | None = None
    partners: list[str] = []
    if keyed:
        for index, key in enumerate(keyed):
            stop = keyed[index + 1].start() if index + 1 < len(keyed) else inner_end
            names = _names(source, key.end(), stop)
            if key.group(1) in _LEAD_KEYS:
                lead = "、".join(names) or source.name(key.end(), _trim(norm, key.end(), stop)) or None
            else:
                partners += names
    else:
        led = _LED_BY.match(norm, inner_start, inner_end)
        if led is None:
            return None
        names = _names(source, inner_start, led.end(1))
        lead = "、".join(names) or None
        partners = _names(source, led.end(), inner_end)
    if lead is None and not partners:
        return None
    return Departments(match.start(), match.end(), lead, tuple(dict.fromkeys(partners)))


def _trim(norm: str, start: int, stop: int) -> int:
    while stop > start and norm[stop - 1] in " ;,、":
        stop -= 1
    return stop


def _names(source: Source, start: int, end: int) -> list[str]:
    """Department names listed in norm[start:end]: only those that end like one (…委, …局, …政府)."""
    norm = source.norm
    names: list[str] = []
    position = start
    for stop in [m.start() for m in _LIST.finditer(norm, start, end)] + [end]:
        text = source.name(position, stop).strip()
        duty = _DUTY.search(norm, position, stop)
        if duty:
            text = source.name(position, duty.start()).strip()
        if text and DEPARTMENT_END.search(text) and not figures.find(norm, position, stop):
            names.append(text)
        position = stop + 1
    return names
