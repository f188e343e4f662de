"""预计全年, 每月需完成, 预计能否完成 in `status`: the published keys, hand-computed figures on the
fixture scenarios, the seasonal projection from last year's plan, and the terminal columns.

Every expected figure is worked out here from the fixture's numbers with `Fraction`s, never by
calling the projection code: 序时 by days is (days elapsed) / 365.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from tests.conftest import BUNDLED, Run, add_departments, write_midyear

Cli = Callable[..., Run]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report" / "actuals"
OUTLOOK_KEYS = ["projected", "needed_per_month", "projected_met", "projection", "lead"]
FIRST_KEYS = [
    *("action_id", "action", "indicator_id", "indicator", "period", "kind", "comparator", "target", "unit"),
    *("level", "quote", "actual", "as_of", "attainment", "expected", "gap", "met", "light"),
]


def two(value: Fraction) -> float:
    """Rounded half up to two decimals, as the JSON carries it."""
    return float(round(Fraction(round(value * 100 + Fraction(1, 10**9))) / 100, 2))


@pytest.fixture
def scenario(bundled: Path) -> Path:
    add_departments(bundled / "plans" / "2023")
    shutil.copytree(FIXTURE, bundled / "plans" / "2023" / "actuals")
    return bundled


@pytest.fixture
def midyear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_midyear(tmp_path)
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


def status(cli: Cli, *args: str) -> dict[tuple[str, str, str, str | None], dict[str, object]]:
    result = cli("status", *args, "-f", "json")
    assert (result.code, result.stderr) == (0, ""), result.stderr
    return {(r["action_id"], r["indicator_id"], r["period"], r["level"]): r for r in json.loads(result.stdout)}


def outlook(record: dict[str, object]) -> tuple[object, ...]:
    return tuple(record[key] for key in OUTLOOK_KEYS)


class TestKeys:
    def test_added_after_the_published_keys_in_json_and_csv(self, cli: Cli, scenario: Path) -> None:
        records = json.loads(cli("status", "--as-of", "2023-03-31", "-f", "json").stdout)
        assert all(list(record) == [*FIRST_KEYS, *OUTLOOK_KEYS, "flags", "direction", "code"] for record in records)
        rows = list(csv.reader(io.StringIO(cli("status", "--as-of", "2023-03-31", "-f", "csv").stdout)))
        assert rows[0] == [*FIRST_KEYS, *OUTLOOK_KEYS, "flags", "direction", "code"]
        signed = next(row for row in rows if row[2] == "signed_projects" and row[4] == "annual")
        assert signed[-8:] == ["202.78", "9.44", "true", "linear", "市招商服务中心", "", "up", "signed_projects"]


class TestFixtureScenario:
    """tests/fixtures/report at 2023-03-31: 90 of 365 days elapsed, 9 whole months left."""

    ELAPSED = Fraction(90, 365)

    @pytest.fixture
    def found(self, cli: Cli, scenario: Path) -> dict[tuple[str, str, str, str | None], dict[str, object]]:
        return status(cli, "--as-of", "2023-03-31")

    def test_fifty_of_135_signed_projects(
        self, found: dict[tuple[str, str, str, str | None], dict[str, object]]
    ) -> None:
        record = found[("investment", "signed_projects", "annual", None)]
        projected = Fraction(50) / self.ELAPSED  # 50 × 365 / 90 = 202.78
        needed = Fraction(135 - 50, 9)  # 9.44
        assert (two(projected), two(needed)) == (202.78, 9.44)
        assert outlook(record) == (202.78, 9.44, True, "linear", "市招商服务中心")

    @pytest.mark.parametrize(
        ("key", "actual", "target", "met", "lead"),
        [
            (("investment", "contract_investment", "annual", None), 250, 1000, True, "市招商服务中心"),
            (("investment", "industrial_projects", "annual", None), 15, 100, False, "市招商服务中心"),
            (("investment", "registered_projects", "annual", None), 18, 110, False, "市市场监管局"),
            (("projects", "higher_level_funds", "annual", "力争"), Fraction(21, 2), 100, False, "市财政局"),
            (("innovation", "tech_contract_value", "annual", None), Fraction(236, 100), 20, False, "市科技局"),
        ],
    )
    def test_linear_by_days(
        self,
        found: dict[tuple[str, str, str, str | None], dict[str, object]],
        key: tuple[str, str, str, str | None],
        actual: Fraction,
        target: int,
        met: bool,
        lead: str,
    ) -> None:
        projected = Fraction(actual) / self.ELAPSED
        assert outlook(found[key]) == (two(projected), two((target - Fraction(actual)) / 9), met, "linear", lead)

    def test_a_period_that_is_over_keeps_its_figure(
        self, found: dict[tuple[str, str, str, str | None], dict[str, object]]
    ) -> None:
        assert outlook(found[("investment", "signed_projects", "q1", None)]) == (50, None, True, None, "市招商服务中心")
        assert outlook(found[("investment", "contract_investment", "q1", None)])[:4] == (250, None, False, None)

    def test_levels_tasks_and_targets_without_data_have_none(
        self, found: dict[tuple[str, str, str, str | None], dict[str, object]]
    ) -> None:
        for key in (
            ("environment", "tax_filing_time", "annual", None),  # a level
            ("environment", "policy_package", "q1", None),  # a task
            ("investment", "stored_investment", "annual", None),  # no figure yet
        ):
            if key in found:
                assert outlook(found[key])[:4] == (None, None, None, None), key
        assert found[("civility", *next(k[1:] for k in found if k[0] == "civility"))]["lead"] is None

    def test_another_action(self, found: dict[tuple[str, str, str, str | None], dict[str, object]]) -> None:
        started = found[("projects", "started_projects", "annual", None)]  # 新开工亿元以上项目: 45 of ≥ 140
        assert outlook(started) == (two(45 / self.ELAPSED), two(Fraction(140 - 45, 9)), True, "linear", "市发改局")


def test_a_target_met_needs_nothing_more(cli: Cli, mini: Path) -> None:
    assert cli("record", "alpha", "signed", "140", "--as-of", "2023-09-30").code == 0
    found = status(cli, "--as-of", "2023-09-30")
    # met at 140 of ≥ 135: 0 a month; projected 140 × 365 / 273
    assert outlook(found[("alpha", "signed", "annual", None)]) == (
        two(Fraction(140 * 365, 273)),
        0,
        True,
        "linear",
        None,
    )
    table = cli("status", "--as-of", "2023-09-30").stdout
    assert "已完成" in next(line for line in table.splitlines() if line.startswith("新签约项目") and "全年" in line)


class TestSeasonal:
    """tests/fixtures/midyear at 2023-06-30, with plans/2022 and last year's month-end figures."""

    ELAPSED = Fraction(181, 365)

    def test_last_years_shape_where_the_repository_has_it(self, cli: Cli, midyear: Path) -> None:
        found = status(cli, "--as-of", "2023-06-30", "--action", "investment")
        # 2022: 56 signed by 06-30, 150 by 12-31; 2023: 80 by 06-30 → 80 × 150 / 56
        signed = found[("investment", "signed_projects", "annual", None)]
        assert outlook(signed) == (
            two(Fraction(80 * 150, 56)),
            two(Fraction(135 - 80, 6)),
            True,
            "seasonal",
            "市招商服务中心",
        )
        # 2022: 560 亿元 by 06-30, 820 by 12-31 (front-loaded): 520 × 820 / 560 misses 1000, where linear would not
        contract = found[("investment", "contract_investment", "annual", None)]
        assert outlook(contract)[:4] == (two(Fraction(520 * 820, 560)), 80, False, "seasonal")
        assert Fraction(520) / self.ELAPSED > 1000  # the linear figure, 1048.6, would say 可完成
        # no figures last year: linear
        industrial = found[("investment", "industrial_projects", "annual", None)]
        assert outlook(industrial)[:4] == (two(Fraction(38) / self.ELAPSED), two(Fraction(62, 6)), False, "linear")

    def test_an_alias_takes_its_owners_shape(self, cli: Cli, midyear: Path) -> None:
        found = status(cli, "--as-of", "2023-06-30", "--action", "projects")
        assert found[("projects", "signed_projects", "annual", None)]["projection"] == "seasonal"

    def test_an_invalid_plan_last_year_is_not_used(self, cli: Cli, midyear: Path) -> None:
        (midyear / "plans" / "2022" / "investment.yaml").write_text("id: [", encoding="utf-8")
        found = status(cli, "--as-of", "2023-06-30", "--action", "investment")
        assert found[("investment", "signed_projects", "annual", None)]["projection"] == "linear"

    def test_a_damaged_store_last_year_is_not_used(self, cli: Cli, midyear: Path) -> None:
        store = midyear / "plans" / "2022" / "actuals" / "investment.csv"
        store.write_text(store.read_text(encoding="utf-8") + "signed_projects,2022-13-31,1\n", encoding="utf-8")
        found = status(cli, "--as-of", "2023-06-30", "--action", "investment")
        assert found[("investment", "signed_projects", "annual", None)]["projection"] == "linear"


