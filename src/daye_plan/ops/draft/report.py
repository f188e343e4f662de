"""Which figures report an outcome rather than set a target: the words of reviews and 通报.

Owns the wording that tells a reported figure (`已开工85个`, `同比增长16.3%`, `比上年增加1.6万亿元`,
`高于预期目标4.3个百分点`, `增幅全省排第7位`, `占年度投资计划50%`) from an aim (`力争`, `确保`, `目标`,
`年度投资计划304亿元`), at three reaches: words in a figure's own clause before it; words anywhere in
its sentence that make the whole sentence a report (`序时进度`, `完成率`, `同比`, `截至`), up to a
list of the targets behind (`…11项,为A、B、C`); and sections — a review (`工作回顾`, `工作总结`,
`过去一年`) where every figure reports unless its clause states an aim, and a progress 通报
(`完成情况`, `进展情况`) where a block opened by the time it reports on (`上半年,`, `1-6月,`,
`截至目前`) reports. Also the lines that announce such sections. Pure: offsets in, answers out.
"""

from __future__ import annotations

import re

REVIEW, PROGRESS, AIMS = "review", "progress", "aims"

# A line announcing a review of the past (工作回顾, 回顾上年工作成果, 上半年工作总结, 执行情况).
_REVIEW_HEAD = re.compile(r"回顾|工作成果|主要成绩|成绩单|执行情况|工作总结|过去一年|过去的一年|过去五年")
# A line announcing a 通报 of progress (完成情况, 进展情况, 推进情况, 开工情况).
_PROGRESS_HEAD = re.compile(r"完成情况|进展情况|推进情况|开工情况|建设情况|进度情况|运行情况")
# A line announcing what is to be done (目标, 展望, 计划, 任务, 安排): the end of a review.
_AIM_HEAD = re.compile(r"目标|展望|计划|任务|安排|预期|重点工作|工作重点|主要工作|今年")

# Words before a figure in its clause that make it a report.
_CLAUSE = re.compile(
    r"比上年|比去年|较上年|较去年|较上年同期|上年同期|环比|高出|排第|位居第|居全省第|居全市第|已|尚未|未开工|未达|"
    r"完成率为?$|开工率为|开工率$|到位率为|占年度|占全年|占年计划|占.{0,4}计划|序时|时序|累计完成|首次|实现了|完成了|"
    r"达到了|取得了|增加了|提高了|下降了|增长了|超计划|超额"
)
# Words anywhere in a sentence that make each of its figures a report, unless the figure's clause aims.
_SENTENCE = re.compile(
    r"序时进度|时序进度|完成率|比上年同期|截至|截止|目前|累计完成|已开工|未开工|督查通报|通报如下|"
    r"完成年度计划|完成年度投资计划|占年度投资计划|开工率为?\d|排第|位居第|居全省第|居全市第"
)
# Words that report unless the clause aims (确保…同比增长15%): 同比, 比上年同期.
_WEAK = re.compile(r"同比|比上年同期")
# Where a report lists the targets it is about (未达到序时进度11项,为A、B、C): its sentence words end.
_LISTING = re.compile(r"(?:项|个|宗|[,:])(?:目标任务|任务|指标)?为(?![主了止])[:,]?")
# The time a 通报 reports on, opening its block: 上半年, 1-6月, 今年以来, 截至目前.
_OPENER = re.compile(
    r"\s*(?:(?:上半年|一季度|前三季度|1\s*[-—至到~]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月(?:份)?(?:底|末)?)\s*[,:]|"
    r"今年以来|年初以来|截至|截止|目前)"
)
# The time a clause of a 通报 reports on, opening it: 1-5月完成投资4.28亿元.
_TIME_REPORTED = re.compile(r"\s*(?:上半年|一季度|前三季度|1\s*[-—至到~]\s*\d{1,2}\s*月(?:份)?|截至|今年以来)")
# Words of an aim in a figure's clause, before it: the figure sets a target even in a report.
_AIM = re.compile(r"力争|确保|争取|力促|力求|目标|预期|拟|要完成|要达到|要实现|不少于|不低于|预计[到至]")
# An aim named right before the figure (年度投资计划304亿元, 计划投资24.3亿元) or right after it (6%目标).
_AIM_BEFORE = re.compile(r"(?<!超)(?:计划|目标|目标任务)(?:投资|完成)?(?:额|值)?(?:为|是|达)?\s*$")
_AIM_AFTER = re.compile(r"\s*(?:的)?(?:目标|任务)")
# A figure that sets a scale reached in the past: 突破200亿元大关, 跃上1.4万亿斤新台阶.
_MILESTONE_AFTER = re.compile(r"\s*(?:大关|新台阶|新高|历史新高)")
_DIFFERENCE = re.compile(r"(?:高于|低于|高出|超出|超过|快于|慢于)[^,;]{0,12}$")


