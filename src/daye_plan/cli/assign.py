"""The `assign` command: the 责任分工 sheet out (牵头单位, 责任单位, 报送频次 per indicator), and a filled one back in."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled
from daye_plan.cli.complete import complete_action
from daye_plan.cli.context import Project, project
from daye_plan.cli.options import ForceOption, Format, OutOption, RegionOption, YearOption, format_option
from daye_plan.cli.output import BOM, Output
from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path

SHEETS = [Format.xlsx, Format.csv]


@app.command(
    "assign",
    help=_(
        "The 责任分工 sheet: who leads (牵头单位), who shares (责任单位) and how often (报送频次) each indicator is reported.\n"
        "\n"
        "With --out, write the sheet: one row per indicator with 行动, 指标ID and 指标 (locked), and "
        "牵头单位, 责任单位 and 报送频次 (月/季/半年/年/一次, from a list) as the plan has them, those "
        "inherited from the action or the plan in grey italics. With FILE, bring a filled sheet "
        "(.xlsx or .csv) into the plan files: every cell is checked first, and any problem is listed "
        "at FILE:sheet:row with nothing changed; an empty cell leaves the plan as it is.\n"
        "\n"
        "Example: daye-plan assign --out 责任分工.xlsx\n"
        "Example: daye-plan assign 责任分工.xlsx --dry-run"
    ),
)
@handled
def assign(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help=_("A filled 责任分工 sheet to bring in: .xlsx, or .csv in UTF-8 or GB18030."))
    ] = None,
    out: OutOption = None,
    fmt: Annotated[str | None, format_option(*SHEETS, about=_("csv without --out prints it."))] = None,
    force: ForceOption = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Check the sheet and list what would change, old → new; write nothing."))
    ] = False,
    action: Annotated[
        str | None,
        typer.Option(
            "--action",
            "-a",
            help=_("Only this action's indicators in the sheet (default: all)."),
            autocompletion=complete_action,
        ),
    ] = None,
    year: YearOption = None,
    region: RegionOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan assign --help`.
    here = project(ctx, year=year, region=region)
    if file is not None:
        if out is not None or fmt is not None or action is not None:
            raise UsageError(_("FILE brings a sheet in; --out, --format and --action write one: give one or the other"))
        _bring_in(here, file, dry_run)
        return
    if dry_run:
        raise UsageError(_("--dry-run is for bringing a sheet in: give its FILE"))
    if out is None and fmt != Format.csv.value:
        raise UsageError(
            _("give a filled sheet to bring in (daye-plan assign 责任分工.xlsx), or --out FILE to write one")
        )
    output = Output.chosen(here.root.resolve(), fmt, out, force, SHEETS, what=_("the sheet"))
    _write_sheet(here, output, action)


def _write_sheet(here: Project, output: Output, action: str | None) -> None:
    from daye_plan.model import catalog
    from daye_plan.ops import duties
    from daye_plan.present import duties as sheet

    plan = here.plan
    rows = duties.duties(plan, catalog.select_actions(plan, action))
    if output.format is Format.csv:
        text = sheet.csv_text(rows)  # a file starts with a BOM: Excel on a Chinese Windows then reads UTF-8
        output.write(text if output.target is None else BOM + text.encode("utf-8"), announce=False)
    else:
        output.write(sheet.xlsx_bytes(plan, rows), announce=False)
    if output.target is not None:
        typer.echo(_("wrote {path}: {count} indicators").format(path=display_path(output.target), count=len(rows)))


def _bring_in(here: Project, file: Path, dry_run: bool) -> None:
    from daye_plan.ops import assign as assigning
    from daye_plan.present import duties as sheet

    plan = here.plan
    project = here.root.resolve()
    found = assigning.prepare(plan, here.plan_dir, project, file)
    for warning in found.warnings:
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    for line in sheet.change_lines(found.changes):
        typer.echo(line)
    if not found.changes:
        typer.echo(_("nothing to change: {file} says what the plan says").format(file=display_path(file)))
        return
    if dry_run:
        typer.echo(_("dry run: would make {summary}; nothing was written").format(summary=found.summary()))
        return
    assigning.write(project, found)
    typer.echo(_("changed the plan: {summary}").format(summary=found.summary()))


__all__ = ["assign"]
