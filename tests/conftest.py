"""Shared fixtures: the bundled plans, small inline plans written to tmp_path, a CLI runner, and the
messages' language: English for the whole suite (DAYE_PLAN_LANG=en, set before daye_plan is
imported, so that help made at import and subprocesses speak English too), Chinese where a test
asks for the `chinese` fixture."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

os.environ["DAYE_PLAN_LANG"] = "en"

from daye_plan import i18n
from daye_plan.cli import app
from daye_plan.model.catalog import TargetRow
from daye_plan.model.plan import PlanMeta
from daye_plan.model.records import Reading
from daye_plan.ops import judge, tracking
from daye_plan.ops.progress import Progress
from daye_plan.present import views
from daye_plan.present.table import Block
from daye_plan.storage import cache as usercache
from daye_plan.storage.plans import load_plan

i18n.use(i18n.ENGLISH)
# The suite's own cache folder (plans and stores read before), never the user's: each process of a
# run starts with an empty one, which goes with it; commands and subprocesses read it from here.
CACHE_HOME = tempfile.mkdtemp(prefix="daye-plan-test-cache-")
os.environ["XDG_CACHE_HOME"] = CACHE_HOME
atexit.register(shutil.rmtree, CACHE_HOME, True)
usercache.configure(on=True, base=Path(CACHE_HOME))  # as a command line configures it

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "plans" / "2023"
REPORT_ACTUALS = Path(__file__).resolve().parent / "fixtures" / "report" / "actuals"  # the report scenario's
SOURCE_TEXT = (BUNDLED / "source.txt").read_text(encoding="utf-8")

MINI_META = """\
region: 测试市
year: 2023
title: 测试方案
source: source.txt
version: "1"
actions: [alpha]
periods:
  annual: {label: 全年, start: 2023-01-01, end: 2023-12-31}
  q1: {label: 一季度, start: 2023-01-01, end: 2023-03-31}
"""

MINI_ACTION = """\
id: alpha
name: 招商引资
title: 招商引资行动
theme: 在加快集群强链上下功夫
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 135, quote: 新签约项目不少于135个}
      - {period: q1, cmp: ">=", value: 45, quote: 新签约项目不少于45个}
  - id: industrial
    name: 工业项目
    parent: signed
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 100, quote: 工业项目不少于100个}
  - id: tax_hours
    name: 纳税缴费时间
    unit: 小时
    kind: level
    targets:
      - {period: annual, cmp: "<=", value: 80, quote: 纳税缴费时间压减至80小时以内}
  - id: package
    name: 政策落实包
    kind: milestone
    targets:
      - {period: q1, quote: 形成政策落实包}
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


# The app as the Click command Typer makes of it, made once: `CliRunner.invoke(app)` makes it anew on
# every run (each command's signature read again, some 15 ms), and the suite runs the CLI a thousand times.
COMMAND = typer.main.get_command(app)


def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run the CLI in-process on a wide, colourless terminal so tables never wrap names away."""
    with CliRunner().isolation(env={"COLUMNS": "220", **(env or {})}) as (stdout, stderr, _):
        try:
            COMMAND.main(args=list(args), prog_name=app.info.name)
            code = 0
        except SystemExit as exc:  # the app always leaves through sys.exit, with its code
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return Run(
            code, *(text.getvalue().decode("utf-8", "replace").replace("\r\n", "\n") for text in (stdout, stderr))
        )


@pytest.fixture
def cli() -> Callable[..., Run]:
    return invoke


@pytest.fixture
def chinese() -> Iterator[None]:
    """Messages in Chinese for one test (help keeps the language it was made in, at import)."""
    i18n.use(i18n.CHINESE)
    try:
        yield
    finally:
        i18n.use(i18n.ENGLISH)


def write_plan(root: Path, meta: str = MINI_META, source: str = "测试", **actions: str) -> Path:
    """Write plans/2023/ under `root` from inline YAML (and `source` as its source.txt); returns the plan folder."""
    folder = root / "plans" / "2023"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(textwrap.dedent(meta), encoding="utf-8")
    (folder / "source.txt").write_text(source, encoding="utf-8")
    for name, text in (actions or {"alpha": MINI_ACTION}).items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A root with the small inline plan above; DAYE_PLAN_ROOT points at it."""
    write_plan(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plans (without actuals) in a fresh root; DAYE_PLAN_ROOT points at it."""
    shutil.copytree(BUNDLED, tmp_path / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


DEPARTMENTS = REPO / "tests" / "fixtures" / "report" / "departments.yaml"


def add_departments(folder: Path, overlay: Path = DEPARTMENTS) -> None:
    """Give the action files in `folder` the 牵头单位/责任单位 of `overlay`: each action's `lead` and
    `partners` after its theme line, an indicator's own `lead` after its id line; nothing else changes."""
    for action_id, found in yaml.safe_load(overlay.read_text(encoding="utf-8")).items():
        path = folder / f"{action_id}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        led = found.get("indicators", {})
        out = []
        for line in lines:
            out.append(line)
            if line.startswith("theme:"):
                out.append(f"lead: {json.dumps(found['lead'], ensure_ascii=False)}\n")
                if found.get("partners"):
                    out.append(f"partners: {json.dumps(found['partners'], ensure_ascii=False)}\n")
            elif line.startswith("  - id: ") and line[8:].strip() in led:
                out.append(f"    lead: {json.dumps(led[line[8:].strip()], ensure_ascii=False)}\n")
        path.write_text("".join(out), encoding="utf-8")


MIDYEAR = REPO / "tests" / "fixtures" / "midyear"


def write_midyear(root: Path) -> Path:
    """The mid-year scenario under `root`: the bundled plans with departments and month-end figures
    from January to June (tests/fixtures/midyear/actuals), and beside them plans/2022, the same plan
    a year earlier with last year's month-end figures (tests/fixtures/midyear/last-year). Returns
    the 2023 plan folder."""
    folder = root / "plans" / "2023"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("actuals"))
    add_departments(folder)
    shutil.copytree(MIDYEAR / "actuals", folder / "actuals")
    before = root / "plans" / "2022"
    shutil.copytree(BUNDLED, before, ignore=shutil.ignore_patterns("actuals"))
    (before / "plan.yaml").write_text(
        (BUNDLED / "plan.yaml").read_text(encoding="utf-8").replace("2023", "2022"), encoding="utf-8"
    )
    shutil.copytree(MIDYEAR / "last-year", before / "actuals")
    return folder


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to assert that a refusal changed nothing."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(scope="module")
def status_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[Block]:
    """The status screen of the bundled plans with the report scenario's actuals, at 2023-03-31."""
    folder = tmp_path_factory.mktemp("status") / "plans" / "2023"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("actuals"))
    shutil.copytree(REPORT_ACTUALS, folder / "actuals")
    plan = load_plan(folder)
    return views.status_by_action(tracking.snapshot(plan, folder, plan.actions, None, dt.date(2023, 3, 31)))


def judged(
    meta: PlanMeta, rows: Sequence[TargetRow], readings: Mapping[tuple[str, str], Sequence[Reading]], on: dt.date
) -> list[Progress]:
    """`rows` judged at `on` by the one judge, from `readings` by (action id, indicator id)."""
    return judge.judge(meta, rows, judge.Evidence(readings), on)


def judged_one(meta: PlanMeta, row: TargetRow, readings: Sequence[Reading], on: dt.date) -> Progress:
    """One target judged at `on` from its indicator's readings (sorted, one per date)."""
    [item] = judged(meta, [row], {(row.action.id, row.indicator.id): readings}, on)
    return item
