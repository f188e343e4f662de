"""Lint checks of the plan against its published document: quotes, their figures and levels.

Owns `quote-in-source` (each target's and checkpoint rule's quote is verbatim in the source
document — and the document is there to be read), `value-in-quote` (a target's value stands in
its quote: `135` in `不少于135个`, `四十八强` as 48, `1万人` as 10000 人, `1万亿元` as 10000 亿元),
`level-in-clause` (确保/力争 stands in the quote's clause of the source) and `figure-not-quoted`
(each figure of the source that no quote covers, as information: a target not yet encoded, or
a figure that is no target). Figures are read as `daye-plan draft` reads them (`ops.draft`), so
that the two agree on what a figure is. Each check is a registered pure function of the plan
and its `Context`; they say nothing when the caller handed in no source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from daye_plan.i18n import N_
from daye_plan.model import units
from daye_plan.model.numbers import number
from daye_plan.model.plan import Action, Indicator, Level, Plan, Target
from daye_plan.model.positions import Loc
from daye_plan.ops.draft import figures
from daye_plan.ops.draft.text import normalise, reading
from daye_plan.ops.lint.context import Context, SourceText, compatible, convert
from daye_plan.ops.lint.findings import Finding, Said, Severity, said
from daye_plan.ops.lint.registry import check

CLAUSE_ENDS = "。;；!！?？\n"  # a 确保/力争 governs its clause up to the next of these
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
SHOWN_AROUND = 12  # characters of context shown either side of a figure no quote covers


@dataclass(frozen=True)
class Quoted:
    """A quote of the plan, with what it belongs to and where it is written."""

    action: Action
    loc: Loc  # of the quote's field in the action file
    quote: str
    indicator: Indicator | None = None  # None for a checkpoint rule
    target: Target | None = None

    @property
    def key(self) -> str:
        return f"{self.action.id}.{self.indicator.id}" if self.indicator is not None else self.action.id

    @property
    def about(self) -> str:
        return self.indicator.name if self.indicator is not None else self.action.name


def quotes(plan: Plan) -> Iterator[Quoted]:
    """Every quote of the plan: each target's, then each checkpoint rule's, action by action."""
    for action in plan.actions:
        for number_, indicator in enumerate(action.indicators):
            for place, target in enumerate(indicator.targets):
                loc: Loc = ("indicators", number_, "targets", place, "quote")
                yield Quoted(action, loc, target.quote, indicator, target)
        for loc, rule in action.rules():
            yield Quoted(action, (*loc, "quote"), rule.quote)


def _finding(context: Context, check: str, severity: Severity, quoted: Quoted, message: Said) -> Finding:
    keys = [quoted.key] if quoted.indicator is not None else []
    return context.finding(check, severity, (quoted.action.id, quoted.loc), message, keys, [quoted.quote])


@check("quote-in-source")
def quote_in_source(plan: Plan, context: Context) -> list[Finding]:
    """Each quote is verbatim in the source document; a document that cannot be read is one error."""
    source = context.source
    if source is None:
        return []
    name = plan.meta.source
    if source.text is None:
        if source.problem:
            text = N_("{source}: {problem}; the quotes cannot be checked against the source")
        else:
            text = N_("{source}: cannot be read; the quotes cannot be checked against the source")
        message = said(text, source=name, problem=source.problem)
        return [context.meta_finding("quote-in-source", Severity.ERROR, "source", message)]
    found: list[Finding] = []
    loose = normalise(source.text)
    for quoted in quotes(plan):
        if quoted.quote in source.text:
            continue
        if normalise(quoted.quote) in loose:
            text = N_(
                "{name}: the quote “{quote}” is not in {source}; it is there with other punctuation or digits "
                "(full-width ，（１ against ASCII ,(1): copy it exactly"
            )
        else:
            text = N_("{name}: the quote “{quote}” is not in {source}")
        message = said(text, name=quoted.about, quote=quoted.quote, source=name)
        found.append(_finding(context, "quote-in-source", Severity.ERROR, quoted, message))
    return found


@check("value-in-quote")
def value_in_quote(plan: Plan, context: Context) -> list[Finding]:
    """A numeric target's value stands in its quote, in any way a reader would see it."""
    if context.source is None:
        return []
    found: list[Finding] = []
    for quoted in quotes(plan):
        target, indicator = quoted.target, quoted.indicator
        if target is None or indicator is None or target.value is None:
            continue
        seen = values_in(quoted.quote, indicator.unit)
        if target.value in seen or -target.value in seen:
            continue
        fields = {"name": indicator.name, "value": number(target.value), "unit": indicator.unit, "quote": quoted.quote}
        if seen:
            message = said(
                N_("{name}: the value {value} {unit} is not in its quote “{quote}” (figures there: {figures})"),
                **fields,
                figures=", ".join(number(value) for value in sorted(seen)),
            )
        else:
            message = said(
                N_("{name}: the value {value} {unit} is not in its quote “{quote}” (no figures there)"), **fields
            )
        found.append(_finding(context, "value-in-quote", Severity.ERROR, quoted, message))
    return found


