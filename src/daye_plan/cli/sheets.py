"""Commands for departments' fill-in sheets and for plan revisions: template, import, diff."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from daye_plan.cli.app import app, handled, show
from daye_plan.cli.commits import check_commit, commit_written, committing
from daye_plan.cli.complete import complete_action
from daye_plan.cli.context import Project, project
from daye_plan.cli.options import ForceOption, Format, LeadOption, OutOption, RegionOption, YearOption, format_option
from daye_plan.cli.output import Output, chosen_format, is_stdout
from daye_plan.i18n import _, listing, ngettext
from daye_plan.model.errors import UsageError, display_path

if TYPE_CHECKING:
    from daye_plan.model.plan import Plan
    from daye_plan.ops.sheets import Batch

SHEETS = [Format.xlsx, Format.csv]
DIFFS = [Format.table, Format.json, Format.md]


@app.command(
    "template",
    help=_(
        "Write a fill-in sheet for departments: one sheet per action, one row per target.\n"
        "\n"
        "XLSX: a 说明 sheet, then one protected sheet per action with the targets, the latest recorded "
        "figure, and yellow cells to fill in (填报数值, 填报单位 from a list, 截至日期, 来源, 备注). "
        "CSV: the same columns after a 行动 column, 截至日期 filled in. With --lead, one department's "
        "sheet: only the indicators it leads (牵头单位), from every action.\n"
        "\n"
        "Example: daye-plan template --action 招商引资 --as-of 3月31日 --out 招商引资-3月.xlsx\n"
        "Example: daye-plan template --lead 市招商服务中心 --as-of 6月30日"
    ),
)
@handled
def template(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Option(
            "--action", "-a", help=_("Only this action (default: all, one sheet each)."), autocompletion=complete_action
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=_("Date the figures are for, kept in the sheet (default: today)."))
    ] = None,
    fmt: Annotated[str | None, format_option(*SHEETS, about=_("- as --out prints the CSV."))] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help=_("A .xlsx or .csv file, or - for CSV on stdout (default: <行动>-<YYYY-MM>.xlsx).")
        ),
    ] = None,
    force: ForceOption = False,
    year: YearOption = None,
    region: RegionOption = None,
    lead: LeadOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan template --help`.
    from daye_plan.cli.output import check_out
    from daye_plan.cli.report import file_word
    from daye_plan.model import catalog
    from daye_plan.ops import sheets
    from daye_plan.present import template as template_files

    here = project(ctx, year=year, region=region, as_of=as_of)
    plan = here.plan
    actions = catalog.select_actions(plan, action)
    chosen = catalog.find_lead(plan, lead) if lead is not None else None
    day = _template_date(plan, as_of)
    root = here.root.resolve()
    printed = is_stdout(out)
    written = check_out(root, out, force, _("the sheet"), filled=True) if out is not None and not printed else None
    sheet_format = Format.csv if printed and fmt is None else chosen_format(out, fmt, SHEETS)
    if out is None:
        named = file_word(chosen) if chosen else actions[0].name if action else _("all actions")
        out = Path(f"{named}-{day:%Y-%m}.{sheet_format.value}")
        written = check_out(root, out, force, _("the sheet"), filled=True)
    output = Output(sheet_format, root, written, force=force)
    rows = sheets.template_rows(plan, here.plan_dir, actions, day)
    if chosen is not None:
        rows = [row for row in rows if row.target.lead == chosen]
        if not rows:
            raise UsageError(
                _("--lead {lead}: leads no target of {actions}").format(
                    lead=chosen, actions=listing([a.name for a in actions])
                )
            )
    if sheet_format is Format.csv:
        text = template_files.csv_text(rows, day)
        output.write(text if printed else text.encode("utf-8-sig"), announce=False)  # Excel reads a file's BOM
    else:
        output.write(template_files.xlsx_bytes(plan, rows, day), announce=False)
    if printed:
        return
    fill = sum(row.fillable for row in rows)
    shown = len({row.action.id for row in rows})
    targets = ngettext("{count} target", "{count} targets", len(rows)).format(count=len(rows))
    actions_shown = ngettext("{count} action", "{count} actions", shown).format(count=shown)
    typer.echo(
        _("wrote {path}: {targets} of {actions}, {fill} to fill in, as of {date}").format(
            path=out, targets=targets, actions=actions_shown, fill=fill, date=day
        )
    )


def _template_date(plan: "Plan", as_of: str | None) -> dt.date:
    from daye_plan.ops import entry

    return entry.judgement_day(as_of, plan.meta.year)


@app.command(
    "import",
    help=_(
        "Import a filled sheet, all or nothing: every row is checked by `record`'s rules first.\n"
        "\n"
        "Problems print as FILE:sheet:row: message, every one of them, and then nothing is written. "
        "A figure that looks like a slip is one, unless its row says 是 in the 确认 column or "
        "--confirm confirms the whole sheet. Rows left empty are skipped; a row identical to the "
        "latest record for its indicator and date is not recorded again, so importing the same "
        "sheet twice records nothing new.\n"
        "\n"
        "Example: daye-plan import 招商引资-3月.xlsx --dry-run"
    ),
)
@handled
def import_sheet(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=_("The filled sheet: .xlsx, or .csv in UTF-8 or GB18030."))],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=_("Date for rows with an empty 截至日期 (default: the sheet's own)."))
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help=_("Who records (default: git user.name, else login)."))] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Check every row, show what would be recorded, write nothing."))
    ] = False,
    commit: Annotated[
        bool, typer.Option("--commit", help=_("Commit the changed stores to git: one commit per import."))
    ] = False,
    year: YearOption = None,
    region: RegionOption = None,
    confirm: Annotated[
        bool,
        typer.Option(
            "--confirm", help=_("Record every figure of the sheet that looks like a slip; each confirmation is listed.")
        ),
    ] = False,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan import --help`.
    from daye_plan.ops import entry, importing, vetting
    from daye_plan.storage import actuals
    from daye_plan.storage import git as audit

    if dry_run and commit:
        raise UsageError(_("--dry-run and --commit exclude each other"))
    here = project(ctx, year=year, region=region, as_of=as_of)
    plan = here.plan
    root = here.root
    if commit:
        check_commit(root, [])
    day = entry.check_date(entry.parse_date(as_of, year=plan.meta.year), plan.meta.year) if as_of else None
    recorder = by if by is not None else audit.recorder(root)
    try:
        batch = importing.prepare(plan, here.plan_dir, file, as_of=day, by=recorder, confirm=confirm)
    except vetting.Implausible as exc:
        hint = _("if the figures are right, put 是 in their 确认 column, or import the sheet with --confirm")
        raise UsageError("\n".join([str(exc), hint])) from None
    for line in batch.confirmations():
        typer.echo(_("confirmed: {line}").format(line=line))
    if dry_run:
        _dry_run(batch)
    elif not batch.new:
        typer.echo(
            _("nothing new in {file}: {skipped}; nothing was recorded").format(file=file, skipped=batch.skipped())
        )
    else:
        stores = [actuals.path_for(here.plan_dir, action_id) for action_id in batch.stores]
        if commit:
            check_commit(root, stores)
        with committing(root, stores, commit):  # with --commit: one commit at a time, each of its own records
            _write(here, batch, commit)


def _write(here: Project, batch: "Batch", commit: bool) -> None:
    """Write an import (what an import that finished meanwhile stored already is left out), and commit it."""
    from dataclasses import replace

    from daye_plan.ops import importing

    written = importing.write(here.plan_dir, batch)
    stored = [record for found in written.values() for record in found.records]
    done = replace(
        batch,
        new=[p for p in batch.new if p.actual in stored],
        unchanged=batch.unchanged + len(batch.new) - len(stored),
    )
    if not done.new:
        typer.echo(
            _("nothing new in {file}: {skipped}; nothing was recorded").format(
                file=batch.source, skipped=done.skipped()
            )
        )
        return
    typer.echo(_("imported {summary} ({skipped})").format(summary=done.summary(), skipped=done.skipped()))
    if commit:
        lines = {path: found.data for path, found in written.items() if found.records}
        message = f"import {done.summary()}"  # the commit's, kept as it is
        said = _("imported {summary} into {paths}").format(
            summary=done.summary(), paths=listing([display_path(p) for p in lines])
        )
        committed = commit_written(here.root, lines, message, said)
        typer.echo(_("committed {commit}: {message}").format(commit=committed, message=message))


def _dry_run(batch: "Batch") -> None:
    if batch.new:
        from daye_plan.present import changes, terminal

        show(terminal.page([changes.import_preview(batch)]))
        typer.echo(
            _("dry run: would import {summary} ({skipped}); nothing was written").format(
                summary=batch.summary(), skipped=batch.skipped()
            )
        )
    else:
        typer.echo(_("dry run: nothing new in {file}: {skipped}").format(file=batch.source, skipped=batch.skipped()))


@app.command(
    "diff",
    help=_(
        "List what changed in the targets between a git revision and the working tree (目标调整).\n"
        "\n"
        "Added, removed and changed targets — value, comparator, unit, 确保/力争 level, kind or wording — "
        "with the old and the new quote; `--format md` is ready for a pull request.\n"
        "\n"
        "Example: daye-plan diff HEAD~1 --format md"
    ),
)
@handled
def diff(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help=_("Git revision to compare the working tree with."))] = "HEAD",
    fmt: Annotated[str | None, format_option(*DIFFS)] = None,
    out: OutOption = None,
    force: ForceOption = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help=_("Exit 1 when targets changed, like git diff."))
    ] = False,
    year: YearOption = None,
    region: RegionOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan diff --help`.
    from daye_plan.ops import diff as plandiff
    from daye_plan.present import changes
    from daye_plan.present.formats import View
    from daye_plan.storage.plans import load_plan_at

    here = project(ctx, year=year, region=region)
    output = Output.chosen(here.root.resolve(), fmt, out, force, DIFFS)
    changed = plandiff.compare(load_plan_at(here.root, here.plan_dir, revision), here.plan)
    heading = _("{revision} → working tree: {summary}").format(revision=revision, summary=plandiff.summary(changed))
    if changed or output.format is Format.json:
        table = changes.diff_table(heading, changed)
        output.emit(View(lambda: [table], table=lambda: table, records=lambda: changes.diff_records(changed)))
    else:
        typer.echo(_("no target changes between {revision} and the working tree").format(revision=revision))
    if exit_code and changed:
        raise typer.Exit(1)
