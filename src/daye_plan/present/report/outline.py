"""A report's outline: its parts in order, each a heading and the blocks under it, written once.

Owns what a report says and in which order — the numbered parts (总体情况, 阶段目标完成情况,
较上期变化, 分行动汇总, 分部门汇总, 排名情况, 滞后指标清单, 分行动进展, 数据说明) with their
paragraphs, hints, tables and bar charts, one section per action, the data notes — so that the Markdown, HTML and Word renderers walk the same outline
and only decide how each block looks (a legend, a chart, a heading's level). The part numbers then
agree in every format, whatever parts apply. Pure: no layout, never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from daye_plan.ops.ranking import Standing
from daye_plan.present import labels
from daye_plan.present.figures import chinese_ordinal
from daye_plan.present.report import standings, tables
from daye_plan.present.report.model import LIGHTS, Report, Section
from daye_plan.present.table import Table
from daye_plan.present.views import column


class Style(StrEnum):
    """What a paragraph is, which decides how a format sets it."""

    SUMMARY = "summary"  # prose made from the data (names people typed): escaped where the format needs
    HINT = "hint"  # the report's own small print under a heading
    NOTE = "note"  # the report's own words standing in for a table (no target lags)
    THEME = "theme"  # an action's theme line


class Text(NamedTuple):
    text: str
    style: Style


class Grid(NamedTuple):
    """One of the report's tables."""

    table: Table


class Legend(NamedTuple):
    """The targets per light: a legend and a bar where the format draws them."""

    counts: dict[str, int]


class Trends(NamedTuple):
    """An action's trends: charts, a table of figures, or nothing where its table has sparklines."""

    section: Section


class Subheading(NamedTuple):
    """A heading inside a section, over a table (重点任务)."""

    text: str


class Numbered(NamedTuple):
    """A numbered list (the method notes)."""

    items: Sequence[str]


class Bar(NamedTuple):
    """One group of a bar chart: its mean 完成率 and the mean 序时 of the same targets, in percent."""

    name: str
    attainment: Decimal
    expected: Decimal


class Bars(NamedTuple):
    """A bar chart of groups' 完成率 against 序时 (actions, departments), where the format draws one."""

    title: str
    bars: Sequence[Bar]


def bars(title: str, ranked: Sequence[Standing]) -> Bars | None:
    """The chart of the ranked groups whose paced targets have figures, in the order of their places;
    None when none has."""
    drawn = [
        Bar(standing.name, standing.score.attainment, standing.score.expected)
        for standing in ranked
        if standing.score.attainment is not None and standing.score.expected is not None
    ]
    return Bars(title, drawn) if drawn else None


Block = Text | Grid | Legend | Trends | Subheading | Numbered | Bars


class Kind(StrEnum):
    PART = "part"  # a numbered part: 一、总体情况
    ACTION = "action"  # an action's section inside 分行动进展: （一）招商引资行动
    NOTE = "note"  # a note inside 数据说明: （一）暂无数据的目标


class Part(NamedTuple):
    key: str  # `summary`, `since`, … for a part; the action's id for an action; `no_data` … for a note
    kind: Kind
    heading: str
    blocks: Sequence[Block]
    children: Sequence[Part] = ()


Built = tuple[list[Block], list["Part"]]


def outline(report: Report, *, sparklines: bool = False) -> list[Part]:
    """The report's parts in order; `sparklines`: an action's table carries each trend as a sparkline
    (a format that draws no chart)."""
    builders: dict[str, Callable[[Report], Built]] = {
        "summary": _summary,
        "checkpoints": _checkpoints,
        "since": _since,
        "rollup": _rollup,
        "departments": _departments,
        "ranking": _ranking,
        "lagging": _lagging,
        "actions": lambda report: ([], [_action(section, sparklines) for section in report.sections]),
        "notes": lambda report: ([], _notes(report)),
    }
    parts = []
    for key in report.parts:
        blocks, children = builders[key](report)
        parts.append(Part(key, Kind.PART, report.heading(key), blocks, children))
    return parts


