"""Shell completion (Typer's) of action and indicator names: ids and Chinese names alike.

Owns finding the plan while a shell waits for suggestions — from `--root`/`--year`/`--region` typed so far,
else $DAYE_PLAN_ROOT or the nearest `plans/` upward, as every command does — and matching what
was typed against ids, short names and titles. Never raises and never prints: a problem (no plan
here, an invalid one) just means no suggestions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from daye_plan.cli.context import ROOT_ENV
from daye_plan.model.errors import DayePlanError

if TYPE_CHECKING:
    from daye_plan.model.plan import Plan

Suggestions = list[tuple[str, str]]  # (completion, help shown by zsh and fish)


def _plan(ctx: typer.Context) -> Plan | None:
    from daye_plan.storage.plans import find_root, load_plan, plan_dir

    options = ctx.find_root().params
    given = options.get("root") or os.environ.get(ROOT_ENV)  # a shell's completion may not parse the envvar
    year = ctx.params.get("year") or options.get("year")  # --year after the command, or before it
    region = ctx.params.get("region") or options.get("region")
    try:
        root = find_root(Path(given) if given else None)
        return load_plan(
            plan_dir(root, year if isinstance(year, int) else None, region if isinstance(region, str) else None)
        )
    except DayePlanError:
        return None


def _matching(words: list[tuple[str, str]], incomplete: str) -> Suggestions:
    return [(word, about) for word, about in dict.fromkeys(words) if word.startswith(incomplete)]


def complete_action(ctx: typer.Context, incomplete: str) -> Suggestions:
    """Actions by short name (招商引资), title (招商引资行动) and id (investment)."""
    plan = _plan(ctx)
    if plan is None:
        return []
    words = [(a.name, a.title) for a in plan.actions]
    words += [(a.title, a.theme or a.name) for a in plan.actions]
    words += [(a.id, a.name) for a in plan.actions]
    return _matching(words, incomplete)


def complete_indicator(ctx: typer.Context, incomplete: str) -> Suggestions:
    """Indicators of the action given earlier on the line (argument ACTION or --action)."""
    from daye_plan.model import catalog

    plan = _plan(ctx)
    given = ctx.params.get("action")
    if plan is None or not isinstance(given, str):
        return []
    action = catalog.action_named(plan, given)
    if action is None:
        return []
    words = [(i.name, f"{i.id} · {i.unit}" if i.unit else i.id) for i in action.indicators]
    words += [(i.id, i.name) for i in action.indicators]
    return _matching(words, incomplete)
