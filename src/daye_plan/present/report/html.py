"""A report as one self-contained HTML file: the `Report`'s content in order, styled for print (A4).

Owns the HTML page only — document head, sections and headings, the overall legend and bar, each
action's trend charts (inline SVG from `chart_svg`, captioned 趋势), the stylesheet (`style.css`
beside this module, inlined); the words come from `Report` and `labels`, the tables from
`report.tables`, the cells from the HTML renderer (which escapes what people typed). No script, no
external reference. Returns a `str`; never prints.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from daye_plan.present import labels
from daye_plan.present.chart_svg import figures
from daye_plan.present.figures import chinese_ordinal
from daye_plan.present.html import h, legend, stacked_bar
from daye_plan.present.html import table as plain_table
from daye_plan.present.report import tables
from daye_plan.present.report.model import LIGHTS, Report, Section
from daye_plan.present.table import Table


@cache
def style() -> str:
    """The report's stylesheet, a resource of this package."""
    return resources.files("daye_plan.present.report").joinpath("style.css").read_text(encoding="utf-8").strip()


def html(report: Report) -> str:
    """The report as one self-contained HTML file: inline CSS and SVG, no script, no external reference."""
    counts = {light.value: report.total.counts[light] for light in LIGHTS}
    body = [
        f'<h1><span class="plan">《{h(report.plan.meta.title)}》</span>{h(report.subtitle)}</h1>',
        '<table class="facts"><tbody>',
        *(f"<tr><th>{h(key)}</th><td>{h(value)}</td></tr>" for key, value in report.facts),
        "</tbody></table>",
        '<section id="summary">',
        *_kept(
            [f"<h2>{h(report.heading('summary'))}</h2>"],
            [
                f'<p class="summary">{h(report.summary)}</p>',
                *([f'<p class="summary">{h(report.halfway)}</p>'] if report.halfway else []),
            ],
            short=True,
        ),
        legend(counts),
        stacked_bar(counts, width=400, height=14),
        "</section>",
        *_since(report),
        '<section id="rollup">',
        *_with_table(
            [f"<h2>{h(report.heading('rollup'))}</h2>", f'<p class="hint">{labels.ROLLUP_HINT}</p>'],
            tables.rollup(report),
        ),
        "</section>",
        *_departments(report),
        '<section id="behind">',
        *(
            _with_table(
                [
                    f"<h2>{h(report.heading('lagging'))}</h2>",
                    f'<p class="hint">{labels.LAGGING_HINT}</p>',
                    *([f'<p class="hint">{labels.PROJECTION_HINT}</p>'] if report.projecting else []),
                ],
                tables.lagging(report),
            )
            if report.lagging
            else _kept([f"<h2>{labels.LAGGING}</h2>"], [f"<p>{labels.NONE_LAGGING}</p>"], short=True)
        ),
        "</section>",
        '<section id="actions">',
        # an action's heading follows at once: this block keeps room for it and its first rows
        '<div class="head tall">',
        f"<h2>{h(report.heading('actions'))}</h2>",
        f'<p class="hint">{labels.BAR_HINT}</p>',
        *([f'<p class="hint">{labels.TREND_HINT}</p>'] if any(s.trends for s in report.sections) else []),
        "</div>",
        *(line for section in report.sections for line in _section(report, section)),
        "</section>",
        '<section id="notes">',
        *_table_or(
            [f"<h2>{h(report.heading('notes'))}</h2>", f"<h4>{labels.NO_DATA}</h4>"],
            tables.no_data(report),
            labels.ALL_HAVE_DATA,
        ),
        *_with_table([f"<h4>{labels.FRESHNESS}</h4>"], tables.freshness(report)),
        *_table_or([f"<h4>{labels.SOURCES}</h4>"], tables.sources(report), labels.NO_RECORDS_THIS_PERIOD),
        *_kept(
            [f"<h4>{labels.METHOD}</h4>"],
            ['<ol class="notes">', *(f"<li>{h(note)}</li>" for note in report.notes), "</ol>"],
            short=True,
        ),
        "</section>",
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


def _table_or(heads: list[str], table: Table | None, otherwise: str) -> list[str]:
    if table is None:
        return _kept(heads, [f"<p>{otherwise}</p>"], short=True)
    return _with_table(heads, table)


def _since(report: Report) -> list[str]:
    """较上期: the paragraph naming the targets whose light changed, then each target's change."""
    if report.since is None:
        return []
    changes = tables.since(report)
    heads = [f"<h2>{h(report.heading('since'))}</h2>", f'<p class="summary">{h(report.since.paragraph)}</p>']
    if changes is None:
        return ['<section id="since">', *_kept(heads, [], short=True), "</section>"]
    return [
        '<section id="since">',
        *_with_table([*heads, f'<p class="hint">{labels.SINCE_HINT}</p>'], changes),
        "</section>",
    ]


def _departments(report: Report) -> list[str]:
    table = tables.departments(report)
    if table is None:
        return []
    heads = [f"<h2>{h(report.heading('departments'))}</h2>", f'<p class="hint">{labels.ROLLUP_HINT}</p>']
    return ['<section id="departments">', *_with_table(heads, table), "</section>"]


def _section(report: Report, section: Section) -> list[str]:
    action = section.action
    title = labels.SECTION.format(ordinal=chinese_ordinal(section.number), title=h(action.title))
    heads = [f"<h3>{title}</h3>", *([f'<p class="theme">{h(action.theme)}</p>'] if action.theme else [])]
    out = [f'<section class="action" id="action-{h(action.id)}">']
    numeric, milestones = tables.targets(section), tables.milestones(section)
    if numeric is not None:
        out += _with_table(heads, numeric)
        out += figures(section.trends)
        heads = []
    if milestones is not None:
        out += _with_table([*heads, f"<h4>{labels.MILESTONES}</h4>"], milestones)
    elif numeric is None:
        out += _kept(heads, [f"<p>{labels.NO_TARGETS_THIS_PERIOD}</p>"], short=True)
    return [*out, "</section>"]
