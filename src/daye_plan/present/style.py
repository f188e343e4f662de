"""The house style every format shares: the lights' colours, the fonts, how wide text is on paper.

Owns the palette (each light's colour, and the text that stays legible on it), the fonts of the
Word and Excel files (named as Chinese offices have them, with their other names for a system
that lacks them) and the width of a text in half-width characters, which sizes the columns of a
spreadsheet, a Word table and the wrapped help. Pure data and one pure function; no format's
layout (each renderer decides its own).
"""

from __future__ import annotations

import unicodedata

# A light's colour (HTML, SVG, Word, Excel), and the text colour that stays legible on its fill.
COLOURS = {"green": "#2e7d32", "yellow": "#f2a900", "red": "#c62828", "grey": "#b0b0b0"}
ON_LIGHT = {"green": "#ffffff", "yellow": "#000000", "red": "#ffffff", "grey": "#000000"}
GREY = "#616161"  # small print: hints, captions, a quote beside the figures

# Word: (Latin, east-Asian) fonts, and a fixed-width one whose blocks (█ ·) are half a character wide.
BODY = ("Times New Roman", "宋体")
HEADING = ("Arial", "黑体")
BAR_FONT = "Courier New"  # Liberation Mono where it is missing
# A font's other names, for a system that lacks it under this one (Word's own font table entries).
FONT_TABLE = {
    "宋体": ("SimSun", "02010600030101010101", "roman", "variable"),
    "黑体": ("SimHei", "02010609060101010101", "modern", "fixed"),
}
# Excel's own Chinese body font (Office 2016 on); an older Excel or WPS substitutes its own (宋体).
SHEET_FONT = "等线"


def hex_of(colour: str) -> str:
    """`#2e7d32` as Office writes a colour: `2E7D32`."""
    return colour.lstrip("#").upper()


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width setting: Chinese (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
