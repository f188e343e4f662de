"""Measure `daye-plan draft` against hand-encoded targets: recall and precision, field by field.

The gold standard is the bundled plan (plans/2023/*.yaml against its source.txt) and each
gathered text under tests/fixtures/draft/ (NAME.txt, whose first line is a `#` comment giving
the page's address, beside NAME.yaml with the targets read by hand). A proposal matches a gold
target when its figure lies inside an occurrence of the gold quote in the text; pairs are made
one to one, best first (same value, then period, level, comparator, unit). For each field,
recall is the share of gold targets matched with that field right, precision the share of
proposals matched with it right; `all` asks for value, unit, period, comparator and level at once.

    python tests/draft_eval.py            # every source, one table each
    python tests/draft_eval.py -v         # and the misses and the extra proposals
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from daye_plan.ops.draft.build import draft  # noqa: E402
from daye_plan.ops.draft.proposal import Proposal  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "draft"
BUNDLED = REPO / "plans" / "2023"
KEY_FIELDS = ("value", "unit", "period", "comparator", "level")
FIELDS = (*KEY_FIELDS, "kind", "lead")


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


@dataclass
class Score:
    name: str
    gold: list[Gold]
    proposals: list[Proposal]
    pairs: list[tuple[Gold, Proposal]]
    text: str

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


def evaluate(name: str, text: str, gold: list[Gold], year: int | None = None) -> Score:
    proposals = draft(text, year=year).proposals
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
    return Score(name, gold, proposals, pairs, text)


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


def fixture(path: Path) -> Score:
    data = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
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
        )
        for item in data["targets"]
    ]
    text = fixture_text(path)
    for target in gold:
        assert target.quote in text, f"{path.with_suffix('.yaml')}: quote not in the text: {target.quote}"
    return evaluate(path.stem, text, gold, data.get("year"))


def every() -> list[Score]:
    return [bundled(), *(fixture(path) for path in sorted(FIXTURES.glob("*.txt")))]


def main(argv: list[str], say: Callable[[str], object] = print) -> int:
    verbose = "-v" in argv
    for score in every():
        say(score.table())
        if verbose:
            for line in score.misses():
                say(line)
        say("")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
