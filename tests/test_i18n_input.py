"""What an analyst is told, in Chinese, when `record` or `import` refuses a figure: each refusal
word for word, exit 2, and no file changed. 完成/未完成 are what a task takes in Chinese."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Run, snapshot
from tests.test_slips import TODAY, fill, row, template

Cli = Callable[..., Run]
PREFIXES = ("error: ", "错误：")  # the command line's prefix, whichever language it speaks


def said(result: Run) -> str:
    """The first line of stderr without the command line's `error: ` prefix."""
    first = result.stderr.splitlines()[0]
    for prefix in PREFIXES:
        if first.startswith(prefix):
            return first[len(prefix) :]
    raise AssertionError(first)


@pytest.fixture
def march(cli: Cli, bundled: Path) -> Path:
    """The bundled plans with 新签约亿元以上项目 = 71 as of 03-31 on record."""
    assert cli("record", "招商引资", "新签约亿元以上项目", "71", "--as-of", "2023-03-31").code == 0
    return bundled


def refused(cli: Cli, root: Path, *args: str) -> str:
    before = snapshot(root)
    result = cli(*args, env=TODAY)
    assert (result.code, result.stdout) == (2, "")
    assert snapshot(root) == before
    return said(result)


@pytest.mark.usefixtures("chinese")
class TestRecordInChinese:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["招商引资", "合同投资额", "abc"], "'abc' 不是数字"),
            (["招商引资", "合同投资额", "280億"], "单位 '億' 无法换算为 '亿元'；请使用元、万元、亿元"),
            (["招商引资", "合同投资额", "5", "--unit", "吨"], "单位 '吨' 无法换算为 '亿元'；请使用元、万元、亿元"),
            (["招商引资", "合同投资额", "1,5"], "'1,5' 不是数字：千分位每三位一组（3,500,000），小数点用 '.'"),
            (["招商引资", "合同投资额", "1E+2"], "'1E+2' 不是数字：请完整写出，不用科学计数法"),
            (["招商引资", "合同投资额", "完成"], "合同投资额应录入以亿元为单位的数值，不能是 '完成'"),
            (
                ["文明提升", "“三个全覆盖”", "1"],
                "“三个全覆盖”是任务类指标：请录入“完成”（或“未完成”），不能是 '1'",
            ),
            (["招商引资", "合同投资额", "5", "--as-of", "2022-03-31"], "--as-of 2022-03-31：不在方案年度 2023 内"),
            (
                ["招商引资", "合同投资额", "5", "--as-of", "2023-06-30"],
                "--as-of 2023-06-30：晚于今天（今天是 2023-05-15）",
            ),
            (
                ["招商引资", "合同投资额", "5", "--as-of", "2023-13-45"],
                "--as-of '2023-13-45' 不是日期（请写成 YYYY-MM-DD、YYYY.M.D 或 YYYY年M月D日）",
            ),
            (["招商引资", "合同投资额", "5", "--source", "a\x07b"], "--source 第 2 个字符是控制字符 U+0007；请删除"),
        ],
    )
    def test_a_refusal(self, cli: Cli, bundled: Path, args: list[str], message: str) -> None:
        dated = args if "--as-of" in args else [*args, "--as-of", "2023-03-31"]
        assert refused(cli, bundled, "record", *dated) == message

    @pytest.mark.parametrize(
        ("typed", "day", "message"),
        [
            (
                ["科技创新", "规模以上制造业企业研发机构覆盖率", "0.985"],
                "2023-03-31",
                "规模以上制造业企业研发机构覆盖率 = 0.985%（截至 2023-03-31）疑似填报有误："
                "[fraction-for-percent] 0.985% 像是小数：是否应为 98.5%？",
            ),
            (
                ["招商引资", "新签约亿元以上项目", "9"],
                "2023-04-30",
                "新签约亿元以上项目 = 9 个（截至 2023-04-30）疑似填报有误："
                "[cumulative-fell] 累计数低于 03-31 的 71：是否填了当月数？",
            ),
            (
                ["招商引资", "合同投资额", "5120000"],
                "2023-03-31",
                "合同投资额 = 5120000 亿元（截至 2023-03-31）疑似填报有误："
                "[magnitude] 5120000 亿元是目标 1000 亿元的 5120 倍：单位是否应为万元？（5120000 万元 = 512 亿元）",
            ),
        ],
    )
    def test_the_three_slips(self, cli: Cli, march: Path, typed: list[str], day: str, message: str) -> None:
        assert refused(cli, march, "record", *typed, "--as-of", day) == message

    @pytest.mark.parametrize("word", ["完成", "已完成", "未完成"])
    def test_a_task_takes_the_chinese_words(self, cli: Cli, bundled: Path, word: str) -> None:
        result = cli("record", "文明提升", "“三个全覆盖”", word, "--as-of", "2023-03-31", env=TODAY)
        assert result.code == 0, result.stderr


@pytest.mark.usefixtures("chinese")
class TestImportInChinese:
    def sheet(self, cli: Cli, root: Path, rows: dict[str, dict[str, object]]) -> tuple[Path, int]:
        path = template(cli, root, "招商引资", "investment.xlsx")
        fill(path, "招商引资", rows)
        return path, row(path, "招商引资", next(iter(rows)))

    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            ({"填报数值": "abc"}, "'abc' 不是数字"),
            ({"填报数值": True}, "填报数值 TRUE 不是数值；请填数字，任务类指标填“完成”"),
            ({"填报数值": 5, "填报单位": "吨"}, "单位 '吨' 无法换算为 '亿元'；请使用元、万元、亿元"),
            ({"填报数值": 5, "截至日期": "2022-03-31"}, "截至日期 2022-03-31：不在方案年度 2023 内"),
            (
                {"填报数值": 5, "截至日期": "2023-13-45"},
                "截至日期 '2023-13-45' 不是日期（请写成 YYYY-MM-DD、YYYY.M.D 或 YYYY年M月D日）",
            ),
            ({"填报数值": 5, "确认": "也许"}, "确认 '也许'：请填“是”或“否”（或留空）"),
        ],
    )
    def test_a_malformed_row(self, cli: Cli, bundled: Path, cells: dict[str, object], message: str) -> None:
        path, number = self.sheet(cli, bundled, {"contract_investment": cells})
        before = snapshot(bundled)
        result = cli("import", str(path), env=TODAY)
        assert (result.code, result.stdout) == (2, "")
        assert snapshot(bundled) == before
        lines = result.stderr.splitlines()
        assert said(result) == f"{path}:招商引资:{number}: {message}"
        assert lines[-1].endswith(f"{path} 中有 1 处问题；未录入任何数据")

    def test_a_slip_in_a_row_says_how_to_confirm_it(self, cli: Cli, march: Path) -> None:
        path, number = self.sheet(cli, march, {"signed_projects": {"填报数值": 9}})
        message = refused(cli, march, "import", str(path))
        assert message == (
            f"{path}:招商引资:{number}: 新签约亿元以上项目 = 9 个（截至 2023-04-30）疑似填报有误："
            "[cumulative-fell] 累计数低于 03-31 的 71：是否填了当月数？（如确认无误，在“确认”列填“是”）"
        )

    def test_a_file_that_is_no_sheet(self, cli: Cli, bundled: Path) -> None:
        path = bundled / "notes.csv"
        path.write_bytes(b"")
        assert refused(cli, bundled, "import", str(path)) == f"{path}: 文件为空"
