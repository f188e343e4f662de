"""Terminal rendering: the only module that imports rich.

Owns how plans and progress look on a terminal — Chinese labels, CJK-aligned columns, colours
for lights. Every function returns a renderable; none prints (the cli does, on its console).
Tables are `Grid`s: a plain column layout that emits segments directly, because rich's general
`Table` spends ~0.2 ms a cell and a full `status` has some 1,700 cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from daye_plan.model.catalog import TargetRow
from daye_plan.model.numbers import percent, quantity
from daye_plan.model.plan import Action, Kind, Plan
from daye_plan.ops.progress import BEHIND, Light, Progress, rollup
from daye_plan.ops.tracking import Snapshot
from daye_plan.present.export import (
    LIGHT_LABELS,
    actual_text,
    bar,
    commit_text,
    gap_text,
    indicator_label,
    paired,
    status_heading,
    target_requirement,
)

KIND_LABELS = {Kind.CUMULATIVE: "累计", Kind.LEVEL: "时点", Kind.MILESTONE: "任务"}
NUMERIC_COLUMNS = frozenset(
    {"目标", "实际", "完成率", "序时", "差距", "行", "数值", "绿", "黄", "红", "无数据", "合计", "累计指标平均完成率"}
)
LIGHT_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red", "grey": "dim"}
GAP = "  "

Cell = str | Text


@dataclass(frozen=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # a long cell folds onto more lines instead of being cut with …
    min_width: int = 4
    drop: int = 0  # on a narrow console, columns with the highest `drop` are left out first; 0 never


class Grid:
    """A table: bold title and header, a rule, then rows; CJK-aware widths; shrinks to fit.

    When the rows are wider than the console, the widest wrapping column gives way first (down to
    its `min_width`), then optional columns are left out (highest `drop` first), and only then
    are the widest remaining cells cut with `…`.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        title: str = "",
        row_styles: Sequence[str] | None = None,
    ) -> None:
        self.columns = list(columns)
        self.rows = [list(row) for row in rows]
        self.title = title
        self.row_styles = list(row_styles) if row_styles is not None else [""] * len(self.rows)

    @staticmethod
    def _width(cell: Cell) -> int:
        return cell.cell_len if isinstance(cell, Text) else cell_len(cell)

    def natural_widths(self) -> list[int]:
        widths = [cell_len(column.header) for column in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row):
                width = self._width(cell)
                if width > widths[index]:
                    widths[index] = width
        return widths

    def fit(self, available: int) -> list[int | None]:
        """Each column's width, or None for a column left out."""
        widths: list[int | None] = list(self.natural_widths())

        def excess() -> int:
            shown = [w for w in widths if w is not None]
            return sum(shown) + len(GAP) * (len(shown) - 1) - available

        floors = [max(c.min_width, cell_len(c.header)) for c in self.columns]
        wrapping = [i for i, c in enumerate(self.columns) if c.wrap]
        while excess() > 0:
            widest = max(wrapping, key=lambda i: (widths[i] or 0) - floors[i], default=None)
            if widest is None or (widths[widest] or 0) <= floors[widest]:
                break
            widths[widest] = (widths[widest] or 0) - 1
        for index in sorted((i for i, c in enumerate(self.columns) if c.drop), key=lambda i: -self.columns[i].drop):
            if excess() <= 0:
                break
            widths[index] = None
        for index in sorted(range(len(widths)), key=lambda i: -(widths[i] or 0)):
            over = excess()
            if over <= 0:
                break
            if widths[index] is not None:
                widths[index] = max(floors[index], (widths[index] or 0) - over)
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        natural = sum(self.natural_widths()) + len(GAP) * (len(self.columns) - 1)
        return Measurement(min(natural, options.max_width), min(natural, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        widths = self.fit(options.max_width)
        keep = [i for i, width in enumerate(widths) if width is not None]
        shown = [widths[i] or 0 for i in keep]
        columns = [self.columns[i] for i in keep]
        bold = Style(bold=True)
        if self.title:
            yield Segment(self.title, bold)
            yield Segment.line()
        yield from self._line([Text(c.header, style=bold) for c in columns], shown, columns, None, console)
        yield Segment(GAP.join("─" * w for w in shown), Style(dim=True))
        yield Segment.line()
        styles: dict[str, Style | None] = {}
        for row, name in zip(self.rows, self.row_styles, strict=True):
            if name not in styles:
                styles[name] = console.get_style(name) if name else None
            yield from self._line([row[i] for i in keep], shown, columns, styles[name], console)

    @staticmethod
    def _line(
        row: Sequence[Cell], widths: list[int], columns: list[Column], style: Style | None, console: Console
    ) -> Iterator[Segment]:
        cells: list[list[tuple[Cell, int]]] = []
        for cell, width, column in zip(row, widths, columns, strict=True):
            size = Grid._width(cell)
            if size <= width:
                cells.append([(cell, size)])
            elif column.wrap:
                text = cell if isinstance(cell, Text) else Text(cell)
                cells.append([(part, part.cell_len) for part in text.wrap(console, width, overflow="fold")])
            else:
                text = cell.copy() if isinstance(cell, Text) else Text(cell)
                text.truncate(width, overflow="ellipsis")
                cells.append([(text, text.cell_len)])
        last = len(widths) - 1
        for line in range(max(len(parts) for parts in cells)):
            for index, (parts, width, column) in enumerate(zip(cells, widths, columns, strict=True)):
                cell, size = parts[line] if line < len(parts) else ("", 0)
                pad = " " * (width - size)
                if column.justify == "right" and pad:
                    yield Segment(pad)
                if isinstance(cell, Text):
                    for segment in cell.render(console):
                        merged = style + segment.style if style and segment.style else segment.style or style
                        yield Segment(segment.text, merged)
                elif cell:
                    yield Segment(cell, style)
                if index < last:
                    if column.justify == "left" and pad:
                        yield Segment(pad)
                    yield Segment(GAP)
            yield Segment.line()


DROP_FIRST = {"进度": 5, "截至": 4, "类型": 4, "录入": 4, "差距": 3, "序时": 2, "要求": 1, "录入人": 3, "提交": 2}


def columns(*names: str, wrap: Sequence[str] = ()) -> list[Column]:
    """Columns by header: numbers right-aligned, `wrap` ones folding, optional ones droppable."""
    return [
        Column(
            name,
            "right" if name in NUMERIC_COLUMNS else "left",
            wrap=name in wrap,
            min_width=10 if name in wrap else 4,
            drop=DROP_FIRST.get(name, 0),
        )
        for name in names
    ]


LONG_TEXT = frozenset({"指标", "来源", "备注", "原文", "原文（原）", "原文（新）"})


def plain_table(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> RenderableType:
    """A grid of text cells under a title; columns named in LONG_TEXT fold."""
    return Grid(columns(*header, wrap=tuple(name for name in header if name in LONG_TEXT)), list(rows), title=title)


def targets_table(plan: Plan, rows: Sequence[TargetRow]) -> RenderableType:
    """One table per action: indicator, period, requirement, 确保/力争, kind, quote."""
    tables: list[RenderableType] = []
    for action in plan.actions:
        mine = [row for row in rows if row.action.id == action.id]
        if not mine:
            continue
        body: list[list[Cell]] = [
            [
                indicator_label(row),
                plan.meta.periods[row.target.period].label,
                target_requirement(row),
                row.target.level or "",
                KIND_LABELS[row.indicator.kind],
                Text(row.target.quote, style="dim"),
            ]
            for row in mine
        ]
        tables.append(
            Grid(
                columns("指标", "期间", "目标", "要求", "类型", "原文", wrap=("指标", "原文")),
                body,
                title=f"{action.title} · {action.theme}",
            )
        )
        tables.append(Text(""))
    if not tables:
        return Text("没有符合条件的目标 (no targets match)")
    return Group(*tables[:-1])


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
    parts: list[RenderableType] = [Text(status_heading(snapshot), style="bold"), Text("")]
    per_action, total = rollup(snapshot.items)
    summary: list[list[Cell]] = [
        [
            item.name,
            *(Text(str(item.counts[light]), style=LIGHT_STYLES[light.value]) for light in Light),
            str(item.total),
            percent(item.average_attainment),
        ]
        for item in [*per_action, total]
    ]
    parts.append(
        Grid(
            columns("行动", "绿", "黄", "红", "无数据", "合计", "累计指标平均完成率"),
            summary,
            title="汇总（确保/一般目标）",
        )
    )
    shown = 0
    for action in plan.actions:
        pairs = paired(item for item in snapshot.items if item.row.action.id == action.id)
        if behind:
            pairs = [(floor, stretch) for floor, stretch in pairs if floor.light in BEHIND]
        if not pairs:
            continue
        shown += 1
        has_stretch = any(stretch for _, stretch in pairs)
        names = ["指标", "期间", "目标", "实际", "截至", "完成率", "序时", "差距", "进度", "灯"]
        body = [_status_row(floor, stretch, has_stretch) for floor, stretch in pairs]
        parts.append(Text(""))
        parts.append(
            Grid(
                columns(*names, *(["力争"] if has_stretch else []), wrap=("指标",)),
                body,
                title=f"{action.title} · {action.theme}",
            )
        )
    if behind and not shown:
        parts.append(Text("没有滞后的目标 (nothing behind schedule)"))
    return Group(*parts)


def _status_row(floor: Progress, stretch: Progress | None, has_stretch: bool) -> list[Cell]:
    row = floor.row
    target = target_requirement(row)
    if row.target.level == "力争":
        target = "力争 " + target
    cells: list[Cell] = [
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
    ]
    if has_stretch:
        cells.append(_stretch_cell(stretch) if stretch else "")
    return cells


def history_table(action: Action, entries: Sequence[Mapping[str, Any]]) -> RenderableType:
    """Every record of an action, superseded ones dimmed and struck through, with its commit."""
    if not entries:
        return Text("没有录入记录 (no records yet)")
    body = [
        [
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
        ]
        for entry in entries
    ]
    styles = ["dim strike" if entry["superseded"] else "" for entry in entries]
    return Grid(
        columns(
            "行",
            "指标",
            "截至",
            "数值",
            "录入",
            "来源",
            "备注",
            "录入人",
            "状态",
            "提交",
            wrap=("指标", "来源", "备注"),
        ),
        body,
        title=f"{action.title} · 录入记录",
        row_styles=styles,
    )
