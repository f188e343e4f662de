"""Reports an office can publish: one period's progress as Markdown or as a self-contained HTML file.

Owns what a report says and how it is laid out — title, the summary paragraph (总体情况), the
roll-up per action, the list of lagging targets (滞后指标清单), one section per action and the
data notes — and escaping whatever people typed (sources, notes, lead departments) so that it can
neither break a Markdown table nor inject HTML. Every figure comes from a `tracking.Snapshot`,
judged by `progress`; this module only counts, orders and formats, and keeps no rule of its own.
Pure and deterministic: the snapshot and the records it was read from go in, a `str` comes out
(same data, same bytes: no clock, no paths, stable order). It never reads files, prints or imports rich.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.model.numbers import half_up, number, percent, quantity
from daye_plan.model.plan import Action, Kind, Period, Plan
from daye_plan.model.records import Actual
from daye_plan.ops.progress import BEHIND, LIGHT_ORDER, Light, Progress, period_elapsed, rollup
from daye_plan.ops.tracking import Snapshot
from daye_plan.present.export import (
    LIGHT_ICONS,
    LIGHT_LABELS,
    Markdown,
    actual_text,
    bar,
    gap_text,
    indicator_label,
    md_code,
    md_table,
    md_text,
    paired,
    target_requirement,
)

HUNDRED = Decimal(100)
NO_SOURCE = "（未注明来源）"
# The order lights are counted and drawn in: good news first, missing data last.
LIGHTS = (Light.GREEN, Light.YELLOW, Light.RED, Light.GREY)
COLOURS = {Light.GREEN: "#2e7d32", Light.YELLOW: "#f2a900", Light.RED: "#c62828", Light.GREY: "#b0b0b0"}
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")

ROLLUP_HINT = "仅计确保及一般目标；平均完成率为有数据的累计指标完成率的平均值。"
LAGGING_HINT = "红灯在前，同色按落后程度排列；累计指标的差距为完成率与序时进度之差，其余为实际与目标之差。"
LAGGING_COLUMNS = ("序号", "灯", "行动", "指标", "目标", "实际", "截至", "完成率", "序时", "差距", "牵头单位/备注")
TARGET_COLUMNS = ("指标", "目标", "实际", "截至", "完成率", "序时", "进度", "灯")
MILESTONE_COLUMNS = ("任务", "状态", "截至", "灯")
FRESHNESS_COLUMNS = ("行动", "最新数据日期", "有效记录", "说明")
SOURCE_COLUMNS = ("来源", "引用记录", "涉及行动")


# --- what a report holds -----------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """One roll-up row: floor targets (确保 or plain) per light, how many are met, mean 完成率."""

    name: str
    counts: dict[Light, int]
    met: int
    average: Decimal | None
    stretches: int  # 力争 targets: shown, not counted

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def on_schedule(self) -> int:
        """Green but not yet met: a cumulative target keeping pace with 序时进度."""
        return self.counts[Light.GREEN] - self.met

    @property
    def behind(self) -> int:
        return self.counts[Light.YELLOW] + self.counts[Light.RED]


@dataclass(frozen=True)
class Lagging:
    """A red or yellow target in the 滞后 list, with its gap and who answers for it."""

    item: Progress
    basis: str  # 较序时 (cumulative) or 较目标 (level): what the gap is measured against
    gap: str
    remark: str


@dataclass(frozen=True)
class Section:
    """One action: numeric targets (each floor beside its 力争 stretch) and milestones."""

    number: int
    action: Action
    lines: list[tuple[Progress, Progress | None]]
    milestones: list[Progress]


@dataclass(frozen=True)
class Freshness:
    action: str
    latest: dt.date | None  # newest record on or before the as-of date
    records: int  # records in force on or before the as-of date
    later: int  # records dated after it: not counted in this report


@dataclass(frozen=True)
class Citation:
    source: str
    records: int
    actions: list[str]


@dataclass(frozen=True)
class Report:
    """Everything a report shows, computed once; `markdown` and `html` only lay it out."""

    plan: Plan
    period: Period
    on: dt.date
    elapsed: Decimal
    tallies: list[Tally]
    total: Tally
    lagging: list[Lagging]
    sections: list[Section]
    no_data: list[tuple[str, list[str]]]
    freshness: list[Freshness]
    sources: list[Citation]
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"《{self.plan.meta.title}》{self.subtitle}"

    @property
    def subtitle(self) -> str:
        return f"{self.period.label}目标进展报告"

    @property
    def facts(self) -> list[tuple[str, str]]:
        meta = self.plan.meta
        issued = f"，{meta.published.isoformat()} 印发" if meta.published else ""
        return [
            ("地区", meta.region),
            ("方案", f"{meta.title}（版本 {meta.version}{issued}）"),
            ("期间", f"{self.period.label}（{self.period.start.isoformat()} 至 {self.period.end.isoformat()}）"),
            ("截至", f"{chinese_date(self.on)}（时间进度 {pct(self.elapsed)}）"),
        ]

    @property
    def summary(self) -> str:
        total = self.total
        text = (
            f"截至{chinese_date(self.on)}，{self.period.label}时间已过{pct(self.elapsed)}（序时进度）。"
            f"纳入汇总的{self.period.label}确保及一般目标共{total.total}项：已达标{total.met}项，"
            f"符合序时进度{total.on_schedule}项，滞后{total.behind}项（黄灯{total.counts[Light.YELLOW]}项、"
            f"红灯{total.counts[Light.RED]}项），暂无数据{total.counts[Light.GREY]}项"
        )
        text += f"；另有力争目标{self.total.stretches}项单独列示，不计入汇总。" if self.total.stretches else "。"
        parts = [f"{t.name}{_tally_phrase(t)}" for t in self.tallies if t.total or t.stretches]
        if parts:
            text += "分行动看，" + "；".join(parts) + "。"
        return text


def build(snapshot: Snapshot, period: str) -> Report:
    """The report of `snapshot` (judged for `period`; taken with `keep_records`).

    The record a figure was read from (the last line for its indicator and date) supplies its
    source and note.
    """
    plan, on = snapshot.plan, snapshot.on
    items = [item for item in snapshot.items if item.row.target.period == period]
    ledgers = _Ledgers(snapshot)
    tallies = [_tally(action.name, [i for i in items if i.row.action.id == action.id]) for action in plan.actions]
    sections: list[Section] = []
    for action in plan.actions:
        mine = [item for item in items if item.row.action.id == action.id]
        numeric = [item for item in mine if item.row.indicator.kind is not Kind.MILESTONE]
        milestones = [item for item in mine if item.row.indicator.kind is Kind.MILESTONE]
        sections.append(Section(len(sections) + 1, action, paired(numeric), milestones))
    return Report(
        plan=plan,
        period=plan.meta.periods[period],
        on=on,
        elapsed=period_elapsed(plan.meta, plan.meta.periods[period], on),
        tallies=tallies,
        total=_tally("合计", items),
        lagging=_lagging(items, ledgers),
        sections=sections,
        no_data=_no_data(plan, items),
        freshness=ledgers.freshness(on),
        sources=ledgers.citations(items),
        notes=_method_notes(plan),
    )


def _tally(name: str, items: Sequence[Progress]) -> Tally:
    _, found = rollup(items)
    met = sum(1 for item in items if item.is_floor and item.met)
    stretches = sum(1 for item in items if not item.is_floor)
    return Tally(name, {light: found.counts[light] for light in LIGHTS}, met, found.average_attainment, stretches)


def _tally_phrase(tally: Tally) -> str:
    if not tally.total:
        return f"仅有力争目标{tally.stretches}项"
    parts = []
    if tally.met:
        parts.append(f"已达标{tally.met}项")
    if tally.on_schedule:
        parts.append(f"符合序时{tally.on_schedule}项")
    if tally.behind:
        red = tally.counts[Light.RED]
        parts.append(f"滞后{tally.behind}项" + (f"（红灯{red}项）" if red else ""))
    if tally.counts[Light.GREY]:
        parts.append(f"暂无数据{tally.counts[Light.GREY]}项")
    return "、".join(parts)


def _shortfall(item: Progress) -> Decimal:
    """Points of 完成率 short of where the target should stand by now: its 序时进度, else 100%.

    Only orders the 滞后 list (how far behind); the light itself is the engine's.
    """
    if item.attainment is None:
        return Decimal("Infinity")
    reference = item.expected if item.expected is not None else HUNDRED
    return reference - item.attainment


def _lagging(items: Sequence[Progress], ledgers: _Ledgers) -> list[Lagging]:
    """Every red and yellow target: red first, then the furthest behind; plan order breaks ties."""
    behind = [item for item in items if item.light in BEHIND]
    behind.sort(key=lambda item: (LIGHT_ORDER[item.light], -_shortfall(item)))
    return [Lagging(item, *gap_to_schedule(item), ledgers.remark(item)) for item in behind]


def gap_to_schedule(item: Progress) -> tuple[str, str]:
    """(`较序时`, `-12.3 个百分点`) for cumulative targets: 完成率 − 序时进度, as both are shown;
    (`较目标`, `+16 小时`) for the others: actual − target; ("", `未完成`) for a milestone.
    """
    unit = item.row.indicator.unit
    if item.row.indicator.kind is Kind.MILESTONE:
        return "", "未完成" if item.reading else "—"
    if item.attainment is not None and item.expected is not None:
        return "较序时", points(half_up(item.attainment, 1) - half_up(item.expected, 1))
    if item.gap is None:
        return "", "—"
    return "较目标", points(item.gap) if unit == "%" else gap_text(item.gap, unit)


def _no_data(plan: Plan, items: Sequence[Progress]) -> list[tuple[str, list[str]]]:
    out = []
    for action in plan.actions:
        names: list[str] = []
        for item in items:
            if item.row.action.id == action.id and item.light is Light.GREY and item.row.indicator.name not in names:
                names.append(item.row.indicator.name)
        if names:
            out.append((action.name, names))
    return out


def _method_notes(plan: Plan) -> list[str]:
    lights = plan.meta.lights
    yellow, red = number(lights.yellow), number(lights.red)
    if lights.rule == "ratio":
        rule = f"累计指标完成率低于序时进度的{yellow}%为黄灯、低于{red}%为红灯"
    else:
        rule = f"累计指标完成率落后序时进度超过{yellow}个百分点为黄灯、超过{red}个百分点为红灯"
    return [
        "完成率 = 实际 ÷ 目标 × 100%（“以内”“压减至”等上限类目标为 目标 ÷ 实际 × 100%）；"
        "累计指标为年初至截至日的累计数。",
        "序时进度为截至日已过天数占期间天数的比例，只用于累计指标；时点指标和重点任务以是否达到目标判断。",
        f"灯色：达标为绿灯；{rule}；时点指标、重点任务未达标为黄灯；期间结束仍未达标为红灯；未报送数据为灰色（无数据）。",
        "汇总只计确保及一般目标，力争目标与其确保目标并列显示，未达到不视为未完成；滞后指标清单包括力争目标。",
    ]


class _Ledgers:
    """The records in force (the last line for each indicator and date), by action."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.plan = snapshot.plan
        self.snapshot = snapshot
        self._cited: dict[tuple[str, str, dt.date], Actual | None] = {}

    def cited(self, item: Progress) -> Actual | None:
        """The record the item's figure was read from (kept with the indicator an alias names)."""
        if item.reading is None:
            return None
        try:
            owner = self.plan.resolve_alias(item.row.action.id, item.row.indicator.id)
        except KeyError:
            return None
        key = (*owner, item.reading.as_of)
        if key not in self._cited:  # one record object per citation, so an alias's is counted once
            self._cited[key] = self.snapshot.record(*key)
        return self._cited[key]

    def remark(self, item: Progress) -> str:
        """The lead department (牵头单位) when the plan names one, else the record's note or source;
        for a derived indicator, the indicators it is computed from."""
        if item.row.indicator.lead:
            return f"牵头：{item.row.indicator.lead}"
        inputs = self.inputs(item)
        if inputs:
            return "由" + "、".join(inputs) + "计算"
        record = self.cited(item)
        if record is None:
            return "—"
        if record.note:
            return record.note
        return f"来源：{record.source}" if record.source else "—"

    def inputs(self, item: Progress) -> list[str]:
        """Names of the indicators a derived (`formula`) indicator is computed from; [] for others."""
        try:
            owner = self.plan.resolve_alias(item.row.action.id, item.row.indicator.id)
            expression = self.plan.action(owner[0]).indicator(owner[1]).expression
            if expression is None:
                return []
            return [self.plan.lookup(name, owner[0])[1].name for name in expression.names()]
        except KeyError:
            return []

    def freshness(self, on: dt.date) -> list[Freshness]:
        out = []
        for action in self.plan.actions:
            dates = self.snapshot.record_dates(action.id)
            counted = [day for day in dates if day <= on]
            out.append(Freshness(action.name, max(counted, default=None), len(counted), len(dates) - len(counted)))
        return out

    def citations(self, items: Iterable[Progress]) -> list[Citation]:
        """Each source the report's figures were read from, with how many records cite it."""
        seen: set[int] = set()
        counts: dict[str, int] = {}
        actions: dict[str, list[str]] = {}
        for item in items:
            record = self.cited(item)
            if record is None:
                continue
            source = _one_line(record.source) or NO_SOURCE
            if id(record) not in seen:  # an alias cites its owner's record: count it once
                seen.add(id(record))
                counts[source] = counts.get(source, 0) + 1
            names = actions.setdefault(source, [])
            if item.row.action.name not in names:
                names.append(item.row.action.name)
        ordered = sorted(counts, key=lambda source: (-counts[source], source))
        return [Citation(source, counts[source], actions[source]) for source in ordered]


