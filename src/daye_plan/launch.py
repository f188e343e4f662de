"""The `daye-plan` entry point: answers `--version` before the command line is even imported.

Importing the CLI costs typer, and building its parsers costs more; a version check (scripts,
bug reports) needs neither. Start-up runs with the cyclic garbage collector paused: importing
typer, pydantic and rich and building the parsers allocates a few hundred thousand objects
that all live on, so its passes over them (~10 ms of each start) free nothing. The command
itself runs with the collector on again (`daye_plan.cli` sees to it).
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from daye_plan import __version__, streams

        try:
            print(f"daye-plan {__version__}", flush=True)
        except OSError as exc:
            streams.failed(exc)
        return
    gc.disable()
    try:
        from daye_plan.cli import main as run
    except BaseException:
        gc.enable()
        raise
    run()
