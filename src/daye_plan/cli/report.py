"""The `report` command: judge one period at one date and write the report file.

The default file is under `reports/` in the project root; `--out` may name another, inside the
project or outside it (a shared drive), but never the project's own data (`plans/`, `.git/`),
and never an existing file without `--force` (`cli.output`). The writing is
`storage.files.write_whole`'s.
"""

import enum
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled, load, plan_dir, root
from daye_plan.cli.output import ForceOption, check_out, write_out
from daye_plan.cli.progress import AsOfOption
from daye_plan.model.errors import display_path


class ReportFormat(enum.StrEnum):
    md = "md"
    html = "html"
    docx = "docx"


@app.command()
@handled
def report(
    period: Annotated[str, typer.Option("--period", "-p", help="Period: annual or q1.")] = "annual",
    as_of: AsOfOption = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, html or docx (Word, A4, for circulating).")
    ] = ReportFormat.md,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write, relative to the current folder; never under plans/ or .git/ "
            "(default: reports/<year>-<period>-<as-of>.<format> under the project root, replaced if it exists).",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Write a report the supervision office can circulate: summary, roll-up, lagging targets, every action.

    The same data and date give the same bytes, so `git diff reports/` shows what changed.

    Example: daye-plan report --period q1 --as-of 2023-03-31 --format html
    """
    from daye_plan.model import catalog
    from daye_plan.ops import entry, tracking
    from daye_plan.present import report as reports

    plan = load()
    catalog.check_period(plan, period)
    day = entry.judgement_day(as_of, plan.meta.year)
    project = root().resolve()
    default = project / "reports" / f"{plan.meta.year}-{period}-{day.isoformat()}.{fmt.value}"
    target = check_out(project, out, force, "the report") if out is not None else default
    snap = tracking.snapshot(plan, plan_dir(), plan.actions, period, day, keep_records=True)
    data = reports.FILES[fmt.value](reports.build(snap, period))
    write_out(project, target, data, replace=force or out is None)
    typer.echo(f"wrote {display_path(target)}")
