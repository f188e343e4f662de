"""`make bench`: time daye-plan's commands against references measured in the same run.

Builds a temporary root (never touching plans/) holding the bundled plans and N generated
actuals (bench/generate.py: month-end series, notes with commas and quotes, corrections), and
a second root with a generated plan of 10,000 indicators (its status timed plain, as a pipe or a
file gets it, and in colour, as a terminal does), a province of 100 generated counties of 200
targets and twelve figures a target (`overview` against one county's `status`), and a 1 MB published text for `draft` (the
bundled source and the gathered texts, repeated); runs each command several times in a
fresh process, and prints one table of medians, each beside its reference and goal. Each row
times exactly the command it names: "status" is the status table, as a user types it. The
warm-up run leaves the validated plan and what it read of each store in the user's cache (a
folder of the temporary root), as any run does; the "plan edited" row times a run that finds no
plan there, and the "cache off" rows runs that parse every store, as the first run after a
store changed parses that store. Start-up is set against
bench/baseline_app.py, a bare Typer + pydantic + PyYAML + rich app printing a table (goal: within
1.15× of it), and status over 100,000 records against hledger's `balance --budget` over the same
records as a journal (goal: a tenth of its time). A reference that cannot be measured here
(hledger not installed) is "✗ not measured", never a pass. Usage:

    python bench/bench.py [--runs 7] [--sizes 0,10000,100000,1000000] [--indicators 10000] [--counties 100] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # bench/ is not a package: its folder is on the path
import province

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
BASELINE_APP = Path(__file__).resolve().with_name("baseline_app.py")  # Typer, pydantic, PyYAML and rich, bare

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


Command = tuple[list[str], dict[str, str] | None]


def run_once(command: Command) -> float:
    start = time.perf_counter()
    result = subprocess.run(command[0], env=command[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command[0])} failed: {result.stderr.decode()[-500:]}")
    return elapsed


def median_seconds(command: Command, runs: int) -> float:
    """Median wall time of `runs` fresh processes, after one warm-up run (bytecode caches written)."""
    run_once(command)
    return statistics.median(run_once(command) for _ in range(runs))


def interleaved(first: Command, second: Command, runs: int) -> tuple[float, float]:
    """Medians of two commands run in turns (a, b, a, b, ...) after a warm-up of each, so that a
    drift in the machine's speed (a shared machine) weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for attempt in range(runs + 1):
        for index, command in enumerate((first, second)):
            elapsed = run_once(command)
            if attempt:
                times[index].append(elapsed)
    return statistics.median(times[0]), statistics.median(times[1])


def _load_plan(folder: Path) -> object:
    sys.path.insert(0, str(REPO / "src"))
    from daye_plan.storage.plans import load_plan

    return load_plan(folder)


def make_root(base: Path, size: int, seed: int = 7) -> tuple[Path, int]:
    """A root with the bundled plans and `size` generated actuals; with how many need CSV quoting."""
    root = base / f"root-{size}"
    shutil.copytree(PLANS / "2023", root / "plans" / "2023", ignore=shutil.ignore_patterns("actuals"))
    folder = root / "plans" / "2023" / "actuals"
    quoted = generate.write_actuals(_load_plan(root / "plans" / "2023"), folder, size, seed)
    return root, quoted


def make_large_root(base: Path, indicators: int) -> Path:
    """A root with a generated plan of `indicators` indicators and two records for each recorded one."""
    root = base / f"plan-{indicators}"
    folder = root / "plans" / str(generate.YEAR)
    generate.write_large_plan(folder, indicators)
    generate.write_actuals(_load_plan(folder), folder / "actuals", 2 * indicators)
    return root