# --- cells shared by both formats --------------------------------------------------------------


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (section numbers (一), (二) ...)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if n < 10:
        return digits[n]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def points(value: Decimal) -> str:
    """Percentage points with one decimal and a sign: `-12.3 个百分点`, `+2.0 个百分点`."""
    shown = half_up(value, 1)
    shown = abs(shown) if shown == 0 else shown  # no `-0.0`
    return f"{'+' if shown > 0 else ''}{shown:.1f} 个百分点"


def target_cell(item: Progress) -> str:
    text = target_requirement(item.row)
    return f"{item.row.target.level} {text}" if item.row.target.level else text


def actual_cell(item: Progress) -> str:
    """The figure as analysts expect it: at most two decimals (亿元), one for a percent."""
    unit = item.row.indicator.unit
    if item.reading is None or item.row.indicator.kind is Kind.MILESTONE:
        return actual_text(item)
    places = 1 if unit == "%" else 2
    return quantity(half_up(item.reading.value, places), unit, places)


def as_of_cell(item: Progress) -> str:
    return item.reading.as_of.strftime("%m-%d") if item.reading else "—"


def attainment_cell(item: Progress) -> str:
    return pct(item.attainment) if item.reading else "—"


def milestone_cell(item: Progress) -> str:
    if item.reading is None:
        return "未报送"
    return "☑ 已完成" if item.met else "☐ 未完成"


