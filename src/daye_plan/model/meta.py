"""The plan meta (`plan.yaml`): region, year, the actions' ids, periods, lights, pace, judging and reporting cadence.

Owns what a valid meta is: periods that lie in the plan year and are named by ASCII ids, action
ids that are ASCII ids (each names a file beside plan.yaml, so a path is refused), 红黄绿灯
thresholds in order, who sends the 通报 (`bulletin`) — and what each period is, read from its dates rather than its id: the year
(it spans the plan year) or a checkpoint inside it (from the year's first day to before its
last: 一季度, 上半年, 前三季度), so that no code names a period. No I/O; `storage.plans` feeds
it plain data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from daye_plan.i18n import _
from daye_plan.model.kinds import Judging
from daye_plan.model.terms import Pace
from daye_plan.model.values import ASCII_ID, Number, Strict


class Period(Strict):
    label: str = Field(min_length=1, description="Chinese label: 全年, 一季度")
    start: dt.date
    end: dt.date

    @property
    def is_year(self) -> bool:
        """The whole year: from its first day to its last."""
        return self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(self.start.year, 12, 31)

    @property
    def is_checkpoint(self) -> bool:
        """A checkpoint inside the year (一季度, 上半年, 前三季度): from the year's first day to before its last."""
        return self.start == dt.date(self.start.year, 1, 1) and self.end < dt.date(self.start.year, 12, 31)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(_("period ends before it starts"))
        return self


class Lights(Strict):
    """红黄绿灯 of a target paced by 序时进度: in percentage points behind 序时 (the default), or as a ratio of it.

    By default a target on or ahead of 序时 is green, one behind it yellow, and one more than 30
    points behind red: the published rule of 银川市发展和改革委员会 for its key projects (2025:
    完成序时进度亮绿灯, 低于序时进度10~30个百分点亮黄灯, 超过30个百分点亮红灯), with every shortfall
    short of 30 points yellow. `rule: ratio` judges by the share of 序时 reached (80 and 60: below
    80% of 序时 yellow, below 60% red).
    """

    rule: Literal["ratio", "points"] = "points"
    yellow: Number = Field(
        Decimal(0), description="points: this many behind 序时 is still green; ratio: below this % of 序时 is yellow"
    )
    red: Number = Field(Decimal(30), description="points: more than this many behind 序时 is red; ratio: below this %")

    @model_validator(mode="before")
    @classmethod
    def _defaults_by_rule(cls, data: Any) -> Any:
        """`{rule: ratio}` alone takes the ratio rule's own defaults (80, 60), not the points rule's."""
        if isinstance(data, dict) and data.get("rule") == "ratio":
            return {"yellow": Decimal(80), "red": Decimal(60), **data}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Lights:
        if self.rule == "ratio" and not self.red <= self.yellow:
            raise ValueError(_("ratio rule: red threshold must not exceed yellow"))
        if self.rule == "points" and not self.yellow <= self.red:
            raise ValueError(_("points rule: yellow must not exceed red (points behind)"))
        return self


def checkpoints(periods: Mapping[str, Period]) -> list[str]:
    """The ids of the checkpoints among `periods`, earliest first."""
    return sorted((name for name, period in periods.items() if period.is_checkpoint), key=lambda n: periods[n].end)


def _file_name(name: str) -> str:
    """The source document is a file beside plan.yaml: a name, never a path."""
    if "/" in name or "\\" in name or name in (".", "..") or name != name.strip():
        message = _("source {name!r} must be the name of a file beside plan.yaml, such as source.txt")
        raise ValueError(message.format(name=name))
    return name


Frequency = Literal["month", "quarter", "half", "year", "once"]
"""报送频次, how often an indicator's figures are reported: 月, 季, 半年, 年, or 一次 (once, at the end of
each period it has a target in)."""
FREQUENCIES: tuple[Frequency, ...] = ("month", "quarter", "half", "year", "once")
DEFAULT_DUE_DAY = 10


class Cadence(Strict):
    """How often figures are reported (`cadence: month`, or `{every: month, due_day: 10}`): a month's
    (a quarter's, a half-year's, a year's) figures are due by `due_day` of the month after it; the
    day is the month's last where it has fewer days. `every` is the plan's default 报送频次: an action
    or an indicator may name its own (`cadence: year`)."""

    every: Frequency = "month"
    due_day: int = Field(DEFAULT_DUE_DAY, ge=1, le=31, description="day of the following month the figures are due by")

    @model_validator(mode="before")
    @classmethod
    def _word(cls, data: object) -> object:
        return {"every": data} if isinstance(data, str) else data


