"""预计全年, 每月需完成, 预计能否完成: hand-computed examples, the seasonal shape, and properties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import BUNDLED, judged_one

from daye_plan.model.catalog import TargetRow, target_rows
from daye_plan.model.plan import Period, Plan
from daye_plan.model.records import Reading
from daye_plan.ops.progress import expected_progress
from daye_plan.ops.projection import Method, Projection, linear, months_left, needed_per_month, project, seasonal
from daye_plan.storage.plans import load_plan

D = Decimal
YEAR = Period(label="全年", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
MARCH_31 = dt.date(2023, 3, 31)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(BUNDLED)


def row(plan: Plan, action: str, indicator: str, period: str, level: str | None = None) -> TargetRow:
    rows = target_rows(plan, [plan.action(action)], period)
    return next(r for r in rows if r.indicator.id == indicator and r.target.level == level)


def outlook(
    plan: Plan, target: TargetRow, readings: list[Reading], on: dt.date, last_year: Sequence[Reading] = ()
) -> Projection:
    item = judged_one(plan.meta, target, readings, on)
    assert item.reading is not None
    found = project(target, item.reading, on, expected_progress(target, plan.meta, item.reading.as_of), last_year)
    if not last_year:
        assert item.outlook == found  # the judge's own outlook is the same arithmetic
    return found


class TestWorkedExamples:
    def test_fifty_of_135_signed_projects_at_march_31(self, plan: Plan) -> None:
        found = outlook(
            plan, row(plan, "investment", "signed_projects", "annual"), [Reading(D(50), MARCH_31)], MARCH_31
        )
        # linear by days: 50 × 365 / 90 = 202.78; (135 − 50) / 9 whole months = 9.44
        assert found.method is Method.LINEAR
        assert round(found.projected, 2) == D("202.78")  # type: ignore[arg-type]
        assert round(found.needed_per_month, 2) == D("9.44")  # type: ignore[arg-type]
        assert found.projected_met is True

    def test_a_stale_figure_is_carried_forward_from_its_own_date(self, plan: Plan) -> None:
        target = row(plan, "investment", "signed_projects", "annual")
        found = outlook(plan, target, [Reading(D(20), dt.date(2023, 1, 31))], dt.date(2023, 6, 30))
        assert round(found.projected, 2) == D("235.48")  # type: ignore[arg-type]  # 20 × 365 / 31
        assert round(found.needed_per_month, 2) == D("19.17")  # type: ignore[arg-type]  # (135 − 20) / 6

    def test_a_met_target_needs_nothing_more(self, plan: Plan) -> None:
        target = row(plan, "investment", "signed_projects", "annual")
        found = outlook(plan, target, [Reading(D(140), dt.date(2023, 9, 30))], dt.date(2023, 9, 30))
        assert found.needed_per_month == 0
        assert found.projected_met is True

    def test_a_level_target_has_no_projection(self, plan: Plan) -> None:
        target = row(plan, "environment", "tax_filing_time", "annual")
        item = judged_one(plan.meta, target, [Reading(D(96), MARCH_31)], MARCH_31)
        assert project(target, item.reading, MARCH_31, None) == project(target, item.reading, MARCH_31, D(50))
        assert project(target, item.reading, MARCH_31, None).projected is None
        assert item.outlook.projected is None

    def test_after_the_period_the_figure_is_final(self, plan: Plan) -> None:
        target = row(plan, "investment", "signed_projects", "q1")
        found = outlook(plan, target, [Reading(D(40), MARCH_31)], dt.date(2023, 5, 31))
        assert (found.projected, found.method, found.needed_per_month, found.projected_met) == (
            D(40),
            None,
            None,
            False,
        )


class TestSeasonal:
    LAST_YEAR: ClassVar[list[Reading]] = [
        Reading(D(10), dt.date(2022, 3, 31)),
        Reading(D(30), dt.date(2022, 6, 30)),
        Reading(D(80), dt.date(2022, 12, 31)),
    ]

    def test_last_years_shape_is_used_where_the_repository_has_it(self, plan: Plan) -> None:
        target = row(plan, "investment", "signed_projects", "annual")
        found = outlook(plan, target, [Reading(D(50), MARCH_31)], MARCH_31, self.LAST_YEAR)
        # last year grew 8-fold from 03-31 to 12-31: 50 × 80 / 10
        assert (found.projected, found.method, found.projected_met) == (D(400), Method.SEASONAL, True)

    def test_a_series_that_stops_before_the_year_end_falls_back_to_linear(self, plan: Plan) -> None:
        target = row(plan, "investment", "signed_projects", "annual")
        found = outlook(plan, target, [Reading(D(50), MARCH_31)], MARCH_31, self.LAST_YEAR[:2])
        assert found.method is Method.LINEAR

    def test_no_figure_last_year_by_that_date_falls_back_to_linear(self) -> None:
        assert seasonal(D(5), dt.date(2023, 1, 31), YEAR, self.LAST_YEAR) is None


class TestProperties:
    @given(st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2023, 12, 30)))
    def test_months_left_counts_whole_months_after_the_date(self, on: dt.date) -> None:
        assert months_left(YEAR, on) == max(12 - on.month, 1)

    @given(
        st.decimals(min_value=0, max_value=10_000, places=2),
        st.decimals(min_value=1, max_value=10_000, places=2),
        st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2023, 12, 30)),
    )
    def test_the_needed_pace_reaches_the_target_in_the_months_left(self, actual: D, target: D, on: dt.date) -> None:
        needed = needed_per_month(actual, target, YEAR, on)
        assert needed is not None and needed >= 0
        reached = actual + needed * months_left(YEAR, on)

        assert reached >= target or abs(reached - target) < D("1e-20")

    @given(st.decimals(min_value=0, max_value=10_000, places=2), st.decimals(min_value="0.1", max_value=100, places=1))
    def test_linear_projection_is_the_figure_over_the_elapsed_share(self, actual: D, expected: D) -> None:
        projected = linear(actual, expected)
        assert projected is not None and projected >= actual
        assert abs(projected * expected / 100 - actual) < D("1e-20")

    def test_no_elapsed_time_gives_no_projection(self) -> None:
        assert linear(D(5), D(0)) is None and linear(D(5), None) is None
