"""The report's tables, built once from a `Report` and drawn alike by its Markdown and HTML renderers.

Owns which columns each table of a report has and what each cell holds: the roll-up per action and
per 牵头单位, 较上期 per target, the lagging list (with 预计全年, 每月需完成 and the 牵头单位), an
action's targets (each floor with its 力争 stretch beside it, its 预计全年, and in Markdown its trend
as a sparkline) and its milestones, and the data notes (no data yet, freshness, sources). Figures
are written as analysts write them: at most two decimals (亿元), one for a percent. No layout of
any format; never prints.
"""

from __future__ import annotations

import datetime as dt

from daye_plan.model.plan import Period
from daye_plan.ops.progress import Progress
from daye_plan.present import labels
from daye_plan.present import outlook as outlooks
from daye_plan.present.chart import sparkline
from daye_plan.present.figures import (
    actual_text,
    attainment_text,
    change_row,
    leveled_requirement,
    nested,
    percent_figure,
    target_requirement,
)
from daye_plan.present.report.model import LIGHTS, Report, Section, Tally
from daye_plan.present.table import (
    TOTAL,
    Align,
    Cell,
    Column,
    Figure,
    Gap,
    LightCell,
    Requirement,
    Role,
    Row,
    Shares,
    Stretch,
    Table,
    text_of,
)
from daye_plan.present.views import (
    ACTION,
    ATTAINMENT,
    CHANGES,
    INDICATOR,
    LIGHT,
    column,
    count,
    flag_marks,
    light_column,
    progress_bar,
)

CENTRED_ACTION = column("action", align=Align.CENTER)
AS_OF = column("as_of", align=Align.CENTER)
FIGURE_TARGET = column("target", Role.NUMBER)
FIGURE_ACTUAL = column("actual", Role.NUMBER)
EXPECTED = column("expected", Role.NUMBER)


def actual_cell(item: Progress) -> Figure | str:
    """The figure as analysts expect it: at most two decimals (亿元), one for a percent."""
    return actual_text(item, 1 if item.row.indicator.unit == "%" else 2)


def as_of_cell(item: Progress) -> str:
    """The figure's date, with its marks where it has any: `06-30（逾期完成）`, `未报送`."""
    day = item.reading.as_of.strftime("%m-%d") if item.reading else "—"
    marks = flag_marks(item)
    if not marks:
        return day
    return labels.DATE_MARKED.format(day=day, marks=marks) if item.reading else marks


def milestone_cell(item: Progress) -> str:
    if item.reading is None:
        return labels.NOT_REPORTED
    return labels.TICKED if item.met else labels.UNTICKED


def rollup(report: Report) -> Table:
    """Floor targets per action: how many, per light, how many met, mean 完成率, and the lights drawn."""
    return Table(_tally_columns(ACTION), [*(_tally_row(t) for t in report.tallies), _tally_row(report.total, TOTAL)])


def departments(report: Report) -> Table | None:
    """Floor targets per 牵头单位, as `rollup` counts them per action; None when the plan names none."""
    if not report.departments:
        return None
    columns = _tally_columns(column("lead"))
    return Table(columns, [*(_tally_row(t) for t in report.departments), _tally_row(report.total, TOTAL)])


def _tally_columns(first: Column) -> list[Column]:
    return [
        first,
        column("targets", Role.NUMBER),
        *(light_column(light) for light in LIGHTS),
        column("met", Role.NUMBER),
        column("average", Role.NUMBER),
        column("shares", Role.CHART),
    ]


def _tally_row(tally: Tally, mark: str = "") -> Row:
    cells: list[Cell] = [
        tally.name,
        count(tally.total),
        *(count(tally.counts[light]) for light in LIGHTS),
        count(tally.met),
        percent_figure(tally.average),
        Shares({light.value: tally.counts[light] for light in LIGHTS}),
    ]
    return Row(cells, mark)


def projected_column(period: Period) -> Column:
    """预计全年, or 预计期末 where the report's period is not a year."""
    header = labels.HEADERS["projected"] if period.months == 12 else labels.PROJECTED_AT_END
    return Column("projected", header, Role.NUMBER)


def lagging(report: Report) -> Table:
    """Every red and yellow target, worst first, with its gap, its outlook and who answers for it:
    the 牵头单位 in a column of its own (and the record's note beside it) where the plan names any."""
    leads = any(lag.item.row.lead for lag in report.lagging)
    outlook = report.projecting
    columns = [
        column("number", Role.NUMBER),
        LIGHT,
        CENTRED_ACTION,
        INDICATOR,
        column("target", align=Align.RIGHT, md_align=Align.LEFT),
        FIGURE_ACTUAL,
        AS_OF,
        ATTAINMENT,
        EXPECTED,
        column("gap", align=Align.RIGHT),
        *([projected_column(report.period), column("needed_per_month", Role.NUMBER)] if outlook else []),
        *([column("lead"), column("note")] if leads else [column("remark")]),
    ]
    rows = []
    for n, lag in enumerate(report.lagging, 1):
        item = lag.item
        found = report.outlook(item)
        unit = item.row.indicator.unit
        cells: list[Cell] = [
            str(n),
            LightCell(item.light.value),
            item.row.action.name,
            item.row.indicator.name,
            Requirement(item.row.target.level, text_of(target_requirement(item.row))),
            actual_cell(item),
            as_of_cell(item),
            attainment_text(item),
            percent_figure(item.expected),
            Gap(lag.basis, lag.gap),
            *([outlooks.projected_text(found, unit), outlooks.needed_text(found, unit)] if outlook else []),
            *([outlooks.lead_text(item.row), lag.note or "—"] if leads else [lag.remark]),
        ]
        rows.append(Row(cells, item.light.value))
    return Table(columns, rows, kind="lagging")


