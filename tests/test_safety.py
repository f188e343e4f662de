"""The storage layer under attack: nothing a user can type or plant loses data, leaks out or hangs.

Each class is one reproduction: its refusal (exact message, exit 2, nothing changed) or its
repair. Full-disk cases run on a 64 KiB tmpfs, mounted when the tests run as root (else skipped).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from tests.conftest import MINI_ACTION, MINI_META, Run, snapshot, write_plan

from daye_plan.storage import storeformat
from daye_plan.storage.actuals import HEADER_LINE, PLAIN_HEADER_LINE

Cli = Callable[..., Run]
STORE = Path("plans/2023/actuals/alpha.csv")
BETA_STORE = Path("plans/2023/actuals/beta.csv")
TODAY = {"DAYE_PLAN_TODAY": "2023-04-30"}
LINK = "is a symbolic link; project files are never read or written through a link"
BETA = """\
id: beta
name: 项目建设
title: 项目建设行动
theme: 测试
indicators:
  - id: started
    name: 开工项目
    unit: 个
    kind: cumulative
    targets:
      - {period: annual, cmp: ">=", value: 50, quote: 开工项目50个}
"""
TWO_ACTIONS = MINI_META.replace("actions: [alpha]", "actions: [alpha, beta]")
SHEET = "行动,指标ID,填报数值,截至日期\n招商引资,signed,5,2023-03-31\n项目建设,started,7,2023-03-31\n"
RECORD_LINE = "signed,2023-01-31,5,个,5个,,,,\n"


def stores(root: Path) -> dict[str, bytes]:
    """The stores and their neighbours (journals, rejected lines), lock files left aside."""
    folder = root / "plans" / "2023" / "actuals"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(".lock")}


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A root whose plan has two actions (two stores), and a sheet with a row for each."""
    write_plan(tmp_path, TWO_ACTIONS, alpha=MINI_ACTION, beta=BETA)
    (tmp_path / "plans" / "2023" / "actuals").mkdir()
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
    return tmp_path


