"""Derived and linked indicators: the formula language, and what `validate` says about links."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import MINI_META, write_plan

from daye_plan.model.errors import PlanInvalid
from daye_plan.model.formula import (
    PURE_NUMBER,
    RATIO,
    Binary,
    FormulaError,
    Name,
    Negate,
    Node,
    Number,
    parse,
    result_unit,
)
from daye_plan.storage.plans import load_plan

a, b, c = Name("a"), Name("b"), Name("c")


class TestParse:
    def test_precedence(self) -> None:
        assert parse("a + b * c") == Binary("+", a, Binary("*", b, c))
        assert parse("a * b - c / 2") == Binary("-", Binary("*", a, b), Binary("/", c, Number(Decimal(2))))

    def test_left_associative(self) -> None:
        assert parse("a - b - c") == Binary("-", Binary("-", a, b), c)
        assert parse("a / b / c") == Binary("/", Binary("/", a, b), c)

    def test_parentheses(self) -> None:
        assert parse("(a + b) * c") == Binary("*", Binary("+", a, b), c)
        assert parse("((a))") == a

    def test_unary_minus(self) -> None:
        assert parse("-a * b") == Binary("*", Negate(a), b)
        assert parse("a - -b") == Binary("-", a, Negate(b))
        assert parse("-(a + b)") == Negate(Binary("+", a, b))

    def test_qualified_ids_and_decimals(self) -> None:
        node = parse("investment.industrial_projects / investment.signed_projects * 100.5")
        assert node.names() == ("investment.industrial_projects", "investment.signed_projects")
        assert str(node) == "investment.industrial_projects / investment.signed_projects * 100.5"

    def test_names_each_once_in_order(self) -> None:
        assert parse("b + a * b - c").names() == ("b", "a", "c")

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("a +", "expected a number, an indicator id or '(', found the end of the formula at column 4"),
            ("a b", "unexpected 'b' (expected an operator) at column 3"),
            ("(a + b", "expected ')' to close the '(' at column 1, found the end at column 7"),
            ("a + b)", "unexpected ')' with no '(' before it at column 6"),
            ("a $ b", "unexpected '$' at column 3"),
            ("Signed / 2", "unexpected 'S' (ids are lower-case ASCII: a-z, 0-9, _) at column 1"),
            ("1e3 * a", "unexpected 'e3' (expected an operator) at column 2"),
            ("+a", "expected a number, an indicator id or '(', found '+' at column 1"),
            ("a ** b", "expected a number, an indicator id or '(', found '*' at column 4"),
            ("__import__('os')", "unexpected '_' at column 1"),
            ("  ", "the formula is empty"),
            ("(" * 60 + "a" + ")" * 60, "nesting deeper than 50 levels at column 51"),
            ("a" + " + a" * 200, "a formula is at most 500 characters"),
        ],
    )
    def test_errors_say_where(self, text: str, message: str) -> None:
        with pytest.raises(FormulaError) as caught:
            parse(text)
        assert str(caught.value) == message


class TestEvaluate:
    def test_share(self) -> None:
        share = parse("industrial / signed * 100").evaluate({"industrial": Decimal(100), "signed": Decimal(135)})
        assert share is not None
        assert round(share, 1) == Decimal("74.1")

    def test_sum_and_unary_minus(self) -> None:
        assert parse("a + b + c").evaluate({"a": Decimal(2), "b": Decimal(5), "c": Decimal(18)}) == 25
        assert parse("-a - -b").evaluate({"a": Decimal(2), "b": Decimal(5)}) == 3

    def test_division_by_zero_is_none(self) -> None:
        assert parse("a / b * 100").evaluate({"a": Decimal(1), "b": Decimal(0)}) is None
        assert parse("a / (b - b)").evaluate({"a": Decimal(0), "b": Decimal(3)}) is None

    def test_a_missing_input_is_none(self) -> None:
        assert parse("a + b").evaluate({"a": Decimal(1)}) is None


class TestResultUnit:
    def test_units(self) -> None:
        count = {"a": "个", "b": "个", "c": "个", "m": "亿元"}
        assert result_unit(parse("a / b * 100"), count) == "%"
        assert result_unit(parse("100 * a / b"), count) == "%"
        assert result_unit(parse("(a - b) / b * 100"), count) == "%"
        assert result_unit(parse("a / b * 1000"), count) is None  # per mille: no unit for it
        assert result_unit(parse("a / b"), count) == RATIO
        assert result_unit(parse("a + b + c"), count) == "个"
        assert result_unit(parse("m / a"), count) is None
        assert result_unit(parse("m * 2"), count) == "亿元"
        assert result_unit(parse("a / b * m"), count) == "亿元"
        assert result_unit(parse("m * m"), count) is None
        assert result_unit(parse("1 + 2"), count) == PURE_NUMBER

    def test_adding_unlike_units_is_refused(self) -> None:
        with pytest.raises(FormulaError, match=r"^cannot add 个 and 亿元$"):
            result_unit(parse("a + m"), {"a": "个", "m": "亿元"})


def trees() -> st.SearchStrategy[Node]:
    leaves = st.one_of(
        st.sampled_from(["a", "b", "c", "x.y"]).map(Name),
        st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False).map(Number),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(Negate),
            st.tuples(st.sampled_from(["+", "-", "*", "/"]), inner, inner).map(lambda t: Binary(t[0], t[1], t[2])),  # type: ignore[arg-type]
        ),
        max_leaves=12,
    )


def exact(node: Node, values: dict[str, Fraction]) -> Fraction | None:
    """The same arithmetic on Fractions, as a reference."""
    if isinstance(node, Number):
        return Fraction(node.value)
    if isinstance(node, Name):
        return values[node.name]
    if isinstance(node, Negate):
        inner = exact(node.operand, values)
        return None if inner is None else -inner
    assert isinstance(node, Binary)
    left, right = exact(node.left, values), exact(node.right, values)
    if left is None or right is None or (node.op == "/" and right == 0):
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    return left * right if node.op == "*" else left / right


@given(trees())
def test_printing_and_parsing_round_trip(tree: Node) -> None:
    assert parse(str(tree)) == tree


@given(trees(), st.lists(st.integers(min_value=-50, max_value=50), min_size=4, max_size=4))
def test_evaluation_matches_exact_arithmetic(tree: Node, numbers: list[int]) -> None:
    values = dict(zip(["a", "b", "c", "x.y"], numbers, strict=True))
    got = tree.evaluate({k: Decimal(v) for k, v in values.items()})
    want = exact(tree, {k: Fraction(v) for k, v in values.items()})
    if want is None:
        assert got is None
    else:
        assert got is not None
        assert abs(Fraction(got) - want) <= abs(want) * Fraction(1, 10**20) + Fraction(1, 10**20)


@given(st.text(alphabet="ab.1 ()+-*/_$e", max_size=30))
def test_any_text_parses_or_raises_formula_error(text: str) -> None:
    with contextlib.suppress(FormulaError):
        parse(text)


# -- links in `validate` --------------------------------------------------------------------------

HEAD = """\
id: alpha
name: 招商引资
title: 招商引资行动
theme: 在加快集群强链上下功夫
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 135, quote: 新签约项目135个}]
  - id: industrial
    name: 工业项目
    unit: 个
    kind: cumulative
    targets: [{period: annual, cmp: ">=", value: 100, quote: 工业项目100个}]
  - {id: task, name: 政策落实包, kind: milestone, targets: [{period: q1, quote: 形成政策落实包}]}
