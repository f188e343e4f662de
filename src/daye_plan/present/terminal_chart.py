"""`history --chart` in the terminal: the text chart of a trend (`chart`) in colour.

Owns the colours of the chart's characters: the figures in the colour of the target's light, the
序时 line dim, the target red. Returns a renderable; never prints.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from daye_plan.ops.trend import Trend
from daye_plan.present import chart
from daye_plan.present.terminal import LIGHT_STYLES

CHART_STYLES = {"axis": "dim", "expected": "dim", "target": "red", "": ""}


def trend_chart(trend: Trend, width: int = 48, height: int = 10) -> RenderableType:
    """The title, the text chart, then the legend and the figures in words."""
    styles = {**CHART_STYLES, "actual": LIGHT_STYLES[trend.light.value]}
    lines = []
    for segments in chart.text_chart(trend, width, height):
        line = Text()
        for text, kind in segments:
            line.append(text, style=styles[kind])
        lines.append(line)
    return Group(
        Text(chart.chart_title(trend), style="bold"),
        *lines,
        Text(chart.chart_legend(trend), style="dim"),
        Text(chart.chart_points(trend)),
    )
