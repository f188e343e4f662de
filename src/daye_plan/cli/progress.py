"""Commands that record actuals and show progress: record, status, history."""

from typing import TYPE_CHECKING, Annotated

import typer

from daye_plan.cli.app import app, check_commit, commit_written, handled, load, plan_dir, root, show, write
from daye_plan.cli.complete import complete_action, complete_indicator
from daye_plan.cli.plans import ActionOption, ListFormat, PeriodOption

if TYPE_CHECKING:
    from daye_plan.ops.tracking import Snapshot

AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Judge progress at this date, YYYY-MM-DD (default: today, within the plan year)."),
]


@app.command(context_settings={"ignore_unknown_options": True})  # VALUE may be negative: -3.5
@handled
def record(
    action: Annotated[
        str, typer.Argument(help="Action: id, short name (招商引资) or title.", autocompletion=complete_action)
    ],
    indicator: Annotated[
        str, typer.Argument(help="Indicator: id or exact Chinese name.", autocompletion=complete_indicator)
    ],
    value: Annotated[
        str,
        typer.Argument(help="The figure (year-to-date for cumulative indicators: 50, 280亿, 3500000万), or `done`."),
    ],
    as_of: Annotated[
        str, typer.Option("--as-of", help="The date the figure is for: YYYY-MM-DD, 6月30日, or 6月 for its last day.")
    ],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Unit of VALUE if not the indicator's (万元, 斤, ...).")
    ] = None,
    source: Annotated[str, typer.Option("--source", "-s", help="Where the figure comes from.")] = "",
    note: Annotated[str, typer.Option("--note", "-n", help="A remark kept with the record.")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who records (default: git user.name, else login).")] = None,
    commit: Annotated[bool, typer.Option("--commit", help="Commit the changed store to git.")] = False,
    confirm: Annotated[
        bool,
        typer.Option("--confirm", help="Record a figure that looks like a slip; the confirmation is kept with it."),
    ] = False,
) -> None:
    """Record an actual figure; a later record for the same indicator and date supersedes it.

    A figure that looks like a slip (a fraction for a percent, a year-to-date figure below an
    earlier one, far from its target or previous figure in size, a fractional count) is refused
    with the likely mistake named, unless --confirm is given.

    Example: daye-plan record 招商引资 新签约亿元以上项目 50 --as-of 2023-03-31 --source 市招商服务中心月报
    """
    from daye_plan.model import catalog, numbers
    from daye_plan.model.errors import UsageError, display_path
    from daye_plan.ops import entry, tracking, vetting
    from daye_plan.storage import actuals
    from daye_plan.storage import git as audit

    plan = load()
    named_action = catalog.find_action(plan, action)
    named = catalog.find_indicator(named_action, indicator)
    found_action, found = tracking.kept_with(plan, named_action, named)
    day = entry.parse_date(as_of, year=plan.meta.year)
    project = root()
    path = actuals.path_for(plan_dir(), found_action.id)
    if commit:
        check_commit(project, [path])
    actual = entry.make_actual(
        found,
        value,
        day,
        plan.meta.year,
        unit=unit,
        source=source,
        note=note,
        by=by if by is not None else audit.recorder(project),
    )
    try:
        actual = vetting.vet_record(plan, plan_dir(), found_action, found, actual, confirm=confirm)
    except vetting.Implausible as exc:
        raise UsageError(f"{exc}\nif the figure is right, record it again with --confirm") from None
    actuals.append(path, [actual])
    shown = "完成" if found.kind.value == "milestone" and actual.value else numbers.quantity(actual.value, found.unit)
    kept = "" if found is named else f"; kept with {found_action.name} · {found.name}, the same measure"
    confirmed = f"; confirmed: {', '.join(sorted(actual.confirmed))}" if actual.flags else ""
    typer.echo(
        f"recorded: {named_action.name} · {named.name} = {shown} as of {day} ({actual.entered}{confirmed}){kept}"
    )
    if commit:
        message = f"record {found_action.name} {found.name} = {shown} as of {day}"
        written = f"recorded {found.name} = {shown} as of {day} in {display_path(path)}"
        typer.echo(f"committed {commit_written(project, [path], message, written)}: {message}")


