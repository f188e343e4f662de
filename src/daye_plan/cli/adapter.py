"""The one place daye-plan reaches past Typer's public API, each reach said and tested.

Typer 0.2x carries its own copy of Click (`typer._click`) and exposes only part of it: its
exception classes (a usage mistake, a bad value, an unknown option) and the help formatter a
command's `--help` is written with are not re-exported. daye-plan needs them to say a usage
mistake in one line in the user's language (`cli.usage`) and to wrap help by screen columns
(`cli.helptext`). Typer's own words (`Options`, `Commands`, `default:`) come from gettext's default
domain through `typer.core._`; pointing it at our catalog is the only way to have them in Chinese.
On a Typer that no longer vendors Click, the same names come from Click itself.
`tests/test_adapter.py` checks each name is what its users expect.
"""

from __future__ import annotations

from collections.abc import Callable

from daye_plan.i18n import N_

try:  # Typer carries its own copy of Click since 0.2x
    from typer._click import exceptions as _exceptions
    from typer._click import formatting as _formatting
    from typer._click import utils as _utils
except ImportError:  # pragma: no cover - a Typer on Click itself
    from click import exceptions as _exceptions  # type: ignore[no-redef]
    from click import formatting as _formatting  # type: ignore[no-redef]
    from click import utils as _utils  # type: ignore[no-redef]

BadOptionUsage = _exceptions.BadOptionUsage
BadParameter = _exceptions.BadParameter
ClickException = _exceptions.ClickException
MissingParameter = _exceptions.MissingParameter
NoArgsIsHelpError = _exceptions.NoArgsIsHelpError
NoSuchOption = _exceptions.NoSuchOption
ClickUsageError = _exceptions.UsageError
HelpFormatter = _formatting.HelpFormatter
make_default_short_help = _utils.make_default_short_help

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


def speak_with(translate: Callable[[str], str]) -> None:
    """Typer's own words (the Options and Commands headings, `default:`, `env var:`, `No such
    command`) from `translate`, in the language of every other message."""
    import typer.core

    if callable(getattr(typer.core, "_", None)):
        setattr(typer.core, "_", translate)  # noqa: B010 - a module's name set from outside, on purpose
