"""Every command is documented: `--help` with an example, and README.md; the pre-commit hooks run real commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import yaml
from tests.conftest import REPO, Run

from daye_plan import __version__
from daye_plan.cli import app

Cli = Callable[..., Run]
README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(getattr(typer.main.get_command(app), "commands", {}))
DOCUMENTED = set(re.findall(r"daye-plan ([a-z][a-z-]*)", README))


def test_there_are_commands() -> None:
    assert {"validate", "targets", "record", "status", "history", "template", "import", "diff"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0, result.stderr
    examples = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Example:")]
    assert examples, f"`daye-plan {command} --help` has no 'Example:' line"
    assert examples[0].startswith(f"Example: daye-plan {command}"), examples[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_the_command(command: str) -> None:
    assert command in DOCUMENTED, f"README.md never shows `daye-plan {command}`"


def test_version(cli: Cli) -> None:
    assert cli("--version").stdout == f"daye-plan {__version__}\n"


def test_pre_commit_hooks_run_registered_commands() -> None:
    hooks = yaml.safe_load(Path(REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["daye-plan-validate", "daye-plan-lint"]
    assert [hook["entry"] for hook in hooks] == ["daye-plan validate", "daye-plan lint --strict"]
    for hook in hooks:
        program, command, *_ = hook["entry"].split()
        assert (program, hook["language"], hook["pass_filenames"], hook["files"]) == (
            "daye-plan",
            "python",
            False,
            "^plans/",
        )
        assert command in COMMANDS


@pytest.mark.slow  # runs every line of the tour in a fresh process
def test_the_readme_tour_works_as_printed(tmp_path: Path) -> None:
    """Each command of "A short tour", in order, on a copy of the bundled plans: exit 0, or 2 where
    the line says it is refused."""
    import shlex
    import shutil
    import subprocess
    import sys

    from tests.conftest import BUNDLED, REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A short tour", 1)[1].split("\n\n", 2)[1]
    shutil.copytree(BUNDLED, tmp_path / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    daye_plan = Path(sys.executable).with_name("daye-plan")
    for line in tour.splitlines():
        command, _, comment = line.strip().partition("#")
        words = shlex.split(command)
        assert words[0] == "daye-plan", line
        if ">" in words:  # a redirect: the shell's, not the command's
            words = words[: words.index(">")]
        result = subprocess.run(
            [str(daye_plan), *words[1:]], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=120
        )
        expected = 2 if "refused" in comment else 0
        assert result.returncode == expected, (line, result.stderr)
