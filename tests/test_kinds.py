"""The plan's vocabulary as data: the policy table of kinds, 确保/力争 levels, lookups by name, errors' arguments."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, write_plan

from daye_plan.model import catalog
from daye_plan.model.errors import PlanInvalid, UsageError
from daye_plan.model.kinds import KINDS, Gap, Kind
from daye_plan.model.plan import Indicator, Level, Target
from daye_plan.storage.plans import load_plan

D = Decimal


class TestKindTable:
    def test_every_kind_has_one_row(self) -> None:
        assert set(KINDS) == set(Kind)
        assert all(kind.policy is KINDS[kind] for kind in Kind)

    @pytest.mark.parametrize(
        ("kind", "numeric", "paced", "year_to_date", "running_total", "gap"),
        [
            (Kind.CUMULATIVE, True, True, True, False, Gap.SCHEDULE),
            (Kind.LEVEL, True, False, False, True, Gap.TARGET),
            (Kind.MILESTONE, False, False, False, False, Gap.DONE),
        ],
    )
    def test_what_each_kind_means(
        self, kind: Kind, numeric: bool, paced: bool, year_to_date: bool, running_total: bool, gap: Gap
    ) -> None:
        policy = kind.policy
        assert (policy.numeric, policy.paced, policy.year_to_date, policy.running_total, policy.gap) == (
            numeric,
            paced,
            year_to_date,
            running_total,
            gap,
        )

    @pytest.mark.parametrize(
        ("kind", "unit", "expected"),
        [
            (Kind.CUMULATIVE, "个", (D(0), None)),
            (Kind.LEVEL, "%", (D(0), D(100))),
            (Kind.MILESTONE, "", (D(0), D(1))),
        ],
    )
    def test_default_ranges(self, kind: Kind, unit: str, expected: tuple[Decimal | None, Decimal | None]) -> None:
        target = Target(period="annual", quote="原文") if kind is Kind.MILESTONE else None
        targets = [target] if target else [Target(period="annual", cmp=">=", value=D(1), quote="原文")]  # type: ignore[arg-type]
        indicator = Indicator(id="x", name="指标", unit=unit, kind=kind, targets=targets)
        assert indicator.allowed_range == expected

    def test_a_formula_on_a_kind_without_figures_is_refused(self, tmp_path: Path) -> None:
        text = MINI_ACTION.replace("    kind: milestone\n", "    kind: milestone\n    formula: signed * 2\n")
        with pytest.raises(PlanInvalid, match="a milestone cannot be derived by a `formula`"):
            load_plan(write_plan(tmp_path, alpha=text))


class TestLevel:
    def test_a_level_is_its_word(self) -> None:
        assert Level("力争") is Level.STRIVE
        assert Level.STRIVE == "力争" and f"{Level.ENSURE} 20%" == "确保 20%" and str(Level.ENSURE) == "确保"
        assert json.dumps([Level.ENSURE, None], ensure_ascii=False) == '["确保", null]'

    def test_stretch_and_floor(self) -> None:
        assert Level.STRIVE.is_stretch and not Level.ENSURE.is_stretch
        assert [Level.rank(level) for level in (None, Level.ENSURE, Level.STRIVE)] == [0, 0, 1]
        plain = Target(period="annual", cmp=">=", value=D(1), quote="原文")  # type: ignore[arg-type]
        assert not plain.is_stretch
        assert Target(period="annual", cmp=">=", value=D(1), level="力争", quote="原文").is_stretch  # type: ignore[arg-type]

    def test_a_plan_file_writes_the_word(self, tmp_path: Path) -> None:
        text = MINI_ACTION.replace("value: 45, quote", "value: 45, level: 确保, quote")
        signed = load_plan(write_plan(tmp_path, alpha=text)).action("alpha").indicator("signed")
        assert signed.targets[1].level is Level.ENSURE
        bad = write_plan(tmp_path, alpha=MINI_ACTION.replace("value: 45, quote", "value: 45, level: 保证, quote"))
        with pytest.raises(PlanInvalid, match=r"indicators.0.targets.1.level: must be one of '确保' or '力争'"):
            load_plan(bad)


class TestLookups:
    @pytest.fixture
    def plan_dir(self, tmp_path: Path) -> Path:
        return write_plan(tmp_path)

    @pytest.mark.parametrize("word", ["alpha", "招商引资", "招商引资行动", " 招商引资 "])
    def test_an_action_by_any_of_its_names(self, plan_dir: Path, word: str) -> None:
        plan = load_plan(plan_dir)
        assert catalog.action_named(plan, word) is plan.action("alpha")
        assert catalog.find_action(plan, word) is plan.action("alpha")

    def test_a_sheet_title_as_one_more_name(self, plan_dir: Path) -> None:
        plan = load_plan(plan_dir)
        assert catalog.action_named(plan, "招商") is None
        assert catalog.action_named(plan, "招商", also=lambda action: action.name[:2]) is plan.action("alpha")

    def test_an_unknown_action_is_an_error_about_the_action_argument(self, plan_dir: Path) -> None:
        with pytest.raises(UsageError) as caught:
            catalog.find_action(load_plan(plan_dir), "beta")
        assert (str(caught.value), caught.value.argument) == (
            "'beta': no such action; valid: 招商引资 (alpha)",
            "action",
        )

    def test_an_unknown_period_is_an_error_about_the_period_argument(self, plan_dir: Path) -> None:
        with pytest.raises(UsageError) as caught:
            catalog.check_period(load_plan(plan_dir), "h1")
        assert (str(caught.value), caught.value.argument) == ("'h1': no such period; valid: annual, q1", "period")

    def test_an_indicator_by_id_or_name(self, plan_dir: Path) -> None:
        action = load_plan(plan_dir).action("alpha")
        assert catalog.find_indicator(action, "工业项目") is action.indicator("industrial")
        assert action.indicator_named("industrial") is action.indicator("industrial")
        assert action.indicator_named("nope") is None
        with pytest.raises(KeyError):
            action.indicator("工业项目")
