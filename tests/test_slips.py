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
    "[fraction-for-percent] 0.985% 像是小数：是否应为 98.5%？\n",
)
MONTHLY = (
    ["招商引资", "新签约亿元以上项目", "9"],
    "error: 新签约亿元以上项目 = 9 个 as of 2023-04-30 looks like a slip: "
    "[cumulative-fell] 累计数低于 03-31 的 71：是否填了当月数？\n",
)
UNIT = (
    ["招商引资", "合同投资额", "5120000"],
    "error: 合同投资额 = 5120000 亿元 as of 2023-03-31 looks like a slip: "
    "[magnitude] 5120000 亿元是目标 1000 亿元的 5120 倍：单位是否应为万元？（5120000 万元 = 512 亿元）\n",
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
            "[cumulative-fell] 累计数低于 02-28 的 80：是否填了当月数？\n" + HINT,
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
            "[fractional-count] 78.5 个不是整数：按个计数，应为整数\n" + HINT,
        )
        assert snapshot(with_march) == before
        assert cli("record", "招商引资", "新签约亿元以上项目", "78.5", "--as-of", "2023-04-30", "--confirm").code == 0

    def test_two_doubts_are_two_lines_and_two_marks(self, cli: Cli, with_march: Path) -> None:
        result = cli("record", "招商引资", "新签约亿元以上项目", "0.05", "--as-of", "2023-04-30")
        assert result.stderr.splitlines() == [
            "error: 新签约亿元以上项目 = 0.05 个 as of 2023-04-30 looks like a slip: "
            "[cumulative-fell] 累计数低于 03-31 的 71：是否填了当月数？",
            "error: 新签约亿元以上项目 = 0.05 个 as of 2023-04-30 looks like a slip: "
            "[magnitude] 0.05 个不到目标 135 个的千分之一：请核对数值和单位",
            "error: 新签约亿元以上项目 = 0.05 个 as of 2023-04-30 looks like a slip: "
            "[fractional-count] 0.05 个不是整数：按个计数，应为整数",
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
            "[jump] 比 02-28 的 130 小时减少 53.8%，超过允许的 30%：请核对\n" + HINT,
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
            f"{path}:3: warning: [cumulative-fell] 新签约亿元以上项目 as of 2023-04-30: 累计数低于 03-31 的 71：是否填了当月数？",
            f"{path}:4: warning: [magnitude] 合同投资额 as of 2023-03-31: "
            "5120000 亿元是目标 1000 亿元的 5120 倍：单位是否应为万元？（5120000 万元 = 512 亿元）",
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
            "[cumulative-fell] 新签约亿元以上项目 as of 2023-05-31: 累计数低于 04-30 的 9：是否填了当月数？"
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
