"""Every Chinese word the outputs print: column headers, light and kind names, fixed phrases, report headings.

Owns the wording of tables, reports and fill-in sheets in one place, keyed by stable English
names, so that a message catalog (or a second language) replaces this module and nothing else.
Phrases with blanks are `str.format` templates with named fields. Holds text only: no layout, no
logic, no imports beyond the standard library.
"""

from __future__ import annotations

# --- column headers, by the column's stable key ------------------------------------------------

HEADERS = {
    "action": "行动",
    "indicator": "指标",
    "period": "期间",
    "target": "目标",
    "level": "要求",
    "kind": "类型",
    "direction": "方向",
    "quote": "原文",
    "actual": "实际",
    "as_of": "截至",
    "attainment": "完成率",
    "expected": "序时",
    "gap": "差距",
    "bar": "进度",
    "light": "灯",
    "stretch": "力争",
    "projected": "预计全年",
    "needed_per_month": "每月需完成",
    "projected_met": "预计能否完成",
    "lead": "牵头单位",
    "trend": "趋势",
    "before": "上期",
    "now": "本期",
    "figure_change": "增减",
    "attainment_change": "完成率变化",
    "light_change": "灯色",
    "total": "合计",
    "average": "累计指标平均完成率",
    "line": "行",
    "value": "数值",
    "replaces": "取代",
    "entered": "录入",
    "source": "来源",
    "note": "备注",
    "by": "录入人",
    "at": "时间",
    "state": "状态",
    "flags": "标记",
    "commit": "提交",
    "change": "变动",
    "old_target": "原目标",
    "new_target": "新目标",
    "old_quote": "原文（原）",
    "new_quote": "原文（新）",
    "number": "序号",
    "targets": "目标数",
    "met": "已达标",
    "shares": "灯色分布",
    "remark": "牵头单位/备注",
    "task": "任务",
    "latest": "最新数据日期",
    "records": "有效记录",
    "remarks": "说明",
    "citations": "引用记录",
    "actions": "涉及行动",
    "rank": "位次",
    "on_schedule": "达到序时",
    "on_schedule_share": "达序时占比",
    "lead_over_schedule": "较序时",
    "average_expected": "平均序时",
    "rank_change": "较上期",
    "on_time": "按期完成",
    "late_met": "逾期完成",
    "short": "未完成",
    "missing": "未报送",
    "pending": "未到报送期",
    "as_of_date": "截至日期",
}

# --- lights, kinds, changes, record states -----------------------------------------------------

