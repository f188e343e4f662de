"""Data for `make bench`: realistic actuals for the bundled plan, and a large generated plan.

Records look like what departments type in: year-to-date figures at month ends (and on other
report days) that grow through the year for cumulative indicators, levels that move about their
target, milestones that get done; sources; notes with commas, quotes (so that many lines take
the store's quoted-CSV path) and now and then an escaped line break; and corrections: a later
record for the same indicator and date that supersedes an earlier one. Nothing here reads or
writes the repository's plans/: everything goes under the folder it is given.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

HEADER = ["indicator", "as_of", "value", "unit", "entered", "source", "note", "by", "at"]
YEAR = 2023
START = dt.date(YEAR, 1, 1)
MONTH_ENDS = [dt.date(YEAR, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 12)] + [dt.date(YEAR, 12, 31)]
CORRECTION_SHARE = 0.08  # of records: a later figure for an indicator and date already recorded
MONTH_END_SHARE = 0.6  # of first figures: at a month end (1-N月累计); the rest on other report days

NOTES = [  # weighted by repetition: a third of the notes need CSV quoting (a comma or a quote)
    "",
    "",
    "",
    "",
    "",
    "",
    '按"四上"口径统计',
    "含新入库项目3个,已与统计局核实",
    "数据来自统计局快报，待正式数据更新",
    '口径调整,剔除"一业一证"重复事项, 见附表2',
    "第一行说明\\n第二行: 分乡镇数据另报",  # a line break, stored escaped as the two characters \n
    "较上月增长, 主要是新开工项目集中入库",
]
CORRECTION_NOTES = ["更正: 原报数据有误,以此为准", '更正,原"快报"数据被正式数据替换']
SOURCES = [
    "市统计局{m}月统计月报",
    "市招商服务中心月报",
    "市发改局项目调度表(第{m}期)",
    "牵头单位报送, 经办公室复核",
    "",
]
RECORDERS = ["统计员张伟", "招商办李娜", "发改局王强", "督查室", "bench"]


@dataclass(frozen=True)
class Series:
    """How one recorded indicator's figures go through the year."""

    action_id: str
    indicator_id: str
    unit: str
    kind: str  # cumulative, level, milestone
    goal: Decimal  # the annual target (or a stand-in), in the unit
    low: Decimal | None
    high: Decimal | None
    whole: bool  # counts are whole numbers

    def figure(self, day: dt.date, rng: random.Random) -> Decimal:
        """A plausible figure at `day`: year-to-date growth, a level near its target, or done/not."""
        elapsed = Decimal((day - START).days + 1) / Decimal(365)
        if self.kind == "milestone":
            return Decimal(1) if elapsed > Decimal("0.4") + Decimal(rng.random()) / 2 else Decimal(0)
        jitter = Decimal(str(round(rng.uniform(0.85, 1.15), 3)))
        value = self.goal * elapsed * jitter if self.kind == "cumulative" else self.goal * jitter
        if self.low is not None:
            value = max(value, self.low)
        if self.high is not None:
            value = min(value, self.high)
        return value.quantize(Decimal(1) if self.whole else Decimal("0.01"))


def recorded_series(plan: Any) -> list[Series]:
    """One series per indicator that takes records (not derived by a formula, not an alias)."""
    found = []
    for action in plan.actions:
        for indicator in action.indicators:
            if indicator.formula is not None or indicator.same_as is not None:
                continue
            low, high = indicator.allowed_range
            annual = [t.value for t in indicator.targets if t.value is not None and t.period == "annual"]
            goal = annual[0] if annual else (high if high is not None else Decimal(100))
            if indicator.unit == "%":
                goal = min(goal, Decimal(100))
            whole = indicator.unit in ("个", "家", "人", "户", "次", "项", "件", "名") or (
                goal == goal.to_integral_value() and goal >= 20 and indicator.unit != "%"
            )
            found.append(Series(action.id, indicator.id, indicator.unit, indicator.kind.value, goal, low, high, whole))
    return found


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _rows(series: list[Series], size: int, rng: random.Random) -> Iterator[tuple[str, list[str]]]:
    """`size` records as (action id, row), in the order they are entered: by report day, with
    corrections of recent figures among them."""
    firsts: list[tuple[dt.date, int]] = []
    for n in range(size):
        day = (
            MONTH_ENDS[rng.randrange(12)]
            if rng.random() < MONTH_END_SHARE
            else START + dt.timedelta(rng.randrange(365))
        )
        firsts.append((day, n % len(series)))
    firsts.sort()
    recent: list[tuple[dt.date, Series]] = []
    written = 0
    for day, index in firsts:
        if written >= size:
            return
        one = series[index]
        yield one.action_id, _row(one, day, one.figure(day, rng), rng, rng.choice(NOTES))
        written += 1
        recent.append((day, one))
        if len(recent) > 500:
            del recent[:250]
        if written < size and rng.random() < CORRECTION_SHARE:
            fixed_day, fixed = rng.choice(recent)
            yield (
                fixed.action_id,
                _row(fixed, fixed_day, fixed.figure(fixed_day, rng), rng, rng.choice(CORRECTION_NOTES)),
            )
            written += 1


