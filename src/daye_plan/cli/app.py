"""The Typer app, its global options (--root, --year, --version), the plan year, and error handling.

Every failure leaves as `error: …` lines on stderr and an exit code: a usage mistake Click
finds (a missing option, a bad value, an unknown command) as one line with exit 2, a
`DayePlanError` with its own lines and code, an OSError as one line with exit 2. The settings
that tests and reproducible runs take from the environment (today's date, pauses inside a
write) are read here and handed to the library, which reads no environment.

The plan year is `--year` after the command (`YearOption`, declared by every command that
reads a plan) or before it, else `$DAYE_PLAN_YEAR`, else the year of the command's `--as-of`
when a plan for it exists, else the latest under plans/. A name the chosen year's plan does not
know, but another year's does, is said so (`… is not in 2025's plan; it is in 2024's: add
--year 2024`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

try:  # Typer carries its own copy of Click since 0.2x
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer._click.globals import get_current_context
    from typer.exceptions import Abort
except ImportError:  # pragma: no cover - older Typer, on Click itself
    from click import get_current_context  # type: ignore[no-redef]
    from click.exceptions import Abort, ClickException, NoArgsIsHelpError  # type: ignore[assignment]

from daye_plan import __version__
from daye_plan.cli.usage import usage_message
from daye_plan.i18n import _
from daye_plan.model.errors import DayePlanError, UsageError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from daye_plan.model.catalog import NotInPlan
    from daye_plan.model.plan import Plan

YEAR_ENV = "DAYE_PLAN_YEAR"  # the plan year, as --year gives it
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
            _print_errors([_("aborted")])
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


def error_line(line: str) -> str:
    """One line of an error as printed: `error: …` (错误：… in Chinese)."""
    return _("error: {message}").format(message=line)


def _print_errors(lines: list[str]) -> None:
    for line in lines or [""]:
        print(error_line(line), file=sys.stderr)


app = typer.Typer(
    name="daye-plan",
    cls=OneLineErrors,
    help=_("Track a plan's targets from plain files in git: start and check the plans, record actuals, see progress."),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    root: Path | None = None
    year: int | None = None  # --year before the command, or $DAYE_PLAN_YEAR
    year_from_env: bool = False


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
            "--root",
            envvar="DAYE_PLAN_ROOT",
            help=_("Project root holding plans/ (default: nearest one upward)."),
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=_(
                "Plan year, here or after the command (or ${name}; default: the year of --as-of, else the "
                "latest under plans/)."
            ).format(name=YEAR_ENV),
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))
    ] = False,
) -> None:
    SETTINGS.root = root
    SETTINGS.year, SETTINGS.year_from_env = year, False
    if year is None and os.environ.get(YEAR_ENV):
        SETTINGS.year, SETTINGS.year_from_env = _year_from_env(os.environ[YEAR_ENV]), True
    apply_environment()


def _year_from_env(text: str) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise UsageError(_("${name}={text!r} is not a year (such as 2024)").format(name=YEAR_ENV, text=text))
    return int(text)


# `--year` after the command: every command that reads a plan declares it (the value is read from the
# command's own parameters, by `plan_year`), so that `daye-plan status --year 2024` works as well as
# `daye-plan --year 2024 status`.
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        help=_(
            "Plan year (also before the command, or ${name}; default: the year of --as-of, else the latest)."
        ).format(name=YEAR_ENV),
    ),
]


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
        raise UsageError(_("${name}={text!r} is not a number of seconds").format(name=name, text=text)) from None


def fail(message: str, code: int) -> typer.Exit:
    """Print `error: message` (one line per problem) on stderr; return the Exit to raise."""
    for line in message.splitlines() or [message]:
        print(error_line(line), file=sys.stderr)
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
        from daye_plan.model.catalog import NotInPlan

        try:
            return function(*args, **kwargs)
        except NotInPlan as exc:
            raise fail(elsewhere(exc) or message(exc), exc.exit_code) from None
        except DayePlanError as exc:
            raise fail(message(exc), exc.exit_code) from None
        except BrokenPipeError:  # `daye-plan targets | head`: the reader left; not an error
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise fail(_("interrupted"), 130) from None

    return wrapper  # type: ignore[return-value]


def root() -> Path:
    from daye_plan.storage.plans import find_root

    return find_root(SETTINGS.root)


def plan_dir() -> Path:
    from daye_plan.storage.plans import plan_dir as locate

    return locate(root(), plan_year()[0])


def _command_parameter(name: str) -> object:
    context = get_current_context(silent=True)
    return None if context is None else context.params.get(name)


def plan_year() -> tuple[int | None, str]:
    """The year to read, and how it was chosen: `option`, `env`, `as_of` or `latest` (None: the latest)."""
    here = _command_parameter("year")
    if isinstance(here, int):
        if SETTINGS.year is not None and not SETTINGS.year_from_env and SETTINGS.year != here:
            raise UsageError(
                _("--year {before} before the command and --year {after} after it; give one").format(
                    before=SETTINGS.year, after=here
                )
            )
        chosen, how = here, "option"
    elif SETTINGS.year is not None:
        chosen, how = SETTINGS.year, "env" if SETTINGS.year_from_env else "option"
    else:
        dated = _as_of_year()
        if dated is not None and dated in _years():
            return dated, "as_of"
        return None, "latest"
    dated = _as_of_year()
    if dated is not None and dated != chosen and dated in _years() and chosen in _years():
        as_of = _command_parameter("as_of")
        if how == "env":
            said = _(
                "--as-of {as_of} is not in {chosen}'s plan year; it is in {dated}'s: use --year {dated} (${name} says {chosen})"
            )
        else:
            said = _("--as-of {as_of} is not in {chosen}'s plan year; it is in {dated}'s: use --year {dated}")
        raise UsageError(said.format(as_of=as_of, chosen=chosen, dated=dated, name=YEAR_ENV))
    return chosen, how


def _as_of_year() -> int | None:
    """The year of the command's `--as-of`, when it starts with one (2024-03-31, 2024.3.31, 2024年3月31日)."""
    text = _command_parameter("as_of")
    found = re.match(r"\s*(\d{4})(?!\d)", text) if isinstance(text, str) else None
    return int(found.group(1)) if found else None