LIGHT_LABELS = {"green": "绿", "yellow": "黄", "red": "红", "grey": "无数据"}
LIGHT_ICONS = {"green": "🟢", "yellow": "🟡", "red": "🔴", "grey": "⚪"}  # Markdown, where colour is not drawn
KIND_LABELS = {"cumulative": "累计", "level": "时点", "milestone": "任务"}
# Higher- or lower-is-better, as 考核 indicator systems name them: 正向 and 逆向 indicators.
DIRECTION_LABELS = {"up": "正向", "down": "逆向"}
CHANGE_LABELS = {"added": "新增", "removed": "删除", "changed": "调整"}
# A changed target's departments and 报送频次, after its requirement: `≥ 135 个；牵头单位：市招商服务中心`.
DUTY_LABELS = {"lead": "牵头单位", "partners": "责任单位", "cadence": "报送频次"}
DUTY_FACT = "{label}：{value}"
PER_MONTH_SUFFIX = "/月"  # a target set per month, after its figure: `≥ 2 次/月`
STRETCH = "力争"  # the level of a stretch target, written before its requirement
TOTAL = "合计"  # the plan-wide row of a roll-up
SUPERSEDED = "已被取代"
IN_FORCE = "有效"
NOT_COMMITTED = "未提交"
SHALLOW_ORIGIN = "{commit} 或更早（浅克隆）"  # a shallow clone's oldest commit: the record was added there or before
SHALLOW_NOTE = (
    "注意：这是浅克隆（git clone --depth），{count} 条记录由 {commit} 或更早的提交加入，无法确定是哪一个；"
    "git fetch --unshallow 取回全部历史后可查"
)
# Plausibility checks by their stable names (`confirmed:<check>` marks), and how a confirmation shows.
CHECK_LABELS = {
    "fraction-for-percent": "小数百分比",
    "cumulative-fell": "累计数下降",
    "magnitude": "单位量级",
    "fractional-count": "非整数",
    "wrong-sign": "降幅为负",
    "jump": "大幅波动",
    "revert": "恢复已更正的数据",
}
CONFIRMED_STATE = "{state} · 已确认：{checks}"
# Status flags (`flags` in JSON) as short marks; `late` reads by whether the target is met by now.
FLAG_LABELS = {"late": "逾期未完成", "stale": "数据过期", "missing": "未报送", "confirmed": "已确认"}
LATE_MET = "逾期完成"
LATE_REPORTED = "逾期报送"  # a count of late targets, met or not
FLAG_SEPARATOR = " · "
# `status --missing`: what has not been reported, per action and per 牵头单位
OVERDUE_HEADERS = {
    "action": "行动",
    "indicator": "指标",
    "lead": "牵头单位",
    "state": "状态",
    "latest": "最新数据",
    "due": "应报截至",
    "periods": "涉及期间",
    "indicators": "指标",
}
OVERDUE_TITLE = "{region} · 未报送及过期数据 · 截至 {on}"
OVERDUE_BY_LEAD = "按牵头单位"
NOTHING_OVERDUE = "没有未报送或过期的数据"

# --- cells -------------------------------------------------------------------------------------

DONE = "完成"  # a milestone's requirement, and a milestone reported done
NOT_DONE = "未完成"
PER_MONTH = "（每月 {value}）"
RANGE_TOP = "（至 {high}）"  # the top of a range target (增长8%-10%), judged on its floor
POINTS = "个百分点"  # the unit of a gap between two percents
ABOUT = "约"  # before a projected count rounded to a whole number: 约147个
NOT_REPORTED = "未报送"
TICKED = "☑ 已完成"
UNTICKED = "☐ 未完成"
BEHIND_SCHEDULE = "较序时"  # a cumulative target's gap: 完成率 − 序时进度
BEHIND_TARGET = "较目标"  # any other target's gap: actual − target
LEAD = "牵头：{lead}"
COMPUTED_FROM = "由{names}计算"
FROM_SOURCE = "来源：{source}"
NO_SOURCE = "（未注明来源）"
LIST_SEPARATOR = "、"
NAME_SEPARATOR = "；"  # between names that may themselves contain 、 (一业一证、一码通办)
DATE = "{year}年{month}月{day}日"
DIGITS = "零一二三四五六七八九"
TEN = "十"

# --- command screens ---------------------------------------------------------------------------

STATUS_HEADING = "{region} · {title} · 截至 {on} · 序时进度 {shares}"
ACTION_TITLE = "{title} · {theme}"
ROLLUP_TITLE = "汇总 · {period}（确保/一般目标）"
HISTORY_TITLE = "{title} · 录入记录"
DRY_RUN_TITLE = "试导入 · {source}"
NO_TARGETS = "没有符合条件的目标"
NOTHING_BEHIND = "没有滞后的目标"
NO_RECORDS = "没有录入记录"

# --- the report --------------------------------------------------------------------------------

REPORT_TITLE = "《{title}》{subtitle}"
REPORT_SUBTITLE = "{period}目标进展报告"
FACT_REGION = "地区"
FACT_PLAN = "方案"
FACT_PERIOD = "期间"
FACT_ON = "截至"
PLAN_VERSION = "{title}（版本 {version}{issued}）"
PLAN_ISSUED = "，{date} 印发"
PERIOD_SPAN = "{label}（{start} 至 {end}）"
ON_ELAPSED = "{date}（时间进度 {elapsed}）"

