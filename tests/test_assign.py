"""`assign`: the 责任分工 sheet written, filled in and brought back into the plan files — every refusal
with its message, exit code and nothing changed; the round trip; the dry run; near-duplicate names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.conftest import BUNDLED, Run, snapshot

from daye_plan.ops import duties
from daye_plan.ops.assign import split_partners

Cli = Callable[..., Run]
SHEET = "责任分工.xlsx"


@pytest.fixture
def here(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled plans (no departments) in a fresh root, which is the current folder."""
    monkeypatch.chdir(bundled)
    return bundled


def written(cli: Cli, name: str = SHEET, *args: str) -> Path:
    result = cli("assign", "--out", name, *args)
    assert result.code == 0, result.stderr
    return Path(name)


def fill(path: Path, rows: dict[int, dict[int, object]]) -> None:
    """Set cells of the XLSX sheet: {row: {column: value}} (columns 1-6: 行动 … 报送频次)."""
    book = load_workbook(path)
    sheet = book["责任分工"]
    for row, cells in rows.items():
        for column, value in cells.items():
            sheet.cell(row, column).value = value
    book.save(path)


def lead_everything(path: Path, lead: str = "市招商服务中心", *, first: int = 4, last: int = 15) -> None:
    fill(path, {row: {4: lead} for row in range(first, last + 1)})