def write_journal(root: Path, path: Path) -> Path:
    """The same targets and actuals as an hledger journal: a yearly budget and one transaction a record."""
    plan = _load_plan(root / "plans" / "2023")
    lines = ["~ yearly from 2023-01-01"]
    for action in plan.actions:  # type: ignore[attr-defined]
        for indicator in action.indicators:
            for target in indicator.targets:
                if target.value is not None and target.period == "annual" and target.level != "力争":
                    lines.append(f"    targets:{action.id}:{indicator.id}    {target.value}")
    lines += ["    plan", ""]
    for csv_path in sorted((root / "plans" / "2023" / "actuals").glob("*.csv")):
        action_id = csv_path.stem
        with open(csv_path, encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            next(rows)
            for indicator, day, value, *_ in rows:
                lines += [f"{day} record", f"    targets:{action_id}:{indicator}    {value}", "    plan", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@dataclass
class Row:
    name: str
    value: float | None  # seconds, or a ratio for a name with "/"; None: not measured
    reference: str
    goal: str
    ok: bool | None  # None: a reference is missing, so the goal is not measured

    def cells(self) -> tuple[str, str, str, str, str]:
        shown = "—" if self.value is None else f"{self.value:.2f}" if "/" in self.name else f"{self.value:.3f} s"
        verdict = "✗ not measured" if self.ok is None else ("✓" if self.ok else "✗")
        return self.name, shown, self.reference, self.goal, verdict


def write_draft_text(path: Path, size: int) -> Path:
    """A published text of `size` bytes: the bundled source and the gathered texts, over and over."""
    gathered = sorted((REPO / "tests" / "fixtures" / "draft").glob("*.txt"))
    parts = [(PLANS / "2023" / "source.txt").read_text(encoding="utf-8")]
    parts += [p.read_bytes().decode("utf-8", "ignore").partition("\n")[2] for p in gathered]
    unit = "\n".join(parts).encode("utf-8")
    data = (unit * (size // len(unit) + 1))[:size].decode("utf-8", "ignore")
    path.write_text(data, encoding="utf-8")
    return path


def print_table(rows: list[Row]) -> None:
    header = ("figure", "measured", "reference", "goal", "ok")
    cells = [row.cells() for row in rows]
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(5)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("| " + " | ".join(("-" * (w - 1) + ":") if i == 1 else "-" * w for i, w in enumerate(widths)) + " |")
    for c in cells:
        shown = [
            c[0].ljust(widths[0]),
            c[1].rjust(widths[1]),
            *(x.ljust(w) for x, w in zip(c[2:], widths[2:], strict=True)),
        ]
        print("| " + " | ".join(shown) + " |")


def main() -> None:
    # Measure as a user's machine runs: with bytecode caches (some sandboxes switch them off, which
    # would charge every run for compiling daye-plan's own modules but not the references' ones).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="0,10000,100000,1000000")
    parser.add_argument("--indicators", type=int, default=10_000, help="size of the generated plan (0: skip)")
    parser.add_argument("--quick", action="store_true", help="3 runs, sizes up to 100k")
    parser.add_argument("--counties", type=int, default=100, help="counties of the province overview (0: skip)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = sorted({0, *(int(s) for s in args.sizes.split(","))})
    if args.quick:
        sizes = [s for s in sizes if s <= 100_000]
    tool = daye_plan()
    python = sys.executable
    rows: list[Row] = []

    def add(name: str, value: float | None, reference: str, goal: str, ok: bool | None) -> None:
        rows.append(Row(name, value, reference, goal, ok))
        print(f"bench: {name}: {'—' if value is None else f'{value:.3f}'}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="daye-bench-") as tmp:
        base = Path(tmp)
        (base / "two.py").write_text(TWO_COMMAND_APP, encoding="utf-8")
        made = {size: make_root(base, size) for size in sizes}
        roots = {size: root for size, (root, _) in made.items()}
        quoted = {size: share for size, (_, share) in made.items()}
        common = {**os.environ, "COLUMNS": "200", "XDG_CACHE_HOME": str(base / "cache")}
        envs = {size: {**common, "DAYE_PLAN_ROOT": str(root)} for size, root in roots.items()}

        def ours(size: int, *command: str) -> Command:
            return [*tool, *command], envs[size]

        status = ("status", "--as-of", "2023-06-30")  # the table: what a user types
        bare = ([python, str(BASELINE_APP), "show"], None)
        # Start-up, each run a fresh process: the plan found in the plan cache, as any run after the
        # first finds it; then the first run after a plan file changed, which parses and validates it.
        started, baseline = interleaved(ours(0, *status), bare, runs)
        add(
            "status start-up / bare app",
            started / baseline,
            f"status {started:.3f} s, bare app {baseline:.3f} s",
            "≤ 1.15×",
            started <= 1.15 * baseline,
        )
        uncached = ([*tool, *status], {**envs[0], "DAYE_PLAN_CACHE": "off"})
        fresh, baseline = interleaved(uncached, bare, runs)
        add(
            "status, plan edited / bare app",
            fresh / baseline,
            f"status {fresh:.3f} s, bare app {baseline:.3f} s",
            "≤ 1.15×",
            fresh <= 1.15 * baseline,
        )
        version, typer_import = interleaved(ours(0, "--version"), ([python, "-c", "import typer"], None), runs)
        add(
            "--version", version, f"import typer {typer_import:.3f}", "≤ typer + 30 ms", version <= typer_import + 0.030
        )
        helped, two = interleaved(ours(0, "--help"), ([python, str(base / "two.py"), "--help"], None), runs)
        add("--help", helped, f"two-command --help {two:.3f}", "≤ 1.0×", helped <= two)

        by_size = {size: median_seconds(ours(size, *status), runs) for size in sizes if size}
        for size, seconds in by_size.items():
            limit = 1.0 if size <= 100_000 else 10.0
            add(f"status, {size:,} actuals", seconds, "", f"≤ {limit:g} s", seconds <= limit)
        # The first run after a store changed parses it: with the cache off, every store is parsed.
        parsed = {
            size: median_seconds(([*tool, *status], {**envs[size], "DAYE_PLAN_CACHE": "off"}), runs)
            for size in sizes
            if size >= 100_000
        }
        for size, seconds in parsed.items():
            limit = 1.0 if size <= 100_000 else 10.0
            add(f"status, {size:,} actuals, cache off", seconds, "", f"≤ {limit:g} s", seconds <= limit)
        if 100_000 in by_size:
            hledger = shutil.which("hledger")
            name = "status 100k / hledger --budget"
            if hledger:
                journal = write_journal(roots[100_000], base / "bench.journal")
                budget = ([hledger, "-f", str(journal), "balance", "--budget", "-p", "2023"], None)
                ran, peer = interleaved(ours(100_000, *status), budget, runs)
                add(name, ran / peer, f"status {ran:.3f} s, hledger {peer:.3f} s", "≤ 0.1×", ran <= 0.1 * peer)
                off = ([*tool, *status], {**envs[100_000], "DAYE_PLAN_CACHE": "off"})
                ran, peer = interleaved(off, budget, runs)
                add(
                    f"{name}, cache off",
                    ran / peer,
                    f"status {ran:.3f} s, hledger {peer:.3f} s",
                    "≤ 0.2×",
                    ran <= 0.2 * peer,
                )
            else:
                add(name, None, "hledger not installed: not measured", "≤ 0.1×", None)
            validate = median_seconds(ours(100_000, "validate"), runs)
            add("validate, 100,000 actuals", validate, "", "≤ 1.5 s", validate <= 1.5)
            for fmt in ("md", "html"):
                out = roots[100_000] / "reports" / f"bench.{fmt}"
                report = ours(
                    100_000,
                    "report",
                    "--period",
                    "annual",
                    "--as-of",
                    "2023-06-30",
                    "--format",
                    fmt,
                    "--out",
                    str(out),
                    "--force",
                )
                made_in, judged = interleaved(report, ours(100_000, *status), runs)
                add(
                    f"report {fmt}, 100,000 actuals",
                    made_in,
                    f"status {judged:.3f}",
                    "≤ 1.5× status",
                    made_in <= 1.5 * judged,
                )
            # --confirm: 7 projects by 03-31 under the generated series may be doubted; the write is timed either way
            record = (
                "record",
                "investment",
                "signed_projects",
                "7",
                "--as-of",
                "2023-03-31",
                "--by",
                "bench",
                "--confirm",
            )
            full, empty = interleaved(ours(100_000, *record), ours(0, *record), runs)
            add("record into 100,000 actuals", full, f"into empty {empty:.3f}", "≤ 1.1× empty", full <= 1.1 * empty)
        if args.indicators:
            large = make_large_root(base, args.indicators)
            env = {**common, "DAYE_PLAN_ROOT": str(large)}
            few = min(runs, 3)  # seconds a run: three turns are enough to see the ratio
            size = f"{args.indicators:,} indicators"
            table = ([*tool, *status], env)
            check = ([*tool, "validate"], env)

            def within_twice(name: str, measured: Command, reference: Command, called: str) -> None:
                value, against = interleaved(measured, reference, few)
                add(f"{name}, {size}", value, f"{called} {against:.3f}", f"≤ 2× {called}", value <= 2 * against)

            within_twice("status", table, check, "validate")
            # the same table as a colour terminal gets it (FORCE_COLOR: colours into the pipe)
            within_twice("status in colour", ([*tool, *status], {**env, "FORCE_COLOR": "1"}), check, "validate")
            within_twice("status json", ([*tool, *status, "--format", "json"], env), check, "validate")
            report = [*tool, "report", "--as-of", "2023-06-30", "--format", "md"]  # mid-year: 双过半 too
            within_twice("report md", (report, env), table, "status")
        if 100_000 in parsed and 1_000_000 in parsed:
            ratio = parsed[1_000_000] / parsed[100_000]
            add("status 1M / 100k, cache off", ratio, "", "≤ 11 (linear)", ratio <= 11)
        if args.counties:
            uncached: list[tuple[float, float]] = []

            def timed(first: tuple[list[str], Path], second: tuple[list[str], Path]) -> tuple[float, float]:
                def command(given: tuple[list[str], Path], **extra: str) -> Command:
                    return [*tool, *given[0]], {**common, "DAYE_PLAN_ROOT": str(given[1]), **extra}

                off = {"DAYE_PLAN_CACHE": "off"}
                uncached.append(interleaved(command(first, **off), command(second, **off), min(runs, 3)))
                return interleaved(command(first), command(second), min(runs, 3))

            whole, one = province.measure(base, args.counties, 200, _load_plan, timed)
            province_name = f"overview, {args.counties} counties × 200 targets × 12 figures"
            for suffix, (overall, county) in (("", (whole, one)), (", cache off", uncached[0])):
                add(
                    province_name + suffix,
                    overall,
                    f"one county's status {county:.3f}",
                    "≤ 2× status a county",
                    overall <= 2 * county * args.counties,
                )
        text = write_draft_text(base / "draft-1MB.txt", 1_000_000)
        drafted = median_seconds(([*tool, "draft", str(text), "--format", "json"], common), min(runs, 3))
        add("draft, a 1 MB text", drafted, "", "≤ 3 s", drafted <= 3.0)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {runs} runs after a warm-up")
    shares = ", ".join(f"{size:,}: {quoted[size] / size:.0%}" for size in sizes if size)
    if shares:
        print(f"generated records needing CSV quoting (commas, quotes in notes and sources): {shares}")
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
