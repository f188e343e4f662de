"""Commands that record actuals and show progress: record, status, history.

`record` says what it recorded in one line of the user's language (`recorded`), each variant a
whole sentence of the catalog.
"""

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from daye_plan.cli.app import app, handled, show
from daye_plan.cli.commits import check_commit, commit_written, committing
from daye_plan.cli.complete import complete_action, complete_indicator
from daye_plan.cli.context import Project, project
from daye_plan.cli.options import (
    ActionOption,
    AsOfOption,
    BomOption,
    ForceOption,
    Format,
    LeadOption,
    OutOption,
    PeriodOption,
    RegionOption,
    YearOption,
    format_option,
)
from daye_plan.cli.output import Output
from daye_plan.cli.plans import LISTS
from daye_plan.i18n import _, listing
from daye_plan.model.errors import UsageError, display_path

if TYPE_CHECKING:
    from daye_plan.model.plan import Action, Indicator
    from daye_plan.model.records import Actual
    from daye_plan.ops.trend import Trend

STATUS = [Format.table, Format.json, Format.csv, Format.md, Format.xlsx]


class GroupBy(enum.StrEnum):
    action = "action"
    lead = "lead"


@app.command(
    "record",
    context_settings={"ignore_unknown_options": True},  # VALUE may be negative: -3.5
    help=_(
        "Record an actual figure; a later record for the same indicator and date supersedes it.\n"
        "\n"
        "A figure that looks like a slip (a fraction for a percent, a year-to-date figure below an "
        "earlier one, far from its target or previous figure in size, a fractional count) is refused "
        "with the likely mistake named, unless --confirm is given.\n"
        "\n"
        "Example: daye-plan record 招商引资 新签约亿元以上项目 50 --as-of 3月31日 --source 市招商服务中心月报"
    ),
)
@handled
def record(
    ctx: typer.Context,
    action: Annotated[
        str, typer.Argument(help=_("Action: id, short name (招商引资) or title."), autocompletion=complete_action)
    ],
    indicator: Annotated[
        str, typer.Argument(help=_("Indicator: id or exact Chinese name."), autocompletion=complete_indicator)
    ],
    value: Annotated[
        str,
        typer.Argument(
            help=_(
                "The figure (year-to-date for cumulative indicators: 50, 280亿, 3500000万), or `done` (完成) for a task."
            )
        ),
    ],
    as_of: Annotated[
        str,
        typer.Option("--as-of", help=_("The date the figure is for: YYYY-MM-DD, 6月30日, or 6月 for its last day.")),
    ],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help=_("Unit of VALUE if not the indicator's (万元, 斤, ...)."))
    ] = None,
    source: Annotated[str, typer.Option("--source", "-s", help=_("Where the figure comes from."))] = "",
    note: Annotated[str, typer.Option("--note", "-n", help=_("A remark kept with the record."))] = "",
    by: Annotated[str | None, typer.Option("--by", help=_("Who records (default: git user.name, else login)."))] = None,
    commit: Annotated[bool, typer.Option("--commit", help=_("Commit the changed store to git."))] = False,
    year: YearOption = None,
    region: RegionOption = None,
    confirm: Annotated[
        bool,
        typer.Option("--confirm", help=_("Record a figure that looks like a slip; the confirmation is kept with it.")),
    ] = False,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan record --help`.
    from daye_plan.model import catalog, numbers
    from daye_plan.model.errors import UsageError
    from daye_plan.ops import entry, tracking, vetting
    from daye_plan.storage import actuals
    from daye_plan.storage import git as audit

    here = project(ctx, year=year, region=region, as_of=as_of)
    plan = here.plan
    named_action = catalog.find_action(plan, action)
    named = catalog.find_indicator(named_action, indicator)
    found_action, found = tracking.kept_with(plan, named_action, named)
    day = entry.parse_date(as_of, year=plan.meta.year)
    root = here.root
    path = actuals.path_for(here.plan_dir, found_action.id)
    if commit:
        check_commit(root, [path])
    actual = entry.make_actual(
        found,
        value,
        day,
        plan.meta.year,
        unit=unit,
        source=source,
        note=note,
        by=by if by is not None else audit.recorder(root),
    )
    try:
        actual = vetting.vet_record(plan, here.plan_dir, found_action, found, actual, confirm=confirm)
    except vetting.Implausible as exc:
        raise UsageError("\n".join([str(exc), _("if the figure is right, record it again with --confirm")])) from None
    shown = "完成" if found.kind.value == "milestone" and actual.value else numbers.quantity(actual.value, found.unit)
    with committing(root, [path], commit):  # with --commit: one commit at a time, each of its own record
        added = actuals.append(path, [actual])
        typer.echo(recorded(named_action, named, found_action, found, shown, day, actual))
        if commit:
            message = f"record {found_action.name} {found.name} = {shown} as of {day}"  # the commit's, kept as it is
            written = _("recorded {indicator} = {value} as of {date} in {path}").format(
                indicator=found.name, value=shown, date=day, path=display_path(path)
            )
            committed = commit_written(root, {path: added.data}, message, written)
            typer.echo(_("committed {commit}: {message}").format(commit=committed, message=message))


@app.command(
    "status",
    help=_(
        "Progress per target: actual, 完成率, 序时进度, 差距, a red/yellow/green light, and the outlook: "
        "预计全年, 每月需完成, 预计能否完成.\n"
        "\n"
        "`--format xlsx --out FILE` writes an Excel workbook: a 汇总 sheet, then one sheet per action, "
        "lights as coloured cells, figures as numbers, ready to print on A4.\n"
        "\n"
        "Marks (flags in JSON): 逾期完成/逾期未完成 for a checkpoint target reported after its end, "
        "未报送 for one never reported, 数据过期 for a figure older than the plan's cadence asks, "
        "已确认 for a figure confirmed when recorded.\n"
        "\n"
        "Example: daye-plan status --action 招商引资 --as-of 3月31日 --behind\n"
        "Example: daye-plan status --lead 市招商服务中心 --as-of 6月30日"
    ),
)
@handled
def status(
    ctx: typer.Context,
    action: ActionOption = None,
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    behind: Annotated[bool, typer.Option("--behind", help=_("Only targets with a yellow or red light."))] = False,
    lead: LeadOption = None,
    by: Annotated[
        GroupBy,
        typer.Option("--by", help=_("Group the roll-up and the tables by action, or by lead department (牵头单位).")),
    ] = GroupBy.action,
    fmt: Annotated[str | None, format_option(*STATUS, about=_("xlsx: an Excel workbook, with --out."))] = None,
    out: OutOption = None,
    force: ForceOption = False,
    bom: BomOption = False,
    missing: Annotated[
        bool,
        typer.Option(
            "--missing", help=_("List what is missing (未报送) or out of date (数据过期), per action and 牵头单位.")
        ),
    ] = False,
    year: YearOption = None,
    region: RegionOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan status --help`.
    from daye_plan.model import catalog
    from daye_plan.ops import entry, rollup, tracking
    from daye_plan.ops.progress import BEHIND
    from daye_plan.present import views
    from daye_plan.present.formats import View

    here = project(ctx, year=year, region=region, as_of=as_of)
    if missing and behind:
        raise UsageError(_("--missing and --behind exclude each other"))
    output = Output.chosen(here.root.resolve(), fmt, out, force, LISTS if missing else STATUS, bom=bom)
    plan = here.plan
    actions = catalog.select_actions(plan, action)
    catalog.check_period(plan, period)
    chosen = catalog.find_lead(plan, lead) if lead is not None else None
    if by is GroupBy.lead and not catalog.leads(plan):
        raise UsageError(
            _("--by lead: the plan names no lead department (牵头单位); give an action or indicator a `lead:`")
        )
    day = entry.judgement_day(as_of, plan.meta.year)
    snap = tracking.snapshot(plan, here.plan_dir, actions, period, day, lead=chosen)
    if missing:
        from daye_plan.ops import reporting
        from daye_plan.present import overdue

        found = reporting.overdue(snap.items, snap.plan.meta)
        output.emit(
            View(
                lambda: overdue.overdue_by_action(snap.plan, snap.on, found),
                table=lambda: overdue.overdue_table(snap.plan, snap.on, found),
                records=lambda: overdue.overdue_records(found),
            )
        )
        return
    items = [i for i in snap.items if i.light in BEHIND] if behind else snap.items
    if by is GroupBy.lead:
        items = [item for _, group in rollup.lead_groups(items) for item in group]
    grouped = views.status_by_lead if by is GroupBy.lead else views.status_by_action

    def book() -> bytes:
        from daye_plan.present import xlsx

        return xlsx.status_book(snap, behind=behind)

    output.emit(
        View(
            lambda: grouped(snap, behind=behind),
            table=lambda: views.status_table(snap, items),
            records=lambda: views.status_records(items),
            book=book,
        )
    )


