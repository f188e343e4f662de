"""The Excel 台账's sheets beyond the status: 滞后清单, 分部门 (排名) and 较上期, as tables.

Owns what those sheets of `status --format xlsx` hold: every red and yellow target, each measure
once, in the judge's order, with its gap, its outlook and its 牵头单位; the 排名 of the 牵头单位 and of
the actions, period by period, with the places moved since the last day with data before the
status date's month; and each target then and now against that day. The verdicts, the order and
the places are `ops`'; the cells are the views' own. Pure: tables out, no layout, never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from daye_plan.ops import compare, judge, ranking, rollup
from daye_plan.ops.progress import Progress
from daye_plan.ops.tracking import Snapshot
from daye_plan.present import labels
from daye_plan.present import outlook as outlooks
from daye_plan.present.figures import (
    actual_text,
    change_row,
    chinese_date,
    nested,
)
from daye_plan.present.report.standings import ranking_table
from daye_plan.present.table import Cell, LightCell, Role, Row, Table
from daye_plan.present.views import (
    ACTION,
    CHANGES,
    INDICATOR,
    LEAD,
    LIGHT,
    NEEDED,
    PERIOD,
    PROJECTED,
    PROJECTED_MET,
    STANDING,
    column,
    count,
    standing_cells,
)


def earlier_day(snapshot: Snapshot) -> dt.date | None:
    """What the 台账 compares with: the last day with data before the status date's month."""
    return compare.previous_day(snapshot)


def lagging(snapshot: Snapshot) -> Table:
    """Every red and yellow target of the status, each measure once, worst first."""
    columns = [
        column("number", Role.NUMBER),
        LIGHT,
        *STANDING,  # a workbook shows every column: what a narrow terminal leaves out first does not apply
        PROJECTED,
        NEEDED,
        PROJECTED_MET,
        LEAD,
    ]
    rows = []
    behind = judge.lagging(judge.distinct(snapshot.items, snapshot.owners))
    for number, item in enumerate(behind, 1):
        unit = item.row.indicator.unit
        cells: list[Cell] = [
            count(number),
            LightCell(item.light.value),
            *standing_cells(item),
            outlooks.projected_text(item.outlook, unit),
            outlooks.needed_text(item.outlook, unit),
            outlooks.met_text(item.outlook, item),
            outlooks.lead_text(item.row),
        ]
        rows.append(Row(cells, item.light.value))
    return Table(columns, rows, title=labels.LEDGER_LAGGING)


def rankings(snapshot: Snapshot, since: dt.date | None) -> list[Table]:
    """The 排名 of the 牵头单位 (where the plan names any), then of the actions, one pair per period,
    with the places moved since `since`."""
    meta = snapshot.plan.meta
    earlier = _by_period(snapshot.judged_on(since)) if since is not None else {}
    tables = []
    for period, items in rollup.period_groups(meta, snapshot.items):
        before = earlier.get(period)
        label = meta.periods[period].label
        for title, groups, first, old in (
            (
                labels.RANKING_DEPARTMENTS,
                ranking.department_groups(items),
                "lead",
                None if before is None else ranking.department_groups(before),
            ),
            (
                labels.RANKING_ACTIONS,
                ranking.action_groups(snapshot.plan.actions, items),
                "action",
                None if before is None else ranking.action_groups(snapshot.plan.actions, before),
            ),
        ):
            if not groups:
                continue
            found = ranking.rank(groups, old)
            heading = labels.LEDGER_TITLE.format(title=title, period=label)
            tables.append(ranking_table(found, column(first), compared=old is not None, title=heading))
    return tables


def _by_period(items: Sequence[Progress]) -> dict[str, list[Progress]]:
    found: dict[str, list[Progress]] = {}
    for item in items:
        found.setdefault(item.row.target.period, []).append(item)
    return found


def changes(snapshot: Snapshot, since: dt.date) -> Table:
    """Each floor target with a figure on both dates: then, now, the change, the change in 完成率, the light."""
    columns = [ACTION, INDICATOR, PERIOD, *CHANGES, column("light_change")]
    rows = []
    once = {item.row.key for item in judge.distinct(snapshot.items, snapshot.owners) if item.is_floor}
    for change in compare.changes(snapshot, since):
        then, now = change.then, change.now
        if now.row.key not in once or then.reading is None or now.reading is None:
            continue
        rows.append(change_row(change, [now.row.action.name, nested(now.row), now.row.period.label], actual_text))
    title = labels.LEDGER_SINCE.format(date=chinese_date(since), on=chinese_date(snapshot.on))
    return Table(columns, rows, title=title)
