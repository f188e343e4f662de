"""The Typer app, its global options (--root, --year, --version) and error handling.

Every failure leaves as `error: …` lines on stderr and an exit code: a usage mistake Click
finds (a missing option, a bad value, an unknown command) as one line with exit 2, a
`DayePlanError` with its own lines and code, an OSError as one line with exit 2. The settings
that tests and reproducible runs take from the environment (today's date, pauses inside a
write) are read here and handed to the library, which reads no environment.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

try:  # Typer carries its own copy of Click since 0.2x
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer._click.exceptions import UsageError as ClickUsageError
    from typer.exceptions import Abort
except ImportError:  # pragma: no cover - older Typer, on Click itself
    from click.exceptions import Abort, ClickException, NoArgsIsHelpError  # type: ignore[assignment]
    from click.exceptions import UsageError as ClickUsageError  # type: ignore[assignment]

from daye_plan import __version__
from daye_plan.model.errors import DayePlanError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from daye_plan.model.plan import Plan

TODAY_ENV = "DAYE_PLAN_TODAY"  # fixes "today" for tests and reproducible reports
PAUSE_MID_WRITE_ENV = "DAYE_PLAN_PAUSE_MID_WRITE"  # crash tests: seconds between two halves of an append
PAUSE_BETWEEN_STORES_ENV = "DAYE_PLAN_PAUSE_BETWEEN_STORES"  # crash tests: seconds between an import's stores


class OneLineErrors(TyperGroup):
    """The command group, printing every error as `error: …` lines instead of Click's usage block."""

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            returned = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            _print_errors([usage_message(exc)])
            sys.exit(exc.exit_code)
        except Abort:
            _print_errors(["aborted"])
            sys.exit(1)
        except DayePlanError as exc:
            _print_errors(str(exc).splitlines())
            sys.exit(exc.exit_code)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                sys.exit(0)
            where = f"{exc.filename}: " if exc.filename else ""
            _print_errors([f"{where}{exc.strerror or exc}"])
            sys.exit(2)
        sys.exit(returned if isinstance(returned, int) else 0)


def usage_message(exc: ClickException) -> str:
    """Click's message on one line, with where the command's usage is shown."""
    message = " ".join(exc.format_message().split()).rstrip(".")
    context = getattr(exc, "ctx", None)
    if isinstance(exc, ClickUsageError) and context is not None:
        return f"{message} (see `{context.command_path} --help`)"
    return message


def _print_errors(lines: list[str]) -> None:
    for line in lines or [""]:
        print(f"error: {line}", file=sys.stderr)


app = typer.Typer(
    name="daye-plan",
    cls=OneLineErrors,
    help="Track Daye's eight-actions targets: validate the plans, record actuals, see progress.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    root: Path | None = None
    year: int | None = None


SETTINGS = Settings()


def _version(value: bool) -> None:
    if value:
        print(f"daye-plan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    root: Annotated[
        Path | None,
        typer.Option(
            "--root", envvar="DAYE_PLAN_ROOT", help="Project root holding plans/ (default: nearest one upward)."
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Plan year (default: the latest under plans/).")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    SETTINGS.root = root
    SETTINGS.year = year
    apply_environment()


def apply_environment() -> None:
    """Hand the environment's settings to the library (each run sets or clears all of them)."""
    today = os.environ.get(TODAY_ENV)
    if today or "daye_plan.ops.entry" in sys.modules:  # no import (and its cost) when there is nothing to set
        from daye_plan.ops import entry

        entry.fix_today(today, f"${TODAY_ENV}")
    mid, between = os.environ.get(PAUSE_MID_WRITE_ENV), os.environ.get(PAUSE_BETWEEN_STORES_ENV)
    if mid or between or "daye_plan.storage.journal" in sys.modules:
        from daye_plan.storage import journal

        journal.HOOKS.pause_mid_write = _seconds(mid, PAUSE_MID_WRITE_ENV)
        journal.HOOKS.pause_between_stores = _seconds(between, PAUSE_BETWEEN_STORES_ENV)


def _seconds(text: str | None, name: str) -> float:
    from daye_plan.model.errors import UsageError

    try:
        return float(text) if text else 0.0
    except ValueError:
        raise UsageError(f"${name}={text!r} is not a number of seconds") from None


def fail(message: str, code: int) -> typer.Exit:
    """Print `error: message` (one line per problem) on stderr; return the Exit to raise."""
    for line in message.splitlines() or [message]:
        print(f"error: {line}", file=sys.stderr)
    return typer.Exit(code)


# How a message about a library argument starts on the command line: `--action 'x': …` (the
# flag, then the value the library quotes); a flag without a value, and diff's own REVISION, differ.
ARGUMENT_NAMES = {"commit": "--commit:", "revision": "diff:"}


def message(exc: DayePlanError) -> str:
    """The error's text, with the command line's name of the argument it is about in front."""
    argument = getattr(exc, "argument", None)
    if argument is None:
        return str(exc)
    return f"{ARGUMENT_NAMES.get(argument, '--' + argument.replace('_', '-'))} {exc}"


def handled(function: F) -> F:
    """Run a command, turning `DayePlanError` into its one-line message and exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DayePlanError as exc:
            raise fail(message(exc), exc.exit_code) from None
        except BrokenPipeError:  # `daye-plan targets | head`: the reader left; not an error
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]


def root() -> Path:
    from daye_plan.storage.plans import find_root

    return find_root(SETTINGS.root)


def plan_dir() -> Path:
    from daye_plan.storage.plans import plan_dir as locate

    return locate(root(), SETTINGS.year)


def load() -> Plan:
    """The plan of --root/--year; an invalid plan is bad input here (exit 2; `validate` exits 1)."""
    from daye_plan.storage.plans import load_plan

    return load_plan(plan_dir())


def console(stderr: bool = False) -> Console:
    """The console tables are printed on: colours on a colour terminal, or anywhere `FORCE_COLOR` is
    set (a pager, a CI log); none with `NO_COLOR` or on a pipe (rich's own reading of the three)."""
    from rich.console import Console

    # FORCE_COLOR must win over a terminal that calls itself dumb (an editor's shell, some CI
    # runners), where rich would detect no colours at all; NO_COLOR wins over both.
    forced = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
    # markup and emoji off: user text (notes, sources) must print as typed, and parsing costs time
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
        color_system="standard" if forced and dumb else "auto",
    )


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def write(text: str) -> None:
    sys.stdout.write(text)


def check_commit(project: Path, paths: list[Path]) -> None:
    """`--commit`: refuse before anything is written what git would refuse (with `paths`: also ignored files)."""
    from daye_plan.storage import git

    git.check_commit(project, paths)


def commit_written(project: Path, paths: list[Path], message: str, written: str) -> str:
    """`--commit` after the write: the short hash, or exit 3 saying what was written and not committed."""
    from daye_plan.storage import git

    return git.commit(project, paths, message, written)