def _years() -> list[int]:
    from daye_plan.storage.plans import years

    return years(root())


def elsewhere(exc: NotInPlan) -> str | None:
    """`… is not in 2025's plan; it is in 2024's: add --year 2024`, when another year's plan has the name."""
    from daye_plan.model import catalog
    from daye_plan.storage.plans import load_plan
    from daye_plan.storage.plans import plan_dir as locate

    year, how = plan_year()
    available = _years()
    current = year if year is not None else (available[-1] if available else None)
    others = sorted((y for y in available if y != current), key=lambda y: (abs(y - (current or y)), -y))
    for other in others:
        try:
            plan = load_plan(locate(root(), other))
        except DayePlanError:
            continue
        if catalog.knows(plan, exc):
            if how in ("as_of", "latest"):
                said = _("{what} is not in {year}'s plan; it is in {other}'s: add --year {other}")
            elif how == "env":
                said = _("{what} is not in {year}'s plan; it is in {other}'s: use --year {other} (${name} says {year})")
            else:
                said = _("{what} is not in {year}'s plan; it is in {other}'s: use --year {other}")
            return said.format(what=exc.what, year=current or other, other=other, name=YEAR_ENV)
    return None


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
    # uncropped: what `present.terminal` makes fits the console (a grid crops itself if nothing fits),
    # and rich's cropping measures every segment again
    console().print(renderable, crop=False)


def write(text: str) -> None:
    sys.stdout.write(text)


def check_commit(project: Path, paths: list[Path]) -> None:
    """`--commit`: refuse before anything is written what git would refuse (with `paths`: also ignored files)."""
    from daye_plan.storage import git

    git.check_commit(project, paths)


@contextlib.contextmanager
def committing(project: Path, paths: list[Path], commit: bool) -> Iterator[None]:
    """With `--commit`, the write and its commit under the repository's commit lock (checked again
    there); without, nothing."""
    if not commit:
        yield
        return
    from daye_plan.storage import git

    with git.committing(project, paths):
        yield


def commit_written(project: Path, lines: dict[Path, bytes], message: str, written: str) -> str:
    """`--commit` after the write: the short hash, or exit 3 saying what was written and not committed
    (only when the lines written, `lines` per store, are truly not in HEAD)."""
    from daye_plan.storage import git

    return git.commit(project, list(lines), message, written, lines)
