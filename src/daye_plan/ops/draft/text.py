"""A published plan's text: decoding its bytes, and the normalised twin that matching reads.

Owns turning a file's bytes into text (UTF-8 with or without a byte-order mark, else GB18030
as Chinese Windows saves it) and `Source`: the text exactly as published, beside a normalised
copy of the same length in which full-width digits, letters and punctuation read as ASCII
(`１３５` as `135`, `，` as `,`, `（` as `(`). Every rule matches on the normalised copy; every
offset it finds is an offset into the original too, so a quote cut there is verbatim. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～ → !..~
_SPACES = {0x3000: ord(" "), 0x00A0: ord(" "), 0xFEFF: ord(" ")}
_NORMALISE = {**_FULL_WIDTH, **_SPACES, ord("﹪"): ord("%"), ord("－"): ord("-")}
MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class Source:
    """The published text (`raw`) and its normalised twin (`norm`, same length, same offsets)."""

    raw: str
    norm: str

    def quote(self, start: int, end: int) -> str:
        return self.raw[start:end]


def normalise(text: str) -> str:
    """Full-width forms as ASCII, one character for one, so that offsets carry over."""
    return text.translate(_NORMALISE)


def source(text: str) -> Source:
    return Source(text, normalise(text))


def decode(data: bytes, where: str) -> str:
    """A text file's characters: UTF-8 (a leading BOM dropped), else GB18030; refuses binary."""
    if b"\x00" in data:
        raise UsageError(_("{path}: not a text file (it holds NUL bytes)").format(path=where))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(text) > MAX_CHARS:
            message = _("{path}: {count} characters; a plan text is at most {limit}")
            raise UsageError(message.format(path=where, count=len(text), limit=MAX_CHARS))
        return text.removeprefix("\ufeff")  # GB18030 spells the byte-order mark its own way
    raise UsageError(_("{path}: not text in UTF-8 or GB18030").format(path=where))
