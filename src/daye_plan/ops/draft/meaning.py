"""What the words around a figure say about it: comparator, kind, bounds and recurrence.

Owns the comparator of plans/README.md's table (words.AFTER over words.BEFORE, ranks `<=`, a
bare figure `>=` with a note), the notes that say how a figure was read (a range, 余/多, 万
multiplied out), and the kind (`level` for rates, shares, balances, running totals, ranks and
figures set by 压减至/拓展至; `cumulative` otherwise), growth bounds ({min: -100}) and `per:
month` (每月). Pure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from daye_plan.ops.draft import words
from daye_plan.ops.draft.proposal import Proposal

_MONTHLY = re.compile(r"每月|每个月")
PERCENT = ("%", "‰", "个百分点", "百分点")


def compare(proposal: Proposal, before: str, after_word: str) -> None:
    figure = proposal.figure
    word = next((w for w in words.BEFORE_WORDS if before.endswith(w)), None)
    if figure.rank:
        proposal.comparator = words.AT_MOST
        proposal.notes.append(f"{figure.written} read as a rank <= {figure.value}.")
    elif after_word:
        proposal.comparator = words.AFTER[after_word]
    elif word is not None:
        proposal.comparator, note = words.BEFORE[word]
        proposal.notes += [note] if note else []
    elif before.endswith("完成"):
        proposal.notes.append("完成 with a bare figure read as a goal to reach (>=).")
    else:
        proposal.notes.append(words.BARE_NOTE)
    if figure.high is not None:
        proposal.notes.append(
            f"a range ({figure.written}): the lower end is the target, judged by cmp; the upper end is {figure.high} (high)."
        )
    if figure.approximate:
        proposal.notes.append(f"{figure.written} (余/多) read as a floor (>=).")
    if figure.converted:
        assumed = " (元 assumed)" if figure.chinese and not figure.written.endswith("元") else ""
        proposal.notes.append(f"{figure.written} = {figure.value} {figure.unit}{assumed}.")


def classify(proposal: Proposal, before: str) -> None:
    """Kind, bounds and recurrence from the unit and the words around the figure."""
    figure, name = proposal.figure, proposal.name
    if figure.rank:
        proposal.kind, proposal.bounds = "level", (Decimal(1), None)
        return
    named_level = (
        any(w in name for w in words.LEVEL_NAMES) or name.endswith(words.LEVEL_ENDINGS)
    ) and not name.startswith(words.FLOW_NAMES)
    if figure.unit in PERCENT or before.endswith(words.LEVEL_SETTING) or named_level:
        proposal.kind = "level"
    if figure.unit in ("%", "‰") and any(w in name + before[-4:] for w in words.GROWTH_NAMES):
        proposal.bounds = (Decimal(-1000 if figure.unit == "‰" else -100), None)
    elif figure.unit == "%" and max(figure.value, figure.high or 0) > 100:
        proposal.bounds = (Decimal(0), None)
    if _MONTHLY.search(before) and proposal.kind == "cumulative":
        proposal.per = "month"
        proposal.notes.append("每月: a recurring target, due every month.")
