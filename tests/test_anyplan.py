"""Any plan, any year, any county: periods known by their dates, checkpoint rules, optional headings,
the plan year chosen from --year, $DAYE_PLAN_YEAR or --as-of, and no plan written into the code."""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.conftest import BUNDLED, MINI_META, REPO, Run, add_departments, snapshot, write_plan

from daye_plan.model.plan import Period
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
PACKAGE = REPO / "src" / "daye_plan"
FIXTURE = REPO / "tests" / "fixtures" / "report" / "actuals"
GOLDEN = REPO / "tests" / "golden"
AS_OF = "2023-03-31"


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg == "help":  # a command's docstring, as translated help
            found.update(id(inner) for inner in ast.walk(node.value) if isinstance(inner, ast.Constant))
    return found


def test_no_plan_is_written_into_the_code() -> None:
    """No period id as a string, no 2023 outside docstrings (and help), no 大冶 anywhere: plans are data."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            text_constant = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
            if text_constant and (node.value in ("annual", "q1") or "2023" in node.value):
                found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
            if isinstance(node, ast.Constant) and node.value == 2023:
                found.append(f"{path.name}:{node.lineno}: 2023")
        found += [f"{path.name}: 大冶" for line in text.splitlines() if "大冶" in line]
    assert found == []


def test_help_speaks_of_any_plan(cli: Cli) -> None:
    text = cli("--help").stdout
    assert "Daye" not in text and "eight" not in text
    assert "Track a plan's targets" in text


# --- periods as data ----------------------------------------------------------------------------

RENAMED = {"period: annual": "period: year", "period: q1": "period: quarter1", "  annual: {": "  year: {"}


def renamed_copy(root: Path, pace: str | None = None, departments: bool = False) -> Path:
    """The bundled plans (and the report fixture's actuals) with the period ids year and quarter1."""
    folder = root / "plans" / "2023"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("actuals"))
    if departments:  # as the golden reports' scenario has them
        add_departments(folder)
    shutil.copytree(FIXTURE, folder / "actuals")
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in {**RENAMED, "  q1: {": "  quarter1: {"}.items():
            text = text.replace(old, new)
        if pace and path.name == "plan.yaml":
            text = text.replace("pace: days", f"pace: {pace}")
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    original = tmp_path / "original"
    shutil.copytree(BUNDLED, original / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    shutil.copytree(FIXTURE, original / "plans" / "2023" / "actuals")
    return original, renamed_copy(tmp_path / "renamed")


class TestRenamedPeriods:
    def test_the_ids_are_renamed(self, both: tuple[Path, Path]) -> None:
        plan = load_plan(both[1] / "plans" / "2023")
        assert list(plan.meta.periods) == ["year", "quarter1"]
        assert (plan.meta.year_period, plan.meta.checkpoints, plan.meta.main_period) == ("year", ["quarter1"], "year")
        assert plan.action("investment").rule_for("quarter1", plan.meta) is not None  # q1_rule: the first checkpoint

    def test_the_same_lint_findings(self, cli: Cli, both: tuple[Path, Path]) -> None:
        original, renamed = (json.loads(cli("--root", str(root), "lint", "--format", "json").stdout) for root in both)
        for finding in (*original, *renamed):
            finding["path"] = Path(finding["path"]).name
        assert renamed == original
        assert sum(f["check"] == "checkpoint-vs-year" for f in renamed) == 5

    def test_report_defaults_to_the_year_and_gives_the_same_report(self, cli: Cli, tmp_path: Path) -> None:
        renamed = renamed_copy(tmp_path / "renamed", departments=True)
        result = cli("--root", str(renamed), "report", "--as-of", AS_OF)
        assert (result.code, result.stderr) == (0, "")
        written = renamed / "reports" / f"2023-year-{AS_OF}.md"
        assert written.read_text(encoding="utf-8") == (GOLDEN / f"2023-annual-{AS_OF}.md").read_text(encoding="utf-8")
        assert cli("--root", str(renamed), "report", "-p", "quarter1", "--as-of", AS_OF, "-f", "html").code == 0
        html = (renamed / "reports" / f"2023-quarter1-{AS_OF}.html").read_text(encoding="utf-8")
        assert html == (GOLDEN / f"2023-q1-{AS_OF}.html").read_text(encoding="utf-8")

    def test_checkpoint_pacing_follows_the_dates(self, cli: Cli, tmp_path: Path) -> None:
        original = tmp_path / "original"
        shutil.copytree(BUNDLED, original / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
        shutil.copytree(FIXTURE, original / "plans" / "2023" / "actuals")
        meta = original / "plans" / "2023" / "plan.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("pace: days", "pace: checkpoints"), encoding="utf-8")
        renamed = renamed_copy(tmp_path / "renamed", pace="checkpoints")
        day = "2023-05-31"
        first, second = (
            json.loads(cli("--root", str(root), "status", "--as-of", day, "-f", "json").stdout)
            for root in (original, renamed)
        )
        names = {"annual": "year", "q1": "quarter1"}
        assert [{**r, "period": names[r["period"]]} for r in first] == second
        signed = next(r for r in second if r["indicator_id"] == "signed_projects" and r["period"] == "year")
        assert signed["expected"] == pytest.approx(33.33 + 66.67 * 61 / 275, abs=0.01)  # 45 of 135 by 03-31


class TestPeriods:
    def test_what_a_period_is_follows_its_dates(self) -> None:
        year = Period(label="全年", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
        half = Period(label="上半年", start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
        second = Period(label="二季度", start=dt.date(2024, 4, 1), end=dt.date(2024, 6, 30))
        assert (year.is_year, year.is_checkpoint) == (True, False)
        assert (half.is_year, half.is_checkpoint) == (False, True)
        assert (second.is_year, second.is_checkpoint) == (False, False)

    def test_without_a_year_period_a_report_is_about_the_longest(self, cli: Cli, tmp_path: Path) -> None:
        meta = MINI_META.replace("  annual: {label: 全年, start: 2023-01-01, end: 2023-12-31}\n", "")
        write_plan(tmp_path, meta, alpha=Q1_ONLY)
        plan = load_plan(tmp_path / "plans" / "2023")
        assert (plan.meta.year_period, plan.meta.main_period) == (None, "q1")
        result = cli("--root", str(tmp_path), "report", "--as-of", AS_OF)
        assert result.stdout.endswith(f"2023-q1-{AS_OF}.md\n")

    def test_one_span_twice_is_refused(self, cli: Cli, tmp_path: Path) -> None:
        meta = MINI_META + "  whole: {label: 全年度, start: 2023-01-01, end: 2023-12-31}\n"
        write_plan(tmp_path, meta)
        result = cli("--root", str(tmp_path), "validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0].endswith(
            "plan.yaml:1:1: periods 'annual' and 'whole' span the same days; declare each period once"
        )


Q1_ONLY = """\
id: alpha
name: 招商引资
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets:
      - {period: q1, cmp: ">=", value: 45, quote: 新签约项目不少于45个}
"""

RULES = """\
id: alpha
name: 招商引资
checkpoint_rules:
  - {period: h1, min_share: 50, quote: 上半年完成全年目标的50%以上}
indicators:
  - id: signed
    name: 新签约项目
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 100, quote: 新签约项目不少于100个}
      - {period: h1, cmp: ">=", value: 40, quote: 上半年新签约项目不少于40个}
"""
HALF = MINI_META + "  h1: {label: 上半年, start: 2023-01-01, end: 2023-06-30}\n"


class TestCheckpointRules:
    def test_a_rule_names_its_checkpoint(self, cli: Cli, tmp_path: Path) -> None:
        source = "上半年完成全年目标的50%以上。新签约项目不少于100个，上半年新签约项目不少于40个。"
        write_plan(tmp_path, HALF, source=source, alpha=RULES)
        lines = cli("--root", str(tmp_path), "lint").stdout.splitlines()
        assert lines[0].split("2023/")[-1] == (
            "alpha.yaml:12: warning: [checkpoint-vs-year] 新签约项目: 上半年 ≥ 40 个 is 40% of 全年 ≥ 100 个, "
            "below the action's 上半年 rule of 50% (“上半年完成全年目标的50%以上”)"
        )

    @pytest.mark.parametrize(
        ("rules", "meta", "message"),
        [
            (
                "checkpoint_rules:\n  - {period: h2, min_share: 50, quote: 下半年过半}\n",
                HALF,
                "alpha.yaml:4:14: period 'h2' is not declared in the plan meta (one of: annual, q1, h1)",
            ),
            (
                "checkpoint_rules:\n  - {period: annual, min_share: 50, quote: 全年过半}\n",
                HALF,
                "alpha.yaml:4:14: period 'annual' is not a checkpoint (one of: q1, h1)",
            ),
            (
                "checkpoint_rules:\n  - {period: q1, min_share: 30, quote: 一季度三成}\n"
                "q1_rule: {min_share: 30, quote: 一季度三成以上}\n",
                HALF,
                "alpha.yaml:5:10: a second checkpoint rule for period 'q1'",
            ),
            (
                "q1_rule: {min_share: 30, quote: 一季度三成以上}\n",
                MINI_META.replace("  q1: {label: 一季度, start: 2023-01-01, end: 2023-03-31}\n", ""),
                "alpha.yaml:3:10: q1_rule: the plan declares no checkpoint (a period from the year's first day "
                "to before its last)",
            ),
        ],
    )
    def test_refused(self, cli: Cli, tmp_path: Path, rules: str, meta: str, message: str) -> None:
        action = "id: alpha\nname: 招商引资\n" + rules + "indicators: []\n"
        write_plan(tmp_path, meta, alpha=action)
        before = snapshot(tmp_path)
        result = cli("--root", str(tmp_path), "validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0].split("2023/")[-1] == message
        assert snapshot(tmp_path) == before


# --- a plan being written -----------------------------------------------------------------------


class TestPlanBeingWritten:
    def test_no_theme_no_title_no_dangling_dot(self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        write_plan(tmp_path, alpha=Q1_ONLY)
        assert cli("--root", str(tmp_path), "record", "招商引资", "新签约项目", "30", "--as-of", AS_OF).code == 0
        status = cli("--root", str(tmp_path), "status", "--as-of", AS_OF).stdout
        assert "\n招商引资\n" in status and " · \n" not in status
        cli("--root", str(tmp_path), "report", "-p", "q1", "--as-of", AS_OF)
        report = (tmp_path / "reports" / f"2023-q1-{AS_OF}.md").read_text(encoding="utf-8")
        assert "### （一）招商引资\n\n| 指标" in report
        assert cli("--root", str(tmp_path), "template", "--as-of", AS_OF, "--out", "t.xlsx").code == 0

    def test_an_action_without_indicators_and_an_indicator_without_targets(self, cli: Cli, tmp_path: Path) -> None:
        meta = MINI_META.replace("actions: [alpha]", "actions: [alpha, beta]")
        empty = "id: beta\nname: 项目建设\n"
        bare = Q1_ONLY.replace(
            '    targets:\n      - {period: q1, cmp: ">=", value: 45, quote: 新签约项目不少于45个}\n', ""
        )
        write_plan(tmp_path, meta, alpha=bare, beta=empty)
        assert cli("--root", str(tmp_path), "validate").stdout == "ok: 2 actions, 1 indicator, 0 targets, 0 actuals\n"
        for command in (["status", "--as-of", AS_OF], ["targets"], ["lint", "--strict"], ["report", "--as-of", AS_OF]):
            result = cli("--root", str(tmp_path), *command)
            assert (result.code, result.stderr) == (0, ""), command


# --- the year -----------------------------------------------------------------------------------

PLAN_2024 = """\
region: 测试市
year: 2024
title: 测试市2024年方案
source: source.txt
version: "1"
actions: [alpha]
periods:
  annual: {label: 全年, start: 2024-01-01, end: 2024-12-31}
  q1: {label: 一季度, start: 2024-01-01, end: 2024-03-31}
"""
ACTION_2024 = """\
id: alpha
name: 招商引资
indicators:
  - id: total
    name: 总投资额
    unit: 亿元
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 500, quote: 总投资额不低于500亿元}
"""


@pytest.fixture
def two_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini plan for 2023 and another for 2024 beside it; today is 2024-06-30."""
    write_plan(tmp_path)
    folder = tmp_path / "plans" / "2024"
    folder.mkdir()
    (folder / "plan.yaml").write_text(PLAN_2024, encoding="utf-8")
    (folder / "alpha.yaml").write_text(ACTION_2024, encoding="utf-8")
    (folder / "source.txt").write_text("总投资额不低于500亿元", encoding="utf-8")
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    monkeypatch.setenv("DAYE_PLAN_TODAY", "2024-06-30")
    monkeypatch.delenv("DAYE_PLAN_YEAR", raising=False)
    return tmp_path


class TestYear:
    def test_latest_by_default(self, cli: Cli, two_years: Path) -> None:
        assert json.loads(cli("targets", "-f", "json").stdout)[0]["indicator"] == "总投资额"

    @pytest.mark.parametrize(
        ("args", "env"),
        [
            (["--year", "2023", "targets", "-f", "json"], {}),
            (["targets", "--year", "2023", "-f", "json"], {}),
            (["targets", "-f", "json"], {"DAYE_PLAN_YEAR": "2023"}),
            (["targets", "-f", "json", "--year", "2023"], {"DAYE_PLAN_YEAR": "2024"}),  # the option beats the env
        ],
    )
    def test_chosen(self, cli: Cli, two_years: Path, args: list[str], env: dict[str, str]) -> None:
        result = cli(*args, env=env)
        assert (result.code, json.loads(result.stdout)[0]["indicator"]) == (0, "新签约项目")

    def test_the_year_of_as_of(self, cli: Cli, two_years: Path) -> None:
        status = json.loads(cli("status", "--as-of", "2023-03-31", "-f", "json").stdout)
        assert {r["indicator"] for r in status} >= {"新签约项目"}
        result = cli("record", "招商引资", "新签约项目", "30", "--as-of", "2023-03-31")
        assert result.code == 0
        assert (two_years / "plans" / "2023" / "actuals" / "alpha.csv").is_file()
        assert not (two_years / "plans" / "2024" / "actuals").exists()

    @pytest.mark.parametrize(
        ("args", "env", "message"),
        [
            (
                ["record", "招商引资", "新签约项目", "30", "--as-of", "2024-03-31"],
                {},
                "indicator '新签约项目' of 招商引资 is not in 2024's plan; it is in 2023's: add --year 2023",
            ),
            (
                ["status", "--action", "beta"],
                {},
                "--action 'beta': no such action; valid: 招商引资 (alpha)",
            ),
            (
                ["status", "--year", "2024", "--as-of", "2023-03-31"],
                {},
                "--as-of 2023-03-31 is not in 2024's plan year; it is in 2023's: use --year 2023",
            ),
            (
                ["status", "--as-of", "2023-03-31"],
                {"DAYE_PLAN_YEAR": "2024"},
                "--as-of 2023-03-31 is not in 2024's plan year; it is in 2023's: use --year 2023 "
                "($DAYE_PLAN_YEAR says 2024)",
            ),
            (
                ["history", "招商引资", "总投资额", "--year", "2023"],
                {},
                "indicator '总投资额' of 招商引资 is not in 2023's plan; it is in 2024's: use --year 2024",
            ),
            (
                ["--year", "2023", "status", "--year", "2024"],
                {},
                "--year 2023 before the command and --year 2024 after it; give one",
            ),
            (["status"], {"DAYE_PLAN_YEAR": "24"}, "$DAYE_PLAN_YEAR='24' is not a year (such as 2024)"),
            (["status", "--year", "2022"], {}, "--year 2022: no such plan; available: 2023, 2024"),
        ],
    )
    def test_refused_with_the_year_that_fits(
        self, cli: Cli, two_years: Path, args: list[str], env: dict[str, str], message: str
    ) -> None:
        before = snapshot(two_years)
        result = cli(*args, env=env)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert snapshot(two_years) == before

    def test_an_action_of_another_year(self, cli: Cli, two_years: Path) -> None:
        folder = two_years / "plans" / "2023"
        (folder / "plan.yaml").write_text(MINI_META.replace("[alpha]", "[alpha, beta]"), encoding="utf-8")
        (folder / "beta.yaml").write_text(Q1_ONLY.replace("alpha", "beta").replace("招商引资", "项目建设"), "utf-8")
        result = cli("status", "--action", "项目建设")
        assert result.stderr == "error: action '项目建设' is not in 2024's plan; it is in 2023's: add --year 2023\n"


def test_the_guide_sheet_follows_the_plan(cli: Cli, two_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(two_years)
    assert cli("template", "--as-of", "2024-03-31", "--out", "t.xlsx").code == 0
    book = load_workbook(io.BytesIO((Path.cwd() / "t.xlsx").read_bytes()))
    text = "\n".join(str(cell.value) for row in book["说明"].iter_rows() for cell in row if cell.value)
    assert "测试市 · 测试市2024年方案" in text
    assert "截至日期可写 2024-03-31、2024.3.31 或 2024年3月31日" in text
    assert "（全年/一季度、确保/力争）" in text
    assert not re.search(r"2023|大冶", text)


def test_checkpoint_pacing_uses_the_checkpoint_that_has_a_target(tmp_path: Path) -> None:
    """With 一季度 and 上半年 declared, an indicator with a 一季度 target only is paced through 一季度."""
    from decimal import Decimal

    from tests.conftest import judged

    from daye_plan.model.catalog import target_rows

    meta = HALF.replace("version:", "pace: checkpoints\nversion:")
    plan = load_plan(write_plan(tmp_path, meta))
    rows = [r for r in target_rows(plan, plan.actions) if r.indicator.id == "signed"]
    year = next(item for item in judged(plan.meta, rows, {}, dt.date(2023, 3, 31)) if item.row.period.is_year)
    assert year.expected is not None
    assert round(year.expected, 2) == round(Decimal(45) / Decimal(135) * 100, 2)  # 45 of 135 due by 03-31
