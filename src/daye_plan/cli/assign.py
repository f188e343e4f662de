"""The `assign` command: the 责任分工 sheet out (牵头单位, 责任单位, 报送频次 per indicator), and a filled one back in."""

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import YearOption, app, handled, load, plan_dir, root, write
from daye_plan.cli.complete import complete_action
from daye_plan.cli.output import ForceOption, check_out, write_out
from daye_plan.i18n import _
from daye_plan.model.errors import UsageError, display_path


class AssignFormat(enum.StrEnum):
    xlsx = "xlsx"
    csv = "csv"


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
    file: Annotated[
        Path | None, typer.Argument(help=_("A filled 责任分工 sheet to bring in: .xlsx, or .csv in UTF-8 or GB18030."))
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=_("Write the sheet to this file (.xlsx, or .csv; never under plans/ or .git/)."),
        ),
    ] = None,
    fmt: Annotated[
        AssignFormat | None,
        typer.Option("--format", "-f", help=_("xlsx or csv (default: by --out's name; csv without --out prints it).")),
    ] = None,
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
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan assign --help`.
    if file is not None:
        if out is not None or fmt is not None or action is not None:
            raise UsageError(_("FILE brings a sheet in; --out, --format and --action write one: give one or the other"))
        _bring_in(file, dry_run)
        return
    if dry_run:
        raise UsageError(_("--dry-run is for bringing a sheet in: give its FILE"))
    if out is None and fmt is not AssignFormat.csv:
        raise UsageError(
            _("give a filled sheet to bring in (daye-plan assign 责任分工.xlsx), or --out FILE to write one")
        )
    _write_sheet(out, fmt, force, action)


def _write_sheet(out: Path | None, fmt: "AssignFormat | None", force: bool, action: str | None) -> None:
    from daye_plan.model import catalog
    from daye_plan.ops import duties
    from daye_plan.present import duties as sheet

    suffix = out.suffix.lower() if out is not None else ""
    if fmt is None:
        fmt = AssignFormat.csv if suffix == ".csv" else AssignFormat.xlsx
    if out is not None and suffix in (".xlsx", ".csv") and suffix != f".{fmt.value}":
        raise UsageError(
            _("--out {path}: a {suffix} name for --format {format}; name it .{format}").format(
                path=out, suffix=suffix, format=fmt.value
            )
        )
    plan = load()
    actions = catalog.select_actions(plan, action)
    project = root().resolve()
    target = check_out(project, out, force, _("the sheet")) if out is not None else None
    rows = duties.duties(plan, actions)
    if fmt is AssignFormat.csv:
        text = sheet.csv_text(rows)
        if target is None:
            write(text)
            return
        data = "\ufeff".encode() + text.encode("utf-8")  # Excel on a Chinese Windows reads it as UTF-8
    else:
        data = sheet.xlsx_bytes(plan, rows)
    assert target is not None
    write_out(project, target, data, replace=force)
    typer.echo(_("wrote {path}: {count} indicators").format(path=display_path(target), count=len(rows)))


def _bring_in(file: Path, dry_run: bool) -> None:
    from daye_plan.ops import assign as assigning
    from daye_plan.present import duties as sheet

    plan = load()
    project = root().resolve()
    found = assigning.prepare(plan, plan_dir(), project, file)
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


__all__ = ["AssignFormat", "assign"]
