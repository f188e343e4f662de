"""The `report` command: judge one period at one date and write the report file under the project root."""

import enum
import os
from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled, load, plan_dir, root
from daye_plan.cli.progress import AsOfOption
from daye_plan.model.errors import UsageError


class ReportFormat(enum.StrEnum):
    md = "md"
    html = "html"


@app.command()
@handled
def report(
    period: Annotated[str, typer.Option("--period", "-p", help="Period: annual or q1.")] = "annual",
    as_of: AsOfOption = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="md or html.")] = ReportFormat.md,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write, inside the project; relative to the current folder "
            "(default: reports/<year>-<period>-<as-of>.<format> under the project root).",
        ),
    ] = None,
) -> None:
    """Write a report the supervision office can circulate: summary, roll-up, lagging targets, every action.

    The same data and date give the same bytes, so `git diff reports/` shows what changed.

    Example: daye-plan report --period q1 --as-of 2023-03-31 --format html
    """
    from daye_plan.model import catalog
    from daye_plan.model.errors import display_path
    from daye_plan.ops import entry, tracking
    from daye_plan.present import report as reports

    plan = load()
    catalog.check_period(plan, period)
    day = entry.judgement_day(as_of, plan.meta.year)
    project = root().resolve()
    default = Path("reports") / f"{plan.meta.year}-{period}-{day.isoformat()}.{fmt.value}"
    target = inside(project, out if out is not None else project / default, "--out")
    snap = tracking.snapshot(plan, plan_dir(), plan.actions, period, day, keep_records=True)
    text = reports.FORMATS[fmt.value](reports.build(snap, period))
    write_atomically(target, text.encode("utf-8"))
    typer.echo(f"wrote {display_path(target)}")


def inside(project: Path, path: Path, what: str) -> Path:
    """`path` (relative to the current folder) resolved, symlinks followed; refused outside `project`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(project):
        raise UsageError(f"{what} {path}: outside the project root {project}")
    if resolved.is_dir():
        raise UsageError(f"{what} {path}: is a folder; name a file")
    return resolved


def write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over: readers see the old or the new file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
