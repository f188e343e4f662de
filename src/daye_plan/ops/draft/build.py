"""A draft plan from a published text: actions, indicators and targets, with ids and meta.

Owns putting the proposals of every sentence together: one action per heading (the text before
the first heading, if it holds targets, is an action of its own), one indicator per name and unit
within an action (its 全年 and 一季度 targets, its 确保 and 力争 ones), deterministic ASCII ids
(action1…, ind1…), parents, lead departments, the periods used, and the plan meta guessed from
the text (title from 《…》, region from the title, year from the title or the text) unless given.
Returns values; never prints, never writes files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.ops.draft import classify, leads, periods, relate, segment, text
from daye_plan.ops.draft.periods import PeriodSpan
from daye_plan.ops.draft.proposal import Context, Proposal

_TITLE = re.compile(r"《([^《》]{4,80}?(?:方案|计划|报告|规划|意见|纲要|通知|要点|办法|目标)[^《》]{0,20})》")
_REGION = re.compile(r"^(.{2,12}?(?:自治区|自治州|省|市|县|区|州|旗|盟))")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!远景)")
_ACTION_SUFFIX = "行动"
DEFAULT_ACTION = "总体目标"


@dataclass
class DraftIndicator:
    id: str
    name: str
    unit: str
    kind: str
    targets: list[Proposal]
    parent: str | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    bounds: tuple[Decimal | None, Decimal | None] | None = None


@dataclass
class DraftAction:
    id: str
    name: str
    title: str
    theme: str
    indicators: list[DraftIndicator] = field(default_factory=list)


@dataclass
class Draft:
    """What `draft` proposes: the plan meta it could tell, and every target under its action."""

    source: text.Source
    region: str | None
    year: int | None
    title: str | None
    actions: list[DraftAction]
    proposals: list[Proposal]

    @property
    def periods(self) -> list[PeriodSpan]:
        """The periods the targets use, in the vocabulary's order, then spans of months."""
        used = {proposal.period for proposal in self.proposals}
        order = {period: index for index, period in enumerate(periods.vocabulary().periods)}
        return sorted(used, key=lambda p: (order.get(p, len(order)), p.start, p.end))

    def quote(self, proposal: Proposal) -> str:
        return self.source.quote(*proposal.quote)

    def records(self) -> list[dict[str, object]]:
        """One object per target with the keys of `targets --format json`, plus lead and the rest."""
        rows: list[dict[str, object]] = []
        for action in self.actions:
            for indicator in action.indicators:
                for target in indicator.targets:
                    months = target.period.end - target.period.start + 1
                    rows.append(
                        {
                            "action_id": action.id,
                            "action": action.name,
                            "indicator_id": indicator.id,
                            "indicator": indicator.name,
                            "period": target.period.id,
                            "kind": indicator.kind,
                            "comparator": target.comparator,
                            "target": target.value * months if target.per else target.value,
                            "unit": indicator.unit,
                            "level": target.level,
                            "quote": self.quote(target),
                            "lead": indicator.lead,
                            "partners": list(indicator.partners),
                            "parent": indicator.parent,
                            "note": " ".join(target.notes) or None,
                        }
                    )
        return rows


def draft(raw: str, *, region: str | None = None, year: int | None = None, title: str | None = None) -> Draft:
    """Propose every numeric target of the published text `raw`."""
    source = text.source(raw)
    title = title or guess_title(source)
    year = year or guess_year(source, title)
    region = region or (guess_region(title) if title else None)
    vocabulary = periods.vocabulary()
    headings, paragraphs = segment.outline(source.norm, vocabulary)
    proposals: list[Proposal] = []
    previous: list[Proposal] = []
    for paragraph in paragraphs:
        notes = leads.find(source.norm, source.raw, paragraph.start, paragraph.end)
        context = Context(source, vocabulary, year, paragraph.section, paragraph.heading, _masker(notes))
        here: list[Proposal] = []
        for start, end in segment.sentences(source.norm, paragraph.start, paragraph.end):
            found = classify.sentence(context, start, end)
            relate.link(source.norm, found, start, end)
            here += found
        _assign(notes, here, previous, paragraph.start)
        proposals += here
        previous = here or previous
    actions = _actions(source, headings, proposals, title)
    return Draft(source, region, year, title, actions, proposals)


def _masker(notes: list[leads.Departments]) -> Callable[[int], bool]:
    spans = [(note.start, note.end) for note in notes]
    return lambda position: any(start <= position < end for start, end in spans)


