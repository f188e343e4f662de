"""The plan meta (`plan.yaml`): region, year, the actions' ids, periods, lights, pace, reporting cadence.

Owns what a valid meta is: periods that lie in the plan year and are named by ASCII ids, action
ids that are ASCII ids (each names a file beside plan.yaml, so a path is refused), 红黄绿灯
thresholds in order. No I/O; `storage.plans` feeds it plain data.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from daye_plan.model.terms import Pace
from daye_plan.model.values import ASCII_ID, Number, Strict


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


class Cadence(Strict):
    """How often figures are reported (`cadence: month`, or `{every: month, due_day: 10}`): a month's
    (or a quarter's) figures are due by `due_day` of the month after it; the day is the month's
    last where it has fewer days."""

    every: Literal["month", "quarter"] = "month"
    due_day: int = Field(10, ge=1, le=31, description="day of the following month the figures are due by")

    @model_validator(mode="before")
    @classmethod
    def _word(cls, data: object) -> object:
        return {"every": data} if isinstance(data, str) else data


def _action_id(action_id: str) -> str:
    """An action id names its file beside plan.yaml: an ASCII id, never a path (`/etc/x`, `../x`)."""
    if not re.fullmatch(ASCII_ID, action_id):
        raise ValueError(
            f"action id {action_id!r} must be an ASCII id such as investment (a-z, 0-9 and _, starting with a "
            "letter): it names the action's file beside plan.yaml"
        )
    return action_id


class PlanMeta(Strict):
    region: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2999)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1, description="file holding the source document, beside plan.yaml")
    published: dt.date | None = None
    version: str = Field(min_length=1)
    actions: list[Annotated[str, AfterValidator(_action_id)]] = Field(
        min_length=1, description="action ids, in the source's order"
    )
    periods: dict[str, Period]
    lights: Lights = Lights()
    pace: Pace = Pace.DAYS
    approx_tolerance: Number = Field(
        Decimal(5), description="左右 (~): how far from the target, in percent of it, still counts as met"
    )
    cadence: Cadence | None = Field(
        None, description="reporting cadence: figures older than the last due date are stale"
    )
    jump_tolerance: Number | None = Field(
        None, gt=0, description="a level figure changing by more than this percent in a month is doubted"
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
