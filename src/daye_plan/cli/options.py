"""The options several commands share, each declared once: what to read, what to show, where to write.

Owns the Typer declarations of `--year` and `--region` (after the command, as before it),
`--action`, `--period`, `--as-of`, `--lead`, and the output's `--format`, `--out`, `--force` and
`--bom`, with their help; `Format`, every format a command can write, of which each command
offers some (`cli.output` refuses the others in one line). Declarations only: no command here.
"""

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from daye_plan.cli.complete import complete_action
from daye_plan.cli.context import REGION_ENV, YEAR_ENV
from daye_plan.cli.helptext import cells
from daye_plan.i18n import _


class Format(enum.StrEnum):
    """Every format a command writes; each command offers its own (`--format`'s help lists them)."""

    table = "table"  # the screen: tables fitted to the terminal
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"
    docx = "docx"
    yaml = "yaml"
    text = "text"


YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        help=_(
            "Plan year (also before the command, or ${name}; default: the year of --as-of, else the latest)."
        ).format(name=YEAR_ENV),
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        help=_("The region, where a year holds the plans of several (also before the command, or ${name}).").format(
            name=REGION_ENV
        ),
    ),
]
ActionOption = Annotated[
    str | None,
    typer.Option(
        "--action",
        "-a",
        help=_("Action id, short name (招商引资) or title (招商引资行动)."),
        autocompletion=complete_action,
    ),
]
PeriodOption = Annotated[
    str | None, typer.Option("--period", "-p", help=_("Only this period: an id of the plan's periods (see plan.yaml)."))
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help=_("Judge progress at this date, YYYY-MM-DD (default: today, within the plan year).")),
]
LeadOption = Annotated[
    str | None,
    typer.Option("--lead", help=_("Only the targets this lead department (牵头单位) leads, e.g. 市招商服务中心.")),
]
ForceOption = Annotated[bool, typer.Option("--force", help=_("Overwrite --out if it exists."))]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=_(
            "Write to this file (relative to the current folder; never under plans/ or .git/; - for the screen); "
            "its extension names the format unless --format does."
        ),
    ),
]
BomOption = Annotated[
    bool, typer.Option("--bom", help=_("CSV: start with a UTF-8 byte order mark, so that Excel reads the Chinese."))
]


def format_option(*offered: Format, about: str = "") -> Any:
    """`--format`/`-f` for a command that offers these formats, the first its default: used as
    `Annotated[str | None, format_option(...)]`; `cli.output` refuses a format not offered."""
    names = [found.value for found in offered]
    said = _("Default: what --out's extension names, else {default}.").format(default=names[0])
    gap = "" if not about or cells(about[-1]) == 2 else " "
    return typer.Option("--format", "-f", metavar="|".join(names), help=f"{about}{gap}{said}")
