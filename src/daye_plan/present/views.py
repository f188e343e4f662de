"""The views of the plan and of progress, each built once as `Table`s: targets, status, roll-up.

Owns which columns each view has and what goes in every cell; the renderers (terminal,
Markdown, HTML, JSON/CSV) only draw what is built here. A screen view (`*_by_action`) is a list of
blocks with one table per action; a flat view (`*_table`) is one table for a file or a forge; a
`*_records` view is the machine form with design.md's keys, in their published order. Pure: no
I/O, no rich, never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from daye_plan.model.numbers import percent
from daye_plan.ops.progress import BEHIND, Light, rollup
from daye_plan.present import labels
from daye_plan.present.figures import (
    action_title,
    actual_text,
    attainment_text,
    gap_text,
    leveled_requirement,
    nested,
    paired,
    status_heading,
    target_requirement,
)
from daye_plan.present.table import (
    TOTAL,
    Align,
    Block,
    Cell,
    Column,
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
STATUS_KEYS = [*TARGET_KEYS, "actual", "as_of", "attainment", "expected", "gap", "met", "light", "flags"]


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


def flag_marks(item: Progress) -> str:
    """The item's flags as short Chinese marks: `逾期完成 · 已确认`, `未报送`; '' for none."""
    marks = [
        labels.LATE_MET if flag == "late" and item.met else labels.FLAG_LABELS.get(flag, flag) for flag in item.flags
    ]
    return labels.FLAG_SEPARATOR.join(marks)


FLAGS = column("flags")


def progress_bar(item: Progress) -> ProgressBar:
    return ProgressBar(item.attainment, item.expected, item.light.value, attainment_text(item), percent(item.expected))


# --- targets -----------------------------------------------------------------------------------


def targets_by_action(plan: Plan, rows: Sequence[TargetRow]) -> list[Block]:
    """One table per action: indicator, period, requirement, 确保/力争, kind, quote."""
    columns = [INDICATOR, PERIOD, TARGET, LEVEL, column("kind", drop=4), column("quote", Role.LONG_TEXT)]
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
                    Quiet(row.target.quote),
                ]
            )
            for row in mine
        ]
        blocks.append(Table(columns, body, title=action_title(action)))
    return blocks or [Note(labels.NO_TARGETS)]


def targets_table(rows: Sequence[TargetRow]) -> Table:
    """Every target on one table, its action named on each row."""
    columns = [ACTION, INDICATOR, PERIOD, column("target", Role.NUMBER, md_align=Align.LEFT), LEVEL, column("quote")]
    body = [
        Row(
            [
                row.action.name,
                nested(row),
                row.period.label,
                target_requirement(row),
                row.target.level or "",
                row.target.quote,
            ]
        )
        for row in rows
    ]
    return Table(columns, body)


def target_records(rows: Iterable[TargetRow]) -> Records:
    return Records(TARGET_KEYS, [row.record() for row in rows])


# --- status ------------------------------------------------------------------------------------


def rollup_table(items: Iterable[Progress]) -> Table:
    """Floor targets (确保 or plain) per light, per action and in all."""
    per_action, total = rollup(items)
    columns = [
        ACTION,
        *(light_column(light) for light in Light),
        column("total", Role.NUMBER),
        column("average", Role.NUMBER),
    ]
    body = [
        Row(
            [
                name,
                *(str(item.counts[light]) for light in Light),
                str(item.total),
                percent(item.average_attainment),
            ],
            mark,
        )
        for item, name, mark in [
            *((item, item.name, "") for item in per_action),
            (total, labels.TOTAL, TOTAL),
        ]
    ]
    return Table(columns, body, title=labels.ROLLUP_TITLE)


def status_by_action(snapshot: Snapshot, *, behind: bool = False) -> list[Block]:
    """The heading, the roll-up, then one table per action: floors with their 力争 stretch beside them."""
    blocks: list[Block] = [Heading(status_heading(snapshot)), rollup_table(snapshot.items)]
    shown = 0
    for action in snapshot.plan.actions:
        pairs = paired(item for item in snapshot.items if item.row.action.id == action.id)
        if behind:
            pairs = [(floor, stretch) for floor, stretch in pairs if floor.light in BEHIND]
        if not pairs:
            continue
        shown += 1
        has_stretch = any(stretch for _, stretch in pairs)
        columns = [
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
            *([column("stretch", Role.STRETCH)] if has_stretch else []),
        ]
        has_flags = any(floor.flags for floor, _ in pairs)
        if has_flags:
            columns.insert(columns.index(LIGHT) + 1, FLAGS)
        body = [Row(_status_cells(floor, stretch, has_stretch, has_flags)) for floor, stretch in pairs]
        blocks.append(Table(columns, body, title=action_title(action)))
    if behind and not shown:
        blocks.append(Note(labels.NOTHING_BEHIND))
    return blocks


def _status_cells(floor: Progress, stretch: Progress | None, has_stretch: bool, has_flags: bool = False) -> list[Cell]:
    row = floor.row
    target = target_requirement(row)
    if not floor.is_floor:  # a 力争 stretch with no floor to stand beside: say what it is
        target = f"{labels.STRETCH} {target}"
    cells: list[Cell] = [
        nested(row),
        row.period.label,
        target,
        actual_text(floor),
        floor.reading.as_of.strftime("%m-%d") if floor.reading else "—",
        attainment_text(floor),
        percent(floor.expected),
        gap_text(floor.gap, row.indicator.unit),
        progress_bar(floor),
        LightCell(floor.light.value),
        *([flag_marks(floor)] if has_flags else []),
    ]
    if has_stretch:
        cells.append(
            Stretch(target_requirement(stretch.row), attainment_text(stretch), stretch.light.value) if stretch else ""
        )
    return cells


def status_table(snapshot: Snapshot, items: Iterable[Progress]) -> Table:
    """Every judged target on one table, under the status heading; a 标记 column when any is flagged."""
    items = list(items)
    has_flags = any(item.flags for item in items)
    columns = [
        ACTION,
        INDICATOR,
        PERIOD,
        TARGET,
        ACTUAL,
        column("as_of"),
        ATTAINMENT,
        column("expected", Role.NUMBER),
        GAP,
        column("bar", Role.BAR),
        LIGHT,
        *([FLAGS] if has_flags else []),
    ]
    body = [
        Row(
            [
                item.row.action.name,
                nested(item.row),
                item.row.period.label,
                leveled_requirement(item.row),
                actual_text(item),
                item.reading.as_of.isoformat() if item.reading else "—",
                attainment_text(item),
                percent(item.expected),
                gap_text(item.gap, item.row.indicator.unit),
                progress_bar(item),
                LightCell(item.light.value),
                *([flag_marks(item)] if has_flags else []),
            ]
        )
        for item in items
    ]
    return Table(columns, body, title=status_heading(snapshot))


def status_records(items: Iterable[Progress]) -> Records:
    return Records(STATUS_KEYS, [item.record() for item in items])
