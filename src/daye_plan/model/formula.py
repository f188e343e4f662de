"""Formulas of derived indicators: `industrial_projects / signed_projects * 100`, parsed without eval.

Owns the small formula language — decimal numbers, indicator ids (bare, or `action.indicator`),
`+ - * /`, unary minus and parentheses, with the usual precedence — its tokenizer and
recursive-descent parser, the syntax tree, its evaluation on Decimals and the unit its result
is in. It knows nothing of plans, files or the command line: ids are plain names here, and
`schema` decides what they refer to. A bad formula raises `FormulaError` with the 1-based
column of the problem; evaluation never raises (a missing input or a division by zero is None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Literal

from daye_plan.i18n import _

MAX_LENGTH = 500
MAX_DEPTH = 50
NAME = r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?"

Operator = Literal["+", "-", "*", "/"]
_PRECEDENCE: dict[str, int] = {"+": 1, "-": 1, "*": 2, "/": 2}
_TOKEN = re.compile(rf"(?P<space>\s+)|(?P<number>\d+(?:\.\d+)?)|(?P<name>{NAME})|(?P<op>[-+*/()])")

# What `result_unit` says beyond a unit name: a bare number, or a ratio of two like figures.
PURE_NUMBER = "#"
RATIO = ""


class FormulaError(ValueError):
    """A formula that does not parse, or adds unlike units; `column` is 1-based in the formula."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.message = message
        self.column = column
        if column is not None:
            message = _("{message} at column {column}").format(message=message, column=column)
        super().__init__(message)