NO_DATA = "（一）暂无数据的目标"
FRESHNESS = "（二）各行动最新数据"
SOURCES = "（三）数据来源"
METHOD = "（四）口径说明"
SECTION = "（{ordinal}）{title}"
MILESTONES = "重点任务"

ROLLUP_HINT = "仅计确保及一般目标；平均完成率为有数据的累计指标完成率的平均值。"
LAGGING_HINT = "红灯在前，同色按预计到期末离目标的差距排列（累计指标按目前进度推算，其余按现值）；累计指标的差距为完成率与序时进度之差，其余为实际与目标之差。"
BAR_HINT = "进度条：色条为完成率（颜色同灯色，超过100%按100%画），黑色竖线为序时进度。"
NONE_LAGGING = "没有红灯或黄灯目标。"
NO_TARGETS_THIS_PERIOD = "本期无目标。"
ALL_HAVE_DATA = "所有目标均已有数据。"
NO_RECORDS_THIS_PERIOD = "本期尚无数据记录。"
NO_DATA_YET = "尚无数据"
LATER_RECORDS = "另有{later}条记录晚于截至日期，未计入"
COUNT = "{count}项"
ATTAINMENT_LABEL = "完成率 {attainment}"
EXPECTED_LABEL = "，序时 {expected}"

SUMMARY_TEXT = (
    "截至{date}，{period}时间已过{elapsed}（序时进度）。"
    "纳入汇总的{period}确保及一般目标共{total}项：已达标{met}项，"
    "符合序时进度{on_schedule}项，滞后{behind}项（黄灯{yellow}项、"
    "红灯{red}项），暂无数据{grey}项"
)
SUMMARY_STRETCHES = "；另有力争目标{stretches}项单独列示，不计入汇总。"
SUMMARY_END = "。"
SUMMARY_BY_ACTION = "分行动看，{parts}。"
SUMMARY_FLAGS = "报送方面，{parts}。"
SUMMARY_FLAG = "{flag}{count}项"
DATE_MARKED = "{day}（{marks}）"  # the date of a figure with its marks: 06-30（逾期完成）
PHRASE_SEPARATOR = "；"
ONLY_STRETCHES = "仅有力争目标{stretches}项"
TALLY_MET = "已达标{count}项"
TALLY_ON_SCHEDULE = "符合序时{count}项"
TALLY_BEHIND = "滞后{count}项"
TALLY_RED = "（红灯{count}项）"
TALLY_GREY = "暂无数据{count}项"

LIGHT_RULE_RATIO = "累计指标完成率低于序时进度的{yellow}%为黄灯、低于{red}%为红灯"
LIGHT_RULE_POINTS = "累计指标完成率落后序时进度超过{yellow}个百分点为黄灯、超过{red}个百分点为红灯"
METHOD_NOTES = (
    "完成率 = 实际 ÷ 目标 × 100%（“以内”“压减至”等上限类目标为 目标 ÷ 实际 × 100%）；累计指标为年初至截至日的累计数；"
    "增速等按百分点衡量的指标不计完成率，列示高于（+）或低于（−）目标的百分点数。",
    "序时进度为截至日已过天数占期间天数的比例，只用于累计指标；时点指标和重点任务以是否达到目标判断。",
    "灯色：达标为绿灯；{rule}；时点指标、重点任务未达标为黄灯；期间结束仍未达标为红灯；未报送数据为灰色（无数据）。",
    "汇总只计确保及一般目标，力争目标与其确保目标并列显示，未达到不视为未完成；滞后指标清单包括力争目标。",
)

# --- office files (Excel status, Word report) -------------------------------------------------

SUMMARY_SHEET = "汇总"  # the first sheet of the Excel status: the heading and the roll-up
PAGE_NUMBER = "第 {page} 页，共 {pages} 页"  # a printed page's footer; each format fills in its own fields

