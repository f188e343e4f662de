"""The `report` command: judge one period at one date and write the report file.

The default file is under `reports/` in the project root; `--out` may name another, inside the
project or outside it (a shared drive), but never the project's own data (`plans/`, `.git/`),
and never an existing file without `--force` (`cli.output`); `--out -` prints it. The writing is
`storage.files.write_whole`'s.
"""

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import YearOption, app, handled, load, plan_dir, root
from daye_plan.cli.output import ForceOption, check_out, choose_format, is_stdout, write_bytes, write_out
from daye_plan.cli.progress import AsOfOption, LeadOption
from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path


class ReportFormat(enum.StrEnum):
    md = "md"
    html = "html"
    docx = "docx"


REPORT_FILES = {
    ".md": ReportFormat.md,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".docx": ReportFormat.docx,
}


@app.command(
    "report",
    help=_(
        "Write a report the supervision office can circulate: summary, 较上期, roll-ups, 排名, lagging targets, "
        "every action; as Word, the 通报 in 公文 form (GB/T 9704).\n"
        "\n"
        "The same data and date give the same bytes, so `git diff reports/` shows what changed. A report "
        "as of 06-30 or 09-30 on a year-long period is a 上半年 / 前三季度 report (双过半 at mid-year).\n"
        "\n"
        "Example: daye-plan report --period q1 --as-of 3月31日 --format html\n"
        "Example: daye-plan report --as-of 6月30日 --since 3月31日 --lead 市招商服务中心\n"
        "Example: daye-plan report --as-of 6月30日 --format docx --issuer 市发改局 --number 冶发改〔2023〕12号 "
        "--date 2023-07-05"
    ),
)
@handled
def report(
    period: Annotated[
        str | None, typer.Option("--period", "-p", help=_("A period id of the plan (default: its year, 全年)."))
    ] = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "md, html or docx (the 通报 in 公文 form, for circulating; see --data-report); default: what "
                "--out's extension names, else md."
            ),
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=_(
                "File to write, relative to the current folder; never under plans/ or .git/; - for the screen "
                "(default: reports/<year>-<period>-<as-of>.<format> under the project root, replaced if it exists)."
            ),
        ),
    ] = None,
    force: ForceOption = False,
    year: YearOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help=_(
                "Compare with this earlier date, YYYY-MM-DD (较上期; default: the last day with data before "
                "the --as-of date's month)."
            ),
        ),
    ] = None,
    lead: LeadOption = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer", help=_("The 通报's 发文机关, signed under it (default: bulletin.issuer in plan.yaml).")
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option(
            "--number", help=_("The 通报's 文号, e.g. 冶发改〔2023〕12号 (default: bulletin.number in plan.yaml).")
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help=_("The 通报's 主送, e.g. 各乡镇（街道、区），市直各部门 (default: bulletin.to in plan.yaml).")
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help=_("The 通报's 成文日期, YYYY-MM-DD, on or after --as-of (default: today).")),
    ] = None,
    data_report: Annotated[
        bool,
        typer.Option(
            "--data-report",
            help=_("With --format docx: the data report (every table, as md and html have them) instead of the 通报."),
        ),
    ] = False,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan report --help`.
    from daye_plan.model import catalog
    from daye_plan.ops import entry, tracking
    from daye_plan.present import report as reports

    fmt = choose_format(out, fmt, REPORT_FILES, ReportFormat.md)
    plan = load()
    period = catalog.check_period(plan, period) or plan.meta.main_period
    chosen = catalog.find_lead(plan, lead) if lead is not None else None
    day = entry.judgement_day(as_of, plan.meta.year)
    earlier = _since(since, day, plan.meta.year) if since is not None else None
    sending = _sending(fmt, data_report, issuer, number, to, date, day)
    project = root().resolve()
    name = f"{plan.meta.year}-{period}-{day.isoformat()}" + (f"-{file_word(chosen)}" if chosen else "")
    default = project / "reports" / f"{name}.{fmt.value}"
    printed = is_stdout(out)
    target = check_out(project, out, force, _("the report")) if out is not None and not printed else default
    snap = tracking.snapshot(plan, plan_dir(), plan.actions, period, day, keep_records=True, lead=chosen)
    built = reports.build(snap, period, earlier)
    if sending is None:
        data = reports.FILES[fmt.value](built)
    else:
        data = reports.write_bulletin(built, reports.Sending.of(plan.meta.bulletin, *sending))
    if printed:
        write_bytes(data)
        return
    write_out(project, target, data, replace=force or out is None)
    typer.echo(_("wrote {path}").format(path=display_path(target)))


def _sending(
    fmt: ReportFormat,
    data_report: bool,
    issuer: str | None,
    number: str | None,
    to: str | None,
    date: str | None,
    day: dt.date,
) -> tuple[dt.date, str | None, str | None, str | None] | None:
    """The 通报's date and the sender's options, when the report is the 通报 (Word, not the data report);
    None otherwise, where those options are refused."""
    from daye_plan.ops import entry

    bulletin = fmt is ReportFormat.docx and not data_report
    if data_report and fmt is not ReportFormat.docx:
        raise UsageError(_("--data-report: only with --format docx (md and html are data reports)"))
    given = {"--issuer": issuer, "--number": number, "--to": to, "--date": date}
    for option, value in given.items():
        if value is not None and not bulletin:
            raise UsageError(
                _("{option}: only for the 通报 (--format docx without --data-report)").format(option=option)
            )
        if value is not None and option != "--date":
            entry.check_text(value, argument=option[2:])
            if not value.strip():
                raise UsageError(_("{option}: empty; leave it out for a blank to fill").format(option=option))
    if not bulletin:
        return None
    signed = entry.today() if date is None else entry.parse_date(date, argument="date")
    if signed < day:
        message = _("--date {date}: before the report's date {as_of}; a 通报 is dated on or after it")
        raise UsageError(message.format(date=signed.isoformat(), as_of=day.isoformat()))
    return signed, issuer, number, to


def _since(text: str, day: dt.date, year: int) -> dt.date:
    """`--since`: a date of the plan year before the report's own."""
    from daye_plan.ops import entry

    earlier = entry.judgement_day(text, year, "--since")
    if earlier >= day:
        raise UsageError(_("--since {since}: must be before the report's date {date}").format(since=earlier, date=day))
    return earlier


def file_word(text: str) -> str:
    """A department's name as part of a file name: characters a file name cannot hold become `_`."""
    return "".join("_" if char in '/\\:*?"<>|' or not char.isprintable() or char.isspace() else char for char in text)
