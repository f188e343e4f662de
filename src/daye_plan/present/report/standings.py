"""排名 and checkpoint results as a report shows them: the ranking tables, the change since the earlier
date (↑2 / ↓1 / —), and the checkpoints that fell due inside the report's period (一季度 in the
year's report at mid-year), counted per action and said in a paragraph.

Owns the columns and cells of those tables and the wording of the checkpoint paragraph, for every
format (the report's Markdown, HTML and Word, the 通报, the Excel workbook). The score, the rank and
each checkpoint verdict are `ops.ranking`'s and `ops.rollup`'s; this module only writes them.
Pure: no layout, never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import Decimal

from daye_plan.model.plan import Plan
from daye_plan.ops.progress import Progress
from daye_plan.ops.ranking import Standing
from daye_plan.ops.rollup import Checkpoint
from daye_plan.present import labels
from daye_plan.present.figures import chinese_date, percent_figure, points
from daye_plan.present.table import TOTAL, Align, Cell, Column, Figure, Role, Row, Table
from daye_plan.present.views import column, count


def rank_change(standing: Standing, compared: bool) -> str:
    """`↑2`, `↓1`, `—` unchanged, `新` ranked now but not then; '' without an earlier date."""
    if standing.rank is None:
        return labels.UNRANKED
    if not compared:
        return ""
    moved = standing.moved
    if moved is None:
        return labels.RANK_NEW
    if moved > 0:
        return labels.RANK_UP.format(places=moved)
    if moved < 0:
        return labels.RANK_DOWN.format(places=-moved)
    return labels.RANK_SAME


def rank_place(standing: Standing) -> Figure | str:
    """The place as a number a spreadsheet sorts by; `—` where the group has no figure yet."""
    return Figure(Decimal(standing.rank)) if standing.rank is not None else labels.UNRANKED


def ranking_table(standings: Sequence[Standing], first: Column, *, compared: bool, title: str = "") -> Table:
    """Each group's place and what it is ranked by: floor targets, how many and what share are on
    序时 (green), the mean 完成率 and 序时 of its paced targets and the points between them; with
    `compared`, the places moved since the earlier date."""
    columns = [
        column("rank", Role.NUMBER, align=Align.CENTER),
        first,
        column("targets", Role.NUMBER),
        column("on_schedule", Role.NUMBER),
        column("on_schedule_share", Role.NUMBER),
        column("average", Role.NUMBER),
        column("average_expected", Role.NUMBER),
        column("lead_over_schedule", Role.NUMBER),
        *([column("rank_change", align=Align.CENTER)] if compared else []),
    ]
    rows = []
    for standing in standings:
        found = standing.score
        cells: list[Cell] = [
            rank_place(standing),
            standing.name,
            count(found.targets),
            count(found.on_schedule),
            percent_figure(found.share),
            percent_figure(found.attainment),
            percent_figure(found.expected),
            points(found.lead),
            *([rank_change(standing, compared)] if compared else []),
        ]
        rows.append(Row(cells))
    return Table(columns, rows, title=title)


def ranking_hint(since: dt.date | None) -> str:
    """How the places are decided, and against which date they moved."""
    if since is None:
        return labels.RANKING_HINT_PLAIN
    return labels.RANKING_HINT.format(date=chinese_date(since))


# --- checkpoints -------------------------------------------------------------------------------


def checkpoint_text(plan: Plan, checkpoint: Checkpoint, name: ListedName) -> str:
    """`一季度目标（2023年3月31日到期…）共38项：按期完成10项，逾期完成2项，未完成5项，未报送21项。其中未完成的：…`"""
    period = plan.meta.periods[checkpoint.period]
    text = labels.CHECKPOINT_TEXT.format(
        period=period.label,
        end=chinese_date(period.end),
        total=len(checkpoint.members),
        on_time=len(checkpoint.on_time),
        late=len(checkpoint.late),
        short=len(checkpoint.short),
        missing=len(checkpoint.missing),
    )
    if checkpoint.pending:
        text += labels.CHECKPOINT_PENDING.format(pending=len(checkpoint.pending))
    if checkpoint.short:
        text += labels.CHECKPOINT_NAMED.format(names=labels.NAME_SEPARATOR.join(map(name, checkpoint.short)))
    return text + labels.SUMMARY_END


class ListedName:
    """A target as a list names it (its action too where another action keeps the same measure)."""

    def __init__(self, linked: Collection[tuple[str, str]]) -> None:
        self.linked = linked

    def __call__(self, item: Progress) -> str:
        row = item.row
        if (row.action.id, row.indicator.id) in self.linked:
            return labels.SINCE_NAME.format(indicator=row.indicator.name, action=row.action.name)
        return row.indicator.name


def checkpoint_table(plan: Plan, checkpoint: Checkpoint) -> Table:
    """A checkpoint's floor targets per action: on time, late, short, never reported (and not yet due)."""
    pending = bool(checkpoint.pending)
    columns = [
        column("action"),
        column("targets", Role.NUMBER),
        column("on_time", Role.NUMBER),
        column("late_met", Role.NUMBER),
        column("short", Role.NUMBER),
        column("missing", Role.NUMBER),
        *([column("pending", Role.NUMBER)] if pending else []),
    ]

    def row(name: str, found: Checkpoint, mark: str = "") -> Row:
        cells: list[Cell] = [
            name,
            count(len(found.members)),
            count(len(found.on_time)),
            count(len(found.late)),
            count(len(found.short)),
            count(len(found.missing)),
            *([count(len(found.pending))] if pending else []),
        ]
        return Row(cells, mark)

    rows = []
    for action in plan.actions:
        mine = [item for item in checkpoint.members if item.row.action.id == action.id]
        if mine:
            rows.append(row(action.name, Checkpoint(checkpoint.period, mine)))
    rows.append(row(labels.TOTAL, checkpoint, TOTAL))
    title = plan.meta.periods[checkpoint.period].label
    return Table(columns, rows, title=title)
