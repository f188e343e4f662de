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
from daye_plan.present.html import table as html_table
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
        f"<h2>{h(report.heading('summary'))}</h2>",
        f'<p class="summary">{h(report.summary)}</p>',
        *([f'<p class="summary">{h(report.halfway)}</p>'] if report.halfway else []),
        legend(counts),
        stacked_bar(counts, width=400, height=14),
        "</section>",
        *_since(report),
        '<section id="rollup">',
        f"<h2>{h(report.heading('rollup'))}</h2>",
        f'<p class="hint">{labels.ROLLUP_HINT}</p>',
        *html_table(tables.rollup(report)),
        "</section>",
        *_departments(report),
        '<section id="behind">',
        f"<h2>{h(report.heading('lagging'))}</h2>",
        *(
            [
                f'<p class="hint">{labels.LAGGING_HINT}</p>',
                *([f'<p class="hint">{labels.PROJECTION_HINT}</p>'] if report.projecting else []),
                *html_table(tables.lagging(report)),
            ]
            if report.lagging
            else [f"<p>{labels.NONE_LAGGING}</p>"]
        ),
        "</section>",
        '<section id="actions">',
        f"<h2>{h(report.heading('actions'))}</h2>",
        f'<p class="hint">{labels.BAR_HINT}</p>',
        *([f'<p class="hint">{labels.TREND_HINT}</p>'] if any(s.trends for s in report.sections) else []),
        *(line for section in report.sections for line in _section(report, section)),
        "</section>",
        '<section id="notes">',
        f"<h2>{h(report.heading('notes'))}</h2>",
        f"<h4>{labels.NO_DATA}</h4>",
        *_table_or(tables.no_data(report), labels.ALL_HAVE_DATA),
        f"<h4>{labels.FRESHNESS}</h4>",
        *html_table(tables.freshness(report)),
        f"<h4>{labels.SOURCES}</h4>",
        *_table_or(tables.sources(report), labels.NO_RECORDS_THIS_PERIOD),
        f"<h4>{labels.METHOD}</h4>",
        '<ol class="notes">',
        *(f"<li>{h(note)}</li>" for note in report.notes),
        "</ol>",
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


def _table_or(table: Table | None, otherwise: str) -> list[str]:
    return html_table(table) if table is not None else [f"<p>{otherwise}</p>"]


def _since(report: Report) -> list[str]:
    """较上期: the paragraph naming the targets whose light changed, then each target's change."""
    if report.since is None:
        return []
    changes = tables.since(report)
    return [
        '<section id="since">',
        f"<h2>{h(report.heading('since'))}</h2>",
        f'<p class="summary">{h(report.since.paragraph)}</p>',
        *([f'<p class="hint">{labels.SINCE_HINT}</p>', *html_table(changes)] if changes is not None else []),
        "</section>",
    ]


def _departments(report: Report) -> list[str]:
    table = tables.departments(report)
    if table is None:
        return []
    return [
        '<section id="departments">',
        f"<h2>{h(report.heading('departments'))}</h2>",
        f'<p class="hint">{labels.ROLLUP_HINT}</p>',
        *html_table(table),
        "</section>",
    ]


def _section(report: Report, section: Section) -> list[str]:
    action = section.action
    out = [
        f'<section class="action" id="action-{h(action.id)}">',
        f"<h3>{labels.SECTION.format(ordinal=chinese_ordinal(section.number), title=h(action.title))}</h3>",
        *([f'<p class="theme">{h(action.theme)}</p>'] if action.theme else []),
    ]
    numeric, milestones = tables.targets(section), tables.milestones(section)
    if numeric is not None:
        out += html_table(numeric)
        out += figures(section.trends)
    if milestones is not None:
        out += [f"<h4>{labels.MILESTONES}</h4>", *html_table(milestones)]
    if numeric is None and milestones is None:
        out.append(f"<p>{labels.NO_TARGETS_THIS_PERIOD}</p>")
    return [*out, "</section>"]
