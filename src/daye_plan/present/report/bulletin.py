"""The 通报 as the office sends it: the report's facts as a Word 公文 (`report --format docx`).

Owns the order of the 通报 — 版头 (发文机关标志, 文号), title, 主送, the opening sentence, 一、总体情况
(with the chart of the actions' 完成率 against 序时), 二、分项进展, 三、存在问题 (with the departments'
chart), 四、下步工作要求 (a marked paragraph for the analyst), 附件说明, 落款 and 成文日期 — and its
三 附件 on landscape pages: every target per action, the 滞后 list, the 排名. Who sends it and to
whom come from `Sending` (plan.yaml's `bulletin:`, the command's options winning); what is missing
is a highlighted blank. The words are `drafting`'s, the tables `report.tables`' and `standings`',
the 公文 layout `gongwen`'s, the charts `word_chart`'s. Returns bytes, the same for the same data
and options (`ooxml.reproducible`); never prints.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument

from daye_plan.present import gongwen, labels, ooxml, word, word_chart
from daye_plan.present.figures import chinese_date, chinese_ordinal
from daye_plan.present.report import drafting, standings, tables
from daye_plan.present.report.docx import properties
from daye_plan.present.report.model import Report
from daye_plan.present.report.outline import Bars, bars
from daye_plan.present.report.sending import Sending
from daye_plan.present.style import GONGWEN_FONT_TABLE
from daye_plan.present.table import Role, Table
from daye_plan.present.views import column

RANKING_ATTACHMENT = 3  # 附件3: the 排名


def bulletin(report: Report, sending: Sending) -> bytes:
    """The 通报 as a Word document in 公文 form, its 附件 on landscape pages."""
    document = Document()
    gongwen.setup(document)
    number = sending.number or labels.BULLETIN_NUMBER_BLANK.format(year=sending.date.year)
    gongwen.masthead(document, sending.issuer, number, given=sending.number is not None)
    gongwen.title(document, drafting.title(report, sending.subject))
    _addressees(document, sending.to)
    gongwen.text(gongwen.paragraph(document), drafting.opening(report))
    _body(document, report)
    attachments = list(labels.BULLETIN_ATTACHMENTS)
    if not report.ranked:
        attachments = attachments[: RANKING_ATTACHMENT - 1]
    gongwen.attachment_note(document, attachments)
    gongwen.signature(document, sending.issuer, chinese_date(sending.date))
    _attachments(document, report, attachments)
    properties(document, report, drafting.title(report, sending.subject))
    buffer = io.BytesIO()
    document.save(buffer)
    fonts = {"word/fontTable.xml": lambda xml: word.font_table(xml, GONGWEN_FONT_TABLE)}
    return ooxml.reproducible(buffer.getvalue(), report.on, fonts)


def _addressees(document: WordDocument, to: str | None) -> None:
    line = gongwen.paragraph(document, indent=False, align="left")
    if to:
        gongwen.text(line, labels.BULLETIN_TO.format(to=to))
    else:
        gongwen.blank(line, labels.BULLETIN_TO_BLANK)
        gongwen.text(line, labels.BULLETIN_TO.format(to=""))


def _part(document: WordDocument, number: int) -> None:
    gongwen.heading(
        document,
        labels.BULLETIN_PART.format(ordinal=chinese_ordinal(number), title=labels.BULLETIN_PARTS[number - 1]),
    )


def _body(document: WordDocument, report: Report) -> None:
    charts = 0
    _part(document, 1)
    for written in drafting.overall(report, RANKING_ATTACHMENT):
        gongwen.text(gongwen.paragraph(document), written)
    _part(document, 2)
    charts = _chart(document, report, labels.CHART_ACTIONS, bars(labels.CHART_ACTIONS, report.ranks), charts)
    for said in drafting.actions(report):
        gongwen.run_in(document, said.heading, said.text)
    _part(document, 3)
    opening, problems = drafting.problems(report)
    gongwen.text(gongwen.paragraph(document), opening)
    for said in problems:
        gongwen.run_in(document, said.heading, said.text)
    departments = bars(labels.CHART_DEPARTMENTS, report.department_ranks)
    _chart(document, report, labels.CHART_DEPARTMENTS, departments, charts)
    _part(document, 4)
    gongwen.blank(gongwen.paragraph(document), labels.BULLETIN_PLACEHOLDER)


def _chart(document: WordDocument, report: Report, title: str, drawn: Bars | None, charts: int) -> int:
    """A chart of 完成率 against 序时 across the 版心, captioned `图N …`; the count of charts so far."""
    if drawn is None or len(drawn.bars) < 2:
        return charts  # one group is said in words; a chart of one bar says nothing more
    holder = gongwen.paragraph(document, indent=False, align="center")
    holder.paragraph_format.line_spacing = 1.0  # an exact line pitch would clip the picture
    holder.paragraph_format.keep_with_next = True
    word_chart.add_chart(holder, drawn.bars, gongwen.TEXT_WIDTH_MM, report.on)
    gongwen.caption(document, labels.BULLETIN_CHART.format(number=charts + 1, title=title))
    return charts + 1


def _attachments(document: WordDocument, report: Report, titles: list[str]) -> None:
    """附件1 every target per action, 附件2 the 滞后 list, 附件3 the 排名, each on landscape pages."""
    width = gongwen.attachment(document, 1, titles[0])
    for section in report.sections:
        table = tables.targets(section)
        if table is None:
            continue
        line = gongwen.paragraph(document, indent=False, align="left")
        gongwen.text(line, labels.SECTION.format(ordinal=chinese_ordinal(section.number), title=section.action.title))
        line.paragraph_format.keep_with_next = True
        word.table(document, _without_bars(table), width)
    width = gongwen.attachment(document, 2, titles[1])
    if report.lagging:
        word.table(document, tables.lagging(report), width)
    else:
        gongwen.paragraph(document).add_run(labels.NONE_LAGGING)
    if len(titles) > RANKING_ATTACHMENT - 1:
        width = gongwen.attachment(document, RANKING_ATTACHMENT, titles[RANKING_ATTACHMENT - 1])
        line = gongwen.paragraph(document, indent=False, align="left")
        gongwen.text(line, standings.ranking_hint(report.since.day if report.since else None), size=12)
        compared = report.since is not None
        for title, found, first in (
            (labels.RANKING_ACTIONS, report.ranks, "action"),
            (labels.RANKING_DEPARTMENTS, report.department_ranks, "lead"),
        ):
            if not any(standing.rank is not None for standing in found):
                continue
            line = gongwen.paragraph(document, indent=False, align="left")
            gongwen.text(line, title, size=14)
            line.paragraph_format.keep_with_next = True
            word.table(document, standings.ranking_table(found, column(first), compared=compared), width)


def _without_bars(table: Table) -> Table:
    """An action's targets without the text progress bar: the 附件 gives the figures."""
    keep = [index for index, col in enumerate(table.columns) if col.role is not Role.BAR]
    rows = [row._replace(cells=[row.cells[index] for index in keep]) for row in table.rows]
    return table._replace(columns=[table.columns[index] for index in keep], rows=rows)
