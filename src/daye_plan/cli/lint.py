"""The `lint` command: the plan checked against itself (the checks live in `daye_plan.ops.lint`)."""

import enum
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled, load, write
from daye_plan.i18n import _


class LintFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command(
    "lint",
    help=_(
        "Check the plan against itself: 其中 parts, shares, Q1 against annual, one measure in two actions.\n"
        "\n"
        "Reads the plans (not the actuals). Prints one `path:line: severity: [check] message` per finding, then a "
        "summary; a finding the plan keeps on purpose (an `accepted:` entry in an action file) shows as "
        "`accepted warning` with its reason. Exit 1 on an error not accepted, and with --strict on a warning not "
        "accepted; 0 otherwise.\n"
        "\n"
        "Example: daye-plan lint --strict"
    ),
)
@handled
def lint_command(
    strict: Annotated[
        bool, typer.Option("--strict", help=_("Exit 1 on any warning the plan does not accept, too."))
    ] = False,
    fmt: Annotated[LintFormat, typer.Option("--format", "-f", help=_("text or json."))] = LintFormat.text,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan lint --help`.
    from daye_plan.ops import lint as checks
    from daye_plan.present import export
    from daye_plan.present.table import Records

    plan = load()
    findings = checks.lint(plan)
    if fmt is LintFormat.json:
        write(export.to_json(Records.of([finding.record() for finding in findings])))
    else:
        write("".join(f"{finding}\n" for finding in findings) + checks.summary(findings) + "\n")
    if checks.failed(findings, strict):
        raise typer.Exit(1)
