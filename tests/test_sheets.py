"""Fill-in sheets: template; import all or nothing (each refusal: exact message, exit 2, no change); completion."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import openpyxl
import pytest
import typer
from openpyxl.worksheet.worksheet import Worksheet
from tests.conftest import MINI_ACTION, Run, snapshot, write_plan
from typer.testing import CliRunner

from daye_plan.cli import app
from daye_plan.cli.complete import complete_action, complete_indicator
from daye_plan.storage.actuals import HEADER_LINE
from daye_plan.storage.plans import load_plan

Cli = Callable[..., Run]
TODAY = {"DAYE_PLAN_TODAY": "2023-04-30"}
HEADER = [
    "指标ID",
    "指标",
    "期间",
    "要求",
    "比较",
    "目标值",
    "单位",
    "最新实际",
    "最新截至",
    "填报数值",
    "填报单位",
    "截至日期",
    "来源",
    "备注",
    "确认",
]
VALUE, UNIT, AS_OF, SOURCE, NOTE, CONFIRM = "J", "K", "L", "M", "N", "O"


def store_rows(root: Path, action: str = "alpha") -> list[list[str]]:
    text = (root / "plans" / "2023" / "actuals" / f"{action}.csv").read_text(encoding="utf-8")
    return [row[:7] for row in csv.reader(io.StringIO(text))][1:]


def make_template(cli: Cli, root: Path, *args: str, name: str = "tpl.xlsx") -> Path:
    out = root / name
    result = cli("template", "--as-of", "2023-03-31", "--out", str(out), *args, env=TODAY)
    assert result.code == 0, result.stderr
    return out


_BLANK: dict[str, bytes] = {}


def blank(cli: Cli, root: Path) -> Path:
    """A fresh copy of the mini plan's template, made once: most tests only fill it in."""
    if "mini" not in _BLANK:
        _BLANK["mini"] = make_template(cli, root).read_bytes()
    path = root / "tpl.xlsx"
    path.write_bytes(_BLANK["mini"])
    return path


def row_of(sheet: Worksheet, indicator_id: str) -> int:
    """The first row of an indicator: the one its figure goes in."""
    return next(cell.row for cell in sheet["A"] if cell.value == indicator_id)


def fill(path: Path, sheet: str, figures: dict[str, dict[str, object]]) -> Path:
    """Fill a template as a department would: {indicator id: {column letter: value}}."""
    book = openpyxl.load_workbook(path)
    page = book[sheet]
    for indicator_id, cells in figures.items():
        number = row_of(page, indicator_id)
        for column, value in cells.items():
            page[f"{column}{number}"] = value
    book.save(path)
    return path


def imported(cli: Cli, *args: str) -> Run:
    return cli("import", *args, env=TODAY)


