"""Where a name lies in a span of text: lead-in words and linking words trimmed, lists cut.

Owns `strip_name` — the span of a name in a stretch of normalised text, without its lead-in words
(全市, 完成, 2024年, 一季度 …) and without the comparator and linking words before a figure —
and `list_comma`, the 、 that ends an item of a list (not one inside “quotation marks”). Each
looks only near the ends of its span, so that a long span costs no more than a short one. Pure.
"""

from __future__ import annotations

from daye_plan.ops.draft import periods, words


def list_comma(norm: str, start: int, end: int) -> int | None:
    """The first 、 in norm[start:end] that is not inside “quotation marks”."""
    depth = 0
    for position in range(start, end):
        char = norm[position]
        depth += (char == "“") - (char == "”")
        if char == "、" and depth <= 0:
            return position
    return None


def strip_name(norm: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name in norm[start:end]: without lead-in words (全市, 完成, 2024年, 一季度 …)
    and without the comparator and linking words before the figure. Each step looks only at the
    ends of the span, so that a long span costs no more than a short one."""
    vocabulary = periods.vocabulary()
    while start < end:
        match = words.LEAD_IN.match(norm, start, end)
        stop = match.end() if match else vocabulary.word_at(norm, start, end)
        if stop is None or stop == start:
            break
        start = stop
    while end > start:
        if norm[end - 1] in _TAIL_SEPARATORS:
            end -= 1
            continue
        word = next(
            (
                w
                for w in _TAIL_BY_LAST.get(norm[end - 1], ())
                if end - len(w) >= start and norm.startswith(w, end - len(w))
            ),
            None,
        )
        if word is None:
            break
        end -= len(word)
    return start, end


_TAIL_BY_LAST: dict[str, tuple[str, ...]] = {}
for _word in words.TAIL_WORDS:  # longest first, as TAIL_WORDS lists them
    _TAIL_BY_LAST[_word[-1]] = (*_TAIL_BY_LAST.get(_word[-1], ()), _word)
_TAIL_SEPARATORS = frozenset(" ,:;、\t\n\r\u3000")
