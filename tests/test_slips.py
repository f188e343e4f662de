"""The everyday slips of issue 14, caught on the way in: `record` refuses them (exact message, exit 2, no file
changed) and keeps a confirmation with the record; `history` shows it; `validate` warns about stored ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MINI_ACTION, MINI_META, Run, snapshot, write_plan

Cli = Callable[..., Run]
HINT = "error: if the figure is right, record it again with --confirm\n"
STORE = Path("plans/2023/actuals")

# The three slips: what the clerk typed, and what record says.
PERCENT = (
    ["科技创新", "规模以上制造业企业研发机构覆盖率", "0.985"],
    "error: 规模以上制造业企业研发机构覆盖率 = 0.985% as of 2023-03-31 looks like a slip: "
    "[fraction-for-percent] 0.985% looks like a fraction: should it be 98.5%?\n",
)
MONTHLY = (
    ["招商引资", "新签约亿元以上项目", "9"],
    "error: 新签约亿元以上项目 = 9 个 as of 2023-04-30 looks like a slip: "
    "[cumulative-fell] the running total is below the 71 of 03-31: was the month's own figure entered?\n",
)
UNIT = (
    ["招商引资", "合同投资额", "5120000"],
    "error: 合同投资额 = 5120000 亿元 as of 2023-03-31 looks like a slip: "
    "[magnitude] 5120000 亿元 is 5120 times the target 1000 亿元: should the unit be 万元? (5120000 万元 = 512 亿元)\n",
)


def lines(root: Path, action: str) -> list[str]:
    return (root / STORE / f"{action}.csv").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def with_march(cli: Cli, bundled: Path) -> Path:
    """The bundled plans with 新签约亿元以上项目 = 71 as of 03-31 on record."""
    assert cli("record", "招商引资", "新签约亿元以上项目", "71", "--as-of", "2023-03-31").code == 0
    return bundled


class TestRecordRefuses:
    @pytest.mark.parametrize(
        ("typed", "message", "day"), [(*PERCENT, "2023-03-31"), (*MONTHLY, "2023-04-30"), (*UNIT, "2023-03-31")]
    )
    def test_each_slip_is_refused_with_the_likely_mistake(
        self, cli: Cli, with_march: Path, typed: list[str], message: str, day: str
    ) -> None:
        before = snapshot(with_march)
        result = cli("record", *typed, "--as-of", day)
        assert (result.code, result.stdout, result.stderr) == (2, "", message + HINT)
        assert snapshot(with_march) == before

    @pytest.mark.parametrize(
        ("typed", "day", "stored"),
        [
            (
                PERCENT[0],
                "2023-03-31",
                "规模以上制造业企业研发机构覆盖率 = 0.985% as of 2023-03-31 (0.985%; confirmed: fraction-for-percent)",
            ),
            (MONTHLY[0], "2023-04-30", "新签约亿元以上项目 = 9 个 as of 2023-04-30 (9个; confirmed: cumulative-fell)"),
            (UNIT[0], "2023-03-31", "合同投资额 = 5120000 亿元 as of 2023-03-31 (5120000亿元; confirmed: magnitude)"),
        ],
    )
    def test_confirm_records_it_and_keeps_the_confirmation(
        self, cli: Cli, with_march: Path, typed: list[str], day: str, stored: str
    ) -> None:
        result = cli("record", *typed, "--as-of", day, "--confirm")
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout == f"recorded: {typed[0]} · {stored}\n"
        check = stored.split("confirmed: ")[1].rstrip(")")
        action = {"科技创新": "innovation", "招商引资": "investment"}[typed[0]]
        assert lines(with_march, action)[-1].endswith(f",confirmed:{check}")
        history = json.loads(cli("history", typed[0], typed[1], "-f", "json").stdout)
        assert history[-1]["confirmed"] == [check]

    def test_a_record_written_before_an_existing_one_is_blamed_for_it(self, cli: Cli, with_march: Path) -> None:
        before = snapshot(with_march)
        result = cli("record", "招商引资", "新签约亿元以上项目", "80", "--as-of", "2023-02-28")
        assert (result.code, result.stderr) == (
            2,
            "error: 新签约亿元以上项目 = 80 个 as of 2023-02-28 makes the record of 2023-03-31 (71 个) look like a slip: "
            "[cumulative-fell] the running total is below the 80 of 02-28: was the month's own figure entered?\n"
            + HINT,
        )
        assert snapshot(with_march) == before

    def test_a_correction_for_the_same_date_is_not_compared_with_the_figure_it_replaces(
        self, cli: Cli, with_march: Path
    ) -> None:
        assert cli("record", "招商引资", "新签约亿元以上项目", "60", "--as-of", "2023-03-31").code == 0

    def test_a_fractional_count_may_be_confirmed(self, cli: Cli, with_march: Path) -> None:
        before = snapshot(with_march)
        result = cli("record", "招商引资", "新签约亿元以上项目", "78.5", "--as-of", "2023-04-30")
        assert (result.code, result.stderr) == (
            2,
            "error: 新签约亿元以上项目 = 78.5 个 as of 2023-04-30 looks like a slip: "
            "[fractional-count] 78.5 个 is not a whole number: a count in 个 is whole\n" + HINT,
        )
        assert snapshot(with_march) == before
        assert cli("record", "招商引资", "新签约亿元以上项目", "78.5", "--as-of", "2023-04-30", "--confirm").code == 0

    def test_two_doubts_are_two_lines_and_two_marks(self, cli: Cli, with_march: Path) -> None:
        result = cli("record", "招商引资", "新签约亿元以上项目", "0.05", "--as-of", "2023-04-30")
        assert result.stderr.splitlines() == [
            "error: 新签约亿元以上项目 = 0.05 个 as of 2023-04-30 looks like a slip: "
            "[cumulative-fell] the running total is below the 71 of 03-31: was the month's own figure entered?",
            "error: 新签约亿元以上项目 = 0.05 个 as of 2023-04-30 looks like a slip: "
            "[magnitude] 0.05 个 is less than a thousandth of the target 135 个: please check the figure and its unit",
            "error: 新签约亿元以上项目 = 0.05 个 as of 2023-04-30 looks like a slip: "
            "[fractional-count] 0.05 个 is not a whole number: a count in 个 is whole",
            HINT.strip(),
        ]
        assert cli("record", "招商引资", "新签约亿元以上项目", "0.05", "--as-of", "2023-04-30", "--confirm").code == 0
        assert lines(with_march, "investment")[-1].endswith(
            ",confirmed:cumulative-fell;confirmed:magnitude;confirmed:fractional-count"
        )

    def test_confirm_without_a_doubt_leaves_no_mark(self, cli: Cli, with_march: Path) -> None:
        result = cli("record", "招商引资", "新签约亿元以上项目", "80", "--as-of", "2023-04-30", "--confirm")
        assert result.stdout == "recorded: 招商引资 · 新签约亿元以上项目 = 80 个 as of 2023-04-30 (80个)\n"
        assert lines(with_march, "investment")[-1].endswith(",")  # an empty flags cell

    def test_a_milestone_is_never_doubted(self, cli: Cli, bundled: Path) -> None:
        for state, day in (("done", "2023-03-31"), ("open", "2023-04-30"), ("done", "2023-05-31")):
            result = cli("record", "environment", "business_lifecycle_convenience", state, "--as-of", day)
            assert (result.code, result.stderr) == (0, "")


class TestJump:
    META = MINI_META + "jump_tolerance: 30\n"

    def test_a_level_figure_jumping_beyond_the_plans_tolerance(
        self, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        write_plan(tmp_path, self.META, alpha=MINI_ACTION)
        monkeypatch.setenv("DAYE_PLAN_ROOT", str(tmp_path))
        assert cli("record", "alpha", "tax_hours", "100", "--as-of", "2023-01-31").code == 0
        assert cli("record", "alpha", "tax_hours", "130", "--as-of", "2023-02-28").code == 0  # exactly 30%
        before = snapshot(tmp_path)
        result = cli("record", "alpha", "tax_hours", "60", "--as-of", "2023-03-31")
        assert (result.code, result.stderr) == (
            2,
            "error: 纳税缴费时间 = 60 小时 as of 2023-03-31 looks like a slip: "
            "[jump] 53.8% below the 130 小时 of 02-28, more than the 30% allowed: please check\n" + HINT,
        )
        assert snapshot(tmp_path) == before


class TestHistory:
    def test_the_table_and_markdown_mark_a_confirmed_record(self, cli: Cli, with_march: Path) -> None:
        cli("record", *UNIT[0], "--as-of", "2023-03-31", "--confirm")
        table = cli("history", "招商引资", "合同投资额").stdout
        assert "有效 · 已确认：单位量级" in table
        md = cli("history", "招商引资", "-f", "md").stdout
        assert "| 有效 · 已确认：单位量级 |" in md
        csv_text = cli("history", "招商引资", "-f", "csv").stdout.splitlines()
        assert csv_text[0].endswith(",committed,confirmed")
        assert csv_text[-1].endswith(",magnitude")


class TestValidate:
    """Stored series are checked too: a doubt nobody confirmed is a warning at its line (exit 0, 1 with --strict)."""

    def store(self, root: Path, body: str) -> Path:
        path = root / STORE / "investment.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("indicator,as_of,value,unit,entered,source,note,by,at\n" + body, encoding="utf-8")
        return path

    def test_a_doubt_in_a_store_is_a_warning_at_its_line(self, cli: Cli, bundled: Path) -> None:
        path = self.store(
            bundled,
            "signed_projects,2023-03-31,71,个,71个,,,,\n"
            "signed_projects,2023-04-30,9,个,9个,,,,\n"
            "contract_investment,2023-03-31,5120000,亿元,5120000,,,,\n",
        )
        before = snapshot(bundled)
        result = cli("validate")
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout.splitlines() == [
            f"{path}:3: warning: [cumulative-fell] 新签约亿元以上项目 as of 2023-04-30: the running total is below the 71 of 03-31: was the month's own figure entered?",
            f"{path}:4: warning: [magnitude] 合同投资额 as of 2023-03-31: "
            "5120000 亿元 is 5120 times the target 1000 亿元: should the unit be 万元? (5120000 万元 = 512 亿元)",
            "ok: 8 actions, 139 indicators, 155 targets, 3 actuals, 2 warnings",
        ]
        assert cli("validate", "--strict").code == 1
        assert snapshot(bundled) == before

    def test_a_confirmed_record_is_not_warned_about(self, cli: Cli, bundled: Path) -> None:
        self.store(
            bundled,
            "signed_projects,2023-03-31,71,个,71个,,,,\n"
            "signed_projects,2023-04-30,9,个,9个,,,,,confirmed:cumulative-fell\n"
            "signed_projects,2023-05-31,3,个,3个,,,,\n",  # falls again: its own doubt, not confirmed
        )
        result = cli("validate", "--strict")
        assert result.code == 1
        assert [line.split(": warning: ")[1] for line in result.stdout.splitlines()[:-1]] == [
            "[cumulative-fell] 新签约亿元以上项目 as of 2023-05-31: the running total is below the 9 of 04-30: was the month's own figure entered?"
        ]

    def test_a_confirmed_figure_written_before_an_existing_one_answers_its_doubt(
        self, cli: Cli, with_march: Path
    ) -> None:
        assert cli("record", "招商引资", "新签约亿元以上项目", "80", "--as-of", "2023-02-28", "--confirm").code == 0
        result = cli("validate", "--strict")
        assert (result.code, result.stdout) == (0, "ok: 8 actions, 139 indicators, 155 targets, 2 actuals\n")

    def test_a_superseding_record_without_the_mark_brings_the_warning_back(self, cli: Cli, with_march: Path) -> None:
        cli("record", *MONTHLY[0], "--as-of", "2023-04-30", "--confirm")
        assert cli("validate", "--strict").code == 0
        cli("record", "招商引资", "新签约亿元以上项目", "8", "--as-of", "2023-04-30", "--confirm")  # still a drop
        assert cli("validate", "--strict").code == 0  # confirmed again
        path = with_march / STORE / "investment.csv"
        path.write_text(
            path.read_text(encoding="utf-8") + "signed_projects,2023-04-30,7,个,7个,,,,,\n", encoding="utf-8"
        )
        assert "warning: [cumulative-fell]" in cli("validate").stdout


TODAY = {"DAYE_PLAN_TODAY": "2023-05-15"}
IMPORT_HINT = "error: if the figures are right, put 是 in their 确认 column, or import the sheet with --confirm\n"


def template(cli: Cli, root: Path, action: str, name: str = "sheet.xlsx") -> Path:
    out = root / name
    result = cli("template", "--action", action, "--as-of", "2023-04-30", "--out", str(out), env=TODAY)
    assert result.code == 0, result.stderr
    return out


def fill(path: Path, sheet: str, rows: dict[str, dict[str, object]], formats: dict[str, str] | None = None) -> int:
    """Fill rows by indicator id ({column header: value}); returns the first row filled."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    page = book[sheet]
    columns = {cell.value: cell.column_letter for cell in page[4]}
    first = 0
    for indicator_id, cells in rows.items():
        number = next(cell.row for cell in page["A"] if cell.value == indicator_id)
        first = first or number
        for header, value in cells.items():
            page[f"{columns[header]}{number}"] = value
            if formats and header in formats:
                page[f"{columns[header]}{number}"].number_format = formats[header]
    book.save(path)
    return first


