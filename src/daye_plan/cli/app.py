"""The Typer app, its global options (--root, --year, --region, --version), and error handling.

Every failure leaves as `error: …` lines on stderr and an exit code: a usage mistake Click
finds (a missing option, a bad value, an unknown command) as one line with exit 2, a
`DayePlanError` with its own lines and code, an OSError as one line with exit 2. The settings
that tests and reproducible runs take from the environment (today's date, pauses inside a
write) are read here and handed to the library, which reads no environment.

What a command reads (root, year, region, plan) is `cli.context`'s, handed to each command.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort

from daye_plan import __version__
from daye_plan.cli.adapter import ClickException, NoArgsIsHelpError
from daye_plan.cli.context import REGION_ENV, ROOT_ENV, YEAR_ENV, Where, where, year_from_env
from daye_plan.cli.usage import usage_message
from daye_plan.i18n import _
from daye_plan.model.errors import DayePlanError, UsageError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


CACHE_ENV = "DAYE_PLAN_CACHE"  # "off" (or 0, no, false): plans and stores are always read from their files
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
        completing = complete_var or f"_{(prog_name or 'daye-plan').replace('-', '_').upper()}_COMPLETE"
        word = os.environ.get("COMP_CWORD")
        if os.environ.get(completing) and word is not None and not word.strip().isdigit():
            # bash's completion names the word being completed by its number; anything else is no shell's
            _print_errors([_("$COMP_CWORD={text!r} is not a word number; shell completion sets it").format(text=word)])
            sys.exit(2)
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
            if not exc.filename:  # the output itself (a full disk under `> file`)
                from daye_plan import streams

                streams.failed(exc)
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
    no_args_is_help=False,  # `daye-plan` alone: the short help of `_global`, exit 0
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

P = ParamSpec("P")
R = TypeVar("R")


def _version(value: bool) -> None:
    if value:
        print(f"daye-plan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    ctx: typer.Context,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            envvar=ROOT_ENV,
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
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            envvar=REGION_ENV,
            help=_(
                "The region, where a year holds the plans of several (here or after the command, or ${name})."
            ).format(name=REGION_ENV),
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        print(short_help(ctx))
        raise typer.Exit(0)
    given = Where(root=root, year=year, region=region.strip() if region else None)
    if year is None and os.environ.get(YEAR_ENV):
        given.year, given.year_from_env = year_from_env(os.environ[YEAR_ENV]), True
    ctx.obj = given
    apply_environment()


def short_help(ctx: typer.Context) -> str:
    """What `daye-plan` alone prints: the usage, what the tool does, its commands on one line, and
    where the whole help is (`--help` prints that)."""
    group = ctx.command
    names = group.list_commands(ctx) if isinstance(group, TyperGroup) else []
    about = (group.help or "").strip().splitlines()[0] if group.help else ""
    lines = [ctx.get_usage(), "", f"  {about}", "", _("Commands: {names}").format(names=", ".join(names))]
    lines.append(_("See `daye-plan --help` for the options, and `daye-plan COMMAND --help` for a command."))
    return "\n".join(lines)


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
    from daye_plan.storage import cache

    switch = os.environ.get(CACHE_ENV, "").strip().lower()
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    cache.configure(on=switch not in ("off", "0", "no", "false"), base=Path(cache_home) if cache_home else None)


MAX_PAUSE = 3600.0  # seconds: a test's pause inside a write, never a hang


def _seconds(text: str | None, name: str) -> float:
    from daye_plan.model.errors import UsageError

    try:
        seconds = float(text) if text else 0.0
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_PAUSE:  # also NaN and infinity
        message = _("${name}={text!r} is not a number of seconds from 0 to {limit}")
        raise UsageError(message.format(name=name, text=text, limit=f"{MAX_PAUSE:.0f}")) from None
    return seconds


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


def handled(function: Callable[P, R]) -> Callable[P, R]:
    """Run a command, turning `DayePlanError` into its one-line message and exit code."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from daye_plan.model.catalog import NotInPlan

        ctx = kwargs.get("ctx")
        try:
            _check_encoding(kwargs, ctx)
            return function(*args, **kwargs)
        except NotInPlan as exc:
            asked = where(ctx).project if isinstance(ctx, typer.Context) else None
            raise fail((asked.elsewhere(exc) if asked is not None else None) or message(exc), exc.exit_code) from None
        except DayePlanError as exc:
            raise fail(message(exc), exc.exit_code) from None
        except BrokenPipeError:  # `daye-plan targets | head`: the reader left; not an error
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise fail(_("interrupted"), 130) from None

    return wrapper


def _check_encoding(given: dict[str, Any], ctx: object) -> None:
    """Refuse text on the command line that was not valid UTF-8 (a GBK terminal or batch file):
    Python keeps such bytes as lone surrogates, which no file can store and no screen can show."""
    from daye_plan.model.texts import text_problem

    for name, value in given.items():
        if not isinstance(value, str) or value.isascii():
            continue
        problem = text_problem(value, one_line=False)
        if problem is None or not any("\ud800" <= char <= "\udfff" for char in value):
            continue
        params = ctx.command.params if isinstance(ctx, typer.Context) else []
        param = next((p for p in params if p.name == name), None)
        if param is not None and param.param_type_name == "argument":
            raise UsageError(f"{(param.name or name).upper()} {problem}")
        raise UsageError(problem, argument=name)


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
        width=_width(),
    )


MIN_COLUMNS = 20  # a `COLUMNS` narrower than this is a mistake (COLUMNS=0 printed nothing), not a terminal


def _width() -> int | None:
    """The width to draw at when `COLUMNS` cannot be one (below `MIN_COLUMNS`, or not a number):
    the terminal's own, else 80; None to let rich read `COLUMNS` and the terminal as usual."""
    text = os.environ.get("COLUMNS")
    if text is None or (text.strip().isdigit() and int(text) >= MIN_COLUMNS):
        return None
    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns >= MIN_COLUMNS else 80


def show(renderable: RenderableType) -> None:
    # uncropped: what `present.terminal` makes fits the console (a grid crops itself if nothing fits),
    # and rich's cropping measures every segment again
    console().print(renderable, crop=False)


def write(text: str) -> None:
    sys.stdout.write(text)