class TestTemplate:
    def test_one_sheet_per_action_with_locked_plan_columns(self, cli: Cli, mini: Path) -> None:
        path = make_template(cli, mini, "--action", "招商引资")
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == ["说明", "招商引资"]
        page = book["招商引资"]
        assert [c.value for c in page[4]] == HEADER
        assert [c.value for c in page[5]][:10] == [
            "signed",
            "新签约项目",
            "全年",
            None,
            "≥",
            135,
            "个",
            None,
            None,
            None,
        ]
        assert (page["A2"].value, page["B2"].value) == ("默认截至日期", dt.datetime(2023, 3, 31))
        assert page.protection.sheet
        assert page["A5"].protection.locked and page["F5"].protection.locked
        assert not any(page[f"{c}5"].protection.locked for c in "JKLMNO")
        assert all(page[f"{c}6"].protection.locked for c in "JKLMNO")  # signed's Q1 row: fill in the first row only
        lists = {dv.formula1: str(dv.sqref) for dv in page.data_validations.dataValidation}
        assert lists == {'"个"': "K5 K7", '"小时"': "K8", '"完成,未完成"': "J9", '"是,否"': "O5 O7 O8"}
        assert page.column_dimensions["B"].width >= 2 * len("新签约项目")
        assert "daye-plan import" in "".join(str(c.value) for c in book["说明"]["A"])

    def test_all_actions(self, cli: Cli, bundled: Path) -> None:
        plan = load_plan(bundled / "plans" / "2023")
        recorded = sum(i.formula is None for a in plan.actions for i in a.indicators)
        result = cli("template", "--as-of", "2023-03-31", "--out", str(bundled / "all.xlsx"))
        assert result.stdout == (
            f"wrote {bundled / 'all.xlsx'}: {plan.target_count} targets of 8 actions, {recorded} to fill in, "
            "as of 2023-03-31\n"
        )
        names = openpyxl.load_workbook(bundled / "all.xlsx").sheetnames
        assert names == [
            "说明",
            "招商引资",
            "项目建设",
            "服务企业",
            "科技创新",
            "优化环境",
            "乡村振兴",
            "文明提升",
            "党建引领",
        ]

    def test_shows_the_latest_figure_on_or_before_the_date(self, cli: Cli, mini: Path) -> None:
        cli("record", "alpha", "signed", "40", "--as-of", "2023-02-28")
        cli("record", "alpha", "signed", "55", "--as-of", "2023-04-30", env=TODAY)
        page = openpyxl.load_workbook(make_template(cli, mini))["招商引资"]
        assert (page["H5"].value, page["I5"].value) == (40, dt.datetime(2023, 2, 28))

    def test_csv_has_an_action_column_and_the_date_filled_in(self, cli: Cli, mini: Path) -> None:
        path = make_template(cli, mini, name="tpl.csv")
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads it as UTF-8
        lines = data.decode("utf-8-sig").splitlines()
        assert lines[0] == "行动," + ",".join(HEADER)
        assert lines[1] == "招商引资,signed,新签约项目,全年,,≥,135,个,,,,,2023-03-31,,,"
        assert lines[2] == "招商引资,signed,新签约项目,一季度,,≥,45,个,,,,,,,,"
        assert cli("template", "--as-of", "2023-03-31", "--out", "-").stdout.splitlines() == lines

    def test_plan_text_is_never_a_formula(self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write_plan(tmp_path, alpha=MINI_ACTION.replace("name: 工业项目", "name: '=HYPERLINK(\"x\")'"))
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
        page = openpyxl.load_workbook(make_template(cli, tmp_path))["招商引资"]
        assert (page["B7"].value, page["B7"].data_type) == ('\u3000└ =HYPERLINK("x")', "s")
        assert '"\'=HYPERLINK(""x"")"' not in make_template(cli, tmp_path, name="t.csv").read_text(encoding="utf-8-sig")

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("tpl.txt", "error: --out {path}: name a .xlsx or .csv file (or - for the screen)\n"),
            ("filled.xlsx", "error: --out {path}: the file exists (a filled sheet?); pass --force to overwrite it\n"),
        ],
    )
    def test_refusals(self, cli: Cli, mini: Path, name: str, message: str) -> None:
        (mini / "filled.xlsx").write_bytes(b"a filled sheet")
        before = snapshot(mini)
        result = cli("template", "--out", str(mini / name))
        assert (result.code, result.stdout, result.stderr) == (2, "", message.format(path=mini / name))
        assert snapshot(mini) == before

    def test_force_overwrites(self, cli: Cli, mini: Path) -> None:
        (mini / "t.xlsx").write_bytes(b"old")
        assert cli("template", "--out", str(mini / "t.xlsx"), "--force").code == 0
        assert zipfile.is_zipfile(mini / "t.xlsx")


