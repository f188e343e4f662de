"""The `report` command: judge one period at one date and write the report file.

The default file is under `reports/` in the project root; `--out` may name another, inside the
project or outside it (a shared drive), but never the project's own data (`plans/`, `.git/`),
and never an existing file without `--force`. The writing is `storage.files.write_whole`'s.
"""

import enum
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import YearOption, app, handled, load, plan_dir, root
from daye_plan.cli.progress import AsOfOption
from daye_plan.model.errors import UsageError, display_path


class ReportFormat(enum.StrEnum):
    md = "md"
    html = "html"


@app.command()
@handled
def report(
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="A period id of the plan (default: its year, 全年).")
    ] = None,
    as_of: AsOfOption = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="md or html.")] = ReportFormat.md,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write, relative to the current folder; never under plans/ or .git/ "
            "(default: reports/<year>-<period>-<as-of>.<format> under the project root, replaced if it exists).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    year: YearOption = None,
) -> None:
    """Write a report the supervision office can circulate: summary, roll-up, lagging targets, every action.

    The same data and date give the same bytes, so `git diff reports/` shows what changed.

    Example: daye-plan report --format html
    """
    from daye_plan.model import catalog
    from daye_plan.ops import entry, tracking
    from daye_plan.present import report as reports

    plan = load()
    period = catalog.check_period(plan, period) or plan.meta.main_period
    day = entry.judgement_day(as_of, plan.meta.year)
    project = root().resolve()
    default = project / "reports" / f"{plan.meta.year}-{period}-{day.isoformat()}.{fmt.value}"
    target = check_out(project, out, force) if out is not None else default
    snap = tracking.snapshot(plan, plan_dir(), plan.actions, period, day, keep_records=True)
    text = reports.FORMATS[fmt.value](reports.build(snap, period))
    write_atomically(project, target, text.encode("utf-8"), replace=force or out is None)
    typer.echo(f"wrote {display_path(target)}")


def check_out(project: Path, path: Path, force: bool) -> Path:
    """`--out` (relative to the current folder), refused before any work: the project's own data, a
    folder, or an existing file without `--force`."""
    import os

    from daye_plan.storage import files

    target = files.absolute(path)
    if files.is_project_data(project, target):
        raise UsageError(f"--out {path}: that is the project's own data (plans/ or .git/); write the report elsewhere")
    if target.is_dir():
        raise UsageError(f"--out {path}: is a folder; name a file")
    if os.path.lexists(target) and not force:
        raise UsageError(f"--out {path}: the file exists; pass --force to overwrite it")
    return target


def write_atomically(project: Path, path: Path, data: bytes, *, replace: bool) -> None:
    """Write the report whole through the one writer: readers see the old file or the new one."""
    from daye_plan.storage import files

    try:
        files.write_whole(project, path, data, replace=replace)
    except OSError as exc:
        raise UsageError(f"cannot write {display_path(path)}: {exc.strerror}") from None
