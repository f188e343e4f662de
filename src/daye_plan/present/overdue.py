"""The view of what has not been reported: `status --missing`, built once as `Table`s and `Records`.

Owns which columns the list of missing and out-of-date figures has — per action, each indicator
with its 牵头单位, its state (未报送 / 数据过期), the date of its latest figure and the date a figure
was due — and the count per 牵头单位 where the plan names them, so that the analyst knows whom to
call. The judgement is `ops.reporting`'s; renderers draw these. Pure: no I/O, no rich, never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from daye_plan.present import labels
from daye_plan.present.figures import action_title
from daye_plan.present.table import Block, Column, Heading, Note, Records, Role, Row, Table

if TYPE_CHECKING:
    from daye_plan.model.plan import Plan
    from daye_plan.ops.reporting import Overdue

OVERDUE_KEYS = ["action_id", "action", "indicator_id", "indicator", "lead", "state", "latest", "due", "periods"]
_HEADERS = labels.OVERDUE_HEADERS
INDICATOR = Column("indicator", _HEADERS["indicator"], Role.NAME)
LEAD = Column("lead", _HEADERS["lead"])
STATE = Column("state", _HEADERS["state"])
LATEST = Column("latest", _HEADERS["latest"])
DUE = Column("due", _HEADERS["due"])
PERIODS = Column("periods", _HEADERS["periods"], drop=1)


def _cells(plan: Plan, found: Overdue) -> list[str]:
    return [
        found.indicator.name,
        found.lead or "—",
        labels.FLAG_LABELS[found.state],
        found.latest.isoformat() if found.latest else "—",
        found.due.isoformat(),
        labels.LIST_SEPARATOR.join(plan.meta.periods[p].label for p in found.periods),
    ]


def overdue_by_action(plan: Plan, on: dt.date, found: Sequence[Overdue]) -> list[Block]:
    """A heading, one table per action with something missing or stale, then the count per 牵头单位."""
    blocks: list[Block] = [Heading(labels.OVERDUE_TITLE.format(region=plan.meta.region, on=on.isoformat()))]
    if not found:
        return [*blocks, Note(labels.NOTHING_OVERDUE)]
    columns = [INDICATOR, LEAD, STATE, LATEST, DUE, PERIODS]
    for action in plan.actions:
        mine = [item for item in found if item.action.id == action.id]
        if mine:
            blocks.append(Table(columns, [Row(_cells(plan, item)) for item in mine], title=action_title(action)))
    leads = by_lead(found)
    if leads:
        lead_columns = [
            Column("lead", _HEADERS["lead"]),
            Column("missing", labels.FLAG_LABELS["missing"], Role.NUMBER),
            Column("stale", labels.FLAG_LABELS["stale"], Role.NUMBER),
            Column("indicators", _HEADERS["indicators"], Role.LONG_TEXT),
        ]
        rows = [
            Row([lead, str(missing), str(stale), labels.LIST_SEPARATOR.join(names)])
            for lead, (missing, stale, names) in leads.items()
        ]
        blocks.append(Table(lead_columns, rows, title=labels.OVERDUE_BY_LEAD))
    return blocks


def by_lead(found: Sequence[Overdue]) -> dict[str, tuple[int, int, list[str]]]:
    """Per 牵头单位 named by the plan (in order of first mention): missing and stale counts and indicators."""
    leads: dict[str, tuple[int, int, list[str]]] = {}
    for item in found:
        if not item.lead:
            continue
        missing, stale, names = leads.get(item.lead, (0, 0, []))
        leads[item.lead] = (
            missing + (item.state == "missing"),
            stale + (item.state == "stale"),
            [*names, item.indicator.name],
        )
    return leads


def overdue_table(plan: Plan, on: dt.date, found: Sequence[Overdue]) -> Table:
    """Everything missing or stale on one table, its action named on each row (Markdown)."""
    columns = [Column("action", _HEADERS["action"]), INDICATOR, LEAD, STATE, LATEST, DUE, PERIODS]
    rows = [Row([item.action.name, *_cells(plan, item)]) for item in found]
    return Table(columns, rows, title=labels.OVERDUE_TITLE.format(region=plan.meta.region, on=on.isoformat()))


def overdue_records(found: Sequence[Overdue]) -> Records:
    """The machine form: `state` is `missing` or `stale`, `periods` the plan's period ids."""
    return Records(
        OVERDUE_KEYS,
        [
            {
                "action_id": item.action.id,
                "action": item.action.name,
                "indicator_id": item.indicator.id,
                "indicator": item.indicator.name,
                "lead": item.lead,
                "state": item.state,
                "latest": item.latest,
                "due": item.due,
                "periods": list(item.periods),
            }
            for item in found
        ],
    )