def _row(one: Series, day: dt.date, value: Decimal, rng: random.Random, note: str) -> list[str]:
    shown = _plain(value)
    entered = f"{_plain(value * 10000)}万元" if one.unit == "亿元" and rng.random() < 0.3 else f"{shown}{one.unit}"
    at = dt.datetime.combine(
        day + dt.timedelta(days=rng.randrange(1, 8)), dt.time(9 + rng.randrange(9), rng.randrange(60))
    )
    source = rng.choice(SOURCES).format(m=day.month)
    return [
        one.indicator_id,
        day.isoformat(),
        shown,
        one.unit,
        entered,
        source,
        note,
        rng.choice(RECORDERS),
        at.isoformat() + "+08:00",
    ]


def write_actuals(plan: Any, folder: Path, size: int, seed: int = 7) -> int:
    """Write `size` records into `folder/<action-id>.csv` (header included); returns how many
    need CSV quoting."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    handles = {}
    writers = {}
    quoted = 0
    try:
        for action in plan.actions:
            handle = open(folder / f"{action.id}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            handles[action.id] = handle
            writers[action.id] = csv.writer(handle, lineterminator="\n")
            writers[action.id].writerow(HEADER)
        series = recorded_series(plan)
        if not series:
            return 0
        for action_id, row in _rows(series, size, rng):
            quoted += any("," in cell or '"' in cell for cell in row)
            writers[action_id].writerow(row)
    finally:
        for handle in handles.values():
            handle.close()
    return quoted


PLAN_META = """region: 基准县
year: {year}
title: 生成的{count}项指标计划
source: source.txt
version: "bench"
actions: [{actions}]
periods:
  annual: {{label: 全年, start: {year}-01-01, end: {year}-12-31}}
  q1: {{label: 一季度, start: {year}-01-01, end: {year}-03-31}}
lights: {{rule: ratio, yellow: 80, red: 60}}
pace: days
approx_tolerance: 5
"""

UNITS = [
    ("个", "cumulative", 120),
    ("亿元", "cumulative", 850),
    ("%", "level", 12),
    ("万吨", "cumulative", 36),
    ("家", "level", 300),
]


def write_large_plan(folder: Path, indicators: int, actions: int = 10) -> None:
    """A valid plan with `indicators` indicators over `actions` actions: counts, amounts, rates,
    running totals and milestones; 其中 parts; 确保/力争 pairs; Q1 targets; and, now and then,
    an indicator that is the same measure as another action's (same_as) or derived by a formula."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"action_{a:02d}" for a in range(actions)]
    (folder / "plan.yaml").write_text(
        PLAN_META.format(year=YEAR, count=indicators, actions=", ".join(ids)), encoding="utf-8"
    )
    (folder / "source.txt").write_text("生成的计划, 仅供基准测试。\n", encoding="utf-8")
    per_action = indicators // actions
    for a, action_id in enumerate(ids):
        lines = [
            f"id: {action_id}",
            f"name: 行动{a + 1}",
            f"title: 第{a + 1}项行动",
            f"theme: 在第{a + 1}个方面下功夫",
            "indicators:",
        ]
        for i in range(per_action):
            lines += _indicator_yaml(a, i, ids)
        (folder / f"{action_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _indicator_yaml(a: int, i: int, ids: list[str]) -> list[str]:
    unit, kind, value = UNITS[i % len(UNITS)]
    if i % 25 == 7:
        kind, unit = "milestone", ""
    head = [f"  - id: ind_{i:05d}", f"    name: 指标{a + 1}-{i + 1}", f'    unit: "{unit}"', f"    kind: {kind}"]
    if i % 10 == 3 and kind != "milestone":  # a 其中 part of the indicator before its group
        head.append(f"    parent: ind_{i - 3:05d}")
    if i % 50 == 11 and a > 0 and kind == "cumulative":  # same measure as the previous action's
        head.append(f"    same_as: {ids[a - 1]}.ind_{i:05d}")
    elif i % 50 == 27 and unit == "%":  # derived: the ratio of two counts of this action
        head.append(f"    formula: ind_{i - 2:05d} / ind_{i - 7:05d} * 100")
    if kind == "milestone":
        return [*head, "    targets:", f"      - {{period: annual, quote: 完成第{i + 1}项任务}}"]
    cmp = '">="'
    targets = [
        f"      - {{period: annual, cmp: {cmp}, value: {value + i % 7}, quote: 全年不少于{value + i % 7}{unit}}}"
    ]
    if i % 4 == 0:
        stretch = value + i % 7 + 5
        targets[0] = targets[0].replace("period: annual,", "period: annual, level: 确保,")
        targets.append(
            f"      - {{period: annual, cmp: {cmp}, value: {stretch}, level: 力争, quote: 力争达到{stretch}{unit}}}"
        )
    if kind == "cumulative" and i % 3 == 0:
        q1 = round((value + i % 7) * 0.3)
        targets.append(f"      - {{period: q1, cmp: {cmp}, value: {q1}, quote: 一季度不少于{q1}{unit}}}")
    return [*head, "    targets:", *targets]