class TestSheet:
    def test_one_row_per_indicator_the_id_locked_the_fields_to_fill(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        book = load_workbook(path)
        assert book.sheetnames == ["责任分工"]
        sheet = book["责任分工"]
        header = [cell.value for cell in sheet[3]]
        assert header == ["行动", "指标ID", "指标", "牵头单位", "责任单位", "报送频次"]
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        assert len(rows) == 139 and rows[0][:3] == ("招商引资", "signed_projects", "新签约亿元以上项目")
        assert sheet.protection.sheet and sheet["B4"].protection.locked
        assert not any(sheet.cell(4, column).protection.locked for column in (4, 5, 6))
        assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
        setup = sheet.page_setup
        assert (setup.orientation, str(setup.paperSize), setup.fitToWidth) == ("landscape", sheet.PAPERSIZE_A4, 1)
        [choices] = sheet.data_validations.dataValidation
        assert choices.formula1 == '"月,季,半年,年,一次"' and "F4" in str(choices.sqref)

    def test_inherited_values_are_shown_as_such(self, cli: Cli, here: Path) -> None:
        lead_everything(written(cli))
        assert cli("assign", SHEET).code == 0
        sheet = load_workbook(written(cli, "again.xlsx"))["责任分工"]
        assert sheet["D4"].value == "市招商服务中心" and sheet["D4"].font.i  # the action's, inherited
        milestone = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == "policy_package")
        assert milestone[5].value == "一次" and milestone[5].font.i  # a task falls due at its period's end
        derived = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == "industrial_projects_share")
        assert derived[5].value is None and derived[5].protection.locked  # never reported

    def test_csv_with_a_bom_for_excel_and_without_on_stdout(self, cli: Cli, here: Path) -> None:
        assert cli("assign", "--format", "csv", "--out", "责任分工.csv").code == 0
        data = Path("责任分工.csv").read_bytes()
        assert data.startswith("\ufeff行动,指标ID,指标,牵头单位,责任单位,报送频次\r\n".encode())
        printed = cli("assign", "-f", "csv").stdout
        assert printed.splitlines()[1] == "招商引资,signed_projects,新签约亿元以上项目,,,"
        assert data.decode("utf-8-sig").replace("\r\n", "\n") == printed.replace("\r\n", "\n")

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ([], "give a filled sheet to bring in (daye-plan assign 责任分工.xlsx), or --out FILE to write one"),
            (
                ["--out", "x.xlsx", "-f", "csv"],
                "--out x.xlsx: the extension says xlsx but --format says csv; make them agree, or leave out --format",
            ),
            (["--dry-run", "--out", "x.xlsx"], "--dry-run is for bringing a sheet in: give its FILE"),
            (
                ["x.xlsx", "--out", "y.xlsx"],
                "FILE brings a sheet in; --out, --format and --action write one: give one or the other",
            ),
            (
                ["--out", "plans/2023/x.xlsx"],
                "--out plans/2023/x.xlsx: that is the project's own data (plans/ or .git/); write the sheet elsewhere",
            ),
            (
                ["--out", "plans"],
                "--out plans: that is the project's own data (plans/ or .git/); write the sheet elsewhere",
            ),
            (["--out", "old.xlsx"], "--out old.xlsx: the file exists; pass --force to overwrite it"),
        ],
    )
    def test_refusals_writing(self, cli: Cli, here: Path, args: list[str], message: str) -> None:
        Path("old.xlsx").write_bytes(b"a filled sheet")
        before = snapshot(here)
        result = cli("assign", *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")
        assert snapshot(here) == before

    def test_force_overwrites(self, cli: Cli, here: Path) -> None:
        Path("old.xlsx").write_bytes(b"a filled sheet")
        assert cli("assign", "--out", "old.xlsx", "--force").code == 0
        assert load_workbook("old.xlsx").sheetnames == ["责任分工"]


class TestRoundTrip:
    def test_filled_in_brought_in_and_used(self, cli: Cli, here: Path) -> None:
        texts = {p.name: p.read_text(encoding="utf-8") for p in (here / "plans" / "2023").glob("*.yaml")}
        path = written(cli)
        lead_everything(path)  # 招商引资's twelve indicators ...
        fill(path, {13: {4: "市市场监管局", 5: "市场监管所、各乡镇（街道、区）"}, 4: {6: "季"}})
        result = cli("assign", SHEET)
        assert result.code == 0, result.stderr
        assert (
            result.stdout.splitlines()[0]
            == "责任分工.xlsx:责任分工:4: 招商引资 · 新签约亿元以上项目：牵头单位 — → 市招商服务中心"
        )
        assert "责任分工.xlsx:责任分工:4: 招商引资 · 新签约亿元以上项目：报送频次 — → 季" in result.stdout
        assert (
            "责任分工.xlsx:责任分工:13: 招商引资 · 新注册项目：责任单位 — → 市场监管所、各乡镇（街道、区）"
            in result.stdout
        )
        assert result.stdout.splitlines()[-1] == "changed the plan: 14 changes to 12 indicators in investment.yaml"
        # ... written as the README's example reads: the lead on the action, the exceptions on their indicators
        after = (here / "plans" / "2023" / "investment.yaml").read_text(encoding="utf-8")
        added = [line for line in after.splitlines() if line not in texts["investment.yaml"].splitlines()]
        assert added == [
            "lead: 市招商服务中心",
            "    cadence: quarter",
            "    lead: 市市场监管局",
            "    partners: [市场监管所, 各乡镇（街道、区）]",
        ]
        assert _without(after, added) == texts["investment.yaml"]  # every comment and line kept, in order
        assert all(
            (here / "plans" / "2023" / name).read_text(encoding="utf-8") == text
            for name, text in texts.items()
            if name != "investment.yaml"
        )
        assert cli("validate").code == 0 and cli("lint", "--strict").code == 0
        by_lead = cli("status", "--by", "lead", "--as-of", "2023-06-30")
        assert by_lead.code == 0 and "市招商服务中心 · 牵头指标" in by_lead.stdout
        records = json.loads(cli("status", "--lead", "市市场监管局", "-f", "json").stdout)
        assert {(r["action_id"], r["indicator_id"]) for r in records} == {("investment", "registered_projects")}
        again = cli("assign", SHEET)  # the same sheet again: nothing to change
        assert (again.code, again.stdout) == (0, "nothing to change: 责任分工.xlsx says what the plan says\n")
        out = list(csv.reader(io.StringIO(cli("assign", "-f", "csv").stdout)))
        assert out[1] == ["招商引资", "signed_projects", "新签约亿元以上项目", "市招商服务中心", "", "季"]
        assert out[10] == [
            "招商引资",
            "registered_projects",
            "新注册项目",
            "市市场监管局",
            "市场监管所、各乡镇（街道、区）",
            "",
        ]

    def test_a_csv_sheet_in_gb18030(self, cli: Cli, here: Path) -> None:
        text = cli("assign", "-f", "csv").stdout.replace(
            "招商引资,signed_projects,新签约亿元以上项目,,,",
            "招商引资,signed_projects,新签约亿元以上项目, 市招商服务中心 ,,年",
        )
        Path("分工.csv").write_bytes(text.encode("gb18030"))
        result = cli("assign", "分工.csv")
        assert result.code == 0, result.stderr
        assert result.stdout.splitlines()[:2] == [
            "分工.csv:2: 招商引资 · 新签约亿元以上项目：牵头单位 — → 市招商服务中心",  # trimmed
            "分工.csv:2: 招商引资 · 新签约亿元以上项目：报送频次 — → 年",
        ]
        assert "    lead: 市招商服务中心\n" in (here / "plans" / "2023" / "investment.yaml").read_text(encoding="utf-8")

    @pytest.mark.slow  # runs git in a subprocess, over and over
    def test_visible_to_diff_and_history_through_git(self, cli: Cli, here: Path) -> None:
        import subprocess

        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
        subprocess.run([*git, "init", "-q"], cwd=here, check=True)
        subprocess.run([*git, "add", "plans"], cwd=here, check=True)
        subprocess.run([*git, "commit", "-qm", "plan"], cwd=here, check=True)
        lead_everything(written(cli))
        assert cli("assign", SHEET).code == 0
        changed = subprocess.run(["git", "diff", "--numstat"], cwd=here, check=True, capture_output=True, text=True)
        assert changed.stdout.split() == ["1", "0", "plans/2023/investment.yaml"]
        records = json.loads(cli("diff", "-f", "json").stdout)
        assert {(r["indicator_id"], tuple(r["fields"])) for r in records} >= {("signed_projects", ("lead",))}
        assert {(r["old"]["lead"], r["new"]["lead"]) for r in records} == {(None, "市招商服务中心")}
        table = cli("diff").stdout
        assert "≥ 135 个；牵头单位：—" in table and "≥ 135 个；牵头单位：市招商服务中心" in table


class TestDryRun:
    def test_lists_the_changes_and_writes_nothing(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        fill(path, {4: {4: "市招商服务中心", 5: "市直有关部门", 6: "年"}})
        before = snapshot(here)
        result = cli("assign", SHEET, "--dry-run")
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout.splitlines() == [
            "责任分工.xlsx:责任分工:4: 招商引资 · 新签约亿元以上项目：牵头单位 — → 市招商服务中心",
            "责任分工.xlsx:责任分工:4: 招商引资 · 新签约亿元以上项目：责任单位 — → 市直有关部门",
            "责任分工.xlsx:责任分工:4: 招商引资 · 新签约亿元以上项目：报送频次 — → 年",
            "dry run: would make 3 changes to 1 indicator in investment.yaml; nothing was written",
        ]
        assert snapshot(here) == before

    def test_old_to_new(self, cli: Cli, here: Path) -> None:
        lead_everything(written(cli))
        assert cli("assign", SHEET).code == 0
        path = written(cli, "again.xlsx")
        fill(path, {5: {4: "市发改局"}})
        result = cli("assign", "again.xlsx", "--dry-run")
        assert (
            result.stdout.splitlines()[0]
            == "again.xlsx:责任分工:5: 招商引资 · 合同投资额：牵头单位 市招商服务中心 → 市发改局"
        )


@pytest.mark.slow  # the 责任分工 workbook made, filled and read back for each refusal
class TestRefusals:
    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            ({2: "nope"}, "指标ID 'nope' is not an indicator of 招商引资"),
            ({1: "招商", 4: "x"}, "行动 '招商' is not an action of the plan; valid: 招商引资 (investment), "),
            ({6: "每周"}, "报送频次 '每周' is not one of 月、季、半年、年、一次; pick one from the list"),
            (
                {3: "合同投资额"},
                "指标 '合同投资额' is not the name of 指标ID signed_projects (新签约亿元以上项目); "
                "the 指标ID decides: correct one of them",
            ),
            (
                {1: "科技创新"},
                "行动 科技创新 disagrees with 指标ID signed_projects, which is an indicator of 招商引资、项目建设",
            ),
            (
                {4: '="市"&"发改局"'},
                'D4 holds a formula (="市"&"发改局"); type the value itself: formulas are not evaluated',
            ),
            ({4: "市发改局\n市财政局"}, "牵头单位 '市发改局\\n市财政局': a name is one line of text"),
            ({2: None, 4: "市发改局"}, "a row without 指标ID; fill in the rows of the sheet only"),
        ],
    )
    def test_a_bad_cell(self, cli: Cli, here: Path, cells: dict[int, object], message: str) -> None:
        path = written(cli)
        fill(path, {4: cells, 5: {4: "市招商服务中心"}})  # a good row beside it is not written either
        before = snapshot(here)
        result = cli("assign", SHEET)
        assert (result.code, result.stdout) == (2, "")
        first, summary = result.stderr.splitlines()
        assert first.startswith(f"error: 责任分工.xlsx:责任分工:4: {message}")
        assert summary == "error: 1 problem in 责任分工.xlsx; nothing was changed"
        assert snapshot(here) == before

    def test_every_problem_at_once(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        fill(path, {4: {6: "周"}, 9: {2: "nope"}, 17: {3: "谋划"}})
        before = snapshot(here)
        result = cli("assign", SHEET, "--dry-run")
        assert result.code == 2
        assert [line.split(": ")[1] for line in result.stderr.splitlines()] == [
            "责任分工.xlsx:责任分工:4",
            "责任分工.xlsx:责任分工:9",
            "责任分工.xlsx:责任分工:17",
            "3 problems in 责任分工.xlsx; nothing was changed",
        ]
        assert snapshot(here) == before

    def test_a_derived_indicator_has_no_cadence(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        fill(path, {7: {6: "月"}})  # industrial_projects_share: a formula
        before = snapshot(here)
        result = cli("assign", SHEET)
        assert result.stderr == (
            "error: 责任分工.xlsx:责任分工:7: 工业项目占比 is derived by a formula and never reported; leave its 报送频次 empty\n"
            "error: 1 problem in 责任分工.xlsx; nothing was changed\n"
        )
        assert snapshot(here) == before

    def test_a_row_given_twice(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        fill(path, {5: {2: "signed_projects", 3: None, 4: "市发改局"}})
        result = cli("assign", SHEET)
        assert result.stderr.splitlines()[0] == (
            "error: 责任分工.xlsx:责任分工:5: 新签约亿元以上项目 (signed_projects) is already given in row 4; one row per indicator"
        )

    def test_hidden_rows_columns_and_sheets(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        book = load_workbook(path)
        sheet = book["责任分工"]
        sheet.row_dimensions[6].hidden = True
        sheet.column_dimensions["E"].hidden = True
        book.save(path)
        before = snapshot(here / "plans")
        result = cli("assign", SHEET)
        assert result.stderr.splitlines() == [
            "error: 责任分工.xlsx:责任分工:3: column E is hidden: unhide it, so that every cell brought in is seen",
            "error: 责任分工.xlsx:责任分工:6: the row is hidden: unhide it (or clear its filter), so that what is brought in is seen",
            "error: 2 problems in 责任分工.xlsx; nothing was changed",
        ]
        book.active.sheet_state = "hidden"
        book.create_sheet("其他")
        book.save(path)
        hidden = cli("assign", SHEET)
        assert hidden.stderr.splitlines()[0] == (
            "error: 责任分工.xlsx:责任分工: the sheet is hidden: unhide it to check its rows, or delete it; nothing was changed"
        )
        assert snapshot(here / "plans") == before

    def test_csv_problems_at_their_line(self, cli: Cli, here: Path) -> None:
        text = cli("assign", "-f", "csv").stdout.replace(
            "招商引资,contract_investment,合同投资额,,,", "招商引资,contract_investment,合同投资额,,,半月"
        )
        Path("分工.csv").write_text(text, encoding="utf-8")
        before = snapshot(here)
        result = cli("assign", "分工.csv")
        assert (result.code, result.stderr) == (
            2,
            "error: 分工.csv:3: 报送频次 '半月' is not one of 月、季、半年、年、一次; pick one from the list\n"
            "error: 1 problem in 分工.csv; nothing was changed\n",
        )
        assert snapshot(here) == before

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (
                b"a,b\n1,2\n",
                "分工.csv: no 责任分工 sheet: no header row with 指标ID and 牵头单位 (make one with `daye-plan assign`)",
            ),
            (b"\x89PNG\r\n", "分工.csv: not a spreadsheet but a PNG image; import an .xlsx or .csv fill-in sheet"),
        ],
    )
    def test_not_a_sheet(self, cli: Cli, here: Path, data: bytes, message: str) -> None:
        Path("分工.csv").write_bytes(data)
        before = snapshot(here)
        result = cli("assign", "分工.csv")
        assert (result.code, result.stderr) == (2, f"error: {message}\n")
        assert snapshot(here) == before

    def test_a_plan_file_edited_meanwhile_is_not_overwritten(
        self, cli: Cli, here: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from daye_plan.ops import assign

        lead_everything(written(cli))
        real = assign.prepare

        def edit_then(*args: object, **kwargs: object) -> assign.Assignment:
            found = real(*args, **kwargs)  # type: ignore[arg-type]
            (here / "plans" / "2023" / "investment.yaml").write_text("# edited by hand\n", encoding="utf-8")
            return found

        monkeypatch.setattr(assign, "prepare", edit_then)
        result = cli("assign", SHEET)
        assert (result.code, result.stderr) == (
            2,
            "error: plans/2023/investment.yaml: changed while it was being read; run the command again\n",
        )


class TestNearDuplicates:
    @pytest.mark.parametrize(
        ("a", "b", "close"),
        [
            ("市发改局", "市发展改革局", True),
            ("市招商服务中心", "市招商中心", True),
            ("市人社局", "市人力资源和社会保障局", True),
            ("各乡镇(街道、区)", "各乡镇（街道、区）", True),  # widths only
            ("市 财政局", "市财政局", True),
            ("市财政局", "市民政局", False),
            ("市发改委", "市发改局", False),
            ("市局", "市财政局", False),  # too short to be an abbreviation
            ("市财政局", "市财政局", False),  # the same name
        ],
    )
    def test_the_rule(self, a: str, b: str, close: bool) -> None:
        assert duties.near_duplicate(a, b) is close and duties.near_duplicate(b, a) is close

    def test_pointed_out_and_kept_as_typed(self, cli: Cli, here: Path) -> None:
        path = written(cli)
        fill(path, {4: {4: "市发展改革局"}, 5: {4: "市发改局"}, 6: {5: "市招商中心、市招商服务中心"}})
        result = cli("assign", SHEET)
        assert result.code == 0
        assert result.stderr.splitlines() == [
            "warning: 责任分工.xlsx:责任分工:5: '市发改局' looks like 市发展改革局, named already: the same department? "
            "Names are kept as typed",
            "warning: 责任分工.xlsx:责任分工:6: '市招商服务中心' looks like 市招商中心, named already: the same department? "
            "Names are kept as typed",
        ]
        text = (here / "plans" / "2023" / "investment.yaml").read_text(encoding="utf-8")
        assert "lead: 市发改局" in text and "partners: [市招商中心, 市招商服务中心]" in text


def test_partners_split_outside_brackets() -> None:
    assert split_partners("市发改局、各乡镇（街道、区）；市财政局,\n 市直有关部门 、市发改局") == (
        "市发改局",
        "各乡镇（街道、区）",
        "市财政局",
        "市直有关部门",
    )


def test_the_bundled_plans_name_no_departments() -> None:
    assert "lead:" not in (BUNDLED / "investment.yaml").read_text(encoding="utf-8")


def _without(text: str, added: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    for line in added:
        lines.remove(line + "\n")
    return "".join(lines)
