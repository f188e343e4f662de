"""Where plans live on disk, and loading them: the one plan loader.

Owns the layout — `plans/<year>/plan.yaml` + `<action-id>.yaml` for a year of one region, and a
folder per region inside the year, `plans/<year>/<region>/plan.yaml`, when a project follows
several (a year's own plan, if it has one, stays where it is beside them) — finding the project
root, the year and the region a command reads, and turning a plan folder — in the working tree, or as it was at a git revision (`storage.sources`
reads the files) — into a validated `Plan` that keeps the position of every value. Both places
get the same checks. Loading collects every problem in every file before it reports, each as
`path:line:col: message`; it never prints and never exits, and its errors name the argument
they concern (`root`, `year`) rather than a command-line flag.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from daye_plan.i18n import _, either, listing, ngettext
from daye_plan.model.errors import DayePlanError, PlanInvalid, Problem, UsageError
from daye_plan.model.plan import Action, Plan, PlanMeta
from daye_plan.model.positions import FilePositions, PlanPositions
from daye_plan.model.rules import Loc, check_action, check_plan
from daye_plan.model.values import ASCII_ID, REF
from daye_plan.storage import plancache
from daye_plan.storage.sources import Folder, PlanFiles, Revision

if TYPE_CHECKING:
    from daye_plan.storage import yamlfile

M = TypeVar("M", bound=BaseModel)

PLANS = "plans"
META = "plan.yaml"


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The project root: `explicit` (`--root`, or $DAYE_PLAN_ROOT), else the nearest folder upward
    holding plans/."""
    if explicit is not None:
        if not (explicit / PLANS).is_dir():
            raise UsageError(
                _("{path}: no {folder}/ folder there").format(path=explicit, folder=PLANS), argument="root"
            )
        return explicit
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PLANS).is_dir():
            return folder
    raise NoProject(here)


class NoProject(UsageError):
    """No plans/ folder where the search began nor above it: not inside a project."""

    def __init__(self, start: Path) -> None:
        message = _("no {folder}/ folder in {path} or above it; run inside a daye-plan project")
        super().__init__(message.format(folder=PLANS, path=start))
        self.start = start


def years(root: Path) -> list[int]:
    """The plan years under plans/: folders named by a year holding a plan, or a region's plan."""
    found = []
    for entry in (root / PLANS).iterdir():
        if entry.name.isdigit() and ((entry / META).is_file() or _region_folders(entry)):
            found.append(int(entry.name))
    return sorted(found)


def _region_folders(year_folder: Path) -> list[Path]:
    """The folders of a year that hold a region's plan, by name."""
    try:
        return sorted(
            (
                entry
                for entry in year_folder.iterdir()
                if not entry.name.startswith(".") and entry.is_dir() and (entry / META).is_file()
            ),
            key=lambda entry: entry.name,
        )
    except OSError:
        return []


def regions(root: Path, year: int) -> dict[str, Path]:
    """The regions of a plan year and their plan folders: a folder per region (named as the region),
    and the year's own plan, if it has one, by the region its plan.yaml names."""
    folder = root / PLANS / str(year)
    found = {entry.name: entry for entry in _region_folders(folder)}
    if (folder / META).is_file():
        found = {load_plan(folder).meta.region: folder, **found}
    return found


def plan_year(root: Path, year: int | None) -> int:
    """The plan year a command reads: the given one, which must have a plan, else the latest."""
    available = years(root)
    if not available:
        raise UsageError(_("{path}: no plan year with a {meta} in it").format(path=root / PLANS, meta=META))
    if year is None:
        return available[-1]
    if year not in available:
        message = _("{year}: no such plan; available: {years}").format(
            year=year, years=listing([str(y) for y in available])
        )
        raise UsageError(message, argument="year")
    return year


def plan_dir(root: Path, year: int | None, region: str | None = None) -> Path:
    """The plan folder a command reads: `plans/<year>/` (the given year, else the latest one), or its
    region's folder where the year holds several; `region` chooses, and must where there are several."""
    year = plan_year(root, year)
    folder = root / PLANS / str(year)
    if region is None and not _region_folders(folder):
        return folder  # one region, as most projects have: nothing to read to know it
    found = regions(root, year)
    if region is None:
        if len(found) == 1:
            return next(iter(found.values()))
        message = _("{year} holds the plans of several regions ({regions}); choose one")
        raise UsageError(message.format(year=year, regions=listing(list(found))), argument="region")
    chosen = region.strip()
    if chosen not in found:
        message = _("{region!r}: no such region in {year}; it holds {regions}")
        raise UsageError(message.format(region=chosen, year=year, regions=listing(list(found))), argument="region")
    return found[chosen]


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
                message = _("action file not listed in {meta} `actions`").format(meta=META)
                problems.append(Problem(files.label(stray), None, None, message))
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
        message = _("id {id!r} does not match the file name ({name})").format(id=action.id, name=f"{expected_id}.yaml")
        found.append((("id",), message))
    return [Problem(label, *located.mark(loc), message) for loc, message in found]


