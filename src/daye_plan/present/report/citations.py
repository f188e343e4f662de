"""Where a report's figures come from: the record each was read from, its note and source, each
action's freshness and the sources cited.

Owns finding the record in force (the last line for an indicator and date, kept with the indicator
an alias names) behind each figure a report shows, the remark the 滞后 list gives a target (its
牵头单位, else the record's note or source, or what a derived figure is computed from), how fresh each
action's records are at the as-of date, and which sources the figures cite, each counted once.
Pure: reads nothing itself (the snapshot holds what was read); no wording beyond `labels`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from daye_plan.model.records import Actual
from daye_plan.ops.progress import Progress
from daye_plan.ops.tracking import Snapshot
from daye_plan.present import labels
from daye_plan.present.figures import one_line


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


class Ledgers:
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
        if item.row.lead:
            return labels.LEAD.format(lead=item.row.lead)
        return self.note(item)

    def note(self, item: Progress) -> str:
        """The record's note or source; for a derived indicator, the indicators it is computed from."""
        inputs = self.inputs(item)
        if inputs:
            return labels.COMPUTED_FROM.format(names=labels.LIST_SEPARATOR.join(inputs))
        record = self.cited(item)
        if record is None:
            return "—"
        if record.note:
            return record.note
        return labels.FROM_SOURCE.format(source=record.source) if record.source else "—"

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
        """Each action's newest record and its records in force; in one department's report (`lead`),
        only the actions it leads targets in, and only the records of those indicators."""
        out = []
        lead = self.snapshot.lead
        for action in self.plan.actions:
            mine = {item.row.indicator.id for item in self.snapshot.items if item.row.action.id == action.id}
            if lead and not mine:
                continue
            dates = self.snapshot.record_dates(action.id, mine if lead else None)
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
            source = one_line(record.source) or labels.NO_SOURCE
            if id(record) not in seen:  # an alias cites its owner's record: count it once
                seen.add(id(record))
                counts[source] = counts.get(source, 0) + 1
            names = actions.setdefault(source, [])
            if item.row.action.name not in names:
                names.append(item.row.action.name)
        ordered = sorted(counts, key=lambda source: (-counts[source], source))
        return [Citation(source, counts[source], actions[source]) for source in ordered]
