"""Marks kept with a record (`flags`): the tenth column of a new store, and nine-column stores kept as they are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, write_plan

from daye_plan.model.records import Actual
from daye_plan.storage import actuals
from daye_plan.storage.plans import load_plan
from daye_plan.storage.storeformat import HEADER_LINE, PLAIN_HEADER_LINE, format_line, parse_flags

OLD_STORE = PLAIN_HEADER_LINE + (
    "signed,2023-01-31,5,个,5个,月报,,张三,2023-02-03T09:00:00+08:00\n"
    'tax_hours,2023-01-31,96,小时,96小时,,"a, b",张三,2023-02-03T09:01:00+08:00\n'
)


def actual(value: str = "7", as_of: str = "2023-02-28", flags: tuple[str, ...] = ()) -> Actual:
    return Actual("signed", dt.date.fromisoformat(as_of), Decimal(value), "个", f"{value}个", flags=flags)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_plan(tmp_path, alpha=MINI_ACTION)


def store(folder: Path) -> Path:
    return actuals.path_for(folder, "alpha")


def read(folder: Path) -> actuals.Ledger:
    plan = load_plan(folder)
    return actuals.read(store(folder), plan.actions[0], 2023, full=True)


class TestNewStores:
    def test_a_new_store_has_the_flags_column_and_every_record_its_tenth_field(self, folder: Path) -> None:
        actuals.append(store(folder), [actual(), actual("9", "2023-03-31", ("confirmed:magnitude",))])
        lines = store(folder).read_text(encoding="utf-8").splitlines()
        assert lines[0] == HEADER_LINE.strip() == "indicator,as_of,value,unit,entered,source,note,by,at,flags"
        assert lines[1] == "signed,2023-02-28,7,个,7个,,,,,"
        assert lines[2] == "signed,2023-03-31,9,个,9个,,,,,confirmed:magnitude"
        ledger = read(folder)
        assert ledger.problems == [] and ledger.width == 10
        assert [r.flags for r in ledger.records] == [(), ("confirmed:magnitude",)]
        assert ledger.records[1].confirmed == frozenset({"magnitude"})

    def test_several_marks_are_separated_by_semicolons(self) -> None:
        line = format_line(actual(flags=("confirmed:magnitude", "confirmed:cumulative-fell")))
        assert line.endswith(",confirmed:magnitude;confirmed:cumulative-fell\n")
        assert parse_flags("confirmed:magnitude;confirmed:cumulative-fell") == (
            "confirmed:magnitude",
            "confirmed:cumulative-fell",
        )


class TestOldStores:
    """A store made before flags keeps its header and its lines for good: append-only, never rewritten."""

    def test_an_old_store_reads_as_before(self, folder: Path) -> None:
        store(folder).parent.mkdir()
        store(folder).write_text(OLD_STORE, encoding="utf-8")
        ledger = read(folder)
        assert ledger.problems == [] and ledger.width == 9
        assert [(r.indicator, r.value, r.note, r.flags) for r in ledger.records] == [
            ("signed", Decimal(5), "", ()),
            ("tax_hours", Decimal(96), "a, b", ()),
        ]

    def test_appending_keeps_its_header_and_bytes_and_adds_the_tenth_field_only_with_a_mark(self, folder: Path) -> None:
        store(folder).parent.mkdir()
        store(folder).write_text(OLD_STORE, encoding="utf-8")
        actuals.append(store(folder), [actual()])
        actuals.append(store(folder), [actual("1", "2023-03-31", ("confirmed:cumulative-fell",))])
        text = store(folder).read_text(encoding="utf-8")
        assert text.startswith(OLD_STORE)  # nothing before the new lines changed, the header included
        assert text[len(OLD_STORE) :].splitlines() == [
            "signed,2023-02-28,7,个,7个,,,,",
            "signed,2023-03-31,1,个,1个,,,,,confirmed:cumulative-fell",
        ]
        ledger = read(folder)
        assert ledger.problems == []
        assert [r.flags for r in ledger.records] == [(), (), (), ("confirmed:cumulative-fell",)]

    def test_an_old_store_round_trips(self, folder: Path) -> None:
        """Each record read from an old store formats back to its own line."""
        store(folder).parent.mkdir()
        store(folder).write_text(OLD_STORE, encoding="utf-8")
        lines = [format_line(record, 9) for record in read(folder).records]
        assert PLAIN_HEADER_LINE + "".join(lines) == OLD_STORE


class TestTheReader:
    @pytest.mark.parametrize(
        ("header", "line", "message"),
        [
            (HEADER_LINE, "signed,2023-01-31,5,个,5个,,,,,ok", "flags: 'ok' is not a mark daye-plan writes"),
            (HEADER_LINE, "signed,2023-01-31,5,个,5个,,,,,confirmed:Magnitude", "flags: 'confirmed:Magnitude'"),
            (HEADER_LINE, "signed,2023-01-31,5,个,5个,,,,,confirmed:magnitude;", "flags: ''"),
            (HEADER_LINE, "signed,2023-01-31,5,个,5个,,,,,,", "expected 10 fields, found 11"),
            (PLAIN_HEADER_LINE, "signed,2023-01-31,5,个,5个,,,,,,", "expected 9 fields, found 11"),
            (PLAIN_HEADER_LINE, "signed,2023-01-31,5", "expected 9 fields, found 3"),
        ],
    )
    def test_refuses_what_the_writer_never_writes(self, folder: Path, header: str, line: str, message: str) -> None:
        store(folder).parent.mkdir()
        store(folder).write_text(header + line + "\n", encoding="utf-8")
        [problem] = read(folder).problems
        assert str(problem).startswith(f"{store(folder)}:2: {message}")

    def test_a_nine_field_record_under_the_new_header_has_no_marks(self, folder: Path) -> None:
        store(folder).parent.mkdir()
        store(folder).write_text(HEADER_LINE + "signed,2023-01-31,5,个,5个,,,,\n", encoding="utf-8")
        ledger = read(folder)
        assert ledger.problems == [] and ledger.records[0].flags == ()

    def test_a_later_record_without_marks_supersedes_the_marked_one(self, folder: Path) -> None:
        actuals.append(store(folder), [actual("900", flags=("confirmed:magnitude",))])
        plan = load_plan(folder)
        marked = actuals.read(store(folder), plan.actions[0], 2023)
        assert marked.flagged == {("signed", dt.date(2023, 2, 28)): ("confirmed:magnitude",)}
        actuals.append(store(folder), [actual("9")])
        assert actuals.read(store(folder), plan.actions[0], 2023).flagged == {}


def test_repair_never_takes_a_torn_mark_for_a_whole_one(folder: Path) -> None:
    actuals.append(store(folder), [actual()])
    whole = store(folder).read_bytes()
    torn = "signed,2023-03-31,9,个,9个,,,,2023-04-01T09:00:00+08:00,confirmed:magn".encode()
    store(folder).write_bytes(whole + torn)
    moved = actuals.repair(store(folder))
    assert moved is not None and "moved the incomplete last line" in moved
    assert store(folder).read_bytes() == whole
    assert store(folder).with_name("alpha.csv.rejected").read_bytes() == torn + b"\n"
