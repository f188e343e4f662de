"""The shape of a plan: pydantic models for the plan meta, actions, indicators and targets.

This module owns what a valid plan *is*: field names, allowed values and the rules that tie
fields of one model together (a comparator is one of six, a numeric target has a value). It does
no I/O and knows nothing about YAML, files or the command line; `storage.plans` feeds it plain data
and maps its errors back to file positions, and `model.rules` checks what ties models together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from daye_plan.model import formula as formulas

ASCII_ID = r"^[a-z][a-z0-9_]*$"
REF = r"^([a-z][a-z0-9_]*\.)?[a-z][a-z0-9_]*$"  # an indicator: `action_id.indicator_id`, or a bare id of this action
LintCheck = Literal[
    "sub-targets", "share-vs-count", "q1-vs-annual", "same-measure", "running-total", "level-order", "linked-mismatch"
]
Level = Literal["确保", "力争"]
LEVELS: tuple[str, ...] = ("确保", "力争")


class Comparator(StrEnum):
    """How an actual is judged against a target value."""

    AT_LEAST = ">="  # 不少于, 不低于, 以上, 达到
    MORE_THAN = ">"  # 超过, 大于, 突破
    AT_MOST = "<="  # 以内, 压减至
    LESS_THAN = "<"
    EQUAL = "=="
    ABOUT = "~"  # 左右

    @property
    def is_upper_bound(self) -> bool:
        return self in (Comparator.AT_MOST, Comparator.LESS_THAN)


class Kind(StrEnum):
    CUMULATIVE = "cumulative"  # year-to-date flow
    LEVEL = "level"  # point-in-time figure: rate, share, growth, running total, rank
    MILESTONE = "milestone"  # qualitative task: done or not


class Pace(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    CHECKPOINTS = "checkpoints"


def _strict_number(value: Any) -> Any:
    """Accept YAML numbers only; a string such as '1e3' (YAML 1.1 reads it as text) is refused."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, str):
        raise ValueError(f"expected a number, got the text {value!r} (write plain digits, e.g. 1000 or 3.5)")
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"expected a finite number, got {value}")
    return value