def row(path: Path, sheet: str, indicator_id: str) -> int:
    import openpyxl

    return next(cell.row for cell in openpyxl.load_workbook(path)[sheet]["A"] if cell.value == indicator_id)


class TestImport:
    """Each slip as a sheet row: every one listed at FILE:sheet:row, nothing written; 是 or --confirm accepts."""

    def slips(self, cli: Cli, root: Path) -> tuple[Path, Path]:
        investment = template(cli, root, "招商引资", "investment.xlsx")
        fill(investment, "招商引资", {"signed_projects": {"填报数值": 9}, "contract_investment": {"填报数值": 5120000}})
        innovation = template(cli, root, "科技创新", "innovation.xlsx")
        fill(innovation, "科技创新", {"rd_institution_coverage": {"填报数值": 0.985, "截至日期": "3月31日"}})
        return investment, innovation

    def test_each_slip_is_listed_at_its_row_and_nothing_is_written(self, cli: Cli, with_march: Path) -> None:
        investment, innovation = self.slips(cli, with_march)
        before = snapshot(with_march)
        signed, money = (
            row(investment, "招商引资", "signed_projects"),
            row(investment, "招商引资", "contract_investment"),
        )
        result = cli("import", str(investment), env=TODAY)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            f"error: {investment}:招商引资:{signed}: 新签约亿元以上项目 = 9 个 as of 2023-04-30 looks like a slip: "
            "[cumulative-fell] the running total is below the 71 of 03-31: was the month's own figure entered? (if the figure is right, write “是” in the “确认” column)\n"
            f"error: {investment}:招商引资:{money}: 合同投资额 = 5120000 亿元 as of 2023-04-30 looks like a slip: "
            "[magnitude] 5120000 亿元 is 5120 times the target 1000 亿元: should the unit be 万元? (5120000 万元 = 512 亿元)"
            " (if the figure is right, write “是” in the “确认” column)\n"
            f"error: 2 figures in {investment} look like slips; nothing was recorded\n" + IMPORT_HINT
        )
        coverage = row(innovation, "科技创新", "rd_institution_coverage")
        result = cli("import", str(innovation), env=TODAY)
        assert (result.code, result.stderr.splitlines()[0]) == (
            2,
            f"error: {innovation}:科技创新:{coverage}: 规模以上制造业企业研发机构覆盖率 = 0.985% as of 2023-03-31 "
            "looks like a slip: [fraction-for-percent] 0.985% looks like a fraction: should it be 98.5%? (if the figure is right, write “是” in the “确认” column)",
        )
        assert cli("import", str(investment), "--dry-run", env=TODAY).code == 2
        assert snapshot(with_march) == before

    def test_confirm_accepts_the_sheet_and_lists_what_it_confirmed(self, cli: Cli, with_march: Path) -> None:
        investment, innovation = self.slips(cli, with_march)
        signed = row(investment, "招商引资", "signed_projects")
        result = cli("import", str(investment), "--confirm", env=TODAY)
        assert (result.code, result.stderr) == (0, "")
        out = result.stdout.splitlines()
        assert out[0] == (
            f"confirmed: {investment}:招商引资:{signed}: 新签约亿元以上项目 = 9 个 as of 2023-04-30 looks like a slip: "
            "[cumulative-fell] the running total is below the 71 of 03-31: was the month's own figure entered?"
        )
        assert out[1].startswith("confirmed: ") and "[magnitude]" in out[1]
        assert out[2].startswith("imported 招商引资: 2 records as of 2023-04-30 from investment.xlsx")
        stored = lines(with_march, "investment")
        assert stored[-2].endswith(",confirmed:cumulative-fell") and stored[-1].endswith(",confirmed:magnitude")
        assert cli("import", str(innovation), "--confirm", env=TODAY).code == 0
        last = lines(with_march, "innovation")[-1]
        assert last.startswith("rd_institution_coverage,2023-03-31,0.985,%,0.985%,")
        assert last.endswith(",confirmed:fraction-for-percent")

    def test_the_confirm_column_accepts_its_row_only(self, cli: Cli, with_march: Path) -> None:
        investment, _ = self.slips(cli, with_march)
        fill(investment, "招商引资", {"signed_projects": {"确认": "是"}})
        before = snapshot(with_march)
        result = cli("import", str(investment), env=TODAY)
        assert result.code == 2
        assert [line.split(": ")[2][:5] for line in result.stderr.splitlines()[:1]] == ["合同投资额"]
        assert snapshot(with_march) == before
        fill(investment, "招商引资", {"contract_investment": {"确认": "是"}})
        result = cli("import", str(investment), env=TODAY)
        assert (result.code, result.stderr) == (0, "")
        assert [line[:10] for line in result.stdout.splitlines()] == ["confirmed:", "confirmed:", "imported 招"]

    def test_a_confirm_cell_that_is_neither_yes_nor_no(self, cli: Cli, with_march: Path) -> None:
        investment, _ = self.slips(cli, with_march)
        number = fill(investment, "招商引资", {"signed_projects": {"确认": "可能"}})
        before = snapshot(with_march)
        result = cli("import", str(investment), env=TODAY)
        assert (result.code, result.stderr.splitlines()[0]) == (
            2,
            f"error: {investment}:招商引资:{number}: 确认 '可能': write 是 or 否 (or leave it empty)",
        )
        assert snapshot(with_march) == before

    def test_a_percent_cell_is_converted_without_asking(self, cli: Cli, bundled: Path) -> None:
        innovation = template(cli, bundled, "科技创新")
        fill(innovation, "科技创新", {"rd_institution_coverage": {"填报数值": 0.985}}, {"填报数值": "0.0%"})
        result = cli("import", str(innovation), env=TODAY)
        assert (result.code, result.stderr) == (0, "")
        assert lines(bundled, "innovation")[-1].startswith("rd_institution_coverage,2023-04-30,98.5,%,98.5%,")
        assert lines(bundled, "innovation")[-1].endswith(",")  # no mark: nothing was doubted

    def test_rows_of_one_indicator_are_judged_together(self, cli: Cli, bundled: Path) -> None:
        """A CSV sheet carrying 03-31 and 04-30: the April figure is compared with the March one beside it."""
        sheet = bundled / "sheet.csv"
        sheet.write_text(
            "行动,指标ID,填报数值,截至日期\n招商引资,signed_projects,71,2023-03-31\n招商引资,signed_projects,9,2023-04-30\n",
            encoding="utf-8",
        )
        before = snapshot(bundled)
        result = cli("import", str(sheet), env=TODAY)
        assert (result.code, result.stderr.splitlines()[0]) == (
            2,
            f"error: {sheet}:3: 新签约亿元以上项目 = 9 个 as of 2023-04-30 looks like a slip: "
            "[cumulative-fell] the running total is below the 71 of 03-31: was the month's own figure entered? (if the figure is right, write “是” in the “确认” column)",
        )
        assert snapshot(bundled) == before

    def test_a_stored_doubt_is_confirmed_by_importing_the_row_again_with_yes(self, cli: Cli, with_march: Path) -> None:
        path = with_march / STORE / "investment.csv"
        path.write_text(
            path.read_text(encoding="utf-8") + "signed_projects,2023-04-30,9,个,9个,,,,,\n", encoding="utf-8"
        )
        sheet = with_march / "sheet.csv"
        sheet.write_text(
            "行动,指标ID,填报数值,截至日期,确认\n招商引资,signed_projects,9,2023-04-30,\n", encoding="utf-8"
        )
        again = cli("import", str(sheet), env=TODAY)
        assert again.stdout.startswith("nothing new in")  # the same figure: not doubted again, not written
        sheet.write_text(
            "行动,指标ID,填报数值,截至日期,确认\n招商引资,signed_projects,9,2023-04-30,是\n", encoding="utf-8"
        )
        result = cli("import", str(sheet), env=TODAY)
        assert result.stdout.splitlines()[-1].startswith("imported 招商引资: 1 record")
        assert lines(with_march, "investment")[-1].endswith(",confirmed:cumulative-fell")
        assert cli("validate", "--strict").code == 0
        assert cli("import", str(sheet), env=TODAY).stdout.startswith("nothing new in")


def test_the_readme_documents_every_check_and_flag() -> None:
    from tests.conftest import REPO

    from daye_plan.ops.plausibility import CHECKS
    from daye_plan.ops.reporting import FLAGS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Checks on every figure") :]
    assert all(f"| `{check}` |" in section for check in CHECKS)
    assert all(f"`{flag}`" in readme for flag in FLAGS)
    assert "indicator,as_of,value,unit,entered,source,note,by,at,flags" in section
