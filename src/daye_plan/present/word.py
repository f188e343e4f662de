"""The Word renderer: a `Table` as a Word table, and the styles a Chinese Word document needs.

Owns how each kind of cell looks in Word — a light as a cell filled in its colour, a progress bar
as coloured blocks in a fixed-width font, a gap with its basis set small above it — column widths
laid out across the text width as a browser lays out a table, a header row repeated on every page
and rows never split; and the document's styles: 宋体 body and 黑体 headings, each style naming
its Latin and its east-Asian font (Word and WPS use the east-Asian one for Chinese) with the
theme's fonts removed, and the font table's other names for both (SimSun, SimHei). Uses
python-docx; adds to the document it is given; never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from daye_plan.present import labels, style
from daye_plan.present import table as t
from daye_plan.present.figures import one_line
from daye_plan.present.style import (
    BAR_FONT,
    BODY,
    COLOURS,
    FONT_TABLE,
    HEADER_COLOURS,
    HEADING,
    display_width,
    hex_of,
)

INDENT = "\u3000"  # one 其中 level: an ideographic space
TEXT_WIDTH_MM = 170  # A4 less 20 mm a side
GREY = RGBColor.from_string(hex_of(style.GREY))
WRAPPING = (t.Role.NAME, t.Role.LONG_TEXT, t.Role.STRETCH)
UNIT_MM = 1.6  # one half-width character at 9 pt (小五); a Chinese character is two
# A table's paragraph style and its size in pt, by its kind: the lagging list has the most columns (as in HTML).
TABLE_STYLES = {"": ("Table Text", 9), "lagging": ("Dense Table Text", 8)}
CELL_PADDING_MM = 2.8  # a cell's left and right margins, and a little air
FIXED_UP_TO = 16  # a text column no wider than this (in half-width characters) never folds
FOLDED = 12  # the narrowest a folding column gets: six Chinese characters


def field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word computes when it lays the page out (a page number); `1` until it does."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


class RunPropertiesOwner(Protocol):
    """What holds run properties (`w:rPr`): a run's element, a style's, or the document's defaults."""

    def get_or_add_rPr(self) -> BaseOxmlElement: ...


def set_fonts(owner: RunPropertiesOwner, latin: str, east_asia: str) -> None:
    """Name the fonts on a style's or a run's properties, dropping the theme's (which would win)."""
    rpr = owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for name, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(name), value)


def styles(document: WordDocument) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(_Holder(run_defaults), *BODY)
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal = styles["Normal"]
    set_fonts(normal.element, *BODY)
    normal.font.size = Pt(10.5)  # 五号
    normal.paragraph_format.space_before, normal.paragraph_format.space_after = Pt(0), Pt(4)
    normal.paragraph_format.line_spacing = 1.25
    for name, size, before, after in (
        ("Title", 18, 0, 6),
        ("Heading 1", 14, 14, 6),
        ("Heading 2", 12, 10, 2),
        ("Heading 3", 10.5, 8, 3),
    ):
        style = styles[name]
        set_fonts(style.element, *HEADING)
        style.font.size = Pt(size)
        style.font.bold = name != "Title" and name != "Heading 1"  # 黑体 is heavy enough at the top levels
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.line_spacing = 1.2
    title = styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    title.font.color.rgb = RGBColor(0, 0, 0)
    _bottom_rule(styles["Heading 1"].element.get_or_add_pPr())
    for name, size in TABLE_STYLES.values():
        cell = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(size)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.line_spacing = 1.1


class _Holder:
    """Gives `_fonts` the properties of docDefaults, which python-docx does not wrap."""

    def __init__(self, rpr: BaseOxmlElement) -> None:
        self.rpr = rpr

    def get_or_add_rPr(self) -> BaseOxmlElement:  # python-docx's name for it
        return self.rpr