# --- fill-in sheets ----------------------------------------------------------------------------

SHEET_BOOK_TITLE = "{title} · 填报表"
SHEET_DEFAULT_DATE_HINT = "截至日期一栏留空时取此日期"
SHEET_HOW_TO = (
    "在浅黄色单元格填报；同一指标只在第一行填；累计指标填年初至截至日期的累计数；"
    "数值可写 3,500 或 350亿元，任务填“完成”；不要写公式、不要合并单元格。详见“说明”表。"
)
SHEET_PICK_TITLE = "请从列表中选择"
SHEET_PICK_OPTIONS = "可选：{options}"
GUIDE_TITLE = "{region} · {title}"
GUIDE_SUBTITLE = "数据填报表 · {default_as_of} {on} · 方案版本 {version}"
GUIDE_METHOD = "填报方法"
GUIDE_STEPS = (
    "1. 每个行动一张表，表名即行动名称。左侧各列（指标ID至最新截至）是方案内容，已锁定，请勿修改。",
    "2. 只在浅黄色单元格填报：填报数值、填报单位、截至日期、来源、备注、确认。没有数据的行留空即可，导入时跳过。",
    "3. 一个指标有多个目标（{several}）时只在第一行填报；灰色行不填（公式计算的指标也是灰色）。",
    "4. 累计指标填年初至截至日期的累计数（如1—3月累计）；时点指标填截至日期的数值；任务类填“完成”或“未完成”。",
    "5. 数值可带千分位（3,500）或单位（350亿元）；单位从下拉列表选择，万元、亿元等会自动换算为指标单位。",
    "6. 截至日期可写 {iso}、{dotted} 或 {chinese}；留空时取各表第2行的{default_as_of}。",
    "7. 不要输入公式、不要合并单元格、不要改动表名和表头：这样的表会被整表拒绝，不会部分导入。",
    "8. 交回后由分析员导入：daye-plan import 文件名 --dry-run 检查，再加 --commit 入库并提交。",
    "   有任何一行不合格时整表不导入，并逐行列出问题（文件:表:行: 说明）；同一文件重复导入不会重复记录。",
    "9. 数值像是笔误时（百分数填成了小数、累计数填成了当月数、万元与亿元弄混、个数带小数等）整表不导入，"
    "并逐行说明；核实无误后在该行“确认”列选“是”再交回，确认随记录保存。",
)
GUIDE_SEVERAL = "{periods}、确保/力争"  # what makes several targets of one indicator
GUIDE_LEVELS = "确保/力争"
PERIOD_SEPARATOR = "/"
DOTTED_DATE = "{year}.{month}.{day}"
GUIDE_SHEETS = "各表内容"
GUIDE_SHEET_LINE = "{sheet}：{title}，{targets} 个目标，{fill} 个指标待填报"

# --- the monthly 通报: outlook, trends, 较上期, departments, half-year wording -------------------

PROJECTED_AT_END = "预计期末"  # 预计全年's header where the report's period is not the year
PROJECTED_MET = {True: "可完成", False: "难完成"}
DONE_ALREADY = "已完成"
SEASONAL_MARK = "*"  # after a projection made from last year's shape
NO_LEAD = "未明确牵头单位"
LEAD_TITLE = "{lead} · 牵头指标"
BY_LEAD_ROLLUP_TITLE = "分部门汇总 · {period}（确保/一般目标）"
LIGHT_TURN = "{before}→{now}"
PROJECTION_HINT = "预计全年按序时进度线性推算（截至日实际 ÷ 序时进度）；标 * 者按上年同期走势推算；每月需完成 = （目标 − 实际）÷ 剩余整月数。"
TREND_CAPTION = "趋势 · {indicator}"
TREND_HINT = "趋势图：实线为各截至日实际数，灰色虚线为序时进度线，红色虚线为目标值；横轴为月份。"
TREND_LABEL = "趋势：{indicator}，{points}"
TREND_POINT = "{month}月{day}日 {value}"
TREND_LONG = "{first} … {last}（共{count}个截至日）"
TREND_TARGET = "目标 {target}"
MONTH_NUMBER = "{month}"  # a month on a chart's axis, where 月 would not fit
CHART_TITLE = "{indicator} · {period}趋势（{unit}）"
CHART_LEGEND_SCHEDULE = "  · 序时进度线"
CHART_LEGEND = "● 实际" + CHART_LEGEND_SCHEDULE + "  ─ 目标 {target}"
CHART_TOO_FEW = "{indicator}：{period}内只有{count}个截至日的数据，至少两个才能画出趋势。"
CHART_NO_FIGURES = "{indicator}是任务类指标，没有可画的数值。"

