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
# A light's name in a header over its count, where the header has a fill of its own: 无数据 darker.
HEADER_COLOURS = {"grey": "#616161"}

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


# Bar charts of 完成率 against 序时 (HTML and Word): the 完成率 bar, the 序时 bar beside it.
BAR_ATTAINMENT = "#1565c0"
BAR_EXPECTED = "#bdbdbd"

# The 通报 in 公文 form (GB/T 9704-2012): (Latin, east-Asian) fonts and sizes in pt. 仿宋_GB2312 and
# 楷体_GB2312 are what county offices install for 公文; their font-table entries name 仿宋 and 楷体
# (every Windows since Vista has them) as the other name, and 方正小标宋简体 names 宋体.
GONGWEN_BODY = ("Times New Roman", "仿宋_GB2312")  # 正文: 3号仿宋
GONGWEN_TITLE = ("Times New Roman", "方正小标宋简体")  # 标题: 2号小标宋
GONGWEN_HEADING = ("Times New Roman", "黑体")  # 一级标题: 3号黑体
GONGWEN_SUBHEADING = ("Times New Roman", "楷体_GB2312")  # 二级标题: 3号楷体
GONGWEN_PAGE_NUMBER = ("宋体", "宋体")  # 页码: 4号半角宋体
GONGWEN_RED = "#ff0000"  # 发文机关标志 and the rule under the 文号
SIZES = {"二号": 22, "三号": 16, "四号": 14, "小四": 12, "一号": 26}
GONGWEN_FONT_TABLE = {
    "仿宋_GB2312": ("仿宋", "02010609030101010101", "modern", "fixed"),
    "仿宋": ("FangSong", "02010609060101010101", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "02010609030101010101", "modern", "fixed"),
    "楷体": ("KaiTi", "02010609060101010101", "modern", "fixed"),
    "方正小标宋简体": ("宋体", "02000000000000000000", "script", "variable"),
}
