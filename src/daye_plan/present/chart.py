"""Trend charts as geometry and as text: the scales a chart of a `Trend` uses, a sparkline, and a
small chart in characters for the terminal.

Owns how a trend is laid out whatever draws it — the value range (0 always in it, the target and
the 序时 line too, rounded up to a round figure), where a date and a value fall, the month ticks —
and its two text forms: a sparkline (`▁▂▃▄▅▆▇█`, Markdown's trend) and a grid of characters tagged
by what each is (figure, 序时, target, axis), which the terminal renderer colours. The SVG form is
`chart_svg`'s. Pure: returns data and strings; no rich, never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from daye_plan.model.numbers import CMP_SIGNS, number, quantity
from daye_plan.model.records import Reading
from daye_plan.ops.trend import Trend
from daye_plan.present import labels

BARS = "▁▂▃▄▅▆▇█"
ROUND_STEPS = tuple(Decimal(step) for step in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "8", "10"))

# What a character of the text chart is, for the renderer that colours it.
AXIS, ACTUAL, EXPECTED, TARGET = "axis", "actual", "expected", "target"


def sparkline(values: Sequence[Decimal], *, rising: bool = False) -> str:
    """One bar per figure, by height: from 0 for a year-to-date series (`rising`: how it grew), else
    from the lowest figure to the highest (a rate moves in a narrow band)."""
    if not values:
        return ""
    low = min(Decimal(0), min(values)) if rising else min(values)
    high = max(values)
    if high <= low:
        return BARS[-1 if rising and high > 0 else 0] * len(values)
    steps = len(BARS) - 1
    return "".join(BARS[int((value - low) / (high - low) * steps + Decimal("0.5"))] for value in values)


def round_up(value: Decimal) -> Decimal:
    """The round figure at or above `value` that a chart's axis ends at: 135 → 150, 0.7 → 0.8."""
    if value <= 0:
        return Decimal(1)
    scale = Decimal(10) ** (value.adjusted())
    for step in ROUND_STEPS:
        if step * scale >= value:
            return step * scale
    return Decimal(10) * scale  # pragma: no cover - ROUND_STEPS ends at 10


@dataclass(frozen=True)
class Frame:
    """Where a trend's dates and values fall, as fractions of the plot: 0 left/bottom, 1 right/top."""

    start: dt.date
    end: dt.date
    low: Decimal
    high: Decimal

    @classmethod
    def of(cls, trend: Trend) -> Frame:
        values = [p.value for p in trend.points] + [value for _, value in trend.schedule]
        if trend.target is not None:
            values.append(trend.target)
        top, bottom = max(values), min(values)
        low = -round_up(-bottom) if bottom < 0 else Decimal(0)
        return cls(trend.start, trend.end, low, round_up(top) if top > 0 else Decimal(0))

    def x(self, day: dt.date) -> Decimal:
        span = (self.end - self.start).days or 1
        return Decimal(min(max((day - self.start).days, 0), span)) / Decimal(span)

    def y(self, value: Decimal) -> Decimal:
        if self.high <= self.low:
            return Decimal(0)
        return (value - self.low) / (self.high - self.low)

    @property
    def ticks(self) -> list[Decimal]:
        """The values an axis labels: its ends, and 0 between them where the range crosses it, else the middle."""
        if self.low < 0 < self.high:
            return [self.low, Decimal(0), self.high]
        return [self.low, (self.low + self.high) / 2, self.high]


def schedule_at(trend: Trend, day: dt.date) -> Decimal | None:
    """The 序时 line's value on `day`, between the month ends it is known at; None without one."""
    line = trend.schedule
    if not line:
        return None
    for (a, va), (b, vb) in pairwise(line):
        if a <= day <= b:
            span = (b - a).days or 1
            return va + (vb - va) * Decimal((day - a).days) / Decimal(span)
    return line[-1][1] if day > line[-1][0] else line[0][1]


Segment = tuple[str, str]  # text, and what it is (AXIS, ACTUAL ...; "" for plain)


