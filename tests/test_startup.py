"""What start-up promises: no package metadata scanned, no pydantic plugin looked for unless the user
asks, and every command run with the collector on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import BUNDLED, REPO

# Runs `daye-plan ARGS` through the real entry point, then reports what the process ended with.
PROBE = """
import gc, os, sys
from daye_plan.launch import main
sys.argv = ["daye-plan", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print("probe:", code, gc.isenabled(), os.environ.get("PYDANTIC_DISABLE_PLUGINS"), file=sys.stderr)
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
def test_a_command_ends_with_the_collector_on_and_pydantic_plugins_off(root: Path) -> None:
    out, last = probe(root, "status", "--as-of", "2023-06-30", XDG_CACHE_HOME=str(root / "cache"))
    assert "序时进度" in out
    assert last == "probe: 0 True __all__"


@pytest.mark.slow
def test_a_users_own_plugin_setting_is_kept(root: Path) -> None:
    _, last = probe(root, "targets", "--format", "json", PYDANTIC_DISABLE_PLUGINS="some_plugin")
    assert last == "probe: 0 True some_plugin"


@pytest.mark.slow
def test_a_refusal_ends_with_the_collector_on_too(root: Path) -> None:
    _, last = probe(root, "status", "--as-of", "2023-13-01")
    assert last == "probe: 2 True __all__"


def test_the_version_alone_imports_neither_typer_nor_pydantic() -> None:
    code = "import sys; sys.argv = ['daye-plan', '--version']; from daye_plan.launch import main; main(); "
    code += "print('typer' in sys.modules, 'pydantic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "False False"
