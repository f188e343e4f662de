"""The `init` command: start a year's plan folder that `validate` accepts at once (the files are
`daye_plan.ops.init`'s; `storage.newplan` writes them, all or none, with the git files a data
repository needs)."""

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from daye_plan.cli.app import app, handled, write
from daye_plan.cli.context import where
from daye_plan.i18n import _, listing, ngettext
from daye_plan.model.errors import UsageError

if TYPE_CHECKING:
    from daye_plan.ops.init import NewPlan


@app.command(
    "init",
    help=_(
        "Start the plan of a year: plans/<year>/ with plan.yaml, source.txt and, with --from, the actions.\n"
        "\n"
        "Writes a plan that `daye-plan validate` accepts at once, and never over an existing plan. A year "
        "that has a plan already takes another region's beside it, in plans/<year>/<region>/. "
        "With --from, every action of that year's plan comes along with its numeric indicators "
        "(ids, names, units, kinds, 其中 parents, links, bounds, lead) and no targets; tasks are set "
        "anew each year and are left out. Then draft the targets from the text, review, copy them in. "
        "With --draft (and --source), the drafted actions go into the new plan at once, listed in plan.yaml, "
        "each target marked `review: draft` until checked (lint reports every one); the region and title "
        "default to what the text says.\n"
        "\n"
        "Example: daye-plan init --year 2025 --region 某市 --title 某市2025年行动方案 --source 方案.txt --from 2024\n"
        "Example: daye-plan init --year 2025 --source 方案.txt --draft"
    ),
)
@handled
def init_command(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help=_("The year of the new plan."))] = None,
    region: Annotated[
        str, typer.Option("--region", help=_("The region the plan is for, as the plan names it: 某市, 某县."))
    ] = "",
    title: Annotated[str, typer.Option("--title", help=_("The plan's title as published."))] = "",
    source: Annotated[
        Path | None,
        typer.Option("--source", help=_("The published text (UTF-8 or GB18030), kept as source.txt in UTF-8.")),
    ] = None,
    from_year: Annotated[
        int | None,
        typer.Option("--from", help=_("Carry over this year's actions and indicators (not their targets).")),
    ] = None,
    with_draft: Annotated[
        bool,
        typer.Option("--draft", help=_("Write the text's drafted actions into the new plan, marked for review.")),
    ] = False,
    periods: Annotated[
        str | None,
        typer.Option(
            "--periods",
            help=_(
                "Period ids, comma-separated, as draft names them (an unknown one lists them all; default: "
                "--from's periods, else those the source names, else the year)."
            ),
        ),
    ] = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan init --help`.
    from daye_plan.ops import init
    from daye_plan.ops.draft import decode
    from daye_plan.storage import newplan
    from daye_plan.storage.plans import PLANS, load_plan
    from daye_plan.storage.sources import check_published

    given = where(ctx)
    chosen = year if year is not None else given.year
    region = region or given.region or ""
    if chosen is None:
        raise UsageError(_("--year: give the year of the plan to start, e.g. --year 2024"))
    if with_draft and source is None:
        raise UsageError(_("--draft: give the published text with --source"))
    if with_draft and from_year is not None:
        raise UsageError(
            _("--draft and --from: start from the text's draft or from {year}'s plan, not both").format(year=from_year)
        )
    project = _root(given.root)
    previous = None
    if from_year is not None:
        if not (project / PLANS).is_dir():
            raise UsageError(_("--from {year}: no plans/ folder in {root}").format(year=from_year, root=project))
        previous = load_plan(_previous(project, from_year, region))
    text = check_published(decode(_read(source), str(source)), str(source)) if source is not None else ""
    wanted = [name.strip() for name in periods.split(",") if name.strip()] if periods is not None else None
    drafted = None
    if with_draft:
        from daye_plan.ops.draft import draft

        drafted = draft(text, year=chosen, region=region or None, title=title or None)
        if not drafted.actions:
            raise UsageError(_("--source {path}: no target found to draft").format(path=source))
        region = region or drafted.region or ""
        title = title or drafted.title or ""
        if not region.strip():
            raise UsageError(_("--draft: cannot tell the region from the text; give it with --region"))
        if not title.strip():
            raise UsageError(_("--draft: cannot tell the title from the text; give it with --title"))
    folder = _folder(project, chosen, region.strip())
    new = init.start(chosen, region, title, previous=previous, period_ids=wanted, source_text=text, drafted=drafted)
    newplan.create_plan_folder(project, folder, {name: data.encode("utf-8") for name, data in new.files.items()})
    git_files = newplan.write_repository_files(project)
    write(_summary(folder, new, previous is not None, source, git_files, drafted is not None))


def _root(given: Path | None) -> Path:
    """--root (or $DAYE_PLAN_ROOT) as given, else the nearest folder upward holding plans/, else here."""
    if given is not None:
        if not given.is_dir():
            raise UsageError(_("--root {path}: no such folder").format(path=given))
        return given
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / "plans").is_dir()), here)


REGION_FOLDER = re.compile(r'[^\\/:*?"<>|.\s][^\\/:*?"<>|\s]*')


def _folder(project: Path, year: int, region: str) -> Path:
    """Where the new plan goes: `plans/<year>/`, or beside the plans a year has, `plans/<year>/<region>/`;
    never over a plan of the region, nor over anything else."""
    from daye_plan.model.errors import display_path
    from daye_plan.storage.plans import PLANS, regions, years

    folder = project / PLANS / str(year)
    if not os.path.lexists(folder):
        return folder
    if year not in years(project) or not region:
        raise UsageError(_("{path}: exists; init never writes over a plan").format(path=display_path(folder)))
    found = regions(project, year)
    if region in found:
        message = _("{path}: holds {region}'s plan for {year} already; init never writes over a plan")
        raise UsageError(message.format(path=display_path(found[region]), region=region, year=year))
    if not REGION_FOLDER.fullmatch(region) or region == "actuals":
        message = _("{region!r} cannot name the region's folder: no spaces, dots first, or / \\ : * ? \" < > |")
        raise UsageError(message.format(region=region), argument="region")
    return folder / region


def _previous(project: Path, year: int, region: str) -> Path:
    """The plan `--from` names: that year's, or its region's where it has several."""
    from daye_plan.storage.plans import plan_dir, regions, years

    if year in years(project) and region in regions(project, year):
        return plan_dir(project, year, region)
    try:
        return plan_dir(project, year)
    except UsageError as exc:
        raise UsageError(str(exc), argument="from") from None


def _read(source: Path) -> bytes:
    from daye_plan.storage.sources import read_published

    try:
        return read_published(source)
    except UsageError as exc:
        raise UsageError(str(exc), argument="source") from None


def _summary(
    folder: Path, new: "NewPlan", carried: bool, source: Path | None, git_files: list[str], drafted: bool = False
) -> str:
    from daye_plan.model.errors import display_path
    from daye_plan.ops.init import SOURCE_FILE
    from daye_plan.storage.plans import PLANS

    where = display_path(folder)
    periods = listing([f"{n} {p.label}" for n, p in new.periods.items()])
    lines = [_("started {path}/: plan.yaml ({periods})").format(path=where, periods=periods)]
    if carried:
        files = ngettext("{count} action file", "{count} action files", new.actions).format(count=new.actions)
        indicators = ngettext("{count} indicator", "{count} indicators", new.indicators).format(count=new.indicators)
        if new.tasks_left_out:
            left = new.tasks_left_out
            carried_line = ngettext(
                "{files}: {indicators}, no targets yet; {count} task left out",
                "{files}: {indicators}, no targets yet; {count} tasks left out",
                left,
            ).format(files=files, indicators=indicators, count=left)
        else:
            carried_line = _("{files}: {indicators}, no targets yet").format(files=files, indicators=indicators)
        lines.append(f"  {carried_line}")
    if drafted:
        files = ngettext("{count} action file", "{count} action files", new.actions).format(count=new.actions)
        indicators = ngettext("{count} indicator", "{count} indicators", new.indicators).format(count=new.indicators)
        lines.append(
            "  "
            + _("{files} drafted from the text: {indicators}, each target marked for review").format(
                files=files, indicators=indicators
            )
        )
    if source is not None:
        lines.append("  " + _("{file}: {source}, as published").format(file=SOURCE_FILE, source=source))
    else:
        lines.append(
            "  "
            + _("{file}: empty; paste the published text into it, verbatim: every quote is checked against it").format(
                file=SOURCE_FILE
            )
        )
    for name in git_files:
        about = (
            _("stores merge without conflict (merge=union)")
            if name == ".gitattributes"
            else _("lock files and journals")
        )
        lines.append("  " + _("{file}: {about}").format(file=f"{PLANS}/{name}", about=about))
    if drafted:
        lines.append(
            _("next: review each target against its quote, remove its `review: draft`; daye-plan lint --strict")
        )
    else:
        lines.append(
            _(
                "next: daye-plan draft {path}/{file} --out <folder>; review it; copy its actions in; daye-plan validate"
            ).format(path=where, file=SOURCE_FILE)
        )
    return "\n".join(lines) + "\n"
