"""Terminal rendering: the only module that imports rich.

Owns how plans and progress look on a terminal — Chinese labels, CJK-aligned columns, colours
for lights. Every function returns a renderable; none prints (the cli does, on its console).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from daye_plan.catalog import TargetRow
from daye_plan.export import indicator_label, target_requirement
from daye_plan.schema import Kind, Plan

KIND_LABELS = {Kind.CUMULATIVE: "累计", Kind.LEVEL: "时点", Kind.MILESTONE: "任务"}


def targets_table(plan: Plan, rows: Sequence[TargetRow]) -> RenderableType:
    """One table per action: indicator, period, requirement, 确保/力争, kind, quote."""
    tables: list[RenderableType] = []
    for action in plan.actions:
        mine = [row for row in rows if row.action.id == action.id]
        if not mine:
            continue
        table = Table(
            title=f"{action.title} · {action.theme}",
            title_justify="left",
            title_style="bold",
            header_style="bold",
            expand=False,
        )
        table.add_column("指标", overflow="fold", max_width=24)
        table.add_column("期间", no_wrap=True)
        table.add_column("目标", no_wrap=True, justify="right")
        table.add_column("要求", no_wrap=True)
        table.add_column("类型", no_wrap=True)
        table.add_column("原文", overflow="fold", style="dim", max_width=40)
        for row in mine:
            table.add_row(
                indicator_label(row),
                plan.meta.periods[row.target.period].label,
                target_requirement(row),
                row.target.level or "",
                KIND_LABELS[row.indicator.kind],
                row.target.quote,
            )
        tables.append(table)
    if not tables:
        return Text("没有符合条件的目标 (no targets match)")
    return Group(*tables)
