"""Git as a subprocess: a machine without git is told so, and what does not need git works without it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Run, snapshot

from daye_plan.storage import git

Cli = Callable[..., Run]


@pytest.fixture
def no_git(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose PATH holds no git."""
    return {"PATH": str(tmp_path_factory.mktemp("no-git-here"))}


def test_record_commit_without_git_says_git_is_missing(cli: Cli, mini: Path, no_git: dict[str, str]) -> None:
    before = snapshot(mini)
    result = cli("record", "alpha", "signed", "5", "--as-of", "2023-03-01", "--commit", "--by", "测试", env=no_git)
    assert (result.code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "error: --commit: git is missing: no `git` program on PATH; install git or leave out the commit (nothing was recorded)\n"
    )
    assert snapshot(mini) == before


def test_record_and_history_work_without_git(cli: Cli, mini: Path, no_git: dict[str, str]) -> None:
    recorded = cli("record", "alpha", "signed", "5", "--as-of", "2023-03-01", env=no_git)
    assert (recorded.code, recorded.stderr) == (0, "")
    history = cli("history", "alpha", "signed", env=no_git)
    assert history.code == 0 and "5 个" in history.stdout


def test_the_wrapper_raises_a_usage_error_about_its_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(git.GitUnavailable) as caught:
        git.run(tmp_path, "status", argument="revision")
    assert (str(caught.value), caught.value.argument, caught.value.exit_code) == (
        "git is missing: no `git` program on PATH",
        "revision",
        2,
    )
    assert git.recorder(tmp_path)  # falls back to the login name
    assert git.blame(tmp_path, tmp_path / "x.csv") is None
