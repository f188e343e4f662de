"""The progress rules: worked examples from the source, edge cases, and properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import BUNDLED, judged, judged_one

from daye_plan.model.catalog import TargetRow, target_rows
from daye_plan.model.plan import Comparator, Lights, Pace, Period, Plan, PlanMeta
from daye_plan.model.records import Reading
from daye_plan.ops.judge import by_schedule
from daye_plan.ops.progress import (
    Criterion,
    Light,
    attainment,
    elapsed_days,
    elapsed_months,
    expected_checkpoints,
    latest,
)
from daye_plan.ops.rollup import tally
from daye_plan.storage.plans import load_plan

D = Decimal
YEAR = Period(label="全年", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
Q1 = Period(label="一季度", start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
MARCH_31 = dt.date(2023, 3, 31)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(BUNDLED)


def row(plan: Plan, action: str, indicator: str, period: str, level: str | None = None) -> TargetRow:
    rows = target_rows(plan, [plan.action(action)], period)
    return next(r for r in rows if r.indicator.id == indicator and r.target.level == level)


class TestWorkedExamples:
    def test_fifty_signed_projects_by_march_31(self, plan: Plan) -> None:
        readings = [Reading(D(50), MARCH_31)]
        q1 = judged_one(plan.meta, row(plan, "investment", "signed_projects", "q1"), readings, MARCH_31)
        assert round(q1.attainment, 1) == D("111.1")  # type: ignore[arg-type]
        assert (q1.met, q1.light, q1.expected, q1.gap) == (True, Light.GREEN, D(100), D(5))
        annual = judged_one(plan.meta, row(plan, "investment", "signed_projects", "annual"), readings, MARCH_31)
        assert round(annual.attainment, 1) == D("37.0")  # type: ignore[arg-type]
        assert round(annual.expected, 1) == D("24.7")  # type: ignore[arg-type]  # 90 of 365 days
        assert (annual.met, annual.light, annual.gap) == (False, Light.GREEN, D(-85))

    def test_tax_time_96_hours_against_at_most_80(self, plan: Plan) -> None:
        target = row(plan, "environment", "tax_filing_time", "annual")
        result = judged_one(plan.meta, target, [Reading(D(96), MARCH_31)], MARCH_31)
        assert round(result.attainment, 1) == D("83.3")  # type: ignore[arg-type]
        assert result.met is False
        assert result.light is Light.YELLOW  # a level target not met yet, year not over
        assert result.expected is None
        assert result.gap == D(-16)  # 16 hours behind: negative, as every gap behind its target
        year_end = judged_one(plan.meta, target, [Reading(D(96), dt.date(2023, 12, 31))], dt.date(2023, 12, 31))
        assert year_end.light is Light.RED

    def test_q1_target_is_judged_on_march_31_figure_however_late(self, plan: Plan) -> None:
        readings = [Reading(D(40), MARCH_31), Reading(D(80), dt.date(2023, 6, 30))]
        result = judged_one(plan.meta, row(plan, "investment", "signed_projects", "q1"), readings, dt.date(2023, 7, 1))
        assert (result.reading, result.met, result.light) == (Reading(D(40), MARCH_31), False, Light.RED)

    def test_no_data_is_grey(self, plan: Plan) -> None:
        result = judged_one(plan.meta, row(plan, "investment", "signed_projects", "annual"), [], MARCH_31)
        assert (result.light, result.attainment, result.met, result.gap) == (Light.GREY, None, None, None)

    def test_monthly_recurring_target(self, plan: Plan) -> None:
        target = next(r for r in target_rows(plan, [plan.action("civility")]) if r.target.per == "month")
        assert target.value == 12
        result = judged_one(plan.meta, target, [Reading(D(2), dt.date(2023, 3, 15))], dt.date(2023, 3, 15))
        assert result.expected == D(2) / 12 * 100  # January and February are over
        assert result.light is Light.GREEN

    def test_stretch_and_floor_each_judged_roll_up_counts_floor(self, plan: Plan) -> None:
        rows = [
            r
            for r in target_rows(plan, [plan.action("projects")], "annual")
            if r.indicator.id == "fixed_asset_investment_growth"
        ]
        items = judged(
            plan.meta, rows, {("projects", "fixed_asset_investment_growth"): [Reading(D(22), MARCH_31)]}, MARCH_31
        )
        assert [(i.row.target.level, i.met, i.light) for i in items] == [
            ("确保", True, Light.GREEN),
            ("力争", False, Light.YELLOW),
        ]
        total = tally("合计", items)
        assert total.counts[Light.GREEN] == 1 and total.total == 1 and total.stretches == 1


class TestArithmetic:
    def test_attainment_undefined_is_none(self) -> None:
        assert attainment(D(0), D(5)) is None
        assert attainment(D(80), D(0), rises=False) is None

    def test_at_most_with_zero_actual_is_met(self) -> None:
        assert Criterion(Comparator.AT_MOST, D(80)).met(D(0)) is True

    def test_strict_comparators(self) -> None:
        assert Criterion(Comparator.MORE_THAN, D(96)).met(D(96)) is False
        assert Criterion(Comparator.MORE_THAN, D(96)).met(D("96.1")) is True
        assert Criterion(Comparator.LESS_THAN, D(4)).met(D(4)) is False

    def test_about_tolerates_the_unfavourable_side_only(self) -> None:
        assert Criterion(Comparator.ABOUT, D(100), D(5)).met(D(95)) is True
        assert Criterion(Comparator.ABOUT, D(100), D(5)).met(D("94.9")) is False
        assert Criterion(Comparator.ABOUT, D(100), D(5)).met(D(106)) is True  # beating 100左右 is met
        assert (
            Criterion(Comparator.ABOUT, D(100), D(5), rises=False).met(D(106)) is False
        )  # a lower-is-better one is not
        assert Criterion(Comparator.ABOUT, D("5.5"), D(5), rises=False).met(D("5.1")) is True
        assert Criterion(Comparator.ABOUT, D(100), D(5), two_sided=True).met(D(106)) is False  # a declared band

    def test_elapsed_days(self) -> None:
        assert elapsed_days(YEAR, dt.date(2022, 12, 31)) == 0
        assert elapsed_days(YEAR, dt.date(2023, 1, 1)) == D(1) / 365 * 100
        assert elapsed_days(YEAR, dt.date(2023, 12, 31)) == 100

    def test_elapsed_months_counts_whole_months(self) -> None:
        assert elapsed_months(YEAR, dt.date(2023, 1, 30)) == 0
        assert elapsed_months(YEAR, dt.date(2023, 1, 31)) == D(1) / 12 * 100
        assert elapsed_months(YEAR, dt.date(2023, 6, 30)) == 50

    def test_checkpoints_front_load_q1(self) -> None:
        assert expected_checkpoints(YEAR, Q1, D(40), MARCH_31) == 40
        assert expected_checkpoints(YEAR, Q1, D(40), dt.date(2023, 12, 31)) == 100
        mid = expected_checkpoints(YEAR, Q1, D(40), dt.date(2023, 2, 14))  # day 45 of 90
        assert mid == D(20)

    def test_checkpoint_pace_uses_the_plans_q1_target(self, plan: Plan) -> None:
        meta = plan.meta.model_copy(update={"pace": Pace.CHECKPOINTS})
        rows = [r for r in target_rows(plan, [plan.action("investment")]) if r.indicator.id == "signed_projects"]
        items = judged(meta, rows, {("investment", "signed_projects"): [Reading(D(30), MARCH_31)]}, MARCH_31)
        annual = items[0]
        assert annual.row.target.period == "annual"
        assert annual.expected == D(45) / D(135) * 100  # the Q1 figure is due by 03-31
        assert annual.light is Light.YELLOW  # 22.2% attained against 33.3% due: 11.1 points behind

    def test_points_rule(self) -> None:
        rules = Lights(rule="points", yellow=D(10), red=D(30))
        assert by_schedule(rules, D(41), D(50)) is Light.GREEN
        assert by_schedule(rules, D(39), D(50)) is Light.YELLOW
        assert by_schedule(rules, D(19), D(50)) is Light.RED


positive = st.decimals(min_value=D("0.01"), max_value=D(10**9), allow_nan=False, allow_infinity=False, places=2)


@given(positive, positive, positive)
def test_attainment_is_monotone_in_the_actual(target: Decimal, low: Decimal, high: Decimal) -> None:
    low, high = sorted((low, high))
    assert attainment(target, low) <= attainment(target, high)  # type: ignore[operator]
    assert attainment(target, low, rises=False) >= attainment(target, high, rises=False)  # type: ignore[operator]


@given(positive, positive)
def test_at_most_is_the_mirror_of_at_least(target: Decimal, actual: Decimal) -> None:
    assert attainment(target, actual, rises=False) == attainment(actual, target)
    assert Criterion(Comparator.AT_MOST, target).met(actual) == Criterion(Comparator.AT_LEAST, actual).met(target)


@given(positive, positive, st.sampled_from([D(0), D(5), D(10)]))
def test_about_is_the_mirror_of_itself_by_direction(target: Decimal, actual: Decimal, tolerance: Decimal) -> None:
    up = Criterion(Comparator.ABOUT, target, tolerance).met(actual)
    assert up == (actual >= target - target * tolerance / 100)
    down = Criterion(Comparator.ABOUT, target, tolerance, rises=False).met(actual)
    assert down == (actual <= target + target * tolerance / 100)
    band = Criterion(Comparator.ABOUT, target, tolerance, two_sided=True).met(actual)
    assert band == (up and down)


@given(st.dates(min_value=dt.date(2022, 6, 1), max_value=dt.date(2024, 6, 1)))
def test_expected_is_a_percent(day: dt.date) -> None:
    for period in (YEAR, Q1):
        assert 0 <= elapsed_days(period, day) <= 100
        assert 0 <= elapsed_months(period, day) <= 100
        assert 0 <= expected_checkpoints(YEAR, Q1, D(35), day) <= 100


@given(
    st.decimals(min_value=D(0), max_value=D(200), places=3), st.decimals(min_value=D("0.1"), max_value=D(100), places=3)
)
def test_ratio_light_transitions_at_the_thresholds(attained: Decimal, expected: Decimal) -> None:
    shown = by_schedule(Lights(rule="ratio"), attained, expected)
    ratio = attained / expected * 100
    assert shown is (Light.GREEN if ratio >= 80 else Light.YELLOW if ratio >= 60 else Light.RED)


@given(
    st.decimals(min_value=D(0), max_value=D(200), places=3), st.decimals(min_value=D("0.1"), max_value=D(100), places=3)
)
def test_default_light_is_green_only_on_schedule(attained: Decimal, expected: Decimal) -> None:
    shown = by_schedule(Lights(), attained, expected)
    behind = expected - attained
    assert shown is (Light.GREEN if behind <= 0 else Light.YELLOW if behind <= 30 else Light.RED)


def test_meta_defaults_follow_the_published_rule() -> None:
    meta = PlanMeta.model_validate(
        {
            "region": "x",
            "year": 2023,
            "title": "t",
            "source": "s",
            "version": "1",
            "actions": ["a"],
            "periods": {"annual": {"label": "全年", "start": "2023-01-01", "end": "2023-12-31"}},
        }
    )
    assert (meta.lights.rule, meta.lights.yellow, meta.lights.red, meta.pace) == ("points", 0, 30, Pace.DAYS)
    assert (meta.growth_rates.by, meta.growth_rates.yellow, meta.growth_rates.red) == ("points", None, 3)
    ratio = meta.model_copy(update={"lights": Lights.model_validate({"rule": "ratio"})})
    assert (ratio.lights.yellow, ratio.lights.red) == (80, 60)  # the ratio rule's own defaults


@given(
    st.sets(st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2023, 12, 31)), max_size=30),
    st.dates(min_value=dt.date(2022, 12, 1), max_value=dt.date(2024, 1, 31)),
)
def test_latest_is_the_last_reading_on_or_before_the_day(days: set[dt.date], on: dt.date) -> None:
    readings = [Reading(D(index), day) for index, day in enumerate(sorted(days))]
    on_or_before = [reading for reading in readings if reading.as_of <= on]
    assert latest(readings, on) == (on_or_before[-1] if on_or_before else None)
