"""Every lookup is a dict: the lists of a plan are walked as often at 1,000 indicators as at 100, so
a plan of any size costs what reading it costs (`make bench` times 10,000).

The plan is written to a temporary folder: one action holding nearly all the indicators (each
tenth a whole, the others its 其中 parts, Q1 and annual targets, 确保 on Q1), and a second action
of aliases (`same_as`) and derived shares (`formula`) into the first, with a store of actuals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from daye_plan.model import catalog
from daye_plan.model.plan import Plan
from daye_plan.ops import tracking
from daye_plan.ops.lint import lint
from daye_plan.storage.plans import load_plan

BIG = 1_000  # ten times the small plan: a walk per lookup would show ten times the walks

META = """\
region: 测试市
year: 2023
title: 测试方案
source: source.txt
version: "1"
actions: [alpha, beta]
periods:
  annual: {label: 全年, start: 2023-01-01, end: 2023-12-31}
  q1: {label: 一季度, start: 2023-01-01, end: 2023-03-31}
"""


def write_big_plan(root: Path, indicators: int) -> Path:
    folder = root / "plans" / "2023"
    (folder / "actuals").mkdir(parents=True)
    (folder / "plan.yaml").write_text(META, encoding="utf-8")
    (folder / "source.txt").write_text("测试", encoding="utf-8")
    alpha = ["id: alpha", "name: 招商引资", "title: 招商引资行动", "theme: 主题", "indicators:"]
    for i in range(indicators - 10):
        parent = f"\n    parent: i{i - i % 10}" if i % 10 else ""
        annual, q1 = (100 if i % 10 else 1000), (30 if i % 10 else 300)
        alpha.append(
            f"  - id: i{i}\n    name: 指标{i}\n    unit: 个\n    kind: cumulative{parent}\n    targets:\n"
            f"      - {{period: annual, cmp: '>=', value: {annual}, quote: 指标{i}不少于{annual}个}}\n"
            f"      - {{period: q1, cmp: '>=', value: {q1}, level: 确保, quote: 指标{i}确保{q1}个}}"
        )
    beta = ["id: beta", "name: 项目建设", "title: 项目建设行动", "theme: 主题", "indicators:"]
    for j in range(5):
        beta.append(
            f"  - id: same{j}\n    name: 同{j}\n    unit: 个\n    kind: cumulative\n    same_as: alpha.i{j * 10}\n"
            f"    targets: [{{period: annual, cmp: '>=', value: 1000, quote: 同{j}不少于1000个}}]\n"
            f"  - id: share{j}\n    name: 占比{j}\n    unit: '%'\n    kind: level\n"
            f"    formula: alpha.i{j * 10 + 1} / alpha.i{j * 10} * 100\n"
            f"    targets: [{{period: annual, cmp: '>=', value: 10, quote: 占比{j}不低于10%}}]"
        )
    (folder / "alpha.yaml").write_text("\n".join(alpha) + "\n", encoding="utf-8")
    (folder / "beta.yaml").write_text("\n".join(beta) + "\n", encoding="utf-8")
    rows = ["indicator,as_of,value,unit,entered,source,note,by,at"]
    rows += [
        f"i{i},2023-03-31,{i % 50},个,{i % 50}个,,,t,2023-04-01T00:00:00+08:00" for i in range(0, indicators - 10, 3)
    ]
    (folder / "actuals" / "alpha.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


class Scanned(list[Any]):
    """A list that counts how often it is walked or searched: a lookup by scan shows up here."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self.scans = 0

    def __iter__(self) -> Iterator[Any]:
        self.scans += 1
        return super().__iter__()

    def __contains__(self, item: object) -> bool:
        self.scans += 1
        return super().__contains__(item)

    def index(self, *args: Any) -> int:
        self.scans += 1
        return super().index(*args)


def scans_of_a_status_and_a_lint(folder: Path) -> dict[str, int]:
    """Load the plan, then count the walks of every list of actions and indicators while the
    targets are judged, the plan linted and every indicator looked up by name and through its links."""
    plan = load_plan(folder)
    watched: dict[str, Scanned] = {"plan": Scanned(plan.actions)}
    object.__setattr__(plan, "actions", watched["plan"])  # frozen models: watched from outside
    for action in plan.actions:
        watched[action.id] = Scanned(action.indicators)
        object.__setattr__(action, "indicators", watched[action.id])
    run_everything(plan, folder)
    return {name: found.scans for name, found in watched.items()}


def run_everything(plan: Plan, folder: Path) -> None:
    snapshot = tracking.snapshot(plan, folder, plan.actions, None, dt.date(2023, 3, 31))
    assert len(snapshot.items) == plan.target_count
    assert lint(plan) == []
    for action in list.__iter__(plan.actions):  # type: ignore[arg-type]
        for indicator in list.__iter__(action.indicators):  # type: ignore[arg-type]
            assert catalog.find_indicator(action, indicator.name) is indicator
            assert catalog.action_named(plan, action.title) is action
            plan.resolve_alias(action.id, indicator.id)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_big_plan(tmp_path_factory.mktemp("big"), BIG)


@pytest.mark.slow  # a plan of 1,000 indicators
def test_the_lists_are_walked_as_often_for_100_indicators_as_for_1000(
    big: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    small = write_big_plan(tmp_path_factory.mktemp("small"), 100)
    walks = scans_of_a_status_and_a_lint(big)
    assert walks == scans_of_a_status_and_a_lint(small)  # not a walk per lookup: the same handful at any size
    assert max(walks.values()) < 50
