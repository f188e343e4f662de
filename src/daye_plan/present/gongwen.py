"""公文 form in Word, after GB/T 9704-2012 《党政机关公文格式》: the page, the type and the parts a 公文 is made of.

Owns the layout any 公文 shares, whatever it says: A4 with 天头 37 mm, 订口 28 mm and a 156 × 225 mm
版心 (5.2.1; 35 mm below, 26 mm right), 3号仿宋 text on a line pitch of 22 lines a page (5.2.2,
5.2.3), the 版头 (发文机关标志 in red 小标宋, the 文号 under it, the red rule 4 mm below: 7.2.4,
7.2.5, 7.2.7), the title in 2号小标宋 (7.3.1), the 主送 flush left with a full-width colon (7.3.2),
headings in 3号黑体 and run-in 3号楷体 (7.3.3), the 附件说明 (7.3.4), the signature and the date
under it, two characters further right (7.3.5.2), the 附件 on pages of their own marked 附件N in
黑体 (7.3.7) — here landscape for wide tables, the 版心 turned with the page (8) — and page numbers
`— 1 —` in 4号宋体 under the 版心 (7.5; centred, as county offices print single-sided). A blank to
fill is written as ×× and highlighted. Uses python-docx; adds to the document it is given; knows
nothing of plans or reports; never prints.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from daye_plan.present import labels, word
from daye_plan.present.style import (
    BODY,
    GONGWEN_BODY,
    GONGWEN_HEADING,
    GONGWEN_PAGE_NUMBER,
    GONGWEN_RED,
    GONGWEN_SUBHEADING,
    GONGWEN_TITLE,
    SIZES,
    display_width,
    hex_of,
)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)  # 天头, 地脚, 订口, 切口: a 156 × 225 mm 版心
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
BODY_PT = SIZES["三号"]
LINE = Pt(28.95)  # 225 mm of 版心 over 22 lines
CHAR = Pt(BODY_PT)  # 一字: one character of 3号 text
TITLE_LINE = Pt(35)
RED = RGBColor.from_string(hex_of(GONGWEN_RED))
FONT_SPARE_PT = 440  # the 发文机关标志 fits the 版心 (156 mm ≈ 442 pt) on one line


def setup(document: WordDocument) -> None:
    """The first section's page and the styles: Normal is 3号仿宋 on the 公文 line pitch; `Heading 1`
    is the 一级标题 (3号黑体, two characters in), so that the navigation pane shows the parts; the
    report tables' styles keep 宋体."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.footer_distance = Mm(24)  # the number's 一字线 some 7 mm under the 版心
    word.styles(document)
    styles = document.styles
    normal = styles["Normal"]
    word.set_fonts(normal.element, *GONGWEN_BODY)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = LINE
    fmt.widow_control = True
    heading = styles["Heading 1"]
    word.set_fonts(heading.element, *GONGWEN_HEADING)
    heading.font.size, heading.font.bold = Pt(BODY_PT), False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    border = heading.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        heading.element.pPr.remove(border)
    fmt = heading.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing, fmt.first_line_indent, fmt.keep_with_next = LINE, CHAR * 2, True
    title = styles["Title"]
    word.set_fonts(title.element, *GONGWEN_TITLE)
    title.font.size, title.font.bold = Pt(SIZES["二号"]), False
    title.paragraph_format.line_spacing = TITLE_LINE
    title.paragraph_format.space_before = title.paragraph_format.space_after = Pt(0)
    for name, _size in word.TABLE_STYLES.values():
        word.set_fonts(styles[name].element, *BODY)
    page_numbers(section)


def page_numbers(section: Section) -> None:
    """`— 1 —` centred under the 版心 in 4号宋体 (the 一字线 each side of the number)."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = labels.BULLETIN_PAGE.partition("{page}")
    for text in (before, None, after):
        if text is None:
            word.field(footer, "PAGE")
            continue
        run = footer.add_run(text)
        word.set_fonts(run._r, *GONGWEN_PAGE_NUMBER)
        run.font.size = Pt(SIZES["四号"])
    for element in footer._p.iter(qn("w:r")):
        properties = element.get_or_add_rPr()
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(SIZES["四号"] * 2))
        if properties.find(qn("w:sz")) is None:
            properties.append(size)


def paragraph(document: WordDocument, *, indent: bool = True, align: str = "justify") -> Paragraph:
    """A body paragraph: two characters in (每个自然段左空二字), justified on the 公文 line pitch."""
    found = document.add_paragraph()
    if indent:
        found.paragraph_format.first_line_indent = CHAR * 2
    found.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    return found


def text(owner: Paragraph, written: str, fonts: tuple[str, str] | None = None, size: float | None = None) -> Run:
    """A run of `written` in the paragraph's type (or `fonts` at `size`), a minus never parted from its figure."""
    run = word.add_text(owner, written)
    if fonts is not None:
        word.set_fonts(run._r, *fonts)
    if size is not None:
        run.font.size = Pt(size)
    return run


def blank(owner: Paragraph, written: str) -> Run:
    """A blank to fill (`××`), highlighted so that nobody sends it as it is."""
    run = text(owner, written)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def heading(document: WordDocument, written: str) -> Paragraph:
    """一级标题: `一、总体情况` in 3号黑体, two characters in (Word's Heading 1, for the navigation pane)."""
    found = document.add_paragraph(style="Heading 1")
    text(found, written)
    return found