def _load_model(
    files: PlanFiles, name: str, model: type[M], problems: list[Problem]
) -> tuple[M | None, yamlfile.Located | None]:
    """One file as `model`, with the positions of its values; problems are collected, not raised."""
    label = files.label(name)
    try:
        from daye_plan.storage import yamlfile  # PyYAML loads only when a plan is parsed, not on a cache hit

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
            from daye_plan.storage.yamlfile import boolean_message

            message = f"{'.'.join(str(part) for part in loc)}: {boolean_message(located.booleans[loc])}"
        else:
            message = _message(loc, error)
        found.append(Problem(label, line, col, message))
    return sorted(set(found), key=lambda p: (p.line or 0, p.column or 0, p.message))


def _is_union_branch(part: Any) -> bool:
    # pydantic names the branch of a union it tried (e.g. 'function-before[...]'); not a YAML key.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "Decimal"})


def _message(loc: tuple[Any, ...], error: Any) -> str:
    """One pydantic error in our words, in the user's language: `where: what is wrong`."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return _("unknown field {field!r}").format(field=loc[-1])
    if kind == "missing":
        return _("missing field {field!r}").format(field=loc[-1]) if loc else _("missing field")
    if kind in ("value_error", "assertion_error"):  # our own validators: already our words
        message = str(error["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
    else:
        message = _expected(kind, error.get("ctx") or {}, error.get("input")) or str(error["msg"])
    where = ".".join(str(part) for part in loc)
    if not where and _TYPES.get(kind) == "mapping":
        return _("the file must be a mapping of fields (key: value lines)")
    return f"{where}: {message}" if where else message


_TYPES = {  # what a value of the wrong type should have been, by pydantic's error type
    "string_type": "text",
    "int_type": "whole",
    "int_parsing": "whole",
    "int_from_float": "whole",
    "decimal_type": "number",
    "decimal_parsing": "number",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "list_type": "list",
    "tuple_type": "list",
    "set_type": "list",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
}
_BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}
_LENGTHS = {  # pydantic's length errors, by the key of the length in their context
    "string_too_short": "min_length",
    "too_short": "min_length",
    "string_too_long": "max_length",
    "too_long": "max_length",
}


def _expected(kind: str, ctx: dict[str, Any], given: Any) -> str | None:
    """The message for one of pydantic's common error types; None for the rare others (pydantic's words)."""
    if kind in ("enum", "literal_error"):
        choices = re.findall(r"'[^']*'", str(ctx.get("expected", "")))
        if len(choices) == 1:
            return _("must be {choice}").format(choice=choices[0])
        return _("must be one of {choices}").format(choices=either(choices)) if choices else None
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == ASCII_ID:
            return _("must be an ASCII id: a-z, 0-9 and _, starting with a letter")
        if pattern == REF:
            return _("must name an indicator: its id, or action_id.indicator_id (a-z, 0-9 and _)")
        return _("must match the pattern {pattern}").format(pattern=pattern)
    if kind in _LENGTHS:
        count = int(ctx.get(_LENGTHS[kind], 0))
        if kind in ("string_too_short", "too_short") and count <= 1:
            return _("must not be empty")
        return {
            "string_too_short": ngettext(
                "must be at least {count} character long", "must be at least {count} characters long", count
            ),
            "too_short": ngettext("must have at least {count} item", "must have at least {count} items", count),
            "string_too_long": ngettext(
                "must be at most {count} character long", "must be at most {count} characters long", count
            ),
            "too_long": ngettext("must have at most {count} item", "must have at most {count} items", count),
        }[kind].format(count=count)
    if kind in _BOUNDS:
        limit = ctx.get(_BOUNDS[kind])
        return {
            "ge": _("must be at least {limit}"),
            "gt": _("must be more than {limit}"),
            "le": _("must be at most {limit}"),
            "lt": _("must be less than {limit}"),
        }[_BOUNDS[kind]].format(limit=limit)
    expected = _TYPES.get(kind)
    if expected is None:
        return None
    if given is None:
        return _("no value given")
    return {
        "text": _("must be text"),
        "whole": _("must be a whole number"),
        "number": _("must be a number"),
        "bool": _("must be true or false"),
        "mapping": _("must be a mapping of fields (key: value lines)"),
        "list": _("must be a list"),
        "date": _("must be a date written YYYY-MM-DD"),
    }[expected]
