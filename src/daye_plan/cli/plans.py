"""Commands that read the plan itself: validate, targets, schema."""

import json
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled, write
from daye_plan.cli.context import project
from daye_plan.cli.options import (
    ActionOption,
    ForceOption,
    Format,
    OutOption,
    PeriodOption,
    RegionOption,
    YearOption,
    format_option,
)
from daye_plan.cli.output import Output
from daye_plan.i18n import _, ngettext

LISTS = [Format.table, Format.json, Format.csv, Format.md]  # what a listing is written as


@app.command(
    "validate",
    help=_(
        "Check every plan file and every actuals store; print `ok: …` or one problem per line.\n"
        "\n"
        "Problems print as `path:line:col: message`. Exit 0 when all is valid, 1 when a file has problems. "
        "Stored figures that look like slips, and that nobody confirmed, print as warnings "
        "(`path:line: warning: [check] …`); they fail only with --strict.\n"
        "\n"
        "Example: daye-plan validate --repair"
    ),
)
@handled
def validate(
    ctx: typer.Context,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair", help=_("Move an incomplete last line of a store (from a crash) into <store>.rejected.")
        ),
    ] = False,
    year: YearOption = None,
    region: RegionOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=_("Exit 1 on warnings too: stored figures that look like slips."))
    ] = False,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan validate --help`.
    from daye_plan.model.errors import PlanInvalid
    from daye_plan.ops import tracking, vetting
    from daye_plan.storage import actuals, inforce
    from daye_plan.storage.plans import load_plan

    folder = project(ctx, year=year, region=region).plan_dir
    try:
        plan = load_plan(folder)
        if repair:
            for action in plan.actions:
                moved = actuals.repair(actuals.path_for(folder, action.id))
                if moved:
                    typer.echo(_("repaired: {path}").format(path=moved))
        ledgers: dict[str, actuals.Ledger] = {}
        records, problems = tracking.check_stores(plan, folder, ledgers)
        if problems:
            raise PlanInvalid(problems)
    except PlanInvalid as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        count = len(exc.problems)
        typer.echo(ngettext("{count} problem found", "{count} problems found", count).format(count=count), err=True)
        raise typer.Exit(1) from None
    doubts: list[object] = [*vetting.stored_doubts(plan, ledgers)]
    for action in plan.actions:  # orders of two different figures that only their lines decided
        if action.id in ledgers:
            doubts += inforce.tie_warnings(ledgers[action.id].path, ledgers[action.id].ties, action)
    for doubt in doubts:
        typer.echo(str(doubt))
    counts = {
        "actions": ngettext("{count} action", "{count} actions", len(plan.actions)).format(count=len(plan.actions)),
        "indicators": ngettext("{count} indicator", "{count} indicators", plan.indicator_count).format(
            count=plan.indicator_count
        ),
        "targets": ngettext("{count} target", "{count} targets", plan.target_count).format(count=plan.target_count),
        "actuals": ngettext("{count} actual", "{count} actuals", records).format(count=records),
    }
    if doubts:
        warnings = ngettext("{count} warning", "{count} warnings", len(doubts)).format(count=len(doubts))
        typer.echo(
            _("ok: {actions}, {indicators}, {targets}, {actuals}, {warnings}").format(**counts, warnings=warnings)
        )
    else:
        typer.echo(_("ok: {actions}, {indicators}, {targets}, {actuals}").format(**counts))
    if strict and doubts:
        raise typer.Exit(1)


@app.command(
    "targets",
    help=_("List the plan's targets, grouped by action.\n\nExample: daye-plan targets --action 招商引资 --format json"),
)
@handled
def targets(
    ctx: typer.Context,
    action: ActionOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str | None, format_option(*LISTS)] = None,
    out: OutOption = None,
    force: ForceOption = False,
    year: YearOption = None,
    region: RegionOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan targets --help`.
    from daye_plan.model import catalog
    from daye_plan.present import views
    from daye_plan.present.formats import View

    here = project(ctx, year=year, region=region)
    output = Output.chosen(here.root.resolve(), fmt, out, force, LISTS)
    plan = here.plan
    rows = catalog.target_rows(plan, catalog.select_actions(plan, action), catalog.check_period(plan, period))
    output.emit(
        View(
            lambda: views.targets_by_action(plan, rows),
            table=lambda: views.targets_table(rows),
            records=lambda: views.target_records(rows),
        )
    )


@app.command(
    "schema",
    help=_(
        "Print the JSON Schema of the plan files, for editors and CI.\n\nExample: daye-plan schema > plan.schema.json"
    ),
)
@handled
def schema() -> None:
    # The help above is the command's docstring, translated: see `daye-plan schema --help`.
    from daye_plan.model.plan import json_schema

    write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
