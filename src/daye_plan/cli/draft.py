"""The `draft` command: a published plan text read into proposed targets, printed or written
as a new plan folder for review (the rules live in `daye_plan.ops.draft`)."""

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from daye_plan.cli.app import app, handled, write
from daye_plan.cli.context import where
from daye_plan.cli.options import Format, format_option
from daye_plan.cli.output import chosen_format
from daye_plan.i18n import _, ngettext
from daye_plan.model.errors import UsageError

if TYPE_CHECKING:
    from daye_plan.model.plan import PlanMeta

DRAFTS = [Format.yaml, Format.json]


@app.command(
    "draft",
    help=_(
        "Propose every numeric target of a published plan text, as a draft for review.\n"
        "\n"
        "Reads the text (UTF-8 or GB18030; full-width or ASCII punctuation) and proposes each figure it sets: "
        "indicator, period, comparator, value in a canonical unit, 确保/力争, kind, 其中 parent, lead department, "
        "and the exact quote. --format json prints one object per target (the keys of `targets --format json`, "
        "plus lead) and needs no project. --out DIR writes a plan folder (plan.yaml, one action file per heading, "
        "the text as source.txt), each YAML file headed as a draft, with a note on each target that needs a "
        "reviewer's eye; DIR must not exist. Without --out, yaml prints the files. The source.txt of a plan started with `init` takes the region, "
        "year and title from the plan.yaml beside it.\n"
        "\n"
        "Example: daye-plan draft 方案.txt --out plans/2024"
    ),
)
@handled
def draft_command(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help=_("The published plan: a text file in UTF-8 or GB18030."))],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help=_("Write a new plan folder here (it must not exist yet); - for the screen.")),
    ] = None,
    fmt: Annotated[
        str | None, format_option(*DRAFTS, about=_("yaml: the plan files; json: one object per target."))
    ] = None,
    region: Annotated[str | None, typer.Option("--region", help=_("The region (default: from the title)."))] = None,
    year: Annotated[
        int | None, typer.Option("--year", help=_("The plan year (default: from the title or text)."))
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help=_("The title (default: the first 《…》 naming a plan)."))
    ] = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan draft --help`.
    from daye_plan.ops.draft import decode, draft, render
    from daye_plan.present import export
    from daye_plan.present.table import Records
    from daye_plan.storage.sources import check_published

    beside = _meta_beside(source)  # a plan's own source.txt (after `init`): its meta says region, year and title
    if beside is not None:
        region, year, title = region or beside.region, year or beside.year, title or beside.title
    text = check_published(decode(_read(source), str(source)), str(source))  # no control or invisible character
    proposed = draft(text, region=region, year=year or where(ctx).year, title=title)
    as_json = chosen_format(None, fmt, DRAFTS) is Format.json
    if as_json and (out is None or str(out) == "-"):
        write(export.to_json(Records.of(proposed.records())))
        return
    if not proposed.actions:
        raise UsageError(_("{path}: no numeric target found; nothing to draft").format(path=source))
    if proposed.region is None:
        raise UsageError(_("{path}: cannot tell the region from the text; give it with --region").format(path=source))
    if proposed.year is None:
        raise UsageError(_("{path}: cannot tell the plan year from the text; give it with --year").format(path=source))
    if proposed.title is None:
        raise UsageError(_("{path}: cannot tell the title from the text; give it with --title").format(path=source))
    files = render.files(proposed, source.name)
    if out is not None and str(out) == "-":  # `--out -`: the screen, as for every command
        out = None
    if out is None:
        write("".join(f"--- # {name}\n{text}" for name, text in files.items()))
        return
    if out.exists():
        raise UsageError(
            _("--out {path}: already exists; a draft never overwrites, give a new folder").format(path=out)
        )
    _write_folder(out, {**files, render.SOURCE_FILE: proposed.source.raw})
    if as_json:
        write(export.to_json(Records.of(proposed.records())))
    else:
        targets = ngettext("{count} target", "{count} targets", len(proposed.proposals))
        actions = ngettext("{count} action", "{count} actions", len(proposed.actions))
        message = _("drafted {targets} in {actions} into {path}; review them, then validate")
        write(
            message.format(
                targets=targets.format(count=len(proposed.proposals)),
                actions=actions.format(count=len(proposed.actions)),
                path=out,
            )
            + "\n"
        )


def _meta_beside(source: Path) -> "PlanMeta | None":
    """The meta of the plan whose source document `source` is, if a valid plan.yaml beside it names it."""
    from daye_plan.model.errors import DayePlanError
    from daye_plan.model.plan import PlanMeta
    from daye_plan.storage import sources, yamlfile

    meta_file = source.parent / "plan.yaml"
    if not meta_file.is_file():
        return None
    try:
        meta = PlanMeta.model_validate(yamlfile.parse(sources.read_text(meta_file), meta_file).data)
    except (DayePlanError, ValueError):
        return None
    return meta if meta.source == source.name else None


def _read(source: Path) -> bytes:
    from daye_plan.storage.sources import read_published

    return read_published(source)  # bounded; a pipe or a device is refused before it is read


def _write_folder(out: Path, files: dict[str, str]) -> None:
    """A new folder with `files`; on failure, nothing of it is left behind."""
    try:
        out.mkdir(parents=True)
    except OSError as exc:
        raise UsageError(_("--out {path}: cannot create: {reason}").format(path=out, reason=exc.strerror)) from None
    try:
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(out, ignore_errors=True)
        raise UsageError(_("--out {path}: cannot write: {reason}").format(path=out, reason=exc.strerror)) from None