def _one_line(text: str) -> str:
    # strip(" "), not strip(): the ideographic spaces that indent a 其中 sub-target must stay
    return _LINE_BREAKS.sub(" ", text).strip(" ")


def pct(value: Decimal | None) -> str:
    """A percent with one decimal, rounded half up: `24.7%`, `—`."""
    return percent(None if value is None else half_up(value, 1))


# --- Markdown ----------------------------------------------------------------------------------


def md_light(light: Light) -> str:
    return f"{LIGHT_ICONS[light.value]} {LIGHT_LABELS[light.value]}"


def markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown, with text progress bars."""
    out = [f"# {md_text(report.title)}", ""]
    out += [f"- {key}：{md_text(value)}" for key, value in report.facts]
    out += ["", "## 一、总体情况", "", md_text(report.summary), "", "## 二、分行动汇总", ""]
    out += [ROLLUP_HINT, ""]
    header = ["行动", "目标数", *(md_light(light) for light in LIGHTS), "已达标", "累计指标平均完成率"]
    rows = [_md_tally_row(t, md_text(t.name)) for t in report.tallies]
    rows.append(_md_tally_row(report.total, Markdown("**合计**")))
    out.append(md_table(header, rows, align="lrrrrrrr"))
    out += ["## 三、滞后指标清单", ""]
    if report.lagging:
        out += [LAGGING_HINT, ""]
        header = list(LAGGING_COLUMNS)
        out.append(
            md_table(header, (_md_lagging_row(n, lag) for n, lag in enumerate(report.lagging, 1)), "rllllrlrrrl")
        )
    else:
        out += ["没有红灯或黄灯目标。", ""]
    out += ["## 四、分行动进展", ""]
    for section in report.sections:
        out += _md_section(section)
    out += ["## 五、数据说明", "", "### （一）暂无数据的目标", ""]
    if report.no_data:
        out.append(md_table(["行动", "指标"], ([md_text(a), md_text("、".join(n))] for a, n in report.no_data)))
    else:
        out += ["所有目标均已有数据。", ""]
    out += ["### （二）各行动最新数据", ""]
    rows = [[md_text(f.action), _latest_text(f.latest), str(f.records), _later_text(f.later)] for f in report.freshness]
    out.append(md_table(FRESHNESS_COLUMNS, rows, align="llrl"))
    out += ["### （三）数据来源", ""]
    if report.sources:
        rows = [[md_text(c.source), str(c.records), md_text("、".join(c.actions))] for c in report.sources]
        out.append(md_table(SOURCE_COLUMNS, rows, align="lrl"))
    else:
        out += ["本期尚无数据记录。", ""]
    out += ["### （四）口径说明", ""]
    out += [f"{n}. {md_text(note)}" for n, note in enumerate(report.notes, 1)]
    return "\n".join(out) + "\n"


def _md_tally_row(tally: Tally, name: str) -> list[str]:
    return [name, str(tally.total), *(str(tally.counts[light]) for light in LIGHTS), str(tally.met), pct(tally.average)]


def _md_lagging_row(n: int, lag: Lagging) -> list[str]:
    item = lag.item
    return [
        str(n),
        md_light(item.light),
        md_text(item.row.action.name),
        md_text(item.row.indicator.name),
        md_text(target_cell(item)),
        md_text(actual_cell(item)),
        as_of_cell(item),
        attainment_cell(item),
        pct(item.expected),
        md_text(f"{lag.basis} {lag.gap}".strip()),
        md_text(lag.remark),
    ]


def _md_section(section: Section) -> list[str]:
    action = section.action
    out = [f"### （{chinese_ordinal(section.number)}）{md_text(action.title)}", "", f"**{md_text(action.theme)}**", ""]
    if section.lines:
        has_stretch = any(stretch for _, stretch in section.lines)
        header = [*TARGET_COLUMNS, *(["力争"] if has_stretch else [])]
        rows = []
        for floor, stretch in section.lines:
            row = [
                md_text(indicator_label(floor.row, indent="\u3000")),
                md_text(target_cell(floor)),
                md_text(actual_cell(floor)),
                as_of_cell(floor),
                attainment_cell(floor),
                pct(floor.expected),
                md_code(bar(floor.attainment, floor.expected)),
                md_light(floor.light),
            ]
            if has_stretch:
                row.append(_md_stretch(stretch))
            rows.append(row)
        out.append(md_table(header, rows, align="lrrlrrlll"))
    if section.milestones:
        out += ["重点任务：", ""]
        rows = [
            [md_text(m.row.indicator.name), milestone_cell(m), as_of_cell(m), md_light(m.light)]
            for m in section.milestones
        ]
        out.append(md_table(MILESTONE_COLUMNS, rows))
    if not section.lines and not section.milestones:
        out += ["本期无目标。", ""]
    return out


def _md_stretch(stretch: Progress | None) -> str:
    if stretch is None:
        return ""
    return Markdown(
        f"{md_text(target_requirement(stretch.row))} · {md_text(attainment_cell(stretch))} · {md_light(stretch.light)}"
    )


def _latest_text(day: dt.date | None) -> str:
    return day.isoformat() if day else "尚无数据"


def _later_text(later: int) -> str:
    return f"另有{later}条记录晚于截至日期，未计入" if later else ""


# --- HTML --------------------------------------------------------------------------------------


def h(text: str) -> str:
    """Text (plan wording or typed by a person) escaped for HTML, on one line."""
    return htmllib.escape(_one_line(text), quote=True)


STYLE = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eceff1; color: #212121; line-height: 1.55; font-size: 10pt;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; }
main { width: 210mm; margin: 0 auto; padding: 15mm; background: #fff; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 8pt; line-height: 1.4; letter-spacing: 0.05em; }
h1 .plan { display: block; font-size: 12pt; font-weight: normal; color: #424242; letter-spacing: 0; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 2px solid #b71c1c; }
h3 { font-size: 11.5pt; margin: 12pt 0 2pt; }
h4 { font-size: 10pt; margin: 8pt 0 3pt; }
h2, h3, h4 { break-after: avoid; }
p { margin: 4pt 0; }
.facts { margin: 0 auto 8pt; border: none; width: auto; }
.facts th, .facts td { border: none; padding: 0 6pt 0 0; background: none; font-size: 9.5pt; }
.facts th { color: #616161; font-weight: normal; }
.summary { text-indent: 2em; text-align: justify; }
.theme { color: #b71c1c; font-weight: bold; margin: 0 0 4pt; }
.hint { color: #616161; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0 8pt; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #cfd8dc; padding: 2pt 4pt; vertical-align: middle; }
th { background: #eceff1; font-weight: bold; text-align: center; white-space: nowrap; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.c { text-align: center; white-space: nowrap; }
td.r { text-align: right; }
.nw { white-space: nowrap; }
.basis { display: block; font-size: 7.5pt; color: #757575; line-height: 1.2; }
td.name { min-width: 30mm; }
table.lagging { font-size: 8pt; }
table.lagging td.name { min-width: 22mm; }
table.lagging th, table.lagging td { padding: 2pt 3pt; }
tr.total td { font-weight: bold; background: #fafafa; }
tr.red td:first-child { box-shadow: inset 3px 0 0 #c62828; }
tr.yellow td:first-child { box-shadow: inset 3px 0 0 #f2a900; }
.light { white-space: nowrap; }
.dot { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.25em;
  vertical-align: -0.05em; }
.dot.green { background: #2e7d32; } .dot.yellow { background: #f2a900; }
.dot.red { background: #c62828; } .dot.grey { background: #b0b0b0; }
.stretch { color: #424242; white-space: nowrap; }
svg { display: block; }
.legend { font-size: 8.5pt; color: #424242; }
.legend span { margin-right: 10pt; }
ol.notes { padding-left: 1.6em; font-size: 9pt; }
@media print {
  body { background: none; }
  main { width: auto; margin: 0; padding: 0; }
  h2 { break-before: auto; }
}
""".strip()


