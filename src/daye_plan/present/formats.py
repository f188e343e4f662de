"""The one registry of output formats: a view, and every file format it can be written in.

Owns `View` — one result (a status, a history, the targets) in each form a format asks for: the
blocks of a screen, one flat table for a file, the records of a machine (design.md's keys, in
order), an Excel workbook — each made only when asked; and `render`, which looks a format up and
draws the view in it: Markdown, JSON, CSV, Excel. The screen's own renderer is `present.terminal`,
which the command line calls, since only it prints. A new format is one entry here; a command
offers what its view can give. Pure: never prints, never writes a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from daye_plan.present.table import Block, Records, Table


class View(NamedTuple):
    screen: Callable[[], Sequence[Block]]  # the terminal's blocks: headings, tables, notes
    table: Callable[[], Table | list[Table]] | None = None  # the flat table(s) of a file (Markdown)
    records: Callable[[], Records] | None = None  # the machine form (JSON, CSV)
    book: Callable[[], bytes] | None = None  # an Excel workbook


def _markdown(view: View) -> str:
    from daye_plan.present import markdown

    assert view.table is not None
    drawn = view.table()
    return "\n".join(markdown.table(one) for one in ([drawn] if isinstance(drawn, Table) else drawn))


def _json(view: View) -> str:
    from daye_plan.present import export

    assert view.records is not None
    return export.to_json(view.records())


def _csv(view: View) -> str:
    from daye_plan.present import export

    assert view.records is not None
    return export.to_csv(view.records())


def _xlsx(view: View) -> bytes:
    assert view.book is not None
    return view.book()


# A format's name: what of the view it needs, and how it is drawn from it.
FILES: dict[str, tuple[str, Callable[[View], str | bytes]]] = {
    "md": ("table", _markdown),
    "json": ("records", _json),
    "csv": ("records", _csv),
    "xlsx": ("book", _xlsx),
}


def render(view: View, name: str) -> str | bytes:
    """The view in the file format `name` (one the command offers, not the screen's)."""
    return FILES[name][1](view)
