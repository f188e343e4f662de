"""The views of the plan and of progress, each built once as `Table`s: targets, status, roll-up.

Owns which columns each view has and what goes in every cell; the renderers (terminal,
Markdown, HTML, JSON/CSV) only draw what is built here. A screen view (`*_by_action`) is a list of
blocks with one table per action; a flat view (`*_table`) is one table for a file or a forge; a
`*_records` view is the machine form with design.md's keys, in their published order. Pure: no
I/O, no rich, never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from daye_plan.model.numbers import percent
from daye_plan.ops import rollup
from daye_plan.ops.progress import BEHIND, Light
from daye_plan.ops.rollup import Tally
from daye_plan.present import labels
from daye_plan.present import outlook as outlooks
from daye_plan.present.figures import (
    action_title,
    actual_text,
    attainment_text,
    gap_text,
    leveled_requirement,
    nested,
    paired,
    percent_figure,
    status_heading,
    target_requirement,
)
from daye_plan.present.table import (
    TOTAL,
    Align,
    Block,
    Cell,
    Column,
    Day,
    Figure,
    Heading,
    LightCell,
    Note,
    ProgressBar,
    Quiet,
    Records,
    Role,
    Row,
    Stretch,
    Table,
    text_of,
)

if TYPE_CHECKING:
    from daye_plan.model.catalog import TargetRow
    from daye_plan.model.plan import Plan
    from daye_plan.ops.progress import Progress
    from daye_plan.ops.tracking import Snapshot

TARGET_KEYS = [
    "action_id",
    "action",
    "indicator_id",
    "indicator",
    "period",
    "kind",
    "comparator",
    "target",
    "unit",
    "level",
    "quote",
]
ADDED_KEYS = ["direction", "code"]  # keys added after design.md's: only ever appended
STATUS_KEYS = [
    *TARGET_KEYS,
    *("actual", "as_of", "attainment", "expected", "gap", "met", "light"),
    *outlooks.OUTLOOK_KEYS,
    "flags",
    *ADDED_KEYS,
]


def column(
    key: str, role: Role = Role.TEXT, *, align: Align | None = None, drop: int = 0, md_align: Align | None = None
) -> Column:
    """The column of `key`, with its header from `labels`."""
    return Column(key, labels.HEADERS[key], role, align=align, drop=drop, md_align=md_align)


def light_column(light: Light) -> Column:
    """A count of the targets of one light."""
    return Column(light.value, labels.LIGHT_LABELS[light.value], Role.NUMBER, light=light.value)


# Columns several views share: one definition each.
ACTION = column("action")
INDICATOR = column("indicator", Role.NAME)
PERIOD = column("period")
TARGET = column("target", Role.NUMBER)
ACTUAL = column("actual", Role.NUMBER)
ATTAINMENT = column("attainment", Role.NUMBER)
GAP = column("gap", Role.NUMBER, drop=3)
LIGHT = column("light", Role.LIGHT)
LEVEL = column("level", drop=1)
# The outlook and the department: the first a narrow terminal leaves out.
PROJECTED = column("projected", Role.NUMBER, drop=7)
NEEDED = column("needed_per_month", Role.NUMBER, drop=8)
PROJECTED_MET = column("projected_met", drop=6)
LEAD = column("lead", Role.LONG_TEXT, drop=9)
# 较上期: the figure then and now, its change, and the change in 完成率.
CHANGES = [column(key, Role.NUMBER) for key in ("before", "now", "figure_change", "attainment_change")]


def flag_marks(item: Progress) -> str:
    """The item's flags as short Chinese marks: `逾期完成 · 已确认`, `未报送`; '' for none."""
    if not item.flags:
        return ""
    marks = [
        labels.LATE_MET if flag == "late" and item.met else labels.FLAG_LABELS.get(flag, flag) for flag in item.flags
    ]
    return labels.FLAG_SEPARATOR.join(marks)


FLAGS = column("flags")


def progress_bar(item: Progress) -> ProgressBar:
    """The item's bar, captioned with its 完成率 and 序时 as the row writes them."""
    return ProgressBar(
        item.attainment,
        item.expected,
        item.light.value,
        text_of(attainment_text(item)),
        percent(item.expected),
    )


def count(value: int) -> Figure:
    """A count of targets: a number a spreadsheet sums."""
    return Figure(Decimal(value))


# --- targets -----------------------------------------------------------------------------------


def direction_text(row: TargetRow) -> str:
    """正向 (higher is better) or 逆向 (lower is better); nothing for a task, which is done or not."""
    return labels.DIRECTION_LABELS[row.indicator.aim.value] if row.indicator.kind.policy.numeric else ""