def targets(section: Section, *, sparklines: bool = False) -> Table | None:
    """An action's numeric targets, each floor with its 力争 stretch beside it, and its 预计全年 while
    the period runs; with `sparklines` (Markdown, which draws no chart), each indicator's trend as a
    line of bars. None if the action has no numeric target."""
    if not section.lines:
        return None
    has_stretch = any(stretch for _, stretch in section.lines)
    outlook = section.projecting
    drawn = {(t.row.action.id, t.row.indicator.id): t for t in section.trends} if sparklines else {}
    columns = [
        INDICATOR,
        FIGURE_TARGET,
        FIGURE_ACTUAL,
        AS_OF,
        ATTAINMENT,
        EXPECTED,
        column("bar", Role.BAR),
        LIGHT,
        *([column("stretch", Role.STRETCH)] if has_stretch else []),
        *([projected_column(section.lines[0][0].row.period)] if outlook else []),
        *([column("trend")] if drawn else []),
    ]
    rows = []
    for floor, stretch in section.lines:
        cells: list[Cell] = [
            nested(floor.row),
            leveled_requirement(floor.row),
            actual_cell(floor),
            as_of_cell(floor),
            attainment_text(floor),
            percent_figure(floor.expected),
            progress_bar(floor),
            LightCell(floor.light.value),
        ]
        if has_stretch:
            cells.append(
                Stretch(
                    text_of(target_requirement(stretch.row)), text_of(attainment_text(stretch)), stretch.light.value
                )
                if stretch
                else ""
            )
        if outlook:
            cells.append(outlooks.projected_text(section.outlook(floor), floor.row.indicator.unit))
        if drawn:
            trend = drawn.get((floor.row.action.id, floor.row.indicator.id))
            rising = floor.row.indicator.kind.policy.year_to_date
            cells.append(sparkline([p.value for p in trend.points], rising=rising) if trend else "")
        rows.append(Row(cells))
    return Table(columns, rows)


def since(report: Report) -> Table | None:
    """较上期 per floor target with a figure on both dates: the figure then and now, its change, the
    change in 完成率, and the light (上期→本期 where it turned); None when no target has both."""
    if report.since is None or not report.since.compared:
        return None
    columns = [CENTRED_ACTION, INDICATOR, *CHANGES, column("light_change", align=Align.CENTER)]
    rows = [
        change_row(change, [change.now.row.action.name, nested(change.now.row)], actual_cell)
        for change in report.since.compared
    ]
    return Table(columns, rows)


def milestones(section: Section) -> Table | None:
    """An action's milestones (重点任务): done or not; None if it has none."""
    if not section.milestones:
        return None
    columns = [column("task", Role.NAME), column("state", align=Align.CENTER), AS_OF, LIGHT]
    rows = [
        Row([item.row.indicator.name, milestone_cell(item), as_of_cell(item), LightCell(item.light.value)])
        for item in section.milestones
    ]
    return Table(columns, rows)


def no_data(report: Report) -> Table | None:
    """The indicators with no figure yet, per action, parted by `；` (a name may hold 、); None when
    every target has data."""
    if not report.no_data:
        return None
    rows = [Row([action, labels.NAME_SEPARATOR.join(names)]) for action, names in report.no_data]
    return Table([CENTRED_ACTION, column("indicator")], rows)


def _latest_text(day: dt.date | None) -> str:
    return day.isoformat() if day else labels.NO_DATA_YET


def freshness(report: Report) -> Table:
    """Each action's newest figure and its records in force; records dated after the report, not counted."""
    columns = [CENTRED_ACTION, column("latest", align=Align.CENTER), column("records", Role.NUMBER), column("remarks")]
    rows = [
        Row(
            [
                f.action,
                _latest_text(f.latest),
                str(f.records),
                labels.LATER_RECORDS.format(later=f.later) if f.later else "",
            ]
        )
        for f in report.freshness
    ]
    return Table(columns, rows)


def sources(report: Report) -> Table | None:
    """Each source the figures were read from, with how many records cite it; None when there is none."""
    if not report.sources:
        return None
    columns = [column("source"), column("citations", Role.NUMBER), column("actions")]
    rows = [Row([c.source, count(c.records), labels.LIST_SEPARATOR.join(c.actions)]) for c in report.sources]
    return Table(columns, rows)


def trend_figures(section: Section) -> Table | None:
    """An action's trends as figures by month (the last figure of each month in force), for a format
    that draws no chart (Word); None when no indicator has two or more dated figures."""
    if not section.trends:
        return None
    months = sorted({(p.as_of.year, p.as_of.month) for trend in section.trends for p in trend.points})
    columns = [
        INDICATOR,
        column("target", Role.NUMBER),
        *(Column(f"m{year}{month:02d}", labels.MONTH.format(month=month), Role.NUMBER) for year, month in months),
    ]
    rows = []
    for trend in section.trends:
        by_month = {(p.as_of.year, p.as_of.month): p.value for p in trend.points}  # sorted: the month's last wins
        unit = trend.unit
        cells: list[Cell] = [
            nested(trend.row),
            target_requirement(trend.row),
            *(Figure(by_month[m], unit, 2) if m in by_month else "—" for m in months),
        ]
        rows.append(Row(cells, trend.light.value))
    return Table(columns, rows)
