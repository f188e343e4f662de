"""The view of several regions on their common indicators: `overview`, built once as `Table`s and `Records`.

Owns how the prefecture's comparison is laid out: in a file, one row per common measure (共同指标)
with a column group per region — its own target, its figure, the figure's date, its light and its
位次 among the regions; on a screen, per measure the regions as rows, best first, so that a hundred
counties still read on 80 columns. Then, per region, the indicators kept apart: those with no code
(never guessed into a row) and the common measures only that region holds — each listed in a
file, counted and named on the screen. The records are one per region and measure, the
kept-apart ones with no code and no rank. The judgement is `ops.overview`'s. Pure: no I/O.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from daye_plan.model import measures
from daye_plan.present import labels
from daye_plan.present import table as t
from daye_plan.present.figures import actual_text, target_requirement
from daye_plan.present.formats import View

if TYPE_CHECKING:
    from daye_plan.ops.overview import Overview, Standing
    from daye_plan.ops.progress import Progress

OVERVIEW_KEYS = [
    "code",
    "indicator",
    "region",
    "target",
    "comparator",
    "actual",
    "as_of",
    "met",
    "light",
    "rank",
    "unit",
    "measure",
]
_H = labels.HEADERS
_GROUP = (
    ("target", t.Role.NUMBER, 0),
    ("actual", t.Role.NUMBER, 0),
    ("as_of", t.Role.TEXT, 2),
    ("light", t.Role.LIGHT, 0),
)


def _rank(standing: Standing | None) -> t.Figure | str:
    return "—" if standing is None or standing.rank is None else t.Figure(Decimal(standing.rank))


def _cells(item: Progress | None, standing: Standing | None, whole: bool) -> list[t.Cell]:
    if item is None:
        return ["—"] * (len(_GROUP) + 1)
    day = item.reading.as_of if item.reading else None
    return [
        target_requirement(item.row),
        actual_text(item),
        t.Day(day, whole=whole) if day else "—",
        t.LightCell(item.light.value),
        _rank(standing),
    ]


def _group(region: str) -> list[t.Column]:
    columns = [
        t.Column(key, labels.OVERVIEW_IN_REGION.format(region=region, header=_H[key]), role, drop=drop)
        for key, role, drop in _GROUP
    ]
    rank = labels.OVERVIEW_IN_REGION.format(region=region, header=labels.OVERVIEW_RANK)
    return [*columns, t.Column("rank", rank, t.Role.NUMBER, drop=1)]


def title(view: Overview, year: int) -> str:
    """`2025年各地区共同指标对比（截至2025-06-30）`."""
    return labels.OVERVIEW_TITLE.format(year=year, on=view.on.isoformat())


def matrix(view: Overview, year: int, *, whole: bool = True) -> t.Table:
    """One row per common measure, a column group per region (target, figure, date, light, 位次)."""
    columns = [t.Column("measure", labels.OVERVIEW_MEASURE, t.Role.NAME)]
    for region in view.regions:
        columns += _group(region)
    rows = []
    for line in view.lines:
        by_region = {standing.region: standing for standing in line.standings}
        cells: list[t.Cell] = [line.name]
        for region in view.regions:
            standing = by_region.get(region)
            cells += _cells(standing.item if standing else None, standing, whole)
        rows.append(t.Row(cells))
    return t.Table(columns, rows, title=title(view, year))


def ranked(view: Overview) -> t.Table:
    """The screen's comparison: per common measure the regions as rows, best first, the measure
    named on its first row only — as narrow for a hundred regions as for two."""
    columns = [
        t.Column("measure", labels.OVERVIEW_MEASURE, t.Role.NAME),
        t.Column("rank", labels.OVERVIEW_RANK, t.Role.NUMBER),
        t.Column("region", labels.OVERVIEW_REGION),
        *(t.Column(key, _H[key], role, drop=drop) for key, role, drop in _GROUP),
    ]
    rows = []
    for line in view.lines:
        for index, standing in enumerate(line.standings):
            *group, rank = _cells(standing.item, standing, False)
            rows.append(t.Row([line.name if index == 0 else "", rank, standing.region, *group]))
    return t.Table(columns, rows, title=labels.OVERVIEW_SHEETS["lines"])


def apart(view: Overview) -> t.Table | None:
    """Per region, the indicators not compared: no code, or a common measure no other region holds."""
    rows: list[t.Row] = []
    for region in view.regions:
        for item in view.uncoded.get(region, []):
            rows.append(
                t.Row([region, item.row.indicator.name, labels.OVERVIEW_UNCODED, *_cells(item, None, True)[:4]])
            )
        for line in view.alone.get(region, []):
            rows.append(
                t.Row([region, line.name, labels.OVERVIEW_ALONE, *_cells(line.standings[0].item, None, True)[:4]])
            )
    if not rows:
        return None
    columns = [
        t.Column("region", labels.OVERVIEW_REGION),
        t.Column("indicator", _H["indicator"], t.Role.NAME),
        t.Column("why", _H["note"]),
        *(t.Column(key, _H[key], role, drop=drop) for key, role, drop in _GROUP),
    ]
    return t.Table(columns, rows, title=labels.OVERVIEW_SHEETS["apart"])


def blocks(view: Overview, year: int) -> list[t.Block]:
    """The screen: the heading, the comparison, then per region a line on what is kept apart (the
    files list each indicator)."""
    found: list[t.Block] = [t.Heading(title(view, year))]
    found.append(ranked(view) if view.lines else t.Note(labels.OVERVIEW_NONE_COMMON))
    for region in view.regions:
        uncoded, alone = view.uncoded.get(region, []), view.alone.get(region, [])
        parts = [labels.OVERVIEW_APART_UNCODED.format(count=len(uncoded))] if uncoded else []
        if alone:
            names = labels.LIST_SEPARATOR.join(line.name for line in alone)
            parts.append(labels.OVERVIEW_APART_ALONE.format(names=names))
        if parts:
            found.append(
                t.Note(labels.OVERVIEW_APART.format(region=region, parts=labels.OVERVIEW_APART_JOIN.join(parts)))
            )
    return found


def tables(view: Overview, year: int) -> list[t.Table]:
    """A file's tables: the comparison, then what is kept apart."""
    kept = apart(view)
    return [matrix(view, year)] + ([] if kept is None else [kept])