def html(report: Report) -> str:
    """The report as one self-contained HTML file: inline CSS and SVG, no script, no external reference."""
    body = [
        f'<h1><span class="plan">《{h(report.plan.meta.title)}》</span>{h(report.subtitle)}</h1>',
        '<table class="facts"><tbody>',
        *(f"<tr><th>{h(key)}</th><td>{h(value)}</td></tr>" for key, value in report.facts),
        "</tbody></table>",
        '<section id="summary">',
        "<h2>一、总体情况</h2>",
        f'<p class="summary">{h(report.summary)}</p>',
        _legend(report.total.counts),
        _stacked_bar(report.total.counts, width=400, height=14),
        "</section>",
        *_html_rollup(report),
        *_html_lagging(report),
        '<section id="actions">',
        "<h2>四、分行动进展</h2>",
        '<p class="hint">进度条：色条为完成率（颜色同灯色，超过100%按100%画），黑色竖线为序时进度。</p>',
        *(line for section in report.sections for line in _html_section(section)),
        "</section>",
        *_html_notes(report),
    ]
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="zh-CN">',
                "<head>",
                '<meta charset="utf-8"/>',
                '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
                f"<title>{h(report.title)}</title>",
                f"<style>\n{STYLE}\n</style>",
                "</head>",
                "<body>",
                "<main>",
                *body,
                "</main>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def _target_html(item: Progress) -> str:
    """The level may wrap onto its own line; the requirement (`≥ 100 亿元`) never breaks."""
    level = f"{h(item.row.target.level)} " if item.row.target.level else ""
    return f'{level}<span class="nw">{h(target_requirement(item.row))}</span>'


