"""Plausibility checks: the three everyday slips, realistic figures that must pass, and each rule at its boundary."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.conftest import BUNDLED

from daye_plan.model import units
from daye_plan.model.plan import Indicator, Kind, Plan, Target
from daye_plan.model.records import Reading
from daye_plan.model.units import COUNT_UNITS
from daye_plan.ops.plausibility import (
    CHECKS,
    Suspicion,
    check,
    check_series,
    percent_from_excel,
    reference_target,
)
from daye_plan.present.export import to_json
from daye_plan.present.table import Records
from daye_plan.storage.plans import load_plan

D = Decimal
HUNDRED = D(100)
FEB_28 = dt.date(2023, 2, 28)
MARCH_31 = dt.date(2023, 3, 31)
APRIL_30 = dt.date(2023, 4, 30)
MAY_31 = dt.date(2023, 5, 31)


def indicator(
    unit: str,
    kind: Kind = Kind.CUMULATIVE,
    target: Decimal | None = HUNDRED,
    cmp: str = ">=",
    low: Decimal | None = None,
) -> Indicator:
    targets = [Target(period="annual", cmp=cmp, value=target, quote="目标原文")] if target is not None else []
    fields: dict[str, Any] = {"bounds": {"min": low}} if low is not None else {}
    milestone = [Target(period="annual", quote="目标原文")]
    return Indicator(id="figure", name="指标", unit=unit, kind=kind, targets=targets or milestone, **fields)


def names(found: list[Suspicion]) -> list[str]:
    return [suspicion.check for suspicion in found]


positive = st.decimals(min_value=D("0.001"), max_value=D(10**9), places=3, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=dt.date(2023, 1, 2), max_value=dt.date(2023, 12, 31))


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestTheThreeSlips:
    def test_an_excel_percent_stored_as_a_fraction(self) -> None:
        satisfaction = indicator("%", Kind.LEVEL, D(95), ">")
        found = check(satisfaction, D("0.985"), MARCH_31, target=D(95))
        assert found == [
            Suspicion("fraction-for-percent", D("0.985"), "%", MARCH_31, reference=D(95), suggestion=D("98.5"))
        ]
        assert found[0].message == "0.985% 像是小数：是否应为 98.5%？"

    def test_a_month_figure_typed_for_a_cumulative_one(self) -> None:
        signed = indicator("个", target=D(135))
        history = [Reading(D(35), FEB_28), Reading(D(71), MARCH_31)]
        found = check(signed, D(9), APRIL_30, target=D(135), history=history)
        assert found == [Suspicion("cumulative-fell", D(9), "个", APRIL_30, reference=D(71), reference_as_of=MARCH_31)]
        assert found[0].message == "累计数低于 03-31 的 71：是否填了当月数？"

    def test_a_figure_in_wan_yuan_recorded_as_yi_yuan(self) -> None:
        investment = indicator("亿元", target=D(1000))
        found = check(investment, D(5120000), MARCH_31, target=D(1000))
        assert found == [
            Suspicion(
                "magnitude",
                D(5120000),
                "亿元",
                MARCH_31,
                reference=D(1000),
                suggestion=D(512),
                suggested_unit="万元",
            )
        ]
        assert (
            found[0].message == "5120000 亿元是目标 1000 亿元的 5120 倍：单位是否应为万元？（5120000 万元 = 512 亿元）"
        )


class TestRealisticFiguresPass:
    def test_fifty_of_at_least_135_projects(self) -> None:
        history = [Reading(D(10), dt.date(2023, 1, 31)), Reading(D(22), FEB_28)]
        assert check(indicator("个", target=D(135)), D(50), MARCH_31, target=D(135), history=history) == []

    def test_96_hours_against_at_most_80(self) -> None:
        tax_hours = indicator("小时", Kind.LEVEL, D(80), "<=")
        assert check(tax_hours, D(96), MARCH_31, target=D(80), tolerance=D(30)) == []

    def test_236_million_against_at_least_6_hundred_million(self) -> None:
        assert check(indicator("亿元", target=D(6)), D("2.36"), MARCH_31, target=D(6)) == []

    def test_985_percent_against_at_least_95(self) -> None:
        assert check(indicator("%", Kind.LEVEL, D(95)), D("98.5"), MARCH_31, target=D(95)) == []

    def test_a_cumulative_series_that_grows(self) -> None:
        readings = [Reading(D(v), dt.date(2023, m, 28)) for m, v in ((1, 10), (2, 22), (3, 35), (4, 50))]
        assert check_series(indicator("个", target=D(135)), readings, target=D(135), tolerance=D(30)) == []

    def test_a_milestone_is_never_doubted(self) -> None:
        assert check(indicator("", Kind.MILESTONE, None), D(1), MARCH_31, history=[Reading(D(0), FEB_28)]) == []

    def test_every_target_of_the_bundled_plan_reached_by_quarters(self) -> None:
        """A quarter, a half, three quarters and all of each target: whole for counts, no alarm."""
        plan: Plan = load_plan(BUNDLED)
        checked = 0
        for action in plan.actions:
            for item in action.indicators:
                target = reference_target(item, plan.meta.periods)
                if target is None:
                    continue
                readings = []
                for quarter, day in enumerate(
                    (MARCH_31, dt.date(2023, 6, 30), dt.date(2023, 9, 30), dt.date(2023, 12, 31)), 1
                ):
                    value = target * quarter / 4
                    if item.unit in COUNT_UNITS:
                        value = value.quantize(D(1), rounding=ROUND_HALF_UP)
                    readings.append(Reading(value, day))
                assert check_series(item, readings, target=target) == [], f"{action.id}.{item.id}"
                checked += 1
        assert checked == 112


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestFractionForPercent:
    @given(
        st.decimals(min_value=D("0.001"), max_value=D("1.5"), places=3),
        st.decimals(min_value=D(5), max_value=D(100), places=1),
    )
    def test_a_small_percent_against_a_target_of_5_or_more_flags(self, value: Decimal, target: Decimal) -> None:
        found = check(indicator("%", Kind.LEVEL, target), value, MARCH_31, target=target)
        assert names(found) == ["fraction-for-percent"]
        assert found[0].suggestion == value * 100
        assert found[0].message.endswith(f"是否应为 {found[0].suggestion.normalize():f}%？")

    @given(
        st.decimals(min_value=D("1.5001"), max_value=D(100), places=4), st.decimals(min_value=D(5), max_value=D(100))
    )
    def test_above_1_5_never_flags(self, value: Decimal, target: Decimal) -> None:
        assert check(indicator("%", Kind.LEVEL, target), value, MARCH_31, target=target) == []

    @given(
        st.decimals(min_value=D("0.001"), max_value=D("1.5"), places=3),
        st.decimals(min_value=D(0), max_value=D("4.999"), places=3),
    )
    def test_a_target_below_5_never_flags(self, value: Decimal, target: Decimal) -> None:
        assert check(indicator("%", Kind.LEVEL, target), value, MARCH_31, target=target) == []

    @pytest.mark.parametrize(
        ("value", "target", "flags"),
        [("1.5", "5", True), ("1.5001", "5", False), ("1.5", "4.99", False), ("0.001", "5", True), ("0", "95", False)],
    )
    def test_the_boundaries(self, value: str, target: str, flags: bool) -> None:
        found = check(indicator("%", Kind.LEVEL, D(target)), D(value), MARCH_31, target=D(target))
        assert names(found) == (["fraction-for-percent"] if flags else [])

    def test_an_upper_limit_is_met_by_small_figures(self) -> None:
        assert check(indicator("%", Kind.LEVEL, D(10), "<="), D("0.5"), MARCH_31, target=D(10)) == []

    def test_without_a_target_nothing_is_judged(self) -> None:
        assert check(indicator("%", Kind.LEVEL, D(95)), D("0.985"), MARCH_31) == []

    def test_a_growth_rate_needs_a_previous_record_the_slip_fits(self) -> None:
        growth = indicator("%", Kind.LEVEL, D(20), low=D(-100))
        assert check(growth, D("1.2"), APRIL_30, target=D(20)) == []  # slow growth is real
        assert check(growth, D("1.2"), APRIL_30, target=D(20), history=[Reading(D(18), MARCH_31)]) == []
        found = check(growth, D("0.2"), APRIL_30, target=D(20), history=[Reading(D(18), MARCH_31)])
        assert names(found) == ["fraction-for-percent"]
        assert found[0].message == "0.2% 像是小数：是否应为 20%？"

    def test_only_percents(self) -> None:
        assert check(indicator("亿元", target=D(6)), D("0.985"), MARCH_31, target=D(6)) == []


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestCumulativeFell:
    @given(
        st.decimals(min_value=D(0), max_value=D(10**6), places=2),
        st.decimals(min_value=D("0.01"), max_value=D(10**6), places=2),
    )
    def test_any_fall_flags(self, value: Decimal, fall: Decimal) -> None:
        history = [Reading(value + fall, MARCH_31)]
        found = check(indicator("亿元", target=None), value, APRIL_30, history=history)
        assert names(found)[:1] == ["cumulative-fell"]
        assert (found[0].reference, found[0].reference_as_of) == (value + fall, MARCH_31)

    @given(
        st.decimals(min_value=D(0), max_value=D(10**6), places=2),
        st.decimals(min_value=D(0), max_value=D(10**6), places=2),
    )
    def test_an_equal_or_higher_figure_never_flags(self, earlier: Decimal, rise: Decimal) -> None:
        found = check(indicator("亿元", target=None), earlier + rise, APRIL_30, history=[Reading(earlier, MARCH_31)])
        assert "cumulative-fell" not in names(found)

    def test_against_the_latest_earlier_record_not_the_highest_or_a_later_one(self) -> None:
        history = [Reading(D(80), dt.date(2023, 1, 31)), Reading(D(71), MARCH_31), Reading(D(5), MAY_31)]
        found = check(indicator("个", target=None), D(72), APRIL_30, history=history)
        assert found == []
        found = check(indicator("个", target=None), D(70), APRIL_30, history=history)
        assert found[0].message == "累计数低于 03-31 的 71：是否填了当月数？"

    def test_a_record_of_the_same_date_is_superseded_not_compared(self) -> None:
        assert check(indicator("个", target=None), D(9), MARCH_31, history=[Reading(D(71), MARCH_31)]) == []

    def test_a_record_of_another_year_does_not_count(self) -> None:
        history = [Reading(D(71), dt.date(2022, 12, 31))]
        assert check(indicator("个", target=None), D(9), dt.date(2023, 1, 31), history=history) == []

    def test_a_level_figure_may_fall(self) -> None:
        rank = indicator("名", Kind.LEVEL, D(48), "<=")
        assert check(rank, D(40), APRIL_30, target=D(48), history=[Reading(D(52), MARCH_31)]) == []


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestMagnitude:
    @given(positive)
    def test_exactly_50_times_the_target_passes_and_more_flags(self, target: Decimal) -> None:
        item = indicator("小时", Kind.LEVEL, target)
        assert check(item, target * 50, MARCH_31, target=target) == []
        assert names(check(item, target * 50 + D("0.0001"), MARCH_31, target=target)) == ["magnitude"]

    @given(positive)
    def test_exactly_a_thousandth_of_the_target_passes_and_less_flags(self, target: Decimal) -> None:
        item = indicator("小时", Kind.LEVEL, target)
        assert check(item, target / 1000, MARCH_31, target=target) == []
        assert names(check(item, target / 1000 - D("0.0000001"), MARCH_31, target=target)) == ["magnitude"]

    @given(
        st.sampled_from(
            [
                (unit, other)
                for family in units.FAMILIES.values()
                for unit in family
                for other in family
                if unit != other
            ]
        ),
        positive,
        st.decimals(min_value=D("0.2"), max_value=D(5), places=2),
    )
    def test_a_figure_typed_in_another_unit_names_the_conversion_that_undoes_it(
        self, pair: tuple[str, str], target: Decimal, share: Decimal
    ) -> None:
        """The clerk means `meant` (in the indicator's unit) but types the figure of another unit:
        the value recorded is off by that unit's power of ten, and the check names it."""
        unit, typed_in = pair
        meant = target * share
        recorded = units.convert(meant, unit, typed_in)  # the digits typed, stored as if in `unit`
        found = check(indicator(unit, Kind.LEVEL, target), recorded, MARCH_31, target=target)
        assert names(found) in (["magnitude"], ["magnitude", "fractional-count"])  # 5 人 typed as 万人: 0.0005 人
        assert (found[0].suggested_unit, found[0].suggestion) == (typed_in, meant)
        assert f"单位是否应为{typed_in}？" in found[0].message

    def test_too_small_names_the_larger_unit(self) -> None:
        pesticide = indicator("吨", Kind.LEVEL, D(3))
        found = check(pesticide, D("0.0003"), MARCH_31, target=D(3))
        assert found[0].message == "0.0003 吨不到目标 3 吨的千分之一：单位是否应为万吨？（0.0003 万吨 = 3 吨）"

    def test_no_suggestion_when_no_unit_fits(self) -> None:
        found = check(indicator("个", target=D(135)), D(13500), MARCH_31, target=D(135))
        assert (found[0].suggested_unit, found[0].suggestion) == (None, None)
        assert found[0].message == "13500 个是目标 135 个的 100 倍：请核对数值和单位"
        grain = check(indicator("万吨", target=D(25)), D(25 * 10**6), MARCH_31, target=D(25))
        assert grain[0].message == "25000000 万吨是目标 25 万吨的 1000000 倍：请核对数值和单位"

    def test_against_the_previous_record_without_a_target(self) -> None:
        balance = indicator("亿元", Kind.LEVEL, D(700), ">")
        found = check(balance, D(7100), APRIL_30, history=[Reading(D(71), MARCH_31)])
        assert (
            found[0].message == "7100 亿元是 03-31 填报的 71 亿元的 100 倍：单位是否应为万元？（7100 万元 = 0.71 亿元）"
        )

    def test_the_target_comes_first(self) -> None:
        balance = indicator("亿元", Kind.LEVEL, D(700), ">")
        history = [Reading(D(705), MARCH_31)]
        found = check(balance, D(7050000), APRIL_30, target=D(700), history=history)
        assert [(s.check, s.reference, s.reference_as_of) for s in found] == [("magnitude", D(700), None)]
        assert check(balance, D(720), APRIL_30, target=D(700), history=history) == []

    def test_a_level_figure_far_from_its_previous_record_flags_when_the_target_does_not(self) -> None:
        balance = indicator("亿元", Kind.LEVEL, D(700), ">")
        found = check(balance, D(700), APRIL_30, target=D(700), history=[Reading(D(7), MARCH_31)])
        assert [(s.check, s.reference_as_of) for s in found] == [("magnitude", MARCH_31)]

    def test_a_year_to_date_figure_may_grow_many_fold_after_a_small_month(self) -> None:
        funds = indicator("亿元", target=D(600))
        assert check(funds, D(60), MARCH_31, target=D(600), history=[Reading(D("0.5"), dt.date(2023, 1, 31))]) == []
        fell = check(funds, D("0.05"), MARCH_31, history=[Reading(D(60), FEB_28)])
        assert names(fell) == ["cumulative-fell", "magnitude"]

    @pytest.mark.parametrize("value", ["0", "-5"])
    def test_zero_and_negative_figures_are_not_judged(self, value: str) -> None:
        assert check(indicator("亿元", Kind.LEVEL, D(700), low=D(-1000)), D(value), MARCH_31, target=D(700)) == []

    def test_percents_are_left_to_the_fraction_check(self) -> None:
        growth = indicator("%", Kind.LEVEL, D(20), low=D(-100))
        assert check(growth, D(2000), MARCH_31, target=D(20)) == []
        assert check(growth, D("0.01"), MARCH_31, target=D(20)) == []


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestFractionalCount:
    @given(st.sampled_from(sorted(COUNT_UNITS)), st.integers(min_value=0, max_value=10**9), st.integers(0, 3))
    def test_a_whole_number_in_a_count_unit_never_flags(self, unit: str, whole: int, zeros: int) -> None:
        value = D(whole).quantize(D(1).scaleb(-zeros))  # 50, 50.0, 50.00 ...
        target = D(max(whole, 1))
        assert check(indicator(unit, target=target), value, MARCH_31, target=target) == []

    @given(st.sampled_from(sorted(COUNT_UNITS)), st.decimals(min_value=D(0), max_value=D(10**6), places=3))
    def test_a_fraction_in_a_count_unit_flags(self, unit: str, value: Decimal) -> None:
        assume(value != value.to_integral_value())
        found = check(indicator(unit, target=None), value, MARCH_31)
        assert names(found) == ["fractional-count"]

    def test_the_message(self) -> None:
        found = check(indicator("个", target=D(135)), D("50.5"), MARCH_31, target=D(135))
        assert found[0].message == "50.5 个不是整数：按个计数，应为整数"

    @pytest.mark.parametrize("unit", ["亿元", "万人", "小时", "万亩", "吨"])
    def test_other_units_take_fractions(self, unit: str) -> None:
        assert check(indicator(unit, target=D(10)), D("2.5"), MARCH_31, target=D(10)) == []


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestJump:
    @given(positive, st.integers(min_value=1, max_value=200), st.booleans())
    def test_a_change_of_exactly_the_tolerance_passes_and_more_flags(
        self, previous: Decimal, tolerance: int, up: bool
    ) -> None:
        assume(up or tolerance < 100)
        item = indicator("万亩", Kind.LEVEL, target=None)
        sign = 1 if up else -1
        edge = previous + sign * previous * tolerance / 100
        history = [Reading(previous, MARCH_31)]
        assert check(item, edge, APRIL_30, history=history, tolerance=D(tolerance)) == []
        beyond = edge + sign * D("0.00001")
        assert names(check(item, beyond, APRIL_30, history=history, tolerance=D(tolerance))) == ["jump"]

    def test_the_messages(self) -> None:
        item = indicator("万亩", Kind.LEVEL, D(28))
        history = [Reading(D(30), MARCH_31)]
        up = check(item, D(45), APRIL_30, target=D(28), history=history, tolerance=D(30))
        assert up[0].message == "比 03-31 的 30 万亩增加 50%，超过允许的 30%：请核对"
        down = check(item, D(12), APRIL_30, target=D(28), history=history, tolerance=D(30))
        assert down[0].message == "比 03-31 的 30 万亩减少 60%，超过允许的 30%：请核对"

    def test_no_tolerance_no_check(self) -> None:
        assert check(indicator("万亩", Kind.LEVEL, None), D(45), APRIL_30, history=[Reading(D(10), MARCH_31)]) == []

    def test_only_between_consecutive_months(self) -> None:
        item = indicator("万亩", Kind.LEVEL, None)
        history = [Reading(D(10), FEB_28)]
        assert check(item, D(45), APRIL_30, history=history, tolerance=D(30)) == []
        assert names(check(item, D(45), dt.date(2023, 3, 1), history=history, tolerance=D(30))) == ["jump"]
        assert names(
            check(item, D(45), dt.date(2023, 2, 28), history=[Reading(D(10), dt.date(2023, 2, 1))], tolerance=D(30))
        ) == ["jump"]

    def test_a_year_to_date_figure_grows_by_design(self) -> None:
        assert (
            check(
                indicator("个", target=None),
                D(22),
                FEB_28,
                history=[Reading(D(10), dt.date(2023, 1, 31))],
                tolerance=D(30),
            )
            == []
        )

    def test_from_zero_there_is_no_percent_change(self) -> None:
        assert (
            check(
                indicator("万亩", Kind.LEVEL, None), D(5), APRIL_30, history=[Reading(D(0), MARCH_31)], tolerance=D(30)
            )
            == []
        )


class TestCheckSeries:
    def test_each_reading_against_the_one_before_in_date_order(self) -> None:
        item = indicator("个", target=D(135))
        readings = [
            Reading(D(9), APRIL_30),
            Reading(D(10), dt.date(2023, 1, 31)),
            Reading(D(71), MARCH_31),
            Reading(D("80.5"), MAY_31),
        ]
        found = check_series(item, readings, target=D(135))
        assert [(reading.as_of, suspicion.check) for reading, suspicion in found] == [
            (APRIL_30, "cumulative-fell"),
            (MAY_31, "fractional-count"),
        ]

    def test_of_two_readings_of_one_date_the_later_wins(self) -> None:
        item = indicator("个", target=D(135))
        readings = [Reading(D(71), MARCH_31), Reading(D(9), APRIL_30), Reading(D(75), APRIL_30)]
        assert check_series(item, readings, target=D(135)) == []

    def test_the_same_answers_as_check(self) -> None:
        item = indicator("万亩", Kind.LEVEL, D(28))
        readings = [Reading(D(v), dt.date(2023, m, 28)) for m, v in ((1, 30), (2, 31), (3, 300000), (4, 29))]
        series = check_series(item, readings, target=D(28), tolerance=D(20))
        one_by_one = [
            (reading, suspicion)
            for index, reading in enumerate(readings)
            for suspicion in check(
                item, reading.value, reading.as_of, target=D(28), history=readings[:index], tolerance=D(20)
            )
        ]
        assert series == one_by_one
        assert [(reading.as_of.month, s.check) for reading, s in series] == [(3, "magnitude"), (3, "jump"), (4, "jump")]

    def test_a_slip_does_not_judge_its_correction_by_size(self) -> None:
        item = indicator("万亩", Kind.LEVEL, D(28))
        readings = [Reading(D(300000), MARCH_31), Reading(D(29), APRIL_30)]
        assert [(r.as_of, s.check) for r, s in check_series(item, readings, target=D(28))] == [(MARCH_31, "magnitude")]


class TestReferenceTarget:
    @pytest.mark.parametrize(
        ("action", "item", "expected"),
        [
            ("investment", "signed_projects", D(135)),  # annual, not q1's 45
            ("enterprise", "four_above_enterprises", D(200)),  # annual 确保, not q1 力争
            ("projects", "fixed_asset_investment", D(580)),  # 确保 before 力争 600
            ("civility", "inspection_drills", D(12)),  # 1 per month over 12 months
            ("projects", "stored_projects_large", D(77)),  # a q1 target only
            ("environment", "policy_package", None),  # a milestone
        ],
    )
    def test_picks_the_longest_period_and_the_floor(self, action: str, item: str, expected: Decimal | None) -> None:
        plan = load_plan(BUNDLED)
        assert reference_target(plan.action(action).indicator(item), plan.meta.periods) == expected


class TestPercentFromExcel:
    @pytest.mark.parametrize("number_format", ["0%", "0.0%", "0.00%", "#,##0.0%", "0.0%;[Red]-0.0%", '0.0%" 完成"'])
    def test_a_percent_cell_is_scaled(self, number_format: str) -> None:
        assert percent_from_excel(0.985, number_format) == D("98.5")

    @pytest.mark.parametrize("number_format", ["General", "0.0", "@", '0.0"%"', "0.0\\%", "[>=100]0;0", None])
    def test_other_formats_are_not(self, number_format: str | None) -> None:
        assert percent_from_excel(0.985, number_format) is None

    @pytest.mark.parametrize("value", ["98.5%", None, True, dt.date(2023, 3, 31), float("nan"), float("inf")])
    def test_only_numbers(self, value: object) -> None:
        assert percent_from_excel(value, "0.0%") is None

    def test_plain_figures_without_float_noise_or_exponents(self) -> None:
        assert str(percent_from_excel(0.1 + 0.2, "0%")) == "30"
        assert str(percent_from_excel(1, "0%")) == "100"
        assert str(percent_from_excel(D("0.985"), "0.0%")) == "98.5"

    def test_the_negative_section_decides_for_a_negative_figure(self) -> None:
        assert percent_from_excel(-0.05, "0.0%;-0.0%") == D(-5)
        assert percent_from_excel(-0.05, "0.0%;(0.0)") is None

    @given(st.decimals(min_value=D(-1000), max_value=D(1000), places=6))
    def test_any_figure_Excel_holds_reads_as_a_hundred_times_it(self, value: Decimal) -> None:
        assert percent_from_excel(float(value), "0.00%") == value * 100


@pytest.mark.usefixtures("chinese")  # the reasons as the analysts read them
class TestSuspicionOutput:
    def test_check_names_are_stable(self) -> None:
        assert CHECKS == (
            "fraction-for-percent",
            "cumulative-fell",
            "magnitude",
            "fractional-count",
            "jump",
            "wrong-sign",
        )

    def test_record_keys_and_json(self) -> None:
        suspicion = check(
            indicator("个", target=D(135)), D(9), APRIL_30, target=D(135), history=[Reading(D(71), MARCH_31)]
        )[0]
        assert json.loads(to_json(Records.of([suspicion.record()]))) == [
            {
                "check": "cumulative-fell",
                "message": "累计数低于 03-31 的 71：是否填了当月数？",
                "value": 9,
                "unit": "个",
                "as_of": "2023-04-30",
                "reference": 71,
                "reference_as_of": "2023-03-31",
                "suggestion": None,
                "suggested_unit": None,
                "tolerance": None,
            }
        ]

    def test_a_reference_of_another_year_shows_its_full_date(self) -> None:
        found = check(
            indicator("万亩", Kind.LEVEL, None),
            D(45),
            dt.date(2023, 1, 15),
            history=[Reading(D(30), dt.date(2022, 12, 31))],
            tolerance=D(30),
        )
        assert found[0].message == "比 2022-12-31 的 30 万亩增加 50%，超过允许的 30%：请核对"
