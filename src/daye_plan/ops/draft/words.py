"""The wording table of published plans: the words that say how a figure is meant.

Owns the vocabularies the classifier reads — comparator words before and after a figure
(不少于 … 以上, 压减至 … 以内, 左右), the levels 确保 and 力争, the words that open a name
but are not part of it (全市, 完成, 2024年 …), the verbs after which a name follows the figure
(打造15个美丽乡村示范村), the names that only make sense with the indicator before them
(占比, 总数, 增长率), and the words that mark a kind (率 and 占比 are levels). Data only:
plans/README.md is the human side of the same table.
"""

from __future__ import annotations

import re

AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN, ABOUT = ">=", ">", "<=", "<", "~"

LEVELS = ("确保", "力争")

# After the figure (and its unit): the last word of the figure's phrase.
AFTER: dict[str, str] = {
    "及以上": AT_LEAST,
    "以上": AT_LEAST,
    "以内": AT_MOST,
    "之内": AT_MOST,
    "以下": AT_MOST,
    "左右": ABOUT,
    "上下": ABOUT,
}

# Before the figure: (comparator, how it was read — None where the word says it plainly).
BEFORE: dict[str, tuple[str, str | None]] = {
    "不少于": (AT_LEAST, None),
    "不低于": (AT_LEAST, None),
    "不小于": (AT_LEAST, None),
    "至少": (AT_LEAST, None),
    "达到": (AT_LEAST, None),
    "拓展至": (AT_LEAST, None),
    "拓展到": (AT_LEAST, None),
    "扩大至": (AT_LEAST, None),
    "扩大到": (AT_LEAST, None),
    "提高到": (AT_LEAST, None),
    "提高至": (AT_LEAST, None),
    "提升至": (AT_LEAST, None),
    "提升到": (AT_LEAST, None),
    "增加到": (AT_LEAST, None),
    "增加至": (AT_LEAST, None),
    "达": (AT_LEAST, "达 read as 达到 (>=)."),
    "稳定在": (AT_LEAST, "稳定在 read as a floor (>=), not ~."),
    "保持在": (AT_LEAST, "保持在 read as a floor (>=), not ~."),
    "超过": (MORE_THAN, None),
    "大于": (MORE_THAN, None),
    "高于": (MORE_THAN, None),
    "多于": (MORE_THAN, None),
    "突破": (MORE_THAN, "突破 read as > (more than)."),
    "不超过": (AT_MOST, None),
    "不高于": (AT_MOST, None),
    "不多于": (AT_MOST, None),
    "不大于": (AT_MOST, None),
    "压减至": (AT_MOST, None),
    "压减到": (AT_MOST, None),
    "压缩至": (AT_MOST, None),
    "压缩到": (AT_MOST, None),
    "减少到": (AT_MOST, None),
    "减少至": (AT_MOST, None),
    "降至": (AT_MOST, None),
    "降到": (AT_MOST, None),
    "下降到": (AT_MOST, None),
    "控制在": (AT_MOST, None),
    "低于": (LESS_THAN, None),
    "少于": (LESS_THAN, None),
    "小于": (LESS_THAN, None),
}
BEFORE_WORDS = sorted(BEFORE, key=len, reverse=True)
BARE_NOTE = "bare figure read as a goal to reach (>=)."

# Words that set a point-in-time figure rather than a flow (kind `level`).
LEVEL_SETTING = (
    "拓展至",
    "拓展到",
    "压减至",
    "压减到",
    "压缩至",
    "压缩到",
    "降至",
    "降到",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "控制在",
)
LEVEL_NAMES = (
    "率",
    "比重",
    "占比",
    "比例",
    "余额",
    "总数",
    "数量",
    "面积",
    "储备",
    "指数",
    "排名",
    "覆盖率",
    "满意度",
    "密度",
    "保有量",
    "存量",
    "涨幅",
)
LEVEL_ENDINGS = ("存栏", "存栏量")  # a stock at a point in time: 生猪存栏
FLOW_NAMES = ("新增", "净增", "累计", "新建", "新发展", "新引进")
GROWTH_NAMES = ("增长", "增幅", "增速", "涨幅", "提高", "下降", "降低", "同比")

