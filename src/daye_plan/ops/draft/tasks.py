"""Targets without a number: milestones (a task with a date) and targets set against another figure.

Owns reading, in a clause that sets no numeric target, a task with its date (`一季度完成摘地`,
`上半年实现开工`, `年内投产`, `6月底前建成`: a period word of the vocabulary followed by a verb of
completion) as a milestone for that period, each in a list of them its own (一季度完成摘地、上半年实现
开工: two), and a target set against another figure (`增速高于全市平均水平`, `与经济增长同步`,
`完成上级下达目标`, `控制在省定目标内`) as a relative target, named by the words before it, for the
analyst to complete with a figure once the reference is known. Its level and period follow the
rules of `scope`. Pure.
"""

from __future__ import annotations

import re

from daye_plan.ops.draft import scope
from daye_plan.ops.draft.names import list_comma, strip_name
from daye_plan.ops.draft.proposal import MILESTONE, RELATIVE, Context, Task

# Verbs that finish a task, after its date: 一季度完成摘地, 上半年投用, 年内投产.
_DONE = re.compile(
    r"[^,;:。!?、\d]{0,10}?(?:投用|投产|投运|开工|复工|竣工|完工|建成|完成|实现|启动|开通|通车|交付|运营|摘地|签约|落地|"
    r"验收|达产|挂牌|上线|出台|印发|获批|通过|开业|落户)"
)
_NOT_A_DATE = re.compile(r"以来|同期|同比")
_RELATIVE = re.compile(
    r"(?:与|和|同)(?:经济|地区生产总值|GDP)?(?:增长|发展)?(?:基本)?同步"
    r"|(?:高于|快于|优于|不低于|好于)(?:全国|全省|全市|全州|全县|全区|省|市|州|县|区)?(?:平均水平|平均|全年预期目标|预期目标|年度目标)"
    r"|(?:完成|达到|控制在|实现)?(?:国家|省|市|州|县|上级)(?:[、,]?(?:市|州|县))?(?:下达|确定|定|考核)的?[^,;。、]{0,10}?"
    r"(?:目标|任务|指标)(?:任务)?(?:范围)?(?:之内|以内|内)?"
)


def find(context: Context, block: scope.Block, sentence_start: int, start: int, end: int) -> list[Task]:
    """The milestones and the relative targets of the clause text[start:end]."""
    relative = _relative(context, block, sentence_start, start, end)
    return relative or _milestones(context, block, sentence_start, start, end)


def _relative(context: Context, block: scope.Block, sentence_start: int, start: int, end: int) -> list[Task]:
    norm, source = context.source.norm, context.source
    found: list[Task] = []
    for match in _RELATIVE.finditer(norm, start, end):
        if found and found[-1].anchor[1] > match.start():
            continue
        first = found[0].anchor[0] if found else match.start()  # a list of them shares its name, period and level
        name = _name(context, start, first)
        said = source.name(*match.span()).strip()
        period = block.period(sentence_start, first, context.section, context.periods)
        level = block.level(sentence_start, first)
        task = Task(RELATIVE, match.span(), _trim(norm, start, end), name or said, period, relative=said)
        task.level = level[0] if level else None
        task.heading = context.heading
        found.append(task)
    return found


def _milestones(context: Context, block: scope.Block, sentence_start: int, start: int, end: int) -> list[Task]:
    norm = context.source.norm
    dated = [word for word in block.periods if start <= word.start and word.end <= end]
    found: list[Task] = []
    begin = start
    for index, word in enumerate(dated):
        if _NOT_A_DATE.match(norm, word.end):
            continue
        stop = dated[index + 1].start if index + 1 < len(dated) else end
        done = _DONE.match(norm, word.end, stop)
        if done is None:
            continue
        cut = list_comma(norm, done.end(), stop) if index + 1 < len(dated) else None
        finish = cut if cut is not None else stop
        name = _name(context, begin, word.start) + context.source.name(word.end, finish).strip()
        level = block.level(sentence_start, word.start)
        task = Task(MILESTONE, (word.start, word.end), _trim(norm, begin, finish), name, word.period)
        task.level = level[0] if level else None
        task.heading = context.heading
        found.append(task)
        begin = finish + 1 if cut is not None else finish
    return found


def _name(context: Context, start: int, end: int) -> str:
    return scope.without_levels(context.source.name(*strip_name(context.source.norm, start, end))).strip()


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in " ,:;、“":
        start += 1
    while end > start and norm[end - 1] in " ,:;、":
        end -= 1
    return start, end
