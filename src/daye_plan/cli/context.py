"""The explicit context of a command: the project root, the plan year and the region it reads.

Owns `Where` — what the global options (`--root`, `--year` and `--region` before the command) and
the environment (`$DAYE_PLAN_ROOT`, `$DAYE_PLAN_YEAR`, `$DAYE_PLAN_REGION`) said, kept as the
Typer context's `obj` — and `Project`, what a command reads, made from it and the command's own
`--year`, `--region` and `--as-of`: the root, the year (`--year` after the command or before it,
else the environment's, else the year of `--as-of` when a plan for it exists, else the latest),
the region where a year holds several, the plan folder and the plan. A name the chosen year's
plan does not know, but another year's does, is said so (`… is not in 2025's plan; it is in
2024's: add --year 2024`). Commands are handed this context; nothing reads Click's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from daye_plan.i18n import _
from daye_plan.model.errors import DayePlanError, UsageError

if TYPE_CHECKING:
    from daye_plan.model.catalog import NotInPlan
    from daye_plan.model.plan import Plan

ROOT_ENV = "DAYE_PLAN_ROOT"  # the project root, as --root gives it
YEAR_ENV = "DAYE_PLAN_YEAR"  # the plan year, as --year gives it
REGION_ENV = "DAYE_PLAN_REGION"  # the region, as --region gives it


@dataclass
class Where:
    """What the global options and the environment said; a command's own options come on top."""

    root: Path | None = None
    year: int | None = None  # --year before the command, or $DAYE_PLAN_YEAR
    year_from_env: bool = False
    region: str | None = None  # --region before the command, or $DAYE_PLAN_REGION
    project: Project | None = None  # the command's, once it asked for it: what its errors speak of


def year_from_env(text: str) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise UsageError(_("${name}={text!r} is not a year (such as 2024)").format(name=YEAR_ENV, text=text))
    return int(text)


def where(ctx: typer.Context) -> Where:
    """The global options of the command line `ctx` belongs to (none outside one: a test's call)."""
    found = ctx.find_root().obj
    return found if isinstance(found, Where) else Where()


def project(
    ctx: typer.Context, *, year: int | None = None, region: str | None = None, as_of: str | None = None
) -> Project:
    """What the command of `ctx` reads, from its own `--year`, `--region` and `--as-of` and the global ones."""
    given = where(ctx)
    found = Project(given, year, region, as_of)
    given.project = found
    return found


@dataclass
class Project:
    """The root, year, region, plan folder and plan a command reads; each worked out when first asked."""

    given: Where
    year_option: int | None = None  # --year after the command
    region_option: str | None = None  # --region after the command
    as_of: str | None = None
    _root: Path | None = field(default=None, init=False, repr=False)
    _plan: Plan | None = field(default=None, init=False, repr=False)

    @property
    def root(self) -> Path:
        if self._root is None:
            from daye_plan.storage.plans import PLANS, NoProject, find_root

            try:
                self._root = find_root(self.given.root)
            except NoProject as exc:
                message = _("no {folder}/ folder in {path} or above it; run inside a daye-plan project or pass --root")
                raise UsageError(message.format(folder=PLANS, path=exc.start)) from None
        return self._root

    @property
    def region(self) -> str | None:
        return self.region_option if self.region_option is not None else self.given.region

    @property
    def plan_dir(self) -> Path:
        from daye_plan.storage.plans import plan_dir

        return plan_dir(self.root, self.year()[0], self.region)

    @property
    def plan(self) -> Plan:
        """The plan; an invalid plan is bad input here (exit 2; `validate` exits 1)."""
        if self._plan is None:
            from daye_plan.storage.plans import load_plan

            self._plan = load_plan(self.plan_dir)
        return self._plan

    def year(self) -> tuple[int | None, str]:
        """The year to read, and how it was chosen: `option`, `env`, `as_of` or `latest` (None: the latest)."""
        given = self.given
        if self.year_option is not None:
            if given.year is not None and not given.year_from_env and given.year != self.year_option:
                raise UsageError(
                    _("--year {before} before the command and --year {after} after it; give one").format(
                        before=given.year, after=self.year_option
                    )
                )
            chosen, how = self.year_option, "option"
        elif given.year is not None:
            chosen, how = given.year, "env" if given.year_from_env else "option"
        else:
            dated = self._as_of_year()
            if dated is not None and dated in self.years():
                return dated, "as_of"
            return None, "latest"
        dated = self._as_of_year()
        if dated is not None and dated != chosen and dated in self.years() and chosen in self.years():
            if how == "env":
                said = _(
                    "--as-of {as_of} is not in {chosen}'s plan year; it is in {dated}'s: use --year {dated} (${name} says {chosen})"
                )
            else:
                said = _("--as-of {as_of} is not in {chosen}'s plan year; it is in {dated}'s: use --year {dated}")
            raise UsageError(said.format(as_of=self.as_of, chosen=chosen, dated=dated, name=YEAR_ENV))
        return chosen, how

    def _as_of_year(self) -> int | None:
        """The year of `--as-of`, when it starts with one (2024-03-31, 2024.3.31, 2024年3月31日)."""
        found = re.match(r"\s*(\d{4})(?!\d)", self.as_of) if self.as_of is not None else None
        return int(found.group(1)) if found else None

    def years(self) -> list[int]:
        from daye_plan.storage.plans import years

        return years(self.root)

    def elsewhere(self, exc: NotInPlan) -> str | None:
        """`… is not in 2025's plan; it is in 2024's: add --year 2024`, when another year's plan has the name."""
        from daye_plan.model import catalog
        from daye_plan.storage.plans import load_plan, plan_dir

        year, how = self.year()
        available = self.years()
        current = year if year is not None else (available[-1] if available else None)
        others = sorted((y for y in available if y != current), key=lambda y: (abs(y - (current or y)), -y))
        for other in others:
            try:
                plan = load_plan(plan_dir(self.root, other, self.region))
            except DayePlanError:
                continue
            if catalog.knows(plan, exc):
                if how in ("as_of", "latest"):
                    said = _("{what} is not in {year}'s plan; it is in {other}'s: add --year {other}")
                elif how == "env":
                    said = _(
                        "{what} is not in {year}'s plan; it is in {other}'s: use --year {other} (${name} says {year})"
                    )
                else:
                    said = _("{what} is not in {year}'s plan; it is in {other}'s: use --year {other}")
                return said.format(what=exc.what, year=current or other, other=other, name=YEAR_ENV)
        return None