def text_chart(trend: Trend, width: int = 48, height: int = 10) -> list[list[Segment]]:
    """The trend in characters: figures `●` joined by `•`, the 序时 line `·`, the target `─`, with the
    value axis labelled at its ends and the months numbered below; one list of segments per line."""
    frame = Frame.of(trend)
    grid: list[list[Segment]] = [[(" ", "")] * width for _ in range(height)]

    def row_of(value: Decimal) -> int:
        return height - 1 - int(frame.y(value) * (height - 1) + Decimal("0.5"))

    def col_of(day: dt.date) -> int:
        return int(frame.x(day) * (width - 1) + Decimal("0.5"))

    span = (trend.end - trend.start).days
    if trend.target is not None:
        line = row_of(trend.target)
        grid[line] = [("─", TARGET)] * width
    for col in range(width):
        day = trend.start + dt.timedelta(days=round(span * col / max(width - 1, 1)))
        expected = schedule_at(trend, day)
        if expected is not None:
            grid[row_of(expected)][col] = ("·", EXPECTED)
    for before, after in pairwise(trend.points):
        a, b = col_of(before.as_of), col_of(after.as_of)
        for col in range(a + 1, b):
            value = before.value + (after.value - before.value) * Decimal(col - a) / Decimal(b - a)
            grid[row_of(value)][col] = ("•", ACTUAL)
    for point in trend.points:
        grid[row_of(point.value)][col_of(point.as_of)] = ("●", ACTUAL)
    labels = {row_of(tick): number(tick, 2) for tick in frame.ticks}
    margin = max(len(text) for text in labels.values()) + 1
    lines: list[list[Segment]] = []
    for index, cells in enumerate(grid):
        label = labels.get(index, "")
        lines.append([(label.rjust(margin - 1) + " ", AXIS), ("┤" if label else "│", AXIS), *_merge(cells)])
    axis = ["─"] * width
    names = [" "] * (width + 3)
    for day in trend.months():
        col = col_of(day)
        axis[col] = "┬"
        text = str(day.month)
        if all(c == " " for c in names[col : col + len(text) + 1]):
            names[col : col + len(text)] = list(text)
    lines.append([(" " * margin, ""), ("└" + "".join(axis), AXIS)])
    lines.append([(" " * (margin + 1), ""), ("".join(names).rstrip(), AXIS)])
    return lines


def _merge(cells: list[Segment]) -> list[Segment]:
    """Runs of characters of one kind as one segment."""
    merged: list[Segment] = []
    for text, kind in cells:
        if merged and merged[-1][1] == kind:
            merged[-1] = (merged[-1][0] + text, kind)
        else:
            merged.append((text, kind))
    return merged


def chart_title(trend: Trend) -> str:
    """`新签约亿元以上项目 · 全年趋势（个）`."""
    row = trend.row
    return labels.CHART_TITLE.format(indicator=row.indicator.name, period=row.period.label, unit=row.indicator.unit)


def chart_legend(trend: Trend) -> str:
    """What each mark of the text chart is, with the target: `● 实际  · 序时进度线  ─ 目标 ≥ 135 个`."""
    cmp = trend.row.target.cmp
    target = "—" if cmp is None else f"{CMP_SIGNS[cmp.value]} {quantity(trend.target, trend.unit)}"
    legend = labels.CHART_LEGEND.format(target=target)
    return legend if trend.schedule else legend.replace(labels.CHART_LEGEND_SCHEDULE, "")


WORDED_POINTS = 12  # a series longer than this is put in words by its first and last figures


def chart_points(trend: Trend) -> str:
    """The figures charted, in words: `1月31日 12 个、2月28日 30 个 …`; a long series (weekly
    figures) by its first and last: `1月6日 2 个 … 12月29日 140 个（共52个截至日）`."""

    def worded(point: Reading) -> str:
        value = quantity(point.value, trend.unit, 2)
        return labels.TREND_POINT.format(month=point.as_of.month, day=point.as_of.day, value=value)

    points = trend.points
    if len(points) <= WORDED_POINTS:
        return labels.LIST_SEPARATOR.join(worded(point) for point in points)
    return labels.TREND_LONG.format(first=worded(points[0]), last=worded(points[-1]), count=len(points))
