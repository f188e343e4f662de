"""The bare app `make bench` measures daye-plan's start-up against: Typer, pydantic, PyYAML and rich,
the frameworks daye-plan is built on, imported and used for a trivial command.

`baseline_app.py show` reads three rows from a YAML text, validates them with a pydantic model
and prints them, with 47 more, as a rich table: what any app on these frameworks pays to start
and print, with none of daye-plan's own work. `other` is a second command, so that Typer builds a
group as it does for daye-plan.
"""

import pydantic
import typer
import yaml
from rich.console import Console
from rich.table import Table

ROWS = "- {id: 1, name: one, value: 3}\n- {id: 2, name: two, value: 6}\n- {id: 3, name: three, value: 9}\n"


class Row(pydantic.BaseModel):
    id: int
    name: str
    value: int


app = typer.Typer()


@app.command()
def show() -> None:
    rows = [Row.model_validate(item) for item in yaml.safe_load(ROWS)]
    rows += [Row(id=n, name=f"row {n}", value=n * 3) for n in range(4, 51)]
    table = Table("id", "name", "value")
    for row in rows:
        table.add_row(str(row.id), row.name, str(row.value))
    Console().print(table)


@app.command()
def other() -> None:
    pass


if __name__ == "__main__":
    app()