@app.command(
    "history",
    help=_(
        "Every record of an action in the order written, superseded ones marked, with the git commit of each.\n"
        "\n"
        "With --chart, the indicator's trend after it: the figures in force by as-of date, the 序时 line and "
        "the target of --period (default: the longest period it has a target in), up to --as-of.\n"
        "\n"
        "Example: daye-plan history 招商引资 新签约亿元以上项目\n"
        "Example: daye-plan history 招商引资 新签约亿元以上项目 --chart --as-of 6月30日"
    ),
)
@handled
def history(
    ctx: typer.Context,
    action: Annotated[str, typer.Argument(help=_("Action: id, short name or title."), autocompletion=complete_action)],
    indicator: Annotated[
        str | None,
        typer.Argument(help=_("Only this indicator (id or Chinese name)."), autocompletion=complete_indicator),
    ] = None,
    fmt: Annotated[str | None, format_option(*LISTS)] = None,
    out: OutOption = None,
    force: ForceOption = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help=_(
                "Also draw INDICATOR's figures by as-of date against the 序时 line and the target (a terminal chart)."
            ),
        ),
    ] = False,
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    year: YearOption = None,
    region: RegionOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan history --help`.
    from daye_plan.model import catalog
    from daye_plan.model.errors import PlanInvalid
    from daye_plan.present import changes
    from daye_plan.present.formats import View
    from daye_plan.storage import actuals
    from daye_plan.storage import git as audit

    here = project(ctx, year=year, region=region, as_of=as_of)
    output = Output.chosen(here.root.resolve(), fmt, out, force, LISTS)
    plan = here.plan
    found_action = catalog.find_action(plan, action)
    only = catalog.find_indicator(found_action, indicator).id if indicator else None
    if chart and only is None:
        raise UsageError(_("--chart draws one indicator: name INDICATOR after the action"))
    if chart and not output.screen:
        raise UsageError(_("--chart draws on the terminal: leave out --format"))
    if not chart and (period is not None or as_of is not None):
        raise UsageError(_("--period and --as-of choose what --chart draws: add --chart"))
    catalog.check_period(plan, period)
    drawn = _chart(here, found_action, found_action.indicator(only), period, as_of) if chart and only else None
    path = actuals.path_for(here.plan_dir, found_action.id)
    ledger = actuals.read(path, found_action, plan.meta.year, full=True)
    if ledger.problems:
        raise PlanInvalid(ledger.problems)
    origins = audit.blame(here.root, path)
    entries = changes.history_entries(found_action, ledger.records, origins, only, ledger.superseded_lines())
    shallow = changes.shallow_note(entries)
    if shallow is not None:
        typer.echo(shallow, err=True)
    output.emit(
        View(
            lambda: changes.history_by_action(found_action, entries),
            table=lambda: changes.history_table(entries),
            records=lambda: changes.history_records(entries),
        )
    )
    if isinstance(drawn, str):
        typer.echo(drawn)
    elif drawn is not None:
        from daye_plan.present import terminal_chart

        show(terminal_chart.trend_chart(drawn))


def _chart(
    here: Project, action: "Action", indicator: "Indicator", period: str | None, as_of: str | None
) -> "Trend | str":
    """`history --chart`: the trend of one indicator, or a line saying why there is none; refusals
    come before anything is printed."""
    from daye_plan.ops import entry, tracking, trend
    from daye_plan.present import labels

    plan = here.plan
    day = entry.judgement_day(as_of, plan.meta.year)
    snap = tracking.snapshot(plan, here.plan_dir, [action], period, day)
    mine = [item for item in snap.items if item.row.indicator.id == indicator.id]
    if not mine:
        raise UsageError(
            _("{indicator} has no target in period {period!r}").format(indicator=indicator.name, period=period),
            argument="period",
        )
    if not indicator.kind.policy.numeric:
        return labels.CHART_NO_FIGURES.format(indicator=indicator.name)
    # the longest period first, and in it the floor (确保 or plain) before a 力争 stretch
    item = min(mine, key=lambda i: (-i.row.period.days, not i.is_floor))
    drawn = trend.trend(snap, item)
    if drawn is None:
        count = len(trend.dated(snap, item.row))
        return labels.CHART_TOO_FEW.format(indicator=indicator.name, period=item.row.period.label, count=count)
    return drawn


def recorded(
    named_action: "Action",
    named: "Indicator",
    action: "Action",
    found: "Indicator",
    shown: str,
    day: object,
    actual: "Actual",
) -> str:
    """`recorded: 招商引资 · 新签约亿元以上项目 = 50个 as of 2024-03-31 (…)`, and where it is kept."""
    parts = {"action": named_action.name, "indicator": named.name, "value": shown, "date": day}
    checks = listing(sorted(actual.confirmed)) if actual.flags else None
    kept = {"kept_action": action.name, "kept_indicator": found.name}
    if found is named and checks is None:
        said = _("recorded: {action} · {indicator} = {value} as of {date} ({entered})")
    elif found is named:
        said = _("recorded: {action} · {indicator} = {value} as of {date} ({entered}; confirmed: {checks})")
    elif checks is None:
        said = _(
            "recorded: {action} · {indicator} = {value} as of {date} ({entered}); "
            "kept with {kept_action} · {kept_indicator}, the same measure"
        )
    else:
        said = _(
            "recorded: {action} · {indicator} = {value} as of {date} ({entered}; confirmed: {checks}); "
            "kept with {kept_action} · {kept_indicator}, the same measure"
        )
    return said.format(**parts, **kept, entered=actual.entered, checks=checks)
