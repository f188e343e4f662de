"""The `report` command: judge one period at one date and write the report file.

The default file is under `reports/` in the project root; `--out` may name another, inside the
project or outside it (a shared drive), but never the project's own data (`plans/`, `.git/`),
and never an existing file without `--force` (`cli.output`); `--out -` prints it. The writing is
`storage.files.write_whole`'s.
"""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled
from daye_plan.cli.context import project
from daye_plan.cli.options import AsOfOption, ForceOption, Format, LeadOption, RegionOption, YearOption, format_option
from daye_plan.cli.output import Output, check_out, chosen_format, is_stdout
from daye_plan.i18n import _
from daye_plan.model.errors import UsageError

REPORTS = [Format.md, Format.html, Format.docx]


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
        "Example: daye-plan report --as-of 6月30日 --format docx --issuer 市发改局 --number 市发改〔2024〕12号 "
        "--date 2024-07-05"
    ),
)
@handled
def report(
    ctx: typer.Context,
    period: Annotated[
        str | None, typer.Option("--period", "-p", help=_("A period id of the plan (default: its year, 全年)."))
    ] = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        str | None,
        format_option(*REPORTS, about=_("docx: the 通报 in 公文 form, for circulating (see --data-report).")),
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
    region: RegionOption = None,
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
            "--number", help=_("The 通报's 文号, e.g. 市发改〔2024〕12号 (default: bulletin.number in plan.yaml).")
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

    here = project(ctx, year=year, region=region, as_of=as_of)
    root = here.root.resolve()
    written = check_out(root, out, force, _("the report")) if out is not None and not is_stdout(out) else None
    chosen_fmt = chosen_format(out, fmt, REPORTS)
    plan = here.plan
    period = catalog.check_period(plan, period) or plan.meta.main_period
    chosen = catalog.find_lead(plan, lead) if lead is not None else None
    day = entry.judgement_day(as_of, plan.meta.year)
    earlier = _since(since, day, plan.meta.year) if since is not None else None
    sending = _sending(chosen_fmt, data_report, issuer, number, to, date, day)
    name = f"{plan.meta.year}-{period}-{day.isoformat()}" + (f"-{file_word(chosen)}" if chosen else "")
    if out is None:  # the report's own place, replaced if it exists
        output = Output(chosen_fmt, root, root / "reports" / f"{name}.{chosen_fmt.value}", force=True)
    else:
        output = Output(chosen_fmt, root, written, force=force)
    snap = tracking.snapshot(plan, here.plan_dir, plan.actions, period, day, keep_records=True, lead=chosen)
    built = reports.build(snap, period, earlier)
    if sending is None:
        output.write(reports.FILES[chosen_fmt.value](built))
    else:
        output.write(reports.write_bulletin(built, reports.Sending.of(plan.meta.bulletin, *sending)))


def _sending(
    fmt: Format,
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

    bulletin = fmt is Format.docx and not data_report
    if data_report and fmt is not Format.docx:
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
