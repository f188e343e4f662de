"""What start-up skips stays skipped, and skipping it changes nothing a command does."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import BUNDLED, REPO

# Runs `daye-plan ARGS` through the real entry point, then reports what the process ended with.
PROBE = """
import gc, sys
from daye_plan.launch import main
sys.argv = ["daye-plan", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
import pydantic.plugin._loader as loader
print("probe:", code, "importlib.metadata" in sys.modules, gc.isenabled(), list(loader.get_plugins()), file=sys.stderr)
"""


def probe(root: Path, *args: str, **env: str) -> tuple[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYDANTIC_", "DAYE_PLAN_"))}
    environment.update(PYTHONPATH=str(REPO / "src"), DAYE_PLAN_ROOT=str(root), COLUMNS="200", **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=environment, capture_output=True, text=True, check=False, timeout=60
    )
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("probe:"), result.stderr
    return result.stdout, last


@pytest.fixture
def root(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(BUNDLED, tmp_path / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    return tmp_path


@pytest.mark.slow
def test_status_never_loads_package_metadata_and_ends_with_the_collector_on(root: Path) -> None:
    out, last = probe(root, "status", "--as-of", "2023-06-30", XDG_CACHE_HOME=str(root / "cache"))
    assert "序时进度" in out
    assert last == "probe: 0 False True []"


@pytest.mark.slow
def test_a_users_own_plugin_setting_gets_the_real_loader(root: Path) -> None:
    _, last = probe(root, "targets", "--format", "json", PYDANTIC_DISABLE_PLUGINS="some_plugin")
    assert last == "probe: 0 True True []"


@pytest.mark.slow
def test_a_refusal_ends_with_the_collector_on_too(root: Path) -> None:
    _, last = probe(root, "status", "--as-of", "2023-13-01")
    assert last == "probe: 2 False True []"


def test_the_stand_in_loader_finds_no_plugins_and_hands_anything_else_to_the_real_one() -> None:
    # conftest imported daye_plan.cli first, which put the stand-in in place
    loader = importlib.import_module("pydantic.plugin._loader")
    assert list(loader.get_plugins()) == []
    assert loader.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
