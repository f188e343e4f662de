"""The plan year a command reads, and a name another year's plan knows.

The plan year is `--year` after the command (`YearOption`, declared by every command that reads
a plan) or before it, else `$DAYE_PLAN_YEAR`, else the year of the command's `--as-of` when a plan
for it exists, else the latest under plans/. A name the chosen year's plan does not know, but
another year's does, is said so (`… is not in 2025's plan; it is in 2024's: add --year 2024`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from daye_plan.cli.adapter import get_current_context
from daye_plan.cli.app import SETTINGS, YEAR_ENV, root
from daye_plan.i18n import _
from daye_plan.model.errors import DayePlanError, UsageError

if TYPE_CHECKING:
    from daye_plan.model.catalog import NotInPlan


def _command_parameter(name: str) -> object:
    context = get_current_context(silent=True)
    return None if context is None else context.params.get(name)


def plan_year() -> tuple[int | None, str]:
    """The year to read, and how it was chosen: `option`, `env`, `as_of` or `latest` (None: the latest)."""
    here = _command_parameter("year")
    if isinstance(here, int):
        if SETTINGS.year is not None and not SETTINGS.year_from_env and SETTINGS.year != here:
            raise UsageError(
                _("--year {before} before the command and --year {after} after it; give one").format(
                    before=SETTINGS.year, after=here
                )
            )
        chosen, how = here, "option"
    elif SETTINGS.year is not None:
        chosen, how = SETTINGS.year, "env" if SETTINGS.year_from_env else "option"
    else:
        dated = _as_of_year()
        if dated is not None and dated in _years():
            return dated, "as_of"
        return None, "latest"
    dated = _as_of_year()
    if dated is not None and dated != chosen and dated in _years() and chosen in _years():
        as_of = _command_parameter("as_of")
        if how == "env":
            said = _(
                "--as-of {as_of} is not in {chosen}'s plan year; it is in {dated}'s: use --year {dated} (${name} says {chosen})"
            )
        else:
            said = _("--as-of {as_of} is not in {chosen}'s plan year; it is in {dated}'s: use --year {dated}")
        raise UsageError(said.format(as_of=as_of, chosen=chosen, dated=dated, name=YEAR_ENV))
    return chosen, how


def _as_of_year() -> int | None:
    """The year of the command's `--as-of`, when it starts with one (2024-03-31, 2024.3.31, 2024年3月31日)."""
    text = _command_parameter("as_of")
    found = re.match(r"\s*(\d{4})(?!\d)", text) if isinstance(text, str) else None
    return int(found.group(1)) if found else None


def _years() -> list[int]:
    from daye_plan.storage.plans import years

    return years(root())


def elsewhere(exc: NotInPlan) -> str | None:
    """`… is not in 2025's plan; it is in 2024's: add --year 2024`, when another year's plan has the name."""
    from daye_plan.model import catalog
    from daye_plan.storage.plans import load_plan
    from daye_plan.storage.plans import plan_dir as locate

    year, how = plan_year()
    available = _years()
    current = year if year is not None else (available[-1] if available else None)
    others = sorted((y for y in available if y != current), key=lambda y: (abs(y - (current or y)), -y))
    for other in others:
        try:
            plan = load_plan(locate(root(), other))
        except DayePlanError:
            continue
        if catalog.knows(plan, exc):
            if how in ("as_of", "latest"):
                said = _("{what} is not in {year}'s plan; it is in {other}'s: add --year {other}")
            elif how == "env":
                said = _("{what} is not in {year}'s plan; it is in {other}'s: use --year {other} (${name} says {year})")
            else:
                said = _("{what} is not in {year}'s plan; it is in {other}'s: use --year {other}")
            return said.format(what=exc.what, year=current or other, other=other, name=YEAR_ENV)
    return None