def targets_by_action(plan: Plan, rows: Sequence[TargetRow]) -> list[Block]:
    """One table per action: indicator, period, requirement, 确保/力争, kind, quote."""
    columns = [
        INDICATOR,
        PERIOD,
        TARGET,
        LEVEL,
        column("kind", drop=4),
        column("direction", drop=5),
        column("quote", Role.LONG_TEXT),
    ]
    blocks: list[Block] = []
    for action in plan.actions:
        mine = [row for row in rows if row.action.id == action.id]
        if not mine:
            continue
        body = [
            Row(
                [
                    nested(row),
                    plan.meta.periods[row.target.period].label,
                    target_requirement(row),
                    row.target.level or "",
                    labels.KIND_LABELS[row.indicator.kind.value],
                    direction_text(row),
                    Quiet(row.target.quote),
                ]
            )
            for row in mine
        ]
        blocks.append(Table(columns, body, title=action_title(action)))
    return blocks or [Note(labels.NO_TARGETS)]


def targets_table(rows: Sequence[TargetRow]) -> Table:
    """Every target on one table, its action named on each row."""
    columns = [
        ACTION,
        INDICATOR,
        PERIOD,
        column("target", Role.NUMBER, md_align=Align.LEFT),
        LEVEL,
        column("direction"),
        column("quote"),
    ]
    body = [
        Row(
            [
                row.action.name,
                nested(row),
                row.period.label,
                target_requirement(row),
                row.target.level or "",
                direction_text(row),
                row.target.quote,
            ]
        )
        for row in rows
    ]
    return Table(columns, body)


def target_records(rows: Iterable[TargetRow]) -> Records:
    return Records([*TARGET_KEYS, *ADDED_KEYS], [{**row.record(), **_added(row)} for row in rows])


# --- status ------------------------------------------------------------------------------------


def _tally_table(first: Column, tallies: Sequence[Tally], total: Tally, title: str) -> Table:
    """Floor targets (确保 or plain) per light, per group and in all; 力争 stretches are not counted."""
    columns = [
        first,
        *(light_column(light) for light in Light),
        column("total", Role.NUMBER),
        column("average", Role.NUMBER),
    ]
    body = [
        Row(
            [name, *(count(found.counts[light]) for light in Light), count(found.total), percent_figure(found.average)],
            mark,
        )
        for found, name, mark in [*((t, t.name, "") for t in tallies), (total, labels.TOTAL, TOTAL)]
    ]
    return Table(columns, body, title=title)


def rollup_tables(snapshot: Snapshot, items: Iterable[Progress]) -> list[Table]:
    """The roll-up per action, one table per period (the year, then its checkpoints): a finished
    一季度 and the running year are never one average."""
    meta = snapshot.plan.meta
    return [
        _tally_table(
            ACTION,
            rollup.by_action(snapshot.plan.actions, group, keep_empty=False),
            rollup.tally(labels.TOTAL, group),
            labels.ROLLUP_TITLE.format(period=meta.periods[period].label),
        )
        for period, group in rollup.period_groups(meta, items)
    ]


def lead_rollup_tables(snapshot: Snapshot, items: Iterable[Progress]) -> list[Table]:
    """The roll-up per 牵头单位 (those with none last), one table per period."""
    meta = snapshot.plan.meta
    return [
        _tally_table(
            column("lead"),
            [rollup.tally(lead or labels.NO_LEAD, mine) for lead, mine in rollup.lead_groups(group)],
            rollup.tally(labels.TOTAL, group),
            labels.BY_LEAD_ROLLUP_TITLE.format(period=meta.periods[period].label),
        )
        for period, group in rollup.period_groups(meta, items)
    ]


def status_by_action(snapshot: Snapshot, *, behind: bool = False) -> list[Block]:
    """The heading, the roll-up per period, then one table per action: floors with their 力争 stretch beside them."""
    blocks: list[Block] = [Heading(status_heading(snapshot)), *rollup_tables(snapshot, snapshot.items)]
    by_action: dict[str, list[Progress]] = {action.id: [] for action in snapshot.plan.actions}
    for item in snapshot.items:
        by_action[item.row.action.id].append(item)
    groups = [(action_title(action), by_action[action.id]) for action in snapshot.plan.actions]
    return blocks + _status_groups(snapshot, groups, behind=behind, by_lead=False)


def status_by_lead(snapshot: Snapshot, *, behind: bool = False) -> list[Block]:
    """`--by lead`: the heading, the roll-up per 牵头单位, then one table per department (actions named)."""
    groups = rollup.lead_groups(snapshot.items)
    blocks: list[Block] = [Heading(status_heading(snapshot)), *lead_rollup_tables(snapshot, snapshot.items)]
    titled = [(labels.LEAD_TITLE.format(lead=lead or labels.NO_LEAD), items) for lead, items in groups]
    return blocks + _status_groups(snapshot, titled, behind=behind, by_lead=True)


