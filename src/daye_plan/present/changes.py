"""The views of what was written and what changed, each built once as a `Table`: history, diff, import.

Owns the history of an action's records (every record in file order, superseded ones marked,
each with the git commit that added it), the target changes between two plan revisions (目标调整),
and the preview of what an import would record (its dry run). Renderers draw these; the records
views carry design.md's keys. Pure: no I/O, no rich, never prints.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from daye_plan.model.numbers import CMP_SIGNS, quantity
from daye_plan.present import labels
from daye_plan.present.table import SUPERSEDED, Align, Block, Note, Records, Role, Row, Table
from daye_plan.present.views import INDICATOR, LEVEL, column

if TYPE_CHECKING:
    from daye_plan.model.plan import Action
    from daye_plan.model.records import Actual
    from daye_plan.ops.diff import Facts, TargetChange
    from daye_plan.ops.sheets import Batch
    from daye_plan.storage.git import LineOrigin

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
    "confirmed",
]

# --- history -----------------------------------------------------------------------------------


def history_entries(
    action: Action,
    records: Sequence[Actual],
    origins: Mapping[int, LineOrigin] | None,
    only: str | None = None,
    superseded: Collection[int] = (),
) -> list[dict[str, Any]]:
    """Records in file order, the lines of `superseded` (records a record made later replaced) marked.

    A line a shallow clone cannot tell the commit of has none (`commit` null): `shallow_note` says why."""
    names = {i.id: i.name for i in action.indicators}
    entries = []
    for actual in records:
        if only is not None and actual.indicator != only:
            continue
        origin = origins.get(actual.line) if origins is not None else None
        shallow = origin.commit if origin is not None and origin.shallow else None
        if shallow:
            origin = None
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
                "confirmed": sorted(actual.confirmed),
                **({"shallow": shallow} if shallow else {}),
            }
        )
    return entries


def shallow_note(entries: Sequence[Mapping[str, Any]]) -> str | None:
    """What a shallow clone cannot tell: which commit added the records older than its history."""
    cut = [entry for entry in entries if entry.get("shallow")]
    if not cut:
        return None
    return labels.SHALLOW_NOTE.format(count=len(cut), commit=cut[0]["shallow"])


def _history_row(entry: Mapping[str, Any], *, at: bool) -> Row:
    """A record's row; `at` adds the time it was entered."""
    if entry["commit"]:
        commit = f"{entry['commit']} {entry['author']} {entry['committed']}"
    elif entry.get("shallow"):
        commit = labels.SHALLOW_ORIGIN.format(commit=entry["shallow"])
    else:
        commit = labels.NOT_COMMITTED
    cells = [
        str(entry["line"]),
        entry["indicator"],
        entry["as_of"].isoformat(),
        quantity(entry["value"], entry["unit"]),
        entry["entered"],
        entry["source"],
        entry["note"],
        entry["by"],
        *([entry["at"]] if at else []),
        _state(entry),
        commit,
    ]
    return Row(cells, SUPERSEDED if entry["superseded"] else "")


def _state(entry: Mapping[str, Any]) -> str:
    """有效 / 已被取代, and the checks whose doubt was confirmed when it was recorded."""
    state = labels.SUPERSEDED if entry["superseded"] else labels.IN_FORCE
    confirmed = entry.get("confirmed")
    if not confirmed:
        return state
    checks = labels.LIST_SEPARATOR.join(labels.CHECK_LABELS.get(check, check) for check in confirmed)
    return labels.CONFIRMED_STATE.format(state=state, checks=checks)


def history_by_action(action: Action, entries: Sequence[Mapping[str, Any]]) -> list[Block]:
    """Every record of an action, superseded ones marked, with its commit; a note when there is none."""
    if not entries:
        return [Note(labels.NO_RECORDS)]
    columns = [
        column("line", Role.NUMBER),
        INDICATOR,
        column("as_of"),  # the date the figure is for: kept at any width
        column("value", Role.NUMBER),
        column("entered", drop=4),
        column("source", Role.LONG_TEXT),
        column("note", Role.LONG_TEXT),
        column("by", drop=3),
        column("state"),
        column("commit", drop=2),
    ]
    body = [_history_row(entry, at=False) for entry in entries]
    return [Table(columns, body, title=labels.HISTORY_TITLE.format(title=action.title))]


