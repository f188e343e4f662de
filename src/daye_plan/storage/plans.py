"""Where plans live on disk, and loading them: the only module that reads plan files.

Owns the layout `plans/<year>/plan.yaml` + `<action-id>.yaml`, finding the project root,
and turning files into a validated `Plan`. Loading collects every problem in every file
before it reports, each as `path:line:col: message`; it never prints and never exits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from daye_plan.model.errors import DayePlanError, PlanInvalid, Problem, UsageError
from daye_plan.model.plan import Action, Plan, PlanMeta
from daye_plan.model.rules import Loc, check_action, check_plan
from daye_plan.storage import plancache, yamlfile

M = TypeVar("M", bound=BaseModel)

PLANS = "plans"
META = "plan.yaml"
ROOT_ENV = "DAYE_PLAN_ROOT"
MAX_PLAN_BYTES = 5_000_000


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The project root: `--root`, else $DAYE_PLAN_ROOT, else the nearest folder upward holding plans/."""
    if explicit is None and os.environ.get(ROOT_ENV):
        explicit = Path(os.environ[ROOT_ENV])
    if explicit is not None:
        if not (explicit / PLANS).is_dir():
            raise UsageError(f"--root {explicit}: no {PLANS}/ folder there")
        return explicit
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PLANS).is_dir():
            return folder
    raise UsageError(f"no {PLANS}/ folder in {here} or above it; run inside a daye-plan project or pass --root")


def years(root: Path) -> list[int]:
    found = []
    for entry in (root / PLANS).iterdir():
        if entry.name.isdigit() and (entry / META).is_file():
            found.append(int(entry.name))
    return sorted(found)


def plan_dir(root: Path, year: int | None) -> Path:
    """`plans/<year>/`: the given year, else the latest one under plans/."""
    available = years(root)
    if not available:
        raise UsageError(f"{root / PLANS}: no plan year with a {META} in it")
    if year is None:
        year = available[-1]
    elif year not in available:
        raise UsageError(f"--year {year}: no such plan; available: {', '.join(map(str, available))}")
    return root / PLANS / str(year)


def read_text(path: Path) -> str:
    """A plan file's text; unreadable, oversized or non-UTF-8 files are problems, not tracebacks."""
    try:
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise DayePlanError(
                [Problem(path, None, None, f"file is {size} bytes; plan files are at most {MAX_PLAN_BYTES}")]
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DayePlanError([Problem(path, None, None, "file not found")]) from None
    except OSError as exc:
        raise DayePlanError([Problem(path, None, None, f"cannot read: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DayePlanError([Problem(path, line, None, "not valid UTF-8 text")]) from None


def load_plan(directory: Path) -> Plan:
    """Load and check a plan folder; raise `PlanInvalid` with every problem found in it."""
    cached = plancache.open_slot(directory)  # the same plan, unparsed, while no file has changed
    if cached.plan is not None:
        return cached.plan
    problems: list[Problem] = []
    meta, _ = _load_model(directory / META, PlanMeta, problems)
    actions: list[Action] = []
    positions: dict[str, yamlfile.Located] = {}
    if meta is not None:
        for action_id in meta.actions:
            path = directory / f"{action_id}.yaml"
            action, located = _load_model(path, Action, problems)
            if action is None or located is None:
                continue
            problems.extend(_check(action, meta, action_id, located, path))
            positions[action.id] = located
            actions.append(action)
        listed = {f"{a}.yaml" for a in meta.actions} | {META}
        for stray in sorted(directory.glob("*.yaml")):
            if stray.name not in listed:
                problems.append(Problem(stray, None, None, f"action file not listed in {META} `actions`"))
        problems.extend(_plan_problems(directory, positions, check_plan(actions, meta.actions)))
    if problems or meta is None:
        raise PlanInvalid(problems)
    plan = Plan(meta=meta, actions=actions)
    cached.keep(plan)
    return plan


def _plan_problems(
    directory: Path, positions: dict[str, yamlfile.Located], found: list[tuple[str, Loc, str]]
) -> list[Problem]:
    """Problems of links across actions, placed in their files."""
    empty = yamlfile.Located({}, {}, {})
    return [
        Problem(directory / f"{action_id}.yaml", *positions.get(action_id, empty).mark(loc), message)
        for action_id, loc, message in found
    ]


def _check(action: Action, meta: PlanMeta, expected_id: str, located: yamlfile.Located, path: Path) -> list[Problem]:
    found = list(check_action(action, meta.periods))
    if action.id != expected_id:
        found.append((("id",), f"id {action.id!r} does not match the file name ({expected_id}.yaml)"))
    return [Problem(path, *located.mark(loc), message) for loc, message in found]


def _load_model(path: Path, model: type[M], problems: list[Problem]) -> tuple[M | None, yamlfile.Located | None]:
    """One file as `model`, with the positions of its values; problems are collected, not raised."""
    try:
        located = yamlfile.parse(read_text(path), path)
    except DayePlanError as exc:
        problems.extend(exc.problems)
        return None, None
    try:
        return model.model_validate(located.data), located
    except ValidationError as exc:
        problems.extend(_located_errors(exc, located, path))
        return None, located


def _located_errors(exc: ValidationError, located: yamlfile.Located, path: Path) -> list[Problem]:
    found: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_branch(part))
        kind = error["type"]
        line, col = located.mark(loc, key=kind == "extra_forbidden")
        found.append(Problem(path, line, col, _message(loc, error)))
    return sorted(set(found), key=lambda p: (p.line or 0, p.column or 0, p.message))


def _is_union_branch(part: Any) -> bool:
    # pydantic names the branch of a union it tried (e.g. 'function-before[...]'); not a YAML key.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "Decimal"})


def _message(loc: tuple[Any, ...], error: Any) -> str:
    where = ".".join(str(part) for part in loc) or "file"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}"
    if kind == "missing":
        return f"missing field {loc[-1]!r}" if loc else "missing field"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind == "enum" and "expected" in error.get("ctx", {}):
        message = f"must be one of {error['ctx']['expected']}"
    return f"{where}: {message}"