Number = Annotated[Decimal, BeforeValidator(_strict_number)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Target(Strict):
    """One goal for one period: `>= 135 个`, 确保 or 力争, with the source wording that sets it."""

    period: str = Field(description="a period the plan meta declares: annual or q1")
    cmp: Comparator | None = Field(None, description="comparator; absent for milestones")
    value: Number | None = Field(None, description="target value in the indicator's unit")
    per: Literal["month"] | None = Field(
        None,
        description="a recurring target: `value` is due every month (每月至少开展1次); "
        "the period's target is value × months in the period",
    )
    level: Level | None = Field(None, description="确保 (floor), 力争 (stretch) or absent")
    quote: str = Field(min_length=2, description="the exact source wording that sets this target")
    note: str | None = Field(None, description="how the wording was read, where it needs care")

    def period_value(self, period: Period) -> Decimal | None:
        """The target for the whole period: a `per: month` value times the months in it."""
        if self.value is None or self.per is None:
            return self.value
        return self.value * period.months

    @model_validator(mode="after")
    def _cmp_and_value_together(self) -> Target:
        if (self.cmp is None) != (self.value is None):
            raise ValueError("a numeric target needs both `cmp` and `value`; a milestone neither")
        return self


class Bounds(Strict):
    """The range an indicator's figures can take; `record` refuses values outside it."""

    min: Number | None = None
    max: Number | None = None


class Indicator(Strict):
    id: str = Field(pattern=ASCII_ID, description="ASCII id, unique within the plan's action")
    name: str = Field(min_length=1, description="Chinese name as the source document says it")
    unit: str = Field("", description="canonical unit: 个, 亿元, %, 万吨 ...; empty for milestones")
    kind: Kind
    parent: str | None = Field(None, description="id of the indicator this is a 其中 part of")
    lead: str | None = Field(None, description="牵头单位, the lead department")
    bounds: Bounds | None = Field(None, description="allowed range of figures; default 0..100 for %, >= 0 otherwise")
    same_as: str | None = Field(
        None,
        pattern=REF,
        description="the indicator this one measures too (`investment.signed_projects`, or a bare id of this "
        "action): one record counts for both, and it is kept with that one",
    )
    formula: str | None = Field(
        None,
        description="derived: computed from the latest figures of other indicators "
        "(`industrial_projects / signed_projects * 100`); numbers, ids, + - * / and parentheses; never recorded",
    )
    running_total_of: str | None = Field(
        None,
        pattern=REF,
        description="for a running total (总数达, a level): the cumulative indicator of what is added this year (新增)",
    )
    partitioned: bool = Field(
        False,
        description="its 其中 parts in the same unit are buckets that cover it completely (包括: 100亿以上, "
        "50-100亿, 10-50亿 of 10亿以上), so their targets add up to its own",
    )
    note: str | None = None
    targets: list[Target] = Field(min_length=1)

    @field_validator("formula")
    @classmethod
    def _formula_parses(cls, text: str | None) -> str | None:
        if text is not None:
            formulas.parse(text)  # a FormulaError is a ValueError: pydantic reports it at the field
        return text

    @model_validator(mode="after")
    def _one_link(self) -> Indicator:
        if self.same_as is not None and self.formula is not None:
            raise ValueError("an indicator is either `same_as` another or derived by a `formula`, not both")
        if self.formula is not None and self.kind is Kind.MILESTONE:
            raise ValueError("a milestone cannot be derived by a `formula`")
        return self

    @cached_property
    def expression(self) -> formulas.Node | None:
        """The parsed `formula`, or None for an indicator that is recorded (or an alias)."""
        return None if self.formula is None else formulas.parse(self.formula)

    @property
    def allowed_range(self) -> tuple[Decimal | None, Decimal | None]:
        if self.bounds is not None:
            return self.bounds.min, self.bounds.max
        if self.unit == "%":
            return Decimal(0), Decimal(100)
        return Decimal(0), None


class Q1Rule(Strict):
    """A share of the annual targets the plan expects by 03-31 (一季度完成年度目标的30%以上)."""

    min_share: Number = Field(description="lowest share of each annual target, percent")
    max_share: Number | None = Field(None, description="upper end of a range (35%—40%)")
    level: Level | None = None
    quote: str = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Q1Rule:
        if not Decimal(0) < self.min_share <= Decimal(100):
            raise ValueError("min_share must be a percent in (0, 100]")
        if self.max_share is not None and not self.min_share <= self.max_share <= Decimal(100):
            raise ValueError("max_share must lie between min_share and 100")
        return self


class Accepted(Strict):
    """A `lint` finding the plan keeps on purpose, because the source document really says so."""

    check: LintCheck = Field(description="the lint check whose finding this accepts")
    indicators: list[Annotated[str, Field(pattern=REF)]] = Field(
        min_length=1,
        description="the indicators the finding concerns (ids of this action, or `action.indicator`); "
        "the entry accepts the findings of its check that concern all of them",
    )
    reason: str = Field(min_length=2, description="why the plan keeps it, quoting the source")


class Action(Strict):
    id: str = Field(pattern=ASCII_ID, description="ASCII id, also the file name")
    name: str = Field(min_length=1, description="short Chinese name: 招商引资")
    title: str = Field(min_length=1, description="full title: 招商引资行动")
    theme: str = Field(min_length=1, description="the theme line: 在加快集群强链上下功夫")
    summary: str | None = Field(None, description="the paragraph under the title")
    q1_rule: Q1Rule | None = None
    indicators: list[Indicator] = Field(min_length=1)
    accepted: list[Accepted] = Field(
        default_factory=list, description="lint findings kept on purpose: the source document says so"
    )

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)


class Period(Strict):
    label: str = Field(min_length=1, description="Chinese label: 全年, 一季度")
    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("period ends before it starts")
        return self


class Lights(Strict):
    """红黄绿灯 thresholds: a ratio of 序时进度 (default 80/60) or percentage points behind it."""

    rule: Literal["ratio", "points"] = "ratio"
    yellow: Number = Field(Decimal(80), description="ratio: below this % of 序时 is yellow; points: this many behind")
    red: Number = Field(Decimal(60), description="ratio: below this % of 序时 is red; points: this many behind")

    @model_validator(mode="after")
    def _ordered(self) -> Lights:
        if self.rule == "ratio" and not self.red <= self.yellow:
            raise ValueError("ratio rule: red threshold must not exceed yellow")
        if self.rule == "points" and not self.yellow <= self.red:
            raise ValueError("points rule: yellow must not exceed red (points behind)")
        return self


