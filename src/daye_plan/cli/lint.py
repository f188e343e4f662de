"""The `lint` command: the plan checked against itself (the checks live in `daye_plan.ops.lint`)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from daye_plan.cli.app import app, handled
from daye_plan.cli.context import project
from daye_plan.cli.options import ForceOption, Format, OutOption, RegionOption, YearOption, format_option
from daye_plan.cli.output import Output
from daye_plan.i18n import _

if TYPE_CHECKING:
    from daye_plan.model.plan import Plan
    from daye_plan.ops.lint import SourceText

FINDINGS = [Format.text, Format.json]


@app.command(
    "lint",
    help=_(
        "Check the plan against itself and its source: quotes, 其中 parts, shares, checkpoints, one measure twice.\n"
        "\n"
        "Reads the plans and their source document (not the actuals): every quote must stand verbatim in it, with "
        "its value and its 确保/力争 word; figures of the source that no quote covers are listed as info. Prints "
        "one `path:line: severity: [check] message` per finding, then a summary; a finding the plan keeps on purpose (an `accepted:` entry in an action file) shows as "
        "`accepted warning` with its reason. Exit 1 on an error not accepted, and with --strict on a warning not "
        "accepted; 0 otherwise.\n"
        "\n"
        "Example: daye-plan lint --strict"
    ),
)
@handled
def lint_command(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option("--strict", help=_("Exit 1 on any warning the plan does not accept, too."))
    ] = False,
    fmt: Annotated[str | None, format_option(*FINDINGS)] = None,
    out: OutOption = None,
    force: ForceOption = False,
    year: YearOption = None,
    region: RegionOption = None,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan lint --help`.
    from daye_plan.ops import lint as checks
    from daye_plan.present import export
    from daye_plan.present.table import Records

    here = project(ctx, year=year, region=region)
    output = Output.chosen(here.root.resolve(), fmt, out, force, FINDINGS)
    plan = here.plan
    findings = checks.lint(plan, read_source(plan, here.plan_dir))
    if output.format is Format.json:
        output.write(export.to_json(Records.of([finding.record() for finding in findings])))
    else:
        output.write("".join(f"{finding}\n" for finding in findings) + checks.summary(findings) + "\n")
    if checks.failed(findings, strict):
        raise typer.Exit(1)


def read_source(plan: "Plan", plan_dir: Path) -> "SourceText":
    """The plan's source document beside plan.yaml, or why it cannot be read."""
    from daye_plan.model.errors import DayePlanError
    from daye_plan.ops.lint import SourceText
    from daye_plan.storage.sources import Folder, check_published

    folder = Folder(plan_dir)
    label = folder.label(plan.meta.source)
    try:
        return SourceText(label, check_published(folder.read(plan.meta.source), label))
    except DayePlanError as exc:
        found = exc.problems[0]
        where = f"{found.line}:{found.column}: " if found.column is not None else ""
        return SourceText(label, None, f"{where}{found.message}")
