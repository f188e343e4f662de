"""Reading one sentence's figures as proposed targets: name, comparator, level, period, kind.

Owns the rules of plans/README.md applied to text: which figures are targets and which only
qualify a name (`10亿元以上项目不少于25个`: 25 is the target, 10亿元 names the projects); the
name of each target (the words before it, or after it when only a verb stands before:
打造15个美丽乡村示范村; else the clause or label before it); its comparator (words.BEFORE and
words.AFTER, a bare figure read as `>=`); its level, period and past-ness (see `scope`); its kind
and bounds; lists (储备种子15万斤、化肥160万斤) and 分别 (A、B分别增长6%、9%); and its quote, an
exact span of the original text. Pure.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from daye_plan.ops.draft import figures, meaning, qualifiers, report, scope, segment, tasks, words
from daye_plan.ops.draft.figures import Figure
from daye_plan.ops.draft.names import list_comma, strip_name
from daye_plan.ops.draft.proposal import Context, Proposal, Task

WINDOW = 80  # how far before a figure its clause is read for the words that govern it
QUOTE_REACH = 200  # the longest stretch a quote reaches before or after its figure
_SEPARATORS = " ,:;、"
_DISTRIBUTE = re.compile(r"分别")
_PAIRS = {"城乡": ("城镇", "农村")}
_AFTER_WORDS = sorted(words.AFTER, key=len, reverse=True)
# Opening words that make a clause a task, not a name for the figures after it.
_TASK_WORDS = re.compile(
    r"(?:不断|持续|加快|加大|推进|推动|提高|提升|加强|深化|全力|大力|积极|着力|坚持|强化|实施|开展|做好|抓好|落实|"
    r"扎实|聚焦|围绕|优化|完善|健全|建立|构建|促进|支持|鼓励|引导|打造|培育|坚定|锚定|紧扣|统筹)"
)


def sentence(context: Context, block: scope.Block, start: int, end: int) -> tuple[list[Proposal], list[Task]]:
    """The proposed targets of the sentence text[start:end], in order, and its tasks without a number."""
    norm, source = context.source.norm, context.source
    found: list[Proposal] = []
    found_tasks: list[Task] = []
    said = report.Sentence(norm, start, end, context.kind, block.opened)
    label = block.label
    clauses = segment.clauses(norm, start, end, context.mask.spans)
    described = qualifiers.described(norm, clauses, context.masked)
    for clause in clauses:
        figs = [f for f in figures.find(norm, clause.start, clause.end) if not context.masked(f.start)]
        if not figs:
            name = source.name(*strip_name(norm, clause.start, clause.end))
            if 2 <= len(name) <= 24 and not words.ONLY_VERBS.fullmatch(name) and not _TASK_WORDS.match(name):
                label = name
                if not block.named and len(name) <= 16:
                    block.label = name
            found_tasks += _tasks(context, block, said, start, clause)
            continue
        block.named = True
        if norm[clause.start : clause.end].lstrip("“ ").startswith(words.CONTEXT_VERBS):
            figs = [f for f in figs if f.rank or qualifiers.AIMED.match(norm, f.end)]  # 聚焦…增长6%目标任务: the aim
            if not figs:
                continue
        head = qualifiers.head_count(norm, clause, figs)
        targets = [
            f
            for i, f in enumerate(figs)
            if not qualifiers.qualifier(norm, f, figs[i + 1] if i + 1 < len(figs) else None)
            and not qualifiers.no_target(norm, clause, f)
            and f is not head
            and f.start not in described
        ]
        share = next((f for f in figs if f.unit == "%" and norm.startswith("的", f.end)), None)
        if share is not None:  # 20%的村集体年收入超30万元: the share is the target, 30万元 says which count
            targets = [f for f in targets if f.start < share.start] + [share]
        subject = None
        if head is not None:  # 390个重点项目要完成年度投资640亿元: the projects are the subject, not a target
            verb = qualifiers.HEAD_VERB.search(norm, head.end, targets[0].start if targets else clause.end)
            subject = (head.end, verb.start() if verb else head.end), verb.end() if verb else head.end
        here: list[Proposal] = []
        for item_start, item_end, group in _items(norm, clause, targets):
            read = Reader(context, block, said, start, clause, (item_start, item_end), label, subject)
            here += read.targets(group)
            subject = None
        found += here
        if not targets:  # its figures only qualify (4000台机柜的设备): the clause may be a task
            found_tasks += _tasks(context, block, said, start, clause)
    return found, found_tasks


def _tasks(
    context: Context, block: scope.Block, said: report.Sentence, start: int, clause: segment.Clause
) -> list[Task]:
    """The milestones and relative targets of a clause that sets no numeric target (none in a report)."""
    if said.reporting or context.kind is not None:
        return []
    return tasks.find(context, block, start, clause.start, clause.end)


def _items(norm: str, clause: segment.Clause, targets: list[Figure]) -> list[tuple[int, int, list[Figure]]]:
    """The clause cut at each 、 that stands between two targets (储备种子15万斤、化肥160万斤)."""
    distributed = _DISTRIBUTE.search(norm, clause.start, clause.end)
    if distributed and sum(f.start > distributed.start() for f in targets) >= 2:
        return [(clause.start, clause.end, targets)]
    items: list[tuple[int, int, list[Figure]]] = []
    begin, group = clause.start, []
    for index, figure in enumerate(targets):
        group.append(figure)
        if index + 1 < len(targets):
            cut = list_comma(norm, figure.end, targets[index + 1].start)
            if cut is not None:
                items.append((begin, cut, group))
                begin, group = cut + 1, []
    if group:
        items.append((begin, clause.end, group))
    return items


@dataclass
class Reader:
    """Reads the targets of one item (a clause, or a part of it between list commas)."""

    context: Context
    block: scope.Block
    said: report.Sentence
    sentence_start: int
    clause: segment.Clause
    span: tuple[int, int]
    label: str | None
    subject: tuple[tuple[int, int], int] | None = None  # a heading count's noun, and where its verb ends

    def targets(self, group: list[Figure]) -> list[Proposal]:
        norm = self.context.source.norm
        distributed = _DISTRIBUTE.search(norm, *self.span)
        if distributed and sum(f.start > distributed.start() for f in group) >= 2:
            return self.distribute(group, distributed.start())
        found: list[Proposal] = []
        consumed = self.span[0] if self.subject is None else self.subject[1]
        for index, figure in enumerate(group):
            following = group[index + 1].start if index + 1 < len(group) else self.span[1]
            proposal, consumed = self.read(consumed, figure, following)
            found += _shared(proposal) if proposal else []
        return found

    def read(self, consumed: int, figure: Figure, following: int) -> tuple[Proposal | None, int]:
        norm, source = self.context.source.norm, self.context.source
        after_word = next((w for w in _AFTER_WORDS if norm.startswith(w, figure.end)), "")
        after_end = figure.end + len(after_word)
        span = (consumed, figure.start) if figure.rank else strip_name(norm, consumed, figure.start)
        name = scope.without_levels(source.name(*span))
        generic = name in words.GENERIC_NAMES
        verbs_only = bool(words.ONLY_VERBS.fullmatch(name))
        # 金岱智慧产业园等20个项目竣工: the list gives examples, the words after the figure what is counted
        listed = name.endswith("等")
        if not generic and not figure.rank and (len(name) <= 2 or verbs_only or listed):
            after = _after_name(norm, after_end, following, self.span[1])
            if after[1] > after[0] and (verbs_only or listed or after[1] - after[0] > len(name)):
                name = source.name(*after)
                consumed = after[1] if after[1] <= following else after_end
        consumed = max(consumed, after_end)
        if figure.unit in meaning.PERCENT and words.PROGRESS_RULE.search(name):
            return None, consumed  # 完成年度目标的30%以上: a pace rule, not a target
        if self.block.in_past(figure.start):
            return None, consumed
        governed = self.block.level(self.sentence_start, figure.start) is not None
        if self.said.reports(max(self.span[0], figure.start - WINDOW), figure.start, figure.end, figure.unit, governed):
            return None, consumed  # 已开工85个, 同比增长16.3%, a review's figures: outcomes, not targets
        if self.subject is not None:
            name = source.name(*self.subject[0]).strip() + name
        if not name and self.label:
            name = self.label
        proposal = self.proposal(figure, _clean_name(name, figure), generic)
        before = norm[max(self.span[0], figure.start - WINDOW) : figure.start].rstrip()
        meaning.compare(proposal, before, after_word)
        meaning.classify(proposal, before)
        return proposal, consumed

    def proposal(self, figure: Figure, name: str, generic: bool = False) -> Proposal:
        norm, context = self.context.source.norm, self.context
        proposal = Proposal(
            figure=figure,
            quote=_quote(norm, *self.span, figure),
            name=name,
            period=self.block.period(self.sentence_start, figure.start, context.section, context.periods),
            paren=self.clause.paren,
            generic=generic,
            label=self.label,
            heading=context.heading,
        )
        level = self.block.level(self.sentence_start, figure.start)
        if level is not None:
            proposal.level = level[0]
            if level[1] < proposal.quote[0]:
                proposal.notes.append(
                    f"{level[0]} at the head of the sentence governs it up to the ; or 。, so this figure too."
                )
        return proposal

    def distribute(self, group: list[Figure], at: int) -> list[Proposal]:
        """`项目履约率、开工率、资金到位率分别达到90%、80%、30%以上`: the n-th figure for the n-th name."""
        norm, source = self.context.source.norm, self.context.source
        listed = [figure for figure in group if figure.start > at]
        found: list[Proposal] = []
        consumed = self.span[0]
        for figure in (figure for figure in group if figure.start < at):
            proposal, consumed = self.read(consumed, figure, at)
            found += [proposal] if proposal else []
        names = _names(scope.without_levels(source.name(*strip_name(norm, consumed, at))), len(listed))
        verb = norm[at + 2 : listed[0].start].rstrip()
        growth = next((word for word in words.GROWTH_NAMES if word in verb), "")
        after_word = next((w for w in _AFTER_WORDS if norm.startswith(w, listed[-1].end)), "")
        for number, (figure, name) in enumerate(zip(listed, names, strict=True), start=1):
            governed = self.block.level(self.sentence_start, figure.start) is not None
            if self.block.in_past(figure.start) or self.said.reports(
                max(self.span[0], figure.start - WINDOW), figure.start, figure.end, figure.unit, governed
            ):
                continue
            proposal = self.proposal(figure, name if name.endswith(growth) else name + growth)
            meaning.compare(proposal, verb, after_word)
            proposal.notes.append(f"分别: figure {number} of {len(listed)} read for {name}.")
            meaning.classify(proposal, verb)
            found.append(proposal)
        return found


def _shared(proposal: Proposal) -> list[Proposal]:
    """`业委会、物业服务覆盖率100%`: one target per listed name, each with the shared measure."""
    parts = proposal.name.split("、")
    measure = words.SHARED_MEASURE.search(parts[-1])
    if (
        len(parts) < 2
        or measure is None
        or "“" in proposal.name
        or any(words.SHARED_MEASURE.search(p) for p in parts[:-1])
    ):
        return [proposal]
    names = [part + measure.group() for part in parts[:-1]] + [parts[-1]]
    note = f"{proposal.name} read as {len(names)} targets of one figure: {'、'.join(names)}."
    return [dataclasses.replace(proposal, name=name, notes=[*proposal.notes, note]) for name in names]


def _names(text: str, count: int) -> list[str]:
    """`count` names listed in `text` (A、B、C), or the one name told apart (城乡 → 城镇, 农村)."""
    for pattern in (r"[、,]", r"[、,和与及]"):
        parts = [part.strip() for part in re.split(pattern, text) if part.strip()]
        if len(parts) == count:
            return parts
    for pair, (first, second) in _PAIRS.items():
        if pair in text and count == 2:
            return [text.replace(pair, first), text.replace(pair, second)]
    return [f"{text}（{number}）" for number in range(1, count + 1)]


def _after_name(norm: str, start: int, following: int, end: int) -> tuple[int, int]:
    """A name after the figure (打造15个美丽乡村示范村): up to the next target, or past it when only
    a verb stands between (4条覆盖21个研学点的红色研学路线), and never past a 、 of a list."""
    name_start, name_end = strip_name(norm, start, following)
    if following < end and words.ONLY_VERBS.fullmatch(norm, name_start, name_end):
        name_start, name_end = strip_name(norm, start, end)
    cut = list_comma(norm, name_start, name_end)
    return name_start, cut if cut is not None else name_end


def _clean_name(name: str, figure: Figure) -> str:
    if name.count("“") > name.count("”"):
        name = name[name.rfind("“") + 1 :]
    if name.count("”") > name.count("“"):
        name = name[: name.find("”")]
    if figure.rank:
        for verb in words.RANK_VERBS:
            name = name.replace(verb, "")
        name += "排名"
    return name.strip() or figure.written


def _quote(norm: str, start: int, end: int, figure: Figure) -> tuple[int, int]:
    """The item around the figure, without separators at its ends or an unpaired quotation mark
    (looked for within `QUOTE_REACH` of the figure, so that a figure of a long item costs no more)."""
    start, end = max(start, figure.start - QUOTE_REACH), min(end, figure.end + QUOTE_REACH)
    while start < figure.start and norm[start] in _SEPARATORS:
        start += 1
    while end > figure.end and norm[end - 1] in _SEPARATORS:
        end -= 1
    opening = norm.rfind("“", start, figure.start)
    if opening >= 0 and norm.find("”", opening, figure.start) < 0 and norm.find("”", figure.end, end) < 0:
        start = opening + 1
    closing = norm.find("”", figure.end, end)
    if closing >= 0 and norm.rfind("“", figure.end, closing) < 0 and norm.rfind("“", start, figure.start) < 0:
        end = closing
    return start, end