def history_table(entries: Sequence[Mapping[str, Any]]) -> Table:
    """Every record on one table, with the time it was entered (for a file, where width is no concern)."""
    columns = [
        column("line", Role.NUMBER),
        INDICATOR,
        column("as_of"),
        column("value", Role.NUMBER, md_align=Align.LEFT),
        column("entered"),
        column("source", Role.LONG_TEXT),
        column("note", Role.LONG_TEXT),
        column("by"),
        column("at"),
        column("state"),
        column("commit"),
    ]
    return Table(columns, [_history_row(entry, at=True) for entry in entries])


def history_records(entries: Sequence[Mapping[str, Any]]) -> Records:
    return Records(HISTORY_KEYS, entries)


# --- plan revisions ----------------------------------------------------------------------------


def diff_table(heading: str, changes: Sequence[TargetChange]) -> Table:
    """Added, removed and changed targets, with the old and the new requirement and quote."""
    columns = [
        column("change"),
        column("action"),
        INDICATOR,
        column("period"),
        LEVEL,
        column("old_target"),
        column("new_target"),
        column("old_quote", Role.LONG_TEXT),
        column("new_quote", Role.LONG_TEXT),
    ]
    return Table(columns, [Row(_change_cells(change)) for change in changes], title=heading)


def _change_cells(change: TargetChange) -> list[str]:
    facts, old, new = change.facts, change.old, change.new
    levels = [f.level or "—" for f in (old, new) if f is not None]
    level = " → ".join(dict.fromkeys(levels)) if "level" in change.fields else (facts.level or "")
    return [
        labels.CHANGE_LABELS[change.change],
        facts.action,
        facts.indicator,
        facts.period_label,
        level,
        _described(old, change.fields) if old else "",
        _described(new, change.fields) if new else "",
        old.quote if old else "",
        new.quote if new else "",
    ]


def _requirement(facts: Facts) -> str:
    """`≥ 135 个`, `≥ 2 次/月` or `完成`."""
    if facts.comparator is None:
        return labels.DONE
    per = labels.PER_MONTH_SUFFIX if facts.per else ""
    return f"{CMP_SIGNS.get(facts.comparator, facts.comparator)} {quantity(facts.target, facts.unit)}{per}"


def _described(facts: Facts, fields: tuple[str, ...]) -> str:
    """The requirement, and the departments or 报送频次 among `fields` (what changed): `≥ 135 个；牵头单位：X`."""
    shown = {"lead": facts.lead, "partners": labels.LIST_SEPARATOR.join(facts.partners), "cadence": facts.cadence}
    duties = [
        labels.DUTY_FACT.format(label=label, value=shown[name] or "—")
        for name, label in labels.DUTY_LABELS.items()
        if name in fields
    ]
    return labels.PHRASE_SEPARATOR.join([_requirement(facts), *duties])


def diff_records(changes: Sequence[TargetChange]) -> Records:
    return Records.of([change.record() for change in changes])


# --- an import, before it is written -----------------------------------------------------------


def import_preview(batch: Batch) -> Table:
    """The dry run's table: one row per record an import would write, with the figure in force it
    would replace (取代: empty for a first figure of its date)."""
    columns = [
        column("line", Role.NUMBER),
        column("action"),
        INDICATOR,
        column("as_of", drop=4),
        column("value", Role.NUMBER),
        column("replaces", Role.NUMBER),
        column("entered", drop=4),
        column("source", Role.LONG_TEXT),
        column("note", Role.LONG_TEXT),
    ]
    body = []
    for planned in batch.new:
        actual, indicator = planned.actual, planned.indicator
        before = planned.replaces
        body.append(
            Row(
                [
                    planned.row,
                    planned.action.name,
                    indicator.name,
                    actual.as_of.isoformat(),
                    _figure(actual, indicator.kind.value),
                    "" if before is None else _figure(before, indicator.kind.value),
                    actual.entered,
                    actual.source,
                    actual.note,
                ]
            )
        )
    return Table(columns, body, title=labels.DRY_RUN_TITLE.format(source=batch.source))


def _figure(actual: Actual, kind: str) -> str:
    if kind == "milestone":
        return labels.DONE if actual.value else labels.NOT_DONE
    return quantity(actual.value, actual.unit)