# The report's parts, numbered in order as a report has them (`Report.parts`): 较上期 and 分部门汇总
# only where they apply, so the numbers follow.
PART_HEADING = "{ordinal}、{title}"
PARTS = {
    "summary": "总体情况",
    "since": "较上期变化",
    "rollup": "分行动汇总",
    "departments": "分部门汇总",
    "ranking": "排名情况",
    "checkpoints": "{periods}目标完成情况",
    "lagging": "滞后指标清单",
    "actions": "分行动进展",
    "notes": "数据说明",
}
PART_NAMES = {6: "上半年", 9: "前三季度"}  # a year-long period judged at its 6th / 9th month's end
PART_END = {"上半年": "（上半年末）", "前三季度": "（前三季度末）"}
REPORT_SUBTITLE_PART = "{period}目标{part}进展报告"
REPORT_LEAD = "（牵头单位：{lead}）"
HALFWAY_TEXT = "时间过半，累计指标（确保及一般目标）{total}项中，完成率达到50%、实现“双过半”的{past}项"
HALFWAY_SHORT = "；未实现“双过半”的{count}项：{names}"
HALFWAY_SHORT_ITEM = "{indicator}（{attainment}）"
SINCE_OPENING = "与上期（{date}）相比："
SINCE_TURNED = "{turn}{count}项（{names}）"
SINCE_FIRST = "首次报送数据{count}项"
SINCE_REST = "，其余目标灯色未变。"
SINCE_UNCHANGED = "各目标灯色均未变化。"
SINCE_NAME = "{action}·{indicator}"
SINCE_HINT = "本期与上期均按现有记录计算（上期数据如有更正，按更正后的数计）；仅列确保及一般目标。"
TURN_WORDS: dict[str | tuple[str, str], str] = {
    "green": "转绿",
    ("green", "yellow"): "由绿转黄",
    ("red", "yellow"): "由红转黄",
    "red": "转红",
}
MONTH = "{month}月"
TREND_FIGURES = "趋势（各月末实际数）"

# --- the 责任分工 sheet (assign) --------------------------------------------------------------

DUTIES_TITLE = "{title} · 责任分工"
DUTIES_HOW_TO = (
    "只改浅黄色单元格：牵头单位填一个单位；责任单位可填多个，用“、”隔开；报送频次从下拉列表选（{choices}）。"
    "灰色斜体是沿用行动或方案的设置，改动后只对该行指标生效；留空的单元格保持方案原样。"
    "行动、指标ID、指标已锁定，勿改；不要写公式、不要隐藏或筛选行。"
)
DUTY_CHANGE = "{action} · {indicator}：{field} {old} → {new}"

# --- 排名, checkpoints, the bar charts ------------------------------------------------------------

