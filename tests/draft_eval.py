"""Measure `daye-plan draft` against hand-encoded targets: recall and precision, field by field.

The gold standard is the bundled plan (plans/2023/*.yaml against its source.txt) and each
gathered text under tests/fixtures/draft/ (NAME.txt, whose first line is a `#` comment giving
the page's address, beside NAME.yaml with the targets read by hand, labelled before the text was
first drafted). A proposal matches a gold target when its figure lies inside an occurrence of the
gold quote in the text; pairs are made one to one, best first (same value, then period, level,
comparator, unit). For each field, recall is the share of gold targets matched with that field
right, precision the share of proposals matched with it right; `all` asks for value, unit,
period, comparator and level at once. A fixture's `tasks:` are its targets without a number —
milestones (a dated task) and relative targets (高于全市平均) — scored apart, by kind and period.
Each fixture says what `text:` it is (report, plan, division, table, news, progress, review,
traditional); the summary gives the figures per kind of text and over all gathered texts.

    python tests/draft_eval.py            # every source, one table each, then the summary
    python tests/draft_eval.py -v         # and the misses and the extra proposals
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from daye_plan.ops.draft.build import Draft, draft  # noqa: E402
from daye_plan.ops.draft.proposal import Proposal  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "draft"
BUNDLED = REPO / "plans" / "2023"
KEY_FIELDS = ("value", "unit", "period", "comparator", "level")
FIELDS = (*KEY_FIELDS, "kind", "lead")
EARLIER = "earlier"  # the kind of the fixtures gathered before kinds were labelled


@dataclass(frozen=True)
class Gold:
    quote: str
    value: Decimal
    unit: str
    period: str  # the period's label: 全年, 一季度 …
    comparator: str
    level: str | None
    kind: str
    lead: str | None = None
    code: str | None = None  # the common measure it is (codes.yaml), None where none fits


@dataclass(frozen=True)
class GoldTask:
    """A target without a number: a dated task (`milestone`) or one set against another (`relative`)."""

    quote: str
    kind: str
    period: str
    level: str | None = None
    lead: str | None = None


def proposed(proposal: Proposal, field: str) -> object:
    return {
        "value": proposal.value,
        "unit": proposal.unit,
        "period": proposal.period.label,
        "comparator": proposal.comparator,
        "level": proposal.level,
        "kind": proposal.kind,
        "lead": proposal.lead,
    }[field]


def tasks_of(drafted: Draft) -> list[Any]:
    return list(getattr(drafted, "tasks", []))


@dataclass
class Score:
    name: str
    gold: list[Gold]
    proposals: list[Proposal]
    pairs: list[tuple[Gold, Proposal]]
    text: str
    kind: str = EARLIER
    gold_tasks: list[GoldTask] = dataclasses.field(default_factory=list)
    tasks: list[Any] = dataclasses.field(default_factory=list)
    task_pairs: list[tuple[GoldTask, Any]] = dataclasses.field(default_factory=list)
    labels_tasks: bool = False  # whether the fixture labels its tasks (else tasks are not scored)
    codes: dict[int, str | None] = dataclasses.field(default_factory=dict)  # id(proposal) → its indicator's code

    def code_counts(self) -> tuple[int, int, int]:
        """(gold targets with a code, proposals tagged with a code, matched pairs tagged with the gold's code)."""
        right = sum(g.code is not None and self.codes.get(id(p)) == g.code for g, p in self.pairs)
        tagged = sum(self.codes.get(id(p)) is not None for p in self.proposals)
        return sum(g.code is not None for g in self.gold), tagged, right

    def code_misses(self) -> Iterator[str]:
        matched = {id(g): p for g, p in self.pairs}
        for gold in self.gold:
            proposal = matched.get(id(gold))
            got = self.codes.get(id(proposal)) if proposal is not None else None
            if got != gold.code and (gold.code is not None or got is not None):
                yield f"  code     {gold.quote}: {got} not {gold.code}"
        paired = {id(p) for _, p in self.pairs}
        for proposal in self.proposals:
            if id(proposal) not in paired and self.codes.get(id(proposal)) is not None:
                quote = self.text[proposal.quote[0] : proposal.quote[1]]
                yield f"  code     extra {quote}: {self.codes[id(proposal)]}"

    def right(self, field: str) -> int:
        fields = KEY_FIELDS if field == "all" else (field,)
        return sum(all(getattr(g, f) == proposed(p, f) for f in fields) for g, p in self.pairs)

    def recall(self, field: str = "all") -> float:
        return self.right(field) / len(self.gold) if self.gold else 1.0

    def precision(self, field: str = "all") -> float:
        return self.right(field) / len(self.proposals) if self.proposals else 1.0

    def table(self) -> str:
        lines = [
            f"{self.name}: {len(self.gold)} gold targets, {len(self.proposals)} proposed, {len(self.pairs)} matched"
        ]
        lines.append(f"  {'field':<11}{'recall':>8}{'precision':>11}")
        for field in ("all", *FIELDS):
            lines.append(f"  {field:<11}{self.recall(field):>8.1%}{self.precision(field):>11.1%}")
        if self.labels_tasks:
            lines.append(
                f"  tasks: {len(self.gold_tasks)} gold, {len(self.tasks)} proposed, "
                f"{sum(_task_right(g, t) for g, t in self.task_pairs)} right"
            )
        return "\n".join(lines)

    def misses(self) -> Iterator[str]:
        matched = {id(g): p for g, p in self.pairs}
        for gold in self.gold:
            proposal = matched.get(id(gold))
            if proposal is None:
                yield f"  missed   {gold.quote} = {gold.comparator} {gold.value}{gold.unit} {gold.period} {gold.level or ''}"
                continue
            wrong = [f for f in FIELDS if getattr(gold, f) != proposed(proposal, f)]
            if wrong:
                said = ", ".join(f"{f} {proposed(proposal, f)!r} not {getattr(gold, f)!r}" for f in wrong)
                yield f"  wrong    {gold.quote}: {said}"
        paired = {id(p) for _, p in self.pairs}
        for proposal in self.proposals:
            if id(proposal) not in paired:
                quote = self.text[proposal.quote[0] : proposal.quote[1]]
                yield f"  extra    {quote} = {proposal.comparator} {proposal.value}{proposal.unit} {proposal.period.label}"
        if not self.labels_tasks:
            return
        found = {id(g): t for g, t in self.task_pairs}
        for task in self.gold_tasks:
            if id(task) not in found:
                yield f"  missed   task {task.kind} {task.quote} {task.period}"
            elif not _task_right(task, found[id(task)]):
                got = found[id(task)]
                yield f"  wrong    task {task.quote}: {got.kind} {got.period.label} {got.level} {got.lead}"
        used = {id(t) for _, t in self.task_pairs}
        for task in self.tasks:
            if id(task) not in used:
                yield f"  extra    task {task.kind} {self.text[task.quote[0] : task.quote[1]]} {task.period.label}"


def _task_right(gold: GoldTask, task: Any) -> bool:
    return (gold.kind, gold.period, gold.level) == (task.kind, task.period.label, task.level) and (
        gold.lead is None or gold.lead == task.lead
    )


def evaluate(
    name: str,
    text: str,
    gold: list[Gold],
    year: int | None = None,
    kind: str = EARLIER,
    gold_tasks: list[GoldTask] | None = None,
) -> Score:
    drafted = draft(text, year=year)
    proposals = drafted.proposals
    spans = {id(g): list(_occurrences(text, g.quote)) for g in gold}
    candidates = []
    for g in gold:
        for p in proposals:
            if any(start <= p.figure.start and p.figure.end <= end for start, end in spans[id(g)]):
                rank = tuple(getattr(g, f) == proposed(p, f) for f in KEY_FIELDS)
                candidates.append((rank, -abs(p.quote[0] - spans[id(g)][0][0]), g, p))
    candidates.sort(key=lambda c: c[:2], reverse=True)
    pairs, used_gold, used_proposals = [], set(), set()
    for _, _, g, p in candidates:
        if id(g) not in used_gold and id(p) not in used_proposals:
            pairs.append((g, p))
            used_gold.add(id(g))
            used_proposals.add(id(p))
    score = Score(name, gold, proposals, pairs, text, kind)
    score.codes = {
        id(target): indicator.code
        for action in drafted.actions
        for indicator in action.indicators
        for target in indicator.targets
    }
    if gold_tasks is not None:
        score.labels_tasks, score.gold_tasks, score.tasks = True, gold_tasks, tasks_of(drafted)
        score.task_pairs = _pair_tasks(text, gold_tasks, score.tasks)
    return score


def _pair_tasks(text: str, gold: list[GoldTask], tasks: list[Any]) -> list[tuple[GoldTask, Any]]:
    """Each gold task with a proposed task whose anchor lies in its quote, one to one, right ones first."""
    candidates = []
    for g in gold:
        for task in tasks:
            if any(start <= task.anchor[0] and task.anchor[1] <= end for start, end in _occurrences(text, g.quote)):
                candidates.append((_task_right(g, task), g, task))
    candidates.sort(key=lambda c: c[0], reverse=True)
    pairs, used = [], set()
    for _, g, task in candidates:
        if id(g) not in used and id(task) not in used:
            pairs.append((g, task))
            used |= {id(g), id(task)}
    return pairs


def _occurrences(text: str, quote: str) -> Iterator[tuple[int, int]]:
    start = text.find(quote)
    while start >= 0:
        yield start, start + len(quote)
        start = text.find(quote, start + 1)


def bundled() -> Score:
    """The bundled plan's numeric targets against its source."""
    from daye_plan.storage.plans import load_plan

    plan = load_plan(BUNDLED)
    gold = [
        Gold(
            target.quote,
            target.value,
            indicator.unit,
            plan.meta.periods[target.period].label,
            target.cmp.value,
            target.level,
            indicator.kind.value,
            indicator.lead,
        )
        for action in plan.actions
        for indicator in action.indicators
        for target in indicator.targets
        if target.cmp is not None and target.value is not None
    ]
    text = (BUNDLED / plan.meta.source).read_text(encoding="utf-8")
    return evaluate(f"{BUNDLED.relative_to(REPO)}/{plan.meta.source}", text, gold)


def fixture_text(path: Path) -> str:
    """A gathered text without its first line (the `#` comment giving its address)."""
    from daye_plan.ops.draft.text import decode

    text = decode(path.read_bytes(), str(path))
    first, _, rest = text.partition("\n")
    assert first.startswith("# "), f"{path}: the first line must give the address: # https://…"
    return rest


def codes(name: str, quotes: list[str]) -> list[str | None]:
    """The code of each of a fixture's targets (given by quote, in order) from codes.yaml: one code
    for every target of a quote, or a list giving each in turn."""
    given = (yaml.safe_load((FIXTURES / "codes.yaml").read_text(encoding="utf-8")) or {}).get(name) or {}
    seen: dict[str, int] = {}
    found: list[str | None] = []
    for quote in quotes:
        code = given.get(quote)
        if isinstance(code, list):
            code = code[seen.get(quote, 0)]
        seen[quote] = seen.get(quote, 0) + 1
        found.append(code)
    return found


@functools.cache  # a text drafted once per process: the corpus tests read the same scores
def fixture(path: Path) -> Score:
    data = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    tagged = codes(path.stem, [item["quote"] for item in data["targets"]])
    gold = [
        Gold(
            item["quote"],
            Decimal(str(item["value"])),
            item["unit"],
            item["period"],
            item["cmp"],
            item.get("level"),
            item["kind"],
            item.get("lead"),
            code,
        )
        for item, code in zip(data["targets"], tagged, strict=True)
    ]
    tasks = None
    if "tasks" in data:
        tasks = [
            GoldTask(item["quote"], item["kind"], item["period"], item.get("level"), item.get("lead"))
            for item in data["tasks"] or []
        ]
    text = fixture_text(path)
    for target in [*gold, *(tasks or [])]:
        assert target.quote in text, f"{path.with_suffix('.yaml')}: quote not in the text: {target.quote}"
    return evaluate(path.stem, text, gold, data.get("year"), data.get("text", EARLIER), tasks)


def gathered() -> list[Score]:
    return [fixture(path) for path in sorted(FIXTURES.glob("*.txt"))]


def every() -> list[Score]:
    return [bundled(), *gathered()]


@dataclass(frozen=True)
class Summary:
    """The figures of several texts together: targets, then the fields of the matched ones, then tasks."""

    name: str
    texts: int
    gold: int
    proposed: int
    right: int  # matched with value, unit, period, comparator and level right
    matched: int
    comparator: int
    level: int
    leads: int  # gold targets that name a lead
    lead: int  # of those, matched with the lead right
    gold_tasks: int
    tasks: int
    tasks_right: int

    @classmethod
    def of(cls, name: str, scores: list[Score]) -> Summary:
        def pairs(field: str) -> int:
            return sum(getattr(g, field) == proposed(p, field) for s in scores for g, p in s.pairs)

        labelled = [s for s in scores if s.labels_tasks]
        return cls(
            name,
            len(scores),
            sum(len(s.gold) for s in scores),
            sum(len(s.proposals) for s in scores),
            sum(s.right("all") for s in scores),
            sum(len(s.pairs) for s in scores),
            pairs("comparator"),
            pairs("level"),
            sum(g.lead is not None for s in scores for g in s.gold),
            sum(g.lead is not None and g.lead == p.lead for s in scores for g, p in s.pairs),
            sum(len(s.gold_tasks) for s in labelled),
            sum(len(s.tasks) for s in labelled),
            sum(_task_right(g, t) for s in labelled for g, t in s.task_pairs),
        )

    @staticmethod
    def share(part: int, whole: int) -> str:
        return f"{part / whole:.1%}" if whole else "-"

    def row(self) -> str:
        cells = [
            f"{self.name:<12}",
            f"{self.texts:>5}",
            f"{self.gold:>5}",
            f"{self.proposed:>5}",
            f"{self.share(self.right, self.gold):>7}",
            f"{self.share(self.right, self.proposed):>7}",
            f"{self.share(self.comparator, self.matched):>7}",
            f"{self.share(self.level, self.matched):>7}",
            f"{self.share(self.lead, self.leads):>7}",
            f"{self.gold_tasks:>5}",
            f"{self.share(self.tasks_right, self.gold_tasks):>7}",
            f"{self.share(self.tasks_right, self.tasks):>7}",
        ]
        return " ".join(cells)


SUMMARY_HEADER = (
    f"{'text':<12} {'texts':>5} {'gold':>5} {'drft':>5} {'recall':>7} {'prec.':>7} {'cmp':>7} {'level':>7} "
    f"{'lead':>7} {'tasks':>5} {'t.rec':>7} {'t.prec':>7}"
)


def summary(scores: list[Score]) -> list[str]:
    """One row per kind of gathered text, then all gathered texts, then the bundled source."""
    gathered = [s for s in scores if s.name != bundled_name()]
    kinds = sorted({s.kind for s in gathered})
    rows = [Summary.of(kind, [s for s in gathered if s.kind == kind]).row() for kind in kinds]
    rows.append(Summary.of("gathered", gathered).row())
    rows.append(Summary.of("labelled", [s for s in gathered if s.kind != EARLIER]).row())
    rows += [Summary.of("bundled", [s]).row() for s in scores if s.name == bundled_name()]
    return [
        "summary (recall and precision of value, unit, period, comparator and level at once):",
        SUMMARY_HEADER,
        *rows,
    ]


def bundled_name() -> str:
    return f"{BUNDLED.relative_to(REPO)}/source.txt"


def main(argv: list[str], say: Callable[[str], object] = print) -> int:
    verbose = "-v" in argv
    scores = every()
    for score in scores:
        say(score.table())
        if verbose:
            for line in score.misses():
                say(line)
        say("")
    for line in summary(scores):
        say(line)
    gathered = [score for score in scores if score.name != bundled_name()]
    labelled, tagged, right = (sum(score.code_counts()[i] for score in gathered) for i in range(3))
    say(
        f"common measures (codes.yaml): {labelled} labelled, {tagged} tagged, {right} right: "
        f"recall {right / labelled:.1%}, precision {right / tagged:.1%}"
    )
    if verbose:
        for score in gathered:
            for line in score.code_misses():
                say(f"{score.name}{line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
