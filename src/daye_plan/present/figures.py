"""How a target and its judgement are written in a cell, whatever the format.

Owns the figures every view shows, as typed `Figure` cells — a requirement (`≥ 135 个`), an
actual, a 完成率, a gap with its sign, 百分点 — and the words around them: a date in Chinese, a
section number; and pairing each floor target with its 力争 stretch. Pure functions of the plan and
of the judge's verdicts; no layout, no escaping (renderers escape), no rich.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from daye_plan.model.numbers import CMP_SIGNS, percent
from daye_plan.present import labels
from daye_plan.present.table import Cell, Figure, LightCell, Nested, Row

if TYPE_CHECKING:
    from daye_plan.model.catalog import TargetRow
    from daye_plan.model.plan import Action
    from daye_plan.ops.compare import Change
    from daye_plan.ops.progress import Progress
    from daye_plan.ops.tracking import Snapshot

_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Typed text on one line: every run of line breaks and tabs becomes one space."""
    # strip(" "), not strip(): the ideographic spaces that indent a 其中 sub-target must stay
    return _LINE_BREAKS.sub(" ", text).strip(" ")


def target_requirement(row: TargetRow, level: bool = False) -> Figure | str:
    """`≥ 135 个` / `≈ 100 名` / `≥ 8%（至 10%）` / `完成` — the target as one cell; with `level`, after
    its 确保/力争."""
    if row.target.cmp is None:
        return labels.DONE
    per = labels.PER_MONTH.format(value=Figure(row.target.value).number) if row.target.per else ""
    if row.target.high is not None:  # a range: judged on its floor, its top shown beside it
        per += labels.RANGE_TOP.format(high=Figure(row.target.high, row.indicator.unit).text)
    before = f"{row.target.level} " if level and row.target.level else ""
    return Figure(row.value, row.indicator.unit, prefix=f"{before}{CMP_SIGNS[row.target.cmp.value]} ", suffix=per)


def leveled_requirement(row: TargetRow) -> Figure | str:
    """`确保 ≥ 20%`: the requirement after its level, when it has one."""
    return target_requirement(row, level=True)


def nested(row: TargetRow) -> Nested:
    """The indicator's name with its depth under its parent (其中), for an indented cell."""
    depth, parent = 0, row.indicator.parent
    while parent is not None and depth < 8:
        depth += 1
        parent = row.action.indicator(parent).parent
    return Nested(row.indicator.name, depth)


def action_title(action: Action) -> str:
    """`招商引资行动 · 在加快集群强链上下功夫`, or the title alone when the action has no theme line."""
    if action.theme is None:
        return action.title
    return labels.ACTION_TITLE.format(title=action.title, theme=action.theme)


def gap_text(gap: Decimal | None, unit: str) -> Figure:
    """差距 with its sign; percentage points (个百分点, one decimal) for rates."""
    if unit == "%":
        return points(gap)
    return Figure(gap, unit, 2, signed=True)


def actual_text(item: Progress, places: int = 2) -> Figure | str:
    """The latest actual as shown: `50 个`, `96 小时`, `47.5%` (a percent: one decimal at most),
    `完成` / `未完成` for a milestone."""
    if item.reading is None:
        return "—"
    if not item.row.indicator.kind.policy.numeric:
        return labels.DONE if item.met else labels.NOT_DONE
    unit = item.row.indicator.unit
    return Figure(item.reading.value, unit, min(places, 1) if unit == "%" else places)


def percent_figure(value: Decimal | None) -> Figure:
    """A percent with one decimal, rounded half up: `24.7%`; `—` when undefined."""
    return Figure(value, "%", 1, fixed=True)


def attainment_text(item: Progress) -> Figure | str:
    """完成率, or `—` before any figure is recorded; for a rate judged by points, the 百分点 above
    or below its target instead (`+2.0 个百分点`), as offices write a growth rate's standing; for a
    rank, the places ahead of or behind it (`-2 名`)."""
    if item.reading is not None and item.gap is not None and item.judge == "points":
        return points(item.gap)
    if item.reading is not None and item.gap is not None and item.judge == "position":
        return gap_text(item.gap, item.row.indicator.unit)
    return percent_figure(item.attainment) if item.reading else "—"


def paired(items: Iterable[Progress]) -> list[tuple[Progress, Progress | None]]:
    """Each floor (确保 or plain) with the 力争 stretch of the same indicator and period beside it.

    A stretch with no floor stands on its own row as (stretch, None).
    """
    items = list(items)
    floors = [item.is_floor for item in items]
    stretches = {
        (item.row.indicator.id, item.row.target.period): item
        for item, floor in zip(items, floors, strict=True)
        if not floor
    }
    if not stretches:
        return [(item, None) for item in items]
    used: set[int] = set()
    out: list[tuple[Progress, Progress | None]] = []
    for item, floor in zip(items, floors, strict=True):
        if floor:
            stretch = stretches.get((item.row.indicator.id, item.row.target.period))
            if stretch is not None:
                used.add(id(stretch))
            out.append((item, stretch))
    alone = [(item, None) for item, floor in zip(items, floors, strict=True) if not floor and id(item) not in used]
    if not alone:
        return out  # the floors, in order
    order = {id(item): index for index, item in enumerate(items)}
    return sorted([*out, *alone], key=lambda pair: order[id(pair[0])])


def status_heading(snapshot: Snapshot) -> str:
    """`某市 · 某年行动方案 · 截至 03-31 · 序时进度 全年 24.7% 一季度 100.0%`, from the plan meta."""
    from daye_plan.ops.progress import period_elapsed

    meta = snapshot.plan.meta
    shares = " ".join(f"{p.label} {percent(period_elapsed(meta, p, snapshot.on))}" for p in meta.periods.values())
    return labels.STATUS_HEADING.format(region=meta.region, title=meta.title, on=snapshot.on.isoformat(), shares=shares)


def chinese_date(day: dt.date) -> str:
    return labels.DATE.format(year=day.year, month=day.month, day=day.day)


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (section numbers (一), (二) ...)."""
    digits = labels.DIGITS
    tens, ones = divmod(n, 10)
    if n < 10:
        return digits[n]
    return ("" if tens == 1 else digits[tens]) + labels.TEN + (digits[ones] if ones else "")


def points(value: Decimal | None) -> Figure:
    """Percentage points with one decimal and a sign: `-12.3 个百分点`, `+2.0 个百分点` (no `-0.0`)."""
    return Figure(value, labels.POINTS, 1, fixed=True, signed=True)


def change_row(change: Change, leading: Sequence[Cell], actual: Callable[[Progress], Figure | str]) -> Row:
    """A target's 较上期: the `leading` cells (which target), its figure then and now as `actual`
    writes it, the change in the figure and in 完成率, and its light (上期→本期 where it turned, the
    row then marked by the light it turned to)."""
    then, now = change.then, change.now
    figure, moved = change.figure, change.attainment
    turn: Cell = (
        labels.LIGHT_TURN.format(before=labels.LIGHT_LABELS[then.light.value], now=labels.LIGHT_LABELS[now.light.value])
        if change.turned
        else LightCell(now.light.value)
    )
    cells: list[Cell] = [
        *leading,
        actual(then),
        actual(now),
        "—" if figure is None else gap_text(figure, now.row.indicator.unit),
        "—" if moved is None else points(moved),
        turn,
    ]
    return Row(cells, now.light.value if change.turned else "")