RANK_UP = "↑{places}"
RANK_DOWN = "↓{places}"
RANK_SAME = "—"
RANK_NEW = "新"  # ranked now, not at the earlier date
UNRANKED = "—"  # no figure yet: no place
RANKING_HINT = (
    "排名规则：按达到序时进度（已达标或完成率不低于序时进度，即绿灯）的确保及一般目标占比从高到低排列；"
    "占比相同的，按累计指标完成率超出序时进度的平均百分点数排列；仍相同的并列。尚无数据的不排名，列于最后。"
    "较上期为与上期（{date}）相比位次的升降。"
)
RANKING_HINT_PLAIN = (
    "排名规则：按达到序时进度（已达标或完成率不低于序时进度，即绿灯）的确保及一般目标占比从高到低排列；"
    "占比相同的，按累计指标完成率超出序时进度的平均百分点数排列；仍相同的并列。尚无数据的不排名，列于最后。"
)
RANKING_ACTIONS = "分行动排名"
RANKING_DEPARTMENTS = "分牵头单位排名"
CHART_ACTIONS = "各行动累计指标平均完成率与序时进度"
CHART_DEPARTMENTS = "各牵头单位累计指标平均完成率与序时进度"
CHART_ATTAINMENT = "平均完成率"
CHART_EXPECTED = "序时进度"
CHECKPOINT_TEXT = (
    "{period}目标（{end}到期，确保及一般目标）共{total}项：按期完成{on_time}项，逾期完成{late}项，"
    "未完成{short}项，未报送{missing}项"
)
CHECKPOINT_PENDING = "，尚未到报送期{pending}项"
CHECKPOINT_NAMED = "。其中未完成的：{names}"
CHECKPOINT_HINT = "阶段目标按到期日判断：到期日前（含当日）的最新数据达标为按期完成；到期后才报送的按到期后第一个数据判断，达标为逾期完成；到期后仍无数据为未报送。"
CHART_NAME = "图表 {number}"  # a chart's name in the Word file (its alternative text)

# --- the 通报 (report --format docx), in 公文 form ------------------------------------------------

BULLETIN_TITLE = "关于{subject}{span}推进情况的通报"
BULLETIN_SPANS = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}  # a year-long period at a month's end
BULLETIN_MONTHS = "1—{month}月"  # other month ends: 1—5月
BULLETIN_FIRST_MONTH = "1月"
BULLETIN_TO_DATE = "截至{date}"  # a date that closes no month
BULLETIN_OPENING = "为推动《{title}》确定的各项目标任务落地见效，现将{span}推进情况通报如下："
BULLETIN_PARTS = ("总体情况", "分项进展", "存在问题", "下步工作要求")
BULLETIN_PART = "{ordinal}、{title}"
BULLETIN_SECTION = "（{ordinal}）{title}。"
BULLETIN_ACTION = "纳入汇总的目标{total}项，{tally}"
BULLETIN_ACTION_ONLY_STRETCHES = "本期仅有力争目标{stretches}项"
BULLETIN_ACTION_AVERAGE = "；累计指标平均完成率{attainment}，{versus}"
BULLETIN_AHEAD = "超序时进度{points}个百分点"
BULLETIN_BEHIND = "低于序时进度{points}个百分点"
BULLETIN_EVEN = "与序时进度持平"
BULLETIN_ACTION_RANK = "，排第{rank}位"
BULLETIN_RANK_MOVED = "（较上期{change}）"
BULLETIN_ACTION_LAGGING = "。滞后的有：{names}"
BULLETIN_RANKS = "从排名看，各行动依次为：{ranked}"
BULLETIN_RANKS_DEPARTMENTS = "；各牵头单位依次为：{ranked}"
BULLETIN_RANK_ITEM = "{name}（第{rank}位{change}）"
BULLETIN_RANK_CHANGE = "，较上期{change}"
BULLETIN_UNRANKED = "；{names}暂无数据，未排名"
BULLETIN_RANKS_END = "（排名规则及明细见附件{number}）。"
BULLETIN_PROBLEMS_NONE = "截至{date}，没有滞后的目标。"
BULLETIN_PROBLEMS_OPENING = (
    "截至{date}，滞后目标{count}项（红灯{red}项、黄灯{yellow}项），涉及{groups}个单位，具体如下："
)
BULLETIN_DEPARTMENT = "牵头的目标中滞后{count}项："
BULLETIN_FIGURE = "{indicator}{actual}"
BULLETIN_CUMULATIVE = "，完成率{attainment}，{versus}"
BULLETIN_LEVEL = "，目标{target}，差距{gap}"
BULLETIN_RATE = "，{versus_target}"
BULLETIN_ABOVE_TARGET = "高于目标{points}个百分点"
BULLETIN_BELOW_TARGET = "低于目标（{target}）{points}个百分点"
BULLETIN_OUTLOOK = "，按目前进度预计{end}{projected}，{verdict}"
BULLETIN_OUTLOOK_MET = "可以完成目标"
BULLETIN_OUTLOOK_SHORT = "难以完成目标"
BULLETIN_NEEDED = "（今后每月需完成{needed}）"
BULLETIN_TASK_OPEN = "{indicator}尚未完成"
BULLETIN_NOT_REPORTED = "{indicator}应报未报"
BULLETIN_LATE = "数据报送不及时"
BULLETIN_MISSING = "截至{date}，应报未报的目标{count}项：{parts}。"
BULLETIN_MISSING_PART = "{lead}{count}项"
BULLETIN_PLACEHOLDER = "【请在此填写下步工作要求：针对上述问题，对各牵头单位提出整改措施、完成时限和责任要求。】"
BULLETIN_ATTACHMENTS = ("各行动目标推进情况表", "滞后指标清单", "排名情况")
BULLETIN_ATTACHMENT_LINE = "{number}. {title}"
BULLETIN_ATTACHMENT = "附件："
BULLETIN_ATTACHMENT_MARK = "附件{number}"
BULLETIN_CHART = "图{number}　{title}"
BULLETIN_ISSUER_BLANK = "××××××"  # 发文机关 to fill
BULLETIN_NUMBER_BLANK = "××〔{year}〕××号"  # 文号 to fill
BULLETIN_TO_BLANK = "××××××"  # 主送 to fill
BULLETIN_TO = "{to}："
BULLETIN_PAGE = "— {page} —"
# --- the Excel 台账 (status --format xlsx) ----------------------------------------------------------

