"""Editing a plan file in place: setting or removing one field of an action or an indicator, every other byte kept.

Owns the one way a command changes an existing plan file's text (`assign` writes 牵头单位, 责任单位
and 报送频次): a surgical edit at the positions PyYAML's composer reports, so that comments, key
order, quoting, flow or block style, blank lines and line endings stay as the author wrote them
and `git diff` shows one line per change. A value is replaced where it stands, in the style it
had (a block list stays a block list); a new field goes after the last of the fields that precede
it in the model's order (`lead:` after `kind:`), at the mapping's indentation, or as `, key: value`
in a flow mapping; a removed field takes its line (or its `, key: value`) with it. The result is
parsed again and compared with the intended data: an edit that would mean anything else is
refused, never written. Text in, text out; nothing here opens a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from daye_plan.i18n import _
from daye_plan.model.errors import DayePlanError, Problem
from daye_plan.storage import yamlfile

Value = str | tuple[str, ...] | None  # text, a list of texts, or None: remove the field
Loc = tuple[str | int, ...]  # () for the file's top mapping, ("indicators", 3) for an indicator


@dataclass(frozen=True)
class FieldEdit:
    """Set `field` of the mapping at `at` to `value` (None: remove it); a new field goes after the last of `after` present."""

    at: Loc
    field: str
    value: Value
    after: tuple[str, ...] = ()


def edit(text: str, label: Path | str, edits: Sequence[FieldEdit]) -> str:
    """`text` with `edits` applied; `DayePlanError` at `label` when an edit cannot be made exactly."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python composer: marks index characters
    newline = "\r\n" if "\r\n" in text else "\n"
    splices: list[tuple[int, int, int, str]] = []  # start, end, order, replacement
    for order, change in enumerate(edits):
        mapping = _find(root, change.at, label)
        start, end, replacement = _splice(text, mapping, change, newline, label)
        splices.append((start, end, order, replacement))
    result = text
    for start, end, _order, replacement in sorted(splices, key=lambda s: (s[0], s[2]), reverse=True):
        result = result[:start] + replacement + result[end:]
    _check(text, result, label, edits)
    return result


def _find(root: yaml.Node | None, at: Loc, label: Path | str) -> yaml.MappingNode:
    node = root
    for part in at:
        if isinstance(part, int) and isinstance(node, yaml.SequenceNode) and part < len(node.value):
            node = node.value[part]
        elif isinstance(part, str) and isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        else:
            node = None
        if node is None:
            break
    if not isinstance(node, yaml.MappingNode):
        raise _cannot(label, ".".join(str(part) for part in at))
    return node


def _splice(
    text: str, mapping: yaml.MappingNode, change: FieldEdit, newline: str, label: Path | str
) -> tuple[int, int, str]:
    flow = bool(mapping.flow_style)
    pairs = mapping.value
    found = next((index for index, (key, _v) in enumerate(pairs) if key.value == change.field), None)
    if found is not None:
        key, value = pairs[found]
        if change.value is None:
            return _removal(text, pairs, found, flow, label)
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            return _block_list(text, key, value, change.value)
        start, end = value.start_mark.index, value.end_mark.index
        space = " " if start == end and not text[start - 1].isspace() else ""  # `lead:` with no value
        return start, end, space + _render(change.value)
    if change.value is None:
        return 0, 0, ""  # nothing to remove
    anchor = max((i for i, (key, _v) in enumerate(pairs) if key.value in change.after), default=0)
    if not pairs:
        raise _cannot(label, change.field)
    _key, value = pairs[anchor]
    rendered = f"{change.field}: {_render(change.value)}"
    if flow:
        return value.end_mark.index, value.end_mark.index, f", {rendered}"
    indent = " " * pairs[0][0].start_mark.column
    at = _line_end(text, _end(value))
    prefix = "" if at == 0 or text[at - 1] == "\n" else newline
    return at, at, f"{prefix}{indent}{rendered}{newline}"


def _removal(
    text: str, pairs: list[tuple[yaml.Node, yaml.Node]], index: int, flow: bool, label: Path | str
) -> tuple[int, int, str]:
    key, value = pairs[index]
    if flow:
        if index > 0:
            return _end(pairs[index - 1][1]), _end(value), ""
        if len(pairs) > 1:
            return key.start_mark.index, pairs[1][0].start_mark.index, ""
        return key.start_mark.index, _end(value), ""
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    if text[line_start : key.start_mark.index].strip():  # `- lead: x`: the item's first key
        raise _cannot(label, str(key.value))
    return line_start, _line_end(text, _end(value)), ""


def _block_list(text: str, key: yaml.Node, value: yaml.SequenceNode, new: Value) -> tuple[int, int, str]:
    """A block list keeps its style: the items at the first one's column; an empty one becomes `[]`."""
    end = _end(value.value[-1])
    items = new if isinstance(new, tuple) else (new,) if new is not None else ()
    if not items:
        return key.end_mark.index, end, ": []"
    first = value.value[0].start_mark
    dash = text.rfind("-", 0, first.index)
    column = dash - (text.rfind("\n", 0, dash) + 1)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = [f"- {_scalar(item)}" for item in items]
    return dash, end, (newline + " " * column).join(lines)


def _end(node: yaml.Node) -> int:
    """Where a value's own text ends: a block list at its last item (its end mark runs on to the next key)."""
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(last[1] if isinstance(last, tuple) else last)
    return int(node.end_mark.index)


def _line_end(text: str, at: int) -> int:
    """Just past the end of the line `at` is on (a block scalar ends at the next line's start already)."""
    if at > 0 and text[at - 1] == "\n":
        return at
    found = text.find("\n", at)
    return len(text) if found < 0 else found + 1


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\n\r\t]*")


def _scalar(word: str) -> str:
    """Plain where YAML reads it back as the same text (市招商服务中心), else double-quoted."""
    if _PLAIN.fullmatch(word) and word == word.strip():
        try:
            if yaml.safe_load(f"[{word}]") == [word]:
                return word
        except yaml.YAMLError:
            pass
    return json.dumps(word, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _render(value: Value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    return _scalar(value or "")


def _check(before: str, after: str, label: Path | str, edits: Sequence[FieldEdit]) -> None:
    """The edited text must read as the old data with the edits, and nothing else changed."""
    expected = yamlfile.parse(before, label).data
    for change in edits:
        target: Any = expected
        for part in change.at:
            target = target[part]
        if change.value is None:
            target.pop(change.field, None)
        else:
            target[change.field] = list(change.value) if isinstance(change.value, tuple) else change.value
    try:
        found = yamlfile.parse(after, label).data
    except DayePlanError:
        found = None
    if found != expected:
        raise _cannot(label, ", ".join(dict.fromkeys(change.field for change in edits)))


def _cannot(label: Path | str, what: str) -> DayePlanError:
    message = _("cannot change {what} here without rewriting the file's layout; edit it by hand").format(what=what)
    return DayePlanError([Problem(label, None, None, message)])
