"""Commands that read the plan itself: validate, targets, schema."""

import enum
import json
from typing import Annotated

import typer

from daye_plan.cli.app import YearOption, app, handled, load, plan_dir, show, write
from daye_plan.cli.complete import complete_action


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


ActionOption = Annotated[
    str | None,
    typer.Option(
        "--action",
        "-a",
        help="Action id, short name (招商引资) or title (招商引资行动).",
        autocompletion=complete_action,
    ),
]
PeriodOption = Annotated[
    str | None, typer.Option("--period", "-p", help="Only this period: an id of the plan's periods (see plan.yaml).")
]


@app.command()
@handled
def validate(
    repair: Annotated[
        bool,
        typer.Option("--repair", help="Move an incomplete last line of a store (from a crash) into <store>.rejected."),
    ] = False,
    year: YearOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too: stored figures that look like slips.")
    ] = False,
) -> None:
    """Check every plan file and every actuals store; print `ok: …` or one problem per line.

    Problems print as `path:line:col: message`. Exit 0 when all is valid, 1 when a file has problems.
    Stored figures that look like slips, and that nobody confirmed, print as warnings
    (`path:line: warning: [check] …`); they fail only with --strict.

    Example: daye-plan validate --repair
    """
    from daye_plan.model.errors import PlanInvalid
    from daye_plan.ops import tracking, vetting
    from daye_plan.storage import actuals
    from daye_plan.storage.plans import load_plan

    folder = plan_dir()
    try:
        plan = load_plan(folder)
        if repair:
            for action in plan.actions:
                moved = actuals.repair(actuals.path_for(folder, action.id))
                if moved:
                    typer.echo(f"repaired: {moved}")
        ledgers: dict[str, actuals.Ledger] = {}
        records, problems = tracking.check_stores(plan, folder, ledgers)
        if problems:
            raise PlanInvalid(problems)
    except PlanInvalid as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found", err=True)
        raise typer.Exit(1) from None
    doubts = vetting.stored_doubts(plan, ledgers)
    for doubt in doubts:
        typer.echo(str(doubt))
    warned = f", {len(doubts)} warning{'s' if len(doubts) != 1 else ''}" if doubts else ""
    typer.echo(
        f"ok: {len(plan.actions)} actions, {plan.indicator_count} indicators, {plan.target_count} targets, "
        f"{records} actuals{warned}"
    )
    if strict and doubts:
        raise typer.Exit(1)


@app.command()
@handled
def targets(
    action: ActionOption = None,
    period: PeriodOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, json, csv or md.")] = ListFormat.table,
    year: YearOption = None,
) -> None:
    """List the plan's targets, grouped by action.

    Example: daye-plan targets --action 招商引资 --format json
    """
    from daye_plan.model import catalog
    from daye_plan.present import export, views

    plan = load()
    rows = catalog.target_rows(plan, catalog.select_actions(plan, action), catalog.check_period(plan, period))
    if fmt is ListFormat.json:
        write(export.to_json(views.target_records(rows)))
    elif fmt is ListFormat.csv:
        write(export.to_csv(views.target_records(rows)))
    elif fmt is ListFormat.md:
        from daye_plan.present import markdown

        write(markdown.table(views.targets_table(rows)))
    else:
        from daye_plan.present import terminal

        show(terminal.page(views.targets_by_action(plan, rows)))


@app.command()
@handled
def schema() -> None:
    """Print the JSON Schema of the plan files, for editors and CI.

    Example: daye-plan schema > plan.schema.json
    """
    from daye_plan.model.plan import json_schema

    write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