def _bottom_rule(ppr: BaseOxmlElement) -> None:
    """A red rule under a section heading, as the HTML report draws it."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "2"), ("w:color", "B71C1C")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def font_table(xml: bytes, more: Mapping[str, tuple[str, str, str, str]] | None = None) -> bytes:
    """The font table with 宋体 and 黑体 and their other names (SimSun, SimHei), and `more` such
    entries (the 公文 fonts: 仿宋_GB2312, whose other name is 仿宋 …)."""
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, (alt, panose, family, pitch) in {**FONT_TABLE, **(more or {})}.items()
    )
    return xml.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")


def add_text(paragraph: Paragraph, text: str) -> Run:
    """A run of `text` whose hyphens and minus signs never end a line: each `-` is Word's
    non-breaking hyphen, so `-16.1 个百分点` and `06-30` stay whole (python-docx reads it back as `-`)."""
    run = paragraph.add_run()
    pieces = text.split("-")
    for index, piece in enumerate(pieces):
        if index:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            written = OxmlElement("w:t")
            written.text = piece
            written.set(qn("xml:space"), "preserve")
            run._r.append(written)
    return run


# --- tables ----------------------------------------------------------------------------------


def table(document: WordDocument, data: t.Table, width_mm: float = TEXT_WIDTH_MM) -> None:
    """The table across the text width (`width_mm`): a header row repeated on every page, rows never
    split, a minus sign never parted from its figure."""
    keep = [index for index, column in enumerate(data.columns) if column.role is not t.Role.CHART]
    columns = [data.columns[index] for index in keep]
    style_name, size = TABLE_STYLES.get(data.kind, TABLE_STYLES[""])
    cells = [[row.cells[index] for index in keep] for row in data.rows]
    widths = column_widths(columns, cells, UNIT_MM * size / 9, width_mm)
    # The style's id, found once: python-docx searches every style of the document again on each
    # `paragraph.style = name` (~1 ms a cell: most of a report's time).
    find_id: Callable[[str, WD_STYLE_TYPE], str | None] = document.part.get_style_id  # untyped in python-docx
    style = find_id(style_name, WD_STYLE_TYPE.PARAGRAPH)
    table = document.add_table(rows=0, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table._tbl.tblPr)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    header = table.add_row()
    _row_properties(header._tr, header=True)
    for cell, column, width in zip(header.cells, columns, widths, strict=True):
        _cell_frame(cell, width, "ECEFF1")
        run = _cell_paragraph(cell, t.Align.CENTER, style).add_run(column.header)
        run.bold = True
        if column.light:  # the light's colour; 无数据's own grey would not show on the grey header
            run.font.color.rgb = RGBColor.from_string(hex_of(HEADER_COLOURS.get(column.light, COLOURS[column.light])))
    for row in data.rows:
        line = table.add_row()
        _row_properties(line._tr, header=False)
        for place, (cell, column, width) in enumerate(zip(line.cells, columns, widths, strict=True)):
            value = row.cells[keep[place]]
            fill = hex_of(COLOURS[value.light]) if isinstance(value, t.LightCell) else None
            _cell_frame(cell, width, fill or ("FAFAFA" if row.mark == t.TOTAL else None))
            if place == 0 and row.mark in COLOURS:
                _left_mark(cell, hex_of(COLOURS[row.mark]))
            _write_cell(_cell_paragraph(cell, _alignment(column), style), value, bold=row.mark == t.TOTAL)
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(2)
    spacer.paragraph_format.line_spacing = 0.8


def column_widths(
    columns: Sequence[t.Column],
    rows: Sequence[Sequence[t.Cell]],
    unit_mm: float = UNIT_MM,
    text_mm: float = TEXT_WIDTH_MM,
) -> list[float]:
    """Each column's width in mm across the text width, laid out as a browser lays out a table:
    figures, dates and short words as wide as they are; names and long text between a few
    characters and their whole length, sharing what is left in proportion to their length."""
    least, most = [], []
    for index, column in enumerate(columns):
        texts = [column.header, *(line for row in rows for line in plain(row[index]).split("\n"))]
        widest = max(display_width(text) for text in texts)
        if column.role is t.Role.BAR:
            widest += 2  # its fixed-width font is a little wider than the body's figures
        flexible = column.role in WRAPPING or (column.role is not t.Role.NUMBER and widest > FIXED_UP_TO)
        least.append(min(widest, FOLDED) if flexible else widest)
        most.append(widest)
    least_mm = [units * unit_mm + CELL_PADDING_MM for units in least]
    most_mm = [units * unit_mm + CELL_PADDING_MM for units in most]
    if sum(most_mm) <= text_mm:
        grow = [i for i in range(len(columns)) if least[i] < most[i]] or list(range(len(columns)))
        extra = (text_mm - sum(most_mm)) / sum(most_mm[i] for i in grow)
        return [round(width * (1 + extra) if i in grow else width, 1) for i, width in enumerate(most_mm)]
    if sum(least_mm) >= text_mm:
        return [round(width * text_mm / sum(least_mm), 1) for width in least_mm]
    share = (text_mm - sum(least_mm)) / (sum(most_mm) - sum(least_mm))
    return [round(low + (high - low) * share, 1) for low, high in zip(least_mm, most_mm, strict=True)]


def plain(value: t.Cell) -> str:
    """A cell's text as the document shows it, a line break where the cell breaks (a gap under its basis)."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, t.Figure):
        return value.text
    if isinstance(value, t.Nested):
        return value.text(INDENT)
    if isinstance(value, t.LightCell):
        return labels.LIGHT_LABELS[value.light]
    if isinstance(value, t.ProgressBar):
        return value.text()
    if isinstance(value, t.Stretch):
        return f"{one_line(value.requirement)} · {value.attainment} · {labels.LIGHT_LABELS[value.light]}"
    if isinstance(value, t.Gap):
        return f"{value.basis}\n{value.gap}" if value.basis else value.gap
    if isinstance(value, t.Quiet | t.Requirement):
        return one_line(value.text)
    if isinstance(value, t.Day):
        return value.text
    if isinstance(value, t.Shares):
        return ""
    raise TypeError(f"no Word form for {type(value).__name__}")


