"""A published plan's text: decoding its bytes, and the normalised twin that matching reads.

Owns turning a file's bytes into text (UTF-8 with or without a byte-order mark, else GB18030
as Chinese Windows saves it) and `Source`: the text exactly as published, beside a normalised
copy of the same length in which full-width digits, letters and punctuation read as ASCII
(`１３５` as `135`, `，` as `,`, `（` as `(`), Traditional characters read as Simplified (`萬` as
`万`, `力爭` as `力争`: a text reposted on a Traditional-script site reads as the plan it was),
and the pinyin that a broken converter leaves in brackets after a character (`實現(xiàn)`) reads as
if it were not there: the characters after it move up to close the gap, and blanks fill the gap at
the end of their run, before the next figure or mark, which keep their places. Every rule matches
on the normalised copy; every offset of a figure or a mark is an offset into the original too, so
a quote cut there is verbatim; a name is cut from the Simplified reading, without the blanks. Pure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from daye_plan.i18n import _
from daye_plan.model.errors import UsageError

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～ → !..~
_SPACES = {0x3000: ord(" "), 0x00A0: ord(" "), 0xFEFF: ord(" ")}
_NORMALISE = {**_FULL_WIDTH, **_SPACES, ord("﹪"): ord("%"), ord("－"): ord("-")}
MAX_CHARS = 2_000_000
# Pinyin in brackets right after a Han character (發(fā), 實現(xiàn)): a conversion that failed half-way.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}[)）]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_GAP = "\u3000"  # fills the place of stray pinyin in the Simplified reading; normalised to a blank
TRADITIONAL_SHARE = 0.01  # below this share of Han characters read differently, a text is Simplified


@dataclass(frozen=True)
class Source:
    """The published text (`raw`), its Simplified reading (`plain`, same length) and the normalised
    twin that rules match (`norm`, same length, same offsets)."""

    raw: str
    norm: str
    plain: str = ""

    def quote(self, start: int, end: int) -> str:
        return self.raw[start:end]

    def name(self, start: int, end: int) -> str:
        """The words at start..end as a name: Simplified, without stray pinyin, full-width kept."""
        return (self.plain or self.raw)[start:end].replace(_GAP, "")


def normalise(text: str) -> str:
    """Full-width forms as ASCII, one character for one, so that offsets carry over."""
    return text.translate(_NORMALISE)


def simplified(text: str) -> str:
    """`text` with Traditional characters as Simplified, one character for one (opencc's `t2s`
    character table); the text itself when it is Simplified already."""
    chars = sorted(set(_HAN.findall(text)))
    unknown = [char for char in chars if char not in _READ]
    if unknown:
        _learn(unknown)
    table = {ord(char): ord(_READ[char]) for char in chars if _READ[char] != char}
    if not table or len(table) < TRADITIONAL_SHARE * len(chars):
        return text
    return text.translate(table)


_READ: dict[str, str] = {}  # each Han character's Simplified reading, once asked


def _learn(chars: list[str]) -> None:
    read = _converter().convert("\n".join(chars)).split("\n")
    if len(read) != len(chars):  # the table never merges lines; should it, each character alone
        read = [_converter().convert(char) for char in chars]
    _READ.update((char, other if len(other) == 1 else char) for char, other in zip(chars, read, strict=True))


@functools.cache
def _converter() -> Any:
    import opencc  # type: ignore[import-untyped, import-not-found, unused-ignore]  # no type information shipped

    return opencc.OpenCC("t2s")


def reading(text: str) -> str:
    """The normalised twin of `text` alone (a quote, a whole document), as `source` makes it."""
    return normalise(without_pinyin(simplified(text)))


def without_pinyin(text: str) -> str:
    """`text` with each stray pinyin group taken out and the Han characters after it moved up, the
    gap filled at the end of their run: 计(jì)划304 reads 计划    304, the figure in its place."""
    if "(" not in text and "（" not in text:
        return text
    chars = list(text)
    for match in _PINYIN.finditer(text):
        start, end = match.span()
        run = end
        while run < len(text) and _HAN.match(text, run):
            run += 1
        moved = text[end:run]
        chars[start : start + len(moved)] = moved
        chars[start + len(moved) : run] = _GAP * (run - start - len(moved))
    return "".join(chars)


def source(text: str) -> Source:
    plain = without_pinyin(simplified(text))
    return Source(text, normalise(plain), plain)


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
