"""Safe YAML reading that remembers where every value came from.

Owns turning YAML text into plain Python data (dicts, lists, str, int, Decimal, bool, None,
dates) together with a map from each value's path to its line and column, so that any later
check — pydantic's or ours — can say `path:line:col`. It refuses what a plan file never needs
and an attacker could use: tags other than YAML's standard scalars, anchors and aliases
(no "billion laughs"), duplicate keys and runaway nesting; text holding a line break, a control
or an invisible character (`model.texts`: every text of a plan is one line a person can see);
a date that is no day (`2024-02-30`); and the YAML 1.1 readings that would silently change a
figure (`2:15` as 135, `0x2d`, `017` as 15, `1_000`). It notes where a bare
word was read as a boolean (`yes`, `off`), so that a number or text expected there is refused
with that reason. It reads text; it does not open files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from daye_plan.i18n import N_, _
from daye_plan.model.errors import DayePlanError, Problem
from daye_plan.model.positions import FilePositions, Loc, Mark
from daye_plan.model.texts import text_problem

# libyaml is ~10x faster to parse; the pure-Python parser gives the same nodes. A PyYAML built
# without libyaml has no CSafeLoader.
_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
_STR = "tag:yaml.org,2002:str"
_ALLOWED_SCALARS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_BASES = (  # translated where they are said
    (
        "0x",
        N_(
            "{text!r} is a hexadecimal number in YAML 1.1 ({value}); write it in decimal digits, or quote it if it is text"
        ),
    ),
    (
        "0b",
        N_("{text!r} is a binary number in YAML 1.1 ({value}); write it in decimal digits, or quote it if it is text"),
    ),
    (
        "0",
        N_("{text!r} is an octal number in YAML 1.1 ({value}); write it in decimal digits, or quote it if it is text"),
    ),
)


@dataclass(frozen=True)
class Located:
    """Parsed YAML data, the position of every value (and mapping key), and the bare words read as booleans."""

    data: Any
    positions: FilePositions
    booleans: Mapping[Loc, str] = field(default_factory=dict)  # where a bare word became True/False: its text

    def mark(self, loc: Loc, *, key: bool = False) -> Mark:
        """Position of `loc`, or of its nearest ancestor that exists in the file."""
        return self.positions.mark(loc, key=key)


def parse(text: str, path: Path | str) -> Located:
    """Parse one YAML document; every problem raises `DayePlanError` with its position."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        reason = exc.problem or exc.context or _("invalid YAML")
        message = _("YAML syntax error: {reason}").format(reason=reason)
        raise DayePlanError([Problem(path, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise DayePlanError([Problem(path, None, None, _("YAML error: {reason}").format(reason=exc))]) from None
    except RecursionError:
        raise DayePlanError([Problem(path, None, None, _("YAML nesting is too deep"))]) from None
    if root is None:
        raise DayePlanError([Problem(path, 1, 1, _("the file is empty"))])
    builder = _Builder(path)
    data = builder.build(root, (), 0)
    return Located(data, FilePositions(path, builder.values, builder.keys), builder.booleans)


class _Builder:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.values: dict[Loc, Mark] = {}
        self.keys: dict[Loc, Mark] = {}
        self.booleans: dict[Loc, str] = {}
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> DayePlanError:
        return DayePlanError([Problem(self.path, node.start_mark.line + 1, node.start_mark.column + 1, message)])

    def build(self, node: yaml.Node, at: Loc, depth: int) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, _("anchors and aliases (&name / *name) are not allowed in plan files"))
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(node, _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH))
        self.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise self.fail(node, _tag_message(node.tag))
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, _("a mapping key must be plain text"))
                key = self.scalar(key_node)
                if isinstance(key, Decimal | float | bool):  # a key is a name: `on:` is the word on
                    key = key_node.value
                if key in result:
                    first = self.keys[(*at, key)]
                    message = _("duplicate key {key!r} (first at line {line})").format(key=key, line=first[0])
                    raise self.fail(key_node, message)
                self.keys[(*at, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*at, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(node, _tag_message(node.tag))
            return [self.build(item, (*at, index), depth + 1) for index, item in enumerate(node.value)]
        value = self.scalar(node)
        if isinstance(value, bool):
            self.booleans[at] = node.value
        return value

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag not in _ALLOWED_SCALARS:
            raise self.fail(node, _tag_message(tag))
        text: str = node.value
        if tag == _STR:
            problem = text_problem(text, one_line=True)
            if problem is not None:
                shown = text if len(text) <= 40 else text[:40] + "…"
                raise self.fail(node, _("the text {text!r} {problem}").format(text=shown, problem=problem))
            return text
        if tag == "tag:yaml.org,2002:int" and not _PLAIN_INT.fullmatch(text):
            raise self.fail(node, _yaml11_number(text, _constructed(node)))
        if tag == "tag:yaml.org,2002:float":
            if ":" in text or "_" in text:
                raise self.fail(node, _yaml11_number(text, _constructed(node)))
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise self.fail(node, _("{text!r} is not a finite number").format(text=text)) from None
            if not number.is_finite():
                raise self.fail(node, _("{text!r} is not a finite number").format(text=text))
            return number
        if tag == "tag:yaml.org,2002:timestamp":
            try:
                value = _CONSTRUCTOR.construct_object(node)
            except (ValueError, OverflowError):  # 2024-02-30, 2024-13-01, 2024-01-01 25:00:00
                message = _("{text!r} is written as a date, but there is no such day or time; quote it if it is text")
                raise self.fail(node, message.format(text=text)) from None
            if isinstance(value, dt.datetime):
                raise self.fail(node, _("{text!r}: a date is written YYYY-MM-DD, without a time").format(text=text))
            return value
        return _CONSTRUCTOR.construct_object(node)


def _constructed(node: yaml.Node) -> Any:
    """The value PyYAML gives a scalar; None where it cannot make one (`0b_` resolves as a binary
    number that has no digits)."""
    try:
        return _CONSTRUCTOR.construct_object(node)
    except (ValueError, OverflowError):
        return None


def _yaml11_number(text: str, value: Any) -> str:
    """Why a number written the YAML 1.1 way is refused: it would not mean what it seems to."""
    if value is None:
        return _("{text!r} is not a number; write it in decimal digits, or quote it if it is text").format(text=text)
    shown = format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)
    if ":" in text:
        message = _(
            "{text!r} is a base-60 number in YAML 1.1 ({value}); write the number itself, or quote it if it is text"
        )
        return message.format(text=text, value=shown)
    if "_" in text:
        message = _("{text!r}: `_` is not allowed in a number; write {plain}, or quote it if it is text")
        return message.format(text=text, plain=text.replace("_", ""))
    unsigned = text.lstrip("+-").lower()
    default = N_(
        "{text!r} is a non-decimal number in YAML 1.1 ({value}); write it in decimal digits, or quote it if it is text"
    )
    message = next((message for prefix, message in _BASES if unsigned.startswith(prefix)), default)
    return _(message).format(text=text, value=shown)


def boolean_message(text: str) -> str:
    """Why a bare word read as a boolean is refused where a number or text is expected."""
    message = _("{text!r} is read as a boolean (true/false) here; write a number, or quote it ('{text}') if it is text")
    return message.format(text=text)


def _tag_message(tag: str) -> str:
    return _("tag {tag!r} is not allowed (plain YAML only)").format(tag=tag)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
