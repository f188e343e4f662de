"""`make torture`: minutes of killed and concurrent writers, then proof that no record was lost or doubled.

On a scratch root (a temporary folder; never the project's plans/), rounds alternate until the
time is up (TORTURE_SECONDS, default 600):

- kill rounds: a dozen `record` and `import` processes (an import spans two stores), many told
  to pause inside their write (DAYE_PLAN_PAUSE_MID_WRITE, DAYE_PLAN_PAUSE_BETWEEN_STORES), each
  SIGKILLed at a random moment or left to finish; then `validate --repair`;
- concurrency rounds: many `record` and `import` processes started at once, none killed.

Every record carries a unique note. At the end `validate --repair` and `validate` run, and the
stores are read back: a process that exited 0 must have each of its records exactly once; one
that was refused (exit 2) none; one that was killed all of its records or none (an import's two
stores together). Prints a summary; exits 1 if anything was lost, doubled or half-imported.
Not part of `make test`: run it as `make torture`.
"""

from __future__ import annotations

import collections
import csv
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

META = """\
region: 测试市
year: 2023
title: 测试方案
source: source.txt
version: "1"
actions: [alpha, beta]
periods:
  annual: {label: 全年, start: 2023-01-01, end: 2023-12-31}
"""
ACTION = """\
id: {id}
name: {name}
title: {name}行动
theme: 测试
indicators:
  - id: hours
    name: {name}时间
    unit: 小时
    kind: level
    targets:
      - {{period: annual, cmp: "<=", value: 80, quote: 压减至80小时以内}}
"""
ENV = {"DAYE_PLAN_TODAY": "2023-12-31"}


@dataclass
class Op:
    """One process: what it should write (notes per store) and how it ended."""

    kind: str  # record or import
    notes: list[str]
    returncode: int | None = None
    killed: bool = False
    stderr: str = ""


@dataclass
class Tally:
    ops: list[Op] = field(default_factory=list)
    rounds: collections.Counter[str] = field(default_factory=collections.Counter)
    repaired: int = 0
    journals: int = 0  # left by imports killed between journal and end, found after a round


def make_root(base: Path) -> Path:
    folder = base / "plans" / "2023"
    folder.mkdir(parents=True)
    (folder / "plan.yaml").write_text(META, encoding="utf-8")
    (folder / "source.txt").write_text("压减至80小时以内", encoding="utf-8")
    for action_id, name in (("alpha", "招商引资"), ("beta", "项目建设")):
        (folder / f"{action_id}.yaml").write_text(ACTION.format(id=action_id, name=name), encoding="utf-8")
    return base


