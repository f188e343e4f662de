"""Help text wrapped by terminal columns: Chinese lines fit, break where Chinese may, and English reads as before."""

from __future__ import annotations

import pytest

from daye_plan.cli.helptext import cells, short_help, wrap, wrap_text

CHINESE = (
    "读取方案文本（UTF-8 或 GB18030 编码，全角、半角标点均可），对文中给出的每个数字提出：指标、期间、比较方式、"
    "换算为标准单位的目标值、确保/力争、指标类型、“其中”所属的上级指标、牵头单位，以及原文引述。"
)
CLOSING, OPENING = "，。、；：）”》", "（“《"


def test_cells_count_wide_characters_twice() -> None:
    assert (cells("招商a"), cells("（1）"), cells("abc"), cells("")) == (5, 5, 3, 0)


@pytest.mark.parametrize("width", [20, 33, 40, 58, 78])
def test_chinese_lines_fit_and_break_where_chinese_may(width: int) -> None:
    lines = wrap(CHINESE, width, "  ", "  ")
    assert all(cells(line) <= width for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == CHINESE.replace(" ", "")
    assert not any(line.strip()[0] in CLOSING for line in lines[1:])
    assert not any(line[-1] in OPENING for line in lines)


def test_english_breaks_at_spaces_and_keeps_a_chinese_term_whole() -> None:
    text = "Action: id, short name (招商引资) or title (招商引资行动)."
    assert wrap(text, 42) == ["Action: id, short name (招商引资) or title", "(招商引资行动)."]
    assert wrap("a long-winded YYYY-MM-DD date", 14) == ["a long-winded", "YYYY-MM-DD", "date"]


def test_a_bracketed_note_stays_whole_and_keeps_its_two_spaces() -> None:
    assert wrap("yaml（方案文件）或 json（每个目标一个对象）。  [默认：yaml]", 50) == [
        "yaml（方案文件）或 json（每个目标一个对象）。",
        "[默认：yaml]",
    ]
    assert wrap("Period: annual or q1.  [default: annual]", 60) == ["Period: annual or q1.  [default: annual]"]


def test_paragraphs_and_raw_blocks_are_kept() -> None:
    text = "第一段。\n\n\b\n  原样\n  保留\n\nlast paragraph"
    assert wrap_text(text, 20, "  ", "  ") == "  第一段。\n\n    原样\n    保留\n\n  last paragraph"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("从已印发的方案文本中提取每一个数字目标，生成供审核的草案。\n\n详细说明。", 64, "从已印发的方案文本中提取每一个数字目标，生成供审核的草案。"),
        ("检查方案自身是否前后一致：其中分项、占比、一季度与全年目标、同一指标在两项行动中的口径。", 30, "检查方案自身是否前后一致：其…"),
        ("List the plan's targets, grouped by action.", 45, "List the plan's targets, grouped by action."),
        ("Progress per target: actual, 完成率, 序时进度, 差距 and a red/yellow/green light.", 44, "Progress per target: actual, 完成率,…"),
    ],
)  # fmt: skip
def test_a_summary_is_the_first_sentence_cut_at_the_limit(text: str, limit: int, expected: str) -> None:
    assert short_help(text, limit) == expected
    assert cells(short_help(text, limit)) <= limit
