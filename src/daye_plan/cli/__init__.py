"""The command line: parse arguments, call the library, print, and choose the exit code.

The one place where errors become `error: path:line:col: message` lines on stderr and exit
codes (0 ok, 1 the plan has problems, 2 bad input). Each command group lives in its own
module; this one holds the app, the global options and the error handling they share.
Heavy imports (pydantic models, rich) happen inside commands, so `--version` and `--help` stay fast,
and the command modules do without `from __future__ import annotations`: Typer would otherwise
evaluate every string annotation of every command at each start (~20 ms).
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import types
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def _without_pydantic_plugins() -> None:
    """daye-plan uses no pydantic plugins. Looking them up scans every installed package's
    metadata, and merely importing pydantic's plugin loader costs ~10 ms of each start (it
    imports importlib.metadata and the email package), even when plugins are switched off.
    With every plugin off — our default; a user's own PYDANTIC_DISABLE_PLUGINS is kept — the
    loader is stood in for by one that finds none, as the real one then does; any other name
    asked of it loads the real module."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] != "__all__" or name in sys.modules:
        return
    stand_in = types.ModuleType(name, "No pydantic plugins: PYDANTIC_DISABLE_PLUGINS=__all__.")

    def real(attribute: str) -> object:
        if attribute.startswith("__"):  # the import system probing (__path__, __spec__ ...)
            raise AttributeError(attribute)
        del sys.modules[name]
        import importlib

        return getattr(importlib.import_module(name), attribute)

    stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = stand_in


_without_pydantic_plugins()

from daye_plan.cli import helptext  # noqa: E402
from daye_plan.cli.app import app  # noqa: E402
from daye_plan.i18n import N_, _  # noqa: E402

# Typer's own words in help and errors, which typer.core asks gettext for: listed for the catalog.
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)


def _typer_speaks_our_language() -> None:
    """Typer's words (the Options and Commands headings, `default:`, `env var:`, `No such command`)
    come from our catalog, in the language of every message, instead of gettext's default domain.
    Its other words are fixed English in its copy of Click (`Usage:`, the help of --help)."""
    import typer.core

    if callable(getattr(typer.core, "_", None)):
        typer.core._ = _  # type: ignore[attr-defined]


_typer_speaks_our_language()


def main() -> None:
    from daye_plan import streams

    for command in app.registered_commands:  # the collector, paused while starting, runs again for the command
        if command.callback is not None and not hasattr(command.callback, "__collecting__"):
            command.callback = _collecting(command.callback)
    streams.adapt_all()  # a GBK or ASCII console gets what it can carry
    try:
        app()
    finally:
        gc.enable()
        streams.finish()  # output that cannot be written (a full disk) is one line and exit 2


def _collecting(function: F) -> F:
    """`function`, run with the cyclic garbage collector on (`launch` pauses it while starting).

    What start-up made (modules, classes, parsers) lives until exit: frozen, the collector leaves
    it alone instead of sweeping all of it at its first pass. A command makes its objects in bulk
    and keeps most of them (a status of 10,000 indicators: a few hundred thousand cells), so the
    youngest generation is collected every 100,000 allocations rather than 700: a quarter of such
    a status went to collections that freed nothing.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        gc.freeze()
        gc.set_threshold(100_000, 50, 50)
        gc.enable()
        return function(*args, **kwargs)

    wrapper.__collecting__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


__all__ = ["app", "main"]

# Command modules register themselves on `app` when imported.
from daye_plan.cli import assign as _assign  # noqa: E402,F401
from daye_plan.cli import draft as _draft  # noqa: E402,F401
from daye_plan.cli import init as _init  # noqa: E402,F401
from daye_plan.cli import lint as _lint  # noqa: E402,F401
from daye_plan.cli import plans as _plans  # noqa: E402,F401
from daye_plan.cli import progress as _progress  # noqa: E402,F401
from daye_plan.cli import report as _report  # noqa: E402,F401
from daye_plan.cli import sheets as _sheets  # noqa: E402,F401

helptext.install(app)  # every command is registered by now: help wrapped and cut by columns, in our words
