"""The data report as a Word document (`report --format docx --data-report`): the `Report`'s content
in the order of the Markdown and HTML reports, for use inside the office (the 通报 the leaders read
is `bulletin`'s).

Owns the Word document only — A4 portrait, the footer's page numbers, the title block, headings as
Word heading styles (the navigation pane shows the report's outline), the summary and the notes,
the bar charts of the 排名 as native Word charts (`word_chart`), and the file's own properties (the report's title and date); the words come from `Report` and
`labels`, the tables from `report.tables`, their cells and the styles from the Word renderer
(`present.word`). Returns bytes, the same for the same data and date (`ooxml.reproducible`);
never prints.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from daye_plan.present import labels, ooxml, word, word_chart
from daye_plan.present.figures import one_line
from daye_plan.present.report import outline, tables
from daye_plan.present.report.model import Report
from daye_plan.present.style import BODY, COLOURS, hex_of

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(22), Mm(20)  # 170 mm of text (`word.TEXT_WIDTH_MM`)
RED = RGBColor(0xB7, 0x1C, 0x1C)
BODY_EAST_ASIAN = BODY[1]


LEVELS = {outline.Kind.PART: 1, outline.Kind.ACTION: 2, outline.Kind.NOTE: 3}


def docx(report: Report) -> bytes:
    """The report as a Word document: A4 portrait, Chinese fonts, the same outline as the HTML report."""
    document = Document()
    _page(document)
    word.styles(document)
    _title_block(document, report)
    for part in outline.outline(report):
        _part(document, part, report.on)
    properties(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return ooxml.reproducible(buffer.getvalue(), report.on, {"word/fontTable.xml": word.font_table})


def _part(document: WordDocument, part: outline.Part, day: dt.date) -> None:
    _heading(document, part.heading, LEVELS[part.kind])
    if part.key == "actions":
        _hint(document, labels.BAR_HINT)  # how the bars of the sections below read
    for block in part.blocks:
        _block(document, block, day)
    for child in part.children:
        _part(document, child, day)


def _block(document: WordDocument, block: outline.Block, day: dt.date) -> None:
    if isinstance(block, outline.Text):
        if block.style is outline.Style.HINT:
            _hint(document, block.text)
        elif block.style is outline.Style.THEME:
            theme = document.add_paragraph()
            run = theme.add_run(one_line(block.text))
            run.bold, run.font.color.rgb = True, RED
            theme.paragraph_format.keep_with_next = True
        else:
            _paragraph(document, block.text, indent=block.style is outline.Style.SUMMARY)
    elif isinstance(block, outline.Grid):
        word.table(document, block.table)
    elif isinstance(block, outline.Legend):
        _legend(document, block.counts)
    elif isinstance(block, outline.Trends):
        trends = tables.trend_figures(block.section)
        if trends is not None:  # Word draws no chart here: the trend as figures by month
            _heading(document, labels.TREND_FIGURES, 3)
            word.table(document, trends)
    elif isinstance(block, outline.Bars):
        holder = document.add_paragraph()
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.keep_with_next = True
        word_chart.add_chart(holder, block.bars, word.TEXT_WIDTH_MM * 0.8, day)
        _hint(document, block.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif isinstance(block, outline.Subheading):
        _heading(document, block.text, 3)
    elif isinstance(block, outline.Numbered):
        for number, note in enumerate(block.items, 1):
            item = _paragraph(document, f"{number}. {note}")
            item.paragraph_format.left_indent = Pt(15)
            item.paragraph_format.first_line_indent = Pt(-15)


# --- the page and the properties of the file ------------------------------------------------


def _page(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, rest = labels.PAGE_NUMBER.partition("{page}")
    between, _, after = rest.partition("{pages}")
    footer.add_run(before)
    word.field(footer, "PAGE")
    footer.add_run(between)
    word.field(footer, "NUMPAGES")
    footer.add_run(after)


def properties(document: WordDocument, report: Report, title: str | None = None) -> None:
    """The file's own properties: the report's title (or `title`), its date as the file's date, no
    python-docx trace."""
    properties = document.core_properties
    day = dt.datetime.combine(report.on, dt.time())
    properties.title = title or report.title
    properties.subject = report.plan.meta.title
    properties.author = properties.last_modified_by = "daye-plan"
    properties.created = properties.modified = day
    properties.revision = 1
    properties.comments = properties.keywords = properties.category = ""
    properties.language = "zh-CN"
    package = document.part.package
    for key, relation in list(package.rels.items()):
        if relation.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # the template's picture of another document
            del package.rels[key]


# --- paragraphs --------------------------------------------------------------------------------


def _heading(document: WordDocument, text: str, level: int) -> Paragraph:
    heading: Paragraph = document.add_heading(one_line(text), level)
    return heading


def _paragraph(document: WordDocument, text: str, *, indent: bool = False) -> Paragraph:
    paragraph = document.add_paragraph(one_line(text))
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(21)  # two characters, as Chinese prose starts
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def _hint(document: WordDocument, text: str) -> Paragraph:
    hint = document.add_paragraph()
    run = hint.add_run(text)
    run.font.size, run.font.color.rgb = Pt(8.5), word.GREY
    hint.paragraph_format.keep_with_next = True
    return hint


def _title_block(document: WordDocument, report: Report) -> None:
    title = document.add_paragraph(style="Title")
    plan = title.add_run(f"《{one_line(report.plan.meta.title)}》")
    plan.font.size, plan.font.bold = Pt(12), False
    plan.add_break()
    title.add_run(one_line(report.subtitle))
    for key, value in report.facts:
        fact = document.add_paragraph()
        fact.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fact.paragraph_format.space_after = Pt(0)
        name = fact.add_run(f"{key}：")
        name.font.color.rgb, name.font.size = word.GREY, Pt(9.5)
        fact.add_run(one_line(value)).font.size = Pt(9.5)
    document.paragraphs[-1].paragraph_format.space_after = Pt(10)


def _legend(document: WordDocument, counts: dict[str, int]) -> None:
    legend = document.add_paragraph()
    for index, (name, count) in enumerate(counts.items()):
        if index:
            legend.add_run("\u3000")
        dot = legend.add_run("○" if name == "grey" else "●")
        word.set_fonts(dot._r, BODY_EAST_ASIAN, BODY_EAST_ASIAN)  # every dot from one font, the same size
        dot.font.color.rgb = RGBColor.from_string(hex_of(COLOURS[name]))
        legend.add_run(f" {labels.LIGHT_LABELS[name]} {labels.COUNT.format(count=count)}").font.size = Pt(9)
