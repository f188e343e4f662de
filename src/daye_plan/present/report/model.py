"""What a report holds: one period's progress at one date, counted, ordered and worded once.

Owns the content every report format shares — the facts and the summary paragraph (总体情况, worded
as 上半年 / 前三季度 at those dates, with 双过半 at mid-year), 较上期 (`since.Since`), the roll-up per
action and per 牵头单位 (`Tally`), the lagging targets in order (滞后指标清单: by light, then by how
far short of its target each will end at this pace), one section per action with its outlooks and
trends, and the data notes: which targets have no data, how fresh each action's records are, which
sources the figures cite. Every verdict comes from a `tracking.Snapshot`, judged by `ops.judge`
and rolled up by `ops.rollup` (lights, 双过半, the 滞后 order, each measure once); this module only
picks, orders parts and words, and keeps no rule of its own.
Pure and deterministic (no clock, no paths, stable order); no layout of any format, never reads
files, prints or imports rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.model.numbers import half_up, number, percent
from daye_plan.model.plan import Action, Period, Plan
from daye_plan.ops import compare, judge, ranking, rollup
from daye_plan.ops.progress import Light, Progress, Projection, period_elapsed
from daye_plan.ops.ranking import Standing
from daye_plan.ops.rollup import LIGHTS as LIGHTS
from daye_plan.ops.rollup import Checkpoint, Halfway
from daye_plan.ops.rollup import Tally as Tally
from daye_plan.ops.tracking import Snapshot
from daye_plan.ops.trend import Trend, trends
from daye_plan.present import labels
from daye_plan.present.figures import chinese_date, chinese_ordinal, gap_text, paired, points
from daye_plan.present.report.citations import Citation, Freshness
from daye_plan.present.report.citations import Ledgers as _Ledgers
from daye_plan.present.report.since import Since, part_of_year

# --- what a report holds -----------------------------------------------------------------------


@dataclass(frozen=True)
class Lagging:
    """A red or yellow target in the 滞后 list, with its gap and who answers for it."""

    item: Progress
    basis: str  # 较序时 (cumulative) or 较目标 (level): what the gap is measured against
    gap: str
    remark: str  # the 牵头单位 where the plan names one, else the record's note or source
    note: str = ""  # the record's note or source (or the inputs of a derived figure), beside a 牵头单位


@dataclass(frozen=True)
class Section:
    """One action: numeric targets (each floor beside its 力争 stretch), milestones, and the trend of
    every indicator with two dated figures or more (in table order)."""

    number: int
    action: Action
    lines: list[tuple[Progress, Progress | None]]
    milestones: list[Progress]
    trends: list[Trend] = field(default_factory=list)

    def outlook(self, item: Progress) -> Projection:
        return item.outlook

    @property
    def projecting(self) -> bool:
        """Some target of the action is projected to its period's end (the period still runs)."""
        return any(item.outlook.method is not None for item, _ in self.lines)


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
    since: Since | None = None  # 较上期, where there is an earlier date to compare with
    departments: list[Tally] = field(default_factory=list)  # per 牵头单位, where the plan names any
    lead: str | None = None  # the one department the report is about (`--lead`)
    flagged: dict[str, int] = field(default_factory=dict)  # floor targets per flag: missing, stale, late
    standing: Halfway | None = None  # 双过半, at mid-year
    linked: frozenset[tuple[str, str]] = frozenset()  # indicators kept in two actions (`same_as`), both sides
    ranks: list[Standing] = field(default_factory=list)  # 排名 of the actions
    department_ranks: list[Standing] = field(default_factory=list)  # 排名 of the 牵头单位, where the plan names any
    checkpoints: list[Checkpoint] = field(default_factory=list)  # checkpoints that fell due inside the period

    def outlook(self, item: Progress) -> Projection:
        return item.outlook

    @property
    def projecting(self) -> bool:
        """Some target is projected to its period's end: the period still runs (预计全年 has a column)."""
        return any(item.outlook.method is not None for section in self.sections for item, _ in section.lines)

    @property
    def part(self) -> str | None:
        """上半年 / 前三季度 for a year-long period judged at its 6th or 9th month's end, else None."""
        return part_of_year(self.period, self.on)

    @property
    def title(self) -> str:
        return labels.REPORT_TITLE.format(title=self.plan.meta.title, subtitle=self.subtitle)

    @property
    def subtitle(self) -> str:
        part = self.part
        subtitle = (
            labels.REPORT_SUBTITLE_PART.format(period=self.period.label, part=part)
            if part
            else labels.REPORT_SUBTITLE.format(period=self.period.label)
        )
        return subtitle + (labels.REPORT_LEAD.format(lead=self.lead) if self.lead else "")

    @property
    def parts(self) -> list[str]:
        """The report's parts in order, by key (`labels.PARTS`); 较上期 and 分部门汇总 where they apply."""
        return [
            "summary",
            *(["checkpoints"] if self.checkpoints else []),
            *(["since"] if self.since is not None else []),
            "rollup",
            *(["departments"] if self.departments else []),
            *(["ranking"] if self.ranked else []),
            "lagging",
            "actions",
            "notes",
        ]

    def heading(self, part: str) -> str:
        """A part's numbered heading: `二、较上期变化`."""
        number = self.parts.index(part) + 1
        return labels.PART_HEADING.format(ordinal=chinese_ordinal(number), title=self.part_title(part))

    def part_title(self, part: str) -> str:
        """A part's title: `一季度目标完成情况` names the checkpoints it reports."""
        periods = labels.LIST_SEPARATOR.join(self.plan.meta.periods[c.period].label for c in self.checkpoints)
        return labels.PARTS[part].format(periods=periods)

    @property
    def ranked(self) -> bool:
        """Some action or department has a place: the 排名 part applies."""
        return any(standing.rank is not None for standing in [*self.ranks, *self.department_ranks])

    @property
    def halfway(self) -> str | None:
        """双过半 at mid-year: the cumulative floor targets whose 完成率 is past half, and those not."""
        standing = self.standing
        if standing is None:
            return None
        text = labels.HALFWAY_TEXT.format(total=len(standing.members), past=len(standing.past))
        if standing.short:
            named = labels.LIST_SEPARATOR.join(
                labels.HALFWAY_SHORT_ITEM.format(
                    indicator=listed_name(item, self.linked), attainment=percent(item.attainment)
                )
                for item in standing.short
            )
            text += labels.HALFWAY_SHORT.format(count=len(standing.short), names=named)
        return text + labels.SUMMARY_END

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
        part = self.part
        text = labels.SUMMARY_TEXT.format(
            date=chinese_date(self.on) + (labels.PART_END[part] if part else ""),
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
        parts = [f"{t.name}{tally_phrase(t)}" for t in self.tallies if t.total or t.stretches]
        if parts:
            text += labels.SUMMARY_BY_ACTION.format(parts=labels.PHRASE_SEPARATOR.join(parts))
        return text


def build(
    snapshot: Snapshot, period: str, since: dt.date | None = None, *, compare_with_previous: bool = True
) -> Report:
    """The report of `snapshot` (judged for `period`; taken with `keep_records`, and with `lead` when
    the report is one department's).

    The record a figure was read from (the last line for its indicator and date) supplies its
    source and note. 较上期 compares with `since`, by default the last day with data before the
    as-of date's month (none without `compare_with_previous`, or when there is no such day).
    """
    plan, on = snapshot.plan, snapshot.on
    items = [item for item in snapshot.items if item.row.target.period == period]
    lead = snapshot.lead
    ledgers = _Ledgers(snapshot)
    drawn = trends(snapshot)
    tallies: list[Tally] = []
    sections: list[Section] = []
    for action in plan.actions:
        mine = [item for item in items if item.row.action.id == action.id]
        if lead and not mine:
            continue  # one department's report: the actions it leads targets in
        tallies.append(rollup.tally(action.name, mine))
        numeric = [item for item in mine if item.row.indicator.kind.policy.numeric]
        milestones = [item for item in mine if not item.row.indicator.kind.policy.numeric]
        lines = paired(numeric)
        shown = [
            drawn[key] for key in dict.fromkeys((f.row.action.id, f.row.indicator.id) for f, _ in lines) if key in drawn
        ]
        sections.append(Section(len(sections) + 1, action, lines, milestones, shown))
    if compare_with_previous and since is None:
        since = compare.previous_day(snapshot)
    once = judge.distinct(items, snapshot.owners)  # what lists name: each measure once
    since = since if since is not None and since < on else None
    earlier = [item for item in snapshot.judged_on(since) if item.row.target.period == period] if since else None
    return Report(
        plan=plan,
        period=plan.meta.periods[period],
        on=on,
        elapsed=period_elapsed(plan.meta, plan.meta.periods[period], on),
        tallies=tallies,
        total=rollup.tally(labels.TOTAL, items),
        lagging=_lagging(once, ledgers),
        sections=sections,
        no_data=_no_data(plan, once),
        freshness=ledgers.freshness(on),
        sources=ledgers.citations(items),
        notes=_method_notes(plan),
        since=Since.of(snapshot, once, since) if since is not None else None,
        departments=[] if lead else _departments(items),
        lead=lead,
        flagged={
            flag: sum(1 for item in items if item.is_floor and flag in item.flags)
            for flag in ("missing", "stale", "late")
        },
        standing=rollup.halfway(items, snapshot.owners),
        linked=frozenset(snapshot.owners) | frozenset(snapshot.owners.values()),
        ranks=ranking.rank(
            ranking.action_groups(plan.actions, items),
            None if earlier is None else ranking.action_groups(plan.actions, earlier),
        ),
        department_ranks=[]
        if lead
        else ranking.rank(
            ranking.department_groups(items), None if earlier is None else ranking.department_groups(earlier)
        ),
        checkpoints=rollup.checkpoints_due(plan.meta, period, snapshot.by_period(), on, snapshot.owners),
    )


def _departments(items: Sequence[Progress]) -> list[Tally]:
    """The roll-up per 牵头单位, in the order the plan first names each, those with none last; [] when
    the plan names none."""
    groups = rollup.lead_groups(items)
    if all(lead is None for lead, _ in groups):
        return []
    return [rollup.tally(lead or labels.NO_LEAD, group) for lead, group in groups]


def listed_name(item: Progress, linked: Collection[tuple[str, str]]) -> str:
    """A target as a list names it: its indicator, and its action too where another action keeps
    the same measure (`same_as`), so that the reader knows which."""
    row = item.row
    if (row.action.id, row.indicator.id) in linked:
        return labels.SINCE_NAME.format(indicator=row.indicator.name, action=row.action.name)
    return row.indicator.name


def tally_phrase(tally: Tally) -> str:
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


def _lagging(items: Sequence[Progress], ledgers: _Ledgers) -> list[Lagging]:
    """Every red and yellow target in the judge's order (red first, then the furthest short)."""
    return [
        Lagging(item, *gap_to_schedule(item), ledgers.remark(item), ledgers.note(item) if item.row.lead else "")
        for item in judge.lagging(items)
    ]


def gap_to_schedule(item: Progress) -> tuple[str, str]:
    """(`较序时`, `-12.3 个百分点`) for cumulative targets: 完成率 − 序时进度, as both are shown;
    (`较目标`, `+16 小时`) for the others: actual − target; ("", `未完成`) for a milestone.
    """
    unit = item.row.indicator.unit
    if not item.row.indicator.kind.policy.numeric:
        return "", labels.NOT_DONE if item.reading else "—"
    if item.attainment is not None and item.expected is not None:
        return labels.BEHIND_SCHEDULE, points(half_up(item.attainment, 1) - half_up(item.expected, 1)).text
    if item.gap is None:
        return "", "—"
    return labels.BEHIND_TARGET, (points(item.gap) if unit == "%" else gap_text(item.gap, unit)).text


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
