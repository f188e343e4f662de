"""The package's shape: layers that import one way, small modules, and the contract that keeps them so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "daye_plan"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 600  # past ~400 a module is looked at for the concept to split along; past 600 it is split


def _lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=src,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


needs_import_linter = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is a dev dependency")


@pytest.mark.slow
@needs_import_linter
def test_the_layer_contract_holds_for_the_package() -> None:
    result = _lint_imports(REPO / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.slow
@needs_import_linter
@pytest.mark.parametrize(
    ("module", "wrong_import"),
    [
        ("model/units.py", "from daye_plan.storage import actuals"),  # model reaching up to storage
        ("storage/git.py", "from daye_plan.ops import progress"),  # storage reaching up to ops
        ("ops/progress.py", "from daye_plan.present import export"),  # ops reaching up to present
        ("present/export.py", "from daye_plan.cli import app"),  # present reaching up to cli
        ("ops/tracking.py", "import typer"),  # the library speaking CLI
    ],
)
def test_a_wrong_way_import_breaks_the_contract(tmp_path: Path, module: str, wrong_import: str) -> None:
    copy = tmp_path / "daye_plan"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{wrong_import}  # noqa\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout


def test_every_module_is_small() -> None:
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}


def test_every_module_says_what_it_owns() -> None:
    """House style: each module opens with a paragraph of what it owns (package markers too)."""
    import ast

    missing = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert missing == []


def test_the_readme_module_map_names_every_module_and_no_other() -> None:
    """README's Architecture section lists each module under its layer, exactly as the code has them:
    `name` is a module of the layer's folder, `sub/` (`a`, `b`) a subpackage and its modules."""
    import re

    readme = (PACKAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Architecture") :]
    listed: set[str] = set()
    for folder, text in re.findall(r"^- \*\*`([a-z_]*/)`\*\* — (.*?)(?=^- \*\*|^#|\Z)", section, flags=re.M | re.S):
        stack: list[str | None] = []
        previous = ""
        for name, opening, closing in re.findall(r"`([a-z0-9_]+/?)`|(\()|(\))", text):
            if opening:
                stack.append(previous if previous.endswith("/") else None)
            elif closing:
                stack.pop()
            elif not name.endswith("/"):
                prefix = "".join(part for part in stack if part)
                listed.add(("" if folder == "daye_plan/" else folder) + prefix + name)
            previous = name if name else previous
    actual = {
        path.relative_to(PACKAGE).with_suffix("").as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }
    assert (sorted(actual - listed), sorted(listed - actual)) == ([], [])
