"""Matching lint findings to the plan's `accepted:` entries, and reporting entries that match none.

Owns what "accepted" means: an entry of an action file accepts the findings of its check that
concern all of its indicators (`keys <= finding.indicators`); a finding takes the reason of the
first such entry in plan order; an entry that accepts nothing is itself a `stale-accepted`
warning at its line. Entries are indexed by check and indicator, so matching does not scan every
entry for every finding. Never prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from daye_plan.i18n import N_, listing
from daye_plan.model.plan import Accepted, Plan
from daye_plan.ops.lint.findings import STALE, Finding, Severity, said


@dataclass(frozen=True)
class _Entry:
    order: int
    action_id: str
    number: int
    entry: Accepted
    keys: frozenset[str]  # `action.indicator` of each indicator the entry names


def accept(plan: Plan, findings: Iterable[Finding]) -> list[Finding]:
    """Each finding with the reason of the first `accepted:` entry covering it; then the unused entries, as stale."""
    entries: list[_Entry] = []
    for action in plan.actions:
        for number, entry in enumerate(action.accepted):
            keys = frozenset(f"{a.id}.{i.id}" for a, i in (plan.lookup(ref, action.id) for ref in entry.indicators))
            entries.append(_Entry(len(entries), action.id, number, entry, keys))
    by_first_key: dict[tuple[str, str], list[_Entry]] = {}
    for found in entries:
        by_first_key.setdefault((found.entry.check, min(found.keys)), []).append(found)
    used: set[int] = set()
    result: list[Finding] = []
    for finding in findings:
        concerned = set(finding.indicators)
        candidates = [
            found
            for key in concerned
            for found in by_first_key.get((finding.check, key), [])
            if found.keys <= concerned
        ]
        if candidates:
            first = min(candidates, key=lambda found: found.order)
            used.add(first.order)
            finding = replace(finding, accepted=first.entry.reason)
        result.append(finding)
    for found in entries:
        if found.order not in used:
            path, line, _ = plan.positions.at(found.action_id, ("accepted", found.number))
            names = sorted(found.keys)
            message = said(
                N_("accepted {check} for {indicators} matches no finding; remove it"),
                check=found.entry.check,
                indicators=listing(names),
            )
            result.append(Finding(STALE, Severity.WARNING, message, tuple(names), (), path, line))
    return result
