"""What text a plan or a record may hold: printable characters a person can see.

Owns the characters refused in every text daye-plan keeps and shows: control characters (C0,
DEL and C1: an escape sequence such as ESC[31m would drive the terminal that shows it),
invisible ones (zero-width spaces and joiners, the byte-order mark, soft hyphens) and the bidi
controls (U+202A–U+202E, U+2066–U+2069: an override shows text reversed), the line and
paragraph separators U+2028/U+2029, and lone surrogates (bytes that were not valid UTF-8, such as
GBK typed on a terminal that sends it). Line breaks and tabs are refused in one-line texts
(names, titles, themes, a plan's notes, the region) and kept in the texts a record documents
them for (its source, note and who). Pure: no I/O; the message names the character and where it is.
"""

from __future__ import annotations

import re

from daye_plan.i18n import _

# C0 controls but tab, CR and LF; DEL and the C1 controls (U+0085 NEL among them)
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# invisible or reordering: soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width
# space/non-joiner/joiner, left-to-right and right-to-left marks, line and paragraph separators,
# bidi embeddings and overrides, word joiner and invisible operators, bidi isolates, deprecated
# format characters, byte-order mark (zero-width no-break space), interlinear annotation marks
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
_SURROGATE = "\ud800-\udfff"
_ANY_LINE = re.compile(f"[{_CONTROL}{_INVISIBLE}{_SURROGATE}]")
_ONE_LINE = re.compile(f"[\t\n\r{_CONTROL}{_INVISIBLE}{_SURROGATE}]")


def text_problem(text: str, *, one_line: bool) -> str | None:
    """Why `text` cannot be kept, or None: the first refused character, by code and position."""
    found = first_refused(text, one_line=one_line)
    return None if found is None else describe(text[found], found + 1)


def first_refused(text: str, *, one_line: bool) -> int | None:
    """Where the first character `text` may not hold is (0-based), or None."""
    found = (_ONE_LINE if one_line else _ANY_LINE).search(text)
    return None if found is None else found.start()


def describe(char: str, position: int | None = None) -> str:
    """Why `char` is refused; at `position` (1-based) in its text, when given."""
    where = {"code": f"U+{ord(char):04X}", "position": position}
    if "\ud800" <= char <= "\udfff":
        return _("is not valid UTF-8 text (typed or saved in another encoding, such as GBK?); type it again in UTF-8")
    if char in "\t\n\r":
        return _("holds a line break or tab at position {position}; write it on one line").format(**where)
    control = re.fullmatch(f"[{_CONTROL}]", char) is not None
    if position is None:
        if control:
            return _("holds the control character {code}; remove it").format(**where)
        return _("holds the invisible character {code}; remove it").format(**where)
    if control:
        return _("holds the control character {code} at position {position}; remove it").format(**where)
    return _("holds the invisible character {code} at position {position}; remove it").format(**where)
