"""A native Word chart: a bar chart of groups' 完成率 against 序时, as DrawingML chart XML in the document.

Owns the chart part (`word/charts/chartN.xml`: a clustered horizontal bar chart, 完成率 and 序时 per
group, categories top-down in the order given, the figures written on the bars, a legend on top),
the workbook embedded beside it so that Word and WPS can edit its data (`word/embeddings/`), and
the inline drawing that places it in a paragraph. Word, WPS and LibreOffice draw such a chart
themselves, with the PC's own fonts (宋体 named for its labels), so the Chinese shows on any office
PC and the file stays small and editable where a picture would not. Deterministic: the same data
give the same parts (the workbook is written through `ooxml.reproducible`).

python-docx has no public API for charts: this module is the one adapter that adds parts to the
package (`docx.opc.part.Part`, `Part.relate_to`), as python-docx adds its own images. Never prints.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from openpyxl import Workbook

from daye_plan.model.numbers import half_up
from daye_plan.present import labels, ooxml
from daye_plan.present.chart import round_up
from daye_plan.present.style import BAR_ATTAINMENT, BAR_EXPECTED, hex_of

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LABEL_FONT = ("Times New Roman", "宋体")  # every Chinese Windows has 宋体; WPS and LibreOffice substitute alike
SHEET = "Sheet1"
DATA = "rId1"  # the chart part's one relationship: its workbook
HUNDRED = Decimal(100)

Bars = Sequence[tuple[str, Decimal, Decimal]]  # (name, 完成率, 序时), in the order to draw, top first


def add_chart(paragraph: Paragraph, bars: Bars, width_mm: float, day: dt.date) -> None:
    """The chart of `bars` as an inline drawing at the end of `paragraph`, `width_mm` wide, its
    height by the number of groups; `day` dates the embedded workbook."""
    document = paragraph.part
    package = document.package
    number = 1 + sum(1 for part in package.iter_parts() if part.partname.startswith("/word/charts/"))
    chart = Part(PackURI(f"/word/charts/chart{number}.xml"), CONTENT_TYPE.DML_CHART, chart_xml(bars), package)
    workbook = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        CONTENT_TYPE.SML_SHEET,
        workbook_bytes(bars, day),
        package,
    )
    data = chart.relate_to(workbook, RELATIONSHIP_TYPE.PACKAGE)
    assert data == DATA  # a new part's first relationship: the id the chart part already names
    relation = document.relate_to(chart, RELATIONSHIP_TYPE.CHART)
    height_mm = 22 + 11 * len(bars)
    paragraph._p.add_r().append(parse_xml(_inline(relation, number, width_mm, height_mm)))


def _inline(relation: str, number: int, width_mm: float, height_mm: float) -> str:
    cx, cy = Mm(width_mm), Mm(height_mm)
    name = escape(labels.CHART_NAME.format(number=number), {'"': "&quot;"})
    return (
        f'<w:drawing xmlns:w="{W}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:c="{C}" xmlns:r="{R}">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{1000 + number}" name="{name}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{C}"><c:chart r:id="{relation}"/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing>"
    )


def _figure(value: Decimal) -> str:
    return format(half_up(value, 1), "f")


def _text_properties(size: int) -> str:
    latin, east_asian = LABEL_FONT
    return (
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="{size}"><a:solidFill><a:srgbClr val="212121"/></a:solidFill>'
        f'<a:latin typeface="{latin}"/><a:ea typeface="{east_asian}"/></a:defRPr>'
        '</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
    )


def _series(index: int, name: str, column: str, values: Sequence[Decimal], colour: str, categories: str) -> str:
    rows = len(values)
    points = "".join(f'<c:pt idx="{i}"><c:v>{_figure(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f'<c:tx><c:strRef><c:f>{SHEET}!${column}$1</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'<c:spPr><a:solidFill><a:srgbClr val="{hex_of(colour)}"/></a:solidFill></c:spPr>'
        '<c:invertIfNegative val="0"/>'
        '<c:dLbls><c:numFmt formatCode="0.0&quot;%&quot;" sourceLinked="0"/>'
        f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_properties(800)}"
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
        '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f"{categories}"
        f"<c:val><c:numRef><c:f>{SHEET}!${column}$2:${column}${rows + 1}</c:f><c:numCache>"
        f'<c:formatCode>0.0</c:formatCode><c:ptCount val="{rows}"/>{points}</c:numCache></c:numRef></c:val>'
        "</c:ser>"
    )


def chart_xml(bars: Bars) -> bytes:
    """The chart part: 完成率 and 序时 per group as horizontal bars, first group on top, 0 to a round
    figure at or above the largest (100% at least), the figures on the bars, the legend on top."""
    names = [name for name, _, _ in bars]
    rows = len(names)
    points = "".join(f'<c:pt idx="{i}"><c:v>{escape(name)}</c:v></c:pt>' for i, name in enumerate(names))
    categories = (
        f"<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${rows + 1}</c:f><c:strCache>"
        f'<c:ptCount val="{rows}"/>{points}</c:strCache></c:strRef></c:cat>'
    )
    top = round_up(max(HUNDRED, *(max(a, e) for _, a, e in bars)))
    series = _series(0, labels.CHART_ATTAINMENT, "B", [a for _, a, _ in bars], BAR_ATTAINMENT, categories)
    series += _series(1, labels.CHART_EXPECTED, "C", [e for _, _, e in bars], BAR_EXPECTED, categories)
    no_line = "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}">'
        '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="50"/><c:axId val="501"/><c:axId val="502"/></c:barChart>'
        '<c:catAx><c:axId val="501"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_text_properties(900)}'
        '<c:crossAx val="502"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="502"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{format(top, "f")}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>'
        '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln>'
        '</c:spPr></c:majorGridlines><c:numFmt formatCode="0&quot;%&quot;" sourceLinked="0"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{no_line}'
        f'{_text_properties(800)}<c:crossAx val="501"/><c:crosses val="max"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{format(top / 4, "f")}"/></c:valAx>'
        "</c:plotArea>"
        f'<c:legend><c:legendPos val="t"/><c:overlay val="0"/>{_text_properties(900)}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f'<c:externalData r:id="{DATA}"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def workbook_bytes(bars: Bars, day: dt.date) -> bytes:
    """The chart's data as the workbook Word opens to edit it: names in A, 完成率 in B, 序时 in C."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook's one sheet
    sheet.title = SHEET
    sheet.append(["", labels.CHART_ATTAINMENT, labels.CHART_EXPECTED])
    for name, attained, expected in bars:
        sheet.append([name, half_up(attained, 1), half_up(expected, 1)])
    book.properties.creator = "daye-plan"
    buffer = io.BytesIO()
    book.save(buffer)
    return ooxml.reproducible(buffer.getvalue(), day)
