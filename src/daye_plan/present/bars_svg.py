"""A bar chart of groups' 完成率 against 序时 as inline SVG: the HTML report's picture of its 排名.

Owns the picture — one row per group (an action, a 牵头单位) in the order of their places, its mean
完成率 as a bar in the chart's colour with the figure written after it, and under it the mean 序时
of the same targets as a grey bar, on one scale from 0 to a round figure at or above the largest
(100% at least), with gridlines every quarter of it and a legend. Self-contained and deterministic:
no script, no external reference, coordinates rounded to 0.1, every text escaped. Returns a `str`;
never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from daye_plan.model.numbers import number, percent
from daye_plan.present import labels
from daye_plan.present.chart import round_up
from daye_plan.present.html import h
from daye_plan.present.style import BAR_ATTAINMENT, BAR_EXPECTED, GREY, display_width

WIDTH = 560
ROW = 26  # each group: its 完成率 bar, its 序时 bar and the space between groups
BAR = 9
TOP, BOTTOM, RIGHT = 22, 18, 46
FONT = 'font-size="9"'
HUNDRED = Decimal(100)


def _c(value: Decimal | int) -> str:
    return format(round(Decimal(value), 1), "f")


def bars_svg(title: str, bars: Sequence[tuple[str, Decimal, Decimal]]) -> str:
    """(name, 完成率, 序时) per group, top to bottom; a `<title>` says every figure in words."""
    left = 8 + 6 * max(display_width(name) for name, _, _ in bars)  # 9-pixel text: 6 a half-width character
    height = TOP + ROW * len(bars) + BOTTOM
    plot = Decimal(WIDTH - left - RIGHT)
    top = round_up(max(HUNDRED, *(max(a, e) for _, a, e in bars)))

    def x(value: Decimal) -> Decimal:
        return left + max(Decimal(0), min(value, top)) / top * plot

    parts = [
        f'<rect x="{left}" y="4" width="10" height="8" fill="{BAR_ATTAINMENT}"/>',
        f'<text x="{left + 14}" y="11" {FONT} fill="{GREY}">{h(labels.CHART_ATTAINMENT)}</text>',
        f'<rect x="{left + 90}" y="4" width="10" height="8" fill="{BAR_EXPECTED}"/>',
        f'<text x="{left + 104}" y="11" {FONT} fill="{GREY}">{h(labels.CHART_EXPECTED)}</text>',
    ]
    bottom = height - BOTTOM
    for step in range(5):
        value = top * step / 4
        at = _c(x(value))
        parts.append(f'<line x1="{at}" y1="{TOP - 2}" x2="{at}" y2="{bottom}" stroke="#e0e0e0" stroke-width="0.6"/>')
        parts.append(
            f'<text x="{at}" y="{bottom + 12}" {FONT} fill="{GREY}" text-anchor="middle">{number(value, 0)}%</text>'
        )
    for index, (name, attained, expected) in enumerate(bars):
        y = TOP + ROW * index
        parts.append(f'<text x="{left - 6}" y="{y + BAR + 3}" {FONT} fill="#212121" text-anchor="end">{h(name)}</text>')
        for offset, value, colour in ((0, attained, BAR_ATTAINMENT), (BAR + 1, expected, BAR_EXPECTED)):
            width = x(value) - left
            parts.append(f'<rect x="{left}" y="{y + offset}" width="{_c(width)}" height="{BAR}" fill="{colour}"/>')
            parts.append(
                f'<text x="{_c(x(value) + 3)}" y="{y + offset + 8}" font-size="8" fill="{GREY}">'
                f"{h(percent(value))}</text>"
            )
    parts.append(f'<line x1="{left}" y1="{TOP - 2}" x2="{left}" y2="{bottom}" stroke="{GREY}" stroke-width="0.8"/>')
    said = labels.PHRASE_SEPARATOR.join(
        f"{name} {labels.CHART_ATTAINMENT}{percent(a)}，{labels.CHART_EXPECTED}{percent(e)}" for name, a, e in bars
    )
    label = f"{title}：{said}"
    return (
        f'<svg width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{h(label)}">'
        f"<title>{h(label)}</title>{''.join(parts)}</svg>"
    )


def figure(title: str, bars: Sequence[tuple[str, Decimal, Decimal]]) -> list[str]:
    """The chart under its caption, as one `<figure>` that is never split across a printed page."""
    return [
        '<figure class="bars">',
        bars_svg(title, bars),
        f"<figcaption>{h(title)}</figcaption>",
        "</figure>",
    ]
