"""The 责任分工 as data: each indicator's 牵头单位, 责任单位 and 报送频次, where each is set, and where a change goes.

Owns what the division-of-labour sheet says of an indicator — its lead department, its partners
and how often it is reported, each as it is in force (an indicator's own, else inherited from its
action, else for 报送频次 the plan's default) and whether it is inherited — the words of 报送频次
(月, 季, 半年, 年, 一次), the rule that points out a near-duplicate department name, and where a
wanted change is written in the plan files: on the indicator, unless the action's own value says
it already; an action that names no lead (or no partners) takes the one at least half of its
indicators get — a lead only when every one of them gets one, as an indicator cannot name none
while its action names one (`partners: []` can) — so that eight actions filled in row by row read as the
README's example does (`lead:` on the action, the exceptions on their indicators). Pure: plans in,
values and field edits out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from daye_plan.model.meta import FREQUENCIES
from daye_plan.model.plan import Action, Frequency, Indicator, Plan
from daye_plan.ops import reporting
from daye_plan.storage.planedit import FieldEdit

LEAD, PARTNERS, CADENCE = "lead", "partners", "cadence"
FIELDS = (LEAD, PARTNERS, CADENCE)
FREQUENCY_WORDS: dict[Frequency, str] = {"month": "月", "quarter": "季", "half": "半年", "year": "年", "once": "一次"}
PARTNER_SEPARATOR = "、"
# Where a new field goes in a file: after the last of these present (the models' field order).
_ACTION_BEFORE = {
    LEAD: ("id", "name", "title", "theme", "summary"),
    PARTNERS: ("id", "name", "title", "theme", "summary", "lead"),
}
_INDICATOR_BEFORE = {
    LEAD: ("id", "name", "unit", "kind", "parent"),
    PARTNERS: ("id", "name", "unit", "kind", "parent", "lead"),
    CADENCE: ("id", "name", "unit", "kind", "parent", "lead", "partners"),
}


@dataclass(frozen=True)
class Duty:
    """One indicator's row of the 责任分工: its departments and 报送频次 in force, and which are inherited."""

    action: Action
    index: int  # its place among the action's indicators, which is where it is in the file
    indicator: Indicator
    lead: str | None
    partners: tuple[str, ...]
    cadence: Frequency | None  # None: no cadence (nothing falls due but its periods' ends)
    inherited: frozenset[str]  # of FIELDS: from the action (lead, partners), the action or the plan (cadence)

    @property
    def reported(self) -> bool:
        """A derived indicator (a formula) is never reported: it has no 报送频次."""
        return self.indicator.formula is None


def duties(plan: Plan, actions: Sequence[Action] | None = None) -> list[Duty]:
    """Every indicator of `actions` (default: all), in plan order."""
    return [
        duty_of(plan, action, index) for action in actions or plan.actions for index in range(len(action.indicators))
    ]


def duty_of(plan: Plan, action: Action, index: int) -> Duty:
    indicator = action.indicators[index]
    inherited = set()
    if not indicator.lead and action.lead:
        inherited.add(LEAD)
    if indicator.partners is None and action.partners:
        inherited.add(PARTNERS)
    cadence = _shown_cadence(plan, action, indicator)
    if indicator.cadence is None and cadence is not None:
        inherited.add(CADENCE)
    return Duty(
        action,
        index,
        indicator,
        action.lead_of(indicator),
        tuple(action.partners_of(indicator)),
        cadence if indicator.formula is None else None,
        frozenset(inherited),
    )


def _shown_cadence(plan: Plan, action: Action, indicator: Indicator) -> Frequency | None:
    """报送频次 as in force: `reporting.frequency`, and `once` for a task without its own (due at its period's end)."""
    found = reporting.frequency(plan.meta, action, indicator)
    if found is None and not indicator.kind.policy.reported:
        return "once"
    return found


def _default_cadence(plan: Plan, action: Action, indicator: Indicator) -> Frequency | None:
    """The 报送频次 an indicator without its own `cadence` has."""
    return _shown_cadence(plan, action, indicator.model_copy(update={"cadence": None}))


def frequency_named(word: str) -> Frequency | None:
    """The 报送频次 a cell names: 月, 季, 半年, 年, 一次, or the plan files' word (month …); None if neither."""
    word = word.strip()
    for frequency, chinese in FREQUENCY_WORDS.items():
        if word in (chinese, frequency):
            return frequency
    return None


assert tuple(FREQUENCY_WORDS) == FREQUENCIES  # one word for each the model allows


