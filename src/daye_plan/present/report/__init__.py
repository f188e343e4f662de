"""Reports an office can publish: one period's progress as Markdown, a self-contained HTML file or a Word document.

The package holds what a report says (`model`: the `Report`, built once from a snapshot, with
`since` for 较上期 and the part of the year, and `citations` for where its figures come from), its
tables (`tables`, shared by every format), and one module per format (`markdown`, `html` with the
stylesheet `style.css`, `docx` for the data report in Word; `bulletin` for the 通报 in 公文 form, with
`drafting` for its words and `standings` for the 排名 and checkpoint tables); trends are drawn by `present.chart` and `present.chart_svg`).
`FILES` maps a format's name to its renderer's bytes (`FORMATS`: the text ones): a new format is
one module and one entry here. Pure and deterministic: the same data give the same bytes.
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
from daye_plan.present.report.sending import Sending

FORMATS: dict[str, Callable[[Report], str]] = {"md": markdown, "html": html}


def _docx(report: Report) -> bytes:
    from daye_plan.present.report.docx import docx  # python-docx loads only for a Word report

    return docx(report)


FILES: dict[str, Callable[[Report], bytes]] = {
    "md": lambda report: markdown(report).encode("utf-8"),
    "html": lambda report: html(report).encode("utf-8"),
    "docx": _docx,
}


def write_bulletin(report: Report, sending: Sending) -> bytes:
    """The 通报 in 公文 form (Word): what `report --format docx` writes."""
    from daye_plan.present.report.bulletin import bulletin as write  # python-docx loads only for Word

    return write(report, sending)


__all__ = [
    "FILES",
    "FORMATS",
    "Citation",
    "Freshness",
    "Lagging",
    "Report",
    "Section",
    "Sending",
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
    "write_bulletin",
]
