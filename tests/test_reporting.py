"""Late, missing and stale figures: the flags of a judged target, at their boundaries, in status, --missing and the report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import MINI_ACTION, MINI_META, Run, snapshot, write_plan

from daye_plan.model.plan import Frequency, Plan, PlanMeta
from daye_plan.ops import reporting, tracking
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
D = dt.date
CADENCE = MINI_META + "cadence: {every: month, due_day: 10}\n"
LEAD_ACTION = MINI_ACTION.replace("    name: 新签约项目\n", "    name: 新签约项目\n    lead: 市招商服务中心\n").replace(
    "    name: 工业项目\n", "    name: 工业项目\n    lead: 市经信局\n"
)


def meta(cadence: str | None = "month", due_day: int = 10) -> PlanMeta:
    extra = {} if cadence is None else {"cadence": {"every": cadence, "due_day": due_day}}
    return PlanMeta(
        region="测试市",
        year=2023,
        title="t",
        source="s",
        version="1",
        actions=["alpha"],
        periods={
            "annual": {"label": "全年", "start": D(2023, 1, 1), "end": D(2023, 12, 31)},
            "q1": {"label": "一季度", "start": D(2023, 1, 1), "end": D(2023, 3, 31)},
        },
        **extra,
    )


@pytest.fixture
def plan_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    def make(meta_text: str = MINI_META, action: str = MINI_ACTION) -> Path:
        write_plan(tmp_path, meta_text, alpha=action)
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
        monkeypatch.setenv("DAYE_PLAN_TODAY", "2023-12-31")
        return tmp_path

    return make


def judged(root: Path, on: str) -> dict[tuple[str, str], tuple[str, list[str], str | None]]:
    """(indicator, period) → (light, flags, as_of of the figure judged)."""
    folder = root / "plans" / "2023"
    plan = load_plan(folder)
    snap = tracking.snapshot(plan, folder, plan.actions, None, D.fromisoformat(on))
    return {
        (i.row.indicator.id, i.row.target.period): (
            i.light.value,
            list(i.flags),
            i.reading.as_of.isoformat() if i.reading else None,
        )
        for i in snap.items
        if i.is_floor
    }


class TestDueDates:
    @pytest.mark.parametrize(
        ("on", "due"),
        [
            (D(2023, 6, 9), D(2023, 4, 30)),  # June's due day still to come: April's figures were the last due
            (D(2023, 6, 10), D(2023, 5, 31)),  # on the due day, May's are due
            (D(2023, 1, 10), D(2022, 12, 31)),
            (D(2023, 3, 9), D(2023, 1, 31)),
        ],
    )
    def test_monthly(self, on: dt.date, due: dt.date) -> None:
        assert reporting.last_due_month(meta(), on) == due

    @pytest.mark.parametrize(
        ("on", "due"),
        [
            (D(2023, 4, 14), D(2022, 12, 31)),
            (D(2023, 4, 15), D(2023, 3, 31)),
            (D(2023, 6, 30), D(2023, 3, 31)),
            (D(2023, 7, 15), D(2023, 6, 30)),
            (D(2023, 12, 31), D(2023, 9, 30)),
        ],
    )
    def test_quarterly(self, on: dt.date, due: dt.date) -> None:
        assert reporting.last_due_month(meta("quarter", 15), on) == due

    def test_a_due_day_past_a_short_months_end_is_its_last_day(self) -> None:
        assert reporting.due_date(meta(due_day=31), D(2023, 1, 31)) == D(2023, 2, 28)
        assert reporting.last_due_month(meta(due_day=31), D(2023, 2, 28)) == D(2023, 1, 31)

    def test_without_a_cadence_nothing_is_due_but_a_periods_end(self) -> None:
        assert reporting.last_due_month(meta(None), D(2023, 6, 30)) is None
        assert reporting.due_date(meta(None), D(2023, 3, 31)) == D(2023, 3, 31)

    @given(st.dates(min_value=D(2023, 1, 1), max_value=D(2023, 12, 31)), st.integers(min_value=1, max_value=31))
    def test_the_month_due_is_the_one_before_the_last_due_date(self, on: dt.date, due_day: int) -> None:
        plan = meta(due_day=due_day)
        month_end = reporting.last_due_month(plan, on)
        assert month_end is not None and (month_end + dt.timedelta(days=1)).day == 1
        assert reporting.due_date(plan, month_end) <= on  # it was due by now ...
        following_end = (month_end + dt.timedelta(days=1)).replace(day=28) + dt.timedelta(days=4)
        following_end = following_end.replace(day=1) - dt.timedelta(days=1)
        assert reporting.due_date(plan, following_end) > on  # ... and the next month's is not yet


class TestLate:
    def test_a_checkpoint_task_reported_after_its_end_is_judged_on_it(
        self, cli: Cli, plan_root: Callable[..., Path]
    ) -> None:
        root = plan_root()
        assert cli("record", "alpha", "package", "done", "--as-of", "2023-06-30").code == 0
        assert judged(root, "2023-06-30")[("package", "q1")] == ("green", ["late"], "2023-06-30")
        assert judged(root, "2023-03-31")[("package", "q1")] == ("grey", [], None)  # not yet reported, not yet due
        table = cli("status", "--as-of", "2023-06-30").stdout
        assert "逾期完成" in table

    def test_late_and_still_not_met_is_red(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root()
        cli("record", "alpha", "signed", "40", "--as-of", "2023-04-30")
        assert judged(root, "2023-05-31")[("signed", "q1")] == ("red", ["late"], "2023-04-30")
        records = json.loads(cli("status", "--as-of", "2023-05-31", "-f", "json").stdout)
        q1 = next(r for r in records if (r["indicator_id"], r["period"]) == ("signed", "q1"))
        assert (q1["actual"], q1["light"], q1["flags"]) == (40, "red", ["late"])
        assert "逾期未完成" in cli("status", "--as-of", "2023-05-31").stdout

    @pytest.mark.parametrize(("day", "late"), [("2023-03-31", False), ("2023-04-01", True)])
    def test_the_boundary_is_the_periods_last_day(
        self, cli: Cli, plan_root: Callable[..., Path], day: str, late: bool
    ) -> None:
        root = plan_root()
        cli("record", "alpha", "signed", "50", "--as-of", day)
        light, flags, as_of = judged(root, "2023-06-30")[("signed", "q1")]
        assert (light, flags, as_of) == ("green", ["late"] if late else [], day)


class TestMissing:
    @pytest.mark.parametrize(("on", "light"), [("2023-03-31", "grey"), ("2023-04-01", "red")])
    def test_a_checkpoint_target_never_reported_is_red_after_its_end(
        self, plan_root: Callable[..., Path], on: str, light: str
    ) -> None:
        root = plan_root()
        found = judged(root, on)
        assert found[("signed", "q1")][:2] == (light, ["missing"] if light == "red" else [])
        assert found[("package", "q1")][:2] == (light, ["missing"] if light == "red" else [])
        assert found[("signed", "annual")][:2] == ("grey", [])  # no cadence: the year's figure is not due yet

    @pytest.mark.parametrize(("on", "light"), [("2023-04-10", "grey"), ("2023-04-11", "red")])
    def test_with_a_cadence_it_is_due_by_the_due_day(self, plan_root: Callable[..., Path], on: str, light: str) -> None:
        root = plan_root(CADENCE)
        light_found, flags, _ = judged(root, on)[("signed", "q1")]
        assert light_found == light
        assert flags == ["missing"]  # February's figure was due by 03-10 already

    def test_in_the_lagging_list_and_the_report(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root()
        cli("record", "alpha", "tax_hours", "90", "--as-of", "2023-03-31")
        result = cli("report", "--period", "q1", "--as-of", "2023-04-30")
        assert result.code == 0, result.stderr
        text = (root / "reports" / "2023-q1-2023-04-30.md").read_text(encoding="utf-8")
        assert "滞后2项（黄灯0项、红灯2项），暂无数据0项" in text
        assert "报送方面，未报送2项。" in text
        assert "| 1 | 🔴 红 | 招商引资 | 新签约项目 | ≥ 45 个 | — | 未报送 | — | 100.0% | — | — |" in text
        assert "| 政策落实包 | 未报送 | 未报送 | 🔴 红 |" in text


class TestStale:
    @pytest.mark.parametrize(
        ("on", "figure", "stale"),
        [
            ("2023-06-09", "2023-04-30", False),  # May's figures are due on 06-10
            ("2023-06-10", "2023-04-30", True),
            ("2023-06-10", "2023-05-01", False),  # a figure of May, however early in it
            ("2023-06-10", "2023-05-31", False),
        ],
    )
    def test_older_than_the_month_due(
        self, cli: Cli, plan_root: Callable[..., Path], on: str, figure: str, stale: bool
    ) -> None:
        root = plan_root(CADENCE)
        cli("record", "alpha", "signed", "60", "--as-of", figure)
        flags = judged(root, on)[("signed", "annual")][1]
        assert flags == (["stale"] if stale else [])
        assert judged(root, on)[("package", "q1")][1] == ["missing"]  # a task is due at its period's end only

    def test_a_checkpoint_judged_on_its_last_month(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root(CADENCE)
        cli("record", "alpha", "signed", "30", "--as-of", "2023-02-28")
        assert judged(root, "2023-06-30")[("signed", "q1")] == ("red", ["stale"], "2023-02-28")
        cli("record", "alpha", "signed", "50", "--as-of", "2023-03-31")
        assert judged(root, "2023-06-30")[("signed", "q1")] == ("green", [], "2023-03-31")

    def test_without_a_cadence_nothing_is_stale(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root()
        cli("record", "alpha", "signed", "60", "--as-of", "2023-01-31")
        assert judged(root, "2023-11-30")[("signed", "annual")][1] == []

    def test_csv_joins_the_flags(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        plan_root(CADENCE)
        cli("record", "alpha", "signed", "10000", "--as-of", "2023-01-31", "--confirm")  # 74× the target
        rows = list(csv.DictReader(io.StringIO(cli("status", "--as-of", "2023-06-30", "-f", "csv").stdout)))
        assert list(rows[0])[-3:] == ["flags", "direction", "code"]
        assert [(r["indicator_id"], r["period"], r["flags"]) for r in rows[:2]] == [
            ("signed", "annual", "stale;confirmed"),
            ("signed", "q1", "stale;confirmed"),
        ]


class TestConfirmed:
    def test_the_figure_shown_carries_its_confirmation(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root()
        cli("record", "alpha", "signed", "50", "--as-of", "2023-02-28")
        cli("record", "alpha", "signed", "9", "--as-of", "2023-03-31", "--confirm")
        assert judged(root, "2023-03-31")[("signed", "annual")][1] == ["confirmed"]
        assert judged(root, "2023-03-15")[("signed", "annual")][1] == []  # judged on 02-28's figure
        md = cli("status", "--as-of", "2023-03-31", "-f", "md").stdout
        assert "| 灯 | 标记 |" in md.splitlines()[2] and "| 已确认 |" in md
        cli("record", "alpha", "signed", "60", "--as-of", "2023-03-31")  # superseded without a doubt
        assert judged(root, "2023-03-31")[("signed", "annual")][1] == []


class TestMissingList:
    def test_per_action_and_per_lead(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root(CADENCE, LEAD_ACTION)
        cli("record", "alpha", "signed", "20", "--as-of", "2023-01-31")
        before = snapshot(root)
        result = cli("status", "--missing", "--as-of", "2023-04-20")
        assert (result.code, result.stderr) == (0, "")
        lines = [line.rstrip() for line in result.stdout.splitlines()]
        assert lines[0] == "测试市 · 未报送及过期数据 · 截至 2023-04-20"
        assert "新签约项目    市招商服务中心  数据过期  2023-01-31  2023-03-31  全年、一季度" in lines
        assert "工业项目      市经信局        未报送    —           2023-03-31  全年" in lines
        assert "纳税缴费时间  —               未报送    —           2023-03-31  全年" in lines
        assert "政策落实包    —               未报送    —           2023-03-31  一季度" in lines
        assert "按牵头单位" in lines
        assert "市招商服务中心       0         1  新签约项目" in lines
        records = json.loads(cli("status", "--missing", "--as-of", "2023-04-20", "-f", "json").stdout)
        assert records[0] == {
            "action_id": "alpha",
            "action": "招商引资",
            "indicator_id": "signed",
            "indicator": "新签约项目",
            "lead": "市招商服务中心",
            "state": "stale",
            "latest": "2023-01-31",
            "due": "2023-03-31",
            "periods": ["annual", "q1"],
        }
        assert snapshot(root) == before

    def test_nothing_missing(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        plan_root()
        result = cli("status", "--missing", "--as-of", "2023-03-31")
        assert result.stdout.splitlines()[-1] == "没有未报送或过期的数据"
        assert cli("status", "--missing", "--as-of", "2023-03-31", "-f", "json").stdout == "[]\n"


class TestReport:
    def test_late_stale_and_confirmed_marks_beside_the_date(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root(CADENCE)
        cli("record", "alpha", "package", "done", "--as-of", "2023-05-31")  # a 一季度 task, done late
        cli("record", "alpha", "signed", "60", "--as-of", "2023-04-30")  # 一季度 late; 全年 stale by 07-10
        cli("record", "alpha", "tax_hours", "100", "--as-of", "2023-05-31")
        cli("record", "alpha", "tax_hours", "0.05", "--as-of", "2023-06-30", "--confirm")  # < 1/1000 of 80: doubted
        result = cli("report", "--period", "annual", "--as-of", "2023-07-15")
        assert result.code == 0, result.stderr
        text = (root / "reports" / "2023-annual-2023-07-15.md").read_text(encoding="utf-8")
        assert "| 新签约项目 | ≥ 135 个 | 60 个 | 04-30（数据过期） |" in text
        assert "| 纳税缴费时间 | ≤ 80 小时 | 0.05 小时 | 06-30（已确认） |" in text
        assert "报送方面，未报送1项、数据过期1项。" in text  # 工业项目 never reported; floors only
        q1 = cli("report", "--period", "q1", "--as-of", "2023-07-15")
        assert q1.code == 0, q1.stderr
        text = (root / "reports" / "2023-q1-2023-07-15.md").read_text(encoding="utf-8")
        assert "| 新签约项目 | ≥ 45 个 | 60 个 | 04-30（逾期完成） |" in text
        assert "| 政策落实包 | ☑ 已完成 | 05-31（逾期完成） | 🟢 绿 |" in text
        assert "报送方面，逾期报送2项。" in text


@given(st.dates(min_value=D(2023, 1, 1), max_value=D(2023, 12, 31)), st.integers(min_value=0, max_value=200))
def test_a_checkpoint_figure_is_late_exactly_when_dated_after_the_periods_end(figure: dt.date, days: int) -> None:
    from tests.conftest import judged

    from daye_plan.model.catalog import target_rows
    from daye_plan.model.records import Reading

    on = min(figure + dt.timedelta(days=days), D(2023, 12, 31))
    rows = [r for r in target_rows(PLAN, PLAN.actions) if (r.indicator.id, r.target.period) == ("signed", "q1")]
    after = figure + dt.timedelta(days=1)  # a later, larger total, when the figure itself came late
    later = [Reading(Decimal(90), after)] if D(2023, 3, 31) < figure < after <= on else []
    readings = {("alpha", "signed"): [Reading(Decimal(50), figure), *later]}
    [item] = judged(PLAN.meta, rows, readings, on)
    assert ("late" in item.flags) == (figure > D(2023, 3, 31))
    # judged on it, in time or late: a later year-to-date total never inflates a late checkpoint
    assert item.reading is not None and item.reading.as_of == figure and item.reading.value == 50
    assert "missing" not in item.flags


def _mini_plan() -> Plan:
    with tempfile.TemporaryDirectory() as folder:
        return load_plan(write_plan(Path(folder)))


PLAN = _mini_plan()


def test_missing_and_behind_exclude_each_other(cli: Cli, plan_root: Callable[..., Path]) -> None:
    root = plan_root()
    before = snapshot(root)
    result = cli("status", "--missing", "--behind")
    assert (result.code, result.stdout, result.stderr) == (2, "", "error: --missing and --behind exclude each other\n")
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "cadence: {every: week, due_day: 10}",
            "17:18: cadence.every: must be one of 'month', 'quarter', 'half', 'year' or 'once'",
        ),
        ("cadence: {every: month, due_day: 32}", "17:34: cadence.due_day: must be at most 31"),
        ("jump_tolerance: 0", "17:17: jump_tolerance: must be more than 0"),
    ],
)
def test_a_bad_cadence_or_tolerance_is_refused_at_its_place(
    cli: Cli, plan_root: Callable[..., Path], line: str, message: str
) -> None:
    root = plan_root(MINI_META.rstrip("\n") + "\n" * 8 + line + "\n")
    before = snapshot(root)
    result = cli("status")
    assert (result.code, result.stderr) == (2, f"error: {root / 'plans' / '2023' / 'plan.yaml'}:{message}\n")
    assert snapshot(root) == before


def test_cadence_may_be_one_word() -> None:
    assert PlanMeta.model_validate({**meta(None).model_dump(), "cadence": "month"}).cadence == meta().cadence


class TestCadencePerIndicator:
    """报送频次 per indicator (`cadence:` on an indicator or an action), the plan's `cadence` the default."""

    YEARLY = MINI_ACTION.replace("    name: 工业项目\n", "    name: 工业项目\n    cadence: year\n")

    def test_at_mid_year_a_yearly_indicator_is_not_missing_while_a_monthly_one_is(
        self, cli: Cli, plan_root: Callable[..., Path]
    ) -> None:
        root = plan_root(CADENCE, self.YEARLY)
        found = judged(root, "2023-06-30")
        assert found[("signed", "annual")][1] == ["missing"]  # monthly, by the plan: May's figure was due 06-10
        assert found[("industrial", "annual")] == ("grey", [], None)  # yearly: due after the year's end
        missing = cli("status", "--missing", "--as-of", "2023-06-30").stdout
        assert "新签约项目" in missing and "工业项目" not in missing
        records = json.loads(cli("status", "--as-of", "2023-06-30", "-f", "json").stdout)
        flags = {(r["indicator_id"], r["period"]): r["flags"] for r in records}
        assert flags[("industrial", "annual")] == [] and flags[("signed", "annual")] == ["missing"]

    def test_a_yearly_figure_from_january_is_not_stale(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root(CADENCE, self.YEARLY)
        cli("record", "alpha", "industrial", "10", "--as-of", "2023-01-31")
        cli("record", "alpha", "signed", "10", "--as-of", "2023-01-31")
        found = judged(root, "2023-12-31")
        assert found[("industrial", "annual")][1] == [] and found[("signed", "annual")][1] == ["stale"]

    @pytest.mark.parametrize(
        ("every", "on", "due"),
        [
            ("quarter", D(2023, 7, 9), D(2023, 3, 31)),
            ("quarter", D(2023, 7, 10), D(2023, 6, 30)),
            ("half", D(2023, 7, 10), D(2023, 6, 30)),
            ("half", D(2023, 12, 31), D(2023, 6, 30)),
            ("half", D(2023, 7, 9), None),  # last year's second half: before the period
            ("year", D(2023, 12, 31), None),
            ("month", D(2023, 7, 10), D(2023, 6, 30)),
            ("once", D(2023, 12, 31), None),  # the year's figure: due in January
        ],
    )
    def test_what_is_due_by_each_cadence(self, every: Frequency, on: dt.date, due: dt.date | None) -> None:
        assert reporting.required(meta(None), meta(None).periods["annual"], on, every) == due

    def test_once_is_due_after_each_periods_end(self) -> None:
        plain = meta(None)
        assert reporting.required(plain, plain.periods["q1"], D(2023, 4, 9), "once") is None
        assert reporting.required(plain, plain.periods["q1"], D(2023, 4, 10), "once") == D(2023, 3, 31)

    def test_the_action_sets_it_for_its_indicators_and_an_indicator_for_itself(
        self, plan_root: Callable[..., Path]
    ) -> None:
        quarterly = self.YEARLY.replace(
            "theme: 在加快集群强链上下功夫\n", "theme: 在加快集群强链上下功夫\ncadence: quarter\n"
        )
        root = plan_root(CADENCE, quarterly)
        plan = load_plan(root / "plans" / "2023")
        action = plan.action("alpha")
        words = {i.id: reporting.frequency(plan.meta, action, i) for i in action.indicators}
        assert words == {"signed": "quarter", "industrial": "year", "tax_hours": "quarter", "package": None}
        found = judged(root, "2023-06-30")
        assert found[("signed", "annual")][1] == ["missing"]  # Q1's figure was due 04-10
        assert judged(root, "2023-04-09")[("signed", "annual")][1] == []

    def test_without_a_plan_cadence_an_indicators_own_is_due_by_the_10th(self, plan_root: Callable[..., Path]) -> None:
        monthly = MINI_ACTION.replace("    name: 新签约项目\n", "    name: 新签约项目\n    cadence: month\n")
        root = plan_root(MINI_META, monthly)
        assert judged(root, "2023-05-10")[("signed", "annual")][1] == ["missing"]
        assert judged(root, "2023-05-10")[("industrial", "annual")][1] == []  # the plan sets no cadence

    def test_a_bad_word_is_refused_at_its_place(self, cli: Cli, plan_root: Callable[..., Path]) -> None:
        root = plan_root(
            CADENCE, MINI_ACTION.replace("    name: 工业项目\n", "    name: 工业项目\n    cadence: weekly\n")
        )
        result = cli("validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0] == (
            f"{root / 'plans' / '2023' / 'alpha.yaml'}:15:14: "
            "indicators.1.cadence: must be one of 'month', 'quarter', 'half', 'year' or 'once'"
        )
