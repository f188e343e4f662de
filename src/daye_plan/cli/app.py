"""The Typer app, its global options (--root, --year, --version) and error handling."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from daye_plan import __version__
from daye_plan.model.errors import DayePlanError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from daye_plan.model.plan import Plan

app = typer.Typer(
    name="daye-plan",
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
    from rich.console import Console

    # markup and emoji off: user text (notes, sources) must print as typed, and parsing costs time
    return Console(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def write(text: str) -> None:
    sys.stdout.write(text)
