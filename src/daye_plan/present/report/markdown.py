"""A report as GitHub-flavoured Markdown: the report's outline, its tables as Markdown tables.

Owns how each block of the outline looks in Markdown — headings (`##` a part, `###` an action or a
note), the facts as a list, a subheading as a caption line, the numbered notes; an action's table
carries each indicator's trend as a sparkline, since Markdown draws no chart. The outline is
`report.outline`'s, the cells the Markdown renderer's (which escapes what people typed). Returns a
`str`; never prints.
"""

from __future__ import annotations

from daye_plan.present.markdown import md_text
from daye_plan.present.markdown import table as md_table
from daye_plan.present.report import outline
from daye_plan.present.report.model import Report

LEVELS = {outline.Kind.PART: "##", outline.Kind.ACTION: "###", outline.Kind.NOTE: "###"}


def markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown, with text progress bars and sparklines."""
    out = [f"# {md_text(report.title)}", ""]
    out += [f"- {key}：{md_text(value)}" for key, value in report.facts]
    out.append("")
    for part in outline.outline(report, sparklines=True):
        out += _part(part)
    return "\n".join(out).rstrip("\n") + "\n"


def _part(part: outline.Part) -> list[str]:
    out = [f"{LEVELS[part.kind]} {md_text(part.heading)}", ""]
    for block in part.blocks:
        out += _block(block)
    for child in part.children:
        out += _part(child)
    return out


def _block(block: outline.Block) -> list[str]:
    if isinstance(block, outline.Text):
        if block.style is outline.Style.THEME:
            return [f"**{md_text(block.text)}**", ""]
        return [md_text(block.text, opens_line=True) if block.style is outline.Style.SUMMARY else block.text, ""]
    if isinstance(block, outline.Grid):
        return [md_table(block.table)]
    if isinstance(block, outline.Subheading):
        return [f"{block.text}：", ""]
    if isinstance(block, outline.Numbered):
        return [*(f"{n}. {md_text(item)}" for n, item in enumerate(block.items, 1)), ""]
    if isinstance(block, outline.Legend | outline.Trends | outline.Bars):
        return []  # the counts are in the roll-up, the trends in the action's table as sparklines, the bars' figures in the ranking
    raise TypeError(block)  # pragma: no cover - every block is drawn above