class TestImport:
    def test_round_trip_to_status(self, cli: Cli, bundled: Path) -> None:
        path = make_template(cli, bundled, "--action", "招商引资")
        fill(path, "招商引资", {
            "signed_projects": {VALUE: 50, SOURCE: "市招商服务中心月报"},
            "contract_investment": {VALUE: "3,500,000", UNIT: "万元"},
            "industrial_projects": {VALUE: "38", AS_OF: "2023.3.31"},
            "registered_projects": {VALUE: 31, AS_OF: "2023年3月31日", NOTE: "含续建"},
            "stored_investment": {VALUE: "41亿元", AS_OF: dt.datetime(2023, 3, 31)},
        })  # fmt: skip
        result = imported(cli, str(path))
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout == (
            "imported 招商引资: 5 records as of 2023-03-31 from tpl.xlsx "
            "(0 already recorded, 12 rows without a figure)\n"
        )
        assert store_rows(bundled, "investment") == [
            ["signed_projects", "2023-03-31", "50", "个", "50个", "市招商服务中心月报", ""],
            ["contract_investment", "2023-03-31", "350", "亿元", "3,500,000万元", "", ""],
            ["industrial_projects", "2023-03-31", "38", "个", "38个", "", ""],
            ["registered_projects", "2023-03-31", "31", "个", "31个", "", "含续建"],
            ["stored_investment", "2023-03-31", "41", "亿元", "41亿元", "", ""],
        ]
        status = json.loads(cli("status", "-a", "招商引资", "--as-of", "2023-03-31", "-f", "json").stdout)
        actual = {(r["indicator_id"], r["period"]): r["actual"] for r in status}
        assert actual[("signed_projects", "q1")] == 50 and actual[("contract_investment", "annual")] == 350
        assert actual[("industrial_projects_share", "annual")] == 76  # derived: 38 / 50 × 100

    def test_an_alias_is_kept_with_its_owner(self, cli: Cli, bundled: Path) -> None:
        path = fill(make_template(cli, bundled, "-a", "项目建设"), "项目建设", {"signed_projects": {VALUE: 50}})
        assert imported(cli, str(path)).stdout.startswith("imported 招商引资: 1 record as of 2023-03-31 from tpl.xlsx")
        assert store_rows(bundled, "investment") == [["signed_projects", "2023-03-31", "50", "个", "50个", "", ""]]
        assert not (bundled / "plans" / "2023" / "actuals" / "projects.csv").exists()

    def test_dry_run_shows_and_writes_nothing(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}, "package": {VALUE: "完成"}})
        before = snapshot(mini)
        result = imported(cli, str(path), "--dry-run")
        assert result.code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0].rstrip() == f"试导入 · {path}"
        assert "新签约项目" in result.stdout and "政策落实包" in result.stdout and "50 个" in result.stdout
        assert lines[-1] == (
            "dry run: would import 招商引资: 2 records as of 2023-03-31 from tpl.xlsx "
            "(0 already recorded, 3 rows without a figure); nothing was written"
        )
        assert snapshot(mini) == before

    def test_reimport_records_nothing_new(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}, "tax_hours": {VALUE: 96}})
        assert imported(cli, str(path)).code == 0
        before = snapshot(mini)
        again = imported(cli, str(path))
        assert (again.code, again.stdout) == (
            0, f"nothing new in {path}: 2 already recorded, 3 rows without a figure; nothing was recorded\n"
        )  # fmt: skip
        assert snapshot(mini) == before
        fill(path, "招商引资", {"signed": {VALUE: 52}})
        assert imported(cli, str(path)).stdout.startswith(
            "imported 招商引资: 1 record as of 2023-03-31 from tpl.xlsx (1 already"
        )
        assert [r[2] for r in store_rows(mini)] == ["50", "96", "52"]

    def test_a_sheet_imported_again_does_not_undo_a_correction(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}})
        imported(cli, str(path), "--by", "王五")
        cli("record", "alpha", "signed", "55", "--as-of", "2023-03-31", "--by", "张三")
        at = next(csv.reader(io.StringIO((mini / "plans/2023/actuals/alpha.csv").read_text("utf-8").splitlines()[2])))[
            8
        ]
        before = snapshot(mini)
        again = imported(cli, str(path))
        assert (again.code, again.stdout) == (2, "")
        assert again.stderr.splitlines() == [
            f"error: {path}:招商引资:5: 新签约项目 = 50 个 as of 2023-03-31 is a figure corrected since: 55 个 recorded "
            f"by 张三 at {at} supersedes it; importing it again would undo that correction (if the figure is right, "
            "write “是” in the “确认” column)",
            f"error: 1 figure in {path} looks like a slip; nothing was recorded",
            "error: if the figures are right, put 是 in their 确认 column, or import the sheet with --confirm",
        ]
        assert snapshot(mini) == before
        dry = imported(cli, str(path), "--dry-run", "--confirm")  # the dry run shows the figure each row replaces
        assert dry.code == 0 and "取代" in dry.stdout and "55 个" in dry.stdout
        assert snapshot(mini) == before
        confirmed = imported(cli, str(path), "--confirm")  # on purpose: 50 again supersedes 55, and says so
        assert confirmed.code == 0
        assert confirmed.stdout.startswith(
            f"confirmed: {path}:招商引资:5: 新签约项目 = 50 个 as of 2023-03-31 is a figure"
        )
        assert [r[2] for r in store_rows(mini)] == ["50", "55", "50"]
        assert (mini / "plans/2023/actuals/alpha.csv").read_text("utf-8").endswith(",confirmed:revert\n")
        assert "有效 · 已确认：恢复已更正的数据" in cli("history", "alpha", "signed").stdout

    def test_the_dry_run_shows_the_figure_a_row_replaces(self, cli: Cli, mini: Path) -> None:
        cli("record", "alpha", "signed", "40", "--as-of", "2023-03-31")
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 45}, "tax_hours": {VALUE: 96}})
        dry = imported(cli, str(path), "--dry-run")
        assert dry.code == 0
        header, _rule, signed, hours = [line.split() for line in dry.stdout.splitlines()[1:5]]
        assert header[:7] == ["行", "行动", "指标", "截至", "数值", "取代", "录入"]
        assert signed[3:8] == ["2023-03-31", "45", "个", "40", "个"]  # 45 个 replaces 40 个
        assert hours[3:6] == ["2023-03-31", "96", "小时"] and hours[6] == "96小时"  # a first figure replaces none

    def test_as_of_option_and_sheet_default(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 5}, "tax_hours": {VALUE: 90, AS_OF: "2023-01-31"}})
        assert imported(cli, str(path), "--as-of", "2023-02-28").code == 0
        assert [r[:3] for r in store_rows(mini)] == [["signed", "2023-02-28", "5"], ["tax_hours", "2023-01-31", "90"]]
        book = openpyxl.load_workbook(path)
        book["招商引资"]["B2"] = "2023.3.15"
        book.save(path)
        assert imported(cli, str(path)).code == 0
        assert store_rows(mini)[-1][:3] == ["signed", "2023-03-15", "5"]

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
    def test_csv_in_any_encoding_excel_writes(self, cli: Cli, mini: Path, encoding: str) -> None:
        text = make_template(cli, mini, name="t.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        rows[1][10], rows[1][14] = "3,500", "备注：一季度"  # 填报数值, 备注 of signed
        rows[5][10] = "完成"  # package
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path = mini / "filled.csv"
        path.write_bytes(out.getvalue().encode(encoding))
        result = imported(cli, str(path))
        assert result.stdout.startswith("imported 招商引资: 2 records as of 2023-03-31 from filled.csv"), result.stderr
        assert store_rows(mini) == [
            ["signed", "2023-03-31", "3500", "个", "3,500个", "", "备注：一季度"],
            ["package", "2023-03-31", "1", "", "done", "", ""],
        ]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow  # runs git in a subprocess, over and over
class TestCommit:
    def test_one_commit_per_import_and_history(self, cli: Cli, mini: Path) -> None:
        git(mini, "init", "-q")
        git(mini, "config", "user.name", "王五")
        git(mini, "config", "user.email", "wang@example.org")
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 40}, "tax_hours": {VALUE: 96}})
        first = imported(cli, str(path), "--commit")
        assert first.code == 0, first.stderr
        message = "import 招商引资: 2 records as of 2023-03-31 from tpl.xlsx"
        assert (
            first.stdout.splitlines()[1] == f"committed {git(mini, 'rev-parse', '--short', 'HEAD').strip()}: {message}"
        )
        fill(path, "招商引资", {"signed": {VALUE: 45}})
        assert imported(cli, str(path), "--commit").code == 0
        log = git(mini, "log", "--format=%s|%an").splitlines()
        assert log == ["import 招商引资: 1 record as of 2023-03-31 from tpl.xlsx|王五", f"{message}|王五"]
        entries = json.loads(cli("history", "alpha", "signed", "-f", "json").stdout)
        assert [(e["value"], e["superseded"], e["author"], e["by"]) for e in entries] == [
            (40, True, "王五", "王五"),
            (45, False, "王五", "王五"),
        ]
        assert entries[0]["commit"] != entries[1]["commit"]

    def test_nothing_new_makes_no_commit(self, cli: Cli, mini: Path) -> None:
        git(mini, "init", "-q")
        path = blank(cli, mini)
        result = imported(cli, str(path), "--commit")
        assert (
            result.stdout
            == f"nothing new in {path}: 0 already recorded, 5 rows without a figure; nothing was recorded\n"
        )
        assert subprocess.run(["git", "-C", str(mini), "rev-parse", "HEAD"], capture_output=True).returncode != 0

    def test_commit_outside_a_repository_writes_nothing(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 40}})
        before = snapshot(mini)
        result = imported(cli, str(path), "--commit")
        assert result.code == 2
        assert result.stderr.startswith(f"error: --commit: {mini} is not a git repository")
        assert snapshot(mini) == before

    def test_dry_run_and_commit_exclude_each_other(self, cli: Cli, mini: Path) -> None:
        result = imported(cli, str(mini / "x.xlsx"), "--dry-run", "--commit")
        assert (result.code, result.stderr) == (2, "error: --dry-run and --commit exclude each other\n")


