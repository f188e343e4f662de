"""A report as one self-contained HTML file: the `Report`'s content in order, styled for print (A4).

Owns the HTML page only — document head, sections and headings, the overall legend and bar, each
action's trend charts (inline SVG from `chart_svg`, captioned 趋势), the stylesheet (`style.css`
beside this module, inlined); the words come from `Report` and `labels`, the tables from
`report.tables`, the cells from the HTML renderer (which escapes what people typed). No script, no
external reference. Returns a `str`; never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from daye_plan.present import bars_svg, labels
from daye_plan.present.chart_svg import figures
from daye_plan.present.html import h, legend, stacked_bar
from daye_plan.present.html import table as plain_table
from daye_plan.present.report import outline
from daye_plan.present.report.model import Report
from daye_plan.present.table import Table


@cache
def style() -> str:
    """The report's stylesheet, a resource of this package."""
    return resources.files("daye_plan.present.report").joinpath("style.css").read_text(encoding="utf-8").strip()


def html(report: Report) -> str:
    """The report as one self-contained HTML file: inline CSS and SVG, no script, no external reference."""
    body = [
        f'<h1><span class="plan">《{h(report.plan.meta.title)}》</span>{h(report.subtitle)}</h1>',
        '<table class="facts"><tbody>',
        *(f"<tr><th>{h(key)}</th><td>{h(value)}</td></tr>" for key, value in report.facts),
        "</tbody></table>",
        *(line for part in outline.outline(report) for line in _part(part, report)),
    ]
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{h(report.title)}</title>",
        f"<style>\n{style()}\n</style>",
        "</head>",
    ]
    return "\n".join([*head, "<body>", "<main>", *body, "</main>", "</body>", "</html>"]) + "\n"


SHORT = 10  # rows: a table this short moves to the next page whole, with its heading


def html_table(table: Table) -> list[str]:
    """The table in a box that scrolls sideways on a narrow screen, so that nothing is cut off."""
    return ['<div class="scroll">', *plain_table(table), "</div>"]


def _kept(heads: list[str], body: list[str], *, short: bool) -> list[str]:
    """Headings with what follows them, so that no heading is left alone at the foot of a page: a
    short body in one block with them, never split; a long one after a block that keeps room for
    its first rows (`.head` in the stylesheet)."""
    if short:
        return ['<div class="keep">', *heads, *body, "</div>"]
    return ['<div class="head">', *heads, "</div>", *body]


def _with_table(heads: list[str], table: Table) -> list[str]:
    return _kept(heads, html_table(table), short=len(table.rows) <= SHORT)


ANCHORS = {"lagging": "behind"}  # a part's id in the page, where it is not its key
HEADINGS = {outline.Kind.PART: "h2", outline.Kind.ACTION: "h3", outline.Kind.NOTE: "h4"}


def _part(part: outline.Part, report: Report) -> list[str]:
    """A part in its `<section>`: its heading kept with the paragraphs under it and the start of
    what follows; an action's section likewise, in a `<section>` of its own."""
    heads = [_heading(part)]
    if part.key == "actions":  # how the bars and charts of the sections below read
        heads.append(f'<p class="hint">{labels.BAR_HINT}</p>')
        if any(section.trends for section in report.sections):
            heads.append(f'<p class="hint">{labels.TREND_HINT}</p>')
    out, heads = _blocks(part.blocks, heads)
    for child in part.children:
        if len(heads) > 1:  # the part's heading and hints, before a long body: room for its start
            out += ['<div class="head tall">', *heads, "</div>"]
            heads = []
        drawn, rest = _blocks(child.blocks, [*heads, _heading(child)])  # a heading alone goes with it
        heads = []
        if rest:
            drawn += _kept(rest, [], short=True)
        if child.kind is outline.Kind.ACTION:
            drawn = [f'<section class="action" id="action-{h(child.key)}">', *drawn, "</section>"]
        out += drawn
    if heads:
        out += _kept(heads, [], short=True)
    if part.kind is not outline.Kind.PART:
        return out
    return [f'<section id="{ANCHORS.get(part.key, part.key)}">', *out, "</section>"]


def _heading(part: outline.Part) -> str:
    tag = HEADINGS[part.kind]
    return f"<{tag}>{h(part.heading)}</{tag}>"


def _blocks(blocks: Sequence[outline.Block], heads: list[str]) -> tuple[list[str], list[str]]:
    """The blocks drawn, with the headings and paragraphs that open them kept with what follows;
    the paragraphs still open at the end come back to be kept with what comes next."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, outline.Text):
            kind = PARAGRAPHS[block.style]
            heads.append(f'<p class="{kind}">{h(block.text)}</p>' if kind else f"<p>{h(block.text)}</p>")
        elif isinstance(block, outline.Subheading):
            heads.append(f"<h4>{h(block.text)}</h4>")
        elif isinstance(block, outline.Grid):
            out += _with_table(heads, block.table)
            heads = []
        elif isinstance(block, outline.Legend):
            out += [*_kept(heads, [], short=True), legend(block.counts)]
            out.append(stacked_bar(block.counts, width=400, height=14))
            heads = []
        elif isinstance(block, outline.Trends):
            out += figures(block.section.trends)
        elif isinstance(block, outline.Bars):
            out += _kept(heads, bars_svg.figure(block.title, block.bars), short=True)
            heads = []
        elif isinstance(block, outline.Numbered):
            items = [f"<li>{h(item)}</li>" for item in block.items]
            out += _kept(heads, ['<ol class="notes">', *items, "</ol>"], short=True)
            heads = []
    return out, heads


PARAGRAPHS = {
    outline.Style.SUMMARY: "summary",
    outline.Style.HINT: "hint",
    outline.Style.NOTE: "",
    outline.Style.THEME: "theme",
}