def _status_groups(
    snapshot: Snapshot, groups: Sequence[tuple[str, Sequence[Progress]]], *, behind: bool, by_lead: bool
) -> list[Block]:
    blocks: list[Block] = []
    for title, items in groups:
        pairs = paired(items)
        if behind:
            pairs = [(floor, stretch) for floor, stretch in pairs if floor.light in BEHIND]
        if not pairs:
            continue
        has_stretch = any(stretch for _, stretch in pairs)
        has_lead = not by_lead and any(floor.row.lead for floor, _ in pairs)
        columns = [
            *([column("action")] if by_lead else []),
            INDICATOR,
            PERIOD,
            TARGET,
            ACTUAL,
            column("as_of", drop=4),
            ATTAINMENT,
            column("expected", Role.NUMBER, drop=2),
            GAP,
            column("bar", Role.BAR, drop=5),
            LIGHT,
            *([column("stretch", Role.STRETCH, drop=1)] if has_stretch else []),
            PROJECTED,
            NEEDED,
            PROJECTED_MET,
            *([LEAD] if has_lead else []),
        ]
        has_flags = any(floor.flags for floor, _ in pairs)
        if has_flags:
            columns.insert(columns.index(LIGHT) + 1, FLAGS)
        body = []
        for floor, stretch in pairs:
            found = floor.outlook
            unit = floor.row.indicator.unit
            cells = [
                *([floor.row.action.name] if by_lead else []),
                *_status_cells(floor, stretch, has_stretch, has_flags),
                outlooks.projected_text(found, unit),
                outlooks.needed_text(found, unit),
                outlooks.met_text(found, floor),
                *([outlooks.lead_text(floor.row)] if has_lead else []),
            ]
            body.append(Row(cells))
        blocks.append(Table(columns, body, title=title))
    if behind and not blocks:
        blocks.append(Note(labels.NOTHING_BEHIND))
    return blocks


def _status_cells(floor: Progress, stretch: Progress | None, has_stretch: bool, has_flags: bool = False) -> list[Cell]:
    row = floor.row
    # a 力争 stretch with no floor to stand beside says what it is
    target = target_requirement(row, level=not floor.is_floor)
    day = floor.reading.as_of if floor.reading else None
    cells: list[Cell] = [
        nested(row),
        row.period.label,
        target,
        actual_text(floor),
        Day(day) if day else "—",
        attainment_text(floor),
        percent_figure(floor.expected),
        gap_text(floor.gap, row.indicator.unit),
        progress_bar(floor),
        LightCell(floor.light.value),
        *([flag_marks(floor)] if has_flags else []),
    ]
    if has_stretch:
        cells.append(
            Stretch(text_of(target_requirement(stretch.row)), text_of(attainment_text(stretch)), stretch.light.value)
            if stretch
            else ""
        )
    return cells


# Where a judged target stands, each target on a row of its own: the flat status table, the 台账's 滞后清单.
STANDING = [
    ACTION,
    INDICATOR,
    PERIOD,
    TARGET,
    ACTUAL,
    column("as_of"),
    ATTAINMENT,
    column("expected", Role.NUMBER),
    GAP,
]


def standing_cells(item: Progress, *, whole_day: bool = False) -> list[Cell]:
    """The cells of `STANDING`: the target, its figure and date (`whole_day`: with the year), 完成率,
    序时进度 and the gap."""
    return [
        item.row.action.name,
        nested(item.row),
        item.row.period.label,
        leveled_requirement(item.row),
        actual_text(item),
        Day(item.reading.as_of, whole=whole_day) if item.reading else "—",
        attainment_text(item),
        percent_figure(item.expected),
        gap_text(item.gap, item.row.indicator.unit),
    ]


def status_table(snapshot: Snapshot, items: Iterable[Progress]) -> Table:
    """Every judged target on one table, under the status heading; the 牵头单位 where the plan names
    any, a 标记 column when any is flagged."""
    items = list(items)
    has_lead = any(item.row.lead for item in items)
    has_flags = any(item.flags for item in items)
    columns = [
        *STANDING,
        column("bar", Role.BAR),
        LIGHT,
        *([FLAGS] if has_flags else []),
        PROJECTED,
        NEEDED,
        PROJECTED_MET,
        *([LEAD] if has_lead else []),
    ]
    body = [
        Row(
            [
                *standing_cells(item, whole_day=True),
                progress_bar(item),
                LightCell(item.light.value),
                *([flag_marks(item)] if has_flags else []),
                outlooks.projected_text(item.outlook, item.row.indicator.unit),
                outlooks.needed_text(item.outlook, item.row.indicator.unit),
                outlooks.met_text(item.outlook, item),
                *([outlooks.lead_text(item.row)] if has_lead else []),
            ]
        )
        for item in items
    ]
    return Table(columns, body, title=status_heading(snapshot))


def status_records(items: Iterable[Progress]) -> Records:
    """design.md's `status` keys, in order: the target and its judgement, then its outlook and 牵头单位,
    then the keys added since (`direction`, `code`)."""
    return Records(
        STATUS_KEYS,
        [{**item.record(), **outlooks.record(item.row, item.outlook), **_added(item.row)} for item in items],
    )


def _added(row: TargetRow) -> dict[str, object]:
    """The keys added after design.md's, in the order they were added: the direction, and the common
    measure's code (`overview` aligns regions on it; null where the indicator is none)."""
    return {"direction": row.indicator.aim.value, "code": row.indicator.measure}