class Bulletin(Strict):
    """Who sends the 通报 and to whom (`bulletin:` in plan.yaml), as its 公文 form prints them;
    `report --issuer/--number/--to` win over these. A part left out is a marked blank to fill."""

    issuer: str | None = Field(None, min_length=1, description="发文机关, signed under the text: 某市发展和改革局")
    number: str | None = Field(None, min_length=1, description="发文字号: 某发改〔YYYY〕N号")
    to: str | None = Field(None, min_length=1, description="主送机关: 各乡镇（街道、区），市直各部门")
    subject: str | None = Field(
        None, min_length=1, description="the plan as the title names it: 八大行动 (default: the plan's title)"
    )


def _action_id(action_id: str) -> str:
    """An action id names its file beside plan.yaml: an ASCII id, never a path (`/etc/x`, `../x`)."""
    if not re.fullmatch(ASCII_ID, action_id):
        message = _(
            "action id {id!r} must be an ASCII id such as investment (a-z, 0-9 and _, starting with a "
            "letter): it names the action's file beside plan.yaml"
        )
        raise ValueError(message.format(id=action_id))
    if action_id == "plan":
        raise ValueError(_("action id 'plan' would name plan.yaml itself; choose another"))
    return action_id


class PlanMeta(Strict):
    region: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2999)
    title: str = Field(min_length=1)
    source: Annotated[str, AfterValidator(_file_name)] = Field(
        min_length=1, description="the file beside plan.yaml holding the published document, verbatim (source.txt)"
    )
    published: dt.date | None = None
    version: str = Field(min_length=1)
    actions: list[Annotated[str, AfterValidator(_action_id)]] = Field(
        default_factory=list, description="action ids, in the source's order (none yet while a plan is started)"
    )
    periods: dict[str, Period] = Field(
        description="the periods targets are set for, by id: the year (全年) and checkpoints inside it (一季度 …)"
    )
    lights: Lights = Lights()
    pace: Pace = Pace.DAYS
    approx_tolerance: Number = Field(
        Decimal(5),
        description="左右 (~): how far short of the target, in percent of it, still counts as met (beating it is "
        "met; a target with `two_sided: true` is a band on both sides)",
    )
    growth_rates: Judging = Field(
        Judging.points(red=Decimal(3)),
        description="how growth rates (unit %, bounds min below 0) and lower-is-better rates (失业率, 涨幅) are "
        "judged unless an indicator or target says otherwise: by points (百分点 from the target; by default "
        "short of it yellow, more than 3 points short red) or by ratio (完成率)",
    )

    @property
    def year_period(self) -> str | None:
        """The id of the period that spans the plan year (全年), if the plan declares one."""
        return next((name for name, period in self.periods.items() if period.is_year), None)

    @property
    def checkpoints(self) -> list[str]:
        """The ids of the checkpoints inside the year (一季度, 上半年 …), earliest first."""
        return checkpoints(self.periods)

    @property
    def main_period(self) -> str:
        """The period a report is about unless told: the year, else the longest declared period."""
        if self.year_period is not None:
            return self.year_period
        return max(self.periods, key=lambda name: (self.periods[name].days, -list(self.periods).index(name)))

    cadence: Cadence | None = Field(
        None, description="reporting cadence: figures older than the last due date are stale"
    )
    jump_tolerance: Number | None = Field(
        None, gt=0, description="a level figure changing by more than this percent in a month is doubted"
    )
    bulletin: Bulletin = Field(
        Bulletin(),
        description="the 通报's 发文机关, 文号, 主送 and the plan's name in its title (report --format docx)",
    )

    @field_validator("periods")
    @classmethod
    def _periods_named(cls, periods: dict[str, Period], info: ValidationInfo) -> dict[str, Period]:
        for name in periods:
            if not re.fullmatch(ASCII_ID, name):
                raise ValueError(_("period name {name!r} must be an ASCII id such as year or h1").format(name=name))
        if not periods:
            raise ValueError(_("declare at least one period (the year: 全年)"))
        return periods

    @model_validator(mode="after")
    def _periods_in_year(self) -> PlanMeta:
        for name, period in self.periods.items():
            if period.start.year != self.year or period.end.year != self.year:
                raise ValueError(
                    _("period {name!r} lies outside the plan year {year}").format(name=name, year=self.year)
                )
        spans: dict[tuple[dt.date, dt.date], str] = {}
        for name, period in self.periods.items():
            other = spans.setdefault((period.start, period.end), name)
            if other != name:
                message = _("periods {first!r} and {second!r} span the same days; declare each period once")
                raise ValueError(message.format(first=other, second=name))
        if len(set(self.actions)) != len(self.actions):
            raise ValueError(_("an action id is listed twice"))
        return self
