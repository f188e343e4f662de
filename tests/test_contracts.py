"""Contracts under hostile input: --out through links and to the screen, a format that never contradicts
its file, init built aside, texts a person can see, returned sheets as they were sent, and the small
things (COLUMNS, a relative cache home, 50％, 是 for a task). Each refusal: exact message, exit 2, no
file changed."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from tests.conftest import MINI_ACTION, Run, snapshot
from tests.test_sheets import VALUE, blank, fill, imported, row_of

from daye_plan.storage import cache as usercache
from daye_plan.storage import newplan, plancache, plans

Cli = Callable[..., Run]
TODAY = {"DAYE_PLAN_TODAY": "2023-06-30"}


class TestOutThroughALink:
    """--out naming a symbolic link writes the file it points at; the link stays a link."""

    @pytest.fixture
    def shared(self, mini: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
        target = tmp_path_factory.mktemp("share") / "进展.md"
        target.write_text("old\n", encoding="utf-8")
        link = mini / "link.md"
        link.symlink_to(target)
        return link, target

    def test_report(self, cli: Cli, shared: tuple[Path, Path]) -> None:
        link, target = shared
        assert cli("report", "--as-of", "2023-03-31", "--out", str(link), "--force").code == 0
        assert link.is_symlink() and os.readlink(link) == str(target)
        assert target.read_text("utf-8").startswith("# ")

    def test_without_force_the_file_it_points_at_is_kept(self, cli: Cli, shared: tuple[Path, Path]) -> None:
        link, target = shared
        result = cli("status", "--format", "md", "--out", str(link))
        assert (result.code, result.stderr) == (
            2,
            f"error: --out {link}: the file exists; pass --force to overwrite it\n",
        )
        assert target.read_text("utf-8") == "old\n"

    def test_template(self, cli: Cli, mini: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        target = tmp_path_factory.mktemp("share") / "sheet.csv"
        target.write_text("old\n", encoding="utf-8")
        (mini / "sheet.csv").symlink_to(target)
        assert cli("template", "--as-of", "2023-03-31", "--out", str(mini / "sheet.csv"), "--force").code == 0
        assert (mini / "sheet.csv").is_symlink() and target.read_text("utf-8-sig").startswith("行动,指标ID")

    def test_a_device_is_refused(self, cli: Cli, mini: Path) -> None:
        before = snapshot(mini)
        result = cli("report", "--as-of", "2023-03-31", "--out", "/dev/null", "--force")
        assert (result.code, result.stderr) == (
            2,
            "error: --out /dev/null: is a device or a pipe, not a file; name a file, or - for the screen\n",
        )
        assert snapshot(mini) == before and Path("/dev/null").is_char_device()


class TestOutAndFormat:
    """`--out -` is the screen for every command; a format never contradicts the file's extension."""

    @pytest.mark.parametrize(
        ("args", "start"),
        [
            (["status", "--as-of", "2023-03-31", "--format", "json", "--out", "-"], "[\n"),
            (["status", "--as-of", "2023-03-31", "--out", "-"], "测试市"),
            (["report", "--as-of", "2023-03-31", "--out", "-"], "# "),
            (["template", "--as-of", "2023-03-31", "--out", "-"], "行动,指标ID"),
        ],
    )
    def test_dash_prints(self, cli: Cli, mini: Path, args: list[str], start: str) -> None:
        before = snapshot(mini)
        result = cli(*args, env=TODAY)
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout.lstrip("\ufeff").startswith(start)
        assert snapshot(mini) == before and not (mini / "-").exists()

    def test_draft_dash_prints(self, cli: Cli, mini: Path) -> None:
        result = cli("draft", str(mini / "plans/2023/source.txt"), "--format", "json", "--out", "-")
        assert result.code == 0 and not (mini / "-").exists()

    @pytest.mark.parametrize(
        ("args", "named", "given"),
        [
            (["status", "--format", "csv", "--out", "x.xlsx"], "xlsx", "csv"),
            (["status", "--format", "json", "--out", "x.md"], "md", "json"),
            (["report", "--format", "md", "--out", "x.docx"], "docx", "md"),
            (["report", "--format", "docx", "--out", "x.html"], "html", "docx"),
        ],
    )
    def test_a_contradiction_is_refused(self, cli: Cli, mini: Path, args: list[str], named: str, given: str) -> None:
        before = snapshot(mini)
        result = cli(*args)
        out = args[-1]
        assert (result.code, result.stdout, result.stderr) == (
            2,
            "",
            f"error: --out {out}: the extension says {named} but --format says {given}; make them agree, or leave "
            "out --format\n",
        )
        assert snapshot(mini) == before

    @pytest.mark.parametrize(("name", "magic"), [("s.xlsx", b"PK"), ("s.csv", b"action_id,"), ("s.json", b"[")])
    def test_the_extension_chooses_without_format(
        self, cli: Cli, mini: Path, monkeypatch: pytest.MonkeyPatch, name: str, magic: bytes
    ) -> None:
        monkeypatch.chdir(mini)
        assert cli("status", "--as-of", "2023-03-31", "--out", name).code == 0
        assert (mini / name).read_bytes().startswith(magic)

    def test_report_by_extension(self, cli: Cli, mini: Path) -> None:
        assert cli("report", "--as-of", "2023-03-31", "--out", str(mini / "r.html")).code == 0
        assert (mini / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")


class TestInit:
    """Init builds its folder aside; its texts are one line; the repository's git files."""

    @pytest.fixture
    def fresh(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("DAYE_PLAN_ROOT", raising=False)
        (tmp_path / "plans").mkdir()
        return tmp_path

    def test_a_killed_init_leaves_no_year(self, cli: Cli, fresh: Path) -> None:
        gone = 2**22 + 12345  # beyond the pids Linux hands out: a process that is no more
        aside = fresh / "plans" / f".init-2024-{gone}-0123abcd"
        aside.mkdir()
        (aside / "plan.yaml").write_text("region: x\n", encoding="utf-8")  # killed after its first file
        assert plans.years(fresh) == []  # not a year, not the default
        result = cli("init", "--year", "2024", "--region", "某市", "--title", "某市方案")
        assert (result.code, result.stderr) == (0, "")
        assert not aside.exists()  # the next init removes what the killed one left
        assert sorted(p.name for p in (fresh / "plans").iterdir()) == [".gitattributes", ".gitignore", "2024"]

    def test_a_failing_write_leaves_nothing(self, fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        real = newplan.files.write_whole

        def full(root: Path, path: Path, data: bytes, **options: bool) -> None:
            if path.name == "source.txt":
                raise OSError(28, "No space left on device")
            real(root, path, data, **options)

        monkeypatch.setattr(newplan.files, "write_whole", full)
        with pytest.raises(OSError):
            newplan.create_plan_folder(fresh, fresh / "plans" / "2024", {"plan.yaml": b"a", "source.txt": b""})
        assert list((fresh / "plans").iterdir()) == []

    @pytest.mark.parametrize(
        ("option", "text", "message"),
        [
            ("--region", "某\n市", "--region holds a line break or tab at position 2; write it on one line"),
            ("--title", "方\t案", "--title holds a line break or tab at position 2; write it on one line"),
            ("--region", "某\x1b[31m市", "--region holds the control character U+001B at position 2; remove it"),
            ("--title", "方\u202e案", "--title holds the invisible character U+202E at position 2; remove it"),
            ("--region", "某\u200b市", "--region holds the invisible character U+200B at position 2; remove it"),
        ],
    )
    def test_texts_are_one_visible_line(self, cli: Cli, fresh: Path, option: str, text: str, message: str) -> None:
        given = {"--region": "某市", "--title": "某市方案", option: text}
        result = cli("init", "--year", "2024", "--region", given["--region"], "--title", given["--title"])
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert list((fresh / "plans").iterdir()) == []

    def test_a_data_repository_commits_no_lock_or_journal(self, cli: Cli, fresh: Path) -> None:
        assert cli("init", "--year", "2023", "--region", "某市", "--title", "某市方案").code == 0
        actuals = fresh / "plans" / "2023" / "actuals"
        actuals.mkdir()
        for name in ("alpha.csv.lock", ".import-0123456789abcdef.journal", "alpha.csv"):
            (actuals / name).write_text("x\n", encoding="utf-8")
        subprocess.run(["git", "init", "-q"], cwd=fresh, check=True)
        subprocess.run(["git", "add", "-A"], cwd=fresh, check=True)
        staged = subprocess.run(["git", "ls-files"], cwd=fresh, capture_output=True, text=True, check=True).stdout
        assert "plans/2023/actuals/alpha.csv\n" in staged and ".lock" not in staged and ".journal" not in staged
        merge = subprocess.run(
            ["git", "check-attr", "merge", "plans/2023/actuals/alpha.csv"], cwd=fresh, capture_output=True, text=True
        )
        assert merge.stdout == "plans/2023/actuals/alpha.csv: merge: union\n"


class TestVisibleText:
    """Control, invisible and bidi characters are refused in every text a plan or a record holds."""

    @pytest.mark.parametrize(
        ("written", "said"),
        [
            ('name: "招商\\e[31m引资"', "'招商\\x1b[31m引资' holds the control character U+001B at position 3"),
            ('name: "招商\\u200b引资"', "'招商\\u200b引资' holds the invisible character U+200B at position 3"),
            ('theme: "在加快\\u202e集群"', "'在加快\\u202e集群' holds the invisible character U+202E at position 4"),
            ('theme: "两行\\n文字"', "'两行\\n文字' holds a line break or tab at position 3"),
        ],
    )
    def test_plan_texts(self, cli: Cli, mini: Path, written: str, said: str) -> None:
        key = written.partition(":")[0]
        original = next(line for line in MINI_ACTION.splitlines() if line.startswith(f"{key}:"))
        action = mini / "plans/2023/alpha.yaml"
        action.write_text(MINI_ACTION.replace(original, written), encoding="utf-8")
        line = MINI_ACTION.splitlines().index(original) + 1
        result = cli("validate")
        assert result.code == 1
        assert result.stderr.splitlines()[0] == f"{action}:{line}:{len(key) + 3}: the text {said}; " + (
            "write it on one line" if "line break" in said else "remove it"
        )

    @pytest.mark.parametrize(("char", "kind"), [("\u200b", "invisible"), ("\u202e", "invisible"), ("\x1b", "control")])
    def test_record_notes(self, cli: Cli, mini: Path, char: str, kind: str) -> None:
        before = snapshot(mini)
        result = cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--note", f"ab{char}c")
        code = f"U+{ord(char):04X}"
        assert (result.code, result.stderr) == (
            2,
            f"error: --note holds the {kind} character {code} at position 3; remove it\n",
        )
        assert snapshot(mini) == before

    def test_record_notes_keep_their_line_breaks_and_tabs(self, cli: Cli, mini: Path) -> None:
        assert cli("record", "alpha", "signed", "5", "--as-of", "2023-01-31", "--note", "一\n二\t三").code == 0
        entry = json.loads(cli("history", "alpha", "-f", "json").stdout)[0]
        assert entry["note"] == "一\n二\t三"

    def test_source_text(self, cli: Cli, mini: Path) -> None:
        (mini / "plans/2023/source.txt").write_text("新签约项目不少于135个\n第二行\x1b[2J\n", encoding="utf-8")
        result = cli("lint")
        assert result.code == 1
        assert "source.txt: 2:4: holds the control character U+001B; remove it" in result.stdout


class TestReturnedSheets:
    """A returned sheet is read as it was sent; what nobody could see or check is refused."""

    def refused(self, cli: Cli, root: Path, path: Path) -> list[str]:
        before = snapshot(root)
        result = imported(cli, str(path))
        assert (result.code, result.stdout) == (2, "")
        assert snapshot(root) == before
        return result.stderr.splitlines()

    def test_a_hidden_row(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}, "tax_hours": {VALUE: 96}})
        book = openpyxl.load_workbook(path)
        book["招商引资"].row_dimensions[row_of(book["招商引资"], "tax_hours")].hidden = True
        book.save(path)
        assert self.refused(cli, mini, path)[0] == (
            f"error: {path}:招商引资:8: the row is hidden: unhide it to check it, or delete it; nothing was recorded"
        )

    def test_a_hidden_column(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}})
        book = openpyxl.load_workbook(path)
        book["招商引资"].column_dimensions["N"].hidden = True
        book.save(path)
        assert self.refused(cli, mini, path)[0] == (
            f"error: {path}:招商引资: column N (备注) is hidden: unhide it to check it, or delete it; nothing was recorded"
        )

    def test_a_name_that_is_not_its_id_s(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50, "B": "纳税缴费时间"}})
        assert self.refused(cli, mini, path)[0] == (
            f"error: {path}:招商引资:5: 指标 '纳税缴费时间' is not the indicator of 指标ID signed (新签约项目); "
            "one of the two was changed: put back the pair the template has"
        )

    def test_a_sub_indicator_s_name_as_the_template_writes_it(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"industrial": {VALUE: 30}})
        assert imported(cli, str(path)).code == 0  # `└ 工业项目` is 工业项目

    def test_two_value_columns(self, cli: Cli, mini: Path) -> None:
        path = mini / "s.csv"
        path.write_text("行动,指标ID,填报数值,截至日期,填报数值\n招商引资,signed,50,2023-03-31,60\n", encoding="utf-8")
        assert self.refused(cli, mini, path)[0] == (
            f"error: {path}:1: the header row has 2 填报数值 columns (C、E); keep one"
        )


