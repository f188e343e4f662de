"""A report as GitHub-flavoured Markdown: the `Report`'s content in order, its tables as Markdown tables.

Owns the Markdown page only — headings, the facts as a list, captions, the numbered notes; the
words come from `Report` and `labels`, the tables from `report.tables` (an action's with each
indicator's trend as a sparkline, since Markdown draws no chart), the cells from the Markdown
renderer (which escapes what people typed). Returns a `str`; never prints.
"""

from __future__ import annotations

from daye_plan.present import labels
from daye_plan.present.figures import chinese_ordinal
from daye_plan.present.markdown import md_text
from daye_plan.present.markdown import table as md_table
from daye_plan.present.report import tables
from daye_plan.present.report.model import Report, Section
from daye_plan.present.table import Table


def markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown, with text progress bars and sparklines."""
    out = [f"# {md_text(report.title)}", ""]
    out += [f"- {key}：{md_text(value)}" for key, value in report.facts]
    out += ["", f"## {report.heading('summary')}", "", md_text(report.summary), ""]
    if report.halfway:
        out += [md_text(report.halfway), ""]
    if report.since is not None:
        out += [f"## {report.heading('since')}", "", md_text(report.since.paragraph), ""]
        changes = tables.since(report)
        if changes is not None:
            out += [labels.SINCE_HINT, "", md_table(changes)]
    out += [f"## {report.heading('rollup')}", "", labels.ROLLUP_HINT, "", md_table(tables.rollup(report))]
    departments = tables.departments(report)
    if departments is not None:
        out += [f"## {report.heading('departments')}", "", labels.ROLLUP_HINT, "", md_table(departments)]
    out += [f"## {report.heading('lagging')}", ""]
    if report.lagging:
        out += [labels.LAGGING_HINT, ""]
        out += [labels.PROJECTION_HINT, ""] if report.projecting else []
        out += [md_table(tables.lagging(report))]
    else:
        out += [labels.NONE_LAGGING, ""]
    out += [f"## {report.heading('actions')}", ""]
    for section in report.sections:
        out += _section(report, section)
    out += [f"## {report.heading('notes')}", "", f"### {labels.NO_DATA}", ""]
    out += _table_or(tables.no_data(report), labels.ALL_HAVE_DATA)
    out += [f"### {labels.FRESHNESS}", "", md_table(tables.freshness(report))]
    out += [f"### {labels.SOURCES}", ""]
    out += _table_or(tables.sources(report), labels.NO_RECORDS_THIS_PERIOD)
    out += [f"### {labels.METHOD}", ""]
    out += [f"{n}. {md_text(note)}" for n, note in enumerate(report.notes, 1)]
    return "\n".join(out) + "\n"


def _table_or(table: Table | None, otherwise: str) -> list[str]:
    return [md_table(table)] if table is not None else [otherwise, ""]


def _section(report: Report, section: Section) -> list[str]:
    action = section.action
    title = labels.SECTION.format(ordinal=chinese_ordinal(section.number), title=md_text(action.title))
    out = [f"### {title}", "", *([f"**{md_text(action.theme)}**", ""] if action.theme else [])]
    numeric, milestones = tables.targets(section, sparklines=True), tables.milestones(section)
    if numeric is not None:
        out.append(md_table(numeric))
    if milestones is not None:
        out += [labels.MILESTONES_LEAD, "", md_table(milestones)]
    if numeric is None and milestones is None:
        out += [labels.NO_TARGETS_THIS_PERIOD, ""]
    return out