@check("level-in-clause")
def level_in_clause(plan: Plan, context: Context) -> list[Finding]:
    """A 确保 or 力争 target's word stands in the clause of the source that its quote ends, and a
    plain target's clause has neither word (the word governs its whole clause)."""
    source = context.source
    if source is None or source.text is None:
        return []
    found: list[Finding] = []
    for quoted in quotes(plan):
        target = quoted.target
        if target is None or target.cmp is None or quoted.quote not in source.text:
            continue
        clauses = [reading(clause) for clause in clauses_of(source.text, quoted.quote)]  # 力爭 reads 力争
        if target.level is not None:
            if any(target.level in clause for clause in clauses):
                continue
            text = N_("{name}: the target says {level}, but its clause in {source} does not: “{clause}”")
            word = target.level
        else:
            if not all(any(word in clause for word in Level) for clause in clauses):
                continue  # one occurrence of the quote stands in a plain clause
            word = next(word for word in Level if word in clauses[0])
            text = N_("{name}: its clause in {source} says {level}, but the target has no `level`: “{clause}”")
        message = said(text, name=quoted.about, level=word, source=plan.meta.source, clause=clauses[0])
        found.append(_finding(context, "level-in-clause", Severity.WARNING, quoted, message))
    return found


@check("figure-not-quoted")
def figure_not_quoted(plan: Plan, context: Context) -> list[Finding]:
    """Each figure of the source that no quote covers: a target still to encode, or no target at all."""
    source = context.source
    if source is None or source.text is None:
        return []
    covered = covered_spans(source.text, [quoted.quote for quoted in quotes(plan)])
    found: list[Finding] = []
    for figure in figures.find(reading(source.text)):
        if any(start <= figure.start and figure.end <= end for start, end in covered):
            continue
        found.append(_uncovered(plan, source, figure))
    return found


def _uncovered(plan: Plan, source: SourceText, figure: figures.Figure) -> Finding:
    text = source.text or ""
    line = text.count("\n", 0, figure.start) + 1
    line_start = text.rfind("\n", 0, figure.start) + 1
    line_end = text.find("\n", figure.end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, figure.start - SHOWN_AROUND)
    right = min(line_end, figure.end + SHOWN_AROUND)
    around = ("…" if left > line_start else "") + text[left:right] + ("…" if right < line_end else "")
    written = text[figure.start : figure.end]
    message = said(N_("{figure} is in no target's quote: “{around}”"), figure=written, around=around.strip())
    return Finding("figure-not-quoted", Severity.INFO, message, (), (), source.path, line)


def covered_spans(text: str, quoted: list[str]) -> list[tuple[int, int]]:
    """Where the quotes stand in `text`: every occurrence of each."""
    spans: list[tuple[int, int]] = []
    for quote in dict.fromkeys(quoted):
        start = text.find(quote)
        while start >= 0:
            spans.append((start, start + len(quote)))
            start = text.find(quote, start + 1)
    return spans


def clauses_of(text: str, quote: str) -> Iterator[str]:
    """The clause each occurrence of `quote` ends: from the last clause end before it to its end."""
    start = text.find(quote)
    while start >= 0:
        clause_start = max(text.rfind(mark, 0, start + 1) for mark in CLAUSE_ENDS) + 1
        yield text[clause_start : start + len(quote)]
        start = text.find(quote, start + 1)


def values_in(quote: str, unit: str) -> set[Decimal]:
    """Every figure a reader sees in `quote`, also in `unit` where it converts: 135; 3.3; 1万 as
    10000; 四十八 as 48; 3.5亿元 as 35000 when the unit is 万元; both ends of 35%—40%."""
    text = reading(quote)
    seen: set[Decimal] = set()
    for figure in figures.find(text):
        for value in (figure.value, figure.high):
            if value is None:
                continue
            seen.add(value)
            if figure.unit != unit and compatible(unit, figure.unit):
                seen.add(convert(value, figure.unit, unit))
    for match in _DIGITS.finditer(text):
        value = Decimal(match.group())
        seen.add(value)
        after = text[match.end() : match.end() + 2]
        times = next((factor for word, factor in units.MULTIPLIERS.items() if after.startswith(word)), None)
        if times is not None:
            seen.add(value * times)
    for match in _CHINESE.finditer(text):
        try:
            seen.add(figures.chinese_number(match.group()))
        except (ValueError, InvalidOperation, KeyError, IndexError):
            continue
    return {figures.plain(value) for value in seen}
