"""Everyday shorthand in typed figures and dates: 280亿, 3500000万, 3.7万人, 6月30日, 2023年6月, 6月."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import BUNDLED, Run, snapshot

from daye_plan.model import units
from daye_plan.model.errors import UsageError
from daye_plan.ops import entry
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
PLAN = load_plan(BUNDLED)
MONEY = PLAN.action("investment").indicator("contract_investment")  # 亿元
COUNT = PLAN.action("investment").indicator("signed_projects")  # 个
PEOPLE = PLAN.action("enterprise").indicator("recruitment")  # 人


def rows(root: Path, name: str) -> list[list[str]]:
    text = (root / "plans" / "2023" / "actuals" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))[1:]


class TestFigures:
    @pytest.mark.parametrize(
        ("typed", "indicator", "value", "entered"),
        [
            ("280亿", MONEY, "280", "280亿"),
            ("3500000万", MONEY, "350", "3500000万"),
            ("3,500,000 万", MONEY, "350", "3,500,000万"),
            ("280亿元", MONEY, "280", "280亿元"),
            ("3.7万人", PEOPLE, "37000", "3.7万人"),
            ("0.37万", PEOPLE, "3700", "0.37万"),
            ("５０个", COUNT, "50", "５０个"),
        ],
    )
    def test_shorthand_records_the_figure_in_the_indicators_unit(
        self, typed: str, indicator: object, value: str, entered: str
    ) -> None:
        assert entry.parse_value(typed, None, indicator) == (Decimal(value), entered)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("typed", "indicator", "message"),
        [
            ("219.22亿", COUNT, "unit '亿' cannot be converted to '个'; use 个"),
            ("3万", COUNT, "unit '万' cannot be converted to '个'; use 个"),
            ("2亿", PEOPLE, "unit '亿' cannot be converted to '人'; use 人、万人"),
            ("50個", COUNT, "unit '個' cannot be converted to '个'; use 个"),
            ("5块", MONEY, "unit '块' cannot be converted to '亿元'; use 元、万元、亿元"),
            ("五十", COUNT, "'五十' is not a number"),
            ("3,5OO", COUNT, "'3,5OO' is not a number"),
            ("3,5OO个", COUNT, "'3,5OO' is not a number"),
        ],
    )
    def test_a_unit_that_does_not_fit_is_named(self, typed: str, indicator: object, message: str) -> None:
        with pytest.raises(UsageError) as raised:
            entry.parse_value(typed, None, indicator)  # type: ignore[arg-type]
        assert str(raised.value) == message

    def test_the_unit_option_takes_the_shorthand_too(self) -> None:
        assert entry.parse_value("280", "亿", MONEY) == (Decimal(280), "280亿")
        assert entry.parse_value("280亿", "亿元", MONEY) == (Decimal(280), "280亿元")  # the same unit, said twice
        with pytest.raises(UsageError, match="says 亿 but --unit says 万元"):
            entry.parse_value("280亿", "万元", MONEY)

    @given(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2),
        st.sampled_from([("亿", Decimal(1)), ("万", Decimal("0.0001"))]),
    )
    def test_a_shorthand_scales_exactly(self, figure: Decimal, shorthand: tuple[str, Decimal]) -> None:
        word, scale = shorthand
        value, _ = entry.parse_value(f"{figure}{word}", None, MONEY)
        assert value == figure * scale  # in 亿元: 亿 as is, 万 a ten-thousandth


class TestDates:
    @pytest.mark.parametrize(
        ("typed", "day"),
        [
            ("6月30日", dt.date(2023, 6, 30)),
            ("6月30号", dt.date(2023, 6, 30)),
            ("2023年6月30日", dt.date(2023, 6, 30)),
            ("2023年6月", dt.date(2023, 6, 30)),
            ("6月", dt.date(2023, 6, 30)),
            ("2月", dt.date(2023, 2, 28)),
            ("12月", dt.date(2023, 12, 31)),
            ("６月３０日", dt.date(2023, 6, 30)),
            ("2023-06-30", dt.date(2023, 6, 30)),
        ],
    )
    def test_a_date_in_the_plan_year(self, typed: str, day: dt.date) -> None:
        assert entry.parse_date(typed, "--as-of", 2023) == day

    @pytest.mark.parametrize("typed", ["13月", "2月30日", "0月", "6月31日", "六月"])
    def test_not_a_date(self, typed: str) -> None:
        with pytest.raises(UsageError) as raised:
            entry.parse_date(typed, "--as-of", 2023)
        assert str(raised.value) == f"--as-of {typed!r} is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)"

    def test_a_month_without_a_year_needs_the_plan_year(self) -> None:
        with pytest.raises(UsageError):
            entry.parse_date("6月", "--as-of")

    @given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12))
    def test_a_month_stands_for_its_last_day(self, year: int, month: int) -> None:
        end = entry.parse_date(f"{year}年{month}月", "--as-of")
        assert (end.year, end.month) == (year, month)
        assert (end + dt.timedelta(days=1)).day == 1
        assert entry.parse_date(f"{month}月", "--as-of", year) == end


class TestRecord:
    def test_the_shorthands_record_the_right_figure(self, cli: Cli, bundled: Path) -> None:
        today = {"DAYE_PLAN_TODAY": "2023-07-15"}
        assert cli("record", "招商引资", "合同投资额", "280亿", "--as-of", "3月", env=today).code == 0
        result = cli("record", "招商引资", "合同投资额", "3500000万", "--as-of", "2023年6月", env=today)
        assert result.stdout == "recorded: 招商引资 · 合同投资额 = 350 亿元 as of 2023-06-30 (3500000万)\n"
        assert cli("record", "服务企业", "为重点企业招工", "0.37万人", "--as-of", "3月31日", env=today).code == 0
        assert [r[1:5] for r in rows(bundled, "investment")] == [
            ["2023-03-31", "280", "亿元", "280亿"],
            ["2023-06-30", "350", "亿元", "3500000万"],
        ]
        assert [r[1:5] for r in rows(bundled, "enterprise")] == [["2023-03-31", "3700", "人", "0.37万人"]]

    def test_a_unit_that_does_not_fit_is_refused_by_name(self, cli: Cli, bundled: Path) -> None:
        before = snapshot(bundled)
        result = cli("record", "招商引资", "新签约亿元以上项目", "219.22亿", "--as-of", "2023-03-31")
        assert (result.code, result.stdout, result.stderr) == (
            2,
            "",
            "error: unit '亿' cannot be converted to '个'; use 个\n",
        )
        assert snapshot(bundled) == before

    def test_a_month_later_than_today_is_in_the_future(self, cli: Cli, bundled: Path) -> None:
        before = snapshot(bundled)
        result = cli(
            "record", "招商引资", "合同投资额", "280亿", "--as-of", "7月", env={"DAYE_PLAN_TODAY": "2023-07-15"}
        )
        assert (result.code, result.stderr) == (2, "error: --as-of 2023-07-31: in the future (today is 2023-07-15)\n")
        assert snapshot(bundled) == before


def test_shorthands_are_only_the_two_words() -> None:
    assert units.SHORTHANDS == ("万", "亿")
    assert units.resolve_shorthand("亿", "万元") == "亿元"
    assert units.resolve_shorthand("万", "吨") == "万吨"
    assert units.resolve_shorthand("万", "%") == "万"
