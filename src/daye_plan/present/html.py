"""The HTML renderer: a `Table` as an HTML table, with lights and bars drawn in inline SVG and CSS.

Owns how each kind of cell looks in HTML — a light as a coloured dot, a progress bar and a bar
split by light as SVG, a target whose figure never breaks — the class of each cell (which the
report's stylesheet styles), and escaping whatever people typed so that it shows as text and runs
nothing. Self-contained: no script, no external reference. Returns lines of text; never prints.
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Iterable, Mapping
from decimal import Decimal

from daye_plan.present import labels
from daye_plan.present import table as t
from daye_plan.present.figures import one_line
from daye_plan.present.style import COLOURS

HUNDRED = Decimal(100)
INDENT = "\u3000"  # one 其中 level: HTML collapses ASCII spaces, not ideographic ones


def h(text: str) -> str:
    """Text (plan wording or typed by a person) escaped for HTML, on one line."""
    return htmllib.escape(one_line(text), quote=True)


def light(name: str) -> str:
    return f'<span class="light"><span class="dot {name}"></span>{h(labels.LIGHT_LABELS[name])}</span>'


def _coord(value: Decimal) -> str:
    return format(round(value, 1), "f")


def _svg(width: int, height: int, label: str, parts: Iterable[str]) -> str:
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{h(label)}"><title>{h(label)}</title>{"".join(parts)}</svg>'
    )


def stacked_bar(counts: Mapping[str, int], width: int = 160, height: int = 12) -> str:
    """A bar split by light, each part as wide as its share of the targets."""
    total = sum(counts.values())
    label = labels.LIST_SEPARATOR.join(
        f"{labels.LIGHT_LABELS[name]}{labels.COUNT.format(count=count)}" for name, count in counts.items()
    )
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eeeeee"/>']
    done = 0
    for name, count in counts.items():
        if not total or not count:
            continue
        start = Decimal(done * width) / total
        done += count
        end = Decimal(done * width) / total
        parts.append(
            f'<rect x="{_coord(start)}" y="0" width="{_coord(end - start)}" height="{height}" fill="{COLOURS[name]}"/>'
        )
    return _svg(width, height, label, parts)


def legend(counts: Mapping[str, int]) -> str:
    """Each light with how many targets have it."""
    shown = "".join(f"<span>{light(name)} {labels.COUNT.format(count=count)}</span>" for name, count in counts.items())
    return f'<p class="legend">{shown}</p>'


def progress_bar(bar: t.ProgressBar, width: int = 80, height: int = 10) -> str:
    """完成率 as a bar (capped at 100%) coloured by light, and a mark at 序时进度."""
    scale = Decimal(width) / HUNDRED
    parts = [f'<rect x="0" y="1" width="{width}" height="{height - 2}" fill="#eeeeee"/>']
    label = labels.ATTAINMENT_LABEL.format(attainment=bar.attainment_text)
    if bar.attainment is not None and bar.attainment > 0:
        filled = min(bar.attainment, HUNDRED) * scale
        parts.append(f'<rect x="0" y="1" width="{_coord(filled)}" height="{height - 2}" fill="{COLOURS[bar.light]}"/>')
    if bar.expected is not None:
        x = _coord(min(bar.expected * scale, Decimal(width) - Decimal("1.5")))
        parts.append(f'<rect x="{x}" y="0" width="1.5" height="{height}" fill="#212121"/>')
        label += labels.EXPECTED_LABEL.format(expected=bar.expected_text)
    return _svg(width, height, label, parts)


def cell(value: t.Cell) -> str:
    if isinstance(value, t.LightCell):
        return light(value.light)
    if isinstance(value, t.ProgressBar):
        return progress_bar(value)
    if isinstance(value, t.Stretch):
        return f"{h(value.requirement)} · {h(value.attainment)} {light(value.light)}"
    if isinstance(value, t.Requirement):
        level = f"{h(value.level)} " if value.level else ""
        return f'{level}<span class="nw">{h(value.requirement)}</span>'
    if isinstance(value, t.Gap):
        return f'<span class="basis">{h(value.basis)}</span><span class="nw">{h(value.gap)}</span>'
    if isinstance(value, t.Shares):
        return stacked_bar(value.counts)
    return h(t.text_of(value, INDENT))


_ROLE_CLASSES = {t.Role.NUMBER: "n", t.Role.LIGHT: "c", t.Role.NAME: "name", t.Role.STRETCH: "stretch"}
_ALIGN_CLASSES = {t.Align.CENTER: "c", t.Align.RIGHT: "r", t.Align.LEFT: ""}


def cell_class(column: t.Column) -> str:
    """The stylesheet's class for the column's cells: `n` a figure, `c` centred, `name` ..."""
    if column.role in _ROLE_CLASSES:
        return _ROLE_CLASSES[column.role]
    if column.role is t.Role.BAR or column.role is t.Role.CHART:
        return ""
    return _ALIGN_CLASSES[column.alignment]


def td(text: str, cls: str = "") -> str:
    return f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>"


def tr(cells: Iterable[str], cls: str = "") -> str:
    return (f'<tr class="{cls}">' if cls else "<tr>") + "".join(cells) + "</tr>"


def thead(columns: Iterable[t.Column]) -> str:
    return "<thead><tr>" + "".join(f"<th>{h(column.header)}</th>" for column in columns) + "</tr></thead>"


def table(data: t.Table) -> list[str]:
    """The table as lines: its caption (the title, if any), head, then one line per row."""
    classes = [cell_class(column) for column in data.columns]
    out = [f'<table class="{data.kind}">' if data.kind else "<table>"]
    if data.title:
        out.append(f"<caption>{h(data.title)}</caption>")
    out += [thead(data.columns), "<tbody>"]
    for row in data.rows:
        out.append(tr((td(cell(value), cls) for value, cls in zip(row.cells, classes, strict=True)), row.mark))
    return [*out, "</tbody>", "</table>"]
