"""What a report holds: one period's progress at one date, counted, ordered and worded once.

Owns the content both report formats share — the facts and the summary paragraph (总体情况),
the roll-up per action (`Tally`), the lagging targets in order (滞后指标清单), one section per action,
and the data notes: which targets have no data, how fresh each action's records are, which sources
the figures cite. Every figure comes from a `tracking.Snapshot`, judged by `progress`; this module
only counts, orders and words, and keeps no rule of its own. Pure and deterministic (no clock, no
paths, stable order); no layout of any format, never reads files, prints or imports rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.model.numbers import half_up, number, percent
from daye_plan.model.plan import Action, Kind, Period, Plan
from daye_plan.model.records import Actual
from daye_plan.ops.progress import BEHIND, LIGHT_ORDER, Light, Progress, period_elapsed, rollup
from daye_plan.ops.tracking import Snapshot
from daye_plan.present import labels
from daye_plan.present.figures import chinese_date, gap_text, one_line, paired, points

HUNDRED = Decimal(100)
# The order lights are counted and drawn in: good news first, missing data last.
LIGHTS = (Light.GREEN, Light.YELLOW, Light.RED, Light.GREY)


# --- what a report holds -----------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """One roll-up row: floor targets (确保 or plain) per light, how many are met, mean 完成率."""

    name: str
    counts: dict[Light, int]
    met: int
    average: Decimal | None
    stretches: int  # 力争 targets: shown, not counted

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def on_schedule(self) -> int:
        """Green but not yet met: a cumulative target keeping pace with 序时进度."""
        return self.counts[Light.GREEN] - self.met

    @property
    def behind(self) -> int:
        return self.counts[Light.YELLOW] + self.counts[Light.RED]


@dataclass(frozen=True)
class Lagging:
    """A red or yellow target in the 滞后 list, with its gap and who answers for it."""

    item: Progress
    basis: str  # 较序时 (cumulative) or 较目标 (level): what the gap is measured against
    gap: str
    remark: str


@dataclass(frozen=True)
class Section:
    """One action: numeric targets (each floor beside its 力争 stretch) and milestones."""

    number: int
    action: Action
    lines: list[tuple[Progress, Progress | None]]
    milestones: list[Progress]


@dataclass(frozen=True)
class Freshness:
    action: str
    latest: dt.date | None  # newest record on or before the as-of date
    records: int  # records in force on or before the as-of date
    later: int  # records dated after it: not counted in this report


@dataclass(frozen=True)
class Citation:
    source: str
    records: int
    actions: list[str]


@dataclass(frozen=True)
class Report:
    """Everything a report shows, computed once; `markdown` and `html` only lay it out."""

    plan: Plan
    period: Period
    on: dt.date
    elapsed: Decimal
    tallies: list[Tally]
    total: Tally
    lagging: list[Lagging]
    sections: list[Section]
    no_data: list[tuple[str, list[str]]]
    freshness: list[Freshness]
    sources: list[Citation]
    notes: list[str] = field(default_factory=list)
    flagged: dict[str, int] = field(default_factory=dict)  # floor targets per flag: missing, stale, late

    @property
    def title(self) -> str:
        return labels.REPORT_TITLE.format(title=self.plan.meta.title, subtitle=self.subtitle)

    @property
    def subtitle(self) -> str:
        return labels.REPORT_SUBTITLE.format(period=self.period.label)

    @property
    def facts(self) -> list[tuple[str, str]]:
        meta = self.plan.meta
        period = self.period
        issued = labels.PLAN_ISSUED.format(date=meta.published.isoformat()) if meta.published else ""
        return [
            (labels.FACT_REGION, meta.region),
            (labels.FACT_PLAN, labels.PLAN_VERSION.format(title=meta.title, version=meta.version, issued=issued)),
            (
                labels.FACT_PERIOD,
                labels.PERIOD_SPAN.format(
                    label=period.label, start=period.start.isoformat(), end=period.end.isoformat()
                ),
            ),
            (labels.FACT_ON, labels.ON_ELAPSED.format(date=chinese_date(self.on), elapsed=percent(self.elapsed))),
        ]

    @property
    def summary(self) -> str:
        total = self.total
        text = labels.SUMMARY_TEXT.format(
            date=chinese_date(self.on),
            period=self.period.label,
            elapsed=percent(self.elapsed),
            total=total.total,
            met=total.met,
            on_schedule=total.on_schedule,
            behind=total.behind,
            yellow=total.counts[Light.YELLOW],
            red=total.counts[Light.RED],
            grey=total.counts[Light.GREY],
        )
        if total.stretches:
            text += labels.SUMMARY_STRETCHES.format(stretches=total.stretches)
        else:
            text += labels.SUMMARY_END
        reporting = [
            labels.SUMMARY_FLAG.format(
                flag=labels.LATE_REPORTED if flag == "late" else labels.FLAG_LABELS[flag], count=count
            )
            for flag, count in self.flagged.items()
            if count
        ]
        if reporting:
            text += labels.SUMMARY_FLAGS.format(parts=labels.LIST_SEPARATOR.join(reporting))
        parts = [f"{t.name}{_tally_phrase(t)}" for t in self.tallies if t.total or t.stretches]
        if parts:
            text += labels.SUMMARY_BY_ACTION.format(parts=labels.PHRASE_SEPARATOR.join(parts))
        return text


def build(snapshot: Snapshot, period: str) -> Report:
    """The report of `snapshot` (judged for `period`; taken with `keep_records`).

    The record a figure was read from (the last line for its indicator and date) supplies its
    source and note.
    """
    plan, on = snapshot.plan, snapshot.on
    items = [item for item in snapshot.items if item.row.target.period == period]
    ledgers = _Ledgers(snapshot)
    tallies = [_tally(action.name, [i for i in items if i.row.action.id == action.id]) for action in plan.actions]
    sections: list[Section] = []
    for action in plan.actions:
        mine = [item for item in items if item.row.action.id == action.id]
        numeric = [item for item in mine if item.row.indicator.kind is not Kind.MILESTONE]
        milestones = [item for item in mine if item.row.indicator.kind is Kind.MILESTONE]
        sections.append(Section(len(sections) + 1, action, paired(numeric), milestones))
    return Report(
        plan=plan,
        period=plan.meta.periods[period],
        on=on,
        elapsed=period_elapsed(plan.meta, plan.meta.periods[period], on),
        tallies=tallies,
        total=_tally(labels.TOTAL, items),
        lagging=_lagging(items, ledgers),
        sections=sections,
        no_data=_no_data(plan, items),
        freshness=ledgers.freshness(on),
        sources=ledgers.citations(items),
        notes=_method_notes(plan),
        flagged={
            flag: sum(1 for item in items if item.is_floor and flag in item.flags)
            for flag in ("missing", "stale", "late")
        },
    )


def _tally(name: str, items: Sequence[Progress]) -> Tally:
    _, found = rollup(items)
    met = sum(1 for item in items if item.is_floor and item.met)
    stretches = sum(1 for item in items if not item.is_floor)
    return Tally(name, {light: found.counts[light] for light in LIGHTS}, met, found.average_attainment, stretches)


def _tally_phrase(tally: Tally) -> str:
    if not tally.total:
        return labels.ONLY_STRETCHES.format(stretches=tally.stretches)
    parts = []
    if tally.met:
        parts.append(labels.TALLY_MET.format(count=tally.met))
    if tally.on_schedule:
        parts.append(labels.TALLY_ON_SCHEDULE.format(count=tally.on_schedule))
    if tally.behind:
        red = tally.counts[Light.RED]
        parts.append(
            labels.TALLY_BEHIND.format(count=tally.behind) + (labels.TALLY_RED.format(count=red) if red else "")
        )
    if tally.counts[Light.GREY]:
        parts.append(labels.TALLY_GREY.format(count=tally.counts[Light.GREY]))
    return labels.LIST_SEPARATOR.join(parts)


def _shortfall(item: Progress) -> Decimal:
    """Points of 完成率 short of where the target should stand by now: its 序时进度, else 100%.

    Only orders the 滞后 list (how far behind); the light itself is the engine's.
    """
    if item.attainment is None:
        return Decimal("Infinity")
    reference = item.expected if item.expected is not None else HUNDRED
    return reference - item.attainment


def _lagging(items: Sequence[Progress], ledgers: _Ledgers) -> list[Lagging]:
    """Every red and yellow target: red first, then the furthest behind; plan order breaks ties."""
    behind = [item for item in items if item.light in BEHIND]
    behind.sort(key=lambda item: (LIGHT_ORDER[item.light], -_shortfall(item)))
    return [Lagging(item, *gap_to_schedule(item), ledgers.remark(item)) for item in behind]


def gap_to_schedule(item: Progress) -> tuple[str, str]:
    """(`较序时`, `-12.3 个百分点`) for cumulative targets: 完成率 − 序时进度, as both are shown;
    (`较目标`, `+16 小时`) for the others: actual − target; ("", `未完成`) for a milestone.
    """
    unit = item.row.indicator.unit
    if item.row.indicator.kind is Kind.MILESTONE:
        return "", labels.NOT_DONE if item.reading else "—"
    if item.attainment is not None and item.expected is not None:
        return labels.BEHIND_SCHEDULE, points(half_up(item.attainment, 1) - half_up(item.expected, 1))
    if item.gap is None:
        return "", "—"
    return labels.BEHIND_TARGET, points(item.gap) if unit == "%" else gap_text(item.gap, unit)


def _no_data(plan: Plan, items: Sequence[Progress]) -> list[tuple[str, list[str]]]:
    out = []
    for action in plan.actions:
        names: list[str] = []
        for item in items:
            if item.row.action.id == action.id and item.light is Light.GREY and item.row.indicator.name not in names:
                names.append(item.row.indicator.name)
        if names:
            out.append((action.name, names))
    return out


def _method_notes(plan: Plan) -> list[str]:
    lights = plan.meta.lights
    yellow, red = number(lights.yellow), number(lights.red)
    rule = labels.LIGHT_RULE_RATIO if lights.rule == "ratio" else labels.LIGHT_RULE_POINTS
    return [note.format(rule=rule.format(yellow=yellow, red=red)) for note in labels.METHOD_NOTES]


class _Ledgers:
    """The records in force (the last line for each indicator and date), by action."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.plan = snapshot.plan
        self.snapshot = snapshot
        self._cited: dict[tuple[str, str, dt.date], Actual | None] = {}

    def cited(self, item: Progress) -> Actual | None:
        """The record the item's figure was read from (kept with the indicator an alias names)."""
        if item.reading is None:
            return None
        try:
            owner = self.plan.resolve_alias(item.row.action.id, item.row.indicator.id)
        except KeyError:
            return None
        key = (*owner, item.reading.as_of)
        if key not in self._cited:  # one record object per citation, so an alias's is counted once
            self._cited[key] = self.snapshot.record(*key)
        return self._cited[key]

    def remark(self, item: Progress) -> str:
        """The lead department (牵头单位) when the plan names one, else the record's note or source;
        for a derived indicator, the indicators it is computed from."""
        if item.row.indicator.lead:
            return labels.LEAD.format(lead=item.row.indicator.lead)
        inputs = self.inputs(item)
        if inputs:
            return labels.COMPUTED_FROM.format(names=labels.LIST_SEPARATOR.join(inputs))
        record = self.cited(item)
        if record is None:
            return "—"
        if record.note:
            return record.note
        return labels.FROM_SOURCE.format(source=record.source) if record.source else "—"

    def inputs(self, item: Progress) -> list[str]:
        """Names of the indicators a derived (`formula`) indicator is computed from; [] for others."""
        try:
            owner = self.plan.resolve_alias(item.row.action.id, item.row.indicator.id)
            expression = self.plan.action(owner[0]).indicator(owner[1]).expression
            if expression is None:
                return []
            return [self.plan.lookup(name, owner[0])[1].name for name in expression.names()]
        except KeyError:
            return []

    def freshness(self, on: dt.date) -> list[Freshness]:
        out = []
        for action in self.plan.actions:
            dates = self.snapshot.record_dates(action.id)
            counted = [day for day in dates if day <= on]
            out.append(Freshness(action.name, max(counted, default=None), len(counted), len(dates) - len(counted)))
        return out

    def citations(self, items: Iterable[Progress]) -> list[Citation]:
        """Each source the report's figures were read from, with how many records cite it."""
        seen: set[int] = set()
        counts: dict[str, int] = {}
        actions: dict[str, list[str]] = {}
        for item in items:
            record = self.cited(item)
            if record is None:
                continue
            source = one_line(record.source) or labels.NO_SOURCE
            if id(record) not in seen:  # an alias cites its owner's record: count it once
                seen.add(id(record))
                counts[source] = counts.get(source, 0) + 1
            names = actions.setdefault(source, [])
            if item.row.action.name not in names:
                names.append(item.row.action.name)
        ordered = sorted(counts, key=lambda source: (-counts[source], source))
        return [Citation(source, counts[source], actions[source]) for source in ordered]