def section(head: str) -> str | None:
    """What a line announces: REVIEW, PROGRESS, AIMS (a review ends there), or None (nothing)."""
    if _REVIEW_HEAD.search(head):
        return REVIEW
    if _PROGRESS_HEAD.search(head):
        return PROGRESS
    if _AIM_HEAD.search(head):
        return AIMS
    return None


_PROGRESS_WORDS = re.compile(r"序时进度|时序进度|完成率|已开工|累计完成|截至|截止|占年度|完成年度计划")


def progress_document(norm: str) -> bool:
    """Whether the text as a whole reads as a 通报 of progress: its words in many sentences."""
    return len(_PROGRESS_WORDS.findall(norm, 0, min(len(norm), 20_000))) >= 3


class Sentence:
    """The report words of one sentence, found once, asked of each figure in it."""

    def __init__(self, norm: str, start: int, end: int, section_kind: str | None, opened: bool) -> None:
        self.norm = norm
        listing = _LISTING.search(norm, start, end)
        cue = _SENTENCE.search(norm, start, listing.start() if listing else end)
        self.reach = (listing.start() if listing else end) if cue else 0  # figures before it report
        self.listed = listing.end() if listing and cue else end  # figures after it name the targets reported on
        self.section = section_kind
        self.opened = opened  # its block opens with the time a 通报 reports on

    @property
    def reporting(self) -> bool:
        """Whether the sentence as a whole reports (its words, its section or its block's opening)."""
        return self.reach > 0 or self.section == REVIEW or (self.section == PROGRESS and self.opened)

    def reports(self, clause_start: int, figure_start: int, figure_end: int, unit: str, governed: bool) -> bool:
        """Whether the figure at figure_start..figure_end (its clause from clause_start) reports;
        `governed`: a 确保 or 力争 earlier in its sentence governs it."""
        norm = self.norm
        before = norm[clause_start:figure_start]
        if unit in ("个百分点", "百分点") and _DIFFERENCE.search(before) and "提" not in before and not governed:
            return True  # 高于预期目标4.3个百分点: how far a figure ran ahead
        if _aims(norm, before, figure_end):
            return False
        if _WEAK.search(before) and not governed and not _AIM.search(before):
            return True
        if _CLAUSE.search(before) or _MILESTONE_AFTER.match(norm, figure_end):
            return True
        if governed or figure_start >= self.listed:
            return False
        if figure_start < self.reach:
            return True
        if self.section == REVIEW:
            return True
        return self.section == PROGRESS and (self.opened or _TIME_REPORTED.match(before) is not None)


def _aims(norm: str, before: str, figure_end: int) -> bool:
    aims = list(_AIM.finditer(before))
    if aims and not _CLAUSE.search(before, aims[-1].end()):
        return True
    return bool(_AIM_BEFORE.search(before) and not re.search(r"占|完成年度|的$", before)) or bool(
        _AIM_AFTER.match(norm, figure_end)
    )


def opens(norm: str, block_start: int, block_end: int) -> bool:
    """Whether the block at block_start opens with the time a 通报 reports on (上半年, 1-6月 …)."""
    return _OPENER.match(norm, block_start, block_end) is not None
