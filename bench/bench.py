"""`make bench`: time daye-plan's commands against references measured in the same run.

Builds a temporary root (never touching plans/) holding the bundled plans and N generated
actuals spread over the year and every indicator, runs each command several times in a fresh
process, and prints one table of medians, each beside its reference and goal. Usage:

    python bench/bench.py [--runs 7] [--sizes 0,10000,100000,1000000] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
HEADER = "indicator,as_of,value,unit,entered,source,note,by,at\n"

MINIMAL_APP = """
import typer, pydantic, yaml, rich
from rich.console import Console
from rich.table import Table
app = typer.Typer()
@app.command()
def show() -> None:
    table = Table("id", "name", "value")
    for n in range(50):
        table.add_row(str(n), f"row {n}", str(n * 3))
    Console().print(table)
@app.command()
def other() -> None:
    pass
app()
"""

TWO_COMMAND_APP = '''
import typer
app = typer.Typer()
@app.command()
def one(name: str) -> None:
    """First."""
@app.command()
def two(count: int = 1) -> None:
    """Second."""
app()
'''


def daye_plan() -> list[str]:
    script = Path(sys.executable).with_name("daye-plan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "daye_plan"]


def median_seconds(command: Sequence[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of `runs` fresh processes, after one warm-up run (bytecode caches written)."""
    times = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if attempt:
            times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"bench: {' '.join(command)} failed: {result.stderr.decode()[-500:]}")
    return statistics.median(times)


