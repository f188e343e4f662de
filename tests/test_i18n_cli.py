"""The command line speaks Chinese by default and English on request: its help, Click's usage
mistakes, the `错误：` prefix and the commands' own refusals, word for word in both languages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.conftest import Run, snapshot
from tests.test_i18n import _run

from daye_plan import __version__, i18n

Cli = Callable[..., Run]
EN, ZH = i18n.ENGLISH, i18n.CHINESE


@pytest.fixture(params=[EN, ZH])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test once in English and once in Chinese."""
    i18n.use(request.param)
    try:
        yield request.param
    finally:
        i18n.use(EN)


def say(language: str, english: str, chinese: str) -> str:
    return english if language == EN else chinese


# (arguments, English, Chinese): refusals made before anything is read or written.
REFUSALS = [
    (["status", "--format", "xlsx"], "--format xlsx: an Excel workbook goes to a file; name it with --out FILE",
     "--format xlsx: Excel 工作簿只能写入文件；请用 --out FILE 指定文件名"),
    (["status", "--out", "s.txt"], "--out: the table is for the screen; pass --format json, csv, md or xlsx to write "
     "a file", "--out：表格只显示在屏幕上；要写入文件，请用 --format json、csv、md 或 xlsx"),
    (["status", "--bom", "--format", "json"], "--bom: only for --format csv", "--bom: 仅用于 --format csv"),
    (["status", "--missing", "--behind"], "--missing and --behind exclude each other",
     "--missing 与 --behind 不能同时使用"),
    (["status", "--missing", "--format", "xlsx", "--out", "m.xlsx"],
     "--format xlsx: not a format of this command; use table, json, csv or md",
     "--format xlsx：本命令没有这种格式；可用 table、json、csv 或 md"),
    (["import", "sheet.csv", "--dry-run", "--commit"], "--dry-run and --commit exclude each other",
     "--dry-run 与 --commit 不能同时使用"),
    (["history", "alpha", "--chart"], "--chart draws one indicator: name INDICATOR after the action",
     "--chart 只绘制一个指标：请在行动之后写明 INDICATOR（指标）"),
    (["history", "alpha", "signed", "--chart", "--format", "json"], "--chart draws on the terminal: leave out --format",
     "--chart 在终端中绘图：请去掉 --format"),
    (["history", "alpha", "--as-of", "2023-03-31"], "--period and --as-of choose what --chart draws: add --chart",
     "--period 和 --as-of 用于选择 --chart 绘制的内容：请加 --chart"),
    (["--year", "2023", "status", "--year", "2024"], "--year 2023 before the command and --year 2024 after it; give "
     "one", "命令前为 --year 2023，命令后为 --year 2024；请只指定一个"),
    (["report", "--as-of", "2023-03-31", "--since", "2023-04-30"],
     "--since 2023-04-30: must be before the report's date 2023-03-31", "--since 2023-04-30: 应早于报告日期 2023-03-31"),
    (["status", "--zzz"], "No such option: --zzz (see `daye-plan status --help`)",
     "没有这个选项：--zzz（参见 `daye-plan status --help`）"),
    (["status", "--forma", "csv"], "No such option: --forma (did you mean --bom, --force or --format?) (see "
     "`daye-plan status --help`)", "没有这个选项：--forma（是否要用 --bom、--force 或 --format？）（参见 "
     "`daye-plan status --help`）"),
    (["record", "alpha", "signed", "5"], "Missing option '--as-of' (see `daye-plan record --help`)",
     "缺少选项 '--as-of'（参见 `daye-plan record --help`）"),
    (["record", "alpha"], "Missing argument 'indicator' (see `daye-plan record --help`)",
     "缺少参数 'indicator'（参见 `daye-plan record --help`）"),
    (["status", "--format", "pdf"], "--format pdf: not a format of this command; use table, json, csv, md or xlsx",
     "--format pdf：本命令没有这种格式；可用 table、json、csv、md 或 xlsx"),
    (["--year", "abc", "targets"], "Invalid value for '--year': 'abc' is not a whole number (see `daye-plan --help`)",
     "'--year' 的值无效：'abc' 不是整数（参见 `daye-plan --help`）"),
    (["schema", "extra"], "Got unexpected extra argument: extra (see `daye-plan schema --help`)",
     "多余的参数：extra（参见 `daye-plan schema --help`）"),
    (["status", "--as-of"], "Option '--as-of' requires a value", "选项 '--as-of' 需要一个值"),
]  # fmt: skip


