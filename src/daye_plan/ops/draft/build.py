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
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal

from daye_plan.model import measures
from daye_plan.model.terms import Comparator
from daye_plan.ops.draft import classify, leads, periods, relate, report, scope, segment, text
from daye_plan.ops.draft.periods import PeriodSpan
from daye_plan.ops.draft.proposal import Context, Mask, Proposal, Task

_TITLE = re.compile(r"《([^《》]{4,80}?(?:方案|计划|报告|规划|意见|纲要|通知|要点|办法|目标)[^《》]{0,20})》")
_REGION = re.compile(r"^(.{2,12}?(?:自治区|自治州|省|市|县|区|州|旗|盟))")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!远景)")
_ACTION_SUFFIX = "行动"
DEFAULT_ACTION = "总体目标"
DEFAULT_TASK = "任务"


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
    tasks: list[Task] = field(default_factory=list)  # a milestone's targets: tasks without a number
    code: str | None = None  # the catalogue's code for the measure, where one fits (`model.measures`)
    direction: str = "up"  # up, down or decline, as the plan would read it (`model.measures.sense`)

    def tag(self, quotes: list[str]) -> None:
        """Its common measure's code, where its name and unit are one, and the way it should move (read
        from its name, its targets' `quotes` and comparators, as the plan will read it)."""
        numeric = self.kind != "milestone"
        found = measures.find(self.name, self.unit) if numeric else None
        self.code = found.code if found is not None else None
        ceiling = any(Comparator(target.comparator).is_upper_bound for target in self.targets)
        sense = measures.sense(None, self.name, quotes, ceiling, self.code)
        self.direction = "decline" if sense.decline else sense.direction.value


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
    tasks: list[Task] = field(default_factory=list)

    @property
    def periods(self) -> list[PeriodSpan]:
        """The periods the targets use, milestones' included, in the vocabulary's order, then spans of months."""
        used = {proposal.period for proposal in self.proposals} | {task.period for task in self.tasks}
        order = {period: index for index, period in enumerate(periods.vocabulary().periods)}
        return sorted(used, key=lambda p: (order.get(p, len(order)), p.start, p.end))

    def quote(self, proposal: Proposal | Task) -> str:
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
                            "high": target.high,
                            "relative": None,
                            "code": indicator.code,
                            "direction": indicator.direction,
                        }
                    )
                for task in indicator.tasks:
                    rows.append(
                        {
                            "action_id": action.id,
                            "action": action.name,
                            "indicator_id": indicator.id,
                            "indicator": indicator.name,
                            "period": task.period.id,
                            "kind": indicator.kind,
                            "comparator": None,
                            "target": None,
                            "unit": indicator.unit,
                            "level": task.level,
                            "quote": self.quote(task),
                            "lead": indicator.lead,
                            "partners": list(indicator.partners),
                            "parent": None,
                            "note": " ".join(task.notes) or None,
                            "high": None,
                            "relative": task.relative,
                            "code": None,
                            "direction": None,
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
    progress = report.PROGRESS if report.progress_document(source.norm) else None
    table = leads.Table.of(source.norm)
    proposals: list[Proposal] = []
    found_tasks: list[Task] = []
    previous: list[Proposal | Task] = []
    for paragraph in paragraphs:
        notes = leads.find(source, paragraph.start, paragraph.end, table)
        kind = paragraph.kind or progress
        context = Context(source, vocabulary, year, paragraph.section, paragraph.heading, _masker(notes), kind)
        here: list[Proposal] = []
        here_tasks: list[Task] = []
        block: scope.Block | None = None
        opened = False  # a 通报's paragraph reports from the block that opens with its time (上半年,) on
        for start, end in segment.sentences(source.norm, paragraph.start, paragraph.end):
            if block is None or start >= block.end:
                block = scope.Block(source.norm, start, _block_end(source.norm, start, paragraph.end), vocabulary, year)
                opened = opened or report.opens(source.norm, block.start, block.end)
                block.opened = opened
            found, tasks = classify.sentence(context, block, start, end)
            relate.link(source.norm, found, start, end)
            here += found
            here_tasks += tasks
        both: list[Proposal | Task] = sorted([*here, *here_tasks], key=lambda item: item.position)
        _assign(notes, both, previous, paragraph.start)
        proposals += here
        found_tasks += here_tasks
        previous = both or previous
    proposals = _without_headline(source.norm, paragraphs, proposals)
    actions = _actions(source, headings, proposals, found_tasks, title)
    for action in actions:
        for indicator in action.indicators:
            indicator.tag([source.quote(*target.quote) for target in indicator.targets])
    return Draft(source, region, year, title, actions, proposals, found_tasks)


def _without_headline(norm: str, paragraphs: list[segment.Paragraph], found: list[Proposal]) -> list[Proposal]:
    """The targets less those of a news headline that the text goes on to set again
    (GDP增长预期目标为5%左右 over …国内生产总值增长5%左右): the text's first line, a short one."""
    if not paragraphs or not found:
        return found
    first = paragraphs[0]
    if first.end - first.start > 60 or any(char in norm[first.start : first.end] for char in "。;"):
        return found
    later = {(p.value, p.unit, p.comparator) for p in found if p.position >= first.end}
    return [p for p in found if p.position >= first.end or (p.value, p.unit, p.comparator) not in later]


def _block_end(norm: str, start: int, end: int) -> int:
    """Where the 。-block that starts at `start` ends (a block spans several ；-sentences)."""
    stops = [found for char in "。!?" if (found := norm.find(char, start, end)) >= 0]
    return min(stops) + 1 if stops else end


def _masker(notes: list[leads.Departments]) -> Mask:
    return Mask(tuple((note.start, note.end) for note in notes))


def _assign(
    notes: list[leads.Departments], here: list[Proposal | Task], previous: list[Proposal | Task], start: int
) -> None:
    """Each note's departments go to the targets since the previous note (or, at the head of a
    paragraph, to the previous paragraph's targets that have none)."""
    since = start
    positions = [p.position for p in here]  # `here` is in order
    for note in notes:
        covered = here[bisect_left(positions, since) : bisect_left(positions, note.start)]
        if not covered and not (positions and positions[0] < note.start):
            covered = [p for p in previous if p.lead is None and not p.partners]
        for proposal in covered:
            proposal.lead, proposal.partners = note.lead, note.partners
        since = note.end


def _actions(
    source: text.Source, headings: list[segment.Heading], found: list[Proposal], tasks: list[Task], title: str | None
) -> list[DraftAction]:
    by_heading: dict[int | None, list[Proposal]] = {}
    for proposal in found:
        by_heading.setdefault(proposal.heading, []).append(proposal)
    tasks_by_heading: dict[int | None, list[Task]] = {}
    for task in tasks:
        tasks_by_heading.setdefault(task.heading, []).append(task)
    actions: list[DraftAction] = []
    for heading in [None, *range(len(headings))]:
        mine = by_heading.get(heading, [])
        mine_tasks = tasks_by_heading.get(heading, [])
        if not mine and not mine_tasks:
            continue
        if heading is None:
            name = heading_title = theme = title or DEFAULT_ACTION
        else:
            heading_title = source.name(*headings[heading].title)
            span = headings[heading].theme
            theme = source.name(*span) if span else heading_title
            if not _wordy(heading_title):  # a heading of punctuation alone names nothing
                heading_title = f"{DEFAULT_ACTION}{len(actions) + 1}"
            theme = theme if _wordy(theme) else heading_title
            name = heading_title.removesuffix(_ACTION_SUFFIX) or heading_title
            for note in leads.find(source, headings[heading].title[0], headings[heading].end):
                items: list[Proposal | Task] = [*mine, *mine_tasks]
                for item in items:  # departments named in the heading: for every target without its own
                    if item.lead is None and not item.partners:
                        item.lead, item.partners = note.lead, note.partners
        action = DraftAction(f"action{len(actions) + 1}", name, heading_title, theme)
        action.indicators = _indicators(mine)
        action.indicators += _task_indicators(mine_tasks, action.indicators)
        actions.append(action)
    return actions


def _indicators(found: list[Proposal]) -> list[DraftIndicator]:
    """One indicator per name, unit and kind; a second target for the same period and level, a
    name already taken by another unit, or a checkpoint's target that cannot be a share of its
    year's (新增29万平方米 for the year, 32万平方米 by June) makes an indicator of its own."""
    indicators: list[DraftIndicator] = []
    same: dict[tuple[str, str, str], list[DraftIndicator]] = {}
    owner: dict[int, DraftIndicator] = {}
    names = _Names()
    for proposal in found:
        key = (proposal.name, proposal.unit, proposal.kind)
        indicator = next((ind for ind in same.get(key, [])[-_TRIED:] if _fits(ind, proposal)), None)
        if indicator is None:
            name = names.new(proposal.name)
            indicator = DraftIndicator(f"ind{len(indicators) + 1}", name, proposal.unit, proposal.kind, [])
            indicators.append(indicator)
            same.setdefault(key, []).append(indicator)
        indicator.targets.append(proposal)
        owner[id(proposal)] = indicator
        if proposal.parent is not None and indicator.parent is None:
            parent = owner.get(id(proposal.parent))
            indicator.parent = parent.id if parent is not None and parent is not indicator else None
        indicator.lead = indicator.lead or proposal.lead
        indicator.partners = tuple(dict.fromkeys((*indicator.partners, *proposal.partners)))
        indicator.bounds = _wider(indicator.bounds, proposal.bounds)
    return indicators


_TRIED = 8  # indicators of one name tried for a further target: a text sets one measure a few times, not more


class _Names:
    """Names given so far; a name given already gets the next number: 新增企业（2）."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken = set(taken or ())
        self.numbers: dict[str, int] = {}

    def new(self, base: str) -> str:
        name, number = base, self.numbers.get(base, 1)
        while name in self.taken:
            number += 1
            name = f"{base}（{number}）"
        self.numbers[base] = number
        self.taken.add(name)
        return name


def _fits(indicator: DraftIndicator, proposal: Proposal) -> bool:
    """Whether `proposal` can be one more target of `indicator`: a period and level it has not, and
    (a year-to-date count) no checkpoint asking more than the longer period that holds it."""
    for target in indicator.targets:
        if (target.period, target.level) == (proposal.period, proposal.level):
            return False
        if proposal.kind != "cumulative" or target.comparator != proposal.comparator:
            continue
        inner, outer = sorted((target, proposal), key=lambda t: t.period.end - t.period.start)
        holds = outer.period.start <= inner.period.start and inner.period.end <= outer.period.end
        if holds and inner.period != outer.period and inner.value > outer.value:
            return False
    return True


def _task_indicators(tasks: list[Task], taken: list[DraftIndicator]) -> list[DraftIndicator]:
    """One milestone indicator per task, named by its words (a name used already gets a number)."""
    names = _Names({indicator.name for indicator in taken})
    found: list[DraftIndicator] = []
    for task in tasks:
        name = names.new(task.name[:40] or task.relative or DEFAULT_TASK)
        indicator = DraftIndicator(f"ind{len(taken) + len(found) + 1}", name, "", "milestone", [], tasks=[task])
        indicator.lead, indicator.partners = task.lead, task.partners
        found.append(indicator)
    return found


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
