"""Safe YAML reading that remembers where every value came from.

Owns turning YAML text into plain Python data (dicts, lists, str, int, Decimal, bool, None,
dates) together with a map from each value's path to its line and column, so that any later
check — pydantic's or ours — can say `path:line:col`. It refuses what a plan file never needs
and an attacker could use: tags other than YAML's standard scalars, anchors and aliases
(no "billion laughs"), duplicate keys and runaway nesting. It reads text; it does not open files.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from daye_plan.model.errors import DayePlanError, Problem

try:  # libyaml is ~10x faster to parse; the pure-Python parser gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line, column

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


class Located:
    """Parsed YAML data plus the position of every value (and of every mapping key)."""

    def __init__(self, data: Any, values: dict[Path_, Mark], keys: dict[Path_, Mark]) -> None:
        self.data = data
        self.values = values
        self.keys = keys

    def mark(self, loc: Path_, *, key: bool = False) -> Mark:
        """Position of `loc`, or of its nearest ancestor that exists in the file."""
        if key and loc in self.keys:
            return self.keys[loc]
        probe = tuple(loc)
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def parse(text: str, path: Path | str) -> Located:
    """Parse one YAML document; every problem raises `DayePlanError` with its position."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        reason = exc.problem or exc.context or "invalid YAML"
        raise DayePlanError([Problem(path, line, col, f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise DayePlanError([Problem(path, None, None, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise DayePlanError([Problem(path, None, None, "YAML nesting is too deep")]) from None
    if root is None:
        raise DayePlanError([Problem(path, 1, 1, "the file is empty")])
    builder = _Builder(path)
    data = builder.build(root, (), 0)
    return Located(data, builder.values, builder.keys)


class _Builder:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.values: dict[Path_, Mark] = {}
        self.keys: dict[Path_, Mark] = {}
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> DayePlanError:
        return DayePlanError([Problem(self.path, node.start_mark.line + 1, node.start_mark.column + 1, message)])

    def build(self, node: yaml.Node, at: Path_, depth: int) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, "anchors and aliases (&name / *name) are not allowed in plan files")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels")
        self.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise self.fail(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "a mapping key must be plain text")
                key = self.scalar(key_node)
                if isinstance(key, Decimal | float):
                    key = key_node.value
                if key in result:
                    first = self.keys[(*at, key)]
                    raise self.fail(key_node, f"duplicate key {key!r} (first at line {first[0]})")
                self.keys[(*at, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*at, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
            return [self.build(item, (*at, index), depth + 1) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag not in _ALLOWED_SCALARS:
            raise self.fail(node, f"tag {tag!r} is not allowed (plain YAML only)")
        text: str = node.value
        if tag == _STR:
            return text
        if tag == "tag:yaml.org,2002:float":
            try:
                number = Decimal(text.replace("_", ""))
            except InvalidOperation:
                raise self.fail(node, f"{text!r} is not a finite number") from None
            if not number.is_finite():
                raise self.fail(node, f"{text!r} is not a finite number")
            return number
        if tag == "tag:yaml.org,2002:timestamp":
            value = _CONSTRUCTOR.construct_object(node)
            if isinstance(value, dt.datetime):
                raise self.fail(node, f"{text!r}: a date is written YYYY-MM-DD, without a time")
            return value
        return _CONSTRUCTOR.construct_object(node)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