def _light_html(light: Light) -> str:
    return f'<span class="light"><span class="dot {light.value}"></span>{h(LIGHT_LABELS[light.value])}</span>'


def _td(text: str, cls: str = "") -> str:
    return f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>"


def _tr(cells: Iterable[str], cls: str = "") -> str:
    return (f'<tr class="{cls}">' if cls else "<tr>") + "".join(cells) + "</tr>"


def _thead(columns: Sequence[str]) -> str:
    return "<thead><tr>" + "".join(f"<th>{h(c)}</th>" for c in columns) + "</tr></thead>"


def _legend(counts: Mapping[Light, int]) -> str:
    return (
        '<p class="legend">'
        + "".join(f"<span>{_light_html(light)} {counts[light]}项</span>" for light in LIGHTS)
        + "</p>"
    )


def _coord(value: Decimal) -> str:
    return format(round(value, 1), "f")


def _stacked_bar(counts: Mapping[Light, int], width: int = 160, height: int = 12) -> str:
    """A bar split by light, each part as wide as its share of the targets."""
    total = sum(counts.values())
    label = "、".join(f"{LIGHT_LABELS[light.value]}{counts[light]}项" for light in LIGHTS)
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eeeeee"/>']
    done = 0
    for light in LIGHTS:
        if not total or not counts[light]:
            continue
        start = Decimal(done * width) / total
        done += counts[light]
        end = Decimal(done * width) / total
        parts.append(
            f'<rect x="{_coord(start)}" y="0" width="{_coord(end - start)}" height="{height}" fill="{COLOURS[light]}"/>'
        )
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{h(label)}"><title>{h(label)}</title>{"".join(parts)}</svg>'
    )