# Names that stand for a measure of the indicator named before them: 工业项目 … (占比不低于75%).
GENERIC_NAMES = frozenset(
    {
        "占比",
        "比重",
        "总数",
        "总量",
        "总投资",
        "总投资额",
        "计划总投资",
        "计划总投资额",
        "增长率",
        "增幅",
        "增速",
        "增长",
        "同比增长",
        "规模",
    }
)
SHARE_NAMES = ("占比", "比重", "比例")

# Opening words of a phrase that are not part of the indicator's name (stripped repeatedly).
_LEAD_IN = (
    "确保", "力争", "底线目标", "奋斗目标", "其中", "包括", "主要为", "主要是", "分别", "同时", "并", "和", "及", "且",
    "全市", "全县", "全区", "全省", "全州", "全镇", "我市", "我县", "我区", "我省", "本市", "本县",
    "全年", "今年", "年内", "年底前", "年底", "年末", "每月", "每个月", "每季度", "每年",
    "完成", "实现", "累计", "共计", "共", "计划", "争取", "预计", "力求", "全面", "至少",
)  # fmt: skip
LEAD_IN = re.compile(
    r"(?:" + "|".join(sorted(_LEAD_IN, key=len, reverse=True)) + r"|(?:到|至)?\d{4}年(?:底|末)?(?:前)?|[\s,:;、]+)"
)

# Closing words of a name: comparators and linking words before the figure.
_TAIL = (
    *BEFORE_WORDS,
    *LEVELS,
    "底线目标",
    "奋斗目标",
    "完成",
    "实现",
    "为",
    "是",
    "在",
    "到",
    "至",
    "了",
    "要",
    "的",
    "和",
    "及",
    "共",
)
TAIL_WORDS = tuple(sorted(_TAIL, key=len, reverse=True))

# Verbs after which the name follows the figure: 打造15个美丽乡村示范村, 举办2期培训班.
VERBS = (
    "打造", "举办", "开展", "组织", "推荐", "选树", "启动", "建设", "新建", "建成", "创建", "培育", "引进",
    "招引", "实施", "明确", "加快", "推进", "争创", "成功", "申报", "认定", "覆盖", "完成", "实现", "新增",
    "改造", "设立", "建立", "命名", "评选", "发展", "招聘", "培训", "储备", "举行", "召开", "城区", "推动",
    "再", "开工", "新开工", "安排", "竣工", "投产", "开通", "落实",
)  # fmt: skip
ONLY_VERBS = re.compile(r"(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + r")*")

# A rate shared by names listed before it (业委会、物业服务覆盖率100%): one target per name.
SHARED_MEASURE = re.compile(r"(?:覆盖率|普及率|达标率|完成率|参与率|满意度|增速|增幅|占比|比重)$")

# A phrase opening with these sets the scene (聚焦我市10条重点产业链): its figures are no targets.
CONTEXT_VERBS = ("聚焦", "围绕", "依托", "按照", "根据", "依据", "针对", "对照", "立足", "瞄准", "对标")

# A percent of targets or indicators (完成各项指标年度总目标的30%以上) is a progress rule, not a target.
PROGRESS_RULE = re.compile(r"(?:指标|目标的|任务的|计划的)")

# Verbs before a rank (进入全国四十八强): without one, N强 names a club (千亿县市、五十强) in passing.
RANK_VERBS = ("进入", "跻身", "位居", "迈入", "挺进", "稳居", "保持", "晋级", "入围", "争创", "冲刺", "前")

DEPARTMENT_END = re.compile(
    r"(?:委|局|办|部|厅|署|会|院|府|政府|中心|公司|行|室|组|队|所|社|部门|单位|集团|区|县|市|镇|街道)$"
)
