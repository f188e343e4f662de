"""The shape of a plan: pydantic models for actions, indicators and targets, and the loaded `Plan`.

This module owns what a valid action file *is*: field names, allowed values and the rules that tie
fields of one model together (a numeric target has both a comparator and a value), and how a
loaded plan is queried (by id, by name, through `same_as` links, by formula) — with dicts, never a
scan per lookup. It does no I/O and knows nothing about YAML, files or the command line;
`storage.plans` feeds it plain data and maps its errors back to file positions, `model.meta`
holds the meta and `model.rules` checks what ties models together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Generic, Literal, NamedTuple, Protocol, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from daye_plan.i18n import _
from daye_plan.model import direction as directions
from daye_plan.model import formula as formulas
from daye_plan.model import measures
from daye_plan.model.direction import Aim, Direction

# Re-exported: code imports the plan's vocabulary and the meta's models from here.
from daye_plan.model.kinds import Judge as Judge
from daye_plan.model.kinds import Judging as Judging
from daye_plan.model.kinds import Kind as Kind
from daye_plan.model.meta import Frequency as Frequency
from daye_plan.model.meta import Lights as Lights
from daye_plan.model.meta import Period as Period
from daye_plan.model.meta import PlanMeta as PlanMeta
from daye_plan.model.positions import PlanPositions
from daye_plan.model.terms import OLD_CHECK_NAMES
from daye_plan.model.terms import Comparator as Comparator
from daye_plan.model.terms import Level as Level
from daye_plan.model.terms import LintCheck as LintCheck
from daye_plan.model.terms import Pace as Pace
from daye_plan.model.values import ASCII_ID, REF, LevelWord, Number, Strict


class Target(Strict):
    """One goal for one period: `>= 135 个`, 确保 or 力争, with the source wording that sets it."""

    period: str = Field(description="the id of a period the plan meta declares (the year, or a checkpoint in it)")
    cmp: Comparator | None = Field(None, description="comparator; absent for milestones")
    value: Number | None = Field(None, description="target value in the indicator's unit")
    high: Number | None = Field(None, description="the top of a range (增长8%-10%); `value` is its floor")
    per: Literal["month"] | None = Field(
        None,
        description="a recurring target: `value` is due every month (每月至少开展1次); "
        "the period's target is value × months in the period",
    )
    level: LevelWord | None = Field(None, title="Level", description="确保 (floor), 力争 (stretch) or absent")
    quote: str = Field(min_length=2, description="the exact source wording that sets this target")
    relative: str | None = Field(
        None,
        min_length=1,
        description="what a target without a number is set against (高于全市平均水平, 与经济增长同步)",
    )
    review: Literal["draft"] | None = Field(None, description="`draft`: drafted, not yet checked; `lint` reports it")
    note: str | None = Field(None, description="how the wording was read, where it needs care")
    judge: Judging | None = Field(
        None, description="how this target is judged, if not as its indicator: `points` (百分点) or `ratio` (完成率)"
    )
    two_sided: bool = Field(
        False,
        description="左右 (~) as a band: met only within the plan's tolerance on either side (by default beating an "
        "about-target is met, and only falling short of it by more than the tolerance is not)",
    )

    @property
    def is_stretch(self) -> bool:
        """A 力争 stretch; plain and 确保 targets are floors."""
        return self.level is not None and self.level.is_stretch

    def period_value(self, period: Period) -> Decimal | None:
        """The target for the whole period: a `per: month` value times the months in it."""
        if self.value is None or self.per is None:
            return self.value
        return self.value * period.months

    @model_validator(mode="after")
    def _cmp_and_value_together(self) -> Target:
        if (self.cmp is None) != (self.value is None):
            raise ValueError(_("a numeric target needs both `cmp` and `value`; a milestone neither"))
        if self.two_sided and self.cmp is not Comparator.ABOUT:
            raise ValueError(_('`two_sided` is for about-targets (cmp: "~", 左右)'))
        if self.high is not None and (self.value is None or self.high < self.value):
            raise ValueError(_("`high` is the top of a range: it needs a `value` at or below it"))
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
    lead: str | None = Field(None, description="牵头单位, the lead department (default: the action's)")
    partners: list[Annotated[str, Field(min_length=1)]] | None = Field(
        None, description="责任单位, the departments that share the work (default: the action's)"
    )
    cadence: Frequency | None = Field(
        None,
        description="报送频次, how often its figures are reported: month, quarter, half, year or once (at the end of "
        "each period it has a target in); default: its action's, else the plan's `cadence` (a task: once)",
    )
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
    judge: Judging | None = Field(
        None,
        description="how its targets are judged: `points` (百分点 from the target, for a rate in %), `position` "
        "(a rank in 名 or 位) or `ratio` (完成率); default: position for a rank, the plan's `growth_rates` for a "
        "growth rate or a lower-is-better rate, else ratio",
    )
    code: str | None = Field(
        None,
        pattern=ASCII_ID,
        description="the common measure this is, by its code (`gdp_growth`; `daye-plan measures` lists the "
        "catalogue): what an overview of several regions aligns on; default: the catalogued measure its "
        "name is, in full or abbreviated (规上 = 规模以上), if any",
    )
    direction: Aim | None = Field(
        None,
        description="which way it should move: `up` (higher is better), `down` (lower is better), or `decline` "
        "(lower is better, recorded as the fall itself: 能耗降低 3.0 when it fell 3%); default: read from the "
        "wording (失业率, 涨幅, 能耗, 排名, 降低 … are lower-is-better; see plans/README.md)",
    )
    note: str | None = None
    targets: list[Target] = Field(
        default_factory=list, description="its goals, one per period and level (none yet while a plan is written)"
    )

    @field_validator("formula")
    @classmethod
    def _formula_parses(cls, text: str | None) -> str | None:
        if text is not None:
            formulas.parse(text)  # a FormulaError is a ValueError: pydantic reports it at the field
        return text

    @model_validator(mode="after")
    def _one_link(self) -> Indicator:
        if self.same_as is not None and self.formula is not None:
            raise ValueError(_("an indicator is either `same_as` another or derived by a `formula`, not both"))
        if self.formula is not None and not self.kind.policy.numeric:
            raise ValueError(_("a {kind} cannot be derived by a `formula`").format(kind=self.kind.value))
        judged = [self.judge, *(target.judge for target in self.targets)]
        if any(j is not None for j in judged) and not self.kind.policy.numeric:
            raise ValueError(_("a {kind} is done or not; it takes no `judge`").format(kind=self.kind.value))
        if any(j is not None and j.by is Judge.POINTS for j in judged) and not (
            self.kind.policy.by_points and self.unit == "%"
        ):
            raise ValueError(_("`judge: points` is for rates (unit %): their distance from the target is in 百分点"))
        if any(j is not None and j.by is Judge.POSITION for j in judged) and not self.rank:
            raise ValueError(_("`judge: position` is for ranks: a lower-is-better figure in 名 or 位"))
        return self

    @cached_property
    def measure(self) -> str | None:
        """The code of the common measure this is: its own `code`, else the catalogued measure its name
        is (`model.measures`), else None — never guessed."""
        if self.code is not None:
            return self.code
        found = measures.find(self.name, self.unit) if self.kind.policy.numeric else None
        return None if found is None else found.code

    @cached_property
    def sense(self) -> directions.Sense:
        """Which way it should move, and whether its figure is a decline: the plan's `direction`, else
        a ceiling target, else the catalogued measure's, else its wording (`model.direction`)."""
        quotes = [target.quote for target in self.targets]
        ceiling = any(target.cmp is not None and target.cmp.is_upper_bound for target in self.targets)
        return measures.sense(self.direction, self.name, quotes, ceiling, self.measure)

    @property
    def aim(self) -> Direction:
        """Higher-is-better (up) or lower-is-better (down): JSON's `direction`."""
        return self.sense.direction

    @property
    def rank(self) -> bool:
        """A position (名, 位) where lower is better: judged by position, with no 完成率."""
        return self.kind.policy.numeric and directions.is_rank(self.sense.direction, self.unit)

    def rises(self, target: Target) -> bool:
        """Whether a higher figure is better for `target`: its comparator says so (`>=` yes, `<=` no);
        about and exact targets follow the indicator (a decline, recorded as the fall, is better higher)."""
        if target.cmp is not None and target.cmp is not Comparator.ABOUT and target.cmp is not Comparator.EQUAL:
            return not target.cmp.is_upper_bound
        return self.sense.direction is Direction.UP or self.sense.decline

    def judging(self, target: Target, growth_rates: Judging) -> Judging:
        """How `target` is judged: its own `judge`, else the indicator's, else the plan's for a growth rate, else by ratio."""
        if target.judge is not None:
            return target.judge
        if self.judge is not None:
            return self.judge
        if self.rank:
            return POSITION
        if self.kind.policy.growth_rate(self.unit, self.allowed_range):
            return growth_rates
        if self.kind.policy.by_points and self.unit == "%" and self.sense.direction is Direction.DOWN:
            return growth_rates  # a rate kept down (失业率, 涨幅, 能耗降低) stands in 百分点 as growth rates do
        return RATIO

    @cached_property
    def expression(self) -> formulas.Node | None:
        """The parsed `formula`, or None for an indicator that is recorded (or an alias)."""
        return None if self.formula is None else formulas.parse(self.formula)

    @property
    def allowed_range(self) -> tuple[Decimal | None, Decimal | None]:
        """The figures `record` takes: the plan's `bounds`, else the kind's range for the unit; a decline
        may be negative (the measure rose), which the checks on every figure doubt instead."""
        if self.bounds is not None:
            return self.bounds.min, self.bounds.max
        low, high = self.kind.policy.default_range(self.unit)
        if self.sense.decline and self.kind.policy.numeric and low is not None:
            low = -high if high is not None else None
        return low, high