class TestRefusals:
    """Bad sheets: every problem reported as FILE:sheet:row: message, exit 2, no file changed."""

    def refuse(self, cli: Cli, root: Path, path: Path, *args: str) -> list[str]:
        before = snapshot(root)
        result = imported(cli, str(path), *args)
        assert (result.code, result.stdout) == (2, ""), result.stderr
        assert snapshot(root) == before
        return result.stderr.splitlines()

    def test_every_bad_row_is_reported_and_nothing_is_written(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {
            "signed": {VALUE: "5亿元"},
            "industrial": {VALUE: "12", AS_OF: "2023-13-01"},
            "tax_hours": {VALUE: "3,5OO"},
            "package": {VALUE: 1},
        })  # fmt: skip
        where = f"{path}:招商引资"
        assert self.refuse(cli, mini, path) == [
            f"error: {where}:5: unit '亿元' cannot be converted to '个'; use 个",
            f"error: {where}:7: 截至日期 '2023-13-01' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            f"error: {where}:8: '3,5OO' is not a number",
            f"error: {where}:9: 政策落实包 is a milestone: record `done` (or `open`), not '1'",
            f"error: 4 problems in {path}; nothing was recorded",
        ]

    def test_one_bad_row_blocks_the_good_ones(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}, "tax_hours": {VALUE: "很多"}})
        assert self.refuse(cli, mini, path)[0] == f"error: {path}:招商引资:8: '很多' is not a number"

    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            ({AS_OF: "nonsense"}, "截至日期 'nonsense' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)"),
            (
                {AS_OF: "2023年2月30日"},
                "截至日期 '2023年2月30日' is not a date (write YYYY-MM-DD, YYYY.M.D or YYYY年M月D日)",
            ),
            ({AS_OF: "2022.12.31"}, "截至日期 2022-12-31: outside the plan year 2023"),
            ({AS_OF: "2023-05-01"}, "截至日期 2023-05-01: in the future (today is 2023-04-30)"),
            ({VALUE: "=1+2"}, "J5 holds a formula (=1+2); type the figure itself: formulas are not evaluated"),
            (
                {VALUE: 5, NOTE: '=HYPERLINK("x")'},
                'N5 holds a formula (=HYPERLINK("x")); type the figure itself: formulas are not evaluated',
            ),
            ({VALUE: "-3"}, "-3 个 is outside what 新签约项目 allows (0..∞)"),
            ({VALUE: True}, "填报数值 TRUE is not a figure; write a number, or 完成 for a task"),
            ({VALUE: dt.datetime(2023, 3, 31)}, "填报数值 2023-03-31 is a date, not a figure"),
            ({VALUE: "5", UNIT: "吨"}, "unit '吨' cannot be converted to '个'; use 个"),
        ],
    )
    def test_cell_refusals(self, cli: Cli, mini: Path, cells: dict[str, object], message: str) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50, **cells}})
        assert self.refuse(cli, mini, path) == [
            f"error: {path}:招商引资:5: {message}",
            f"error: 1 problem in {path}; nothing was recorded",
        ]

    def test_unknown_indicator_id(self, cli: Cli, mini: Path) -> None:
        path = blank(cli, mini)
        book = openpyxl.load_workbook(path)
        book["招商引资"]["A5"], book["招商引资"]["J5"] = "signd", 5
        book.save(path)
        assert self.refuse(cli, mini, path)[0] == (
            f"error: {path}:招商引资:5: indicator 'signd' is not in 招商引资 (alpha); did you mean signed, industrial?"
        )

    def test_merged_cells(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}})
        book = openpyxl.load_workbook(path)
        book["招商引资"].merge_cells("J5:J6")
        book.save(path)
        assert (
            self.refuse(cli, mini, path)[0]
            == f"error: {path}:招商引资:5: cells J5:J6 are merged; unmerge them: one figure per cell"
        )

    def test_sheet_not_named_after_an_action(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}})
        book = openpyxl.load_workbook(path)
        book["招商引资"].title = "Sheet1"
        book.save(path)
        assert self.refuse(cli, mini, path)[0] == (
            f"error: {path}:Sheet1: the sheet is not named after an action; name it one of 招商引资 (alpha)"
        )

    def test_derived_indicator_is_not_recorded(self, cli: Cli, bundled: Path) -> None:
        path = fill(make_template(cli, bundled, "-a", "招商引资"), "招商引资", {"signed_projects": {VALUE: 5}})
        book = openpyxl.load_workbook(path)
        book["招商引资"][f"J{row_of(book['招商引资'], 'industrial_projects_share')}"] = 70
        book.save(path)
        assert self.refuse(cli, bundled, path)[0] == (
            f"error: {path}:招商引资:10: 工业项目占比 is derived (industrial_projects / signed_projects * 100); "
            "record its inputs instead"
        )

    def test_csv_problems_name_the_line(self, cli: Cli, mini: Path) -> None:
        path = mini / "f.csv"
        path.write_text(
            "行动,指标ID,填报数值,截至日期\n招商引资,signed,5,2023-03-31\n招商引资,signed,6,2023-03-31\n"
            "科技创新,signed,5,\n招商引资,tax_hours,=A1*2,\n",
            encoding="utf-8",
        )
        assert self.refuse(cli, mini, path) == [
            f"error: {path}:3: 新签约项目 as of 2023-03-31 is already given in line 2 (5个); "
            "one figure per indicator and date",
            f"error: {path}:4: 行动 '科技创新' is not an action of the plan; valid: 招商引资 (alpha)",
            f"error: {path}:5: C5 holds a formula (=A1*2); type the figure itself: formulas are not evaluated",
            f"error: 3 problems in {path}; nothing was recorded",
        ]

    def test_empty_as_of_without_default(self, cli: Cli, mini: Path) -> None:
        path = mini / "f.csv"
        path.write_text("行动,指标ID,填报数值,截至日期\n招商引资,signed,5,\n", encoding="utf-8")
        assert self.refuse(cli, mini, path)[0] == (
            f"error: {path}:2: 截至日期 is empty and the sheet has no default date; fill it in or pass --as-of"
        )

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("empty.xlsx", b"", "the file is empty"),
            ("blank.csv", b"\xef\xbb\xbf\r\n \n", "the file is empty"),
            (
                "photo.xlsx",
                b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
                "not a spreadsheet but a PNG image; import an .xlsx or .csv fill-in sheet",
            ),
            (
                "noise.csv",
                bytes(range(256)) * 4,
                "not a spreadsheet: neither an XLSX workbook nor CSV text in UTF-8 or GB18030",
            ),
            (
                "old.xls",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
                "an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx without a password",
            ),
            ("cut.xlsx", b"PK\x03\x04" + bytes(100), "not a spreadsheet: a damaged or incomplete XLSX (zip) file"),
            (
                "notes.csv",
                "随便写的一些文字\n第二行\n".encode(),
                "no fill-in sheet: no header row with 指标ID and 填报数值 (make one with `daye-plan template`)",
            ),
        ],
    )
    def test_files_that_are_not_fill_in_sheets(
        self, cli: Cli, mini: Path, name: str, data: bytes, message: str
    ) -> None:
        path = mini / name
        path.write_bytes(data)
        assert self.refuse(cli, mini, path) == [f"error: {path}: {message}"]

    def test_a_zip_that_is_not_a_workbook(self, cli: Cli, mini: Path) -> None:
        path = mini / "report.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        assert self.refuse(cli, mini, path) == [
            f"error: {path}: not a spreadsheet: a zip file but not an XLSX workbook (KeyError)"
        ]

    def test_missing_file(self, cli: Cli, mini: Path) -> None:
        assert self.refuse(cli, mini, mini / "nope.xlsx") == [f"error: {mini / 'nope.xlsx'}: file not found"]

    def test_damaged_store_is_refused_before_writing(self, cli: Cli, mini: Path) -> None:
        path = fill(blank(cli, mini), "招商引资", {"signed": {VALUE: 50}})
        store = mini / "plans" / "2023" / "actuals" / "alpha.csv"
        store.parent.mkdir(parents=True)
        store.write_text(HEADER_LINE + "signed,2023-01-31,5,个,5个", encoding="utf-8")
        assert "incomplete last line" in self.refuse(cli, mini, path)[0]


