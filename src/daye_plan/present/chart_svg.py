"""A trend as a small inline SVG line chart: the figures, the 序时 line and the target, months along.

Owns the picture the HTML report shows under 趋势 — a figure line in the colour of the target's
light with a dot at each as-of date and the latest figure written beside it, the 序时 line dashed
grey, the target dashed red and labelled, the value axis labelled at its ends, the months numbered
— laid out by `chart.Frame`. Self-contained and deterministic: no script, no external reference,
coordinates rounded to 0.1; every text escaped. Returns a `str`; never prints.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from daye_plan.model.numbers import CMP_SIGNS, number, quantity
from daye_plan.ops.trend import Trend
from daye_plan.present import labels
from daye_plan.present.chart import Frame, chart_points
from daye_plan.present.html import h
from daye_plan.present.style import COLOURS

WIDTH, HEIGHT = 210, 110
LEFT, RIGHT, TOP, BOTTOM = 30, 6, 10, 16
GRID = "#e0e0e0"
SCHEDULE = "#9e9e9e"
TEXT = "#616161"
FONT = 'font-size="7"'
DOTS = 24  # a dot at each figure up to this many (month ends, fortnights); beyond, at the latest only


def _c(value: Decimal) -> str:
    return format(round(value, 1), "f")


def trend_svg(trend: Trend) -> str:
    """The chart, with a `<title>` that says in words what it shows (for a screen reader, on hover)."""
    frame = Frame.of(trend)
    plot_w, plot_h = Decimal(WIDTH - LEFT - RIGHT), Decimal(HEIGHT - TOP - BOTTOM)

    def x(day: dt.date) -> Decimal:
        return LEFT + frame.x(day) * plot_w

    def y(value: Decimal) -> Decimal:
        return TOP + (1 - frame.y(value)) * plot_h

    parts: list[str] = []
    for tick in frame.ticks:
        at = _c(y(tick))
        parts.append(f'<line x1="{LEFT}" y1="{at}" x2="{WIDTH - RIGHT}" y2="{at}" stroke="{GRID}" stroke-width="0.6"/>')
        parts.append(
            f'<text x="{LEFT - 3}" y="{_c(y(tick) + Decimal("2.5"))}" {FONT} fill="{TEXT}" '
            f'text-anchor="end">{h(number(tick, 2))}</text>'
        )
    months = trend.months()
    bottom = _c(Decimal(HEIGHT - BOTTOM))
    for index, day in enumerate(months):
        left = x(day)
        right = x(months[index + 1]) if index + 1 < len(months) else Decimal(WIDTH - RIGHT)
        parts.append(
            f'<line x1="{_c(left)}" y1="{bottom}" x2="{_c(left)}" y2="{_c(Decimal(HEIGHT - BOTTOM + 3))}" '
            f'stroke="{TEXT}" stroke-width="0.6"/>'
        )
        parts.append(
            f'<text x="{_c((left + right) / 2)}" y="{HEIGHT - 4}" {FONT} fill="{TEXT}" '
            f'text-anchor="middle">{h(labels.MONTH_NUMBER.format(month=day.month))}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="{TEXT}" stroke-width="0.6"/>'
    )
    if trend.schedule:
        line = " ".join(f"{_c(x(day))},{_c(y(value))}" for day, value in trend.schedule)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{SCHEDULE}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    if trend.target is not None:
        level = y(trend.target)
        parts.append(
            f'<line x1="{LEFT}" y1="{_c(level)}" x2="{WIDTH - RIGHT}" y2="{_c(level)}" stroke="{COLOURS["red"]}" '
            'stroke-width="1" stroke-dasharray="5 2"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{_c(level - 2)}" {FONT} fill="{COLOURS["red"]}" text-anchor="end">'
            f"{h(labels.TREND_TARGET.format(target=number(trend.target, 2)))}</text>"
        )
    colour = COLOURS[trend.light.value]
    line = " ".join(f"{_c(x(p.as_of))},{_c(y(p.value))}" for p in trend.points)
    parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1.6"/>')
    dotted = trend.points if len(trend.points) <= DOTS else trend.points[-1:]
    parts.extend(f'<circle cx="{_c(x(p.as_of))}" cy="{_c(y(p.value))}" r="2" fill="{colour}"/>' for p in dotted)
    last = trend.points[-1]
    anchor = "end" if frame.x(last.as_of) > Decimal("0.7") else "start"
    shift = -4 if anchor == "end" else 4
    parts.append(
        f'<text x="{_c(x(last.as_of) + shift)}" y="{_c(y(last.value) - 4)}" {FONT} fill="{colour}" '
        f'text-anchor="{anchor}">{h(number(last.value, 2))}</text>'
    )
    label = _label(trend)
    return (
        f'<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{h(label)}">'
        f"<title>{h(label)}</title>{''.join(parts)}</svg>"
    )


def _label(trend: Trend) -> str:
    """`趋势：新签约亿元以上项目，2月28日 30 个、3月31日 50 个；目标 ≥ 135 个`."""
    text = labels.TREND_LABEL.format(indicator=trend.row.indicator.name, points=chart_points(trend))
    cmp = trend.row.target.cmp
    if cmp is not None and trend.target is not None:
        requirement = f"{CMP_SIGNS[cmp.value]} {quantity(trend.target, trend.unit)}"
        text += labels.PHRASE_SEPARATOR + labels.TREND_TARGET.format(target=requirement)
    return text


# Inline, so that the charts sit side by side and never split across a printed page whatever the
# stylesheet says; `.trends` and `.trend` let a stylesheet restyle them.
ROW_STYLE = "display:flex;flex-wrap:wrap;gap:4pt 10pt;margin:2pt 0 8pt"
FIGURE_STYLE = "margin:0;break-inside:avoid"
CAPTION_STYLE = "font-size:8pt;color:#424242;text-align:center"


def figure(trend: Trend) -> str:
    """The chart under its caption (趋势 · the indicator), as one `<figure>`."""
    caption = labels.TREND_CAPTION.format(indicator=trend.row.indicator.name)
    return (
        f'<figure class="trend" style="{FIGURE_STYLE}">{trend_svg(trend)}'
        f'<figcaption style="{CAPTION_STYLE}">{h(caption)}</figcaption></figure>'
    )


def figures(trends: list[Trend]) -> list[str]:
    """Charts side by side, wrapping: `[]` without any."""
    if not trends:
        return []
    return [f'<div class="trends" style="{ROW_STYLE}">', *(figure(trend) for trend in trends), "</div>"]