class Campaigns:
    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng, self.tally, self.serial = root, rng, Tally(), 0

    def uid(self) -> str:
        self.serial += 1
        return f"u{self.serial:07d}"

    def day(self) -> str:
        return f"2023-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def command(self, pause: bool) -> tuple[list[str], Op, dict[str, str]]:
        env = dict(ENV)
        if pause:
            env["DAYE_PLAN_PAUSE_MID_WRITE"] = f"{self.rng.uniform(0.05, 0.6):.2f}"
        if self.rng.random() < 0.6:
            note, action = self.uid(), self.rng.choice(["alpha", "beta"])
            value = str(self.rng.randint(60, 120))
            args = ["record", action, "hours", value, "--as-of", self.day(), "--note", note, "--by", "torture"]
            return args, Op("record", [note]), env
        notes = [self.uid(), self.uid()]
        sheet = self.root / f"sheet-{notes[0]}.csv"
        rows = [
            f"{name},hours,{self.rng.randint(60, 120)},{self.day()},{note}"
            for name, note in zip(("招商引资", "项目建设"), notes, strict=True)
        ]
        sheet.write_text("行动,指标ID,填报数值,截至日期,备注\n" + "\n".join(rows) + "\n", encoding="utf-8")
        if pause:
            env["DAYE_PLAN_PAUSE_BETWEEN_STORES"] = f"{self.rng.uniform(0.05, 0.6):.2f}"
        return ["import", str(sheet), "--by", "torture"], Op("import", notes), env

    def start(self, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        environment = {**os.environ, "DAYE_PLAN_ROOT": str(self.root), **env}
        return subprocess.Popen(
            [sys.executable, "-m", "daye_plan", *args],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def run_round(self, count: int, kill: bool) -> None:
        started = []
        for _ in range(count):
            args, op, env = self.command(pause=kill and self.rng.random() < 0.7)
            # a dozen interpreters starting at once on two cores take seconds to reach their write
            started.append((self.start(args, env), op, time.monotonic() + self.rng.uniform(0.5, 6.0)))
        if kill:
            for proc, op, when in sorted(started, key=lambda item: item[2]):
                time.sleep(max(0.0, when - time.monotonic()))
                if self.rng.random() < 0.6 and proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    op.killed = True
        for proc, op, _ in started:
            _, stderr = proc.communicate(timeout=300)
            op.returncode, op.stderr = proc.returncode, stderr.decode("utf-8", "replace").strip()
            op.killed = op.killed and proc.returncode == -signal.SIGKILL
            self.tally.ops.append(op)
        self.tally.rounds["kill" if kill else "concurrency"] += 1
        self.tally.journals += len(list((self.root / "plans" / "2023" / "actuals").glob(".import-*.journal")))
        self.repair()

    def repair(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "daye_plan", "validate", "--repair"],
            env={**os.environ, "DAYE_PLAN_ROOT": str(self.root), **ENV},
            capture_output=True,
            text=True,
            check=False,
        )
        self.tally.repaired += result.stdout.count("repaired:")
        if result.returncode != 0:
            raise SystemExit(f"validate --repair failed: {result.stdout}{result.stderr}")


def stored_notes(root: Path) -> collections.Counter[str]:
    found: collections.Counter[str] = collections.Counter()
    for store in sorted((root / "plans" / "2023" / "actuals").glob("*.csv")):
        for row in list(csv.reader(io.StringIO(store.read_text(encoding="utf-8"))))[1:]:
            found[row[6]] += 1
    return found


def check(root: Path, tally: Tally) -> list[str]:
    """Every violation of the rules in the module docstring, as readable lines."""
    found = stored_notes(root)
    wrong = []
    for op in tally.ops:
        counts = [found[note] for note in op.notes]
        if any(count > 1 for count in counts):
            wrong.append(f"duplicated: {op.kind} {op.notes} {counts}")
        elif op.returncode == 0 and counts != [1] * len(counts):
            wrong.append(f"lost: {op.kind} {op.notes} exited 0 but is stored {counts}")
        elif op.killed and len(set(counts)) > 1:
            wrong.append(f"half-written: {op.kind} {op.notes} killed, stored {counts}")
        elif not op.killed and op.returncode != 0 and any(counts):
            wrong.append(f"refused yet written: {op.kind} {op.notes} exit {op.returncode}: {op.stderr}")
        elif not op.killed and op.returncode not in (0, 2):
            wrong.append(f"unexpected exit {op.returncode}: {op.kind}: {op.stderr[-300:]}")
    journals = list((root / "plans" / "2023" / "actuals").glob(".import-*.journal"))
    if journals:
        wrong.append(f"journals left: {journals}")
    return wrong


def main() -> int:
    seconds = float(os.environ.get("TORTURE_SECONDS", "600"))
    seed = int(os.environ.get("TORTURE_SEED", str(int(time.time()))))
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="daye-torture-") as scratch:
        root = make_root(Path(scratch))
        campaigns = Campaigns(root, rng)
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            kill = campaigns.tally.rounds["kill"] <= campaigns.tally.rounds["concurrency"]
            campaigns.run_round(12 if kill else 24, kill)
        campaigns.repair()
        final = subprocess.run(
            [sys.executable, "-m", "daye_plan", "validate"],
            env={**os.environ, "DAYE_PLAN_ROOT": str(root), **ENV},
            capture_output=True,
            text=True,
            check=False,
        )
        tally = campaigns.tally
        wrong = check(root, tally)
        if final.returncode != 0:
            wrong.append(f"validate: {final.stdout}{final.stderr}")
        ops = tally.ops
        by_outcome = collections.Counter(
            "killed" if op.killed else "exit 0" if op.returncode == 0 else f"exit {op.returncode}" for op in ops
        )
        found = stored_notes(root)
        killed_written = sum(1 for op in ops if op.killed and all(found[note] for note in op.notes))
        print(f"torture: {time.monotonic() - began:.0f} s, seed {seed}")
        print(f"  rounds: {tally.rounds['kill']} kill, {tally.rounds['concurrency']} concurrency")
        print(
            f"  processes: {len(ops)} ({sum(op.kind == 'record' for op in ops)} record, {sum(op.kind == 'import' for op in ops)} import)"
        )
        print(f"  outcomes: {', '.join(f'{k} {v}' for k, v in sorted(by_outcome.items()))}")
        print(
            f"  killed with all their records in: {killed_written}; with none: {by_outcome['killed'] - killed_written}"
        )
        refusals = collections.Counter(op.stderr.split(": ")[-1][:60] for op in ops if op.returncode == 2)
        for message, count in refusals.most_common(3):
            print(f"  refused {count}x: …{message}")
        print(
            f"  torn tails moved aside by --repair: {tally.repaired}; import journals left by kills: {tally.journals}"
        )
        print(f"  records in the stores: {sum(found.values())}; final validate: {final.stdout.strip()}")
        print("  lost 0, duplicated 0, half-imported 0" if not wrong else f"  {len(wrong)} VIOLATIONS:")
        for line in wrong[:20]:
            print(f"    {line}")
        return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
