"""Starting a plan: the files of a new `plans/<year>/` that `validate` accepts at once.

Owns what a new plan holds: its meta (region, year, title, the periods it is set for, and the
previous plan's lights, pace and judging when it starts from one), the published text as
`source.txt` (or nothing yet), and — from a previous year's plan — every action with its numeric
indicators as they were (ids, names, units, kinds, 其中 parents, links, bounds, lead, judging)
but without targets, which the new text sets. Tasks (milestones), notes, checkpoint rules and
`accepted:` entries about targets belong to their year's text and are left out. Periods come
from the previous plan (shifted into the new year), else from the periods `draft` reads in the
text, else the year alone; `draft`'s vocabulary names them, so that a draft's action files fit.
Started with the text's draft (`init --draft`), the plan holds the drafted actions too, listed in
its meta, each target marked `review: draft` for `lint` to report until someone has checked it,
and declares every period the text names, its milestones' included.
Returns the files as text; writes nothing (`storage.newplan` does).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

import yaml

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError
from daye_plan.model.plan import Action, Indicator, Period, Plan
from daye_plan.model.texts import text_problem
from daye_plan.ops.draft import periods as vocabulary
from daye_plan.ops.draft import render
from daye_plan.ops.draft.build import Draft
from daye_plan.ops.draft.render import scalar

META_FILE = "plan.yaml"
SOURCE_FILE = "source.txt"
KEPT_ACCEPTED = frozenset({"linked-mismatch"})  # findings about the indicators themselves, not their targets
LEFT_OUT = frozenset({"targets", "note"})  # an indicator's fields that belong to its year's text


@dataclass(frozen=True)
class NewPlan:
    """The files of a new plan folder (name → text), and what was carried over or left out."""

    year: int
    files: dict[str, str]
    periods: dict[str, Period]
    actions: int = 0
    indicators: int = 0
    tasks_left_out: int = 0
    names: list[str] = field(default_factory=list)  # action files, in the meta's order


def start(
    year: int,
    region: str,
    title: str,
    *,
    previous: Plan | None = None,
    period_ids: list[str] | None = None,
    source_text: str = "",
    drafted: Draft | None = None,
) -> NewPlan:
    """The files of `plans/<year>/`: meta, action files (from `previous`, without targets, or the
    `drafted` ones of the text, for review), source.txt."""
    region, title = region.strip(), title.strip()
    for argument, text in (("region", region), ("title", title)):
        problem = text_problem(text, one_line=True)  # it goes into plan.yaml, whose texts are one visible line
        if problem is not None:
            raise UsageError(problem, argument=argument)
    if not region:
        raise UsageError(_("the region is empty; name it as the plan does (某市, 某县)"), argument="region")
    if not title:
        raise UsageError(_("the title is empty; give the plan's title as published"), argument="title")
    if not 1900 <= year <= 2999:
        raise UsageError(_("{year} is not a plan year").format(year=year), argument="year")
    if previous is not None and previous.meta.year == year:
        raise UsageError(_("{year}: a plan cannot start from its own year").format(year=year), argument="from")
    if drafted is not None and previous is not None:
        raise UsageError(
            _("a plan starts from the text's draft or from a previous year's plan, not both"), argument="draft"
        )
    periods = choose_periods(year, previous, period_ids, source_text, drafted)
    actions = [(action, carried(action)) for action in previous.actions] if previous is not None else []
    ids = [a.id for a, _kept in actions] + ([a.id for a in drafted.actions] if drafted is not None else [])
    files = {META_FILE: meta_file(year, region, title, periods, ids, previous)}
    for action, indicators in actions:
        files[f"{action.id}.yaml"] = action_file(action, indicators, previous)
    if drafted is not None:
        for drafted_action in drafted.actions:
            files[f"{drafted_action.id}.yaml"] = render.action_file(drafted, drafted_action, SOURCE_FILE)
    files[SOURCE_FILE] = source_text
    kept = sum(len(indicators) for _action, indicators in actions)
    total = sum(len(action.indicators) for action, _kept in actions)
    if drafted is not None:
        kept = sum(len(a.indicators) for a in drafted.actions)
    return NewPlan(year, files, periods, len(ids), kept, total - kept, [f"{name}.yaml" for name in ids])


def choose_periods(
    year: int, previous: Plan | None, period_ids: list[str] | None, source_text: str, drafted: Draft | None = None
) -> dict[str, Period]:
    """`period_ids` if given (the previous plan's, else the vocabulary's); else the previous plan's
    and those `draft` reads in the text; else the year alone."""
    known: dict[str, Period] = {}
    if previous is not None:
        known.update({name: shifted(period, year) for name, period in previous.meta.periods.items()})
    for span in vocabulary.vocabulary().periods:
        start, end = span.dates(year)
        known.setdefault(span.id, Period(label=span.label, start=start, end=end))
    if period_ids is not None:
        unknown = [name for name in period_ids if name not in known]
        if unknown or not period_ids:
            shown = ", ".join(f"{name} ({period.label})" for name, period in known.items())
            if unknown:
                message = _("{periods}: no such period; valid: {valid}").format(periods=", ".join(unknown), valid=shown)
            else:
                message = _("no period given; valid: {valid}").format(valid=shown)
            raise UsageError(message, argument="periods")
        chosen = {name: known[name] for name in dict.fromkeys(period_ids)}
        for span in drafted.periods if drafted is not None else []:  # a drafted target's period is declared
            start, end = span.dates(year)
            if span.id not in chosen:
                chosen[span.id] = Period(label=span.label, start=start, end=end)
        return chosen
    chosen = dict(previous.meta.periods) if previous is not None else {}
    chosen = {name: known[name] for name in chosen}
    if drafted is not None or source_text.strip():
        from daye_plan.ops.draft import draft

        for span in (drafted or draft(source_text, year=year)).periods:
            start, end = span.dates(year)
            if all((p.start, p.end) != (start, end) for p in chosen.values()) and span.id not in chosen:
                chosen[span.id] = Period(label=span.label, start=start, end=end)
    if not any(period.is_year for period in chosen.values()):
        default = vocabulary.vocabulary().default
        start, end = default.dates(year)
        chosen = {default.id: Period(label=default.label, start=start, end=end), **chosen}
    return dict(sorted(chosen.items(), key=lambda item: (not item[1].is_year, item[1].start, item[1].end)))


def shifted(period: Period, year: int) -> Period:
    """The same span of another year: 03-31 stays 03-31, a month's last day stays its last (02-28 → 02-29)."""
    return Period(label=period.label, start=_shift(period.start, year), end=_shift(period.end, year))