def run_in(document: WordDocument, lead: str, rest: str) -> Paragraph:
    """A paragraph opening with its 二级标题 run in: `（一）招商引资行动。` in 3号楷体, then the text."""
    found = paragraph(document)
    if lead:
        text(found, lead, GONGWEN_SUBHEADING)
    text(found, rest)
    return found


def empty_line(document: WordDocument) -> Paragraph:
    """One blank line of the 公文 pitch (空一行)."""
    return document.add_paragraph()


def masthead(document: WordDocument, issuer: str | None, number: str, *, given: bool) -> None:
    """The 版头: the 发文机关标志 (red 小标宋, centred, its top 35 mm under the 版心's), the 文号 two
    lines under it, centred, and the red rule 4 mm under the 文号, as wide as the 版心; a missing
    issuer or number is a highlighted blank."""
    mark = paragraph(document, indent=False, align="center")
    mark.paragraph_format.space_before = Mm(35)
    mark.paragraph_format.line_spacing = 1.0
    shown = issuer or labels.BULLETIN_ISSUER_BLANK
    size = min(SIZES["一号"] * 1.5, FONT_SPARE_PT / max(1, display_width(shown) / 2))
    run = text(mark, shown, GONGWEN_TITLE, size) if issuer else _blank_sized(mark, shown, size)
    run.font.color.rgb = RED
    empty_line(document)
    line = paragraph(document, indent=False, align="center")
    (text if given else blank)(line, number)
    line.paragraph_format.space_before = LINE
    _rule(line)


def _blank_sized(owner: Paragraph, written: str, size: float) -> Run:
    run = blank(owner, written)
    word.set_fonts(run._r, *GONGWEN_TITLE)
    run.font.size = Pt(size)
    return run


def _rule(owner: Paragraph) -> None:
    """A red line under the paragraph, 4 mm below it, as wide as the 版心."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", hex_of(GONGWEN_RED))):
        bottom.set(qn(key), value)
    border.append(bottom)
    owner._p.get_or_add_pPr().append(border)


def title(document: WordDocument, written: str) -> Paragraph:
    """The title in 2号小标宋, centred, two lines under the rule and one above the 主送."""
    empty_line(document)
    found = document.add_paragraph(style="Title")
    found.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text(found, written)
    empty_line(document)
    return found


def signature(document: WordDocument, issuer: str | None, date: str) -> None:
    """发文机关署名 two characters from the right, the 成文日期 under it starting two characters further
    right (or, where the date is the longer, the date two from the right and the name moved left)."""
    shown = issuer or labels.BULLETIN_ISSUER_BLANK
    name_chars = display_width(shown) / 2
    date_chars = display_width(date) / 2
    date_right = name_chars - date_chars
    name_right = 2.0
    if date_right < 2:
        date_right = 2.0
        name_right = date_right + date_chars + 2 - name_chars
    empty_line(document)
    signed = paragraph(document, indent=False, align="right")
    signed.paragraph_format.right_indent = Pt(BODY_PT * name_right)
    (text(signed, shown) if issuer else blank(signed, shown)).font.size = Pt(BODY_PT)
    dated = paragraph(document, indent=False, align="right")
    dated.paragraph_format.right_indent = Pt(BODY_PT * date_right)
    text(dated, date)


def attachment_note(document: WordDocument, titles: list[str]) -> None:
    """附件说明: `附件：1. …` two characters in, each further name under the first one's start."""
    empty_line(document)
    lead = labels.BULLETIN_ATTACHMENT
    for number, name in enumerate(titles, 1):
        line = paragraph(document, indent=False, align="left")
        written = labels.BULLETIN_ATTACHMENT_LINE.format(number=number, title=name)
        if number == 1:
            line.paragraph_format.left_indent = CHAR * 2
            text(line, lead + written)
        else:
            line.paragraph_format.left_indent = Pt(BODY_PT * (2 + display_width(lead) / 2))
            text(line, written)


def attachment(document: WordDocument, number: int, written: str, *, landscape: bool = True) -> float:
    """A new page for 附件N: landscape where asked (a wide table), `附件N` in 3号黑体 flush left on the
    first line, its title centred on the third; returns the width of its 版心 in mm."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        # The page turned with its 版心: 订口 at the top (where the table's head is), 天头 on the right.
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        section.top_margin, section.bottom_margin = LEFT, RIGHT
        section.left_margin, section.right_margin = BOTTOM, TOP
        section.footer_distance = Mm(10)
    mark = paragraph(document, indent=False, align="left")
    text(mark, labels.BULLETIN_ATTACHMENT_MARK.format(number=number), GONGWEN_HEADING)
    empty_line(document)
    heading_line = paragraph(document, indent=False, align="center")
    text(heading_line, written, GONGWEN_TITLE, SIZES["二号"] if not landscape else 18)
    heading_line.paragraph_format.keep_with_next = True
    empty_line(document).paragraph_format.keep_with_next = True
    return TEXT_HEIGHT_MM if landscape else TEXT_WIDTH_MM


def caption(document: WordDocument, written: str) -> None:
    """A chart's caption under it, centred, in 仿宋 小四."""
    found = paragraph(document, indent=False, align="center")
    text(found, written, size=SIZES["小四"])