LEDGER_SHEETS = {"lagging": "滞后清单", "ranking": "分部门", "since": "较上期"}
LEDGER_LAGGING = "滞后清单（红灯、黄灯目标，红灯在前）"
LEDGER_TITLE = "{title} · {period}"
LEDGER_SINCE = "较上期：{date} → {on}（仅列两期均有数据的确保及一般目标）"
LEDGER_NO_EARLIER = "没有更早的数据，无法与上期比较。"
# --- the overview of several regions (overview) ----------------------------------------------------

OVERVIEW_TITLE = "{year}年各地区共同指标对比（截至{on}）"
OVERVIEW_MEASURE = "共同指标"
OVERVIEW_CODE = "代码"
OVERVIEW_REGION = "地区"
OVERVIEW_RANK = "位次"
OVERVIEW_IN_REGION = "{region} {header}"  # a column of one region's group: `某县 目标`
OVERVIEW_NONE_COMMON = "没有两个以上地区共有的共同指标：给各地的指标标注相同的 code（daye-plan measures 列出目录）。"
OVERVIEW_UNCODED = "无共同指标代码，未对比"
OVERVIEW_ALONE = "其他地区无此指标"
OVERVIEW_APART = "{region}：{parts}（明细见 --format xlsx）"
OVERVIEW_APART_UNCODED = "{count}项指标无共同指标代码，未对比"
OVERVIEW_APART_ALONE = "其他地区没有的共同指标：{names}"
OVERVIEW_APART_JOIN = "；"
OVERVIEW_SHEETS = {"lines": "对比", "apart": "未对比"}
CATALOGUE_TITLE = "共同指标目录"
CATALOGUE_ALIASES = "又称"
CATALOGUE_UNIT = "单位"