class TestCompletion:
    def test_actions_by_name_title_and_id(self, cli: Cli, mini: Path) -> None:
        ctx = typer.Context(typer.main.get_command(app))
        assert complete_action(ctx, "招") == [("招商引资", "招商引资行动"), ("招商引资行动", "在加快集群强链上下功夫")]
        assert complete_action(ctx, "al") == [("alpha", "招商引资")]

    def test_through_the_shell_protocol(self, mini: Path) -> None:
        env = {
            "_DAYE_PLAN_COMPLETE": "complete_bash",
            "COMP_WORDS": "daye-plan template --action 招商",
            "COMP_CWORD": "3",
        }
        result = CliRunner().invoke(app, [], prog_name="daye-plan", env=env)
        assert result.stdout.split() == ["招商引资", "招商引资行动"]

    def test_indicators_of_the_action_on_the_line(self, mini: Path) -> None:
        demo = typer.Typer()

        @demo.command()
        def show(
            action: Annotated[str, typer.Argument()],
            indicator: Annotated[str, typer.Argument(autocompletion=complete_indicator)],
        ) -> None:  # pragma: no cover - only completed, never run
            pass

        def words(line: str) -> list[str]:
            env = {"_DEMO_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(line.split()) - 1)}
            return CliRunner().invoke(demo, [], prog_name="demo", env=env).stdout.split()

        assert words("demo 招商引资 新") == ["新签约项目"]
        assert words("demo alpha ta") == ["tax_hours"]
        assert words("demo 没有 新") == []

    def test_no_plan_no_suggestions(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("DAYE_PLAN_ROOT", raising=False)
        monkeypatch.chdir(tmp_path)
        ctx = typer.Context(typer.main.get_command(app))
        assert complete_action(ctx, "") == []
        assert os.getcwd() == str(tmp_path)