class TestTable:
    def test_columns_and_cells(self, cli: Cli, midyear: Path) -> None:
        table = cli("status", "--action", "investment", "--as-of", "2023-06-30").stdout
        header = next(line for line in table.splitlines() if line.startswith("指标"))
        assert header.split()[-4:] == ["预计全年", "每月需完成", "预计能否完成", "牵头单位"]
        signed = next(line for line in table.splitlines() if line.startswith("新签约亿元以上项目") and "全年" in line)
        assert "约214 个*" in signed and "10 个" in signed and "可完成" in signed  # 214.29 rounded, 9.17 rounded up
        assert "761.43 亿元*" in table and "难完成" in table
        q1 = next(line for line in table.splitlines() if line.startswith("新签约亿元以上项目") and "一季度" in line)
        assert "已完成" in q1  # a target met: no outlook to give

    def test_a_narrow_terminal_leaves_the_outlook_out_first(self, midyear: Path) -> None:
        from tests.conftest import invoke

        def header(width: int) -> list[str]:
            table = invoke("status", "-a", "investment", "--as-of", "2023-06-30", env={"COLUMNS": str(width)}).stdout
            return next(line for line in table.splitlines() if line.startswith("指标")).split()

        assert header(220)[-4:] == ["预计全年", "每月需完成", "预计能否完成", "牵头单位"]
        gone: list[str] = []  # the columns in the order a shrinking terminal leaves them out
        shown = header(220)
        for width in range(210, 59, -10):
            now = header(width)
            gone += [name for name in shown if name not in now]
            shown = now
        assert gone[:4] == ["牵头单位", "每月需完成", "预计全年", "预计能否完成"]  # the outlook goes first
        assert "灯" in shown  # the judgement stays at any width

    def test_markdown_carries_the_outlook(self, cli: Cli, scenario: Path) -> None:
        md = cli("status", "--action", "investment", "--as-of", "2023-03-31", "-f", "md").stdout
        assert "| 预计全年 | 每月需完成 | 预计能否完成 | 牵头单位 |" in md
        assert "| 约203 个 | 10 个 | 可完成 | 市招商服务中心 |" in md


def test_the_bundled_plans_name_no_department() -> None:
    from daye_plan.model import catalog
    from daye_plan.storage.plans import load_plan

    assert catalog.leads(load_plan(BUNDLED)) == []


def test_a_checkpoint_pace_is_the_same_whichever_period_is_asked(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pace: checkpoints` paces an annual target by its Q1 target, also when only the year is asked for."""
    from tests.conftest import MINI_META, write_plan

    write_plan(tmp_path, MINI_META + "pace: checkpoints\n")
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    # Q1 45 of 135 is a third of the year, due by 03-31: on 02-28, 59/90 of that third
    expected = float(round(Fraction(59, 90) * Fraction(45, 135) * 100, 2))
    for args in ((), ("-p", "annual")):
        found = status(cli, "--as-of", "2023-02-28", *args)
        assert found[("alpha", "signed", "annual", None)]["expected"] == expected == 21.85