def make_root(base: Path, size: int, seed: int = 7) -> Path:
    """A root with the bundled plans and `size` actuals spread over all indicators and the year."""
    sys.path.insert(0, str(REPO / "src"))
    from daye_plan.model.plan import Kind
    from daye_plan.storage.plans import load_plan

    root = base / f"root-{size}"
    shutil.copytree(PLANS / "2023", root / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    plan = load_plan(root / "plans" / "2023")
    targets = [  # derived (formula) and alias (same_as) indicators are never recorded
        (action.id, indicator)
        for action in plan.actions
        for indicator in action.indicators
        if getattr(indicator, "formula", None) is None and getattr(indicator, "same_as", None) is None
    ]
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    folder = root / "plans" / "2023" / "actuals"
    folder.mkdir(parents=True)
    buffers: dict[str, list[str]] = {action.id: [HEADER] for action in plan.actions}
    for n in range(size):
        action_id, indicator = targets[n % len(targets)]
        day = start + dt.timedelta(days=rng.randrange(365))
        low, high = indicator.allowed_range
        if indicator.kind is Kind.MILESTONE:
            value = "1"
        elif high is not None:
            value = f"{rng.uniform(float(low or 0), float(high)):.1f}"
        else:
            value = str(rng.randrange(int(low or 0), int(low or 0) + 2000))
        buffers[action_id].append(
            f"{indicator.id},{day.isoformat()},{value},{indicator.unit},{value}{indicator.unit},"
            f"月报{n % 12 + 1}月,,统计员,2023-06-30T10:00:00+08:00\n"
        )
    for action_id, lines in buffers.items():
        (folder / f"{action_id}.csv").write_text("".join(lines), encoding="utf-8")
    return root


def write_journal(root: Path, path: Path) -> Path:
    """The same targets and actuals as an hledger journal: a yearly budget and one transaction a record."""
    sys.path.insert(0, str(REPO / "src"))
    from daye_plan.storage.plans import load_plan

    plan = load_plan(root / "plans" / "2023")
    lines = ["~ yearly from 2023-01-01"]
    for action in plan.actions:
        for indicator in action.indicators:
            for target in indicator.targets:
                if target.value is not None and target.period == "annual" and target.level != "力争":
                    lines.append(f"    targets:{action.id}:{indicator.id}    {target.value}")
    lines += ["    plan", ""]
    for csv_path in sorted((root / "plans" / "2023" / "actuals").glob("*.csv")):
        action_id = csv_path.stem
        for row in csv_path.read_text(encoding="utf-8").splitlines()[1:]:
            indicator, day, value = row.split(",")[:3]
            lines += [f"{day} record", f"    targets:{action_id}:{indicator}    {value}", "    plan", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


Command = tuple[list[str], dict[str, str] | None]


def interleaved(first: Command, second: Command, runs: int) -> tuple[float, float]:
    """Medians of two commands run in turns (a, b, a, b, ...) after a warm-up of each, so that a
    drift in the machine's speed (a shared machine) weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for attempt in range(runs + 1):
        for index, (command, env) in enumerate((first, second)):
            start = time.perf_counter()
            result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            if attempt:
                times[index].append(time.perf_counter() - start)
            if result.returncode != 0:
                raise SystemExit(f"bench: {' '.join(command)} failed: {result.stderr.decode()[-500:]}")
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    # Measure as a user's machine runs: with bytecode caches (some sandboxes switch them off, which
    # would charge every run for compiling daye-plan's own modules but not the references' ones).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="0,10000,100000,1000000")
    parser.add_argument("--quick", action="store_true", help="3 runs, sizes up to 100k")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = sorted({0, *(int(s) for s in args.sizes.split(","))})
    if args.quick:
        sizes = [s for s in sizes if s <= 100_000]
    tool = daye_plan()
    python = sys.executable
    rows: list[tuple[str, float, str, str, bool]] = []

    def add(name: str, value: float, reference: str, goal: str, ok: bool) -> None:
        rows.append((name, value, reference, goal, ok))

    with tempfile.TemporaryDirectory(prefix="daye-bench-") as tmp:
        base = Path(tmp)
        (base / "minimal.py").write_text(MINIMAL_APP, encoding="utf-8")
        (base / "two.py").write_text(TWO_COMMAND_APP, encoding="utf-8")
        roots = {size: make_root(base, size) for size in sizes}
        envs = {size: {**os.environ, "DAYE_PLAN_ROOT": str(root), "COLUMNS": "200"} for size, root in roots.items()}

        def ours(size: int, *command: str) -> Command:
            return [*tool, *command], envs[size]

        status = ("status", "--as-of", "2023-06-30")
        ours0, minimal = interleaved(ours(0, *status), ([python, str(base / "minimal.py"), "show"], None), runs)
        add("status, no actuals", ours0, f"minimal app {minimal:.3f}", "≤ 1.0× minimal app", ours0 <= minimal)
        version, typer_import = interleaved(ours(0, "--version"), ([python, "-c", "import typer"], None), runs)
        add(
            "--version", version, f"import typer {typer_import:.3f}", "≤ typer + 30 ms", version <= typer_import + 0.030
        )
        helped, two = interleaved(ours(0, "--help"), ([python, str(base / "two.py"), "--help"], None), runs)
        add("--help", helped, f"two-command --help {two:.3f}", "≤ 1.0×", helped <= two)

        def median_of(command: Command) -> float:
            return median_seconds(command[0], runs, command[1])

        by_size = {size: median_of(ours(size, *status, "--format", "json")) for size in sizes if size}
        for size, seconds in by_size.items():
            limit = 1.0 if size <= 100_000 else 10.0
            add(f"status, {size:,} actuals", seconds, "", f"≤ {limit:g} s", seconds <= limit)
        if 100_000 in by_size:
            hundred_k = by_size[100_000]
            hledger = shutil.which("hledger")
            if hledger:
                journal = write_journal(roots[100_000], base / "bench.journal")
                peer = median_seconds([hledger, "-f", str(journal), "balance", "--budget", "-p", "2023"], runs)
                add(
                    "status 100k vs hledger --budget",
                    hundred_k,
                    f"hledger {peer:.3f}",
                    "≤ 0.2× hledger",
                    hundred_k <= 0.2 * peer,
                )
            else:
                add("hledger bal --budget, 100k", float("nan"), "hledger not installed", "status ≤ 0.2×", True)
            validate = median_of(ours(100_000, "validate"))
            add("validate, 100,000 actuals", validate, "", "≤ 1.5 s", validate <= 1.5)
            for fmt in ("md", "html"):
                out = roots[100_000] / "reports" / f"bench.{fmt}"
                report = ours(
                    100_000, "report", "--period", "annual", "--as-of", "2023-06-30", "--format", fmt, "--out", str(out)
                )
                made, judged = interleaved(report, ours(100_000, *status, "--format", "json"), runs)
                add(
                    f"report {fmt}, 100,000 actuals",
                    made,
                    f"status {judged:.3f}",
                    "≤ 1.5× status",
                    made <= 1.5 * judged,
                )
            record = ("record", "investment", "signed_projects", "7", "--as-of", "2023-03-31", "--by", "bench")
            full, empty = interleaved(ours(100_000, *record), ours(0, *record), runs)
            add("record into 100,000 actuals", full, f"into empty {empty:.3f}", "≤ 1.1× empty", full <= 1.1 * empty)
        if 100_000 in by_size and 1_000_000 in by_size:
            ratio = by_size[1_000_000] / by_size[100_000]
            add("status 1M / 100k", ratio, "", "≤ 11 (linear)", ratio <= 11)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {runs} runs after a warm-up")
    print()
    print(f"| {'figure':<32} | {'measured':>10} | {'reference':<28} | {'goal':<24} | ok |")
    print(f"| {'-' * 32} | {'-' * 10}: | {'-' * 28} | {'-' * 24} | -- |")
    for name, value, reference, goal, ok in rows:
        shown = "—" if value != value else (f"{value:.2f}" if "/" in name else f"{value:.3f} s")
        print(f"| {name:<32} | {shown:>10} | {reference:<28} | {goal:<24} | {'✓' if ok else '✗'}  |")


if __name__ == "__main__":
    main()
