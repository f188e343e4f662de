"""Where plans live on disk, and loading them: the one plan loader.

Owns the layout `plans/<year>/plan.yaml` + `<action-id>.yaml`, finding the project root, and
turning a plan folder — in the working tree, or as it was at a git revision (`storage.sources`
reads the files) — into a validated `Plan` that keeps the position of every value. Both places
get the same checks. Loading collects every problem in every file before it reports, each as
`path:line:col: message`; it never prints and never exits, and its errors name the argument
they concern (`root`, `year`) rather than a command-line flag.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from daye_plan.model.errors import DayePlanError, PlanInvalid, Problem, UsageError
from daye_plan.model.plan import Action, Plan, PlanMeta
from daye_plan.model.positions import FilePositions, PlanPositions
from daye_plan.model.rules import Loc, check_action, check_plan
from daye_plan.storage import plancache, yamlfile
from daye_plan.storage.sources import Folder, PlanFiles, Revision

M = TypeVar("M", bound=BaseModel)

PLANS = "plans"
META = "plan.yaml"
ROOT_ENV = "DAYE_PLAN_ROOT"


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The project root: `--root`, else $DAYE_PLAN_ROOT, else the nearest folder upward holding plans/."""
    if explicit is None and os.environ.get(ROOT_ENV):
        explicit = Path(os.environ[ROOT_ENV])
    if explicit is not None:
        if not (explicit / PLANS).is_dir():
            raise UsageError(f"{explicit}: no {PLANS}/ folder there", argument="root")
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
        raise UsageError(f"{year}: no such plan; available: {', '.join(map(str, available))}", argument="year")
    return root / PLANS / str(year)


def load_plan(directory: Path) -> Plan:
    """Load and check a plan folder; raise `PlanInvalid` with every problem found in it."""
    cached = plancache.open_slot(directory)  # the same plan, unparsed, while no file has changed
    if cached.plan is not None:
        return cached.plan
    plan = load(Folder(directory))
    cached.keep(plan)
    return plan


def load_plan_at(root: Path, plan_dir: Path, revision: str) -> Plan | None:
    """The plan folder `plan_dir` as it was at git `revision`, with the same checks; None if it had no plan then."""
    files = Revision.at(root, plan_dir, revision)
    return load(files) if META in files.names() else None


def load(files: PlanFiles) -> Plan:
    """Load and check the plan in `files`; raise `PlanInvalid` with every problem found in it."""
    problems: list[Problem] = []
    meta, meta_file = _load_model(files, META, PlanMeta, problems)
    actions: list[Action] = []
    positions: dict[str, FilePositions] = {}
    if meta is not None:
        for action_id in meta.actions:
            name = f"{action_id}.yaml"
            action, located = _load_model(files, name, Action, problems)
            if action is None and problems and problems[-1] == Problem(files.label(name), None, None, "file not found"):
                missing = f"file not found, but {META} lists {action_id!r} in `actions`: add the file or remove the id"
                problems[-1] = Problem(files.label(name), None, None, missing)
            if action is None or located is None:
                continue
            problems.extend(_check(action, meta, action_id, located, files.label(name)))
            positions[action.id] = located.positions
            actions.append(action)
        listed = {f"{a}.yaml" for a in meta.actions} | {META}
        for stray in files.names():
            if stray.endswith(".yaml") and stray not in listed:
                problems.append(Problem(files.label(stray), None, None, f"action file not listed in {META} `actions`"))
        problems.extend(_plan_problems(files, positions, check_plan(actions, meta.actions)))
    if problems or meta is None:
        raise PlanInvalid(problems)
    located_meta = meta_file.positions if meta_file is not None else None
    return Plan(meta=meta, actions=actions, positions=PlanPositions(located_meta, positions))


def _plan_problems(
    files: PlanFiles, positions: dict[str, FilePositions], found: list[tuple[str, Loc, str]]
) -> list[Problem]:
    """Problems of links across actions, placed in their files."""
    problems = []
    for action_id, loc, message in found:
        label = files.label(f"{action_id}.yaml")
        where = positions.get(action_id, FilePositions(label))
        problems.append(Problem(label, *where.mark(loc), message))
    return problems


def _check(
    action: Action, meta: PlanMeta, expected_id: str, located: yamlfile.Located, label: Path | str
) -> list[Problem]:
    found = list(check_action(action, meta.periods))
    if action.id != expected_id:
        found.append((("id",), f"id {action.id!r} does not match the file name ({expected_id}.yaml)"))
    return [Problem(label, *located.mark(loc), message) for loc, message in found]


def _load_model(
    files: PlanFiles, name: str, model: type[M], problems: list[Problem]
) -> tuple[M | None, yamlfile.Located | None]:
    """One file as `model`, with the positions of its values; problems are collected, not raised."""
    label = files.label(name)
    try:
        located = yamlfile.parse(files.read(name), label)
    except DayePlanError as exc:
        problems.extend(exc.problems)
        return None, None
    try:
        return model.model_validate(located.data), located
    except ValidationError as exc:
        problems.extend(_located_errors(exc, located, label))
        return None, located


def _located_errors(exc: ValidationError, located: yamlfile.Located, label: Path | str) -> list[Problem]:
    found: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_branch(part))
        kind = error["type"]
        line, col = located.mark(loc, key=kind == "extra_forbidden")
        if loc in located.booleans and kind != "extra_forbidden":
            message = f"{'.'.join(str(part) for part in loc)}: {yamlfile.boolean_message(located.booleans[loc])}"
        else:
            message = _message(loc, error)
        found.append(Problem(label, line, col, message))
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