def _summary(report: Report) -> Built:
    blocks: list[Block] = [Text(report.summary, Style.SUMMARY)]
    if report.halfway:
        blocks.append(Text(report.halfway, Style.SUMMARY))
    blocks.append(Legend({light.value: report.total.counts[light] for light in LIGHTS}))
    return blocks, []


def _since(report: Report) -> Built:
    assert report.since is not None  # a part of the report only where there is an earlier date
    blocks: list[Block] = [Text(report.since.paragraph, Style.SUMMARY)]
    changes = tables.since(report)
    if changes is not None:
        blocks += [Text(labels.SINCE_HINT, Style.HINT), Grid(changes)]
    return blocks, []


def _checkpoints(report: Report) -> Built:
    name = standings.ListedName(report.linked)
    blocks: list[Block] = []
    for checkpoint in report.checkpoints:
        blocks.append(Text(standings.checkpoint_text(report.plan, checkpoint, name), Style.SUMMARY))
    blocks.append(Text(labels.CHECKPOINT_HINT, Style.HINT))
    blocks += [Grid(standings.checkpoint_table(report.plan, checkpoint)) for checkpoint in report.checkpoints]
    return blocks, []


def _ranking(report: Report) -> Built:
    compared = report.since is not None
    blocks: list[Block] = [Text(standings.ranking_hint(report.since.day if report.since else None), Style.HINT)]
    for title, chart, found, first in (
        (labels.RANKING_ACTIONS, labels.CHART_ACTIONS, report.ranks, "action"),
        (labels.RANKING_DEPARTMENTS, labels.CHART_DEPARTMENTS, report.department_ranks, "lead"),
    ):
        if not any(standing.rank is not None for standing in found):
            continue
        blocks += [Subheading(title), Grid(standings.ranking_table(found, column(first), compared=compared))]
        drawn = bars(chart, found)
        if drawn is not None:
            blocks.append(drawn)
    return blocks, []


def _rollup(report: Report) -> Built:
    return [Text(labels.ROLLUP_HINT, Style.HINT), Grid(tables.rollup(report))], []


def _departments(report: Report) -> Built:
    table = tables.departments(report)
    assert table is not None  # a part of the report only where the plan names departments
    return [Text(labels.ROLLUP_HINT, Style.HINT), Grid(table)], []


def _lagging(report: Report) -> Built:
    if not report.lagging:
        return [Text(labels.NONE_LAGGING, Style.NOTE)], []
    blocks: list[Block] = [Text(labels.LAGGING_HINT, Style.HINT)]
    if report.projecting:
        blocks.append(Text(labels.PROJECTION_HINT, Style.HINT))
    return [*blocks, Grid(tables.lagging(report))], []


def _action(section: Section, sparklines: bool) -> Part:
    action = section.action
    blocks: list[Block] = [Text(action.theme, Style.THEME)] if action.theme else []
    numeric, milestones = tables.targets(section, sparklines=sparklines), tables.milestones(section)
    if numeric is not None:
        blocks += [Grid(numeric), Trends(section)]
    if milestones is not None:
        blocks += [Subheading(labels.MILESTONES), Grid(milestones)]
    if numeric is None and milestones is None:
        blocks.append(Text(labels.NO_TARGETS_THIS_PERIOD, Style.NOTE))
    heading = labels.SECTION.format(ordinal=chinese_ordinal(section.number), title=action.title)
    return Part(action.id, Kind.ACTION, heading, blocks)


def _notes(report: Report) -> list[Part]:
    def table_or(table: Table | None, otherwise: str) -> list[Block]:
        return [Grid(table)] if table is not None else [Text(otherwise, Style.NOTE)]

    return [
        Part("no_data", Kind.NOTE, labels.NO_DATA, table_or(tables.no_data(report), labels.ALL_HAVE_DATA)),
        Part("freshness", Kind.NOTE, labels.FRESHNESS, [Grid(tables.freshness(report))]),
        Part("sources", Kind.NOTE, labels.SOURCES, table_or(tables.sources(report), labels.NO_RECORDS_THIS_PERIOD)),
        Part("method", Kind.NOTE, labels.METHOD, [Numbered(report.notes)]),
    ]