def daye(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "DAYE_PLAN_ROOT": str(root), **TODAY, **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "daye_plan", *args], env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: a disk that fills up."""
    if os.geteuid() != 0:
        pytest.skip("mounting a 64 KiB tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_up(disk: Path) -> None:
    """Fill the disk to its last byte."""
    with open(disk / "filler", "wb", buffering=0) as handle:
        for size in (1024, 1):  # then the partial last block
            try:
                while True:
                    handle.write(b"x" * size)
            except OSError:
                pass


class TestOutNeverWritesProjectData:
    """Case 1: --out can name a file outside the project, never the project's own data."""

    @pytest.mark.parametrize("out", ["plans/2023/actuals/alpha.csv", "plans/2023/plan.yaml", ".git/config"])
    def test_report_refuses(self, cli: Cli, mini: Path, monkeypatch: pytest.MonkeyPatch, out: str) -> None:
        (mini / STORE).parent.mkdir()
        (mini / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        (mini / ".git").mkdir()
        (mini / ".git" / "config").write_text("[core]\n", encoding="utf-8")
        monkeypatch.chdir(mini)
        before = snapshot(mini)
        result = cli("report", "--as-of", "2023-03-31", "--out", out, "--force")
        assert (result.code, result.stdout, result.stderr) == (
            2,
            "",
            f"error: --out {out}: that is the project's own data (plans/ or .git/); write the report elsewhere\n",
        )
        assert snapshot(mini) == before

    def test_template_refuses(self, cli: Cli, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(mini)
        before = snapshot(mini)
        result = cli("template", "--out", "plans/2023/alpha.csv", "--force")
        assert (result.code, result.stderr) == (
            2,
            "error: --out plans/2023/alpha.csv: that is the project's own data (plans/ or .git/); "
            "write the sheet elsewhere\n",
        )
        assert snapshot(mini) == before

    def test_outside_the_project_is_allowed_and_never_overwritten_without_force(
        self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        shared = tmp_path_factory.mktemp("shared") / "q1.md"
        first = cli("report", "--as-of", "2023-03-31", "--out", str(shared))
        assert (first.code, first.stdout) == (0, f"wrote {shared}\n")
        shared.write_text("edited by hand", encoding="utf-8")
        again = cli("report", "--as-of", "2023-03-31", "--out", str(shared))
        assert (again.code, again.stderr) == (
            2,
            f"error: --out {shared}: the file exists; pass --force to overwrite it\n",
        )
        assert shared.read_text(encoding="utf-8") == "edited by hand"
        assert cli("report", "--as-of", "2023-03-31", "--out", str(shared), "--force").code == 0
        assert shared.read_text(encoding="utf-8").startswith("#")


class TestLongEscapedText:
    """Case 2: what `record` accepts, every command reads back."""

    def test_a_note_of_45000_lines_with_quotes(self, cli: Cli, mini: Path) -> None:
        note = "a\n" * 45_000
        source = '统计局"快报"'
        assert (
            cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--source", source, "--note", note).code == 0
        )
        line = (mini / STORE).read_text(encoding="utf-8").splitlines()[1]
        assert len(line) > 131_072  # longer than the csv module's own field limit
        assert cli("validate").stdout.endswith("1 actual\n")
        assert cli("status", "--as-of", "2023-03-31", "-f", "json").code == 0
        history = json.loads(cli("history", "alpha", "-f", "json").stdout)
        assert (history[0]["source"], history[0]["note"]) == (source, note.strip())
        assert cli("report", "--as-of", "2023-03-31").code == 0
        sheet = mini / "s.csv"
        sheet.write_text("行动,指标ID,填报数值,截至日期\n招商引资,signed,6,2023-02-28\n", encoding="utf-8")
        assert cli("import", str(sheet), env=TODAY).code == 0

    def test_a_record_line_over_the_limit_is_refused(
        self, cli: Cli, mini: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(storeformat, "MAX_LINE", 1_000)
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--note", '"' * 600, "--by", "张三")
        assert (result.code, result.stderr) == (
            2,
            f"error: {mini / STORE}: the record would be 1,259 characters stored; a record has at most 1,000; "
            "nothing was recorded\n",
        )
        assert snapshot(mini) == before


class TestImportAllOrNothing:
    """Case 3: an import spanning two stores writes both or neither, whatever stops it."""

    def test_both_stores(self, cli: Cli, two: Path) -> None:
        result = cli("import", str(two / "sheet.csv"), env=TODAY)
        assert result.code == 0, result.stderr
        assert sorted(stores(two)) == ["alpha.csv", "beta.csv"]

    def test_a_symlinked_second_store(self, cli: Cli, two: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        victim = tmp_path_factory.mktemp("outside") / "victim.csv"
        victim.write_text(HEADER_LINE, encoding="utf-8")
        (two / BETA_STORE).symlink_to(victim)
        before = snapshot(two)
        result = cli("import", str(two / "sheet.csv"), env=TODAY)
        assert (result.code, result.stderr) == (2, f"error: {two / BETA_STORE}: {LINK}\n")
        assert snapshot(two) == before
        assert victim.read_text(encoding="utf-8") == HEADER_LINE

    @pytest.mark.skipif(
        os.geteuid() == 0, reason="root writes read-only files; the folder and link cases take the same path"
    )
    def test_a_read_only_second_store(self, cli: Cli, two: Path) -> None:
        (two / BETA_STORE).write_text(HEADER_LINE, encoding="utf-8")
        (two / BETA_STORE).chmod(0o444)
        before = snapshot(two)
        result = cli("import", str(two / "sheet.csv"), env=TODAY)
        assert (result.code, result.stderr) == (2, f"error: {two / BETA_STORE}: cannot read: Permission denied\n")
        assert snapshot(two) == before

    def test_a_second_store_that_is_a_folder(self, cli: Cli, two: Path) -> None:
        (two / BETA_STORE).mkdir()
        before = snapshot(two)
        result = cli("import", str(two / "sheet.csv"), env=TODAY)
        assert result.code == 2
        assert result.stderr == f"error: {two / BETA_STORE}: is a folder, not a regular file\n"
        assert snapshot(two) == before

    def test_a_write_failing_on_the_second_store_rolls_the_first_back(
        self, cli: Cli, two: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from daye_plan.storage import journal

        (two / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        before = stores(two)
        real = journal._write
        calls = []

        def full_on_second(store: object, data: bytes, hooks: journal.WriteHooks) -> None:
            calls.append(data)
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
            real(store, data, hooks)  # type: ignore[arg-type]

        monkeypatch.setattr(journal, "_write", full_on_second)
        result = cli("import", str(two / "sheet.csv"), env=TODAY)
        assert (result.code, result.stderr) == (
            2,
            f"error: {two / BETA_STORE}: cannot write: No space left on device\n",
        )
        assert stores(two) == before  # the first store rolled back, no journal left

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "then", [["status", "--as-of", "2023-03-31"], ["record", "beta", "started", "3", "--as-of", "2023-02-28"]]
    )
    def test_killed_between_the_two_appends(self, cli: Cli, two: Path, then: list[str]) -> None:
        (two / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        before = (two / STORE).read_bytes()
        proc = daye(two, "import", str(two / "sheet.csv"), env={"DAYE_PLAN_PAUSE_BETWEEN_STORES": "60"})
        folder = two / STORE.parent
        wait_for(lambda: (two / STORE).read_bytes() != before)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert [p.name for p in folder.glob(".import-*.journal")] != []  # the kill left the journal
        assert not (two / BETA_STORE).exists()
        result = cli(*then, env=TODAY)  # the next command, reading or writing, settles it first
        assert result.code == 0, result.stderr
        assert (two / STORE).read_bytes() == before
        assert list(folder.glob(".import-*.journal")) == []
        assert cli("validate").code == 0

    @pytest.mark.slow
    def test_killed_mid_append_then_repair_rolls_back_not_aside(self, cli: Cli, two: Path) -> None:
        (two / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        before = (two / STORE).read_bytes()
        proc = daye(two, "import", str(two / "sheet.csv"), env={"DAYE_PLAN_PAUSE_MID_WRITE": "60"})
        wait_for(lambda: (two / STORE).read_bytes() != before)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert not (two / STORE).read_bytes().endswith(b"\n")
        result = cli("validate", "--repair")
        assert (result.code, result.stdout) == (0, "ok: 2 actions, 5 indicators, 6 targets, 1 actual\n")
        assert stores(two) == {"alpha.csv": before}

    def test_a_journal_whose_appends_are_all_whole_is_completed(self, cli: Cli, two: Path) -> None:
        from daye_plan.storage import journal

        alpha = HEADER_LINE + RECORD_LINE
        beta = HEADER_LINE + "started,2023-01-31,4,个,4个,,,,\n"
        (two / STORE).write_text(alpha, encoding="utf-8")
        (two / BETA_STORE).write_text(beta, encoding="utf-8")
        entries = [
            {"store": "alpha.csv", "size": len(HEADER_LINE), "append": RECORD_LINE},
            {"store": "beta.csv", "size": -1, "append": beta},
        ]
        name = two / STORE.parent / ".import-0123456789abcdef.journal"
        name.write_text(json.dumps({"journal": 1, "stores": entries}), encoding="utf-8")
        journal.settle_pending(name.parent)
        assert stores(two) == {"alpha.csv": alpha.encode(), "beta.csv": beta.encode()}

    def test_a_journal_is_not_settled_over_records_it_did_not_write(self, cli: Cli, two: Path) -> None:
        (two / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        entries = [
            {"store": "alpha.csv", "size": len(HEADER_LINE), "append": "signed,2023-01-31,9,个,9个,,,,\n"},
            {"store": "beta.csv", "size": -1, "append": HEADER_LINE},
        ]
        name = two / STORE.parent / ".import-0123456789abcdef.journal"
        name.write_text(json.dumps({"journal": 1, "stores": entries}), encoding="utf-8")
        before = stores(two)
        result = cli("status")
        assert result.code == 2
        assert result.stderr.startswith(f"error: {name}: an unfinished import cannot be completed or rolled back")
        assert stores(two) == before


@pytest.mark.slow
def test_a_reader_waits_for_a_write_in_progress(cli: Cli, mini: Path) -> None:
    """`validate` while `record` is halfway through its append sees the record whole, not a torn line."""
    assert cli("record", "alpha", "signed", "4", "--as-of", "2023-01-02").code == 0
    proc = daye(
        mini, "record", "alpha", "signed", "5", "--as-of", "2023-01-31", env={"DAYE_PLAN_PAUSE_MID_WRITE": "1.5"}
    )
    wait_for(lambda: not (mini / STORE).read_bytes().endswith(b"\n"))
    result = cli("validate")
    proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert (result.code, result.stdout.split(", ")[-1]) == (0, "2 actuals\n")


class TestUnclosedQuoteInASheet:
    """Case 4: one row per line in a CSV sheet; a quote never closed names its line."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                '行动,指标ID,填报数值,截至日期,备注\n招商引资,signed,5,2023-03-31,"oops\n招商引资,tax_hours,90,2023-03-31,\n',
                "2: a quote is never closed (or a quoted cell runs over several lines); a fill-in sheet has one row per line",
            ),
            (
                '行动,指标ID,填报数值,截至日期,备注\n招商引资,signed,5,2023-03-31,"two\nlines"\n招商引资,tax_hours,90,2023-03-31,\n',
                "2: a quoted cell runs over several lines (or a quote is never closed); a fill-in sheet has one row per line",
            ),
        ],
    )
    def test_refused_with_the_line(self, cli: Cli, mini: Path, text: str, message: str) -> None:
        sheet = mini / "f.csv"
        sheet.write_text(text, encoding="utf-8")
        before = snapshot(mini)
        result = cli("import", str(sheet), env=TODAY)
        assert (result.code, result.stderr) == (2, f"error: {sheet}:{message}\n")
        assert snapshot(mini) == before


class TestSymlinks:
    """Case 5: no read or write of a project file goes through a link."""

    def test_a_symlinked_actuals_folder(self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        outside = tmp_path_factory.mktemp("outside")
        (mini / STORE.parent).symlink_to(outside, target_is_directory=True)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31")
        assert (result.code, result.stderr) == (2, f"error: {mini / STORE.parent}: {LINK}\n")
        assert list(outside.iterdir()) == []

    def test_a_symlinked_store_is_not_read(
        self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        outside = tmp_path_factory.mktemp("outside") / "elsewhere.csv"
        outside.write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        (mini / STORE.parent).mkdir()
        (mini / STORE).symlink_to(outside)
        check = cli("validate")
        assert (check.code, check.stderr) == (1, f"{mini / STORE}: {LINK}\n1 problem found\n")
        status = cli("status")
        assert (status.code, status.stderr) == (2, f"error: {mini / STORE}: {LINK}\n")

    def test_a_symlinked_rejected_file(self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        victim = tmp_path_factory.mktemp("outside") / "victim"
        victim.write_text("precious\n", encoding="utf-8")
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text(HEADER_LINE + "signed,2023-01-31,5,个", encoding="utf-8")
        rejected = mini / "plans/2023/actuals/alpha.csv.rejected"
        rejected.symlink_to(victim)
        before = (mini / STORE).read_bytes()
        result = cli("validate", "--repair")
        assert (result.code, result.stderr) == (2, f"error: cannot repair: {rejected}: {LINK}\n")
        assert victim.read_text(encoding="utf-8") == "precious\n"
        assert (mini / STORE).read_bytes() == before

    def test_a_planted_temporary_is_left_alone(
        self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        victim = tmp_path_factory.mktemp("outside") / "victim"
        victim.write_text("precious\n", encoding="utf-8")
        (mini / ".t.xlsx.tmp").symlink_to(victim)
        assert cli("template", "--out", str(mini / "t.xlsx")).code == 0
        assert victim.read_text(encoding="utf-8") == "precious\n"
        assert zipfile.is_zipfile(mini / "t.xlsx")

    def test_a_symlinked_folder_on_the_way_out(
        self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        outside = tmp_path_factory.mktemp("outside")
        (mini / "sheets").symlink_to(outside, target_is_directory=True)
        result = cli("template", "--out", str(mini / "sheets" / "t.xlsx"))
        assert (result.code, result.stderr) == (2, f"error: --out {mini / 'sheets'}: {LINK}\n")
        assert list(outside.iterdir()) == []


class TestRepairMovesOnlyTornTails:
    """Case 6: --repair moves a truly incomplete last line, and nothing else."""

    def test_a_complete_last_record_gets_its_newline(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text(HEADER_LINE + RECORD_LINE.rstrip("\n"), encoding="utf-8")
        result = cli("validate", "--repair")
        assert (result.code, result.stdout.splitlines()[0]) == (
            0,
            f"repaired: {mini / STORE}:2: the last line is a complete record; added its final newline",
        )
        assert (mini / STORE).read_text(encoding="utf-8") == HEADER_LINE + RECORD_LINE
        assert not (mini / "plans/2023/actuals/alpha.csv.rejected").exists()

    def test_a_torn_timestamp_is_incomplete(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text(HEADER_LINE + "signed,2023-01-31,5,个,5个,,,,2023-02-01T09:00:0", encoding="utf-8")
        result = cli("validate", "--repair")
        assert result.stdout.startswith(f"repaired: {mini / STORE}:2: moved the incomplete last line (50 bytes)")
        assert (mini / STORE).read_text(encoding="utf-8") == HEADER_LINE

    def test_a_store_with_cr_line_endings_is_reported_not_destroyed(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        data = (HEADER_LINE + RECORD_LINE + RECORD_LINE).replace("\n", "\r").encode()
        (mini / STORE).write_bytes(data)
        result = cli("validate", "--repair")
        assert (result.code, result.stdout) == (1, "")
        assert result.stderr.splitlines()[0] == f"{mini / STORE}: {storeformat_cr()}"
        assert (mini / STORE).read_bytes() == data
        assert not (mini / "plans/2023/actuals/alpha.csv.rejected").exists()


def storeformat_cr() -> str:
    from daye_plan.storage.ledger import CR_ONLY

    return CR_ONLY


class TestUnreadableStoreIsNotAppendedTo:
    """Case 7: a store re-saved in another encoding is refused, not mixed."""

    def test_gb18030(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_bytes((HEADER_LINE + RECORD_LINE).encode("gb18030"))
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "6", "--as-of", "2023-02-28")
        assert (result.code, result.stderr) == (
            2,
            f"error: {mini / STORE}:2: not valid UTF-8 text (re-saved as GB18030 by Excel?); "
            "nothing was added: save the store as UTF-8 CSV first\n",
        )
        assert snapshot(mini) == before

    def test_another_header(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text("指标,日期\n", encoding="utf-8")
        result = cli("record", "alpha", "signed", "6", "--as-of", "2023-02-28")
        assert (result.code, result.stderr) == (
            2,
            f"error: {mini / STORE}:1: header must be {HEADER_LINE.strip()} "
            f"(or, made before flags, {PLAIN_HEADER_LINE.strip()}); nothing was added\n",
        )


class TestMagnitudes:
    """Case 8: figures stay far inside Decimal's context, typed or hand-edited."""

    def test_record_refuses_a_huge_value(self, cli: Cli, mini: Path) -> None:
        result = cli("record", "alpha", "signed", "1" + "0" * 29, "--as-of", "2023-01-31")
        assert (result.code, result.stderr) == (
            2,
            f"error: '1{'0' * 29}' is too large: at most 15 digits before the decimal point\n",
        )

    def test_record_refuses_a_value_too_large_once_converted(self, cli: Cli, bundled: Path) -> None:
        result = cli(
            "record", "招商引资", "合同投资额", "99999999999999", "--unit", "元", "--as-of", "2023-01-31", "--confirm"
        )
        assert result.code == 0  # 999999.99999999 亿元: stored, once its size is confirmed
        huge = cli("record", "科技创新", "高新技术企业总数", "999999999999999万", "--as-of", "2023-01-31")
        assert huge.code == 2

    @pytest.mark.parametrize("figure", ["1E+999999", "1" + "0" * 29, "1e3", "0.1234567890123456", "1_000", "+5", "007"])
    def test_the_reader_refuses_what_record_never_writes(self, cli: Cli, mini: Path, figure: str) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text(HEADER_LINE + f"signed,2023-01-31,{figure},个,,,,,\n", encoding="utf-8")
        message = (
            f"{mini / STORE}:2: value {figure!r} is not a figure as daye-plan writes one "
            "(plain digits such as 3500 or -2.5, at most 15 significant digits)"
        )
        check = cli("validate")
        assert (check.code, check.stderr.splitlines()[0]) == (1, message)
        for args in (["status"], ["status", "-f", "json"], ["report", "--as-of", "2023-03-31"]):
            result = cli(*args)
            assert (result.code, result.stderr) == (2, f"error: {message}\n")


class TestFullDisk:
    """Case 9: a full disk is one line, exit 2, and the stores as they were."""

    def test_record_into_an_existing_store(self, cli: Cli, tiny_disk: Path) -> None:
        write_plan(tiny_disk)
        (tiny_disk / STORE.parent).mkdir()
        (tiny_disk / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        assert cli("--root", str(tiny_disk), "record", "alpha", "signed", "1", "--as-of", "2023-01-02").code == 0
        fill_up(tiny_disk)
        before = (tiny_disk / STORE).read_bytes()
        result = cli(
            "--root", str(tiny_disk), "record", "alpha", "signed", "6", "--as-of", "2023-02-28", "--note", "长" * 5000
        )
        assert (result.code, result.stderr) == (
            2,
            f"error: {tiny_disk / STORE}: cannot write: No space left on device\n",
        )
        assert (tiny_disk / STORE).read_bytes() == before

    def test_record_into_a_new_store(self, cli: Cli, tiny_disk: Path) -> None:
        write_plan(tiny_disk)
        (tiny_disk / STORE.parent).mkdir()
        fill_up(tiny_disk)
        result = cli("--root", str(tiny_disk), "record", "alpha", "signed", "6", "--as-of", "2023-02-28")
        assert result.code == 2
        assert result.stderr.endswith(": No space left on device\n") and len(result.stderr.splitlines()) == 1
        assert not (tiny_disk / STORE).exists()  # not left as a 0-byte store

    def test_import(self, cli: Cli, tiny_disk: Path) -> None:
        write_plan(tiny_disk, TWO_ACTIONS, alpha=MINI_ACTION, beta=BETA)
        (tiny_disk / STORE.parent).mkdir()
        (tiny_disk / STORE).write_text(HEADER_LINE + RECORD_LINE, encoding="utf-8")
        sheet = tiny_disk / "sheet.csv"
        sheet.write_text(SHEET, encoding="utf-8")
        fill_up(tiny_disk)
        before = stores(tiny_disk)
        result = cli("--root", str(tiny_disk), "import", str(sheet), env=TODAY)
        assert result.code == 2
        assert result.stderr.endswith(": No space left on device\n") and len(result.stderr.splitlines()) == 1
        assert stores(tiny_disk) == before

    def test_repair(self, cli: Cli, tiny_disk: Path) -> None:
        write_plan(tiny_disk)
        (tiny_disk / STORE.parent).mkdir()
        torn = HEADER_LINE + "signed,2023-01-31,5,个," + "x" * 5000
        (tiny_disk / STORE).write_text(torn, encoding="utf-8")
        fill_up(tiny_disk)
        result = cli("--root", str(tiny_disk), "validate", "--repair")
        assert result.code == 2
        assert result.stderr.endswith(": No space left on device\n") and len(result.stderr.splitlines()) == 1
        assert (tiny_disk / STORE).read_text(encoding="utf-8") == torn


class TestRepairOnOddStores:
    """Case 10: --repair on a store it cannot repair says so in one line."""

    def test_a_folder(self, cli: Cli, mini: Path) -> None:
        (mini / STORE).mkdir(parents=True)
        result = cli("validate", "--repair")
        assert (result.code, result.stderr) == (
            2,
            f"error: cannot repair: {mini / STORE}: is a folder, not a regular file\n",
        )

    def test_a_symlink(self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        outside = tmp_path_factory.mktemp("outside") / "x.csv"
        outside.write_text(HEADER_LINE + "torn", encoding="utf-8")
        (mini / STORE.parent).mkdir()
        (mini / STORE).symlink_to(outside)
        result = cli("validate", "--repair")
        assert (result.code, result.stderr) == (2, f"error: cannot repair: {mini / STORE}: {LINK}\n")
        assert outside.read_text(encoding="utf-8") == HEADER_LINE + "torn"

    def test_a_read_only_folder(self, cli: Cli, tiny_disk: Path) -> None:
        write_plan(tiny_disk)
        (tiny_disk / STORE.parent).mkdir()
        (tiny_disk / STORE).write_text(HEADER_LINE + "signed,2023-01-31,5,个", encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
        result = cli("--root", str(tiny_disk), "validate", "--repair")
        assert result.code == 2
        assert result.stderr.endswith(": Read-only file system\n") and len(result.stderr.splitlines()) == 1


class TestNotRegularFiles:
    """Case 12: pipes, devices and unpacking bombs are refused before they are read."""

    def test_a_fifo_store(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        os.mkfifo(mini / STORE)
        check = cli("validate")
        assert (check.code, check.stderr) == (
            1,
            f"{mini / STORE}: is a pipe or a device, not a regular file\n1 problem found\n",
        )
        record = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31")
        assert (record.code, record.stderr) == (
            2,
            f"error: {mini / STORE}: is a pipe or a device, not a regular file\n",
        )

    @pytest.mark.parametrize("make", ["fifo", "/dev/zero"])
    def test_import_of_a_pipe_or_a_device(self, cli: Cli, mini: Path, make: str) -> None:
        path = Path("/dev/zero") if make == "/dev/zero" else mini / "sheet.csv"
        if make == "fifo":
            os.mkfifo(path)
        result = cli("import", str(path), env=TODAY)
        assert (result.code, result.stderr) == (2, f"error: {path}: is a pipe or a device, not a regular file\n")

    def test_a_workbook_that_unpacks_to_too_much(self, cli: Cli, mini: Path) -> None:
        bomb = mini / "bomb.xlsx"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"<c/>" * 6_000_000)
        assert bomb.stat().st_size < 100_000
        started = time.perf_counter()
        result = cli("import", str(bomb), env=TODAY)
        assert (result.code, result.stderr) == (
            2,
            f"error: {bomb}: unpacks to 24,000,000 bytes; that is not a fill-in sheet\n",
        )
        assert time.perf_counter() - started < 5

    def test_a_workbook_with_too_many_cells(self, cli: Cli, mini: Path) -> None:
        bomb = mini / "cells.xlsx"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b'<c r="A1"/>' * 150_000)
        result = cli("import", str(bomb), env=TODAY)
        assert (result.code, result.stderr) == (
            2,
            f"error: {bomb}: more than 100,000 cells; that is not a fill-in sheet\n",
        )


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestCommitChecksFirst:
    """Case 13: --commit refuses before writing what git would refuse; a hook refusing after is exit 3."""

    @pytest.fixture
    def repo(self, mini: Path) -> Path:
        git(mini, "init", "-q")
        git(mini, "config", "user.name", "李四")
        git(mini, "config", "user.email", "li@example.org")
        return mini

    def refused(self, cli: Cli, root: Path, message: str, env: dict[str, str] | None = None) -> None:
        before = snapshot(root)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--commit", env=env)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: --commit: {message}\n")
        assert snapshot(root) == before

    def test_index_lock(self, cli: Cli, repo: Path) -> None:
        (repo / ".git" / "index.lock").write_text("", encoding="utf-8")
        self.refused(
            cli,
            repo,
            "another git process is running (.git/index.lock exists); wait for it, or remove that file if no git "
            "is running (nothing was recorded)".replace(".git/index.lock", str(repo / ".git" / "index.lock")),
        )

    def test_no_identity(self, cli: Cli, repo: Path) -> None:
        git(repo, "config", "--unset", "user.name")
        git(repo, "config", "--unset", "user.email")
        git(repo, "config", "user.useConfigOnly", "true")
        self.refused(
            cli,
            repo,
            "git does not know who you are: set `git config user.name` and `git config user.email` (nothing was recorded)",
            env={"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "EMAIL": ""},
        )

    def test_an_ignored_store(self, cli: Cli, repo: Path) -> None:
        (repo / ".gitignore").write_text("plans/2023/actuals/\n", encoding="utf-8")
        self.refused(
            cli, repo, f"{STORE}: ignored by git (.gitignore), so it cannot be committed (nothing was recorded)"
        )

    def test_a_merge_in_progress(self, cli: Cli, repo: Path) -> None:
        (repo / ".git" / "MERGE_HEAD").write_text("0" * 40 + "\n", encoding="utf-8")
        self.refused(cli, repo, f"a merge is in progress in {repo}; finish or abort it first (nothing was recorded)")

    def test_git_missing(self, cli: Cli, repo: Path) -> None:
        self.refused(
            cli,
            repo,
            "git is missing: no `git` program on PATH; install git or leave out the commit (nothing was recorded)",
            env={"PATH": str(repo / "no-such-folder")},
        )

    def test_a_hook_refusing_after_the_write_is_exit_3(self, cli: Cli, repo: Path) -> None:
        hook = repo / ".git" / "hooks" / "pre-commit"
        hook.write_text(
            "#!/bin/sh\necho 'checks failed:' >&2\necho 'store not reviewed' >&2\nexit 1\n", encoding="utf-8"
        )
        hook.chmod(0o755)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--commit")
        assert result.code == 3
        assert result.stdout == "recorded: 招商引资 · 新签约项目 = 5 个 as of 2023-01-31 (5个)\n"
        assert result.stderr.splitlines() == [
            "error: git commit failed: checks failed:",
            "error: git commit failed: store not reviewed",
            f"error: recorded 新签约项目 = 5 个 as of 2023-01-31 in {repo / STORE}; it was written but NOT committed",
        ]
        assert (repo / STORE).read_text(encoding="utf-8").count("\n") == 2

    def test_an_import_refused_by_a_hook_is_exit_3(self, cli: Cli, repo: Path) -> None:
        hook = repo / ".git" / "hooks" / "pre-commit"
        hook.write_text("#!/bin/sh\necho 'no imports on Fridays' >&2\nexit 1\n", encoding="utf-8")
        hook.chmod(0o755)
        sheet = repo / "s.csv"
        sheet.write_text("行动,指标ID,填报数值,截至日期\n招商引资,signed,6,2023-02-28\n", encoding="utf-8")
        result = cli("import", str(sheet), "--commit", env=TODAY)
        assert result.code == 3
        assert result.stderr.splitlines() == [
            "error: git commit failed: no imports on Fridays",
            f"error: imported 招商引资: 1 record as of 2023-02-28 from s.csv into {repo / STORE}; "
            "it was written but NOT committed",
        ]

    def test_an_ignored_store_refuses_an_import_before_writing(self, cli: Cli, repo: Path) -> None:
        (repo / ".gitignore").write_text("*.csv\n", encoding="utf-8")
        sheet = repo / "s.csv"
        sheet.write_text("行动,指标ID,填报数值,截至日期\n招商引资,signed,6,2023-02-28\n", encoding="utf-8")
        before = snapshot(repo)
        result = cli("import", str(sheet), "--commit", env=TODAY)
        assert (result.code, result.stderr) == (
            2,
            f"error: --commit: {STORE}: ignored by git (.gitignore), so it cannot be committed (nothing was recorded)\n",
        )
        assert snapshot(repo) == before


class TestUsageErrors:
    """Case 14: every usage mistake is one `error:` line and exit 2; --help still works."""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["record", "alpha", "signed", "5"], "Missing option '--as-of' (see `daye-plan record --help`)"),
            (["--year", "abc", "targets"], "Invalid value for '--year': "),
            (["status", "--format", "pdf"], "--format pdf: not a format of this command; "),
            (["nosuch"], "No such command 'nosuch' (see `daye-plan --help`)"),
            (["status", "--zzz"], "No such option: --zzz (see `daye-plan status --help`)"),
        ],
    )
    def test_one_line(self, cli: Cli, mini: Path, args: list[str], message: str) -> None:
        result = cli(*args)
        assert (result.code, result.stdout) == (2, "")
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"error: {message}")

    def test_help_still_works(self, cli: Cli, mini: Path) -> None:
        result = cli("record", "--help")
        assert result.code == 0 and "--as-of" in result.stdout

    def test_a_bad_today_in_the_environment(self, cli: Cli, mini: Path) -> None:
        result = cli("status", env={"DAYE_PLAN_TODAY": "tomorrow"})
        assert (result.code, result.stderr) == (2, "error: $DAYE_PLAN_TODAY='tomorrow' is not a date (YYYY-MM-DD)\n")


class TestCanonicalNumbers:
    """Case 15: one grammar for typed figures, and the store reads only what the writer writes."""

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("1,5", "'1,5' is not a number: thousands are grouped by three (3,500,000) and the decimal point is '.'"),
            (
                "1,2,3",
                "'1,2,3' is not a number: thousands are grouped by three (3,500,000) and the decimal point is '.'",
            ),
            ("3 5 0", "'3 5 0' is not a number: no spaces or underscores inside a number"),
            ("1_000", "'1_000' is not a number: no spaces or underscores inside a number"),
            ("٥٠", "'٥٠' is not a number: write the digits 0-9"),
            ("1E+2", "'1E+2' is not a number: write it out in full, without an exponent"),
            ("1234567890.123456", "'1234567890.123456' has more than 15 significant digits"),
        ],
    )
    def test_refused(self, cli: Cli, mini: Path, typed: str, message: str) -> None:
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", typed, "--as-of", "2023-01-31")
        assert (result.code, result.stderr) == (2, f"error: {message}\n")
        assert snapshot(mini) == before

    @pytest.mark.parametrize(
        ("typed", "stored"), [("3,500,000", "3500000"), ("３５００", "3500"), ("+12", "12"), ("7.", "7")]
    )
    def test_accepted(self, cli: Cli, mini: Path, typed: str, stored: str) -> None:
        # --confirm: 3,500,000 projects against a target of 135 would be doubted; the grammar is the point here
        assert cli("record", "alpha", "signed", typed, "--as-of", "2023-01-31", "--confirm").code == 0
        assert (mini / STORE).read_text(encoding="utf-8").splitlines()[1].split(",")[2] == stored

    @pytest.mark.parametrize(
        ("day", "message"),
        [
            ("2023-W13-5", "as_of '2023-W13-5' is not a date (YYYY-MM-DD)"),
            ("20230331", "as_of '20230331' is not a date (YYYY-MM-DD)"),
        ],
    )
    def test_the_reader_takes_iso_dates_only(self, cli: Cli, mini: Path, day: str, message: str) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text(HEADER_LINE + f"signed,{day},5,个,,,,,\n", encoding="utf-8")
        assert cli("validate").stderr.splitlines()[0] == f"{mini / STORE}:2: {message}"


class TestHiddenSheetsAndControlCharacters:
    """Case 16: nothing is imported unseen, and no text can drive the terminal."""

    def test_a_hidden_sheet_is_a_problem(self, cli: Cli, mini: Path) -> None:
        path = mini / "tpl.xlsx"
        assert cli("template", "--as-of", "2023-03-31", "--out", str(path), env=TODAY).code == 0
        book = openpyxl.load_workbook(path)
        book["招商引资"]["J5"] = 50
        book["招商引资"].sheet_state = "hidden"
        book.active = 0
        book.save(path)
        before = snapshot(mini)
        result = cli("import", str(path), env=TODAY)
        assert result.code == 2
        assert result.stderr.splitlines()[0] == (
            f"error: {path}:招商引资: the sheet is hidden: unhide it to check its rows, or delete it; nothing was recorded"
        )
        assert snapshot(mini) == before

    @pytest.mark.parametrize("option", ["--note", "--source", "--by"])
    def test_record_refuses_control_characters(self, cli: Cli, mini: Path, option: str) -> None:
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", option, "red \x1b[31m alert")
        assert (result.code, result.stderr) == (
            2,
            f"error: {option} holds the control character U+001B at position 5; remove it\n",
        )
        assert snapshot(mini) == before

    def test_import_refuses_control_characters(self, cli: Cli, mini: Path) -> None:
        path = mini / "tpl.xlsx"
        assert cli("template", "--as-of", "2023-03-31", "--out", str(path), env=TODAY).code == 0
        book = openpyxl.load_workbook(path)
        book["招商引资"]["J5"], book["招商引资"]["N5"] = 50, "a\x9bb"
        book.save(path)
        before = snapshot(mini)
        result = cli("import", str(path), env=TODAY)
        assert result.stderr.splitlines()[0] == (
            f"error: {path}:招商引资:5: 备注 holds the control character U+009B at position 2; remove it"
        )
        assert snapshot(mini) == before

    def test_a_stored_control_character_never_reaches_the_terminal(self, cli: Cli, mini: Path) -> None:
        (mini / STORE.parent).mkdir()
        (mini / STORE).write_text(HEADER_LINE + "signed,2023-01-31,5,个,5个,,\x1b[2J,,\n", encoding="utf-8")
        result = cli("history", "alpha")
        assert (result.code, result.stderr) == (
            2,
            f"error: {mini / STORE}:2: holds the control character U+001B, which daye-plan never writes\n",
        )
        assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("plain 中文 · ° ±\t\r\n", False),
        ("a\x1bb", True),
        ("a\x7f", True),
        ("a\x85b", True),
        ("a\x9fb", True),
        ("\x00", True),
    ],
)
def test_the_fast_control_character_screen(text: str, flagged: bool) -> None:
    from daye_plan.storage.ledger import may_hold_control

    assert may_hold_control(text.encode("utf-8")) is flagged
