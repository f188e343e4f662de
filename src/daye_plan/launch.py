"""The `daye-plan` entry point: answers `--version` before the command line is even imported, and
the one place the cyclic garbage collector is set.

Importing the CLI costs typer, and building its parsers costs more; a version check (scripts,
bug reports) needs neither. Start-up runs with the collector paused: importing typer, pydantic and
rich and building the parsers allocates a few hundred thousand objects that all live on, so its
passes over them (~10 ms of each start) free nothing. Once the parsers are built, what start-up
made is frozen (the collector leaves it alone), and the command runs with the collector on, its
youngest generation collected every 100,000 allocations rather than 700: a command makes its
objects in bulk and keeps most of them (a status of 10,000 indicators: a few hundred thousand
cells), and a quarter of such a status went to collections that freed nothing.
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
            streams.failed(exc)  # a full disk or a reader that left: one line, never a traceback
        return
    gc.disable()
    try:
        from daye_plan.cli import command, run

        built = command()
    finally:
        gc.freeze()
        gc.set_threshold(100_000, 50, 50)
        gc.enable()
    run(built)
