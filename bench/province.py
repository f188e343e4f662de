"""A province for `make bench`: counties of generated plans in one project, for `overview`.

Each county is a generated plan (`generate.write_large_plan`) under its own name — the first in
`plans/<year>/`, the others in `plans/<year>/<county>/` — five of its rates tagged with the
common measures a prefecture compares (地区生产总值增长 and four more), and twelve figures a target recorded
through the year (`generate.write_actuals`, its own seed a county), so that no two counties
stand alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import generate

# Rates of the generated plan (unit %, no formula), by action file, and the measure each is tagged as.
TAGGED = {
    "action_00.yaml": {"ind_00002": "gdp_growth", "ind_00012": "industry_growth", "ind_00017": "fai_growth"},
    "action_01.yaml": {"ind_00002": "retail_growth", "ind_00012": "budget_revenue_growth"},
}


def county_name(number: int) -> str:
    return f"县{number:03d}"


def write_province(root: Path, counties: int, indicators: int, load: Any, figures: int = 12) -> list[str]:
    """`counties` generated plans of `indicators` indicators each, with `figures` records a target;
    `load` reads a plan folder. Returns the counties' names."""
    year = root / "plans" / str(generate.YEAR)
    names = []
    for number in range(1, counties + 1):
        name = county_name(number)
        folder = year if number == 1 else year / name
        generate.write_large_plan(folder, indicators)
        meta = folder / "plan.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("region: 基准县", f"region: {name}"), encoding="utf-8")
        for file, tagged in TAGGED.items():
            _tag(folder / file, tagged)
        generate.write_actuals(load(folder), folder / "actuals", figures * indicators, seed=number)
        names.append(name)
    return names


def _tag(path: Path, tagged: dict[str, str]) -> None:
    """Give each indicator of `tagged` its measure's code, after its `kind:` line."""
    text = path.read_text(encoding="utf-8")
    for indicator, code in tagged.items():
        head = f"  - id: {indicator}\n"
        assert head in text, f"{path.name}: the generated plan has no rate {indicator}"
        end = text.index("\n", text.index("    kind: ", text.index(head))) + 1
        text = text[:end] + f"    code: {code}\n" + text[end:]
    path.write_text(text, encoding="utf-8")


def measure(base: Path, counties: int, indicators: int, load: Any, timed: Any) -> tuple[float, float]:
    """`overview` over a province of `counties` and `status` of its second county, in turns; the
    medians by `timed(first, second)`, each command given as (argv tail, root)."""
    root = base / f"province-{counties}"
    names = write_province(root, counties, indicators, load)
    day = f"{generate.YEAR}-06-30"
    return timed(
        (["overview", "--as-of", day], root),
        (["status", "--region", names[1], "--as-of", day], root),
    )