def _alignment(column: t.Column) -> t.Align:
    return t.Align.CENTER if column.role is t.Role.LIGHT else column.alignment


def _cell_margins(properties: BaseOxmlElement) -> None:
    """Narrow cell margins (1 mm a side, against Word's 1.9), so that figures keep to one line."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("w:top", 14), ("w:left", 57), ("w:bottom", 14), ("w:right", 57)):
        edge = OxmlElement(side)
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties.append(margins)


def _row_properties(tr: CT_Row, *, header: bool) -> None:
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page the table runs onto


def _cell_frame(cell: _Cell, width_mm: float, fill: str | None) -> None:
    cell.width = Mm(width_mm)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if fill:
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
            shading.set(qn(key), value)
        cell._tc.get_or_add_tcPr().append(shading)


def _left_mark(cell: _Cell, colour: str) -> None:
    """A thick coloured left edge on a row's first cell: the light of a lagging target."""
    borders = OxmlElement("w:tcBorders")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "0"), ("w:color", colour)):
        left.set(qn(key), value)
    borders.append(left)
    cell._tc.get_or_add_tcPr().append(borders)


_ALIGNMENTS = {t.Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, t.Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}


def _cell_paragraph(cell: _Cell, align: t.Align, style_id: str | None) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # what `paragraph.style = name` sets, the id looked up once per table
    paragraph.alignment = _ALIGNMENTS.get(align, WD_ALIGN_PARAGRAPH.CENTER)
    return paragraph


def _write_cell(paragraph: Paragraph, value: t.Cell, *, bold: bool = False) -> None:
    if isinstance(value, t.LightCell):
        run = paragraph.add_run(labels.LIGHT_LABELS[value.light])
        run.bold = value.light != "grey"
        run.font.color.rgb = RGBColor.from_string(hex_of(style.ON_LIGHT[value.light]))
    elif isinstance(value, t.ProgressBar):
        _bar(paragraph, value)
    elif isinstance(value, t.Stretch):
        paragraph.add_run(f"{one_line(value.requirement)} · {value.attainment} · ")
        light = paragraph.add_run(labels.LIGHT_LABELS[value.light])
        light.bold = True
        light.font.color.rgb = RGBColor.from_string(hex_of(COLOURS[value.light]))
    elif isinstance(value, t.Gap):
        if value.basis:
            basis = paragraph.add_run(value.basis)
            basis.font.size, basis.font.color.rgb = Pt(7.5), GREY
            basis.add_break()
        add_text(paragraph, value.gap)
    elif isinstance(value, t.Quiet):
        paragraph.add_run(plain(value)).font.color.rgb = GREY
    else:
        add_text(paragraph, plain(value)).bold = bold or None


def _bar(paragraph: Paragraph, bar: t.ProgressBar) -> None:
    """完成率 as blocks in the light's colour with a dark mark at 序时进度 (the Markdown text bar), in a
    fixed-width font whose blocks are half a character wide, so that ten of them keep to one line."""
    shades = {"█": RGBColor.from_string(hex_of(COLOURS[bar.light])), "|": RGBColor(0x21, 0x21, 0x21)}
    text = bar.text()
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or text[end] != text[start]:
            run = paragraph.add_run(text[start:end])
            set_fonts(run._r, BAR_FONT, BAR_FONT)
            run.font.size = Pt(8)
            run.font.color.rgb = shades.get(text[start], GREY)
            start = end
