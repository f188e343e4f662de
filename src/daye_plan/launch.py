"""The `daye-plan` entry point: answers `--version` before the command line is even imported.

Importing the CLI costs typer, and building its parsers costs more; a version check (scripts,
bug reports) needs neither.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from daye_plan import __version__

        print(f"daye-plan {__version__}")
        return
    from daye_plan.cli import main as run

    run()