RATIO = Judging.ratio()
POSITION = Judging.position()


class CheckpointRule(Strict):
    """A share of each year target the plan expects by a checkpoint (一季度完成年度目标的30%以上)."""

    period: str | None = Field(
        None, description="the checkpoint it is for (一季度: q1); absent: the plan's first checkpoint"
    )
    min_share: Number = Field(description="lowest share of each year target, percent")
    max_share: Number | None = Field(None, description="upper end of a range (35%—40%)")
    level: LevelWord | None = Field(None, title="Level")
    quote: str = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> CheckpointRule:
        if not Decimal(0) < self.min_share <= Decimal(100):
            raise ValueError(_("min_share must be a percent in (0, 100]"))
        if self.max_share is not None and not self.min_share <= self.max_share <= Decimal(100):
            raise ValueError(_("max_share must lie between min_share and 100"))
        return self


def _current_check_name(name: Any) -> Any:
    return OLD_CHECK_NAMES.get(name, name) if isinstance(name, str) else name


class Accepted(Strict):
    """A `lint` finding the plan keeps on purpose, because the source document really says so."""

    check: Annotated[
        LintCheck,
        BeforeValidator(_current_check_name),
        WithJsonSchema({"enum": [*get_args(LintCheck), *OLD_CHECK_NAMES], "type": "string"}),
    ] = Field(description="the lint check whose finding this accepts")
    indicators: list[Annotated[str, Field(pattern=REF)]] = Field(
        min_length=1,
        description="the indicators the finding concerns (ids of this action, or `action.indicator`); "
        "the entry accepts the findings of its check that concern all of them",
    )
    reason: str = Field(min_length=2, description="why the plan keeps it, quoting the source")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


