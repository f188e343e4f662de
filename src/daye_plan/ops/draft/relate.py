"""How the targets of one sentence hang together: 其中 parts, parenthesised parts, and names
that only make sense with the indicator before them.

Owns three rules: a name such as 占比, 总数, 总投资 or 增长率 takes the name of the indicator
before it in the sentence (工业项目 … 占比 → 工业项目占比) and a quote reaching back to it; a
target in parentheses after a figure (实际到位资金600亿元(其中省外资金290亿元)) is a part of the
indicator before the parentheses; and targets after 其中 are parts of the indicator before the
其中. Shares are never the parent of anything. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from daye_plan.ops.draft import words
from daye_plan.ops.draft.proposal import Proposal

_OF_WHICH = re.compile("其中")
_GROWTH_END = re.compile(r"(?:同比)?(?:增长率|增长|增幅|增速)$")


def link(norm: str, found: list[Proposal], start: int, end: int) -> None:
    """Set generic names, quotes and parents of one sentence's proposals, in place."""
    of_which = [match.start() for match in _OF_WHICH.finditer(norm, start, end)]
    for index, proposal in enumerate(found):
        earlier = _Earlier(found, index)
        if proposal.generic:
            base = next((q for q in reversed(earlier) if not q.share and (proposal.paren or not q.paren)), None)
            if base is None and proposal.label:
                proposal.name = _GROWTH_END.sub("", proposal.label) + proposal.name
                proposal.notes.append(f"named after {proposal.label}, the heading of its clause.")
            if base is not None:
                proposal.name = _GROWTH_END.sub("", base.name) + proposal.name
                start, stop = min(base.quote[0], proposal.quote[0]), proposal.quote[1]
                if norm.count("(", start, stop) > norm.count(")", start, stop) and norm.startswith(")", stop):
                    stop += 1  # 工业项目不少于100个(占比不低于75%): the quote closes what it opens
                proposal.quote = (start, stop)
                proposal.notes.append(f"named after {base.name}, the indicator before it.")
                if proposal.share:
                    proposal.parent = base
        if proposal.parent is None and proposal.paren:
            proposal.parent = next((q for q in reversed(earlier) if not q.paren and not q.share), None)
        if proposal.parent is None and not proposal.paren:
            before = bisect_left(of_which, proposal.figure.start)
            if before:
                mark = of_which[before - 1]
                proposal.parent = next(
                    (q for q in reversed(earlier) if q.figure.start < mark and not q.paren and not q.share), None
                )
        if proposal.parent is not None and proposal.parent.share:
            proposal.parent = None
        if proposal.name in words.GENERIC_NAMES and proposal.parent is not None:
            proposal.name = proposal.parent.name + proposal.name


class _Earlier:
    """The proposals before the one at `index`, walked back from it without copying the list."""

    def __init__(self, found: list[Proposal], index: int) -> None:
        self.found, self.index = found, index

    def __reversed__(self) -> Iterator[Proposal]:
        stop = max(-1, self.index - 1 - _REACH)
        return (self.found[number] for number in range(self.index - 1, stop, -1))


_REACH = 32  # how many targets back a part looks for its whole: a sentence lists a few, not hundreds