def _progress_bar(item: Progress, width: int = 80, height: int = 10) -> str:
    """完成率 as a bar (capped at 100%) coloured by light, and a mark at 序时进度."""
    scale = Decimal(width) / HUNDRED
    parts = [f'<rect x="0" y="1" width="{width}" height="{height - 2}" fill="#eeeeee"/>']
    label = f"完成率 {attainment_cell(item)}"
    if item.attainment is not None and item.attainment > 0:
        filled = min(item.attainment, HUNDRED) * scale
        parts.append(f'<rect x="0" y="1" width="{_coord(filled)}" height="{height - 2}" fill="{COLOURS[item.light]}"/>')
    if item.expected is not None:
        x = _coord(min(item.expected * scale, Decimal(width) - Decimal("1.5")))
        parts.append(f'<rect x="{x}" y="0" width="1.5" height="{height}" fill="#212121"/>')
        label += f"，序时 {pct(item.expected)}"
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{h(label)}"><title>{h(label)}</title>{"".join(parts)}</svg>'
    )


def _html_rollup(report: Report) -> list[str]:
    columns = [
        "行动",
        "目标数",
        *(LIGHT_LABELS[light.value] for light in LIGHTS),
        "已达标",
        "累计指标平均完成率",
        "灯色分布",
    ]
    out = [
        '<section id="rollup">',
        "<h2>二、分行动汇总</h2>",
        f'<p class="hint">{ROLLUP_HINT}</p>',
        "<table>",
        _thead(columns),
        "<tbody>",
    ]
    for tally, cls in [*((t, "") for t in report.tallies), (report.total, "total")]:
        cells = [
            _td(h(tally.name)),
            _td(str(tally.total), "n"),
            *(_td(str(tally.counts[light]), "n") for light in LIGHTS),
            _td(str(tally.met), "n"),
            _td(h(pct(tally.average)), "n"),
            _td(_stacked_bar(tally.counts)),
        ]
        out.append(_tr(cells, cls))
    return [*out, "</tbody>", "</table>", "</section>"]


