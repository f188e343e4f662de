"""Commands across regions: overview (the prefecture's comparison) and measures (the catalogue it aligns on)."""

from pathlib import Path
from typing import Annotated

import typer

from daye_plan.cli.app import app, handled
from daye_plan.cli.context import project
from daye_plan.cli.options import AsOfOption, ForceOption, Format, OutOption, YearOption, format_option
from daye_plan.cli.output import Output
from daye_plan.i18n import _
from daye_plan.model.errors import UsageError

OVERVIEW = [Format.table, Format.json, Format.csv, Format.md, Format.xlsx]
LISTS = [Format.table, Format.json, Format.csv, Format.md]


@app.command(
    "overview",
    help=_(
        "Compare the regions of a plan year on their common indicators (共同指标), each judged by its own plan.\n"
        "\n"
        "One row per common measure that two regions or more hold (by the code a plan gives an indicator, else "
        "the catalogue's name it bears: see `daye-plan measures`), with each region's target, figure, date, "
        "light and 位次. Regions are ranked by how far they stand ahead of their own target: a paced amount by "
        "完成率 minus 序时进度, a rate by its 百分点 over the target; a region without a figure is not ranked. "
        "Indicators with no code, and common measures only one region holds, are listed apart, never guessed.\n"
        "\n"
        "Example: daye-plan overview --year 2025 --as-of 2025-06-30 --format xlsx --out 对比.xlsx"
    ),
)
@handled
def overview(
    ctx: typer.Context,
    year: YearOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[str | None, format_option(*OVERVIEW, about=_("xlsx: an Excel workbook, with --out."))] = None,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan overview --help`.
    from daye_plan.ops import entry
    from daye_plan.ops import overview as ops
    from daye_plan.present import overview as view
    from daye_plan.storage import plans

    here = project(ctx, year=year, as_of=as_of)
    output = Output.chosen(here.root.resolve(), fmt, out, force, OVERVIEW)
    plan_year = plans.plan_year(here.root, here.year()[0])
    found = plans.regions(here.root, plan_year)
    if len(found) < 2:
        message = _(
            "{year} holds one region's plan ({region}); an overview compares two or more: "
            "add one with `daye-plan init --year {year} --region <name>`"
        )
        raise UsageError(message.format(year=plan_year, region=", ".join(found)), argument="year")
    day = entry.judgement_day(as_of, plan_year)
    compared = ops.overview(ops.judged_regions(here.root, plan_year, day), day)
    output.emit(view.formats(compared, plan_year))


@app.command(
    "measures",
    help=_(
        "List the catalogue of common indicators (共同指标) that `overview` aligns regions on: each measure's "
        "code, its name and the other names it goes by, its unit and which way is better.\n"
        "\n"
        "An indicator is the measure whose name (abbreviations written out: 规上 = 规模以上, 社零 = "
        "社会消费品零售总额) and unit it bears, or the one its `code:` names.\n"
        "\n"
        "Example: daye-plan measures --format csv --out 共同指标.csv"
    ),
)
@handled
def measures(
    ctx: typer.Context,
    fmt: Annotated[str | None, format_option(*LISTS)] = None,
    out: OutOption = None,
    force: ForceOption = False,
) -> None:
    # The help above is the command's docstring, translated: see `daye-plan measures --help`.
    from daye_plan.cli.context import where
    from daye_plan.present import overview as view
    from daye_plan.present.formats import View
    from daye_plan.storage.plans import find_root

    given = where(ctx).root
    try:
        root = find_root(given)
    except UsageError:
        if given is not None:
            raise
        root = Path.cwd()  # the catalogue needs no project; a file is still never written into one
    output = Output.chosen(root.resolve(), fmt, out, force, LISTS)
    output.emit(View(lambda: [view.catalogue()], table=view.catalogue, records=view.catalogue_records))