class PlanMeta(Strict):
    region: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2999)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1, description="file holding the source document, beside plan.yaml")
    published: dt.date | None = None
    version: str = Field(min_length=1)
    actions: list[str] = Field(min_length=1, description="action ids, in the source's order")
    periods: dict[str, Period]
    lights: Lights = Lights()
    pace: Pace = Pace.DAYS
    approx_tolerance: Number = Field(
        Decimal(5), description="左右 (~): how far from the target, in percent of it, still counts as met"
    )

    @field_validator("periods")
    @classmethod
    def _periods_named(cls, periods: dict[str, Period], info: ValidationInfo) -> dict[str, Period]:
        for name in periods:
            if not re.fullmatch(ASCII_ID, name):
                raise ValueError(f"period name {name!r} must be an ASCII id such as annual or q1")
        return periods

    @model_validator(mode="after")
    def _periods_in_year(self) -> PlanMeta:
        for name, period in self.periods.items():
            if period.start.year != self.year or period.end.year != self.year:
                raise ValueError(f"period {name!r} lies outside the plan year {self.year}")
        if len(set(self.actions)) != len(self.actions):
            raise ValueError("an action id is listed twice")
        return self


class Plan(BaseModel):
    """A loaded plan: the meta and its actions, checked against each other by `check_plan`."""

    model_config = ConfigDict(frozen=True)

    meta: PlanMeta
    actions: list[Action]

    def action(self, action_id: str) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)

    def lookup(self, ref: str, within: str) -> tuple[Action, Indicator]:
        """The indicator `ref` names (`action.indicator`, or a bare id of action `within`); KeyError if none."""
        action_id, _, indicator_id = ref.rpartition(".")
        action = self.action(action_id or within)
        return action, action.indicator(indicator_id)

    def resolve_alias(self, action_id: str, indicator_id: str) -> tuple[str, str]:
        """The indicator whose records `action_id.indicator_id` shares: follows `same_as` to its end.

        `record` on an alias writes there, and `history` shows the records once, there.
        """
        seen: set[tuple[str, str]] = set()
        here = (action_id, indicator_id)
        while here not in seen:
            seen.add(here)
            target = self.action(here[0]).indicator(here[1]).same_as
            if target is None:
                return here
            action, indicator = self.lookup(target, here[0])
            here = (action.id, indicator.id)
        raise KeyError(f"same_as cycle through {action_id}.{indicator_id}")  # validate refuses these

    def figure(self, action_id: str, indicator_id: str, stored: Callable[[str, str], Decimal | None]) -> Decimal | None:
        """An indicator's figure: `stored(action_id, indicator_id)` of the indicator its records are
        kept with, or for a derived one its formula over its inputs' figures. None when an input has
        no figure or a divisor is zero. `stored` is asked only about recorded (non-alias) indicators.
        """
        owner, own_id = self.resolve_alias(action_id, indicator_id)
        expression = self.action(owner).indicator(own_id).expression
        if expression is None:
            return stored(owner, own_id)
        values: dict[str, Decimal] = {}
        for name in expression.names():
            action, indicator = self.lookup(name, owner)
            value = self.figure(action.id, indicator.id, stored)
            if value is None:
                return None
            values[name] = value
        return expression.evaluate(values)

    @property
    def indicator_count(self) -> int:
        return sum(len(a.indicators) for a in self.actions)

    @property
    def target_count(self) -> int:
        return sum(len(i.targets) for a in self.actions for i in a.indicators)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an action file and of the plan meta, for editors and CI."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "daye-plan plan files",
        "description": "plans/<year>/plan.yaml is a PlanMeta; plans/<year>/<action-id>.yaml is an Action",
        "oneOf": [{"$ref": "#/$defs/Action"}, {"$ref": "#/$defs/PlanMeta"}],
        "$defs": {
            **_defs(Action),
            **_defs(PlanMeta),
        },
    }


def _defs(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = schema.pop("$defs", {})
    defs[model.__name__] = schema
    return defs