def _html_lagging(report: Report) -> list[str]:
    out = ['<section id="behind">', "<h2>三、滞后指标清单</h2>"]
    if not report.lagging:
        return [*out, "<p>没有红灯或黄灯目标。</p>", "</section>"]
    out += [
        f'<p class="hint">{LAGGING_HINT}</p>',
        '<table class="lagging">',
        _thead(LAGGING_COLUMNS),
        "<tbody>",
    ]
    for n, lag in enumerate(report.lagging, 1):
        item = lag.item
        cells = [
            _td(str(n), "n"),
            _td(_light_html(item.light), "c"),
            _td(h(item.row.action.name), "c"),
            _td(h(item.row.indicator.name), "name"),
            _td(_target_html(item), "r"),
            _td(h(actual_cell(item)), "n"),
            _td(h(as_of_cell(item)), "c"),
            _td(h(attainment_cell(item)), "n"),
            _td(h(pct(item.expected)), "n"),
            _td(f'<span class="basis">{h(lag.basis)}</span><span class="nw">{h(lag.gap)}</span>', "r"),
            _td(h(lag.remark)),
        ]
        out.append(_tr(cells, item.light.value))
    return [*out, "</tbody>", "</table>", "</section>"]


def _html_section(section: Section) -> list[str]:
    action = section.action
    out = [
        f'<section class="action" id="action-{h(action.id)}">',
        f"<h3>（{chinese_ordinal(section.number)}）{h(action.title)}</h3>",
        f'<p class="theme">{h(action.theme)}</p>',
    ]
    if section.lines:
        has_stretch = any(stretch for _, stretch in section.lines)
        columns = [*TARGET_COLUMNS, *(["力争"] if has_stretch else [])]
        out += ["<table>", _thead(columns), "<tbody>"]
        for floor, stretch in section.lines:
            cells = [
                _td(h(indicator_label(floor.row, indent="\u3000")), "name"),
                _td(h(target_cell(floor)), "n"),
                _td(h(actual_cell(floor)), "n"),
                _td(h(as_of_cell(floor)), "c"),
                _td(h(attainment_cell(floor)), "n"),
                _td(h(pct(floor.expected)), "n"),
                _td(_progress_bar(floor)),
                _td(_light_html(floor.light), "c"),
            ]
            if has_stretch:
                cells.append(_td(_html_stretch(stretch), "stretch"))
            out.append(_tr(cells))
        out += ["</tbody>", "</table>"]
    if section.milestones:
        out += ["<h4>重点任务</h4>", "<table>", _thead(MILESTONE_COLUMNS), "<tbody>"]
        for item in section.milestones:
            cells = [
                _td(h(item.row.indicator.name), "name"),
                _td(h(milestone_cell(item)), "c"),
                _td(h(as_of_cell(item)), "c"),
                _td(_light_html(item.light), "c"),
            ]
            out.append(_tr(cells))
        out += ["</tbody>", "</table>"]
    if not section.lines and not section.milestones:
        out.append("<p>本期无目标。</p>")
    return [*out, "</section>"]