# --- near-duplicate names --------------------------------------------------------------------


def name_key(name: str) -> str:
    """A name as compared: full-width letters, digits and brackets as their plain forms (NFKC), no spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def near_duplicate(a: str, b: str) -> bool:
    """Two department names that are likely one department (the README's rule): the same once widths and
    spaces are ignored, or one an abbreviation of the other — at least 3 characters, the same first
    and last character, and its characters in the other's in order (市发改局 / 市发展改革局, 市招商中心 /
    市招商服务中心, 市人社局 / 市人力资源和社会保障局)."""
    if a == b:
        return False
    short, long = sorted((name_key(a), name_key(b)), key=len)
    if short == long:
        return True
    if len(short) < 3 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(char in rest for char in short)


def department_names(plan: Plan) -> list[str]:
    """Every department the plan names, as lead or partner, once each, in plan order."""
    found: dict[str, None] = {}
    for action in plan.actions:
        for name in (action.lead, *action.partners):
            if name:
                found.setdefault(name, None)
        for indicator in action.indicators:
            for name in (indicator.lead, *(indicator.partners or ())):
                if name:
                    found.setdefault(name, None)
    return list(found)


# --- where changes are written ---------------------------------------------------------------


Wanted = Mapping[tuple[str, str], Mapping[str, object]]  # (action id, indicator id) → field → value in force


def edits(plan: Plan, wanted: Wanted) -> dict[str, list[FieldEdit]]:
    """The field edits, per action id, that give every indicator of `wanted` the values it asks for
    (lead: str | None; partners: a tuple; cadence: a Frequency), and leave every other indicator's as
    it is. Only actions with a change appear."""
    found: dict[str, list[FieldEdit]] = {}
    for action in plan.actions:
        if not any((action.id, indicator.id) in wanted for indicator in action.indicators):
            continue
        changes = [
            *_departments(action, wanted, LEAD),
            *_departments(action, wanted, PARTNERS),
            *_cadences(plan, action, wanted),
        ]
        if changes:
            found[action.id] = changes
    return found


def _departments(action: Action, wanted: Wanted, field: str) -> list[FieldEdit]:
    """Lead or partners: on each indicator whose value in force must change; an action that names none
    takes the value most of its indicators want when every one wants one (then its indicators that
    want another keep or get their own)."""
    indicators = action.indicators
    if field == LEAD:
        current: object = action.lead
        own: list[object] = [i.lead or None for i in indicators]
        now: list[object] = [action.lead_of(i) for i in indicators]
        empty: object = None
    else:
        current = tuple(action.partners)
        own = [tuple(i.partners) if i.partners is not None else None for i in indicators]
        now = [tuple(action.partners_of(i)) for i in indicators]
        empty = ()
    want = [wanted.get((action.id, i.id), {}).get(field, now[n]) for n, i in enumerate(indicators)]
    if want == now:
        return []
    shared = current
    if current == empty and (field == PARTNERS or all(value != empty for value in want)):  # `partners: []` says none
        value, count = _most_common(want)
        if value != empty and count * 2 >= len(want):
            shared = value
    found = []
    if shared != current:
        found.append(FieldEdit((), field, _value(shared), _ACTION_BEFORE[field]))
    for n in range(len(indicators)):
        after = own[n] if own[n] is not None else shared
        if after == want[n]:
            continue
        value = None if want[n] == shared else _value(want[n])
        found.append(FieldEdit(("indicators", n), field, value, _INDICATOR_BEFORE[field]))
    return found


def _cadences(plan: Plan, action: Action, wanted: Wanted) -> list[FieldEdit]:
    """报送频次 on each indicator whose own must change: removed where the default says it already."""
    found = []
    for n, indicator in enumerate(action.indicators):
        want = wanted.get((action.id, indicator.id), {}).get(CADENCE)
        if want is None or want == _shown_cadence(plan, action, indicator):
            continue
        value = None if want == _default_cadence(plan, action, indicator) else str(want)
        found.append(FieldEdit(("indicators", n), CADENCE, value, _INDICATOR_BEFORE[CADENCE]))
    return found


def _most_common(values: Iterable[object]) -> tuple[object, int]:
    """The value most often wanted, the first in plan order on a tie."""
    counts = Counter(values)
    best = max(counts.values())
    return next(value for value in counts if counts[value] == best), best


def _value(value: object) -> str | tuple[str, ...] | None:
    if value is None or isinstance(value, str):
        return value
    assert isinstance(value, tuple)
    return tuple(str(item) for item in value)