@app.command()
@handled
def status(
    action: ActionOption = None,
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    behind: Annotated[bool, typer.Option("--behind", help="Only targets with a yellow or red light.")] = False,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, json, csv or md.")] = ListFormat.table,
    missing: Annotated[
        bool,
        typer.Option(
            "--missing", help="List what is missing (未报送) or out of date (数据过期), per action and 牵头单位."
        ),
    ] = False,
) -> None:
    """Progress per target: actual, 完成率, 序时进度, 差距 and a red/yellow/green light.

    Marks (flags in JSON): 逾期完成/逾期未完成 for a checkpoint target reported after its end,
    未报送 for one never reported, 数据过期 for a figure older than the plan's cadence asks,
    已确认 for a figure confirmed when recorded.

    Example: daye-plan status --action 招商引资 --as-of 2023-03-31 --behind
    """
    from daye_plan.model import catalog
    from daye_plan.model.errors import UsageError
    from daye_plan.ops import entry, tracking
    from daye_plan.ops.progress import BEHIND
    from daye_plan.present import export, views

    if missing and behind:
        raise UsageError("--missing and --behind exclude each other")
    plan = load()
    actions = catalog.select_actions(plan, action)
    catalog.check_period(plan, period)
    day = entry.judgement_day(as_of, plan.meta.year)
    snap = tracking.snapshot(plan, plan_dir(), actions, period, day)
    if missing:
        _missing(snap, fmt)
        return
    items = [i for i in snap.items if i.light in BEHIND] if behind else snap.items
    if fmt is ListFormat.json:
        write(export.to_json(views.status_records(items)))
    elif fmt is ListFormat.csv:
        write(export.to_csv(views.status_records(items)))
    elif fmt is ListFormat.md:
        from daye_plan.present import markdown

        write(markdown.table(views.status_table(snap, items)))
    else:
        from daye_plan.present import terminal

        show(terminal.page(views.status_by_action(snap, behind=behind)))


def _missing(snap: "Snapshot", fmt: ListFormat) -> None:
    """`status --missing`: every indicator whose figure is missing or stale."""
    from daye_plan.ops import reporting
    from daye_plan.present import export, overdue

    found = reporting.overdue(snap.items, snap.plan.meta)
    if fmt is ListFormat.json:
        write(export.to_json(overdue.overdue_records(found)))
    elif fmt is ListFormat.csv:
        write(export.to_csv(overdue.overdue_records(found)))
    elif fmt is ListFormat.md:
        from daye_plan.present import markdown

        write(markdown.table(overdue.overdue_table(snap.plan, snap.on, found)))
    else:
        from daye_plan.present import terminal

        show(terminal.page(overdue.overdue_by_action(snap.plan, snap.on, found)))


@app.command()
@handled
def history(
    action: Annotated[str, typer.Argument(help="Action: id, short name or title.", autocompletion=complete_action)],
    indicator: Annotated[
        str | None, typer.Argument(help="Only this indicator (id or Chinese name).", autocompletion=complete_indicator)
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, json, csv or md.")] = ListFormat.table,
) -> None:
    """Every record of an action in the order written, superseded ones marked, with the git commit of each.

    Example: daye-plan history 招商引资 新签约亿元以上项目
    """
    from daye_plan.model import catalog
    from daye_plan.model.errors import PlanInvalid
    from daye_plan.present import export, journal
    from daye_plan.storage import actuals
    from daye_plan.storage import git as audit

    plan = load()
    found_action = catalog.find_action(plan, action)
    only = catalog.find_indicator(found_action, indicator).id if indicator else None
    path = actuals.path_for(plan_dir(), found_action.id)
    ledger = actuals.read(path, found_action, plan.meta.year, full=True)
    if ledger.problems:
        raise PlanInvalid(ledger.problems)
    origins = audit.blame(root(), path)
    entries = journal.history_entries(found_action, ledger.records, origins, only)
    if fmt is ListFormat.json:
        write(export.to_json(journal.history_records(entries)))
    elif fmt is ListFormat.csv:
        write(export.to_csv(journal.history_records(entries)))
    elif fmt is ListFormat.md:
        from daye_plan.present import markdown

        write(markdown.table(journal.history_table(entries)))
    else:
        from daye_plan.present import terminal

        show(terminal.page(journal.history_by_action(found_action, entries)))