def _shift(day: dt.date, year: int) -> dt.date:
    last = calendar.monthrange(day.year, day.month)[1]
    if day.day == last:
        return dt.date(year, day.month, calendar.monthrange(year, day.month)[1])
    return dt.date(year, day.month, day.day)


def carried(action: Action) -> list[Indicator]:
    """An action's numeric indicators, kept for a new year (tasks are set anew each year)."""
    return [indicator for indicator in action.indicators if indicator.kind.policy.numeric]


def meta_file(
    year: int, region: str, title: str, periods: dict[str, Period], actions: list[str], previous: Plan | None
) -> str:
    source = f" from {previous.meta.year}'s plan" if previous is not None else ""
    lines = [
        f"# The meta of {region}'s {year} plan{source}. Each action id listed in `actions` is a file",
        "# <id>.yaml beside this one; `daye-plan draft` proposes them from source.txt.",
        f"region: {scalar(region)}",
        f"year: {year}",
        f"title: {scalar(title)}",
        f"source: {SOURCE_FILE}",
        f'version: "{year}.1"',
        f"actions: [{', '.join(actions)}]",
        "# The year (全年) and checkpoints inside it (一季度, 上半年 …): what each is, its dates say.",
        "periods:",
    ]
    for name, period in periods.items():
        lines.append(
            f"  {name}: {{label: {scalar(period.label)}, start: {period.start.isoformat()}, end: {period.end.isoformat()}}}"
        )
    meta = previous.meta if previous is not None else None
    if meta is not None:
        lights = meta.lights
        lines += [
            f"lights: {{rule: {lights.rule}, yellow: {_number(lights.yellow)}, red: {_number(lights.red)}}}",
            f"pace: {meta.pace.value}",
            f"approx_tolerance: {_number(meta.approx_tolerance)}",
            f"growth_rates: {_flow(_plain(meta.growth_rates.model_dump(exclude_none=True)))}",
        ]
    else:
        lines += [
            "# 红黄绿灯: green on or ahead of 序时进度, yellow behind it, red more than 30 points behind",
            "# (or rule: ratio, yellow: 80, red: 60 for shares of 序时).",
            "lights: {rule: points, yellow: 0, red: 30}",
            "pace: days",
            "# 左右 (~): up to 5% of the target short of it still counts as met; beating it is met.",
            "approx_tolerance: 5",
            "# Growth rates and lower-is-better rates stand in 百分点 from their target: short of it yellow,",
            "# more than 3 points short red.",
            "growth_rates: {by: points, red: 3}",
        ]
    return "\n".join(lines) + "\n"


def action_file(action: Action, indicators: list[Indicator], previous: Plan | None) -> str:
    year = f" {previous.meta.year}" if previous is not None else ""
    header = (
        f"# {action.title}, carried over from{year}: its indicators without targets. Add each target from\n"
        f"# source.txt with the quote that sets it (see plans/README.md), or take them from a draft.\n"
    )
    data: dict[str, Any] = {"id": action.id, "name": action.name}
    if action.title != action.name:
        data["title"] = action.title
    extra = action.model_dump(
        exclude={"id", "name", "title", "theme", "summary", "checkpoint_rules", "q1_rule", "indicators", "accepted"},
        exclude_defaults=True,
    )
    data.update(_plain(extra))
    kept = {indicator.id for indicator in indicators}
    data["indicators"] = [_indicator(indicator, kept) for indicator in indicators]
    accepted = [entry for entry in action.accepted if entry.check in KEPT_ACCEPTED]
    if accepted:
        data["accepted"] = [_plain(entry.model_dump()) for entry in accepted]
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def _indicator(indicator: Indicator, kept: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = _plain(indicator.model_dump(exclude=set(LEFT_OUT), exclude_defaults=True))
    if data.get("parent") is not None and data["parent"] not in kept:
        del data["parent"]  # its parent was a task, left out
    data["targets"] = []
    return data


def _plain(value: Any) -> Any:
    """Model data as YAML writes it back: enums as their words, figures as plain numbers."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _number(value: Decimal) -> str:
    return str(_plain(value))


def _flow(data: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in data.items()) + "}"
