"""Plain-text outputs for other tools and for forges: JSON, CSV and Markdown tables.

Owns the stable machine formats (design.md's keys, in order) and the display formatting of
numbers shared by every output. Returns strings; never prints; never imports rich, so that
`--format json` stays cheap.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from daye_plan.model.numbers import CMP_SIGNS, number, percent, quantity

if TYPE_CHECKING:
    from daye_plan.model.catalog import TargetRow
    from daye_plan.model.plan import Action
    from daye_plan.model.records import Actual
    from daye_plan.ops.progress import Progress
    from daye_plan.ops.tracking import Snapshot
    from daye_plan.storage.git import LineOrigin

_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_[]<>|~&!#"}
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(records: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2, default=_json_default) + "\n"


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (=, +, -, @ lead a text cell)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(records: Sequence[Mapping[str, Any]], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([csv_cell(record.get(key)) for key in header])
    return out.getvalue()


class Markdown(str):
    """Text that is already Markdown: `md_table` puts it in a cell as it is."""


def md_text(value: Any) -> Markdown:
    """Text (plan wording or typed by a person) as literal Markdown on one line: every character
    Markdown or HTML would act on (`|`, `<`, `*`, `[`, backticks ...) becomes a character reference.
    """
    if isinstance(value, Markdown):
        return value
    text = "" if value is None else str(value)
    # strip(" "), not strip(): the ideographic spaces that indent a 其中 sub-target must stay
    return Markdown("".join(_MD_SPECIAL.get(char, char) for char in _LINE_BREAKS.sub(" ", text).strip(" ")))


md_cell = md_text


def md_code(text: str) -> Markdown:
    """A code span for a table cell (a text progress bar): GFM needs `\\|` even inside backticks."""
    return Markdown("`" + text.replace("`", "'").replace("|", "\\|") + "`")


def md_table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str = "") -> str:
    """A GitHub-flavoured Markdown table; `align` is one of l/r/c per column (default left)."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    lines = [
        "| " + " | ".join(md_cell(h) for h in header) + " |",
        "| " + " | ".join(marks[align[i]] if i < len(align) else "---" for i in range(len(header))) + " |",
    ]
    for row in rows:
        lines.append("| " + " | ".join(md_cell(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n"


def target_requirement(row: TargetRow) -> str:
    """`≥ 135 个` / `≈ 100 名` / `完成` — the target as one cell."""
    if row.target.cmp is None:
        return "完成"
    per = f"（每月 {number(row.target.value)}）" if row.target.per else ""
    return f"{CMP_SIGNS[row.target.cmp.value]} {quantity(row.value, row.indicator.unit)}{per}"


def indicator_label(row: TargetRow, indent: str = "  ") -> str:
    """The indicator's name, indented one step per 其中 level under its parent."""
    depth, parent = 0, row.indicator.parent
    while parent is not None and depth < 8:
        depth += 1
        parent = row.action.indicator(parent).parent
    return f"{indent * depth}└ {row.indicator.name}" if depth else row.indicator.name


LIGHT_LABELS = {"green": "绿", "yellow": "黄", "red": "红", "grey": "无数据"}
LIGHT_ICONS = {"green": "🟢", "yellow": "🟡", "red": "🔴", "grey": "⚪"}


def gap_text(gap: Decimal | None, unit: str) -> str:
    """差距 with its sign; percentage points (个百分点) for rates."""
    if gap is None:
        return "—"
    sign = "+" if gap > 0 else ""
    if unit == "%":
        return f"{sign}{number(gap, 2)} 个百分点"
    return f"{sign}{number(gap, 2)} {unit}"


def bar(attainment: Decimal | None, expected: Decimal | None, width: int = 10) -> str:
    """A text progress bar: `█` up to the attainment (capped at 100%), `|` at 序时进度."""
    cells = ["·"] * width
    if attainment is not None:
        filled = int(max(Decimal(0), min(attainment, Decimal(100))) * width / 100)
        for index in range(filled):
            cells[index] = "█"
    if expected is not None:
        position = min(width - 1, int(expected * width / 100))
        if cells[position] != "█":
            cells[position] = "|"
    return "".join(cells)


def actual_text(item: Progress) -> str:
    """The latest actual as shown: `50 个`, `96 小时`, `完成` / `未完成` for a milestone."""
    if item.reading is None:
        return "—"
    if item.row.indicator.kind.value == "milestone":
        return "完成" if item.met else "未完成"
    return quantity(item.reading.value, item.row.indicator.unit, 2)


def paired(items: Iterable[Progress]) -> list[tuple[Progress, Progress | None]]:
    """Each floor (确保 or plain) with the 力争 stretch of the same indicator and period beside it.

    A stretch with no floor stands on its own row as (stretch, None).
    """
    items = list(items)
    stretches = {(i.row.indicator.id, i.row.target.period): i for i in items if not i.is_floor}
    used: set[int] = set()
    out: list[tuple[Progress, Progress | None]] = []
    for item in items:
        if item.is_floor:
            stretch = stretches.get((item.row.indicator.id, item.row.target.period))
            if stretch is not None:
                used.add(id(stretch))
            out.append((item, stretch))
    for item in items:
        if not item.is_floor and id(item) not in used:
            out.append((item, None))
    order = {id(item): index for index, item in enumerate(items)}
    return sorted(out, key=lambda pair: order[id(pair[0])])


def status_heading(snapshot: Snapshot) -> str:
    """`大冶市 · 2023年八大行动 · 截至 2023-03-31 · 序时进度 全年 24.7% 一季度 100.0%`."""
    from daye_plan.ops.progress import period_elapsed

    meta = snapshot.plan.meta
    shares = " ".join(f"{p.label} {percent(period_elapsed(meta, p, snapshot.on))}" for p in meta.periods.values())
    return f"{meta.region} · {meta.title} · 截至 {snapshot.on.isoformat()} · 序时进度 {shares}"


HISTORY_KEYS = [
    "line",
    "indicator_id",
    "indicator",
    "as_of",
    "value",
    "unit",
    "entered",
    "source",
    "note",
    "by",
    "at",
    "superseded",
    "commit",
    "author",
    "committed",
]


def history_entries(
    action: Action, records: Sequence[Actual], origins: Mapping[int, LineOrigin] | None, only: str | None = None
) -> list[dict[str, Any]]:
    """Records in file order, each marked superseded when a later one has its indicator and date."""
    seen: set[tuple[str, object]] = set()
    superseded: set[int] = set()
    for actual in reversed(records):
        key = (actual.indicator, actual.as_of)
        if key in seen:
            superseded.add(actual.line)
        seen.add(key)
    names = {i.id: i.name for i in action.indicators}
    entries = []
    for actual in records:
        if only is not None and actual.indicator != only:
            continue
        origin = origins.get(actual.line) if origins is not None else None
        entries.append(
            {
                "line": actual.line,
                "indicator_id": actual.indicator,
                "indicator": names.get(actual.indicator, actual.indicator),
                "as_of": actual.as_of,
                "value": actual.value,
                "unit": actual.unit,
                "entered": actual.entered,
                "source": actual.source,
                "note": actual.note,
                "by": actual.by,
                "at": actual.at,
                "superseded": actual.line in superseded,
                "commit": origin.commit if origin else None,
                "author": origin.author if origin else None,
                "committed": origin.date if origin else None,
            }
        )
    return entries


def history_markdown(entries: Sequence[Mapping[str, Any]]) -> str:
    header = ["行", "指标", "截至", "数值", "录入", "来源", "备注", "录入人", "时间", "状态", "提交"]
    rows = [
        [
            e["line"],
            e["indicator"],
            e["as_of"],
            quantity(e["value"], e["unit"]),
            e["entered"],
            e["source"],
            e["note"],
            e["by"],
            e["at"],
            "已被取代" if e["superseded"] else "有效",
            commit_text(e),
        ]
        for e in entries
    ]
    return md_table(header, rows, align="r")


def commit_text(entry: Mapping[str, Any]) -> str:
    if entry["commit"]:
        return f"{entry['commit']} {entry['author']} {entry['committed']}"
    return "未提交"


def status_markdown(snapshot: Snapshot, items: Sequence[Progress]) -> str:
    header = ["行动", "指标", "期间", "目标", "实际", "截至", "完成率", "序时", "差距", "进度", "灯"]
    rows = []
    for item in items:
        row = item.row
        target = target_requirement(row)
        rows.append(
            [
                row.action.name,
                indicator_label(row, indent="\u3000"),
                row.period.label,
                f"{row.target.level} {target}" if row.target.level else target,
                actual_text(item),
                item.reading.as_of.isoformat() if item.reading else "—",
                percent(item.attainment) if item.reading else "—",
                percent(item.expected),
                gap_text(item.gap, row.indicator.unit),
                md_code(bar(item.attainment, item.expected)),
                f"{LIGHT_ICONS[item.light.value]} {LIGHT_LABELS[item.light.value]}",
            ]
        )
    return f"**{status_heading(snapshot)}**\n\n" + md_table(header, rows, align="lllrrlrrrll")
