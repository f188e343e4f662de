"""Reports an office can publish: one period's progress as Markdown or as a self-contained HTML file.

The package holds what a report says (`model`: the `Report`, built once from a snapshot, with
`since` for 较上期 and the part of the year, and `citations` for where its figures come from), its
tables (`tables`, shared by both formats), and one module per format (`markdown`, `html`, with the
stylesheet `style.css`; trends are drawn by `present.chart` and `present.chart_svg`). `FORMATS` maps a format's name to its renderer: a new format is one
module and one entry here. Pure and deterministic: the same data give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

from daye_plan.model.numbers import half_up
from daye_plan.present.figures import chinese_date, chinese_ordinal, points
from daye_plan.present.markdown import md_text
from daye_plan.present.report.citations import Citation, Freshness
from daye_plan.present.report.html import html
from daye_plan.present.report.markdown import markdown
from daye_plan.present.report.model import Lagging, Report, Section, Tally, build, gap_to_schedule

FORMATS: dict[str, Callable[[Report], str]] = {"md": markdown, "html": html}

__all__ = [
    "FORMATS",
    "Citation",
    "Freshness",
    "Lagging",
    "Report",
    "Section",
    "Tally",
    "build",
    "chinese_date",
    "chinese_ordinal",
    "gap_to_schedule",
    "half_up",
    "html",
    "markdown",
    "md_text",
    "points",
]
