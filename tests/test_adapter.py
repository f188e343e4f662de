"""The adapter's reaches past Typer's public API still find what their users expect."""

from __future__ import annotations

import typer.core
from typer.testing import CliRunner

from daye_plan.cli import adapter, app
from daye_plan.i18n import _


def test_the_click_names_are_the_ones_typer_raises_and_uses() -> None:
    assert issubclass(adapter.ClickUsageError, adapter.ClickException)
    for name in ("BadOptionUsage", "BadParameter", "MissingParameter", "NoSuchOption"):
        assert issubclass(getattr(adapter, name), adapter.ClickUsageError), name
    assert issubclass(adapter.NoArgsIsHelpError, adapter.ClickUsageError)
    assert hasattr(adapter.HelpFormatter, "write_usage") and hasattr(adapter.HelpFormatter, "write_dl")
    assert adapter.make_default_short_help("Record an actual figure. More.") == "Record an actual figure."


def test_a_usage_mistake_is_raised_as_the_adapters_class() -> None:
    command = typer.main.get_command(app)
    try:
        command.main(["status", "--no-such-option"], standalone_mode=False)
    except Exception as exc:
        assert isinstance(exc, adapter.NoSuchOption)
    else:  # pragma: no cover - a usage mistake must raise
        raise AssertionError("no usage error")


def test_typer_speaks_with_our_catalog() -> None:
    assert getattr(typer.core, "_", None) is _
    assert CliRunner().invoke(app, ["--help"]).exit_code == 0