def _html_stretch(stretch: Progress | None) -> str:
    if stretch is None:
        return ""
    return f"{h(target_requirement(stretch.row))} · {h(attainment_cell(stretch))} {_light_html(stretch.light)}"


def _html_notes(report: Report) -> list[str]:
    out = ['<section id="notes">', "<h2>五、数据说明</h2>", "<h4>（一）暂无数据的目标</h4>"]
    if report.no_data:
        out += ["<table>", _thead(["行动", "指标"]), "<tbody>"]
        out += [f"<tr>{_td(h(action), 'c')}{_td(h('、'.join(names)))}</tr>" for action, names in report.no_data]
        out += ["</tbody>", "</table>"]
    else:
        out.append("<p>所有目标均已有数据。</p>")
    out += ["<h4>（二）各行动最新数据</h4>", "<table>", _thead(FRESHNESS_COLUMNS), "<tbody>"]
    for f in report.freshness:
        cells = [
            _td(h(f.action), "c"),
            _td(h(_latest_text(f.latest)), "c"),
            _td(str(f.records), "n"),
            _td(h(_later_text(f.later))),
        ]
        out.append(_tr(cells))
    out += ["</tbody>", "</table>", "<h4>（三）数据来源</h4>"]
    if report.sources:
        out += ["<table>", _thead(SOURCE_COLUMNS), "<tbody>"]
        for c in report.sources:
            out.append(f"<tr>{_td(h(c.source))}{_td(str(c.records), 'n')}{_td(h('、'.join(c.actions)))}</tr>")
        out += ["</tbody>", "</table>"]
    else:
        out.append("<p>本期尚无数据记录。</p>")
    out += ["<h4>（四）口径说明</h4>", '<ol class="notes">', *(f"<li>{h(note)}</li>" for note in report.notes), "</ol>"]
    return [*out, "</section>"]


FORMATS: dict[str, Callable[[Report], str]] = {"md": markdown, "html": html}
