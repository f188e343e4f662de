"""Terminal rendering: the only module that imports rich.

Owns how plans and progress look on a terminal — Chinese labels, CJK-aligned columns, colours
for lights. Every function returns a renderable; none prints (the cli does, on its console).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from daye_plan.catalog import TargetRow
from daye_plan.export import (
    LIGHT_LABELS,
    actual_text,
    bar,
    commit_text,
    gap_text,
    indicator_label,
    paired,
    percent,
    quantity,
    status_heading,
    target_requirement,
)
from daye_plan.progress import BEHIND, Light, Progress, rollup
from daye_plan.schema import Action, Kind, Plan
from daye_plan.tracking import Snapshot

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


NUMERIC_COLUMNS = frozenset({"目标", "实际", "完成率", "序时", "差距"})
LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red", "grey": "dim"}


def light_text(light: str) -> Text:
    icon = "○" if light == "grey" else "●"
    return Text(f"{icon} {LIGHT_LABELS[light]}", style=LIGHT_STYLES[light])


def _stretch_cell(item: Progress) -> Text:
    text = Text(f"{target_requirement(item.row)} ")
    text.append(percent(item.attainment) if item.reading else "—")
    text.append(" ")
    text.append_text(light_text(item.light.value))
    return text


def status_view(snapshot: Snapshot, *, behind: bool = False) -> RenderableType:
    """Roll-up, then one table per action: floors with their 力争 stretch beside them."""
    plan = snapshot.plan
    parts: list[RenderableType] = [Text(status_heading(snapshot), style="bold")]
    per_action, total = rollup(snapshot.items)
    summary = Table(title="汇总（确保/一般目标）", title_justify="left", header_style="bold")
    for column in ("行动", "绿", "黄", "红", "无数据", "合计", "累计指标平均完成率"):
        summary.add_column(column, justify="left" if column == "行动" else "right")
    for item in [*per_action, total]:
        summary.add_row(
            item.name,
            *(Text(str(item.counts[light]), style=LIGHT_STYLES[light.value]) for light in Light),
            str(item.total),
            percent(item.average_attainment),
        )
    parts.append(summary)
    for action in plan.actions:
        pairs = paired(item for item in snapshot.items if item.row.action.id == action.id)
        if behind:
            pairs = [(floor, stretch) for floor, stretch in pairs if floor.light in BEHIND]
        if not pairs:
            continue
        has_stretch = any(stretch for _, stretch in pairs)
        table = Table(title=f"{action.title} · {action.theme}", title_justify="left", title_style="bold", header_style="bold")
        table.add_column("指标", overflow="fold", min_width=12, max_width=28)
        for column in ("期间", "目标", "实际", "截至", "完成率", "序时", "差距", "进度", "灯", *(("力争",) if has_stretch else ())):
            table.add_column(column, justify="right" if column in NUMERIC_COLUMNS else "left", no_wrap=True)
        for floor, stretch in pairs:
            row = floor.row
            target = target_requirement(row)
            if row.target.level == "力争":
                target = "力争 " + target
            table.add_row(
                indicator_label(row),
                row.period.label,
                target,
                actual_text(floor),
                floor.reading.as_of.strftime("%m-%d") if floor.reading else "—",
                percent(floor.attainment) if floor.reading else "—",
                percent(floor.expected),
                gap_text(floor.gap, row.indicator.unit),
                Text(bar(floor.attainment, floor.expected), style=LIGHT_STYLES[floor.light.value]),
                light_text(floor.light.value),
                *((_stretch_cell(stretch) if stretch else "",) if has_stretch else ()),
            )
        parts.append(table)
    if len(parts) == 2 and behind:
        parts.append(Text("没有滞后的目标 (nothing behind schedule)"))
    return Group(*parts)


def history_table(action: Action, entries: Sequence[Mapping[str, Any]]) -> RenderableType:
    """Every record of an action, superseded ones struck through, with the commit that added it."""
    table = Table(title=f"{action.title} · 录入记录", title_justify="left", title_style="bold", header_style="bold")
    for column in ("行", "指标", "截至", "数值", "录入", "来源", "备注", "录入人", "状态", "提交"):
        table.add_column(column, justify="right" if column in ("行", "数值") else "left", overflow="fold", min_width=4)
    for entry in entries:
        style = "dim strike" if entry["superseded"] else ""
        table.add_row(
            str(entry["line"]),
            entry["indicator"],
            entry["as_of"].isoformat(),
            quantity(entry["value"], entry["unit"]),
            entry["entered"],
            entry["source"],
            entry["note"],
            entry["by"],
            "已被取代" if entry["superseded"] else "有效",
            commit_text(entry),
            style=style,
        )
    if not entries:
        return Text("没有录入记录 (no records yet)")
    return table