def records(view: Overview) -> t.Records:
    """One record per region and common measure, then the kept-apart ones (no code, no rank)."""
    rows = [_record(line.code, line.name, s.region, s.item, s.rank) for line in view.lines for s in line.standings]
    for region in view.regions:
        rows += [_record(None, None, region, item, None) for item in view.uncoded.get(region, [])]
        rows += [
            _record(line.code, line.name, region, line.standings[0].item, None) for line in view.alone.get(region, [])
        ]
    return t.Records(OVERVIEW_KEYS, rows)


def _record(code: str | None, measure: str | None, region: str, item: Progress, rank: int | None) -> dict[str, object]:
    row = item.row
    return {
        "code": code,
        "indicator": row.indicator.name,
        "region": region,
        "target": row.value,
        "comparator": row.target.cmp.value if row.target.cmp else None,
        "actual": item.reading.value if item.reading else None,
        "as_of": item.reading.as_of if item.reading else None,
        "met": item.met,
        "light": item.light.value,
        "rank": rank,
        "unit": row.indicator.unit,
        "measure": measure,
    }


def sheets(view: Overview, year: int) -> list[tuple[str, list[t.Block]]]:
    """The workbook's sheets: 对比 (the comparison) and 未对比 (what is kept apart)."""
    compared: t.Block = matrix(view, year)._replace(title=labels.OVERVIEW_SHEETS["lines"])
    found: list[tuple[str, list[t.Block]]] = [
        (labels.OVERVIEW_SHEETS["lines"], [compared if view.lines else t.Note(labels.OVERVIEW_NONE_COMMON)])
    ]
    kept = apart(view)
    if kept is not None:
        found.append((labels.OVERVIEW_SHEETS["apart"], [kept]))
    return found


def formats(view: Overview, year: int) -> View:
    """The overview in every form a command writes: screen, Markdown, records, workbook."""

    def book() -> bytes:
        from daye_plan.present import xlsx  # openpyxl: only for a workbook

        return xlsx.tables_book(title(view, year), sheets(view, year), view.on)

    return View(lambda: blocks(view, year), table=lambda: tables(view, year), records=lambda: records(view), book=book)


# --- the catalogue (measures) -------------------------------------------------------------------

CATALOGUE_KEYS = ["code", "name", "aliases", "unit", "kind", "direction"]


def catalogue() -> t.Table:
    """Every catalogued measure: code, name, the other names it goes by, unit, kind and direction."""
    columns = [
        t.Column("code", labels.OVERVIEW_CODE),
        t.Column("name", labels.OVERVIEW_MEASURE, t.Role.NAME),
        t.Column("aliases", labels.CATALOGUE_ALIASES, t.Role.LONG_TEXT, drop=1),
        t.Column("unit", labels.CATALOGUE_UNIT),
        t.Column("kind", _H["kind"], drop=2),
        t.Column("direction", _H["direction"]),
    ]
    rows = [
        t.Row(
            [
                measure.code,
                measure.name,
                labels.LIST_SEPARATOR.join(measure.aliases) or "—",
                measure.unit,
                labels.KIND_LABELS.get(measure.kind, measure.kind),
                labels.DIRECTION_LABELS[measure.direction.value],
            ]
        )
        for measure in measures.CATALOGUE
    ]
    return t.Table(columns, rows, title=labels.CATALOGUE_TITLE)


def catalogue_records() -> t.Records:
    return t.Records(
        CATALOGUE_KEYS,
        [
            {
                "code": measure.code,
                "name": measure.name,
                "aliases": list(measure.aliases),
                "unit": measure.unit,
                "kind": measure.kind,
                "direction": measure.direction.value,
            }
            for measure in measures.CATALOGUE
        ],
    )