"""
SHARE = """\
  - id: share
    name: 工业项目占比
    unit: "%"
    kind: level
    formula: {formula}
    targets: [{{period: annual, cmp: ">=", value: 75, quote: 占比不低于75%}}]
"""
BETA = """\
id: beta
name: 项目建设
title: 项目建设行动
theme: 在扩大有效投资上下功夫
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    same_as: {ref}
    targets: [{{period: annual, cmp: ">=", value: 135, quote: 新签约项目135个}}]
"""
TWO_ACTIONS = MINI_META.replace("actions: [alpha]", "actions: [alpha, beta]")


def problems(tmp_path: Path, alpha: str, beta: str | None = None) -> list[str]:
    folder = write_plan(
        tmp_path, TWO_ACTIONS if beta else MINI_META, **({"alpha": alpha, "beta": beta} if beta else {"alpha": alpha})
    )
    with pytest.raises(PlanInvalid) as caught:
        load_plan(folder)
    return [f"{Path(str(p.path)).name}:{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def share(formula: str) -> str:
    return HEAD + SHARE.format(formula=formula)


class TestValidateFormulas:
    def test_a_good_formula_loads(self, tmp_path: Path) -> None:
        plan = load_plan(write_plan(tmp_path, alpha=share("industrial / signed * 100")))
        assert plan.action("alpha").indicator("share").expression == parse("industrial / signed * 100")

    def test_bad_syntax_with_its_column(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("industrial / / signed")) == [
            "alpha.yaml:21:14: indicators.3.formula: expected a number, an indicator id or '(', found '/' at column 14"
        ]

    def test_unknown_id(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("industrial / sigend * 100")) == [
            "alpha.yaml:21:14: formula names 'sigend': 'alpha' has no indicator 'sigend'"
        ]

    def test_unknown_action(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("industrial / gamma.signed * 100")) == [
            "alpha.yaml:21:14: formula names 'gamma.signed': no action 'gamma' in the plan"
        ]

    def test_itself(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("share + 1")) == [
            "alpha.yaml:21:14: the formula of 'share' uses 'share' itself"
        ]

    def test_a_milestone_input(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("task / signed * 100")) == [
            "alpha.yaml:21:14: formula input 'task' is a milestone, which has no figure"
        ]

    def test_a_ratio_is_not_a_percent(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("industrial / signed")) == [
            "alpha.yaml:21:14: the formula gives a ratio of like figures, but the indicator's unit is '%'; "
            "multiply by 100 for a percent"
        ]

    def test_a_sum_in_another_unit(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("industrial + signed")) == [
            "alpha.yaml:21:14: the formula gives '个', but the indicator's unit is '%'"
        ]

    def test_no_inputs(self, tmp_path: Path) -> None:
        assert problems(tmp_path, share("2 * 50")) == [
            "alpha.yaml:21:14: the formula uses no indicator; a fixed figure is a target, not a formula"
        ]

    def test_a_cycle_of_formulas(self, tmp_path: Path) -> None:
        text = share("industrial / signed * 100").replace(
            "name: 新签约项目\n    unit: 个\n",
            "name: 新签约项目\n    unit: 个\n    formula: share * industrial / 100\n",
        )
        assert problems(tmp_path, text) == [
            "alpha.yaml:22:14: cycle of same_as/formula links: alpha.signed → alpha.share → alpha.signed"
        ]

    def test_not_both_same_as_and_formula(self, tmp_path: Path) -> None:
        text = share("industrial / signed * 100").replace("    kind: level\n", "    kind: level\n    same_as: signed\n")
        assert problems(tmp_path, text) == [
            "alpha.yaml:17:5: indicators.3: "
            "an indicator is either `same_as` another or derived by a `formula`, not both"
        ]


class TestValidateSameAs:
    def test_a_good_link_loads_and_resolves(self, tmp_path: Path) -> None:
        plan = load_plan(write_plan(tmp_path, TWO_ACTIONS, alpha=HEAD, beta=BETA.format(ref="alpha.signed")))
        assert plan.resolve_alias("beta", "signed") == ("alpha", "signed")
        assert plan.resolve_alias("alpha", "signed") == ("alpha", "signed")

    def test_missing_target(self, tmp_path: Path) -> None:
        assert problems(tmp_path, HEAD, BETA.format(ref="alpha.sigend")) == [
            "beta.yaml:10:14: same_as 'alpha.sigend': 'alpha' has no indicator 'sigend'"
        ]
        assert problems(tmp_path, HEAD, BETA.format(ref="gamma.signed")) == [
            "beta.yaml:10:14: same_as 'gamma.signed': no action 'gamma' in the plan"
        ]

    def test_itself(self, tmp_path: Path) -> None:
        assert problems(tmp_path, HEAD, BETA.format(ref="signed")) == [
            "beta.yaml:10:14: same_as: 'signed' names itself"
        ]

    def test_a_cycle_across_actions(self, tmp_path: Path) -> None:
        alpha = HEAD.replace(
            "name: 新签约项目\n    unit: 个\n", "name: 新签约项目\n    unit: 个\n    same_as: beta.signed\n"
        )
        assert problems(tmp_path, alpha, BETA.format(ref="alpha.signed")) == [
            "beta.yaml:10:14: cycle of same_as/formula links: alpha.signed → beta.signed → alpha.signed"
        ]

    def test_a_malformed_reference(self, tmp_path: Path) -> None:
        assert problems(tmp_path, HEAD, BETA.format(ref="Alpha.signed"))[0] == (
            "beta.yaml:10:14: indicators.0.same_as: must name an indicator: its id, or action_id.indicator_id "
            "(a-z, 0-9 and _)"
        )


class TestFigures:
    """`Plan.figure`: what the runtime asks for a derived or aliased indicator."""

    def test_derived_from_an_alias_and_a_stored_figure(self, tmp_path: Path) -> None:
        alpha = share("industrial / beta.signed * 100")
        plan = load_plan(write_plan(tmp_path, TWO_ACTIONS, alpha=alpha, beta=BETA.format(ref="alpha.signed")))
        stored = {("alpha", "signed"): Decimal(120), ("alpha", "industrial"): Decimal(90)}
        asked: list[tuple[str, str]] = []

        def lookup(action_id: str, indicator_id: str) -> Decimal | None:
            asked.append((action_id, indicator_id))
            return stored.get((action_id, indicator_id))

        assert plan.figure("alpha", "share", lookup) == Decimal(75)
        assert sorted(asked) == [("alpha", "industrial"), ("alpha", "signed")]
        assert plan.figure("beta", "signed", lookup) == 120
        stored[("alpha", "signed")] = Decimal(0)
        assert plan.figure("alpha", "share", lookup) is None
        del stored[("alpha", "industrial")]
        assert plan.figure("alpha", "share", lookup) is None


@pytest.mark.slow  # a plan of 1,500 linked indicators
def test_a_long_chain_of_links_is_walked_without_recursion(tmp_path: Path) -> None:
    """Cycle detection keeps its own stack: 1,500 `same_as` links in a row do not exhaust Python's."""
    links = "".join(
        f"  - {{id: s{i}, name: 链{i}, unit: 个, kind: cumulative, same_as: s{i + 1}, "
        f"targets: [{{period: annual, cmp: '>=', value: 1, quote: 链{i}一个}}]}}\n"
        for i in range(1500)
    )
    last = "  - {id: s1500, name: 链1500, unit: 个, kind: cumulative, targets: [{period: annual, quote: 链一个, cmp: '>=', value: 1}]}\n"
    text = "id: alpha\nname: 招商引资\ntitle: 招商引资行动\ntheme: 主题\nindicators:\n" + links + last
    plan = load_plan(write_plan(tmp_path, MINI_META, alpha=text))
    assert plan.resolve_alias("alpha", "s0") == ("alpha", "s1500")
    cyclic = text.replace("same_as: s1499", "same_as: s0")
    with pytest.raises(PlanInvalid, match=r"cycle of same_as/formula links: alpha.s0 → alpha.s1 → "):
        load_plan(write_plan(tmp_path, MINI_META, alpha=cyclic))