class TestRefusals:
    @pytest.mark.parametrize(("args", "english", "chinese"), REFUSALS)
    def test_one_line_exit_2_nothing_changed(
        self, cli: Cli, mini: Path, language: str, args: list[str], english: str, chinese: str
    ) -> None:
        (mini / "sheet.csv").write_text("行动,指标ID,填报数值,截至日期\n", encoding="utf-8")
        before = snapshot(mini)
        result = cli(*args)
        line = say(language, f"error: {english}", f"错误：{chinese}")
        assert (result.code, result.stdout, result.stderr) == (2, "", line + "\n")
        assert snapshot(mini) == before

    def test_init_without_a_year(self, cli: Cli, tmp_path: Path, language: str) -> None:
        result = cli("--root", str(tmp_path), "init")
        said = say(
            language,
            "error: --year: give the year of the plan to start, e.g. --year 2024",
            "错误：--year: 请指定要新建的方案年度，如 --year 2024",
        )
        assert (result.code, result.stderr) == (2, said + "\n")
        assert list(tmp_path.iterdir()) == []

    def test_init_never_writes_over_a_plan(self, cli: Cli, mini: Path, language: str) -> None:
        before = snapshot(mini)
        result = cli("init", "--year", "2023")
        where = mini / "plans" / "2023"
        said = say(
            language,
            f"error: {where}: exists; init never writes over a plan",
            f"错误：{where}: 已存在；init 不会覆盖已有方案",
        )
        assert (result.code, result.stderr) == (2, said + "\n")
        assert snapshot(mini) == before

    def test_init_with_a_root_that_is_not_there(self, cli: Cli, tmp_path: Path, language: str) -> None:
        result = cli("--root", str(tmp_path / "none"), "init", "--year", "2024")
        said = say(language, "no such folder", "文件夹不存在")
        prefix = say(language, "error: ", "错误：")
        assert (result.code, result.stderr) == (2, f"{prefix}--root {tmp_path / 'none'}: {said}\n")
        assert list(tmp_path.iterdir()) == []

    def test_out_into_the_project_s_data(self, cli: Cli, mini: Path, language: str) -> None:
        before = snapshot(mini)
        out = mini / "plans" / "2023" / "s.csv"
        result = cli("status", "--format", "csv", "--out", str(out))
        said = say(
            language,
            f"error: --out {out}: that is the project's own data (plans/ or .git/); write the file elsewhere",
            f"错误：--out {out}: 这是项目自身的数据（plans/ 或 .git/）；请将文件写到别处",
        )
        assert (result.code, result.stderr) == (2, said + "\n")
        assert snapshot(mini) == before

    def test_out_over_an_existing_file(self, cli: Cli, mini: Path, tmp_path: Path, language: str) -> None:
        out = mini / "s.csv"
        out.write_text("kept\n", encoding="utf-8")
        result = cli("status", "--format", "csv", "--out", str(out))
        said = say(
            language,
            f"error: --out {out}: the file exists; pass --force to overwrite it",
            f"错误：--out {out}: 文件已存在；如需覆盖，请加 --force",
        )
        assert (result.code, result.stderr) == (2, said + "\n")
        assert out.read_text(encoding="utf-8") == "kept\n"


class TestSummaries:
    def test_validate_says_ok_with_counts(self, cli: Cli, mini: Path, language: str) -> None:
        result = cli("validate")
        said = say(
            language,
            "ok: 1 action, 4 indicators, 5 targets, 0 actuals",
            "校验通过：1 项行动，4 个指标，5 个目标，0 条实绩",
        )
        assert (result.code, result.stdout) == (0, said + "\n")


@pytest.mark.slow
class TestProcess:
    """A real process with no language set speaks Chinese: the help is made at import."""

    def test_the_app_s_help_lists_every_command_in_chinese(self) -> None:
        result = _run("--help")
        assert (result.returncode, result.stderr) == (0, "")
        for line in [
            "  用 git 中的纯文本文件跟踪方案目标：新建和校验方案，录入实绩，查看进度。",
            "  --version             显示版本号并退出。",
            "  init      新建一个年度的方案文件夹。",
            "  lint      检查方案自身及其与原文是否一致。",
            "  validate  校验全部方案文件和实绩台账。",
            "  targets   按行动分组列出方案的目标。",
            "  schema    输出方案文件的 JSON Schema。",
            "  record    录入一个实绩数据。",
            "  status    查看各目标的进度和红黄绿灯。",
            "  history   按录入顺序列出某一行动的全部记录。",
            "  report    写出可供督查室印发的进度通报。",
            "  template  生成发给各单位的填报表。",
            "  import    导入已填好的填报表，要么全部录入，要么一条不录。",
            "  diff      列出某个 git 版本与工作区之间的目标调整。",
        ]:
            assert line + "\n" in result.stdout

    def test_english_on_request(self) -> None:
        result = _run("--help", DAYE_PLAN_LANG="en")
        assert "  record    Record an actual figure; a later record for the same..." in result.stdout
        assert "录入一个实绩数据" not in result.stdout

    def test_a_command_s_help_keeps_its_examples(self) -> None:
        result = _run("status", "--help")
        assert "  示例：daye-plan status --action 招商引资 --as-of 3月31日 --behind\n" in result.stdout
        assert "只列出亮黄灯或红灯的目标。" in result.stdout

    def test_the_version_is_the_same_in_both_languages(self) -> None:
        chinese, english = _run("--version"), _run("--version", DAYE_PLAN_LANG="en")
        assert (chinese.returncode, chinese.stdout, chinese.stderr) == (0, f"daye-plan {__version__}\n", "")
        assert (english.returncode, english.stdout) == (0, f"daye-plan {__version__}\n")

    def test_a_usage_mistake(self) -> None:
        chinese, english = _run("nosuch"), _run("nosuch", DAYE_PLAN_LANG="en")
        assert chinese.returncode == english.returncode == 2
        assert chinese.stderr.startswith("错误：") and chinese.stderr.count("\n") == 1
        assert english.stderr.startswith("error: No such command 'nosuch'")
