"""Commands that record actuals and show progress: record, status, history."""

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import app, check_commit, commit_written, handled, load, plan_dir, root, show, write
from daye_plan.cli.complete import complete_action, complete_indicator
from daye_plan.cli.output import ForceOption, check_out, write_out
from daye_plan.cli.plans import ActionOption, ListFormat, PeriodOption
from daye_plan.model.errors import display_path

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
    value: Annotated[str, typer.Argument(help="The figure (year-to-date for cumulative indicators), or `done`.")],
    as_of: Annotated[str, typer.Option("--as-of", help="The date the figure is for, YYYY-MM-DD.")],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Unit of VALUE if not the indicator's (万元, 斤, ...).")
    ] = None,
    source: Annotated[str, typer.Option("--source", "-s", help="Where the figure comes from.")] = "",
    note: Annotated[str, typer.Option("--note", "-n", help="A remark kept with the record.")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who records (default: git user.name, else login).")] = None,
    commit: Annotated[bool, typer.Option("--commit", help="Commit the changed store to git.")] = False,
) -> None:
    """Record an actual figure; a later record for the same indicator and date supersedes it.

    Example: daye-plan record 招商引资 新签约亿元以上项目 50 --as-of 2023-03-31 --source 市招商服务中心月报
    """
    from daye_plan.model import catalog, numbers
    from daye_plan.model.errors import display_path
    from daye_plan.ops import entry, tracking
    from daye_plan.storage import actuals
    from daye_plan.storage import git as audit

    plan = load()
    named_action = catalog.find_action(plan, action)
    named = catalog.find_indicator(named_action, indicator)
    found_action, found = tracking.kept_with(plan, named_action, named)
    day = entry.parse_date(as_of)
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
    actuals.append(path, [actual])
    shown = "完成" if found.kind.value == "milestone" and actual.value else numbers.quantity(actual.value, found.unit)
    kept = "" if found is named else f"; kept with {found_action.name} · {found.name}, the same measure"
    typer.echo(f"recorded: {named_action.name} · {named.name} = {shown} as of {day} ({actual.entered}){kept}")
    if commit:
        message = f"record {found_action.name} {found.name} = {shown} as of {day}"
        written = f"recorded {found.name} = {shown} as of {day} in {display_path(path)}"
        typer.echo(f"committed {commit_written(project, [path], message, written)}: {message}")


class StatusFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


@app.command()
@handled
def status(
    action: ActionOption = None,
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    behind: Annotated[bool, typer.Option("--behind", help="Only targets with a yellow or red light.")] = False,
    fmt: Annotated[
        StatusFormat,
        typer.Option("--format", "-f", help="table, json, csv, md or xlsx (an Excel workbook, with --out)."),
    ] = StatusFormat.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write to this file instead of the screen (relative to the current folder; never under plans/ or .git/).",
        ),
    ] = None,
    force: ForceOption = False,
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV: start with a UTF-8 byte order mark, so that Excel reads the Chinese.")
    ] = False,
) -> None:
    """Progress per target: actual, 完成率, 序时进度, 差距 and a red/yellow/green light.

    `--format xlsx --out FILE` writes an Excel workbook: a 汇总 sheet, then one sheet per action,
    lights as coloured cells, figures as numbers, ready to print on A4.

    Example: daye-plan status --action 招商引资 --as-of 2023-03-31 --behind
    """
    from daye_plan.model import catalog
    from daye_plan.model.errors import UsageError
    from daye_plan.ops import entry, tracking
    from daye_plan.ops.progress import BEHIND
    from daye_plan.present import export, views

    if fmt is StatusFormat.xlsx and out is None:
        raise UsageError("--format xlsx: an Excel workbook goes to a file; name it with --out FILE")
    if out is not None and fmt is StatusFormat.table:
        raise UsageError("--out: the table is for the screen; pass --format xlsx, csv, json or md to write a file")
    if bom and fmt is not StatusFormat.csv:
        raise UsageError("--bom: only for --format csv")
    plan = load()
    actions = catalog.select_actions(plan, action)
    catalog.check_period(plan, period)
    day = entry.judgement_day(as_of, plan.meta.year)
    project = root().resolve()
    target = check_out(project, out, force) if out is not None else None
    snap = tracking.snapshot(plan, plan_dir(), actions, period, day)
    items = [i for i in snap.items if i.light in BEHIND] if behind else snap.items
    if fmt is StatusFormat.table:
        from daye_plan.present import terminal

        show(terminal.page(views.status_by_action(snap, behind=behind)))
        return
    if fmt is StatusFormat.xlsx:
        from daye_plan.present import xlsx

        data = xlsx.status_book(snap, behind=behind)
    else:
        if fmt is StatusFormat.md:
            from daye_plan.present import markdown

            text = markdown.table(views.status_table(snap, items))
        elif fmt is StatusFormat.json:
            text = export.to_json(views.status_records(items))
        else:
            text = export.to_csv(views.status_records(items))
        if target is None and not bom:
            write(text)  # in the console's own encoding
            return
        data = (BOM if bom else b"") + text.encode("utf-8")
    if target is None:
        write_bytes(data)
        return
    write_out(project, target, data, replace=force)
    typer.echo(f"wrote {display_path(target)}")


BOM = "\ufeff".encode()  # what Excel on a Chinese Windows needs to read a CSV as UTF-8


def write_bytes(data: bytes) -> None:
    """Bytes to stdout as they are: a CSV for Excel keeps its UTF-8 and BOM whatever the console's encoding."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # pragma: no cover - a text-only stdout (an embedding host)
        write(data.decode("utf-8"))
        return
    stream.write(data)
    stream.flush()


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
