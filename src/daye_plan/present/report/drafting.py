"""The 通报's words: what a 督查室 writes to the county's leaders, drafted from the report's facts.

Owns the text of the 通报 (`report --format docx`) — its title (`关于…上半年推进情况的通报`, the
span named by the date alone: 一季度, 上半年, 1—5月 …), the opening sentence, 一、总体情况 (the
summary, 双过半, the checkpoints that fell due, 较上期, the places), 二、分项进展 (one short paragraph
per action: its counts, its 完成率 against 序时, its place, what lags), 三、存在问题 (each department
with lagging targets: each target's figure, 完成率, points behind 序时, 预计全年 and whether it can
still be met; then what was never reported) and the marked blank of 四、下步工作要求. Every verdict
is the judge's (through `Report`); figures are written by the same `Figure` cells as every format.
Pure: no layout (`bulletin` sets it in 公文 form), never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from daye_plan.model.numbers import half_up, percent
from daye_plan.ops.progress import Light, Progress
from daye_plan.ops.ranking import Standing
from daye_plan.ops.reporting import MISSING
from daye_plan.present import labels
from daye_plan.present import outlook as outlooks
from daye_plan.present.figures import chinese_date, chinese_ordinal, target_requirement
from daye_plan.present.report.model import Report, Tally, listed_name, tally_phrase
from daye_plan.present.report.standings import ListedName, checkpoint_text, rank_change
from daye_plan.present.report.tables import actual_cell
from daye_plan.present.table import text_of


class Said(NamedTuple):
    """A paragraph: its run-in heading (`（一）招商引资行动。`, set in 楷体) if any, then its text."""

    heading: str
    text: str


def span(report: Report) -> str:
    """The part of the year the 通报 covers: 一季度, 上半年, 前三季度, 全年, 1—5月; a shorter
    period by its own name; a date that closes no month as `截至6月15日`."""
    period, on = report.period, report.on
    if period.months != 12:
        return period.label
    if (on + dt.timedelta(days=1)).day != 1 or not period.start <= on <= period.end:
        return labels.BULLETIN_TO_DATE.format(date=f"{on.month}月{on.day}日")
    month = (on.year - period.start.year) * 12 + on.month - period.start.month + 1
    if month in labels.BULLETIN_SPANS:
        return labels.BULLETIN_SPANS[month]
    return labels.BULLETIN_FIRST_MONTH if month == 1 else labels.BULLETIN_MONTHS.format(month=month)


def subject(report: Report, named: str | None) -> str:
    """The plan as the title names it: `named` (plan.yaml's `bulletin.subject`), else the plan's
    title without its closing 方案 (the actions, not the document), the region before it where the
    title does not start with it."""
    meta = report.plan.meta
    title = named or meta.title
    for ending in () if named else ("实施方案", "工作方案", "方案"):
        if title.endswith(ending) and len(title) > len(ending):
            title = title[: -len(ending)]
            break
    return title if title.startswith(meta.region) else meta.region + title


def title(report: Report, named: str | None = None) -> str:
    return labels.BULLETIN_TITLE.format(subject=subject(report, named), span=span(report))


def opening(report: Report) -> str:
    return labels.BULLETIN_OPENING.format(title=report.plan.meta.title, span=span(report))


# --- 一、总体情况 ---------------------------------------------------------------------------------


def overall(report: Report, ranking_attachment: int) -> list[str]:
    """The summary, 双过半, each checkpoint that fell due, 较上期, and the places in one sentence."""
    said = [report.summary]
    if report.halfway:
        said.append(report.halfway)
    name = ListedName(report.linked)
    said += [checkpoint_text(report.plan, checkpoint, name) for checkpoint in report.checkpoints]
    if report.since is not None:
        said.append(report.since.paragraph)
    ranks = _ranks_sentence(report, ranking_attachment)
    if ranks:
        said.append(ranks)
    return said


def _ranked_list(standings: Iterable[Standing], compared: bool) -> str:
    items = []
    for standing in standings:
        if standing.rank is None:
            continue
        moved = rank_change(standing, compared)
        change = labels.BULLETIN_RANK_CHANGE.format(change=moved) if moved else ""
        items.append(labels.BULLETIN_RANK_ITEM.format(name=standing.name, rank=standing.rank, change=change))
    return labels.LIST_SEPARATOR.join(items)


def _ranks_sentence(report: Report, attachment: int) -> str:
    if not report.ranked:
        return ""
    compared = report.since is not None
    text = labels.BULLETIN_RANKS.format(ranked=_ranked_list(report.ranks, compared))
    if any(standing.rank is not None for standing in report.department_ranks):
        text += labels.BULLETIN_RANKS_DEPARTMENTS.format(ranked=_ranked_list(report.department_ranks, compared))
    unranked = [standing.name for standing in report.ranks if standing.rank is None]
    if unranked:
        text += labels.BULLETIN_UNRANKED.format(names=labels.LIST_SEPARATOR.join(unranked))
    return text + labels.BULLETIN_RANKS_END.format(number=attachment)


# --- 二、分项进展 ---------------------------------------------------------------------------------


def versus_schedule(lead: Decimal) -> str:
    """`超序时进度2.4个百分点`, `低于序时进度21.4个百分点`, `与序时进度持平` (one decimal)."""
    shown = half_up(lead, 1)
    if shown > 0:
        return labels.BULLETIN_AHEAD.format(points=f"{shown:.1f}")
    if shown < 0:
        return labels.BULLETIN_BEHIND.format(points=f"{-shown:.1f}")
    return labels.BULLETIN_EVEN


def actions(report: Report) -> list[Said]:
    """One short paragraph per action: its counts, its 完成率 against 序时, its place, what lags."""
    standings = {standing.name: standing for standing in report.ranks}
    compared = report.since is not None
    said = []
    lagging = [lag.item for lag in report.lagging]
    for number, (section, tally) in enumerate(zip(report.sections, report.tallies, strict=True), 1):
        heading = labels.BULLETIN_SECTION.format(ordinal=chinese_ordinal(number), title=section.action.title)
        said.append(Said(heading, _action_text(tally, standings.get(tally.name), compared, section.action.id, lagging)))
    return said


def _action_text(
    tally: Tally, standing: Standing | None, compared: bool, action_id: str, lagging: list[Progress]
) -> str:
    if not tally.total:
        return labels.BULLETIN_ACTION_ONLY_STRETCHES.format(stretches=tally.stretches) + labels.SUMMARY_END
    text = labels.BULLETIN_ACTION.format(total=tally.total, tally=tally_phrase(tally))
    if standing is not None and standing.score.attainment is not None and standing.score.lead is not None:
        text += labels.BULLETIN_ACTION_AVERAGE.format(
            attainment=percent(standing.score.attainment), versus=versus_schedule(standing.score.lead)
        )
    if standing is not None and standing.rank is not None:
        text += labels.BULLETIN_ACTION_RANK.format(rank=standing.rank)
        moved = rank_change(standing, compared)
        if moved:
            text += labels.BULLETIN_RANK_MOVED.format(change=moved)
    behind = list(dict.fromkeys(item.row.indicator.name for item in lagging if item.row.action.id == action_id))
    if behind:
        text += labels.BULLETIN_ACTION_LAGGING.format(names=labels.NAME_SEPARATOR.join(behind))
    return text + labels.SUMMARY_END


# --- 三、存在问题 ---------------------------------------------------------------------------------


def problems(report: Report) -> tuple[str, list[Said]]:
    """The opening sentence, then one paragraph per department (its action where the plan names no
    department) with its lagging targets, worst first, and a last one for what was never reported."""
    day = chinese_date(report.on)
    items = [lag.item for lag in report.lagging if lag.item.is_floor]  # a missed 力争 stretch is no failure
    groups: dict[str, list[Progress]] = {}
    for item in items:
        groups.setdefault(item.row.lead or item.row.action.name, []).append(item)
    said = []
    for number, (group, mine) in enumerate(groups.items(), 1):
        details = labels.PHRASE_SEPARATOR.join(_lagging_phrase(report, item) for item in mine)
        text = labels.BULLETIN_DEPARTMENT.format(count=len(mine)) + details + labels.SUMMARY_END
        said.append(Said(labels.BULLETIN_SECTION.format(ordinal=chinese_ordinal(number), title=group), text))
    missing = _missing(report)
    if missing:
        heading = labels.BULLETIN_SECTION.format(ordinal=chinese_ordinal(len(said) + 1), title=labels.BULLETIN_LATE)
        said.append(Said(heading, missing))
    if not items:
        return labels.BULLETIN_PROBLEMS_NONE.format(date=day), said
    red = sum(1 for item in items if item.light is Light.RED)
    opening = labels.BULLETIN_PROBLEMS_OPENING.format(
        date=day, count=len(items), red=red, yellow=len(items) - red, groups=len(groups)
    )
    return opening, said


def _lagging_phrase(report: Report, item: Progress) -> str:
    """One lagging target as the paragraph says it: its figure and how far behind, its outlook."""
    row = item.row
    name = listed_name(item, report.linked)
    if item.reading is None:
        return labels.BULLETIN_NOT_REPORTED.format(indicator=name)
    if not row.indicator.kind.policy.numeric:
        return labels.BULLETIN_TASK_OPEN.format(indicator=name)
    text = labels.BULLETIN_FIGURE.format(indicator=name, actual=prose(text_of(actual_cell(item))))
    target = prose(text_of(target_requirement(row, level=True)))
    if item.attainment is not None and item.expected is not None:
        text += labels.BULLETIN_CUMULATIVE.format(
            attainment=percent(item.attainment), versus=versus_schedule(item.attainment - item.expected)
        )
    elif (item.judge == "points" or row.indicator.unit == "%") and item.gap is not None:
        shown = half_up(abs(item.gap), 1)
        versus = labels.BULLETIN_ABOVE_TARGET if item.gap > 0 else labels.BULLETIN_BELOW_TARGET
        text += labels.BULLETIN_RATE.format(versus_target=versus.format(points=f"{shown:.1f}", target=target))
    elif item.gap is not None:
        gap = outlooks.figure_text(item.gap, row.indicator.unit)
        text += labels.BULLETIN_LEVEL.format(target=target, gap=prose(gap.text))
    found = item.outlook
    if found.projected is not None and found.projected_met is not None and not item.period_over:
        verdict = labels.BULLETIN_OUTLOOK_MET if found.projected_met else labels.BULLETIN_OUTLOOK_SHORT
        end = labels.HEADERS["projected"][2:] if row.period.months == 12 else labels.PROJECTED_AT_END[2:]
        figure = outlooks.projected_text(found, row.indicator.unit)
        projected = prose(figure._replace(suffix="").text)  # the seasonal mark is a table's footnote
        text += labels.BULLETIN_OUTLOOK.format(end=end, projected=projected, verdict=verdict)
        needed = found.needed_per_month
        if needed is not None and needed > 0 and not found.projected_met:
            needs = prose(outlooks.needed_text(found, row.indicator.unit).text)
            text += labels.BULLETIN_NEEDED.format(needed=needs)
    return text


def prose(figure: str) -> str:
    """A figure as a sentence writes it, with no space before its unit: `24个`, `确保≥20%`."""
    return figure.replace(" ", "")


def _missing(report: Report) -> str:
    """What was due and never reported (未报送), counted per department: the period's own targets and
    the checkpoints that fell due."""
    seen: set[tuple[str, str, str]] = set()
    per: dict[str, int] = {}
    members = [item for section in report.sections for item, _ in section.lines]
    members += [item for section in report.sections for item in section.milestones]
    members += [item for checkpoint in report.checkpoints for item in checkpoint.members]
    for item in members:
        key = (item.row.action.id, item.row.indicator.id, item.row.target.period)
        if MISSING not in item.flags or not item.is_floor or key in seen:
            continue
        seen.add(key)
        lead = item.row.lead or labels.NO_LEAD
        per[lead] = per.get(lead, 0) + 1
    if not per:
        return ""
    parts = labels.LIST_SEPARATOR.join(
        labels.BULLETIN_MISSING_PART.format(lead=lead, count=count) for lead, count in per.items()
    )
    return labels.BULLETIN_MISSING.format(date=chinese_date(report.on), count=sum(per.values()), parts=parts)
