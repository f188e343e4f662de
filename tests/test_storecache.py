"""The store cache never changes what a read gives: appends, edits, plan changes, problems and
broken entries all show, and a read it serves equals a fresh one."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import BUNDLED, MINI_ACTION, write_plan

from daye_plan.model.plan import Action
from daye_plan.storage import cache as usercache
from daye_plan.storage import ledger, storecache
from daye_plan.storage.actuals import HEADER_LINE
from daye_plan.storage.plans import load_plan

LINES = (
    "signed,2023-01-31,5,个,,,,张三,2023-02-01T09:00:00+08:00,\n"
    'signed,2023-02-28,9,个,,"来源,统计局",备注,李四,2023-03-01T09:00:00+08:00,\n'
    "signed,2023-02-28,11,个,,,更正,李四,2023-03-02T09:00:00+08:00,confirmed:jump\n"
    "tax_hours,2023-02-28,90,小时,,,,王五,2023-03-01T10:00:00+08:00,\n"
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache, switched on, and the plan folder of a small plan with one store."""
    monkeypatch.setattr(usercache.SETTINGS, "on", True)
    monkeypatch.setattr(usercache.SETTINGS, "base", tmp_path / "cache")
    plan_dir = write_plan(tmp_path / "root")
    (plan_dir / "actuals").mkdir()
    (plan_dir / "actuals" / "alpha.csv").write_text(HEADER_LINE + LINES, encoding="utf-8")
    return plan_dir


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The stores parsed from here on (none when the cache serves them)."""
    seen: list[Path] = []
    parse = ledger._read_rows

    def counting(text: str, path: Path, *args: object) -> None:
        seen.append(path)
        parse(text, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ledger, "_read_rows", counting)
    return seen


def action(plan_dir: Path) -> Action:
    return load_plan(plan_dir).actions[0]


def read(plan_dir: Path, **mode: bool) -> ledger.Ledger:
    return ledger.read(plan_dir / "actuals" / "alpha.csv", action(plan_dir), 2023, **mode)


def seen(found: ledger.Ledger) -> tuple[object, ...]:
    return (found.figures, found.flagged, found.in_force, found.ties, found.count, found.width, found.problems)


def entries() -> list[Path]:
    return sorted(usercache.folder(storecache.KIND).glob("*.pickle"))


@pytest.mark.parametrize("in_force", [False, True], ids=["figures", "rows-in-force"])
def test_a_second_read_of_an_unchanged_store_parses_nothing_and_gives_the_same(
    folder: Path, parses: list[Path], in_force: bool
) -> None:
    first = read(folder, in_force=in_force)
    assert len(parses) == 1 and len(entries()) == 1
    again = read(folder, in_force=in_force)
    assert len(parses) == 1
    assert seen(again) == seen(first)
    assert first.figures["signed"] == {dt.date(2023, 1, 31): 5, dt.date(2023, 2, 28): 11}  # the correction in force
    assert first.flagged == {("signed", dt.date(2023, 2, 28)): ("confirmed:jump",)}
    if in_force:
        assert again.record("signed", dt.date(2023, 2, 28)) == first.record("signed", dt.date(2023, 2, 28))
        assert again.record("signed", dt.date(2023, 2, 28)).note == "更正"  # type: ignore[union-attr]


def test_an_appended_record_is_read(folder: Path, parses: list[Path]) -> None:
    read(folder)
    store = folder / "actuals" / "alpha.csv"
    with store.open("a", encoding="utf-8") as out:
        out.write("signed,2023-03-31,20,个,,,,张三,2023-04-01T09:00:00+08:00,\n")
    found = read(folder)
    assert len(parses) == 2
    assert found.count == 5 and max(found.figures["signed"].values()) == 20
    assert len(entries()) == 1  # the store's new state in place of the old: one entry a store
    assert seen(read(folder)) == seen(found) and len(parses) == 2


def test_each_store_and_way_of_reading_has_its_own_entry(folder: Path, parses: list[Path]) -> None:
    second = folder.parent.parent.parent / "other" / "plans" / "2023" / "actuals" / "alpha.csv"
    second.parent.mkdir(parents=True)
    second.write_bytes((folder / "actuals" / "alpha.csv").read_bytes())
    read(folder)
    read(folder, in_force=True)
    ledger.read(second, action(folder), 2023)
    assert len(entries()) == 3 and len(parses) == 3


def test_a_store_with_a_problem_is_parsed_every_time_and_says_so(folder: Path, parses: list[Path]) -> None:
    store = folder / "actuals" / "alpha.csv"
    store.write_text(HEADER_LINE + LINES + "nobody,2023-03-31,1,个,,,,,,\n", encoding="utf-8")
    first, again = read(folder), read(folder)
    assert len(parses) == 2 and entries() == []
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert "unknown indicator 'nobody'" in str(again.problems[0])


def test_the_same_bytes_under_a_changed_plan_are_checked_again(folder: Path, parses: list[Path]) -> None:
    assert read(folder).problems == []
    (folder / "alpha.yaml").write_text(MINI_ACTION.replace("unit: 小时", "unit: 天"), encoding="utf-8")
    found = read(folder)
    assert len(parses) == 2
    assert found.problems and "tax_hours" not in found.figures


def test_another_year_is_another_read(folder: Path, parses: list[Path]) -> None:
    read(folder)
    found = ledger.read(folder / "actuals" / "alpha.csv", action(folder), 2024)
    assert len(parses) == 2 and found.problems  # dates of 2023 in a 2024 store


def test_a_full_read_always_parses_and_keeps_nothing(folder: Path, parses: list[Path]) -> None:
    read(folder, full=True)
    read(folder, full=True)
    assert len(parses) == 2 and entries() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-8] + b"\0" * 8,
        lambda data: data.replace(b"daye-plan cache", b"other-tool cache"),
    ],
    ids=["empty", "truncated", "zeroed-tail", "foreign"],
)
def test_a_broken_entry_is_a_miss_and_is_replaced(
    folder: Path, parses: list[Path], damage: Callable[[bytes], bytes]
) -> None:
    expected = seen(read(folder))
    (entry,) = entries()
    entry.write_bytes(damage(entry.read_bytes()))
    assert seen(read(folder)) == expected and len(parses) == 2
    assert seen(read(folder)) == expected and len(parses) == 2  # rewritten whole by the read that missed


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_can_write_is_not_trusted(folder: Path, parses: list[Path]) -> None:
    read(folder)
    (entry,) = entries()
    entry.chmod(0o666)
    read(folder)
    assert len(parses) == 2


def test_switched_off_it_keeps_nothing(folder: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usercache.SETTINGS, "on", False)
    read(folder)
    read(folder)
    assert len(parses) == 2 and entries() == []


def test_old_entries_are_pruned(folder: Path) -> None:
    kept = usercache.folder(storecache.KIND)
    kept.mkdir(parents=True)
    for n in range(2 * storecache.KEEP):
        stale = kept / f"{n:064x}.pickle"
        stale.write_bytes(b"old")
        os.utime(stale, ns=(n, n))
    read(folder)
    assert len(entries()) == storecache.KEEP


def test_served_reads_of_the_report_scenario_equal_fresh_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store of the bundled plan with the report scenario's records (quoted fields, flags,
    corrections): read through the cache, it gives what a read with the cache off gives."""
    from tests.conftest import REPORT_ACTUALS

    monkeypatch.setattr(usercache.SETTINGS, "base", tmp_path / "cache")
    plan = load_plan(BUNDLED)
    stores = {action.id: REPORT_ACTUALS / f"{action.id}.csv" for action in plan.actions}
    assert sum(path.is_file() for path in stores.values()) >= 5
    for in_force in (False, True):
        monkeypatch.setattr(usercache.SETTINGS, "on", False)
        fresh = [seen(ledger.read(stores[a.id], a, 2023, in_force=in_force)) for a in plan.actions]
        monkeypatch.setattr(usercache.SETTINGS, "on", True)
        for _ in range(2):  # the first read keeps, the second is served
            assert [seen(ledger.read(stores[a.id], a, 2023, in_force=in_force)) for a in plan.actions] == fresh