class Index(NamedTuple, Generic[_Item]):
    """A plan's actions, or an action's indicators, looked up by dict, never by a scan: by id, and by
    each of the names each goes by, the first in order where two share one."""

    by_id: dict[str, _Item]
    by_name: dict[str, _Item]

    @classmethod
    def of(cls, items: Iterable[_Item], names: Callable[[_Item], Iterable[str]]) -> Index[_Item]:
        by_id: dict[str, _Item] = {}
        by_name: dict[str, _Item] = {}
        for item in items:
            by_id.setdefault(item.id, item)
            for name in names(item):
                by_name.setdefault(name, item)
        return cls(by_id, by_name)


class Action(Strict):
    id: str = Field(pattern=ASCII_ID, description="ASCII id, also the file name")
    name: str = Field(min_length=1, description="short Chinese name: 招商引资")
    title: str = Field("", min_length=1, description="full title: 招商引资行动 (default: the name)")
    theme: str | None = Field(
        None, min_length=1, description="the theme line, if the source has one: 在加快集群强链上下功夫"
    )
    summary: str | None = Field(None, description="the paragraph under the title")
    lead: str | None = Field(None, min_length=1, description="牵头单位 of every indicator that names none")
    partners: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="责任单位 of every indicator that names none"
    )
    cadence: Frequency | None = Field(
        None, description="报送频次 of every indicator of it that names none (default: the plan's `cadence`)"
    )
    checkpoint_rules: list[CheckpointRule] = Field(
        default_factory=list, description="shares of the year targets due by checkpoints, as the source states them"
    )
    q1_rule: CheckpointRule | None = Field(
        None,
        description="the older spelling of one checkpoint rule: for the plan's first checkpoint unless it names one",
    )
    indicators: list[Indicator] = Field(
        default_factory=list, description="what the action measures (none yet while a plan is written)"
    )
    accepted: list[Accepted] = Field(
        default_factory=list, description="lint findings kept on purpose: the source document says so"
    )

    @model_validator(mode="before")
    @classmethod
    def _title_defaults_to_name(cls, data: Any) -> Any:
        if isinstance(data, dict) and "title" not in data and isinstance(data.get("name"), str):
            return {**data, "title": data["name"]}
        return data

    def rules(self) -> list[tuple[tuple[str | int, ...], CheckpointRule]]:
        """Every checkpoint rule with its location in the file (`q1_rule` after `checkpoint_rules`)."""
        found: list[tuple[tuple[str | int, ...], CheckpointRule]] = [
            (("checkpoint_rules", number), rule) for number, rule in enumerate(self.checkpoint_rules)
        ]
        if self.q1_rule is not None:
            found.append((("q1_rule",), self.q1_rule))
        return found

    def rule_for(self, period: str, meta: PlanMeta) -> CheckpointRule | None:
        """The checkpoint rule for `period`: one naming it, or an unnamed one when it is the plan's first checkpoint."""
        first = meta.checkpoints[0] if meta.checkpoints else None
        return next((rule for _, rule in self.rules() if (rule.period or first) == period), None)

    def lead_of(self, indicator: Indicator) -> str | None:
        """牵头单位 of one of this action's indicators: its own, else the action's (inherited)."""
        return indicator.lead or self.lead

    def partners_of(self, indicator: Indicator) -> list[str]:
        """责任单位 of one of this action's indicators: its own list, else the action's (inherited)."""
        return list(indicator.partners if indicator.partners is not None else self.partners)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; KeyError if none."""
        return self._index.by_id[indicator_id]

    def indicator_named(self, word: str) -> Indicator | None:
        """The indicator whose id or exact Chinese name is `word` (validation keeps these apart)."""
        return self._index.by_id.get(word) or self._index.by_name.get(word)

    @cached_property
    def _index(self) -> Index[Indicator]:
        return Index.of(self.indicators, lambda indicator: (indicator.name,))


class Plan(BaseModel):
    """A loaded plan: the meta and its actions, checked against each other by `check_plan`, and
    where the loader found each value (`positions`; empty for a plan built in memory)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)  # see `Strict`

    meta: PlanMeta
    actions: list[Action]
    positions: PlanPositions = Field(default_factory=PlanPositions, exclude=True, repr=False)

    def action(self, action_id: str) -> Action:
        """The action with this id; KeyError if none."""
        return self._index.by_id[action_id]

    def action_by_name(self, word: str) -> Action | None:
        """The action whose id, short name or full title is `word`; the first in plan order."""
        return self._index.by_name.get(word)

    @cached_property
    def _index(self) -> Index[Action]:
        return Index.of(self.actions, lambda action: (action.id, action.name, action.title))

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