class TestSmallThings:
    def test_a_narrow_columns_is_ignored(self, cli: Cli, mini: Path) -> None:
        for columns in ("0", "5", "19", "x"):
            result = cli("targets", env={"COLUMNS": columns})
            assert result.code == 0 and "新签约项目不少于135个" in result.stdout  # drawn at 80 columns, not at 0
            assert max(len(line) for line in result.stdout.splitlines()) <= 80

    def test_a_relative_cache_home_is_ignored(self, cli: Cli, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(usercache.SETTINGS, "base", None)  # restored after the test, as the commands set it
        monkeypatch.setenv("HOME", str(mini))
        assert cli("targets", env={"XDG_CACHE_HOME": "cache"}).code == 0
        assert usercache.folder(plancache.KIND) == mini / ".cache" / "daye-plan" / "plans"
        assert not (mini / "cache").exists()
        assert cli("targets", env={"XDG_CACHE_HOME": str(mini / "abs")}).code == 0
        assert usercache.folder(plancache.KIND) == mini / "abs" / "daye-plan" / "plans"

    @pytest.mark.parametrize("typed", ["50％", "５０％", "50 ％"])
    def test_a_full_width_percent(self, cli: Cli, mini: Path, typed: str) -> None:
        share = '  - id: share\n    name: 占比\n    unit: "%"\n    kind: level\n    targets: []\n'
        (mini / "plans/2023/alpha.yaml").write_text(MINI_ACTION + share, encoding="utf-8")
        result = cli("record", "alpha", "share", typed, "--as-of", "2023-01-31")
        assert result.code == 0, result.stderr
        assert "\nshare,2023-01-31,50,%," in (mini / "plans/2023/actuals/alpha.csv").read_text("utf-8")

    @pytest.mark.parametrize(("typed", "stored"), [("是", "1"), ("否", "0"), ("yes", "1")])
    def test_yes_and_no_for_a_task(self, cli: Cli, mini: Path, typed: str, stored: str) -> None:
        assert cli("record", "alpha", "package", typed, "--as-of", "2023-01-31").code == 0
        assert f"package,2023-01-31,{stored}," in (mini / "plans/2023/actuals/alpha.csv").read_text("utf-8")