class Node:
    """A node of a formula's syntax tree."""

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal | None:
        """The formula's value for `values` (id → figure); None when an input is missing or a divisor is 0."""
        raise NotImplementedError

    def names(self) -> tuple[str, ...]:
        """The ids the formula uses, each once, in the order they first appear."""
        return tuple(dict.fromkeys(self._walk_names()))

    def show(self, label: Callable[[str], str] = str) -> str:
        """The formula as text, each id written as `label(id)` (by default the id itself)."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.show()

    def _walk_names(self) -> Iterator[str]:
        return iter(())


@dataclass(frozen=True)
class Number(Node):
    value: Decimal

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal | None:
        return self.value

    def show(self, label: Callable[[str], str] = str) -> str:
        text = format(self.value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Name(Node):
    name: str

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal | None:
        return values.get(self.name)

    def _walk_names(self) -> Iterator[str]:
        yield self.name

    def show(self, label: Callable[[str], str] = str) -> str:
        return label(self.name)


@dataclass(frozen=True)
class Negate(Node):
    operand: Node

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal | None:
        value = self.operand.evaluate(values)
        return None if value is None else -value

    def _walk_names(self) -> Iterator[str]:
        return self.operand._walk_names()

    def show(self, label: Callable[[str], str] = str) -> str:
        inner = self.operand.show(label)
        return f"-({inner})" if isinstance(self.operand, Binary) else f"-{inner}"


@dataclass(frozen=True)
class Binary(Node):
    op: Operator
    left: Node
    right: Node

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal | None:
        left, right = self.left.evaluate(values), self.right.evaluate(values)
        if left is None or right is None:
            return None
        if self.op == "+":
            return left + right
        if self.op == "-":
            return left - right
        if self.op == "*":
            return left * right
        if right == 0:
            return None
        try:
            return left / right
        except (DivisionByZero, InvalidOperation):  # pragma: no cover - guarded above
            return None

    def _walk_names(self) -> Iterator[str]:
        yield from self.left._walk_names()
        yield from self.right._walk_names()

    def show(self, label: Callable[[str], str] = str) -> str:
        # Brackets only where the tree needs them, so that parse(str(tree)) == tree.
        left, right = self.left.show(label), self.right.show(label)
        own = _PRECEDENCE[self.op]
        if _precedence(self.left) < own:
            left = f"({left})"
        if _precedence(self.right) <= own:
            right = f"({right})"
        return f"{left} {self.op} {right}"


def _precedence(node: Node) -> int:
    return _PRECEDENCE[node.op] if isinstance(node, Binary) else 3


_TokenKind = Literal["number", "name", "op", "end"]
_KINDS: dict[str, _TokenKind] = {"number": "number", "name": "name", "op": "op"}


@dataclass(frozen=True)
class _Token:
    kind: _TokenKind
    text: str
    column: int


def tokenize(text: str) -> list[_Token]:
    """The tokens of `text`, ending with an `end` token; an unknown character is a FormulaError."""
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            if text[position].isalpha():
                message = _("unexpected {character!r} (ids are lower-case ASCII: a-z, 0-9, _)")
            else:
                message = _("unexpected {character!r}")
            raise FormulaError(message.format(character=text[position]), position + 1)
        kind = _KINDS.get(match.lastgroup or "space")
        if kind is not None:
            tokens.append(_Token(kind, match.group(), position + 1))
        position = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def parse(text: str) -> Node:
    """The syntax tree of a formula; raises FormulaError (with a column) when it is not one.

    Grammar: expr = term {("+" | "-") term}; term = unary {("*" | "/") unary};
    unary = "-" unary | atom; atom = number | id | "(" expr ")".
    """
    if len(text) > MAX_LENGTH:
        raise FormulaError(_("a formula is at most {count} characters").format(count=MAX_LENGTH))
    if not text.strip():
        raise FormulaError(_("the formula is empty"))
    return _Parser(tokenize(text)).formula()


# The binary operators by precedence, loosest first, each as the token that writes it.
_BINARY: tuple[dict[str, Operator], ...] = ({"+": "+", "-": "-"}, {"*": "*", "/": "/"})


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def formula(self) -> Node:
        node = self.expr()
        token = self.current
        if token.text == ")":
            raise FormulaError(_("unexpected ')' with no '(' before it"), token.column)
        if token.kind != "end":
            raise FormulaError(_("unexpected {token!r} (expected an operator)").format(token=token.text), token.column)
        return node

    def expr(self, level: int = 0) -> Node:
        """One level of `_BINARY`: the next level's operands joined left to right by its operators
        (`expr` and `term` of the grammar); past the tightest level, a `unary`."""
        if level == len(_BINARY):
            return self.unary()
        operators = _BINARY[level]
        node = self.expr(level + 1)
        while self.current.kind == "op" and self.current.text in operators:
            op = operators[self.take().text]
            node = Binary(op, node, self.expr(level + 1))
        return node

    def unary(self) -> Node:
        token = self.current
        if token.kind == "op" and token.text == "-":
            self.take()
            self.enter(token)
            node = Negate(self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Number(Decimal(token.text))
        if token.kind == "name":
            return Name(token.text)
        if token.kind == "op" and token.text == "(":
            self.enter(token)
            node = self.expr()
            self.depth -= 1
            closing = self.take()
            if closing.text != ")" or closing.kind != "op":
                if closing.kind == "end":
                    message = _("expected ')' to close the '(' at column {column}, found the end")
                else:
                    message = _("expected ')' to close the '(' at column {column}, found {token!r}")
                raise FormulaError(message.format(column=token.column, token=closing.text), closing.column)
            return node
        if token.kind == "end":
            message = _("expected a number, an indicator id or '(', found the end of the formula")
        else:
            message = _("expected a number, an indicator id or '(', found {token!r}")
        raise FormulaError(message.format(token=token.text), token.column)

    def enter(self, token: _Token) -> None:
        # Bounded nesting: a hostile formula cannot exhaust the stack.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(_("nesting deeper than {depth} levels").format(depth=MAX_DEPTH), token.column)


def result_unit(node: Node, units: Mapping[str, str]) -> str | None:
    """The unit of a formula's result given its inputs' units, where arithmetic can tell.

    A unit name (`个`, `亿元`, `%`); `RATIO` for like figures divided (`a / b`); `PURE_NUMBER`
    for a formula of numbers alone; None when it cannot tell (a product of two units, a ratio
    scaled by something other than 100). A ratio times 100 (`a / b * 100`, `100 * a / b`) is
    in `%`. Adding or subtracting unlike units raises FormulaError (no column: the whole
    formula is at fault).
    """
    dimension = _dimension(node, units)
    if dimension.units is None:
        return PURE_NUMBER
    if not dimension.units:
        return {Decimal(1): RATIO, Decimal(100): "%"}.get(dimension.factor) if dimension.factor is not None else None
    if len(dimension.units) == 1 and next(iter(dimension.units.values())) == 1:
        return next(iter(dimension.units))
    return None


@dataclass(frozen=True)
class _Dimension:
    """Units with their exponents (None: a bare number, which takes the unit it is added to) and
    the constant factor a dimensionless result carries (None once it cannot be told)."""

    units: Mapping[str, int] | None
    factor: Decimal | None


def _dimension(node: Node, units: Mapping[str, str]) -> _Dimension:
    if isinstance(node, Number):
        return _Dimension(None, node.value)
    if isinstance(node, Name):
        return _Dimension({units[node.name]: 1} if node.name in units else {"?" + node.name: 1}, Decimal(1))
    if isinstance(node, Negate):
        return _dimension(node.operand, units)
    assert isinstance(node, Binary)
    left, right = _dimension(node.left, units), _dimension(node.right, units)
    if node.op in ("+", "-"):
        if left.units is None or right.units is None or left.units == right.units:
            same = left.factor if left.factor == right.factor else None
            return _Dimension(right.units if left.units is None else left.units, same)
        message = _("cannot add {left} and {right}") if node.op == "+" else _("cannot subtract {left} and {right}")
        raise FormulaError(message.format(left=_unit_words(left), right=_unit_words(right)))
    sign = 1 if node.op == "*" else -1
    if left.units is None and right.units is None:
        combined: dict[str, int] | None = None
    else:
        combined = dict(left.units or {})
        for unit, power in (right.units or {}).items():
            combined[unit] = combined.get(unit, 0) + sign * power
        combined = {unit: power for unit, power in combined.items() if power}
    if left.factor is None or right.factor is None or (sign < 0 and right.factor == 0):
        return _Dimension(combined, None)
    return _Dimension(combined, left.factor * right.factor if sign > 0 else left.factor / right.factor)


def _unit_words(dimension: _Dimension) -> str:
    if dimension.units is None:
        return _("a number")
    if not dimension.units:
        return _("a ratio")
    return " ".join(unit if power == 1 else f"{unit}^{power}" for unit, power in dimension.units.items())