def _assign(notes: list[leads.Departments], here: list[Proposal], previous: list[Proposal], start: int) -> None:
    """Each note's departments go to the targets since the previous note (or, at the head of a
    paragraph, to the previous paragraph's targets that have none)."""
    since = start
    for note in notes:
        covered = [p for p in here if since <= p.figure.start < note.start]
        if not covered and not any(p.figure.start < note.start for p in here):
            covered = [p for p in previous if p.lead is None and not p.partners]
        for proposal in covered:
            proposal.lead, proposal.partners = note.lead, note.partners
        since = note.end


def _actions(
    source: text.Source, headings: list[segment.Heading], found: list[Proposal], title: str | None
) -> list[DraftAction]:
    actions: list[DraftAction] = []
    for heading in [None, *range(len(headings))]:
        mine = [proposal for proposal in found if proposal.heading == heading]
        if not mine:
            continue
        if heading is None:
            name = heading_title = theme = title or DEFAULT_ACTION
        else:
            heading_title = source.quote(*headings[heading].title)
            span = headings[heading].theme
            theme = source.quote(*span) if span else heading_title
            if not _wordy(heading_title):  # a heading of punctuation alone names nothing
                heading_title = f"{DEFAULT_ACTION}{len(actions) + 1}"
            theme = theme if _wordy(theme) else heading_title
            name = heading_title.removesuffix(_ACTION_SUFFIX) or heading_title
            for note in leads.find(source.norm, source.raw, headings[heading].title[0], headings[heading].end):
                for proposal in mine:  # departments named in the heading: for every target without its own
                    if proposal.lead is None and not proposal.partners:
                        proposal.lead, proposal.partners = note.lead, note.partners
        action = DraftAction(f"action{len(actions) + 1}", name, heading_title, theme)
        action.indicators = _indicators(mine)
        actions.append(action)
    return actions


def _indicators(found: list[Proposal]) -> list[DraftIndicator]:
    """One indicator per name, unit and kind; a second target for the same period and level
    (and a name already taken by another unit) makes an indicator of its own."""
    indicators: list[DraftIndicator] = []
    owner: dict[int, DraftIndicator] = {}
    names: set[str] = set()
    for proposal in found:
        indicator = next(
            (
                ind
                for ind in indicators
                if ind.name.split("（")[0] == proposal.name
                and (ind.unit, ind.kind) == (proposal.unit, proposal.kind)
                and all((t.period, t.level) != (proposal.period, proposal.level) for t in ind.targets)
            ),
            None,
        )
        if indicator is None:
            name, number = proposal.name, 1
            while name in names:
                number += 1
                name = f"{proposal.name}（{number}）"
            names.add(name)
            indicator = DraftIndicator(f"ind{len(indicators) + 1}", name, proposal.unit, proposal.kind, [])
            indicators.append(indicator)
        indicator.targets.append(proposal)
        owner[id(proposal)] = indicator
        if proposal.parent is not None and indicator.parent is None:
            parent = owner.get(id(proposal.parent))
            indicator.parent = parent.id if parent is not None and parent is not indicator else None
        indicator.lead = indicator.lead or proposal.lead
        indicator.partners = tuple(dict.fromkeys((*indicator.partners, *proposal.partners)))
        indicator.bounds = _wider(indicator.bounds, proposal.bounds)
    return indicators


def _wider(
    one: tuple[Decimal | None, Decimal | None] | None, other: tuple[Decimal | None, Decimal | None] | None
) -> tuple[Decimal | None, Decimal | None] | None:
    if one is None or other is None:
        return one or other
    low = None if one[0] is None or other[0] is None else min(one[0], other[0])
    return low, None


def _wordy(text: str) -> bool:
    """Whether a heading holds a word (a letter, a digit or a CJK character), not punctuation alone."""
    return any(char.isalnum() for char in text)


def guess_title(source: text.Source) -> str | None:
    """The plan's title: the first 《…》 naming a plan, else a short first line."""
    match = _TITLE.search(source.raw)
    if match:
        return match.group(1).strip()
    first = next((line.strip() for line in source.raw.splitlines() if line.strip()), "")
    if 4 <= len(first) <= 60 and not re.search(r"[。;；,，]", first) and not first.startswith(("#", "http")):
        return first
    return None


def guess_year(source: text.Source, title: str | None) -> int | None:
    """The plan year: the year in the title, else the latest year the text names."""
    if title:
        match = _YEAR.search(title) or re.search(r"(?<!\d)((?:19|20)\d{2})(?![\d年])", title)
        if match:
            return int(match.group(1))
    years = [int(year) for year in _YEAR.findall(source.norm)]
    return max(years) if years else None


def guess_region(title: str) -> str | None:
    match = _REGION.match(title)
    return match.group(1) if match and not re.match(r"\d", match.group(1)) else None
